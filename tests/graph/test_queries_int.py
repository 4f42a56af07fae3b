"""Every saved query runs on a seeded graph; the founding story's acceptance; the read-only guard;
injection through names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from neo4j import Driver

from graph.catalog import load_catalog, run_saved
from graph.guard import QueryRefused, check_read_only, run_guarded
from graph.loader import load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.graph.stories import corpus, day, leak_item

SAMPLE_PARAMS: dict[str, dict[str, str]] = {
    "actor_profile": {"name": "Dumpsec"},
    "actor_victims_by_sector": {"name": "dumpsec"},
    "actors_active_between": {"start": "2025-11-01", "end": "2025-12-31"},
    "fact_sources": {"victim": "medecindirect.fr"},
    "incident_timeline": {"victim": "Medecin Direct"},
    "actor_aliases": {"name": "LockBit"},
    "sector_waves": {"sector": "Healthcare", "min_victims": "3"},
}


@pytest.fixture(scope="module")
def seeded(session_driver: Driver) -> Driver:
    session_driver.execute_query("MATCH (n) DETACH DELETE n")
    apply_schema(session_driver)
    load_batch(session_driver, resolve_reports(corpus()))
    return session_driver


def test_catalogue_has_the_analysts_questions() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 15
    for q in catalog.values():
        assert " / " in q.title, f"{q.name}: title must be French / English"
        assert q.description


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_saved_query_runs_and_is_read_only(seeded: Driver, name: str) -> None:
    query = load_catalog()[name]
    check_read_only(seeded, query.cypher)
    result = run_saved(seeded, name, SAMPLE_PARAMS.get(name, {}))
    assert result.columns
    past = run_saved(seeded, name, SAMPLE_PARAMS.get(name, {}), as_of="2025-01-01")
    assert past.columns == result.columns


def _rows(result):  # type: ignore[no-untyped-def]
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_actor_profile_acceptance(seeded: Driver) -> None:
    rows = _rows(run_saved(seeded, "actor_profile", {"name": "DUMPSEC"}))
    victims = {r["victim"]: r for r in rows}
    medecin = next(r for v, r in victims.items() if "decin" in v)
    assert medecin["modality"] == "claimed"
    figures = {(f["value"], f["speaker"]) for f in medecin["figures"]}
    assert {(285000.0, "MédecinDirect"), (320000.0, "Dumpsec")} <= figures
    assert {"detected": "2025-11-28", "notified": "2025-12-03"}.items() <= {
        d["role"]: d["date"] for d in medecin["dates"]
    }.items()
    assert {a["name"] for a in medecin["authorities"]} == {"CNIL", "Parquet de Paris"}
    leroy = next(r for v, r in victims.items() if "Leroy" in v)
    assert "alleged" in leroy["modalities"]


def test_figure_discrepancy_and_two_groups(seeded: Driver) -> None:
    gaps = _rows(run_saved(seeded, "figure_discrepancies"))
    assert any({g["value_1"], g["value_2"]} == {285000.0, 320000.0} for g in gaps)
    two = _rows(run_saved(seeded, "victims_claimed_by_two_groups"))
    assert [r["victim"] for r in two] == ["Leroy Merlin"]


def test_as_of_shows_the_graph_as_known_then(seeded: Driver) -> None:
    before = _rows(run_saved(seeded, "victims_claimed_by_two_groups", as_of="2025-12-09"))
    assert before == []  # LockBit's post about Leroy Merlin was recorded on 2025-12-10
    waves = _rows(run_saved(seeded, "sector_waves", {"sector": "health", "min_victims": "3"}))
    assert waves and waves[0]["sector"] == "health"


HOSTILE = [
    "CREATE (n:ThreatActor {name: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:ThreatActor) SET n.name = 'pwned'",
    "MATCH (n:ThreatActor) REMOVE n.name",
    "MERGE (n:Sector {key: 'x'})",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CREATE INDEX x FOR (n:ThreatActor) ON (n.foo)",
    "CALL db.createLabel('Pwned')",
    "CREATE USER bob SET PASSWORD 'secretsecret'",
    "SHOW USERS",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "PROFILE MATCH (n) RETURN n",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "FOREACH (x IN [1] | CREATE (:Sector {key: 'y'}))",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_guard_refuses_writes_before_they_run(seeded: Driver, query: str) -> None:
    before, _, _ = seeded.execute_query("MATCH (n) RETURN count(n) AS n")
    with pytest.raises(QueryRefused):
        run_guarded(seeded, query)
    after, _, _ = seeded.execute_query("MATCH (n) RETURN count(n) AS n")
    assert after[0]["n"] == before[0]["n"]


def test_guard_runs_reads_with_a_row_cap(seeded: Driver) -> None:
    result = run_guarded(seeded, "MATCH (n) RETURN n.key AS key", row_cap=5)
    assert len(result.rows) == 5 and result.truncated
    labels = run_guarded(seeded, "CALL db.labels() YIELD label RETURN label")
    assert ("ThreatActor",) in labels.rows


def test_console_runs_saved_query_text_with_its_defaults(seeded: Driver) -> None:
    """A saved query pasted into the console with its header: same answer as run_saved."""
    from graph.catalog import BadParameter, get_query, run_console

    cases = {
        "unconfirmed_claims": {},
        "opportunistic_actors": {"days": "60"},
        "actors_active_between": {"start": "2025-01-01", "end": "2026-12-31"},
    }
    for name, given in cases.items():
        pasted = Path(get_query(name).path).read_text(encoding="utf-8")
        console = run_console(seeded, pasted, given, row_cap=50)
        saved = run_saved(seeded, name, given, row_cap=50)
        assert console.columns == saved.columns
        assert sorted(map(repr, console.rows)) == sorted(map(repr, saved.rows))
    with pytest.raises(BadParameter, match="name"):
        run_console(seeded, Path(get_query("actor_profile").path).read_text(encoding="utf-8"))


def test_injection_through_names_is_stored_verbatim(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    evil = "x'}) DETACH DELETE n //"
    items = [
        leak_item(evil, evil, day(2025, 11, 1)),
        leak_item("Qilin", "Weda", day(2025, 11, 2), activity="x`]->() DELETE r //"),
    ]
    load_batch(neo4j_driver, resolve_reports(items))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:ThreatActor) WHERE $evil IN a.aliases RETURN a.name AS name", evil=evil
    )
    assert [r["name"] for r in records] == [evil]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (o:Organization {name: $evil})<-[:AGAINST]-(:Incident) RETURN count(*) AS n",
        evil=evil,
    )
    assert records[0]["n"] == 1
    records, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] > 5
    rows = run_saved(neo4j_driver, "actor_profile", {"name": evil}, as_of=datetime.now(UTC))
    assert rows.rows and rows.rows[0][0] == evil
