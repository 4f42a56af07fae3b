"""Frozen records passed between the ingestion stages.

``Raw…`` records come out of the sources (before NLP); ``Extracted…`` records come out of the
extractor; ``…Result`` records come out of I/O; ``…Stats`` records describe outcomes. No
``dict`` from a parser library, no spaCy ``Doc`` and no driver record crosses a package boundary:
only these. Every datetime is timezone-aware UTC.

The JSON form of :class:`ExtractedReport` (``to_json``) is the stable ``tikg extract`` schema
documented in the README.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Lang = Literal["fr", "en", "other"]
Modality = Literal["claimed", "reported", "alleged", "confirmed", "denied"]
SpeakerKind = Literal["actor", "victim", "authority", "publication", "third_party"]
DatePrecision = Literal["day", "month", "year", "approximate"]

MODALITIES: tuple[Modality, ...] = ("claimed", "reported", "alleged", "confirmed", "denied")


def content_hash(title: str, text: str) -> str:
    """Hash of the normalised title and text: the same story fetched twice hashes the same."""
    norm = unicodedata.normalize("NFKC", f"{title}\n{text}").casefold()
    norm = " ".join(norm.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- raw documents


@dataclass(frozen=True, slots=True)
class RawLeakFields:
    """Structured fields of a leak-site post, renamed from the tracker's own field names."""

    actor: str
    victim: str
    victim_raw: str
    discovered_at: datetime | None = None
    published_at: datetime | None = None  # date shown on the leak site / attack date
    website: str | None = None
    country: str | None = None
    post_url: str | None = None
    activity: str | None = None  # sector as the tracker labels it
    figures: tuple[str, ...] = ()  # figures kept from a decorated title ("$189.1M", "88GB")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One item of one source: an article, a leak post, a forum or Telegram message."""

    source_id: str
    source_kind: str
    guid: str
    url: str | None
    title: str
    text: str
    published_at: datetime | None
    lang: Lang
    metadata: dict[str, Any] = field(default_factory=dict)
    leak: RawLeakFields | None = None
    author: str | None = None
    full_text: str | None = None  # the article page's main text, when fetched (not hashed)

    @property
    def content_hash(self) -> str:
        """Identity of the content. A leak post is the group, the victim and the day it was
        seen: two groups posting one victim, or a re-post on a later day, stay distinct."""
        if self.leak is not None:
            day = self.leak.discovered_at.date().isoformat() if self.leak.discovered_at else ""
            return content_hash(f"{self.leak.actor}\x1f{self.leak.victim}\x1f{day}", self.text)
        return content_hash(self.title, self.text)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source_id": self.source_id,
            "source_kind": self.source_kind,
            "guid": self.guid,
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "published_at": _iso(self.published_at),
            "lang": self.lang,
            "content_hash": self.content_hash,
        }
        if self.author:
            out["author"] = self.author
        if self.full_text:
            out["full_text"] = self.full_text
        if self.leak is not None:
            leak = self.leak
            out.update(
                actor=leak.actor,
                victim=leak.victim,
                victim_raw=leak.victim_raw,
                discovered_at=_iso(leak.discovered_at),
                leak_published_at=_iso(leak.published_at),
                website=leak.website,
                country=leak.country,
                post_url=leak.post_url,
                activity=leak.activity,
                figures=list(leak.figures),
            )
        if self.metadata:
            out["metadata"] = self.metadata
        return out


