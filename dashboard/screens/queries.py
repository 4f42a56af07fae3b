"""Queries: the saved-query catalogue with search, a form for its parameters, the results table
and a CSV download; a raw Cypher console behind the read-only guard of ``tikg cypher`` (a refusal
names its reason), with the configured timeout and row cap."""

from __future__ import annotations

import streamlit as st

from dashboard.components.safe import frame
from dashboard.connection import as_of, read, settings
from graph.catalog import BadParameter, load_catalog, run_console, run_saved
from graph.guard import QueryFailed, QueryRefused, QueryResult

st.title("Queries")
at = as_of()
limits = settings().neo4j
timeout, row_cap = float(limits.query_timeout), int(limits.max_rows)


def show_result(result: QueryResult, name: str) -> None:
    table = frame(dict(zip(result.columns, row, strict=True)) for row in result.rows)
    if table.empty:
        table = frame([], columns=list(result.columns))
    note = f"{len(result.rows)} rows in {result.elapsed_ms:.0f} ms"
    if result.truncated:
        note += f" (capped at {row_cap})"
    st.caption(note)
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        "Download CSV",
        table.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"csv_{name}",
    )


def show_refusal(prefix: str, reason: str) -> None:
    st.error(prefix, icon="🚫")
    st.code(reason, language=None)


saved, console = st.tabs(["Saved queries", "Cypher console"])

with saved:
    catalog = load_catalog()
    needle = st.text_input("Search the catalogue", key="catalog_search").strip().lower()
    names = [
        n
        for n, q in catalog.items()
        if not needle or needle in f"{n} {q.title} {q.description}".lower()
    ]
    if not names:
        st.info("No saved query matches.")
    else:
        name = st.selectbox(
            "Saved query",
            names,
            format_func=lambda n: f"{catalog[n].title_en}  ({n})",
            key="catalog_pick",
        )
        query = catalog[name]
        st.text(query.description)
        with st.expander("Cypher"):
            st.code(query.cypher, language="cypher")
        with st.form(f"params_{name}"):
            given: dict[str, str] = {}
            for p in query.params:
                label = f"{p.name} ({p.type}{'' if p.required else ', optional'})"
                given[p.name] = st.text_input(
                    label, value=p.default or "", key=f"p_{name}_{p.name}"
                )
            submitted = st.form_submit_button("Run")
        if submitted or not query.params:
            params = {k: v for k, v in given.items() if v.strip()}
            try:
                result = read(
                    run_saved,
                    name=name,
                    params=params,
                    as_of=at,
                    timeout=timeout,
                    row_cap=row_cap,
                )
            except (BadParameter, QueryRefused) as exc:
                show_refusal("The query was not run:", str(exc))
            except QueryFailed as exc:
                show_refusal("The query failed:", str(exc))
            else:
                show_result(result, name)

with console:
    st.caption(
        f"Read-only: every query is compiled first and refused unless it only reads. "
        f"Timeout {timeout:g} s, at most {row_cap:,} rows."
    )
    with st.form("console"):
        text = st.text_area(
            "Cypher",
            height=160,
            key="console_text",
            placeholder="MATCH (a:ThreatActor) RETURN a.name",
        )
        run = st.form_submit_button("Run read-only")
    if run and text.strip():
        try:
            result = read(run_console, query=text, timeout=timeout, row_cap=row_cap)
        except BadParameter as exc:
            show_refusal("Missing or bad parameter — nothing was run:", str(exc))
        except QueryRefused as exc:
            show_refusal("Refused — nothing was run:", str(exc))
        except QueryFailed as exc:
            show_refusal("The query failed:", str(exc))
        else:
            show_result(result, "console")
