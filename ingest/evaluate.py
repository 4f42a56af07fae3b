"""Evaluation of the extractor on an annotated development set: precision, recall and F1 for
actors, victims, actor–victim pairs (with modality) and typed dates, per language.

Dev-set lines (JSONL) are either our own text (``text``, ``title``, ``published``) or a
reference to an item of the shared corpus (``ref``: ``{"file": ..., "guid": ...}`` for an RSS
item, ``{"file": ..., "index": n}`` or ``{"file": ..., "id": ...}`` for a JSON array) whose text
is read from the shared folder at evaluation time and never copied. Gold labels: ``actors``
(names), ``victims`` (names), ``pairs`` (``[actor, victim, modality]``), ``dates``
(``[role, "YYYY-MM-DD"]``).

Matching: actors by canonical gazetteer key (an alias counts as its group), else by normalised
name; victims by normalised name, containment or a fuzzy ratio >= 90; a pair needs both and the
same modality (when several statements link a pair, the firmest wins: denied > confirmed >
claimed > alleged > reported); a date needs the same role and day. Scores are micro-averaged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.extract import ExtractInput, Extractor, parse_published
from ingest.nlp.entities import actor_names
from ingest.nlp.names import norm
from ingest.records import ExtractedReport

PRIORITY = ("denied", "confirmed", "claimed", "alleged", "reported")
KINDS = ("actors", "victims", "pairs", "dates")
# the roles the dev set annotates (README of tests/data/devset); other roles are not scored
GOLD_DATE_ROLES = frozenset(("attack", "detected", "claimed", "disclosed", "notified"))


@dataclass(frozen=True, slots=True)
class GoldDoc:
    input: ExtractInput
    actors: tuple[str, ...]
    victims: tuple[str, ...]
    pairs: tuple[tuple[str, str, str], ...]
    dates: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class EvalResult:
    lang: str
    docs: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    errors: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ loading


def _rss_item(path: Path, guid: str) -> tuple[str, str, str]:
    import feedparser

    feed = feedparser.parse(path.read_bytes())
    for e in feed.entries:
        if e.get("id") == guid or e.get("link") == guid or e.get("title") == guid:
            text = e.get("description") or e.get("summary") or ""
            return e.get("title", ""), _strip_html(text), e.get("published", "")
    raise KeyError(f"{guid} not in {path}")


def _strip_html(text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()


def _json_item(path: Path, ref: dict[str, Any]) -> tuple[str, str, str]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    if "index" in ref:
        row = rows[int(ref["index"])]
    else:
        row = next(r for r in rows if str(r.get("id")) == str(ref["id"]))
    text = row.get("summary") or row.get("description") or ""
    title = row.get("title", "") if "summary" not in row else ""
    pub = row.get("added_at") or row.get("added") or row.get("date") or ""
    return title, _strip_html(text), pub


def resolve_ref(ref: dict[str, Any], shared: Path) -> tuple[str, str, str]:
    """(title, text, published) of a corpus item, read from the shared folder."""
    path = shared / "corpus" / ref["file"]
    if not path.is_file():
        raise FileNotFoundError(f"corpus file missing: {path}")
    if path.suffix == ".xml":
        return _rss_item(path, str(ref["guid"]))
    return _json_item(path, ref)


def load_devset(paths: Iterable[Path], shared: Path) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            title, text, pub = row.get("title", ""), row.get("text", ""), row.get("published")
            if "ref" in row:
                title, text, ref_pub = resolve_ref(row["ref"], shared)
                pub = pub or ref_pub
            item = ExtractInput(
                id=str(row.get("id", f"{path.stem}:{n}")),
                text=text,
                title=title,
                published=parse_published(pub),
                lang=row.get("lang"),
            )
            docs.append(
                GoldDoc(
                    input=item,
                    actors=tuple(row.get("actors", [])),
                    victims=tuple(row.get("victims", [])),
                    pairs=tuple((str(a), str(v), str(m)) for a, v, m in row.get("pairs", [])),
                    dates=tuple((str(r), str(d)) for r, d in row.get("dates", [])),
                )
            )
    return docs


def devset_files(root: Path, lang: str = "all") -> list[Path]:
    if root.is_file():
        return [root]
    files = sorted(root.glob("*.jsonl"))
    return [f for f in files if lang == "all" or f.stem.startswith(lang)]


# ------------------------------------------------------------------ matching


def actor_key(name: str) -> str:
    _, alias = actor_names()
    n = norm(name)
    return alias.get(n, n)


def same_victim(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)):
        return True
    return fuzz.ratio(x, y) >= 90


def _match(gold: list[Any], pred: list[Any], eq: Any) -> tuple[int, int, int]:
    left = list(pred)
    tp = 0
    for g in gold:
        for i, p in enumerate(left):
            if eq(g, p):
                tp += 1
                del left[i]
                break
    return tp, len(pred) - tp, len(gold) - tp


def predicted(report: ExtractedReport) -> dict[str, list[Any]]:
    actors = sorted(
        {a.key.removeprefix("actor:") if a.known else norm(a.name) for a in report.actors}
    )
    victims = [v.name for v in report.victims if v.role == "victim"]
    pairs: dict[tuple[str, str], str] = {}
    dates: set[tuple[str, str]] = set()
    for inc in report.incidents:
        for link in inc.actors:
            key = (actor_key(link.name), inc.victim or "")
            old = pairs.get(key)
            if old is None or PRIORITY.index(link.modality) < PRIORITY.index(old):
                pairs[key] = link.modality
        dates |= {(d.role, d.date) for d in inc.dates if d.role in GOLD_DATE_ROLES}
    return {
        "actors": actors,
        "victims": victims,
        "pairs": [(a, v, m) for (a, v), m in pairs.items()],
        "dates": sorted(dates),
    }


def score_doc(gold: GoldDoc, report: ExtractedReport, result: EvalResult) -> None:
    pred = predicted(report)
    checks: dict[str, tuple[list[Any], list[Any], Any]] = {
        "actors": ([actor_key(a) for a in gold.actors], pred["actors"], lambda g, p: g == p),
        "victims": (list(gold.victims), pred["victims"], same_victim),
        "pairs": (
            [(actor_key(a), v, m) for a, v, m in gold.pairs],
            pred["pairs"],
            lambda g, p: g[0] == p[0] and g[2] == p[2] and same_victim(g[1], p[1]),
        ),
        "dates": ([tuple(d) for d in gold.dates], pred["dates"], lambda g, p: g == p),
    }
    for kind, (g, p, eq) in checks.items():
        tp, fp, fn = _match(list(dict.fromkeys(g)), p, eq)
        s = result.scores[kind]
        s.tp, s.fp, s.fn = s.tp + tp, s.fp + fp, s.fn + fn
        if fp or fn:
            result.errors.append(f"{gold.input.id} {kind}: gold={g} pred={p}")


def evaluate(
    docs: list[GoldDoc], extractor: Extractor, batch_size: int = 32
) -> dict[str, EvalResult]:
    """One :class:`EvalResult` per language of the gold documents."""
    results: dict[str, EvalResult] = {}
    reports = extractor.extract_many((d.input for d in docs), batch_size)
    for gold, report in zip(docs, reports, strict=True):
        lang = gold.input.lang or report.lang
        res = results.setdefault(lang, EvalResult(lang))
        res.docs += 1
        score_doc(gold, report, res)
    return results
