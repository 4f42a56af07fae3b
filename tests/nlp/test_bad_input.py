"""Bad input: bounded time and memory, no crash."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest

from ingest.extract import ExtractInput, Extractor

PUB = date(2025, 12, 8)


@pytest.mark.parametrize("lang", ["fr", "en", None])
def test_empty_text(extractor: Extractor, lang: str | None) -> None:
    report = extractor.extract(ExtractInput("empty", "", published=PUB, lang=lang))
    assert report.incidents == () and report.actors == ()
    assert "empty text" in report.warnings


def test_two_megabyte_paragraph_is_capped_and_fast(extractor: Extractor) -> None:
    unit = "Le groupe LockBit revendique l'attaque contre Acme le 3 mars et vole 10 Go "
    text = (unit * (2_000_000 // len(unit) + 1))[:2_000_000]
    start = time.perf_counter()
    report = extractor.extract(ExtractInput("big", text, published=PUB, lang="en"))
    assert time.perf_counter() - start < 60
    assert any("truncated" in w for w in report.warnings)
    assert report.actors and report.actors[0].key == "lockbit"
    assert all(m.end <= extractor.settings.max_chars for m in report.mentions)


def test_binary_garbage(extractor: Extractor) -> None:
    rnd = random.Random(7)
    blob = bytes(rnd.randrange(256) for _ in range(50_000)).decode("utf-8", errors="replace")
    report = extractor.extract(ExtractInput("bin", blob, published=PUB))
    assert report.lang in ("fr", "en")


def test_mixed_languages_emoji_and_zero_width(extractor: Extractor) -> None:
    text = (
        "Le groupe de hackers « Night\u200bOwl » 🔥 revendique l'attaque contre Acme Santé. "
        "The Akira\u200d ransomware gang claimed the breach at Orion Metals 💀 yesterday.\ufeff"
    )
    report = extractor.extract(ExtractInput("mixed", text, published=PUB))
    assert len(report.to_json()["mentions"]) > 0
    for m in report.mentions:
        assert text[m.start : m.end].replace("\u200b", " ").replace("\u200d", " ") == m.text


def test_many_documents_keep_their_order(extractor: Extractor) -> None:
    items = [
        ExtractInput(str(i), "Acme was hit by a ransomware attack." if i % 2 else "Bonjour.")
        for i in range(40)
    ]
    reports = list(extractor.extract_many(items, batch_size=4))
    assert [r.id for r in reports] == [str(i) for i in range(40)]


@pytest.mark.parametrize("unit", [" ", "\n", "1.", "$1.5 ", "and "])
def test_long_runs_of_one_token_stay_linear(extractor: Extractor, unit: str) -> None:
    """Rule patterns opening with whitespace or a name must not rescan a long run from each of
    its positions (it took minutes on 20,000 spaces before the runs were anchored)."""
    lead = (
        "Acme said it is experiencing disruptions following a cyberattack. Beta was fined "
        "after a breach. Delta pays fine for breach. Zeta warns of data breach. Iota is a "
        "threat group. "
    )
    text = lead + unit * (40_000 // len(unit))
    start = time.perf_counter()
    report = extractor.extract(ExtractInput("run", text, published=PUB, lang="en"))
    assert time.perf_counter() - start < 30
    assert "Acme" in {v.name for v in report.victims}
