"""Threat-actor names against an independently labelled CTI corpus: DNRTI (CoNLL format).

DNRTI tags threat groups ``HackOrg`` token by token (BIO). Its labels also cover generic
phrases ("the attackers", "this group"); those are not names and are not scored: a gold entity
counts when it holds a capital letter or a digit. Names are compared in a normal form without
case, punctuation, a possessive or a trailing generic word ("Putter Panda group",
"SilverTerrier actors", "APT28's" → "putterpanda", "silverterrier", "apt28").

Per sentence: the set of gold names against the set of actor names the extractor reports there
(its explicit actor mentions, with the names and aliases of the actors it found). A predicted
name that is no gold name is a false positive, also when the corpus tags that word otherwise
(DNRTI often tags "Carbanak" as malware): the score measures agreement with that corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.evaluate import Score
from ingest.extract import ExtractInput, Extractor

_GENERIC_TAIL = re.compile(
    r"(?:['’]s)?(?:\s+(?:group|groups|actors?|gang|apt|operators?|hackers?|threat\s+group|"
    r"team\s+members))+$",
    re.IGNORECASE,
)


def ner_norm(name: str) -> str:
    """Comparison form of a threat-actor name (see the module docstring)."""
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
    name = _GENERIC_TAIL.sub("", name)
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    names: frozenset[str]  # normal forms of the gold HackOrg names


def read_conll(path: Path, label: str = "HackOrg") -> Iterator[Sentence]:
    """The sentences of a CoNLL file (``token tag`` lines, a blank line between sentences) with
    the gold names of ``label``; lines with a tag but no token are skipped."""
    tokens: list[tuple[str, str]] = []
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line:
            token, _, tag = line.rpartition(" ")
            if token:
                tokens.append((token, tag))
            continue
        if tokens:
            yield _sentence(tokens, label)
            tokens = []


def _sentence(tokens: list[tuple[str, str]], label: str) -> Sentence:
    entities: list[list[str]] = []
    inside = False
    for token, tag in tokens:
        if tag == f"B-{label}":
            entities.append([token])
            inside = True
        elif tag == f"I-{label}" and inside:
            entities[-1].append(token)
        else:
            inside = False
    names = {
        ner_norm(" ".join(words))
        for words in entities
        if any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words)
    }
    return Sentence(" ".join(t for t, _ in tokens), frozenset(n for n in names if n))


@dataclass(slots=True)
class NerResult:
    sentences: int = 0
    score: Score = field(default_factory=Score)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)


def evaluate_ner(path: Path, extractor: Extractor) -> NerResult:
    """Score the extractor's actor names against the HackOrg names of ``path``."""
    sentences = list(read_conll(path))
    items = [ExtractInput(f"s{i}", s.text, "", None, "en") for i, s in enumerate(sentences)]
    result = NerResult(sentences=len(sentences))
    for sentence, report in zip(sentences, extractor.extract_many(items), strict=True):
        predicted = {ner_norm(m.text) for m in report.mentions if m.label == "actor"} - {""}
        forms = {ner_norm(f) for a in report.actors for f in (a.name, *a.aliases)}
        for name in sentence.names:
            if name in predicted or name in forms:
                result.score.tp += 1
            else:
                result.score.fn += 1
                result.missed[name] += 1
        for name in predicted - sentence.names:
            result.score.fp += 1
            result.spurious[name] += 1
    return result
