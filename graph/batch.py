"""Records between resolution and loading: what :func:`graph.resolve.resolve_reports` decides and
:func:`graph.loader.load_batch` writes.

Stage: resolve (pure) → **LoadBatch** → loader. Every node record carries its deterministic key
(:mod:`graph.keys`), so the loader only MERGEs. A :class:`ClaimNode` is one attributable
statement; it is never updated by a different statement, only added beside it. Incident keys in a
batch are provisional: the loader may map an incident onto one already in the graph for the same
victim and an overlapping time window (claim keys do not depend on incident keys, so that mapping
never changes a claim's identity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ingest.records import ExtractedReport

#: Attribution strength, strongest first (used for the derived actor → incident edge).
MODALITY_RANK: dict[str, int] = {
    "confirmed": 5,
    "claimed": 4,
    "reported": 3,
    "alleged": 2,
    "denied": 1,
}

#: Claim kinds.
KIND_ATTRIBUTION = "attribution"  # an actor is behind the incident (modality says how firmly)
KIND_VICTIM = "victim"  # the organisation was hit (no actor named in the statement)
KIND_FIGURE = "figure"  # a number: people, records, bytes, ransom
KIND_DATE = "date"  # a typed date: detected, claimed, notified ...
KIND_EXPOSED = "data_exposed"
KIND_NOT_EXPOSED = "data_not_exposed"
KIND_AUTHORITY = "authority"  # an authority notified / investigating / complaint filed
CLAIM_KINDS = (
    KIND_ATTRIBUTION,
    KIND_VICTIM,
    KIND_FIGURE,
    KIND_DATE,
    KIND_EXPOSED,
    KIND_NOT_EXPOSED,
    KIND_AUTHORITY,
)


@dataclass(frozen=True, slots=True)
class ReportExtraction:
    """One stored report and what the extractor (or the leak-post fields) made of it."""

    report_key: str
    recorded_at: datetime  # when we learned it (the report's first_seen_at)
    published_at: datetime | None
    source_id: str | None
    url: str | None
    extraction: ExtractedReport
    is_leak_post: bool = False


@dataclass(frozen=True, slots=True)
class ActorNode:
    key: str
    name: str
    canonical: str  # gazetteer id or normalised name
    aliases: tuple[str, ...] = ()
    description: str | None = None
    known: bool = False
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OrganizationNode:
    key: str
    name: str
    norm: str
    names: tuple[str, ...] = ()
    domain: str | None = None
    sector_key: str | None = None
    country_key: str | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TermNode:
    """A Sector, Country or DataCategory: a key and a canonical name."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class AuthorityNode:
    key: str
    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class IncidentNode:
    key: str  # provisional (victim + anchor date); the loader may map it onto an existing one
    victim_key: str
    first_seen: date
    last_seen: date


@dataclass(frozen=True, slots=True)
class ClaimNode:
    key: str
    incident_key: str
    report_key: str
    kind: str
    modality: str
    speaker: str
    speaker_kind: str
    recorded_at: datetime
    extractor_version: str
    speaker_key: str | None = None
    speaker_label: str | None = None  # ThreatActor | Organization | Authority
    subject_key: str | None = None
    subject_label: str | None = None  # ThreatActor | DataCategory | Authority
    subject: str | None = None  # the subject's name as stated
    value: float | None = None
    unit: str | None = None
    counts: str | None = None
    role: str | None = None  # date role, authority role
    date: str | None = None  # ISO date for date claims
    precision: str | None = None
    text: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float = 0.5
    valid_at: datetime | None = None
    channel: str = "press"  # press | leak_post: where the statement was published


@dataclass(frozen=True, slots=True)
class ReportRef:
    """The report a claim comes from (created as a stub if the graph does not hold it yet)."""

    key: str
    recorded_at: datetime
    url: str | None = None
    published_at: datetime | None = None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class LoadBatch:
    actors: tuple[ActorNode, ...] = ()
    organizations: tuple[OrganizationNode, ...] = ()
    sectors: tuple[TermNode, ...] = ()
    countries: tuple[TermNode, ...] = ()
    data_categories: tuple[TermNode, ...] = ()
    authorities: tuple[AuthorityNode, ...] = ()
    incidents: tuple[IncidentNode, ...] = ()
    claims: tuple[ClaimNode, ...] = ()
    reports: tuple[ReportRef, ...] = ()
    report_versions: tuple[tuple[str, str], ...] = ()  # (report key, extractor version)
    warnings: tuple[str, ...] = field(default=())

    @property
    def report_keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.report_versions)


@dataclass(frozen=True, slots=True)
class LoadStats:
    nodes_created: int = 0
    relationships_created: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    claims: int = 0
    incidents: int = 0
    chunks: int = 0

    def __add__(self, other: LoadStats) -> LoadStats:
        return LoadStats(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))
