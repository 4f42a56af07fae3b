"""Names, pure: canonical forms and keys of actors, organisations, sectors, authorities, and the
fuzzy alias candidates that become reversible ``SAME_AS`` links.

Stage: used by :mod:`graph.resolve` and the loader. Organisations compare by
:func:`graph.keys.normalize_org` (case, accents, punctuation, legal suffixes, domains: «
MédecinDirect » = "Medecin Direct" = medecindirect.fr), actors by the extractor's gazetteer id when
an alias is known (``ingest/nlp/patterns/actors.jsonl``, read once), else by
:func:`graph.keys.normalize_actor`. Near-misses are never merged: :func:`alias_candidates` scores
them (rapidfuzz ``ratio`` on normalised names, threshold measured in the README (graph model)).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from graph.keys import fold, make_key, normalize_actor, normalize_org

#: rapidfuzz ``ratio`` on normalised names at or above which a SAME_AS candidate is proposed
#: (measured on tests/graph/data/alias_pairs.csv, see the README (graph model)).
ALIAS_THRESHOLD = 86.0
#: Names shorter than this (normalised) are never fuzzy-matched: "axa" vs "ama" is noise.
ALIAS_MIN_LENGTH = 5

GAZETTEER = Path(__file__).resolve().parent.parent / "ingest" / "nlp" / "patterns" / "actors.jsonl"


@lru_cache(maxsize=1)
def actor_gazetteer() -> dict[str, str]:
    """Normalised alias → gazetteer id, from the extractor's actor patterns."""
    table: dict[str, str] = {}
    if not GAZETTEER.exists():
        return table
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        pattern = entry.get("pattern")
        if isinstance(pattern, list):
            pattern = " ".join(
                str(tok.get("ORTH") or tok.get("LOWER") or tok.get("TEXT") or "")
                for tok in pattern
                if isinstance(tok, dict)
            )
        if isinstance(pattern, str) and pattern.strip():
            table.setdefault(normalize_actor(pattern), str(entry["id"]))
    return table


def actor_canonical(name: str, hint: str | None = None) -> str:
    """The canonical id of an actor: the gazetteer id of any of its aliases, else its norm."""
    norm = normalize_actor(name)
    found = actor_gazetteer().get(norm)
    if found:
        return found
    if hint and hint in gazetteer_ids():
        return hint
    return norm


@lru_cache(maxsize=1)
def gazetteer_ids() -> frozenset[str]:
    return frozenset(actor_gazetteer().values())


def actor_key(canonical: str) -> str:
    return make_key("actor", canonical)


def org_norm(name: str, domain: str | None = None) -> str:
    return normalize_org(name) or (normalize_org(domain) if domain else "") or fold(name)


def org_key(norm: str) -> str:
    return make_key("org", norm)


def authority_key(name: str) -> str:
    return make_key("authority", "".join(fold(name).split()))


SECTORS = GAZETTEER.parent / "sectors.jsonl"
#: Tracker sector labels (ransomware.live ``activity`` …) → the extractor's sector ids.
SECTOR_LABELS = {
    "healthcare": "health", "health care": "health", "hospitals": "health",
    "pharmaceutical": "health", "financial services": "finance", "financial": "finance",
    "insurance": "finance", "banking": "finance", "technology": "technology",
    "information technology": "technology", "it": "technology", "software": "technology",
    "government": "government", "public sector": "government", "education": "education",
    "manufacturing": "manufacturing", "industrial": "manufacturing", "retail": "retail",
    "consumer services": "retail", "transportation": "transport", "logistics": "transport",
    "transportation logistics": "transport", "telecommunication": "telecom",
    "telecommunications": "telecom", "energy": "energy", "utilities": "energy",
    "construction": "construction", "hospitality": "hospitality", "hospitality and tourism":
    "hospitality", "legal": "legal", "law firm": "legal", "media": "media", "defense": "defense",
}  # fmt: skip


@lru_cache(maxsize=1)
def _sector_table() -> dict[str, str]:
    table = dict(SECTOR_LABELS)
    if SECTORS.exists():
        for line in SECTORS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                if isinstance(entry.get("pattern"), str):
                    table.setdefault(fold(entry["pattern"]), str(entry["id"]))
                table.setdefault(fold(str(entry["id"])), str(entry["id"]))
    return table


def sector_canonical(sector: str) -> str:
    """The sector id: "Healthcare", "télémédecine" and "health" all give ``health``."""
    folded = fold(sector)
    return _sector_table().get(folded, folded.replace(" ", "_"))


def sector_key(sector: str) -> str:
    return make_key("sector", sector_canonical(sector))


def country_key(code: str) -> str:
    return make_key("country", code.strip().upper())


def data_category_key(category: str) -> str:
    return make_key("data_category", fold(category).replace(" ", "_"))


@dataclass(frozen=True, slots=True)
class NameEntry:
    key: str
    name: str
    norm: str


@dataclass(frozen=True, slots=True)
class AliasCandidate:
    """A proposed SAME_AS between two nodes: never a merge, always with its score and why."""

    left: str
    right: str
    score: float
    evidence: str


def name_score(a: str, b: str) -> float:
    """Similarity (0–100) of two normalised names."""
    return float(fuzz.ratio(a, b))


def alias_candidates(
    new: Sequence[NameEntry],
    known: Sequence[NameEntry],
    threshold: float = ALIAS_THRESHOLD,
) -> list[AliasCandidate]:
    """Scored near-duplicate pairs between ``new`` and ``known`` (distinct keys, pairs once)."""
    pool = [b for b in known if len(b.norm) >= ALIAS_MIN_LENGTH]
    norms = [b.norm for b in pool]
    out: dict[tuple[str, str], AliasCandidate] = {}
    for a in new:
        if len(a.norm) < ALIAS_MIN_LENGTH:
            continue
        hits = process.extract(a.norm, norms, scorer=fuzz.ratio, score_cutoff=threshold, limit=20)
        for _, score, idx in hits:
            b = pool[idx]
            if a.key == b.key:
                continue
            left, right = sorted((a, b), key=lambda e: e.key)
            out[(left.key, right.key)] = AliasCandidate(
                left.key,
                right.key,
                round(float(score), 1),
                f"fuzzy ratio {score:.1f} between {left.name!r} and {right.name!r}",
            )
    return sorted(out.values(), key=lambda c: (-c.score, c.left, c.right))
