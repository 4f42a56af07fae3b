"""The literal pre-checks must never change what a rule regex finds: every gated pattern gives
the same matches as a plain ``finditer`` on corpus text, on slices of it in several casings, and
on text with characters whose case mapping is unusual."""

from __future__ import annotations

import random
import re

import pytest

from ingest.evaluate import devset_files, load_devset
from ingest.nlp import components, dates, figures, rules, victim_rules
from ingest.nlp.prefilter import LiteralGate, required_literals, start_literals

from .conftest import REPO, SHARED

GATES = (rules._GATE, victim_rules._GATE, dates._GATE, figures._GATE, components._WORDS_GATE)


def _key(m: re.Match[str]) -> tuple[object, ...]:
    return (m.span(), m.groups())


def test_required_and_start_literals() -> None:
    rx = re.compile(r"\b(?:claimed|claims)\s+by\s+(?P<n>[A-Z]\w+)")
    assert required_literals(rx) == (("claimed", "claims"), ("by",))
    assert start_literals(rx) == ("claimed", "claims")
    assert start_literals(re.compile(r"\s+(?:was|is)\s+hit")) is None
    assert required_literals(re.compile(r"(?i)GANG|Crew")) == (("crew", "gang"),)


def test_absent_word_skips_and_case_is_ignored() -> None:
    rx = re.compile(r"(?i)\bransom\s+note\b")
    gate = LiteralGate([rx])
    assert list(gate.finditer(rx, "no such words here")) == []
    assert [m.group() for m in gate.finditer(rx, "A RANSOM NOTE and a Ransom Note")] == [
        "RANSOM NOTE",
        "Ransom Note",
    ]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    if not (SHARED / "corpus").is_dir():
        pytest.fail(f"shared corpus missing: {SHARED / 'corpus'}")
    docs = load_devset(devset_files(REPO / "tests" / "data" / "devset"), SHARED)
    own = [
        "ſtrasse ıstanbul İzmir µ Σ 𝐀 the gang claimed the breach on 3 March",
        "Le groupe « Ombrelune » revendique la cyberattaque contre Vallorge le 2 mai 2025.",
        "HACKERS BREACHED KESTREL MEDICAL GROUP LAST WEEK, STEALING 1.2 TB",
    ]
    return [f"{d.input.title}\n\n{d.input.text}" for d in docs] + own


def test_gated_scans_equal_plain_scans(texts: list[str]) -> None:
    rnd = random.Random(7)
    windows: list[str] = []
    for text in texts:
        windows.append(text)
        for _ in range(2):
            a = rnd.randrange(0, max(1, len(text) - 20))
            piece = text[a : a + rnd.randrange(20, 400)]
            windows += [piece.upper(), piece.lower(), piece.title(), piece.swapcase()]
    checked = 0
    for gate in GATES:
        for rx in gate._patterns:
            for window in windows:
                gated = [_key(m) for m in gate.finditer(rx, window)]
                assert gated == [_key(m) for m in rx.finditer(window)], (rx.pattern, window)
                checked += 1
    assert checked > 10_000
