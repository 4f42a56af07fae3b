"""``first_recorded_at`` is the earliest time we learned of a node, whatever the order of the rows
in a batch and the order of the loads (real Neo4j)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from neo4j import Driver

from graph.batch import ReportExtraction
from graph.loader import load_batch
from graph.repository import fact_counts
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.graph.stories import corpus, day, leak_item


def first_recorded(driver: Driver, label: str, prop: str, value: str) -> datetime:
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE $label IN labels(n) AND n[$prop] = $value "
        "RETURN n.first_recorded_at AS first",
        label=label,
        prop=prop,
        value=value,
    )
    assert len(records) == 1
    native: datetime = records[0]["first"].to_native()
    return native


@pytest.mark.parametrize("reverse", [False, True], ids=["latest-first", "earliest-first"])
def test_first_recorded_is_the_minimum_over_rows_and_loads(
    neo4j_driver: Driver, reverse: bool
) -> None:
    apply_schema(neo4j_driver)
    posts = [
        leak_item("Qilin", "Weda", day(2026, 3, 1)),
        leak_item("Qilin", "Itelis", day(2025, 11, 16)),
        leak_item("Qilin", "Weda", day(2025, 11, 14)),
        leak_item("Qilin", "Hopital Nord", day(2025, 11, 20)),
    ]
    load_batch(neo4j_driver, resolve_reports(posts[::-1] if reverse else posts))
    assert first_recorded(neo4j_driver, "ThreatActor", "canonical", "qilin") == day(2025, 11, 14)
    assert first_recorded(neo4j_driver, "Organization", "norm", "weda") == day(2025, 11, 14)
    # A later load that learned of the group earlier lowers it; a later date never raises it.
    load_batch(neo4j_driver, resolve_reports([leak_item("Qilin", "Weda", day(2025, 10, 2))]))
    load_batch(neo4j_driver, resolve_reports([leak_item("Qilin", "Itelis", day(2026, 5, 1))]))
    assert first_recorded(neo4j_driver, "ThreatActor", "canonical", "qilin") == day(2025, 10, 2)
    assert first_recorded(neo4j_driver, "Organization", "norm", "weda") == day(2025, 10, 2)
    assert first_recorded(neo4j_driver, "Organization", "norm", "itelis") == day(2025, 11, 16)


def test_as_of_actor_count_counts_every_group_already_seen(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    # The corpus lists Dumpsec's 30 November post before its 4 December one and Qilin's
    # 14 November post before its 1 March one: the last row must not win.
    load_batch(neo4j_driver, resolve_reports(corpus()))
    as_of_dec_1 = fact_counts(neo4j_driver, as_of="2025-12-01")
    assert as_of_dec_1.actors == 3  # Dumpsec (30 Nov), Qilin (14 Nov), Akira (21 Nov)
    assert fact_counts(neo4j_driver, as_of="2025-12-31").actors == 4  # + LockBit (10 Dec)
    assert fact_counts(neo4j_driver, as_of=datetime(2025, 11, 13, tzinfo=UTC)).actors == 0


def test_claim_recorded_at_only_moves_earlier(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)

    def post(recorded: datetime) -> list[ReportExtraction]:
        return [leak_item("Akira", "Mairie de Test", day(2025, 11, 21), recorded=recorded)]

    load_batch(neo4j_driver, resolve_reports(post(day(2025, 12, 20))))
    load_batch(neo4j_driver, resolve_reports(post(day(2025, 11, 22))))
    load_batch(neo4j_driver, resolve_reports(post(day(2026, 1, 5))))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (r:Report)-[:ASSERTS]->(c:Claim) "
        "RETURN collect(DISTINCT c.recorded_at) AS claims, "
        "collect(DISTINCT r.first_seen_at) AS reports, count(c) AS n"
    )
    assert [t.to_native() for t in records[0]["claims"]] == [day(2025, 11, 22)]
    assert [t.to_native() for t in records[0]["reports"]] == [day(2025, 11, 22)]
    assert fact_counts(neo4j_driver, as_of="2025-11-30").claims == records[0]["n"]
