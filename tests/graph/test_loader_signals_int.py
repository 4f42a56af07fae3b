"""Incident signals depend on the whole graph, not on the order loads come in (real Neo4j)."""

from __future__ import annotations

from neo4j import Driver

from graph.batch import ReportExtraction
from graph.loader import load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.graph.stories import corpus, day, leak_item

Signals = dict[tuple[str, str], tuple[str, list[str], int]]


def signals(driver: Driver) -> Signals:
    records, _, _ = driver.execute_query(
        "MATCH (i:Incident)-[:AGAINST]->(o:Organization) "
        "RETURN o.norm AS org, toString(i.first_seen) AS first, i.status AS status, "
        "i.signals AS signals, i.claimants AS claimants"
    )
    return {
        (r["org"], r["first"]): (r["status"], sorted(r["signals"]), r["claimants"]) for r in records
    }


def load_in_order(driver: Driver, loads: list[list[ReportExtraction]]) -> Signals:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    for items in loads:
        load_batch(driver, resolve_reports(items))
    return signals(driver)


def test_recycled_does_not_depend_on_load_order(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    earlier = [leak_item("Qilin", "Weda", day(2025, 11, 14))]
    later = [leak_item("LockBit 3.0", "Weda", day(2026, 3, 1))]
    forward = load_in_order(neo4j_driver, [earlier, later])
    backward = load_in_order(neo4j_driver, [later, earlier])
    assert forward == backward
    assert forward[("weda", "2026-03-01")][1] == ["recycled"]
    assert forward[("weda", "2025-11-14")][1] == []


def test_corpus_signals_are_the_same_in_both_orders(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    items = corpus()
    whole = load_in_order(neo4j_driver, [items])
    forward = load_in_order(neo4j_driver, [[it] for it in items])
    backward = load_in_order(neo4j_driver, [[it] for it in reversed(items)])
    assert forward == whole
    assert backward == whole
    assert "recycled" in whole[("weda", "2026-03-01")][1]
    assert "claimed_by_several_groups" in whole[("leroymerlin", "2025-12-03")][1]


def test_reposted_and_recycled_follow_a_reload_with_an_earlier_post(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    load_batch(neo4j_driver, resolve_reports([leak_item("Qilin", "Weda", day(2026, 3, 1))]))
    assert signals(neo4j_driver)[("weda", "2026-03-01")][1] == []
    # The same group posted the victim twice in March (one incident), and once in November.
    load_batch(
        neo4j_driver,
        resolve_reports(
            [
                leak_item("Qilin", "Weda", day(2026, 3, 9)),
                leak_item("Qilin", "Weda", day(2025, 11, 14)),
            ]
        ),
    )
    got = signals(neo4j_driver)
    assert got[("weda", "2026-03-01")][1] == ["recycled", "reposted"]
    assert got[("weda", "2025-11-14")][1] == []
