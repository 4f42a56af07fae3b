"""Read views for the dashboard pages that :mod:`graph.repository` does not cover.

Stage: Neo4j → **views** → dashboard. Each function runs named Cypher constants of this module
(values as parameters, labels and types written from :mod:`graph.vocab`'s allow-list only) in one
read transaction and returns frozen records: no driver record leaves this module. Every function
takes ``as_of`` (graph as known then: claims with ``recorded_at <= as_of``, derived edges and
incidents with ``first_recorded_at <= as_of``) and ``database``.

The window queries start from the ``Incident.first_seen`` range index, so their cost follows the
size of the window, not of the graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, unit_of_work

from graph.catalog import parse_as_of
from graph.db import native
from graph.keys import normalize_actor
from graph.names import org_norm
from graph.repository import ActorSummary
from graph.views_cypher import (
    ACTOR_BY_KEY,
    ACTOR_EVIDENCE,
    DATE_BOUNDS,
    FACETS,
    INCIDENT_VICTIM,
    NETWORK_EDGES,
    ORGANIZATION_BY_KEY,
    RECENT_ORGANIZATIONS,
    SEARCH_ACTORS,
    SEARCH_ORGANIZATIONS,
    VICTIM_INCIDENTS,
    WINDOW_ACTORS,
    WINDOW_RECENT_INCIDENTS,
    WINDOW_SECTORS_COUNTRIES,
    WINDOW_TIMELINE,
)
from graph.vocab import RelType

AsOf = date | datetime | str | None

#: Derived actor → incident edges that say "behind it", and the modality each one stands for.
BEHIND: dict[str, str] = {
    RelType.CLAIMED.value: "claimed",
    RelType.CONFIRMED_BEHIND.value: "confirmed",
    RelType.REPORTED_BEHIND.value: "reported",
    RelType.ALLEGEDLY_BEHIND.value: "alleged",
}
MODALITIES: tuple[str, ...] = ("confirmed", "claimed", "reported", "alleged", "denied")

# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateBounds:
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class Ranked:
    key: str
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    week: date
    status: str
    incidents: int


@dataclass(frozen=True, slots=True)
class RecentIncident:
    incident: str
    first_seen: date | None
    org_key: str
    victim: str
    status: str | None
    actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WindowOverview:
    start: date
    end: date
    new_incidents: int
    new_actors: int
    new_actor_names: tuple[Ranked, ...]
    timeline: tuple[TimelinePoint, ...]
    top_actors: tuple[Ranked, ...]
    top_sectors: tuple[Ranked, ...]
    top_countries: tuple[Ranked, ...]
    recent: tuple[RecentIncident, ...]


#: The actor card of the dashboard is the repository's actor summary.
ActorCard = ActorSummary


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    org_key: str
    victim: str
    incident_date: date | None
    kind: str
    modality: str | None
    speaker: str | None
    speaker_kind: str | None
    statement: str | None
    evidence: str | None
    title: str | None
    url: str | None
    sources: tuple[str, ...]
    recorded_at: datetime | None
    confidence: float | None


@dataclass(frozen=True, slots=True)
class OrgCard:
    key: str
    name: str
    names: tuple[str, ...]
    domain: str | None
    incidents: int
    sectors: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatementRow:
    """One claim about an incident, with its provenance."""

    kind: str
    modality: str | None
    speaker: str | None
    speaker_kind: str | None
    subject: str | None
    target: str | None
    value: float | None
    unit: str | None
    counts: str | None
    role: str | None
    date: str | None
    precision: str | None
    evidence: str | None
    recorded_at: datetime | None
    confidence: float | None
    channel: str | None
    report: str | None
    title: str | None
    url: str | None
    published_at: datetime | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentView:
    key: str
    first_seen: date | None
    last_seen: date | None
    status: str | None
    claimed_at: datetime | None
    reported_at: datetime | None
    confirmed_at: datetime | None
    denied_at: datetime | None
    signals: tuple[str, ...]
    statements: tuple[StatementRow, ...]

    def of_kind(self, *kinds: str) -> list[StatementRow]:
        return [s for s in self.statements if s.kind in kinds]


@dataclass(frozen=True, slots=True)
class Discrepancy:
    unit: str
    low: float
    low_speaker: str | None
    high: float
    high_speaker: str | None
    gap: float
    gap_percent: float


@dataclass(frozen=True, slots=True)
class Facets:
    sectors: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    actor_key: str
    actor: str
    incident: str
    first_seen: date | None
    org_key: str
    org: str
    modality: str
    sectors: tuple[str, ...]


# --- helpers --------------------------------------------------------------------------------


def _read(
    driver: Driver, database: str, queries: Sequence[tuple[LiteralString, dict[str, Any]]]
) -> list[list[dict[str, Any]]]:
    """Run several read queries in one read transaction; each result as plain dicts."""

    @unit_of_work(timeout=30.0)
    def work(tx: ManagedTransaction) -> list[list[dict[str, Any]]]:
        return [[rec.data() for rec in tx.run(q, p)] for q, p in queries]

    with driver.session(database=database, default_access_mode="READ") as session:
        return session.execute_read(work)


def _one(
    driver: Driver, database: str, query: LiteralString, **params: Any
) -> list[dict[str, Any]]:
    return _read(driver, database, [(query, params)])[0]


def _ranked(rows: list[dict[str, Any]]) -> tuple[Ranked, ...]:
    return tuple(Ranked(r["key"], r["name"] or "", r["n"]) for r in rows)


def _top(counter: Counter[tuple[str, str]], n: int) -> tuple[Ranked, ...]:
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][1]))
    return tuple(Ranked(key, name, count) for (key, name), count in ordered[:n])


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --- views ----------------------------------------------------------------------------------


def date_bounds(driver: Driver, *, as_of: AsOf = None, database: str = "neo4j") -> DateBounds:
    """The first and last incident dates (world time) in the graph."""
    rows = _one(driver, database, DATE_BOUNDS, as_of=parse_as_of(as_of))
    r = rows[0] if rows else {"first": None, "last": None}
    return DateBounds(native(r["first"]), native(r["last"]))


def window_overview(
    driver: Driver,
    start: date | str,
    end: date | str,
    *,
    top: int = 10,
    as_of: AsOf = None,
    database: str = "neo4j",
) -> WindowOverview:
    """Incidents whose first date falls in [start, end]: counts, weekly timeline by status, new
    actors (first incident in the window), top actors / sectors / countries, latest incidents.
    The independent aggregations run side by side, each in its own read transaction."""
    first, last = _as_date(start), _as_date(end)
    p = {"start": first, "end": last, "as_of": parse_as_of(as_of), "top": top}
    # Independent aggregations: each in its own read transaction, run side by side.
    groups: list[list[tuple[LiteralString, dict[str, Any]]]] = [
        [(WINDOW_ACTORS, p)],
        [(WINDOW_SECTORS_COUNTRIES, p)],
        [(WINDOW_TIMELINE, p), (WINDOW_RECENT_INCIDENTS, p)],
    ]
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        futures = [pool.submit(_read, driver, database, g) for g in groups]
        (actors,), (places,), (timeline, recent) = (f.result() for f in futures)
    new_names = [r for r in actors if r["new"]]
    sectors: Counter[tuple[str, str]] = Counter()
    countries: Counter[tuple[str, str]] = Counter()
    for r in places:
        if r["sector"] is not None:
            sectors[(r["sector_key"], r["sector"])] += r["n"]
        if r["country"] is not None:
            countries[(r["country_key"], r["country"])] += r["n"]
    points = tuple(
        TimelinePoint(native(r["week"]), r["status"] or "unknown", r["incidents"]) for r in timeline
    )
    return WindowOverview(
        start=first,
        end=last,
        new_incidents=sum(pt.incidents for pt in points),
        new_actors=len(new_names),
        new_actor_names=tuple(Ranked(r["key"], r["name"] or "", 0) for r in new_names[:top]),
        timeline=points,
        top_actors=_ranked(actors[:top]),
        top_sectors=_top(sectors, top),
        top_countries=_top(countries, top),
        recent=tuple(
            RecentIncident(
                incident=r["incident"],
                first_seen=native(r["first_seen"]),
                org_key=r["org_key"],
                victim=r["victim"] or "",
                status=r["status"],
                actors=tuple(r["actors"]),
            )
            for r in recent
        ),
    )


def _actor_card(r: dict[str, Any]) -> ActorCard:
    aliases = tuple(dict.fromkeys(x for x in r["aliases"] if x and x != r["name"]))
    return ActorCard(
        key=r["key"],
        name=r["name"] or "",
        aliases=aliases,
        description=r["description"],
        incidents=r["incidents"],
        first_seen=native(r["first_seen"]),
        last_seen=native(r["last_seen"]),
    )


def search_actors(
    driver: Driver, text: str = "", *, limit: int = 50, as_of: AsOf = None, database: str = "neo4j"
) -> list[ActorCard]:
    """Actors any of whose names or aliases contain ``text`` (folded the way the loader stores
    them); the busiest first. An empty ``text`` lists the busiest actors. With ``as_of``, an
    actor is known from its first attribution recorded by then (the node's own
    ``first_recorded_at`` can be later than its first claim)."""
    raw = text.strip().lower()
    q = normalize_actor(text) if raw else ""
    rows = _one(
        driver,
        database,
        SEARCH_ACTORS,
        q=q,
        raw=raw,
        limit=limit,
        as_of=parse_as_of(as_of),
    )
    return [_actor_card(r) for r in rows]


def actor_card(
    driver: Driver, key: str, *, as_of: AsOf = None, database: str = "neo4j"
) -> ActorCard | None:
    """One actor by key, with its aliases (including confirmed or candidate SAME_AS names)."""
    rows = _one(driver, database, ACTOR_BY_KEY, key=key, as_of=parse_as_of(as_of))
    return _actor_card(rows[0]) if rows else None


def actor_evidence(
    driver: Driver, key: str, *, limit: int = 500, as_of: AsOf = None, database: str = "neo4j"
) -> list[EvidenceRow]:
    """The statements about an actor or spoken by it (and its SAME_AS aliases), newest first,
    each with the sentence, the report and its sources."""
    rows = _one(driver, database, ACTOR_EVIDENCE, key=key, limit=limit, as_of=parse_as_of(as_of))
    return [
        EvidenceRow(
            org_key=r["org_key"],
            victim=r["victim"] or "",
            incident_date=native(r["incident_date"]),
            kind=r["kind"],
            modality=r["modality"],
            speaker=r["speaker"],
            speaker_kind=r["speaker_kind"],
            statement=r["statement"],
            evidence=r["evidence"],
            title=r["title"],
            url=r["url"],
            sources=tuple(r["sources"]),
            recorded_at=native(r["recorded_at"]),
            confidence=r["confidence"],
        )
        for r in rows
    ]


def _org_card(r: dict[str, Any]) -> OrgCard:
    return OrgCard(
        key=r["key"],
        name=r["name"] or "",
        names=tuple(r["names"]),
        domain=r["domain"],
        incidents=r["incidents"],
        sectors=tuple(r["sectors"]),
        countries=tuple(r["countries"]),
    )


def search_organizations(
    driver: Driver, text: str = "", *, limit: int = 50, as_of: AsOf = None, database: str = "neo4j"
) -> list[OrgCard]:
    """Organisations whose name, spellings or domain contain ``text`` (« MédecinDirect »,
    "medecin direct" and "medecindirect.fr" all match), the most hit first; without text, the
    victims of the latest incidents."""
    raw = text.strip().lower()
    at = parse_as_of(as_of)
    if not raw:
        rows = _one(driver, database, RECENT_ORGANIZATIONS, scan=limit * 4, limit=limit, as_of=at)
    else:
        q = org_norm(text) or raw
        rows = _one(driver, database, SEARCH_ORGANIZATIONS, q=q, raw=raw, limit=limit, as_of=at)
    return [_org_card(r) for r in rows]


def organization_card(driver: Driver, key: str, *, database: str = "neo4j") -> OrgCard | None:
    rows = _one(driver, database, ORGANIZATION_BY_KEY, key=key)
    return _org_card(rows[0]) if rows else None


def victim_incidents(
    driver: Driver, key: str, *, limit: int = 50, as_of: AsOf = None, database: str = "neo4j"
) -> list[IncidentView]:
    """A victim's incidents, newest first, each with every statement about it."""
    rows = _one(driver, database, VICTIM_INCIDENTS, key=key, limit=limit, as_of=parse_as_of(as_of))
    out = []
    for r in rows:
        statements = tuple(
            StatementRow(
                kind=c["kind"],
                modality=c["modality"],
                speaker=c["speaker"],
                speaker_kind=c["speaker_kind"],
                subject=c["subject"],
                target=c["target"],
                value=c["value"],
                unit=c["unit"],
                counts=c["counts"],
                role=c["role"],
                date=c["date"],
                precision=c["precision"],
                evidence=c["evidence"],
                recorded_at=native(c["recorded_at"]),
                confidence=c["confidence"],
                channel=c["channel"],
                report=c["report"],
                title=c["title"],
                url=c["url"],
                published_at=native(c["published_at"]),
                sources=tuple(c["sources"]),
            )
            for c in r["claims"]
        )
        out.append(
            IncidentView(
                key=r["key"],
                first_seen=native(r["first_seen"]),
                last_seen=native(r["last_seen"]),
                status=r["status"],
                claimed_at=native(r["claimed_at"]),
                reported_at=native(r["reported_at"]),
                confirmed_at=native(r["confirmed_at"]),
                denied_at=native(r["denied_at"]),
                signals=tuple(r["signals"]),
                statements=statements,
            )
        )
    return out


