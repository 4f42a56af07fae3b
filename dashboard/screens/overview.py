"""Overview: counts; new incidents and new actors in the chosen window; a weekly timeline by
status; top actors, sectors and countries; the latest incidents (select one to open it)."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import streamlit as st

from dashboard.components.safe import frame
from dashboard.connection import as_of, read
from graph.repository import fact_counts
from graph.views import date_bounds, window_overview

st.title("Overview")

at = as_of()
bounds = read(date_bounds, as_of=at)
last = bounds.last or at or date.today()
first = bounds.first or last - timedelta(days=90)
default_start = max(first, last - timedelta(days=365))
picked = st.date_input(
    "Window (incident dates)",
    value=(default_start, last),
    min_value=min(first, default_start),
    max_value=max(last, date.today()),
    key="overview_window",
)
start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (first, last)

counts = read(fact_counts, as_of=at)
view = read(window_overview, start=start, end=end, top=10, as_of=at)

c = st.columns(7)
c[0].metric("Actors", f"{counts.actors:,}")
c[1].metric("Victims", f"{counts.organizations:,}")
c[2].metric("Incidents", f"{counts.incidents:,}")
c[3].metric("Claims", f"{counts.claims:,}")
c[4].metric("Reports", f"{counts.reports:,}")
c[5].metric("Incidents in window", f"{view.new_incidents:,}")
c[6].metric("New actors in window", f"{view.new_actors:,}")

st.subheader("Timeline")
timeline = frame(
    {"week": p.week, "status": p.status, "incidents": p.incidents} for p in view.timeline
)
if timeline.empty:
    st.info("No incident in this window.")
else:
    st.altair_chart(
        alt.Chart(timeline)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title="week"),
            y=alt.Y("incidents:Q", stack=True),
            color=alt.Color("status:N", sort=["confirmed", "reported", "claimed", "denied"]),
            tooltip=["week:T", "status:N", "incidents:Q"],
        )
        .properties(height=240),
        width="stretch",
    )


def _bars(rows: list[dict[str, object]], what: str) -> None:
    data = frame(rows, columns=[what, "incidents"])
    if data.empty:
        st.caption("Nothing in this window.")
        return
    st.altair_chart(
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("incidents:Q"),
            y=alt.Y(f"{what}:N", sort="-x", title=None),
            tooltip=[f"{what}:N", "incidents:Q"],
        )
        .properties(height=max(120, 40 + 28 * len(data))),
        width="stretch",
    )


left, mid, right = st.columns(3)
with left:
    st.subheader("Top actors")
    _bars([{"actor": r.name, "incidents": r.count} for r in view.top_actors], "actor")
with mid:
    st.subheader("Top sectors")
    _bars([{"sector": r.name, "incidents": r.count} for r in view.top_sectors], "sector")
with right:
    st.subheader("Top countries")
    _bars([{"country": r.name, "incidents": r.count} for r in view.top_countries], "country")

st.subheader("New actors in the window")
new_actors = frame(({"actor": r.name} for r in view.new_actor_names), columns=["actor"])
st.dataframe(new_actors, hide_index=True, width="stretch")

st.subheader("Latest incidents")
st.caption("Select a row to open the incident.")
recent = frame(
    (
        {
            "date": r.first_seen,
            "victim": r.victim,
            "actors": r.actors,
            "status": r.status,
        }
        for r in view.recent
    ),
    columns=["date", "victim", "actors", "status"],
)
event = st.dataframe(
    recent,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="overview_recent",
)
rows = event.selection.rows if event is not None else []
if rows:
    st.switch_page("screens/incident.py", query_params={"victim": view.recent[rows[0]].org_key})
