"""Network: actors, incidents, organisations and sectors as an interactive graph, filtered by
date window, sector, country and modality. Click a node to open its page (actor, incident or
victim; a sector narrows the filter to it)."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from dashboard.components.network import chart_spec, picked_node
from dashboard.components.safe import frame
from dashboard.connection import as_of, read
from graph.views import MODALITIES, date_bounds, facets, network_edges

st.title("Network")
at = as_of()

bounds = read(date_bounds, as_of=at)
last = bounds.last or date.today()
first = bounds.first or last - timedelta(days=90)
options = read(facets)

f = st.columns([3, 2, 2, 2, 2])
picked = f[0].date_input(
    "Window (incident dates)",
    value=(max(first, last - timedelta(days=365)), last),
    key="network_window",
)
start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (first, last)
if "network_sector" not in st.session_state and st.query_params.get("sector"):
    st.session_state["network_sector"] = st.query_params.get("sector")
sector = f[1].selectbox("Sector", [None, *options.sectors], key="network_sector")
country = f[2].selectbox("Country", [None, *options.countries], key="network_country")
modality = f[3].selectbox(
    "Modality", [None, *(m for m in MODALITIES if m != "denied")], key="network_modality"
)
limit = f[4].number_input("Max incidents", 10, 1000, 150, step=50, key="network_limit")

edges = read(
    network_edges,
    start=start,
    end=end,
    sector=sector,
    country=country,
    modality=modality,
    limit=int(limit),
    as_of=at,
)
st.caption(f"{len(edges)} actor → incident links. Click a node to open it; hover for its name.")
if not edges:
    st.info("Nothing matches these filters.")
    st.stop()

event = st.vega_lite_chart(
    spec=chart_spec(tuple(edges)), width="stretch", on_select="rerun", key="network_chart"
)
hit = picked_node(event)
if hit is not None:
    kind, key = hit
    if kind == "actor":
        st.switch_page("screens/actor.py", query_params={"actor": key})
    elif kind == "incident":
        st.switch_page("screens/incident.py", query_params={"incident": key})
    elif kind == "org":
        st.switch_page("screens/incident.py", query_params={"victim": key})
    elif kind == "sector" and key != sector:
        st.session_state.pop("network_sector", None)
        st.query_params["sector"] = key
        st.rerun()

with st.expander("Links as a table"):
    st.dataframe(
        frame(
            {
                "date": e.first_seen,
                "actor": e.actor,
                "modality": e.modality,
                "victim": e.org,
                "sectors": e.sectors,
            }
            for e in edges
        ),
        hide_index=True,
        width="stretch",
    )
