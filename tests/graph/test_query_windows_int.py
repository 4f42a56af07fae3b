"""The two window queries (sector waves, opportunistic actors) on a small hand-built graph whose
every wave and window is worked out by hand: inclusive window ends, two incidents on one day,
several sectors, and the graph as known on an earlier date; and the row cap that a saved query
receives as ``$row_limit``."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from graph.catalog import run_saved
from graph.guard import QueryResult
from graph.loader import load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.graph.stories import day, leak_item

HEALTH, RETAIL, GOVERNMENT = "Healthcare", "Retail", "Government"

#: (group, victim, discovered, sector); the victim's incident starts on the discovered day.
POSTS = [
    ("Alpha", "Clinique Azur", (2025, 1, 1), HEALTH),
    ("Alpha", "Clinique Boreal", (2025, 1, 5), HEALTH),
    ("Beta", "Centre Cobalt", (2025, 1, 5), HEALTH),  # same day as Boreal
    ("Alpha", "Magasin Echo", (2025, 1, 10), RETAIL),
    ("Beta", "Hopital Delta", (2025, 1, 15), HEALTH),  # exactly 14 days after Azur
    ("Beta", "Magasin Hotel", (2025, 1, 20), RETAIL),
    ("Beta", "Mairie Iris", (2025, 2, 10), GOVERNMENT),
    ("Alpha", "Mairie Fjord", (2025, 2, 20), GOVERNMENT),
    ("Alpha", "Clinique Galena", (2025, 3, 1), HEALTH),
]


@pytest.fixture()
def windows_graph(neo4j_driver: Driver) -> Driver:
    apply_schema(neo4j_driver)
    items = [leak_item(g, v, day(*d), activity=s) for g, v, d, s in POSTS]
    load_batch(neo4j_driver, resolve_reports(items))
    return neo4j_driver


def _rows(result: QueryResult) -> list[dict[str, Any]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def _waves(driver: Driver, params: dict[str, str], as_of: str | None = None) -> list[Any]:
    rows = _rows(run_saved(driver, "sector_waves", params, as_of=as_of))
    return [
        (
            r["sector"],
            r["wave_start"],
            r["wave_end"],
            r["victim_count"],
            sorted(r["victims"]),
            sorted(r["actors"]),
        )
        for r in rows
    ]


def test_sector_waves_exact_rows(windows_graph: Driver) -> None:
    expected = [
        (
            "health",
            "2025-01-01",
            "2025-01-15",
            4,
            ["Centre Cobalt", "Clinique Azur", "Clinique Boreal", "Hopital Delta"],
            ["Alpha", "Beta"],
        ),
        (
            "health",
            "2025-01-05",
            "2025-01-15",
            3,
            ["Centre Cobalt", "Clinique Boreal", "Hopital Delta"],
            ["Alpha", "Beta"],
        ),
    ]
    assert _waves(windows_graph, {"sector": "Healthcare"}) == expected
    assert _waves(windows_graph, {}) == expected  # every sector: only health has 3 victims
    # 13 days: Hopital Delta (14 days after Clinique Azur) falls out of the first wave.
    assert _waves(windows_graph, {"sector": "health", "window_days": "13"}) == [
        ("health", "2025-01-01", "2025-01-05", 3,
         ["Centre Cobalt", "Clinique Azur", "Clinique Boreal"], ["Alpha", "Beta"]),
        expected[1],
    ]  # fmt: skip
    assert _waves(windows_graph, {"sector": "retail", "min_victims": "2"}) == [
        ("retail", "2025-01-10", "2025-01-20", 2, ["Magasin Echo", "Magasin Hotel"],
         ["Alpha", "Beta"]),
    ]  # fmt: skip


def test_sector_waves_as_known_then(windows_graph: Driver) -> None:
    assert _waves(windows_graph, {"sector": "health"}, as_of="2025-01-10") == [
        ("health", "2025-01-01", "2025-01-05", 3,
         ["Centre Cobalt", "Clinique Azur", "Clinique Boreal"], ["Alpha", "Beta"]),
    ]  # fmt: skip
    assert _waves(windows_graph, {"sector": "health"}, as_of="2025-01-04") == []


def test_opportunistic_actors_exact_rows(windows_graph: Driver) -> None:
    rows = _rows(run_saved(windows_graph, "opportunistic_actors", {}))
    assert rows == [
        {
            "actor": "Beta",
            "distinct_sectors": 3,
            "window_start": "2025-01-15",
            "sectors": ["health", "retail", "government"],
        },
        {
            "actor": "Alpha",
            "distinct_sectors": 2,
            "window_start": "2025-01-01",
            "sectors": ["health", "retail"],
        },
    ]
    # 25 days: Beta's three sectors span 26 days (15 January to 10 February) and no longer fit.
    short = _rows(run_saved(windows_graph, "opportunistic_actors", {"days": "25"}))
    assert [(r["actor"], r["distinct_sectors"], r["window_start"]) for r in short] == [
        ("Alpha", 2, "2025-01-01"),
        ("Beta", 2, "2025-01-05"),
    ]
    three = _rows(run_saved(windows_graph, "opportunistic_actors", {"min_sectors": "3"}))
    assert [r["actor"] for r in three] == ["Beta"]


def test_opportunistic_actors_as_known_then(windows_graph: Driver) -> None:
    rows = _rows(run_saved(windows_graph, "opportunistic_actors", {}, as_of="2025-02-01"))
    assert [(r["actor"], r["distinct_sectors"], r["window_start"]) for r in rows] == [
        ("Alpha", 2, "2025-01-01"),
        ("Beta", 2, "2025-01-05"),
    ]


def test_row_cap_reaches_the_server_and_still_flags_truncation(windows_graph: Driver) -> None:
    full = run_saved(windows_graph, "unconfirmed_claims", {"days": "30"}, as_of="2025-06-30")
    assert len(full.rows) == len(POSTS) and not full.truncated
    assert _rows(full)[0]["victim"] == "Clinique Azur"  # claimed first, unconfirmed longest
    capped = run_saved(
        windows_graph, "unconfirmed_claims", {"days": "30"}, as_of="2025-06-30", row_cap=3
    )
    assert capped.rows == full.rows[:3] and capped.truncated
    exact = run_saved(
        windows_graph, "unconfirmed_claims", {"days": "30"}, as_of="2025-06-30", row_cap=9
    )
    assert exact.rows == full.rows and not exact.truncated
