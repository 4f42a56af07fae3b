"""A plain, spaCy-free view of one processed document, and the positional helpers the
assembly rules use (sentence and clause lookup, evidence).

``ingest.extract`` builds a :class:`DocView` from a spaCy ``Doc``; everything downstream reads
only this view, so the rules are testable on plain data and no ``Doc`` leaves the extractor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from ingest.nlp.components import DocCues
from ingest.nlp.lexicons import Lexicon, lexicon
from ingest.records import Evidence


@dataclass(frozen=True, slots=True)
class GazSpan:
    start: int
    end: int
    label: str  # ACTOR | ACTOR_AMBIG | AUTHORITY | SECTOR | DATA | COUNTRY
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity occurrence: explicit name, or a pronoun/description resolved to it."""

    kind: str  # actor | victim
    key: str
    start: int
    end: int
    resolved: bool = False


@dataclass(slots=True)
class DocView:
    id: str
    lang: str
    text: str
    published: date | None
    sentences: tuple[tuple[int, int], ...]
    gazetteer: tuple[GazSpan, ...]
    ents: tuple[tuple[int, int, str], ...]
    cues: DocCues
    title: str = ""
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = ((0, len(self.text)),)
        self._starts = [s for s, _ in self.sentences]

    @property
    def lex(self) -> Lexicon:
        return lexicon(self.lang)

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def sent_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e]

    def evidence(self, pos: int) -> Evidence:
        s, e = self.sentences[self.sent_of(pos)]
        raw = self.text[s:e]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(body) > 600:
            body = body[:600]
        return Evidence(sentence=body, start=s + lead, end=s + lead + len(body))

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: the sentence cut at , ; : and dashes."""
        s, e = self.sentences[self.sent_of(pos)]
        lo, hi = s, e
        for m in _CLAUSE.finditer(self.text, s, e):
            if m.end() <= pos:
                lo = m.end()
            elif m.start() >= pos:
                hi = m.start()
                break
        return lo, hi

    def segment(self, pos: int) -> tuple[int, int]:
        """The sentence part around ``pos`` between contrast markers (but, mais, ;)."""
        s, e = self.sentences[self.sent_of(pos)]
        lo, hi = s, e
        for m in self.lex.contrast.finditer(self.text, s, e):
            if m.end() <= pos:
                lo = m.end()
            elif m.start() >= pos:
                hi = m.start()
                break
        return lo, hi


_CLAUSE = re.compile(
    r"[,;:]\s|\s[—–-]\s|\bet\s+(?=a\b|ont\b|a été\b)|\band\s+(?=has\b|was\b|(?:has\s+)?\w+ed\b)"
)
