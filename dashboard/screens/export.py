"""Export: STIX 2.1 bundle, MISP event and CSV of the graph (as of the sidebar's date)."""

from __future__ import annotations

import streamlit as st

from dashboard.connection import as_of, read
from graph.exports import export, read_export
from graph.repository import fact_counts

st.title("Export")
at = as_of()
counts = read(fact_counts, as_of=at)
c = st.columns(3)
c[0].metric("Incidents", f"{counts.incidents:,}")
c[1].metric("Claims", f"{counts.claims:,}")
c[2].metric("Actors", f"{counts.actors:,}")
st.caption(
    "Identifiers are deterministic, so a re-export updates the same objects in OpenCTI or MISP."
    + (f" Graph as of {at.isoformat()}." if at else "")
)

FORMATS = {
    "stix": ("STIX 2.1 bundle", "tikg-stix.json", "application/json"),
    "misp": ("MISP event", "tikg-misp.json", "application/json"),
    "csv": ("CSV (one row per claim)", "tikg-claims.csv", "text/csv"),
}
fmt = st.radio(
    "Format", list(FORMATS), format_func=lambda f: FORMATS[f][0], horizontal=True, key="export_fmt"
)
if st.button("Prepare the file", key="export_build"):
    st.session_state["export_ready"] = (fmt, at)

if st.session_state.get("export_ready") == (fmt, at):
    with st.spinner("Building the export ..."):
        data = read(read_export, as_of=at)
        text = export(data, fmt)
    label, file_name, mime = FORMATS[fmt]
    st.caption(f"{len(data.incidents):,} incidents, {len(data.claims):,} claims.")
    st.download_button(
        f"Download {label}", text.encode("utf-8"), file_name=file_name, mime=mime, key="export_dl"
    )
