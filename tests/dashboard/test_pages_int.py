"""Every dashboard page, run from the entrypoint with Streamlit's AppTest on a seeded graph: no
exception, the expected content (the founding story's actor, its victims, both figures), the
read-only console, hostile strings kept out of Markdown, and the outage banner."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import SeededGraph

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = ("overview", "actor", "incident", "network", "queries", "sources", "export")


def _clear() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module", autouse=True)
def _fresh_caches(seeded_graph: SeededGraph, app_env: dict[str, str]) -> Iterator[None]:
    """Caches are per process: start and end this module with none (reads stay cached between
    its tests, as they would between an analyst's clicks)."""
    _clear()
    yield
    _clear()


@pytest.fixture()
def app(seeded_graph: SeededGraph, app_env: dict[str, str]) -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _open(at: AppTest, page: str, **query: str) -> AppTest:
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _frames(at: AppTest) -> str:
    """Every table cell of the page, as one text."""
    parts = [df.value.astype(str).to_csv(index=False) for df in at.dataframe]
    return "\n".join(parts)


def _plain_text(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


def _markdown(at: AppTest) -> str:
    """Everything the page rendered as Markdown (titles, captions, errors, ...)."""
    kinds = ("markdown", "caption", "error", "info", "warning", "success", "title", "subheader")
    return "\n".join(str(el.value) for k in kinds for el in getattr(at, k))


def test_sources_page_shows_crawl_state(app: AppTest) -> None:
    _open(app, "sources")
    assert not app.error
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Documents"]) >= 10
    assert {"press-fr", "leaks"} <= set(app.dataframe[0].value["source"])


def test_overview_counts_and_latest_incidents(app: AppTest) -> None:
    _open(app, "overview")
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Actors"]) >= 4
    assert int(metrics["Incidents in window"]) >= 8
    cells = _frames(app)
    assert "Dumpsec" in cells
    assert "MédecinDirect" in cells and "Leroy Merlin" in cells


def test_actor_search_by_alias_and_profile(app: AppTest) -> None:
    _open(app, "actor")
    app.text_input(key="actor_search").input("DUMPSEC").run()
    assert not app.exception
    assert "Dumpsec" in _plain_text(app)
    victims = app.dataframe[0].value
    assert {"MédecinDirect", "Leroy Merlin"} <= set(victims["victim"])
    medecin = victims[victims["victim"] == "MédecinDirect"].iloc[0]
    assert medecin["modality"] == "claimed"
    assert "320,000" in medecin["figures"] and "285,000" in medecin["figures"]
    assert "detected 2025-11-28" in medecin["dates"]
    leroy = victims[victims["victim"] == "Leroy Merlin"].iloc[0]
    assert "alleged" in leroy["all modalities"]
    evidence = app.dataframe[1].value
    assert any("320,000 people" in str(s) for s in evidence["sentence"])
    # Another alias form finds the same group as the tracker spells it.
    app.text_input(key="actor_search").input("lockbit3").run()
    assert "LockBit 3.0" in _plain_text(app)


def test_incident_page_shows_both_figures_and_the_lifecycle(app: AppTest) -> None:
    _open(app, "incident")
    app.text_input(key="victim_search").input("medecindirect.fr").run()
    assert not app.exception
    assert "MédecinDirect" in _plain_text(app)
    dates, figures = app.dataframe[0].value, app.dataframe[2].value
    assert {"detected": "2025-11-28", "notified": "2025-12-03"}.items() <= dict(
        zip(dates["role"], dates["date"], strict=True)
    ).items()
    by_speaker = dict(zip(figures["speaker"], figures["value"], strict=True))
    assert by_speaker["Dumpsec"] == "320,000" and by_speaker["MédecinDirect"] == "285,000"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Discrepancy"].startswith("35,000")
    assert "Highest stated by: Dumpsec" in _plain_text(app)
    cells = _frames(app)
    for expected in ("ssn", "video_consultations", "CNIL", "Parquet de Paris", "press-fr"):
        assert expected in cells


def test_network_lists_the_founding_story(app: AppTest) -> None:
    _open(app, "network")
    cells = _frames(app)
    assert "Dumpsec" in cells and "MédecinDirect" in cells
    app.selectbox(key="network_sector").select("retail").run()
    assert not app.exception
    links = app.dataframe[0].value
    assert set(links["victim"]) >= {"Leroy Merlin"} and "MédecinDirect" not in set(links["victim"])


def test_saved_query_with_parameters(app: AppTest) -> None:
    _open(app, "queries")
    app.selectbox(key="catalog_pick").select("actor_profile").run()
    app.text_input(key="p_actor_profile_name").input("dumpsec")
    app.button[0].click().run()  # the form's submit button
    assert not app.exception
    result = app.dataframe[0].value
    assert {"MédecinDirect", "Leroy Merlin"} <= set(result["victim"])
    assert any(b.label == "Download CSV" for b in app.get("download_button"))


def _count(seeded: SeededGraph) -> tuple[int, int]:
    records, _, _ = seeded.driver.execute_query(
        "MATCH (n) RETURN count(n) AS n, COUNT { ()-->() } AS r"
    )
    return records[0]["n"], records[0]["r"]


@pytest.mark.parametrize(
    ("query", "reason"),
    [("MATCH (n) DETACH DELETE n", "writes"), ("CREATE (:X)", "writes")],
)
def test_console_refuses_writes_and_names_the_reason(
    app: AppTest, seeded_graph: SeededGraph, query: str, reason: str
) -> None:
    before = _count(seeded_graph)
    _open(app, "queries")
    app.text_area(key="console_text").input(query)
    app.button[-1].click().run()
    assert not app.exception
    assert any("Refused" in e.value for e in app.error)
    assert any(reason in c.value for c in app.code), [c.value for c in app.code]
    assert _count(seeded_graph) == before


def test_console_runs_a_read_query(app: AppTest) -> None:
    _open(app, "queries")
    app.text_area(key="console_text").input("MATCH (a:ThreatActor) RETURN a.name AS name")
    app.button[-1].click().run()
    assert not app.error
    names = set(app.dataframe[-1].value["name"])
    assert "Dumpsec" in names


def test_console_runs_a_pasted_saved_query(app: AppTest) -> None:
    from graph.catalog import QUERIES_DIR

    _open(app, "queries")
    pasted = (QUERIES_DIR / "unconfirmed_claims.cypher").read_text(encoding="utf-8")
    app.text_area(key="console_text").input(pasted)
    app.button[-1].click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert "victim" in app.dataframe[-1].value.columns


def test_export_offers_a_download(app: AppTest) -> None:
    _open(app, "export")
    app.button(key="export_build").click().run()
    assert not app.exception
    assert any(b.label.startswith("Download") for b in app.get("download_button"))


def test_hostile_strings_never_reach_markdown(app: AppTest, seeded_graph: SeededGraph) -> None:
    hostile = seeded_graph.hostile
    checks = [("overview", {}), ("network", {}), ("export", {})]
    _open(app, "actor")
    app.text_input(key="actor_search").input("onerror").run()
    assert hostile.actor_img in _plain_text(app)  # shown, as plain text
    assert hostile.victim_md_image in _frames(app)
    for page, query in checks:
        _open(app, page, **query)
    _open(app, "incident")
    app.text_input(key="victim_search").input("javascript").run()
    assert hostile.victim_js_link in _plain_text(app)
    assert hostile.titles[1] in _frames(app)
    assert "javascript:" not in _frames(app).replace(hostile.victim_js_link, "")  # no link kept
    for page in PAGES:  # every page, none raising, none rendering feed text as Markdown
        _open(app, page)
        assert not app.error, (page, [e.value for e in app.error])
        rendered = _markdown(app)
        for s in hostile.all():
            assert s not in rendered, (page, s)


def test_outage_banner_without_credentials(
    app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import free_port

    _clear()
    monkeypatch.setenv("TIKG_NEO4J__URI", f"bolt://127.0.0.1:{free_port()}")
    try:
        at = AppTest.from_file(APP, default_timeout=30)
        started = time.monotonic()
        at.run()
        assert time.monotonic() - started < 5
        assert not at.exception
        banner = " ".join(e.value for e in at.error)
        assert "not reachable" in banner
        assert app_env["TIKG_NEO4J__PASSWORD"] not in banner
    finally:
        _clear()
    # Back up: the same process recovers once the address is right again.
    monkeypatch.setenv("TIKG_NEO4J__URI", app_env["TIKG_NEO4J__URI"])
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception and not at.error
    assert {m.label for m in at.metric} >= {"Actors", "Incidents"}
    _clear()


def test_frames_helper_sees_cells() -> None:
    assert "x" in pd.DataFrame({"a": ["x"]}).astype(str).to_csv(index=False)


def test_as_of_shows_the_graph_as_known_then(app: AppTest) -> None:
    from datetime import date

    app.session_state["as_of"] = date(2025, 12, 1)  # before the press article was recorded
    _open(app, "actor")
    app.text_input(key="actor_search").input("dumpsec").run()
    assert not app.exception
    victims = app.dataframe[0].value
    medecin = victims[victims["victim"] == "MédecinDirect"].iloc[0]
    assert "320,000" in medecin["figures"] and "285,000" not in medecin["figures"]
    assert "Leroy Merlin" not in set(victims["victim"])  # first posted on 4 December