def incident_victim(driver: Driver, key: str, *, database: str = "neo4j") -> str | None:
    """The key of the organisation an incident is against."""
    rows = _one(driver, database, INCIDENT_VICTIM, key=key)
    return rows[0]["key"] if rows else None


def discrepancies(figures: Sequence[StatementRow]) -> list[Discrepancy]:
    """Per unit, the lowest and highest figure from different speakers and the gap between them
    (pure). Both statements stay as they are; this only derives the difference."""
    by_unit: dict[str, list[StatementRow]] = {}
    for f in figures:
        if f.value is not None:
            by_unit.setdefault(f.unit or "", []).append(f)
    out = []
    for unit, rows in sorted(by_unit.items()):
        low = min(rows, key=lambda f: f.value or 0.0)
        high = max(rows, key=lambda f: f.value or 0.0)
        if low.speaker == high.speaker or low.value is None or high.value is None:
            continue
        gap = high.value - low.value
        pct = round(gap / high.value * 100, 1) if high.value else 0.0
        out.append(Discrepancy(unit, low.value, low.speaker, high.value, high.speaker, gap, pct))
    return out


def facets(driver: Driver, *, database: str = "neo4j") -> Facets:
    """The sector names and country codes present, for filters."""
    rows = _one(driver, database, FACETS)
    r = rows[0] if rows else {"sectors": [], "countries": []}
    return Facets(tuple(sorted(r["sectors"])), tuple(sorted(r["countries"])))


