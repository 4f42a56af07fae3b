"""Loader against a real Neo4j: idempotent, concurrent-safe, non-destructive, reprocessable."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from neo4j import Driver

from graph.loader import load_batch, replace_extraction
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.graph.stories import ARTICLE_KEY, corpus, founding_item, leak_item

COUNTS = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
)


def counts(driver: Driver) -> tuple[int, int]:
    records, _, _ = driver.execute_query(COUNTS)
    return records[0]["nodes"], records[0]["rels"]


def by_label(driver: Driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label"
    )
    return {r["label"]: r["n"] for r in records}


def test_loading_twice_changes_nothing(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    batch = resolve_reports(corpus())
    first = load_batch(neo4j_driver, batch)
    assert first.nodes_created > 0
    before = counts(neo4j_driver)
    labels = by_label(neo4j_driver)
    again = load_batch(neo4j_driver, resolve_reports(corpus()))
    assert again.nodes_created == 0
    assert again.relationships_created == 0
    assert counts(neo4j_driver) == before
    assert by_label(neo4j_driver) == labels


def test_competing_figures_both_stay(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    load_batch(neo4j_driver, resolve_reports(corpus()))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (o:Organization {norm: 'medecindirect'})<-[:AGAINST]-(i:Incident)"
        "<-[:ABOUT]-(c:Claim {kind: 'figure', unit: 'count'}) "
        "RETURN c.value AS value, c.speaker AS speaker, c.modality AS modality ORDER BY value"
    )
    got = [(r["value"], r["speaker"], r["modality"]) for r in records]
    assert (285000.0, "MédecinDirect", "reported") in got
    assert (320000.0, "Dumpsec", "claimed") in got


def test_leak_post_article_and_victim_corroborate_one_incident(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    # The leak post first, the article later, in separate loads: still one incident.
    items = corpus()
    load_batch(neo4j_driver, resolve_reports(items[1:2]))
    load_batch(neo4j_driver, resolve_reports(items[:1]))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (o:Organization {norm: 'medecindirect'})<-[:AGAINST]-(i:Incident) "
        "OPTIONAL MATCH (i)<-[:ABOUT]-(:Claim)<-[:ASSERTS]-(r:Report) "
        "RETURN i.key AS key, i.status AS status, count(DISTINCT r) AS reports"
    )
    assert len(records) == 1
    assert records[0]["reports"] == 2
    assert records[0]["status"] == "confirmed"


def test_two_loaders_at_once_give_one_graph(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    items = corpus()
    load_batch(neo4j_driver, resolve_reports(items))
    expected = counts(neo4j_driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    errors: list[BaseException] = []

    def run(part: list) -> None:  # type: ignore[type-arg]
        try:
            load_batch(neo4j_driver, resolve_reports(part), chunk_claims=3)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(items,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert counts(neo4j_driver) == expected


def test_statuses_and_signals(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    load_batch(neo4j_driver, resolve_reports(corpus()))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (i:Incident)-[:AGAINST]->(o:Organization) "
        "RETURN o.norm AS org, i.first_seen AS first, i.status AS status, i.signals AS signals "
        "ORDER BY org, first"
    )
    rows = {(r["org"], str(r["first"])): (r["status"], r["signals"]) for r in records}
    assert rows[("medecindirect", "2025-11-28")][0] == "confirmed"
    leroy = rows[("leroymerlin", "2025-12-03")]
    assert leroy[0] == "reported"
    assert "claimed_by_several_groups" in leroy[1]
    assert rows[("itelis", "2025-11-16")][0] == "claimed"
    assert "recycled" in rows[("weda", "2026-03-01")][1]


def test_reprocess_replaces_one_versions_facts(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    load_batch(neo4j_driver, resolve_reports(corpus()))
    before = counts(neo4j_driver)
    # A newer extractor drops the Leroy Merlin attribution from the article.
    newer = founding_item("test-2")
    ext = newer.extraction
    trimmed = type(newer)(
        report_key=newer.report_key,
        recorded_at=newer.recorded_at,
        published_at=newer.published_at,
        source_id=newer.source_id,
        url=newer.url,
        extraction=type(ext)(
            id=ext.id,
            lang=ext.lang,
            extractor_version="test-2",
            actors=ext.actors,
            victims=ext.victims[:1],
            incidents=ext.incidents[:1],
        ),
    )
    replace_extraction(neo4j_driver, ARTICLE_KEY, "test-2", resolve_reports([trimmed]))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Report {key: $k})-[:ASSERTS]->(c:Claim) "
        "RETURN collect(DISTINCT c.extractor_version) AS versions, "
        "count(CASE WHEN c.modality = 'alleged' THEN 1 END) AS alleged",
        k=ARTICLE_KEY,
    )
    assert records[0]["versions"] == ["test-2"]
    assert records[0]["alleged"] == 0
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:ThreatActor {canonical: 'dumpsec'})-[e:ALLEGEDLY_BEHIND]->() RETURN count(e) AS n"
    )
    assert records[0]["n"] == 0
    # Replacing again with the same extraction is a no-op on counts.
    after = counts(neo4j_driver)
    replace_extraction(neo4j_driver, ARTICLE_KEY, "test-2", resolve_reports([trimmed]))
    assert counts(neo4j_driver) == after
    assert after[0] < before[0]


def test_as_of_recorded_times_are_kept(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    late = leak_item(
        "Dumpsec", "MedecinDirect", datetime(2025, 11, 30, tzinfo=UTC),
        recorded=datetime(2026, 1, 5, tzinfo=UTC),
    )  # fmt: skip
    load_batch(neo4j_driver, resolve_reports([founding_item(), late]))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:ThreatActor {canonical: 'dumpsec'})-[e:CLAIMED]->(i:Incident) "
        "RETURN e.first_recorded_at AS first, i.first_recorded_at AS inc"
    )
    assert records[0]["first"].to_native() == datetime(2025, 12, 8, 9, 0, tzinfo=UTC)


def test_pending_reports_and_reprocess(neo4j_driver: Driver) -> None:
    from graph.documents import store_documents, upsert_source
    from graph.reprocess import pending_reports, reprocess
    from ingest.records import RawDocument, RawLeakFields
    from tests.graph.stories import founding_extraction

    apply_schema(neo4j_driver)
    upsert_source(neo4j_driver, "press-fr", "rss", "https://press.example/feed", "neo4j")
    article = RawDocument(
        source_id="press-fr", source_kind="rss", guid="a1", url="https://press.example/md",
        title="MédecinDirect", text="...", published_at=datetime(2025, 12, 8, tzinfo=UTC),
        lang="fr",
    )  # fmt: skip
    post = RawDocument(
        source_id="press-fr", source_kind="leak", guid="p1", url=None, title="medecindirect.fr",
        text="", published_at=datetime(2025, 11, 30, tzinfo=UTC), lang="en",
        leak=RawLeakFields("Dumpsec", "medecindirect.fr", "medecindirect.fr",
                           discovered_at=datetime(2025, 11, 30, tzinfo=UTC)),
    )  # fmt: skip
    store_documents(neo4j_driver, "press-fr", [article, post], "neo4j")
    calls: list[str] = []

    def extractor(reports):  # type: ignore[no-untyped-def]
        calls.extend(r.key for r in reports)
        return [founding_extraction("v1") for _ in reports]

    assert len(pending_reports(neo4j_driver, "v1")) == 2
    stats = reprocess(neo4j_driver, extractor, "v1")
    assert (stats.reports, stats.leak_posts, stats.failed) == (1, 1, 0)
    assert pending_reports(neo4j_driver, "v1") == []
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (o:Organization {norm: 'medecindirect'})<-[:AGAINST]-(i:Incident) "
        "RETURN count(DISTINCT i) AS n"
    )
    assert records[0]["n"] == 1
    # A newer extractor re-extracts the article only.
    assert [r.title for r in pending_reports(neo4j_driver, "v2")] == ["MédecinDirect"]
    before = counts(neo4j_driver)
    reprocess(neo4j_driver, lambda rs: [founding_extraction("v2") for _ in rs], "v2")
    assert counts(neo4j_driver) == before
    assert len(calls) == 1
