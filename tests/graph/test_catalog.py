"""The saved-query catalogue: headers, parameter conversion, as-of parsing (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from graph.catalog import BadParameter, bind, get_query, load_catalog, parse_as_of
from graph.facts import parse_leak_figure


def test_every_file_has_a_header_and_declares_what_it_uses() -> None:
    for q in load_catalog().values():
        for p in q.params:
            assert f"${p.name}" in q.cypher, f"{q.name}: ${p.name} unused"


def test_bind_normalises_names_and_fills_defaults() -> None:
    q = get_query("fact_sources")
    assert bind(q, {"victim": "« MédecinDirect »"})["victim"] == "medecindirect"
    assert bind(get_query("unconfirmed_claims"), {})["days"] == 30
    with pytest.raises(BadParameter, match="needs -p name"):
        bind(get_query("actor_profile"), {})
    with pytest.raises(BadParameter, match="no parameter"):
        bind(get_query("actor_profile"), {"name": "x", "evil": "1"})


def test_as_of_date_means_end_of_day_utc() -> None:
    at = parse_as_of("2025-12-08")
    assert at is not None and at.tzinfo is UTC and at.date() == date(2025, 12, 8)
    assert at.hour == 23
    assert parse_as_of(None) is None
    assert parse_as_of(datetime(2025, 1, 1)) == datetime(2025, 1, 1, tzinfo=UTC)


def test_leak_figures() -> None:
    assert parse_leak_figure("$189.1M") == (189_100_000.0, "usd", "revenue")
    assert parse_leak_figure("88GB") == (88e9, "bytes", "data")
    assert parse_leak_figure("lots") is None
