"""Typed read functions for the dashboard and the CLI, every one with ``as_of``.

Stage: Neo4j → **repository** → dashboard / CLI. The dashboard never sees a driver record: each
function returns frozen records. Most functions run a saved query of ``graph/queries/`` (so the
analyst's library and the dashboard show the same thing); the others use constants from
:mod:`graph.cypher`. ``as_of`` (a date, a datetime or an ISO string) shows the graph as it was
known then: only claims and derived edges recorded by that time count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from neo4j import Driver

from graph import cypher
from graph.catalog import parse_as_of, run_saved
from graph.db import native
from graph.guard import QueryResult

AsOf = date | datetime | str | None


@dataclass(frozen=True, slots=True)
class FigureRow:
    value: float
    unit: str | None
    counts: str | None
    speaker: str
    speaker_kind: str | None
    modality: str


@dataclass(frozen=True, slots=True)
class DateRow:
    role: str
    date: str
    precision: str | None


@dataclass(frozen=True, slots=True)
class AuthorityRow:
    name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class SourceRef:
    source: str | None
    url: str | None
    published_at: str | None


@dataclass(frozen=True, slots=True)
class ActorVictimRow:
    """One incident of an actor's profile."""

    actor: str
    victim: str
    incident: str
    modality: str
    modalities: tuple[str, ...]
    status: str
    first_seen: str | None
    sectors: tuple[str, ...]
    countries: tuple[str, ...]
    dates: tuple[DateRow, ...]
    figures: tuple[FigureRow, ...]
    data_exposed: tuple[str, ...]
    authorities: tuple[AuthorityRow, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class ActorSummary:
    key: str
    name: str
    aliases: tuple[str, ...]
    description: str | None
    incidents: int
    first_seen: date | None
    last_seen: date | None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One statement behind a fact, with its evidence and provenance."""

    victim: str
    incident: str
    kind: str
    modality: str
    speaker: str
    speaker_kind: str | None
    statement: str | None
    evidence: str | None
    start: int | None
    end: int | None
    url: str | None
    sources: tuple[str, ...]
    recorded_at: str | None
    confidence: float | None


@dataclass(frozen=True, slots=True)
class FactCounts:
    actors: int
    organizations: int
    incidents: int
    claims: int
    reports: int


def _dicts(result: QueryResult) -> list[dict[str, Any]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def actor_profile(
    driver: Driver, name: str, *, as_of: AsOf = None, database: str = "neo4j"
) -> list[ActorVictimRow]:
    """The saved query ``actor_profile`` as records (``name`` matched through aliases)."""
    rows = _dicts(
        run_saved(driver, "actor_profile", {"name": name}, as_of=as_of, database=database)
    )
    return [
        ActorVictimRow(
            actor=r["actor"],
            victim=r["victim"],
            incident=r["incident"],
            modality=r["modality"],
            modalities=tuple(r["modalities"]),
            status=r["status"],
            first_seen=r["first_seen"],
            sectors=tuple(r["sectors"]),
            countries=tuple(r["countries"]),
            dates=tuple(
                DateRow(d["role"], d["date"], d["precision"]) for d in r["dates"] if d["date"]
            ),
            figures=tuple(
                FigureRow(
                    f["value"],
                    f["unit"],
                    f["counts"],
                    f["speaker"],
                    f["speaker_kind"],
                    f["modality"],
                )
                for f in r["figures"]
                if f["value"] is not None
            ),
            data_exposed=tuple(r["data_exposed"]),
            authorities=tuple(AuthorityRow(a["name"], a["role"]) for a in r["authorities"]),
            sources=tuple(
                SourceRef(s["source"], s["url"], s["published_at"])
                for s in r["sources"]
                if s["source"] or s["url"]
            ),
        )
        for r in rows
    ]


def fact_sources(
    driver: Driver,
    victim: str,
    *,
    kind: str | None = None,
    as_of: AsOf = None,
    database: str = "neo4j",
) -> list[ClaimRow]:
    """Every statement about a victim's incidents, with the sentence and the source."""
    params = {"victim": victim, "kind": kind}
    rows = _dicts(run_saved(driver, "fact_sources", params, as_of=as_of, database=database))
    return [
        ClaimRow(
            victim=r["victim"],
            incident=r["incident"],
            kind=r["kind"],
            modality=r["modality"],
            speaker=r["speaker"],
            speaker_kind=r["speaker_kind"],
            statement=r["statement"],
            evidence=r["evidence"],
            start=r["start"],
            end=r["end"],
            url=r["url"],
            sources=tuple(r["sources"]),
            recorded_at=r["recorded_at"],
            confidence=r["confidence"],
        )
        for r in rows
    ]


def list_actors(
    driver: Driver, *, as_of: AsOf = None, limit: int = 500, database: str = "neo4j"
) -> list[ActorSummary]:
    records, _, _ = driver.execute_query(
        cypher.LIST_ACTORS,
        as_of=parse_as_of(as_of),
        limit=limit,
        database_=database,
        routing_="r",
    )
    return [
        ActorSummary(
            key=r["key"],
            name=r["name"],
            aliases=tuple(r["aliases"]),
            description=r["description"],
            incidents=r["incidents"],
            first_seen=native(r["first_seen"]),
            last_seen=native(r["last_seen"]),
        )
        for r in records
    ]


def fact_counts(driver: Driver, *, as_of: AsOf = None, database: str = "neo4j") -> FactCounts:
    records, _, _ = driver.execute_query(
        cypher.COUNT_FACTS, as_of=parse_as_of(as_of), database_=database, routing_="r"
    )
    r = records[0]
    return FactCounts(
        actors=r["actors"],
        organizations=r["organizations"],
        incidents=r["incidents"],
        claims=r["claims"],
        reports=r["reports"],
    )
