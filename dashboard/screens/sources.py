"""Sources: crawl health per source (last success, last error, documents)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.safe import cell
from dashboard.connection import read, settings
from graph.documents import list_sources

st.title("Sources")

rows = {r.id: r for r in read(list_sources)}
configured = {s.id: s for s in settings().feeds.sources}
table = pd.DataFrame(
    [
        {
            "source": sid,
            "kind": (configured[sid].kind if sid in configured else rows[sid].kind) or "",
            "enabled": bool(configured.get(sid) and configured[sid].enabled),
            "last success": cell(rows[sid].last_success_at) if sid in rows else None,
            "last error": rows[sid].last_error if sid in rows else None,
            "last error at": cell(rows[sid].last_error_at) if sid in rows else None,
            "consecutive failures": rows[sid].consecutive_failures if sid in rows else 0,
            "documents": rows[sid].documents if sid in rows else 0,
        }
        for sid in sorted(set(configured) | set(rows))
    ],
    columns=[
        "source", "kind", "enabled", "last success", "last error", "last error at",
        "consecutive failures", "documents",
    ],
)  # fmt: skip
failing = int((table["consecutive failures"] > 0).sum()) if not table.empty else 0
c1, c2, c3 = st.columns(3)
c1.metric("Sources", len(table))
c2.metric("Failing", failing)
c3.metric("Documents", int(table["documents"].sum()) if not table.empty else 0)
st.dataframe(table, hide_index=True, width="stretch")
