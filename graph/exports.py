"""Exports: STIX 2.1 bundles (stix2), MISP events with ransomware-group-post objects, CSV.

Stage: Neo4j → :func:`read_export` (two reads) → pure builders. Identifiers are deterministic
(uuid5 of our node keys), so exporting twice gives the same ids and a consumer (OpenCTI, MISP)
updates instead of duplicating.

STIX mapping: victim → ``identity`` (identity_class ``organization``, sectors); actor →
``intrusion-set`` *and* ``threat-actor`` linked by ``attributed-to``; an actor → victim statement
→ ``intrusion-set targets identity`` with the claim's confidence (0–100) and modality in the
description; every report → ``report`` with its URL as external reference and the objects it
supports. Only ``claimed`` / ``reported`` / ``confirmed`` / ``alleged`` attributions become
``targets`` (``denied`` ones are not exported as relationships).
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import stix2
from neo4j import Driver

from graph import cypher
from graph.catalog import parse_as_of
from graph.db import native
from graph.keys import NAMESPACE

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
SECTOR_VOCAB = {
    "health": "healthcare", "finance": "financial-services", "technology": "technology",
    "government": "government-national", "education": "education", "retail": "retail",
    "telecom": "telecommunications", "energy": "energy", "manufacturing": "manufacturing",
    "transport": "transportation", "media": "entertainment", "legal": "legal-services",
    "hospitality": "hospitality-leisure", "defense": "defense", "construction": "construction",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class IncidentExport:
    incident: str
    first_seen: date | None
    status: str | None
    org_key: str
    org: str
    domain: str | None
    sectors: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimExport:
    claim: str
    incident: str
    victim: str
    org_key: str
    kind: str
    modality: str
    speaker: str
    speaker_kind: str | None
    subject: str | None
    actor_key: str | None
    actor: str | None
    value: float | None
    unit: str | None
    counts: str | None
    role: str | None
    date: str | None
    evidence: str | None
    evidence_start: int | None
    evidence_end: int | None
    confidence: float | None
    channel: str | None
    valid_at: datetime | None
    recorded_at: datetime | None
    report: str
    url: str | None
    report_title: str | None
    published_at: datetime | None
    source: str | None


@dataclass(frozen=True, slots=True)
class ExportSet:
    incidents: tuple[IncidentExport, ...]
    claims: tuple[ClaimExport, ...]


def read_export(driver: Driver, *, as_of: Any = None, database: str = "neo4j") -> ExportSet:
    at = parse_as_of(as_of)
    inc, _, _ = driver.execute_query(
        cypher.EXPORT_INCIDENTS, as_of=at, database_=database, routing_="r"
    )
    cl, _, _ = driver.execute_query(
        cypher.EXPORT_CLAIMS, as_of=at, database_=database, routing_="r"
    )
    incidents = tuple(
        IncidentExport(
            incident=r["incident"],
            first_seen=native(r["first_seen"]),
            status=r["status"],
            org_key=r["org_key"],
            org=r["org"],
            domain=r["domain"],
            sectors=tuple(r["sectors"]),
            countries=tuple(r["countries"]),
        )
        for r in inc
    )
    fields = ClaimExport.__dataclass_fields__
    claims = tuple(ClaimExport(**{f: native(r[f]) for f in fields}) for r in cl)
    return ExportSet(incidents, claims)


# --------------------------------------------------------------------------- STIX 2.1


def _sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'stix:{kind}:{key}')}"


def to_stix(data: ExportSet) -> stix2.Bundle:
    """A STIX 2.1 bundle of victims, actors, targets / attributed-to relationships and reports."""
    objects: dict[str, Any] = {}
    orgs = {i.org_key: i for i in data.incidents}
    for key, inc in orgs.items():
        sectors = sorted({SECTOR_VOCAB[s] for s in inc.sectors if s in SECTOR_VOCAB})
        ident = stix2.Identity(
            id=_sid("identity", key),
            name=inc.org,
            identity_class="organization",
            sectors=sectors or None,
            created=EPOCH,
            modified=EPOCH,
            description=f"Country: {', '.join(inc.countries)}" if inc.countries else None,
        )
        objects[ident.id] = ident
    by_report: dict[str, set[str]] = defaultdict(set)
    report_meta: dict[str, ClaimExport] = {}
    for c in data.claims:
        report_meta.setdefault(c.report, c)
        if c.org_key in orgs:
            by_report[c.report].add(_sid("identity", c.org_key))
        if c.kind != "attribution" or not c.actor_key or not c.actor:
            continue
        iset_id = _sid("intrusion-set", c.actor_key)
        actor_id = _sid("threat-actor", c.actor_key)
        if iset_id not in objects:
            objects[iset_id] = stix2.IntrusionSet(
                id=iset_id, name=c.actor, created=EPOCH, modified=EPOCH
            )
            objects[actor_id] = stix2.ThreatActor(
                id=actor_id,
                name=c.actor,
                threat_actor_types=["crime-syndicate"],
                created=EPOCH,
                modified=EPOCH,
            )
            rel = stix2.Relationship(
                id=_sid("relationship", f"{c.actor_key}:attributed-to"),
                relationship_type="attributed-to",
                source_ref=iset_id,
                target_ref=actor_id,
                created=EPOCH,
                modified=EPOCH,
            )
            objects[rel.id] = rel
        by_report[c.report].update({iset_id, actor_id})
        if c.modality == "denied" or c.org_key not in orgs:
            continue
        rel_id = _sid("relationship", f"{c.actor_key}:targets:{c.org_key}:{c.modality}")
        if rel_id not in objects:
            objects[rel_id] = stix2.Relationship(
                id=rel_id,
                relationship_type="targets",
                source_ref=iset_id,
                target_ref=_sid("identity", c.org_key),
                description=f"{c.modality} by {c.speaker}: {c.evidence or ''}".strip(),
                confidence=round((c.confidence or 0.5) * 100),
                created=EPOCH,
                modified=EPOCH,
            )
        by_report[c.report].add(rel_id)
    for key, refs in by_report.items():
        meta = report_meta[key]
        published = meta.published_at or meta.recorded_at or EPOCH
        ref: dict[str, str] = {"source_name": meta.source or "tikg", "external_id": key}
        if meta.url:
            ref["url"] = meta.url
        rep = stix2.Report(
            id=_sid("report", key),
            name=meta.report_title or meta.url or key,
            published=published,
            report_types=["threat-report"],
            object_refs=sorted(refs),
            external_references=[ref],
            created=EPOCH,
            modified=EPOCH,
        )
        objects[rep.id] = rep
    return stix2.Bundle(
        objects=[objects[k] for k in sorted(objects)],
        id=_sid("bundle", "tikg"),
    )


# --------------------------------------------------------------------------- MISP


def to_misp(data: ExportSet) -> dict[str, Any]:
    """A MISP event (JSON) with one ``ransomware-group-post`` object per leak-site post."""
    incidents = {i.incident: i for i in data.incidents}
    objects = []
    seen: set[str] = set()
    for c in data.claims:
        if c.kind != "attribution" or c.channel != "leak_post" or c.report in seen:
            continue
        seen.add(c.report)
        inc = incidents.get(c.incident)
        attrs = [
            ("ransomware-group", "text", c.actor or c.speaker),
            ("entity-name", "text", c.victim),
            ("title", "text", c.report_title or c.victim),
            ("website", "link", inc.domain if inc and inc.domain else None),
            ("sector", "text", ", ".join(inc.sectors) if inc and inc.sectors else None),
            ("geo", "text", ", ".join(inc.countries) if inc and inc.countries else None),
            ("leak-site-url", "link", c.url),
            ("date-published", "datetime", _iso(c.published_at or c.valid_at)),
        ]
        obj_uuid = str(uuid.uuid5(NAMESPACE, f"misp:ransomware-group-post:{c.report}"))
        objects.append(
            {
                "name": "ransomware-group-post",
                "meta-category": "misc",
                "template_uuid": "52a0e179-4942-41e6-90f5-7db856fd6f39",
                "template_version": "4",
                "uuid": obj_uuid,
                "Attribute": [
                    {
                        "object_relation": rel,
                        "type": kind,
                        "value": value,
                        "uuid": str(uuid.uuid5(NAMESPACE, f"misp:{obj_uuid}:{rel}")),
                        "category": "Other" if kind != "link" else "External analysis",
                        "disable_correlation": rel in {"date-published", "sector", "geo"},
                    }
                    for rel, kind, value in attrs
                    if value
                ],
            }
        )
    return {
        "Event": {
            "uuid": str(uuid.uuid5(NAMESPACE, "misp:event:tikg-leak-posts")),
            "info": "tikg: ransomware leak-site posts",
            "date": date.today().isoformat(),
            "threat_level_id": "3",
            "analysis": "1",
            "distribution": "0",
            "Object": objects,
        }
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS: Sequence[str] = tuple(ClaimExport.__dataclass_fields__)


def to_csv(data: ExportSet) -> str:
    """One row per claim, with its incident, evidence and provenance."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in data.claims:
        row = [getattr(c, f) for f in CSV_COLUMNS]
        writer.writerow(
            ["" if v is None else (_iso(v) if isinstance(v, datetime) else v) for v in row]
        )
    return buf.getvalue()


def export(data: ExportSet, fmt: str) -> str:
    """Serialise ``data`` as ``stix``, ``misp`` or ``csv``."""
    if fmt == "stix":
        return str(to_stix(data).serialize(pretty=True))
    if fmt == "misp":
        return json.dumps(to_misp(data), ensure_ascii=False, indent=2)
    if fmt == "csv":
        return to_csv(data)
    raise ValueError(f"unknown export format {fmt!r} (stix, misp, csv)")
