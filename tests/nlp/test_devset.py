"""Dev-set quality floors (slightly below the measured scores, so regressions fail).

The dev set lives in tests/data/devset (own texts + references to ../shared/corpus items,
read from there at test time). ``tikg eval`` prints the full table.
"""

from __future__ import annotations

import pytest

from ingest.evaluate import EvalResult, devset_files, evaluate, load_devset
from ingest.extract import Extractor

from .conftest import REPO, SHARED

FLOORS = {
    "fr": {"actors": 0.95, "victims": 0.93, "pairs": 0.85, "dates": 0.9},
    "en": {"actors": 0.92, "victims": 0.84, "pairs": 0.9, "dates": 0.75},
}


@pytest.fixture(scope="module")
def results(extractor: Extractor) -> dict[str, EvalResult]:
    if not (SHARED / "corpus").is_dir():
        pytest.fail(f"shared corpus missing: {SHARED / 'corpus'}")
    docs = load_devset(devset_files(REPO / "tests" / "data" / "devset"), SHARED)
    return evaluate(docs, extractor)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_devset_size(results: dict[str, EvalResult], lang: str) -> None:
    assert results[lang].docs >= 40


@pytest.mark.parametrize(
    ("lang", "kind"), [(lang, kind) for lang, floors in FLOORS.items() for kind in floors]
)
def test_devset_f1_floor(results: dict[str, EvalResult], lang: str, kind: str) -> None:
    score = results[lang].scores[kind]
    assert score.f1 >= FLOORS[lang][kind], (
        f"{lang} {kind}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
    )
