"""The fuzzy alias threshold, measured on a labelled list of name pairs (tests/graph/data).

Normalisation already equates case, accents, punctuation, legal suffixes and domains; these
pairs are what is left: typos, dropped words, and different entities with similar names. The
table of precision / recall per threshold is in the README (graph model).
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.keys import normalize_actor
from graph.names import ALIAS_THRESHOLD, NameEntry, alias_candidates, org_norm

PAIRS = Path(__file__).parent / "data" / "alias_pairs.csv"


def measure(threshold: float) -> tuple[float, float]:
    tp = fp = fn = 0
    with PAIRS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            norm = org_norm if row["kind"] == "org" else normalize_actor
            a = NameEntry("a", row["a"], norm(row["a"]))
            b = NameEntry("b", row["b"], norm(row["b"]))
            hit = bool(alias_candidates([a], [b], threshold))
            same = row["same"] == "1"
            tp += hit and same
            fp += hit and not same
            fn += same and not hit
    return tp / (tp + fp), tp / (tp + fn)


def test_threshold_keeps_precision_high() -> None:
    precision, recall = measure(ALIAS_THRESHOLD)
    assert precision >= 0.9
    assert recall >= 0.8


def test_threshold_is_the_best_f1_of_its_neighbourhood() -> None:
    def f1(t: float) -> float:
        p, r = measure(t)
        return 2 * p * r / (p + r)

    best = f1(ALIAS_THRESHOLD)
    assert all(best >= f1(t) for t in (80.0, 84.0, 90.0, 94.0))
