"""Threat-actor names from public catalogues (the gazetteer build) and against an independently
labelled CTI corpus (DNRTI, read from ../shared)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ingest.evaluate_ner import evaluate_ner, ner_norm, read_conll
from ingest.extract import Extractor

from .conftest import REPO, SHARED

DNRTI = SHARED / "corpus" / "ner" / "dnrti" / "test.txt"


def _build_module():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", REPO / "scripts" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_attack_groups_join_known_entries_and_common_words_need_context(tmp_path: Path) -> None:
    build = _build_module()
    bundle = {
        "type": "bundle",
        "objects": [
            {"type": "intrusion-set", "name": "Quillfish", "aliases": ["Quillfish", "Harbor Owl"]},
            {"type": "intrusion-set", "name": "Lantern", "aliases": ["Lantern", "TG-9001"]},
            {"type": "intrusion-set", "name": "Old Crew", "aliases": [], "revoked": True},
            {"type": "malware", "name": "Not A Group"},
        ],
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    groups = build.attack_groups(path)
    assert groups == [("Quillfish", ["Harbor Owl"]), ("Lantern", ["TG-9001"])]
    table = {"Bluefin": {"Harbor Owl"}}  # an alias already known: the group joins that entry
    ambiguous: set[str] = set()
    added = build.merge_attack(table, groups, ambiguous, is_common=lambda w: w == "Lantern")
    assert added == 1
    assert table["Bluefin"] == {"Harbor Owl", "Quillfish"}
    assert table["Lantern"] == {"TG-9001"}
    assert ambiguous == {"lantern"}


def test_conll_reading_and_name_normal_form(tmp_path: Path) -> None:
    path = tmp_path / "mini.txt"
    path.write_text(
        "The O\r\nQuillfish B-HackOrg\r\ngroup I-HackOrg\r\nused O\r\nit O\r\n\r\n"
        "the B-HackOrg\r\nattackers I-HackOrg\r\nleft O\r\n O\r\n\r\n",
        encoding="utf-8",
    )
    sentences = list(read_conll(path))
    assert [s.text for s in sentences] == ["The Quillfish group used it", "the attackers left"]
    assert sentences[0].names == {"quillfish"}
    assert sentences[1].names == frozenset()  # a generic phrase is not a name
    assert ner_norm("APT28's") == "apt28" == ner_norm("the APT28 actors")


@pytest.fixture(scope="module")
def dnrti_result(extractor: Extractor):
    if not DNRTI.is_file():
        pytest.fail(f"DNRTI corpus missing: {DNRTI}")
    return evaluate_ner(DNRTI, extractor)


def test_dnrti_actor_names_floor(dnrti_result) -> None:
    """Measured 0.765 F1 (P 0.733, R 0.799); 0.575 before the ATT&CK groups were added."""
    score = dnrti_result.score
    assert dnrti_result.sentences == 664
    assert score.f1 >= 0.72, (score.precision, score.recall)
    assert score.recall >= 0.7


def test_a_tool_named_after_its_group_is_not_the_group(extractor: Extractor) -> None:
    from ingest.extract import ExtractInput

    tool = extractor.extract(
        ExtractInput("t", "They found a new Carbanak variant.", "", None, "en")
    )
    assert not tool.actors and not [m for m in tool.mentions if m.label == "actor"]
    gang = extractor.extract(ExtractInput("g", "The LockBit ransomware hit Acme.", "", None, "en"))
    assert [a.name for a in gang.actors] == ["LockBit"]


def test_ransomware_deployed_by_a_named_actor_is_its_tool(extractor: Extractor) -> None:
    from ingest.extract import ExtractInput

    text = "Storm-1175 was seen deploying Medusa ransomware on exposed servers."
    report = extractor.extract(ExtractInput("d", text, "", None, "en"))
    assert [a.name for a in report.actors] == ["Storm-1175"]
    alone = "Affiliates have been deploying LockBit ransomware on exposed servers."
    report = extractor.extract(ExtractInput("a", alone, "", None, "en"))
    assert [a.name for a in report.actors] == ["LockBit"]


def test_each_actor_pattern_names_one_group() -> None:
    from ingest.nlp.gazetteer import is_cased, load_patterns

    owners: dict[str, set[str]] = {}
    for row in load_patterns("actors"):
        form = row["pattern"] if is_cased(row) else row["pattern"].casefold()
        owners.setdefault(form, set()).add(row["id"])
    assert {form: ids for form, ids in owners.items() if len(ids) > 1} == {}