def network_edges(
    driver: Driver,
    start: date | str,
    end: date | str,
    *,
    sector: str | None = None,
    country: str | None = None,
    modality: str | None = None,
    limit: int = 300,
    as_of: AsOf = None,
    database: str = "neo4j",
) -> list[NetworkEdge]:
    """Actor → incident → organisation edges in a date window (the newest ``limit``), optionally
    one sector, one country, one modality."""
    rel = None
    if modality:
        rel = next((t for t, m in BEHIND.items() if m == modality), None)
        if rel is None:
            raise ValueError(f"unknown modality {modality!r}; known: {', '.join(BEHIND.values())}")
    rows = _one(
        driver,
        database,
        NETWORK_EDGES,
        start=_as_date(start),
        end=_as_date(end),
        sector=sector or None,
        country=country or None,
        rel=rel,
        limit=limit,
        as_of=parse_as_of(as_of),
    )
    return [
        NetworkEdge(
            actor_key=r["actor_key"],
            actor=r["actor"] or "",
            incident=r["incident"],
            first_seen=native(r["first_seen"]),
            org_key=r["org_key"],
            org=r["org"] or "",
            modality=BEHIND.get(r["rel"], r["rel"]),
            sectors=tuple(r["sectors"]),
        )
        for r in rows
    ]
