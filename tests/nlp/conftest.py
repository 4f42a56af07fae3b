"""Fixtures of the NLP tests: one extractor (and so one French model load) per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.extract import ExtractInput, Extractor
from ingest.records import ExtractedReport

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "medecindirect-dumpsec.fr.txt"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def seed_report(extractor: Extractor) -> ExtractedReport:
    if not SEED.is_file():
        pytest.fail(f"founding article missing: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return extractor.extract(ExtractInput("seed", text, published=date(2025, 12, 8), lang="fr"))