@dataclass(frozen=True, slots=True)
class ItemError:
    """A bad item: skipped, logged with its key, counted."""

    key: str
    message: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a source parser made of one payload."""

    documents: tuple[RawDocument, ...]
    errors: tuple[ItemError, ...] = ()
    kind: str = ""
    warnings: tuple[str, ...] = ()  # feed-level notes (encoding fixed, recovered from bad XML)


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence behind a fact, with character offsets into the document text."""

    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class ExtractedMention:
    text: str
    label: (
        str  # actor | organization | authority | sector | country | data_category | date | figure
    )
    start: int
    end: int
    key: str | None = None  # canonical key where known (gazetteer id)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class ExtractedActor:
    name: str
    key: str
    aliases: tuple[str, ...] = ()
    known: bool = False  # True when found in the gazetteer, False when discovered from context
    description: str | None = None  # e.g. "collectif composé de jeunes hackers Français"
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.key,
            "aliases": list(self.aliases),
            "known": self.known,
            "description": self.description,
            "evidence": _ev(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ExtractedVictim:
    name: str
    sector: str | None = None
    country: str | None = None
    domain: str | None = None
    role: str = "victim"  # victim | parent | customer | vendor
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sector": self.sector,
            "country": self.country,
            "domain": self.domain,
            "role": self.role,
            "evidence": _ev(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ExtractedActorLink:
    """An actor linked to an incident by one statement: who says so, and how firmly."""

    name: str
    modality: Modality
    speaker: str
    speaker_kind: SpeakerKind = "publication"
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "modality": self.modality,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "evidence": _ev(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ExtractedDate:
    role: str  # attack | detected | claimed | disclosed | notified | published | ...
    date: str  # ISO date (YYYY-MM-DD); month/year precision keeps the first day
    precision: DatePrecision
    text: str = ""
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "date": self.date,
            "precision": self.precision,
            "text": self.text,
            "evidence": _ev(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ExtractedFigure:
    value: float
    unit: str  # count | bytes | usd | eur | percent ...
    counts: str  # what is counted: patients, people, records, customers, data, ransom ...
    speaker: str
    modality: Modality
    speaker_kind: SpeakerKind = "publication"
    text: str = ""
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "value": value,
            "unit": self.unit,
            "counts": self.counts,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "modality": self.modality,
            "text": self.text,
            "evidence": _ev(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ExtractedDataCategory:
    category: str  # canonical key: names, ssn, health_records, ...
    text: str
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        return {"category": self.category, "text": self.text, "evidence": _ev(self.evidence)}


@dataclass(frozen=True, slots=True)
class ExtractedAuthority:
    name: str  # canonical: CNIL, ANSSI, Parquet de Paris, FBI, ICO ...
    kind: str  # regulator | prosecutor | police | agency | cert
    country: str | None = None
    role: str = "involved"  # notified | complaint | investigating | involved
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "role": self.role,
            "evidence": _ev(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class ExtractedIncident:
    victim: str | None
    sector: str | None = None
    country: str | None = None
    actors: tuple[ExtractedActorLink, ...] = ()
    dates: tuple[ExtractedDate, ...] = ()
    figures: tuple[ExtractedFigure, ...] = ()
    data_exposed: tuple[ExtractedDataCategory, ...] = ()
    data_not_exposed: tuple[ExtractedDataCategory, ...] = ()
    authorities: tuple[ExtractedAuthority, ...] = ()
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "victim": self.victim,
            "sector": self.sector,
            "country": self.country,
            "actors": [a.to_json() for a in self.actors],
            "dates": [d.to_json() for d in self.dates],
            "figures": [f.to_json() for f in self.figures],
            "data_exposed": [d.to_json() for d in self.data_exposed],
            "data_not_exposed": [d.to_json() for d in self.data_not_exposed],
            "authorities": [a.to_json() for a in self.authorities],
            "evidence": _ev(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ExtractedReport:
    id: str
    lang: Lang
    extractor_version: str
    actors: tuple[ExtractedActor, ...] = ()
    victims: tuple[ExtractedVictim, ...] = ()
    authorities: tuple[ExtractedAuthority, ...] = ()
    incidents: tuple[ExtractedIncident, ...] = ()
    mentions: tuple[ExtractedMention, ...] = ()
    published: str | None = None
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lang": self.lang,
            "extractor_version": self.extractor_version,
            "published": self.published,
            "actors": [a.to_json() for a in self.actors],
            "victims": [v.to_json() for v in self.victims],
            "authorities": [a.to_json() for a in self.authorities],
            "incidents": [i.to_json() for i in self.incidents],
            "mentions": [m.to_json() for m in self.mentions],
            "warnings": list(self.warnings),
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _ev(value: Evidence | None) -> dict[str, Any] | None:
    return value.to_json() if value is not None else None
