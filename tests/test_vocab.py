"""The label / relationship-type allow-list refuses anything it does not know."""

from __future__ import annotations

import pytest

from graph.schema import schema_statements
from graph.vocab import Label, RelType, label, rel_type

HOSTILE = [
    "x'}) DETACH DELETE n //",
    "ThreatActor) DETACH DELETE n //",
    "ThreatActor`:Admin",
    "threatactor",
    "",
    "ThreatActor ",
    "CLAIMED]->() DELETE r //",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_label_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not an allowed node label"):
        label(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_rel_type_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not an allowed relationship type"):
        rel_type(value)


def test_known_values_pass() -> None:
    assert label("ThreatActor") == "ThreatActor"
    assert rel_type("SAME_AS") == "SAME_AS"


def test_vocabulary_follows_the_naming_rules() -> None:
    for lab in Label:
        assert lab.value[0].isupper() and lab.value.isalnum()
    for rel in RelType:
        assert rel.value == rel.value.upper() and rel.value.replace("_", "").isalpha()


def test_schema_mentions_only_allowed_labels() -> None:
    import re

    for stmt in schema_statements():
        for found in re.findall(r"\(n:([A-Za-z|]+)\)", stmt):
            for part in found.split("|"):
                assert label(part) == part
        for found in re.findall(r"\[r:([A-Za-z_]+)\]", stmt):
            assert rel_type(found) == found
    assert any("[r:CLAIMED]" in stmt for stmt in schema_statements())
