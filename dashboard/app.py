"""tikg dashboard: the ``st.navigation`` router.

Pages live in ``dashboard/screens/`` (not ``pages/``: Streamlit treats a ``pages/`` folder
beside the entrypoint as a legacy multipage app and would run a page without this router); they
hold no Cypher and no driver calls, only calls to
:mod:`dashboard.connection`. The router checks Neo4j before any page runs: when it is down the
page is replaced by a banner (no traceback, no credentials), and the page checks again every
few seconds and comes back by itself when Neo4j answers. An
unexpected error in a page is logged on the server and shown as one generic line.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` from anywhere
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.connection import (  # noqa: E402
    HEALTH_TTL,
    GraphUnavailable,
    banner_if_down,
    health,
)

PAGES = Path(__file__).resolve().parent / "screens"
log = logging.getLogger("tikg.dashboard")

st.set_page_config(page_title="tikg", page_icon="🕸️", layout="wide")
navigation = st.navigation(
    {
        "Explore": [
            st.Page(PAGES / "overview.py", title="Overview", url_path="overview", default=True),
            st.Page(PAGES / "actor.py", title="Actor", url_path="actor"),
            st.Page(PAGES / "incident.py", title="Incident / victim", url_path="incident"),
            st.Page(PAGES / "network.py", title="Network", url_path="network"),
        ],
        "Analyse": [
            st.Page(PAGES / "queries.py", title="Queries", url_path="queries"),
            st.Page(PAGES / "sources.py", title="Sources", url_path="sources"),
            st.Page(PAGES / "export.py", title="Export", url_path="export"),
        ],
    }
)
st.sidebar.date_input(
    "As of",
    value=None,
    key="as_of",
    help="Show the graph as it was known at the end of this day (empty: now).",
)


@st.fragment(run_every=HEALTH_TTL)
def _reload_when_back() -> None:
    """While Neo4j is down, check again every few seconds and rerun the page once it answers."""
    if health() is None:
        st.rerun()


if banner_if_down():
    _reload_when_back()
    st.stop()
try:
    navigation.run()
except GraphUnavailable as exc:
    st.error(str(exc), icon="⚠️")
except Exception:
    log.exception("dashboard page %s failed", navigation.title)
    st.error("This page failed to render; the server log has the details.", icon="⚠️")
