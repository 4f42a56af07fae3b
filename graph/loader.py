"""Loading: a :class:`~graph.batch.LoadBatch` → Neo4j, idempotently.

Stage: resolve → **loader** → Neo4j. Contract:

- Every write is ``UNWIND $rows … MERGE`` on a uniqueness-constrained deterministic key
  (:mod:`graph.schema`), one ``execute_write`` per chunk of at most :data:`MAX_ROWS` rows per
  statement; the driver retries a chunk on transient errors (deadlocks, leader switches), which is
  safe because every statement is a MERGE.
- Loading the same batch twice, or from two processes at once, gives the same graph: the victims
  of a chunk are write-locked before their incidents are looked up, so two loaders decide "same
  incident or new one" one after the other (:func:`graph.resolve.assign_incidents`).
- Derived edges (actor → incident by modality, actor → organisation, incident → data / authority)
  and the incident status are recomputed from the claims of the incidents a chunk touched; the
  signals (``recycled`` …) of every incident of the victims it touched, since they compare an
  incident with the victim's other incidents: the graph is the same whatever the load order.
- :func:`replace_extraction` swaps one report's claims for a new extraction in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph import cypher, cypher_load
from graph.batch import ClaimNode, IncidentNode, LoadBatch, LoadStats
from graph.keys import normalize_actor
from graph.names import AliasCandidate, NameEntry, alias_candidates
from graph.resolve import ExistingIncident, assign_incidents
from graph.vocab import Label

#: Upper bound of rows in one UNWIND statement.
MAX_ROWS = 10_000
#: Default number of claims per chunk (one transaction).
CHUNK_CLAIMS = 5_000

_SPEAKER_LINKS: dict[str, LiteralString] = {
    Label.THREAT_ACTOR.value: cypher_load.LINK_CLAIM_ACTOR_SPEAKERS,
    Label.ORGANIZATION.value: cypher_load.LINK_CLAIM_ORG_SPEAKERS,
    Label.AUTHORITY.value: cypher_load.LINK_CLAIM_AUTHORITY_SPEAKERS,
}
_SUBJECT_LINKS: dict[str, LiteralString] = {
    Label.THREAT_ACTOR.value: cypher_load.LINK_CLAIM_ACTOR_SUBJECTS,
    Label.ORGANIZATION.value: cypher_load.LINK_CLAIM_ORG_SUBJECTS,
    Label.DATA_CATEGORY.value: cypher_load.LINK_CLAIM_DATA_SUBJECTS,
    Label.AUTHORITY.value: cypher_load.LINK_CLAIM_AUTHORITY_SUBJECTS,
}


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Counter:
    """Accumulates the counters of every statement run in one transaction."""

    def __init__(self) -> None:
        self.stats = LoadStats()

    def consume(self, tx: ManagedTransaction, query: LiteralString, **params: Any) -> None:
        c = tx.run(query, **params).consume().counters
        self.stats = self.stats + LoadStats(
            nodes_created=c.nodes_created,
            relationships_created=c.relationships_created,
            nodes_deleted=c.nodes_deleted,
            relationships_deleted=c.relationships_deleted,
            properties_set=c.properties_set,
        )


# --------------------------------------------------------------------------- rows


def _entity_rows(batch: LoadBatch) -> list[tuple[LiteralString, list[dict[str, Any]]]]:
    actors = [
        {
            "key": a.key,
            "name": a.name,
            "canonical": a.canonical,
            "aliases": sorted({a.name, *a.aliases}),
            "match_names": sorted(
                {normalize_actor(x) for x in (a.name, *a.aliases)} | {a.canonical}
            ),
            "known": a.known,
            "description": a.description,
            "recorded_at": a.recorded_at,
        }
        for a in batch.actors
    ]
    orgs = [
        {
            "key": o.key,
            "name": o.name,
            "norm": o.norm,
            "names": sorted({o.name, *o.names}),
            "domain": o.domain,
            "sector_key": o.sector_key,
            "country_key": o.country_key,
            "recorded_at": o.recorded_at,
        }
        for o in batch.organizations
    ]
    return [
        (cypher_load.MERGE_SECTORS, [{"key": t.key, "name": t.name} for t in batch.sectors]),
        (cypher_load.MERGE_COUNTRIES, [{"key": t.key, "name": t.name} for t in batch.countries]),
        (
            cypher_load.MERGE_DATA_CATEGORIES,
            [{"key": t.key, "name": t.name} for t in batch.data_categories],
        ),
        (
            cypher_load.MERGE_AUTHORITIES,
            [
                {"key": t.key, "name": t.name, "kind": t.kind, "country": t.country}
                for t in batch.authorities
            ],
        ),
        (cypher_load.MERGE_ACTORS, actors),
        (cypher_load.MERGE_ORGANIZATIONS, orgs),
    ]


def claim_props(claim: ClaimNode) -> dict[str, Any]:
    """The stored properties of a claim (None values left out)."""
    props: dict[str, Any] = {
        "kind": claim.kind,
        "modality": claim.modality,
        "speaker": claim.speaker,
        "speaker_kind": claim.speaker_kind,
        "subject": claim.subject,
        "value": claim.value,
        "unit": claim.unit,
        "counts": claim.counts,
        "role": claim.role,
        "date": claim.date,
        "precision": claim.precision,
        "text": claim.text,
        "evidence": claim.sentence,
        "evidence_start": claim.start,
        "evidence_end": claim.end,
        "report_key": claim.report_key,
        "confidence": claim.confidence,
        "valid_at": claim.valid_at,
        "recorded_at": claim.recorded_at,
        "extractor_version": claim.extractor_version,
        "channel": claim.channel,
    }
    return {k: v for k, v in props.items() if v is not None}


# --------------------------------------------------------------------------- transactions


def _write_entities(
    tx: ManagedTransaction, query: LiteralString, rows: Sequence[dict[str, Any]]
) -> LoadStats:
    counter = _Counter()
    counter.consume(tx, query, rows=list(rows))
    return counter.stats


def _write_facts(
    tx: ManagedTransaction,
    incidents: Sequence[IncidentNode],
    claims: Sequence[ClaimNode],
    reports: Sequence[dict[str, Any]],
) -> tuple[LoadStats, list[str], list[str]]:
    """Incidents and claims of one chunk; returns the stats and the incident / victim keys
    whose derived edges need recomputing."""
    counter = _Counter()
    victims = sorted({i.victim_key for i in incidents})
    existing = [
        ExistingIncident(
            key=r["key"],
            victim_key=r["victim"],
            first_seen=_as_date(r["first_seen"]),
            last_seen=_as_date(r["last_seen"]),
        )
        for r in tx.run(cypher_load.LOCK_VICTIM_INCIDENTS, victims=victims)
    ]
    mapping = assign_incidents(incidents, existing)
    incident_rows: dict[str, dict[str, Any]] = {}
    for inc in incidents:
        key = mapping[inc.key]
        row = incident_rows.get(key)
        if row is None:
            incident_rows[key] = {
                "key": key,
                "victim_key": inc.victim_key,
                "first_seen": inc.first_seen,
                "last_seen": inc.last_seen,
            }
        else:
            row["first_seen"] = min(row["first_seen"], inc.first_seen)
            row["last_seen"] = max(row["last_seen"], inc.last_seen)
    counter.consume(tx, cypher_load.MERGE_INCIDENTS, rows=list(incident_rows.values()))
    counter.consume(tx, cypher_load.MERGE_REPORT_STUBS, rows=list(reports))
    claim_rows = [
        {
            "key": c.key,
            "report_key": c.report_key,
            "incident_key": mapping.get(c.incident_key, c.incident_key),
            "props": claim_props(c),
        }
        for c in claims
    ]
    counter.consume(tx, cypher_load.MERGE_CLAIMS, rows=claim_rows)
    for label, query in _SPEAKER_LINKS.items():
        rows = [
            {"claim": c.key, "node": c.speaker_key}
            for c in claims
            if c.speaker_label == label and c.speaker_key
        ]
        if rows:
            counter.consume(tx, query, rows=rows)
    for label, query in _SUBJECT_LINKS.items():
        rows = [
            {"claim": c.key, "node": c.subject_key}
            for c in claims
            if c.subject_label == label and c.subject_key
        ]
        if rows:
            counter.consume(tx, query, rows=rows)
    counter.consume(tx, cypher_load.UNLOCK_VICTIMS, victims=victims)
    counter.stats = counter.stats + LoadStats(
        claims=len(claims), incidents=len(incident_rows), chunks=1
    )
    return counter.stats, sorted(incident_rows), victims


def _derive_tx(tx: ManagedTransaction, incidents: list[str], victims: list[str]) -> LoadStats:
    """Recompute derived edges and statuses from committed claims, the victims locked first so
    the last loader to get here sees every claim (and reading committed data, not this
    transaction's own writes, keeps the recomputation fast)."""
    counter = _Counter()
    list(tx.run(cypher_load.LOCK_VICTIM_INCIDENTS, victims=victims))
    _derive(tx, counter, incidents, victims)
    counter.consume(tx, cypher_load.UNLOCK_VICTIMS, victims=victims)
    return counter.stats


def _derive(
    tx: ManagedTransaction, counter: _Counter, incidents: list[str], victims: list[str]
) -> None:
    counter.consume(tx, cypher_load.DERIVE_ATTRIBUTION, incidents=incidents)
    counter.consume(tx, cypher_load.PRUNE_ATTRIBUTION, incidents=incidents)
    counter.consume(tx, cypher_load.DERIVE_INCIDENT_FACTS, incidents=incidents)
    # Per victim, over all of its incidents: a signal may depend on incidents not in this chunk.
    counter.consume(tx, cypher_load.DERIVE_VICTIM_SIGNALS, victims=victims)
    counter.consume(tx, cypher_load.DERIVE_TARGETED, victims=victims)


def _as_date(value: Any) -> date:
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    return native if isinstance(native, date) else date.fromisoformat(str(native))


def _report_rows(batch: LoadBatch, claims: Sequence[ClaimNode]) -> list[dict[str, Any]]:
    """One stub row per report the claims cite; ``recorded_at`` is the earliest of its claims'
    (the statement keeps the minimum over successive loads too)."""
    seen: dict[str, dict[str, Any]] = {}
    for c in claims:
        row = seen.setdefault(
            c.report_key,
            {
                "key": c.report_key,
                "url": None,
                "published_at": None,
                "recorded_at": c.recorded_at,
                "source_id": None,
            },
        )
        row["recorded_at"] = min(row["recorded_at"], c.recorded_at)
    for ref in batch.reports:
        if ref.key in seen:
            seen[ref.key].update(
                url=ref.url,
                published_at=ref.published_at,
                source_id=ref.source_id,
                recorded_at=min(seen[ref.key]["recorded_at"], ref.recorded_at),
            )
    return list(seen.values())


def _fact_chunks(
    batch: LoadBatch, chunk_claims: int
) -> Iterator[tuple[list[IncidentNode], list[ClaimNode]]]:
    by_incident: dict[str, list[ClaimNode]] = {}
    for claim in batch.claims:
        by_incident.setdefault(claim.incident_key, []).append(claim)
    incidents: list[IncidentNode] = []
    claims: list[ClaimNode] = []
    for inc in batch.incidents:
        mine = by_incident.get(inc.key, [])
        if incidents and len(claims) + len(mine) > chunk_claims:
            yield incidents, claims
            incidents, claims = [], []
        incidents.append(inc)
        claims.extend(mine)
    if incidents:
        yield incidents, claims


def load_batch(
    driver: Driver,
    batch: LoadBatch,
    database: str = "neo4j",
    *,
    chunk_claims: int = CHUNK_CLAIMS,
    aliases: bool = True,
) -> LoadStats:
    """Write ``batch``: entities, then incidents with their claims, one transaction per chunk."""
    chunk_claims = max(1, min(chunk_claims, MAX_ROWS))
    total = LoadStats()
    with driver.session(database=database) as session:
        for query, rows in _entity_rows(batch):
            for chunk in _chunks(rows, MAX_ROWS):
                total = total + session.execute_write(_write_entities, query, chunk)
        for incidents, claims in _fact_chunks(batch, chunk_claims):
            reports = _report_rows(batch, claims)
            stats, keys, victims = session.execute_write(_write_facts, incidents, claims, reports)
            total = total + stats + session.execute_write(_derive_tx, keys, victims)
    if aliases and (batch.organizations or batch.actors):
        link_alias_candidates(driver, batch, database)
    return total


# --------------------------------------------------------------------------- aliases


def link_alias_candidates(
    driver: Driver, batch: LoadBatch, database: str = "neo4j"
) -> list[AliasCandidate]:
    """Propose SAME_AS links (status ``candidate``) between the batch's names and the graph's."""
    found: list[AliasCandidate] = []
    jobs = (
        (
            cypher.ALIAS_NAMES_ORG,
            cypher.MERGE_ORG_ALIAS_CANDIDATES,
            [NameEntry(o.key, o.name, o.norm) for o in batch.organizations],
        ),
        (
            cypher.ALIAS_NAMES_ACTOR,
            cypher.MERGE_ACTOR_ALIAS_CANDIDATES,
            [NameEntry(a.key, a.name, a.canonical) for a in batch.actors],
        ),
    )
    for read, write, new in jobs:
        if not new:
            continue
        records, _, _ = driver.execute_query(read, database_=database, routing_="r")
        known = [NameEntry(r["key"], r["name"] or "", r["norm"] or "") for r in records]
        candidates = alias_candidates(new, known)
        if candidates:
            rows = [
                {"left": c.left, "right": c.right, "score": c.score, "evidence": c.evidence}
                for c in candidates
            ]
            driver.execute_query(write, rows=rows, now=_now(), database_=database)
        found.extend(candidates)
    return found


# --------------------------------------------------------------------------- reprocess


def _replace_tx(
    tx: ManagedTransaction, report_key: str, extractor_version: str, batch: LoadBatch
) -> LoadStats:
    counter = _Counter()
    rec = tx.run(cypher_load.DELETE_REPORT_CLAIMS, report=report_key).single()
    old_incidents: list[str] = list(rec["incidents"]) if rec else []
    old_victims: list[str] = list(rec["victims"]) if rec else []
    stats = LoadStats()
    if batch.claims:
        for query, rows in _entity_rows(batch):
            if rows:
                counter.consume(tx, query, rows=rows)
        reports = _report_rows(batch, batch.claims)
        stats, keys, victims = _write_facts(tx, batch.incidents, batch.claims, reports)
        _derive(tx, counter, keys, victims)
    if old_incidents:
        counter.consume(tx, cypher_load.DELETE_EMPTY_INCIDENTS, incidents=old_incidents)
        _derive(tx, counter, old_incidents, sorted(old_victims))
    counter.consume(
        tx,
        cypher_load.MARK_EXTRACTED,
        rows=[{"key": report_key, "version": extractor_version}],
        now=_now(),
    )
    return counter.stats + stats


def replace_extraction(
    driver: Driver,
    report_key: str,
    extractor_version: str,
    batch: LoadBatch,
    database: str = "neo4j",
) -> LoadStats:
    """Replace every claim ``report_key`` asserts by those of ``batch``, in one transaction,
    and mark the report as extracted with ``extractor_version``."""
    with driver.session(database=database) as session:
        return session.execute_write(_replace_tx, report_key, extractor_version, batch)


def mark_extracted(
    driver: Driver, versions: Sequence[tuple[str, str]], database: str = "neo4j"
) -> None:
    """Record ``(report key, extractor version)`` pairs on their Report nodes."""
    rows = [{"key": k, "version": v} for k, v in versions]
    with driver.session(database=database) as session:
        for chunk in _chunks(rows, MAX_ROWS):
            session.execute_write(
                lambda tx, c: tx.run(
                    cypher_load.MARK_EXTRACTED, rows=list(c), now=_now()
                ).consume(),
                chunk,
            )
