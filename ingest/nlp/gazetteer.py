"""The gazetteers: known groups, authorities, sectors, data categories and countries.

Patterns live in ``patterns/*.jsonl`` (entity-ruler rows ``{"label", "pattern", "id"}``, the
``id`` being the canonical key). The ``tikg_gazetteer`` component matches them with two spaCy
phrase matchers, one on the lower-cased text and one on exact forms (short acronyms, countries
and ambiguous group names, where case matters), and stores plain :class:`GazSpan` records in
``Doc._.tikg_gaz``.

It gives the matches two spaCy span rulers would give with the same rows (deduplicated per
matcher, sorted as spans sort, the lower-case matches first), without building a ``Span`` and a
``SpanGroup`` per document: on short English items those cost more than the tokenizer.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ingest.nlp.components import doc_text
from ingest.nlp.view import GazSpan

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
PATTERN_FILES = ("actors", "authorities", "sectors", "data_categories", "countries")

if not Doc.has_extension("tikg_gaz"):
    Doc.set_extension("tikg_gaz", default=())


@cache
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``patterns/<name>.jsonl``."""
    path = PATTERNS_DIR / f"{name}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def is_cased(row: dict[str, Any]) -> bool:
    """Whether a row matches on exact forms: countries, ambiguous group names ("Play") and
    short all-capital acronyms."""
    pattern = row["pattern"]
    if not isinstance(pattern, str):
        return True
    if row["label"] in ("COUNTRY", "ACTOR_AMBIG"):
        return True
    return len(pattern) <= 5 and pattern.upper() == pattern


class Gazetteer:
    """Callable component: both phrase matchers over one document."""

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.matchers = (
            PhraseMatcher(nlp.vocab, attr="LOWER"),
            PhraseMatcher(nlp.vocab, attr="ORTH"),
        )
        # match key → (label, id, sort key of the label and id as spaCy sorts spans)
        self.keys: dict[int, tuple[str, str, tuple[int, int]]] = {}
        for name in PATTERN_FILES:
            for row in load_patterns(name):
                label, key, pattern = row["label"], row["id"], row["pattern"]
                if not isinstance(pattern, str):
                    raise ValueError(f"patterns/{name}.jsonl: only phrase patterns: {pattern!r}")
                match_key = f"{label}\x1f{key}"
                order = (strings.add(label), strings.add(key))
                self.keys[strings.add(match_key)] = (label, key, order)
                matcher = self.matchers[1 if is_cased(row) else 0]
                matcher.add(match_key, [nlp.make_doc(pattern)])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        out: list[GazSpan] = []
        for matcher in self.matchers:
            found: dict[tuple[int, int, int], None] = {}
            for match_id, start, end in matcher(doc):
                if start != end:
                    found[(start, end, match_id)] = None
            rows = []
            for start, end, match_id in found:
                label, key, order = self.keys[match_id]
                first, last = doc[start], doc[end - 1]
                s, e = first.idx, last.idx + len(last)
                rows.append(((s, e, start, end, *order), GazSpan(s, e, label, key, text[s:e])))
            rows.sort(key=lambda r: r[0])
            out.extend(span for _, span in rows)
        doc._.tikg_gaz = tuple(out)
        return doc


@Language.factory("tikg_gazetteer", requires=["token.text"], assigns=["doc._.tikg_gaz"])
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp)
