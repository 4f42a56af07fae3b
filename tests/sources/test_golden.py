"""Golden pairs: each invented fixture parses to exactly its ``.expected.json``, field by field."""

from __future__ import annotations

import json

import pytest

from tests.sources.golden import CASES, DATA, expected_path, parse_case


def test_every_fixture_has_a_case_and_an_expected_file() -> None:
    fixtures = {p.name for p in DATA.iterdir() if not p.name.endswith(".expected.json")}
    assert fixtures == set(CASES)
    for name in CASES:
        assert expected_path(name).is_file(), f"missing {expected_path(name).name}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_matches_golden(name: str) -> None:
    expected = json.loads(expected_path(name).read_text(encoding="utf-8"))
    actual = parse_case(name)
    assert actual["kind"] == expected["kind"]
    assert actual["errors"] == expected["errors"]
    assert len(actual["documents"]) == len(expected["documents"])
    for index, (got, want) in enumerate(
        zip(actual["documents"], expected["documents"], strict=True)
    ):
        assert set(got) == set(want), f"{name} document {index}: fields differ"
        for field, value in want.items():
            assert got[field] == value, f"{name} document {index} field {field!r}"


def test_golden_dates_are_utc_and_languages_cover_fr_and_en() -> None:
    langs = set()
    for name in CASES:
        for doc in parse_case(name)["documents"]:
            langs.add(doc["lang"])
            for field in ("published_at", "discovered_at", "leak_published_at"):
                value = doc.get(field)
                assert value is None or value.endswith("+00:00"), f"{name}: {field}={value}"
    assert {"fr", "en"} <= langs
