"""Resolution, pure: extracted reports → a :class:`~graph.batch.LoadBatch` of keyed nodes, claims.

Stage: ``ExtractedReport`` (ingest) → **resolve** → loader. No I/O (the gazetteers are read once
by :mod:`graph.names`).

- Names (:mod:`graph.names`): organisations compare by :func:`graph.keys.normalize_org` (case,
  accents, punctuation, legal suffixes, domains), actors by the gazetteer id when an alias is
  known, else by :func:`graph.keys.normalize_actor`.
- Near-misses ("MedcinDirect") are never merged here: :func:`graph.names.alias_candidates`
  proposes scored pairs that the loader stores as reversible ``SAME_AS`` links.
- Incidents: one victim within an overlapping window (:data:`INCIDENT_WINDOW_DAYS`) is one
  incident, whatever the source (leak post, article, the victim's own statement), so they
  corroborate each other by construction.
- Every statement becomes its own :class:`~graph.batch.ClaimNode`; nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from graph.batch import (
    KIND_ATTRIBUTION,
    KIND_AUTHORITY,
    KIND_DATE,
    KIND_EXPOSED,
    KIND_FIGURE,
    KIND_NOT_EXPOSED,
    KIND_VICTIM,
    ActorNode,
    AuthorityNode,
    ClaimNode,
    IncidentNode,
    LoadBatch,
    OrganizationNode,
    ReportExtraction,
    ReportRef,
    TermNode,
)
from graph.keys import fold, make_key
from graph.names import (
    actor_canonical,
    actor_key,
    authority_key,
    country_key,
    data_category_key,
    gazetteer_ids,
    org_key,
    org_norm,
    sector_canonical,
    sector_key,
)
from graph.vocab import Label
from ingest.records import Evidence, ExtractedIncident

#: Two mentions of one victim whose dates are this close belong to one incident.
INCIDENT_WINDOW_DAYS = 30
#: Date roles that anchor an incident in time, most telling first.
ANCHOR_ROLES = ("attack", "intrusion", "detected", "claimed", "discovered", "disclosed")

# --------------------------------------------------------------------------- incidents


@dataclass(frozen=True, slots=True)
class ExistingIncident:
    key: str
    victim_key: str
    first_seen: date
    last_seen: date


def overlaps(a_first: date, a_last: date, b_first: date, b_last: date, days: int) -> bool:
    pad = timedelta(days=days)
    return a_first - pad <= b_last and b_first - pad <= a_last


def assign_incidents(
    batch: Sequence[IncidentNode],
    existing: Sequence[ExistingIncident],
    days: int = INCIDENT_WINDOW_DAYS,
) -> dict[str, str]:
    """Map each batch incident key onto the existing incident of the same victim whose window
    overlaps (the closest one), or onto itself."""
    by_victim: dict[str, list[ExistingIncident]] = {}
    for old in existing:
        by_victim.setdefault(old.victim_key, []).append(old)
    mapping: dict[str, str] = {}
    for inc in batch:
        matches = [
            e
            for e in by_victim.get(inc.victim_key, ())
            if overlaps(e.first_seen, e.last_seen, inc.first_seen, inc.last_seen, days)
        ]
        if matches:
            best = min(matches, key=lambda e: (abs((e.first_seen - inc.first_seen).days), e.key))
            mapping[inc.key] = best.key
        else:
            mapping[inc.key] = inc.key
    return mapping


def _to_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _day(value: date) -> datetime:
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def incident_anchor(incident: ExtractedIncident, fallback: date) -> date:
    """The date an incident mention is placed at: its most telling typed date, else ``fallback``."""
    by_role = {d.role: _to_date(d.date) for d in incident.dates}
    for role in ANCHOR_ROLES:
        if by_role.get(role):
            return by_role[role]  # type: ignore[return-value]
    dated = sorted(x for x in by_role.values() if x is not None)
    return dated[0] if dated else fallback


# --------------------------------------------------------------------------- reports


@dataclass
class _Acc:
    actors: dict[str, ActorNode] = field(default_factory=dict)
    orgs: dict[str, OrganizationNode] = field(default_factory=dict)
    sectors: dict[str, TermNode] = field(default_factory=dict)
    countries: dict[str, TermNode] = field(default_factory=dict)
    data: dict[str, TermNode] = field(default_factory=dict)
    authorities: dict[str, AuthorityNode] = field(default_factory=dict)
    mentions: list[tuple[str, str, date]] = field(default_factory=list)  # (victim key, norm, d)
    claims: dict[str, ClaimNode] = field(default_factory=dict)
    pending: list[tuple[int, ClaimNode]] = field(default_factory=list)  # (mention idx, claim)


def publication_name(item: ReportExtraction) -> str:
    if item.source_id:
        return item.source_id
    host = urlsplit(item.url).hostname if item.url else None
    return host or "press"


def _earliest(known: datetime | None, new: datetime) -> datetime:
    return new if known is None or new < known else known


def _add_actor(acc: _Acc, name: str, item: ReportExtraction, hint: str | None = None) -> str:
    canonical = actor_canonical(name, hint)
    key = actor_key(canonical)
    old = acc.actors.get(key)
    aliases = tuple(sorted({*(old.aliases if old else ()), name}))
    acc.actors[key] = ActorNode(
        key=key,
        name=old.name if old else name,
        canonical=canonical,
        aliases=aliases,
        description=old.description if old else None,
        known=bool(old and old.known) or canonical in gazetteer_ids(),
        recorded_at=_earliest(old.recorded_at if old else None, item.recorded_at),
    )
    return key


def _add_org(acc: _Acc, name: str, item: ReportExtraction, **extra: str | None) -> str:
    norm = org_norm(name, extra.get("domain"))
    key = org_key(norm)
    old = acc.orgs.get(key)
    acc.orgs[key] = OrganizationNode(
        key=key,
        name=old.name if old else name,
        norm=norm,
        names=tuple(sorted({*(old.names if old else ()), name})),
        domain=extra.get("domain") or (old.domain if old else None),
        sector_key=extra.get("sector_key") or (old.sector_key if old else None),
        country_key=extra.get("country_key") or (old.country_key if old else None),
        recorded_at=_earliest(old.recorded_at if old else None, item.recorded_at),
    )
    return key


def _claim_key(*parts: object) -> str:
    return make_key("claim", "|".join("" if p is None else str(p) for p in parts))


def _ev(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return {}
    return {"sentence": ev.sentence, "start": ev.start, "end": ev.end}


def _resolve_incident(acc: _Acc, item: ReportExtraction, inc: ExtractedIncident) -> None:
    rep = item.extraction
    if not inc.victim:
        return
    victim = next((v for v in rep.victims if v.name == inc.victim), None)
    sector = inc.sector or (victim.sector if victim else None)
    country = inc.country or (victim.country if victim else None)
    s_key = c_key = None
    if sector:
        s_key = sector_key(sector)
        acc.sectors.setdefault(s_key, TermNode(s_key, sector_canonical(sector)))
    if country:
        c_key = country_key(country)
        acc.countries.setdefault(c_key, TermNode(c_key, country.strip().upper()))
    domain = victim.domain if victim else None
    v_key = _add_org(acc, inc.victim, item, domain=domain, sector_key=s_key, country_key=c_key)
    vnorm = acc.orgs[v_key].norm
    anchor = incident_anchor(inc, (item.published_at or item.recorded_at).date())
    idx = len(acc.mentions)
    acc.mentions.append((v_key, vnorm, anchor))
    pub = publication_name(item)
    press = "claimed" if item.is_leak_post else "reported"
    by_role = {d.role: _to_date(d.date) for d in inc.dates}
    event_day = by_role.get("claimed") or by_role.get("attack") or by_role.get("detected")

    def add(kind: str, key_parts: tuple[object, ...], **fields: Any) -> None:
        fields.setdefault("speaker", pub)
        fields.setdefault("speaker_kind", "publication")
        fields.setdefault("modality", press)
        claim = ClaimNode(
            key=_claim_key(item.report_key, kind, vnorm, *key_parts),
            incident_key="",
            report_key=item.report_key,
            kind=kind,
            recorded_at=item.recorded_at,
            extractor_version=rep.extractor_version,
            channel="leak_post" if item.is_leak_post else "press",
            **fields,
        )
        acc.pending.append((idx, claim))

    add(
        KIND_VICTIM,
        (),
        subject=inc.victim,
        subject_key=v_key,
        subject_label=Label.ORGANIZATION.value,
        confidence=inc.confidence,
        valid_at=_day(anchor) if by_role else None,
        **_ev(inc.evidence),
    )
    for link in inc.actors:
        hint = next((a.key for a in rep.actors if link.name in (a.name, *a.aliases)), None)
        a_key = _add_actor(acc, link.name, item, hint)
        sp_key, sp_label = _speaker(acc, link.speaker, link.speaker_kind, item, v_key)
        ev = link.evidence
        add(
            KIND_ATTRIBUTION,
            (acc.actors[a_key].canonical, link.modality, fold(link.speaker), ev and ev.start),
            modality=link.modality,
            speaker=link.speaker,
            speaker_kind=link.speaker_kind,
            speaker_key=sp_key,
            speaker_label=sp_label,
            subject=link.name,
            subject_key=a_key,
            subject_label=Label.THREAT_ACTOR.value,
            confidence=link.confidence,
            valid_at=_day(event_day) if event_day else None,
            **_ev(ev),
        )
    for fig in inc.figures:
        sp_key, sp_label = _speaker(acc, fig.speaker, fig.speaker_kind, item, v_key)
        ev = fig.evidence
        add(
            KIND_FIGURE,
            (fig.value, fig.unit, fig.counts, fig.modality, fold(fig.speaker), ev and ev.start),
            modality=fig.modality,
            speaker=fig.speaker,
            speaker_kind=fig.speaker_kind,
            speaker_key=sp_key,
            speaker_label=sp_label,
            value=float(fig.value),
            unit=fig.unit,
            counts=fig.counts,
            text=fig.text,
            confidence=fig.confidence,
            **_ev(ev),
        )
    for d in inc.dates:
        day = _to_date(d.date)
        add(
            KIND_DATE,
            (d.role, d.date, d.precision),
            role=d.role,
            date=d.date,
            precision=d.precision,
            text=d.text,
            confidence=d.confidence,
            valid_at=_day(day) if day else None,
            **_ev(d.evidence),
        )
    for kind, cats in ((KIND_EXPOSED, inc.data_exposed), (KIND_NOT_EXPOSED, inc.data_not_exposed)):
        for cat in cats:
            d_key = data_category_key(cat.category)
            acc.data.setdefault(d_key, TermNode(d_key, cat.category))
            add(
                kind,
                (cat.category,),
                modality="reported",
                subject=cat.text or cat.category,
                subject_key=d_key,
                subject_label=Label.DATA_CATEGORY.value,
                text=cat.text,
                **_ev(cat.evidence),
            )
    for auth in inc.authorities:
        au_key = authority_key(auth.name)
        acc.authorities.setdefault(
            au_key, AuthorityNode(au_key, auth.name, auth.kind, auth.country)
        )
        add(
            KIND_AUTHORITY,
            (fold(auth.name), auth.role),
            modality="reported",
            subject=auth.name,
            subject_key=au_key,
            subject_label=Label.AUTHORITY.value,
            role=auth.role,
            **_ev(auth.evidence),
        )


def _speaker(
    acc: _Acc, speaker: str, kind: str, item: ReportExtraction, victim_key: str
) -> tuple[str | None, str | None]:
    """The node a statement is spoken by, when it is one we model."""
    if kind == "actor" and speaker:
        return _add_actor(acc, speaker, item), Label.THREAT_ACTOR.value
    if kind == "victim":
        if speaker and org_key(org_norm(speaker)) != victim_key:
            return _add_org(acc, speaker, item), Label.ORGANIZATION.value
        return victim_key, Label.ORGANIZATION.value
    if kind == "authority" and speaker:
        key = authority_key(speaker)
        acc.authorities.setdefault(key, AuthorityNode(key, speaker, "authority"))
        return key, Label.AUTHORITY.value
    return None, None


def _cluster(mentions: Sequence[tuple[str, str, date]], days: int) -> list[IncidentNode | None]:
    """Per mention, its incident: same victim, dates chained within ``days``."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i][0], mentions[i][2]))
    result: list[IncidentNode | None] = [None] * len(mentions)
    groups: list[list[int]] = []
    for i in order:
        victim, _, day = mentions[i]
        last = groups[-1] if groups else None
        if (
            last
            and mentions[last[0]][0] == victim
            and day - mentions[last[-1]][2] <= timedelta(days=days)
        ):
            last.append(i)
        else:
            groups.append([i])
    for group in groups:
        victim, norm, first = mentions[group[0]]
        node = IncidentNode(
            key=make_key("incident", f"{norm}|{first.isoformat()}"),
            victim_key=victim,
            first_seen=first,
            last_seen=max(mentions[i][2] for i in group),
        )
        for i in group:
            result[i] = node
    return result


def resolve_reports(
    items: Iterable[ReportExtraction], days: int = INCIDENT_WINDOW_DAYS
) -> LoadBatch:
    """Turn extracted reports into keyed nodes, incidents and claims (pure, deterministic)."""
    acc = _Acc()
    versions: dict[str, str] = {}
    refs: dict[str, ReportRef] = {}
    for item in items:
        rep = item.extraction
        versions[item.report_key] = rep.extractor_version
        seen = refs.get(item.report_key)
        refs[item.report_key] = ReportRef(
            key=item.report_key,
            recorded_at=_earliest(seen.recorded_at if seen else None, item.recorded_at),
            url=item.url,
            published_at=item.published_at,
            source_id=item.source_id,
        )
        for actor in rep.actors:
            key = _add_actor(acc, actor.name, item, actor.key)
            old = acc.actors[key]
            acc.actors[key] = ActorNode(
                key=key,
                name=old.name,
                canonical=old.canonical,
                aliases=tuple(sorted({*old.aliases, *actor.aliases})),
                description=old.description or actor.description,
                known=old.known or actor.known,
                recorded_at=old.recorded_at,  # the earliest, already folded in by _add_actor
            )
        for inc in rep.incidents:
            _resolve_incident(acc, item, inc)
    incidents = _cluster(acc.mentions, days)
    for idx, claim in acc.pending:
        node = incidents[idx]
        assert node is not None  # every mention was clustered
        known = acc.claims.get(claim.key)
        if known is None or claim.recorded_at < known.recorded_at:  # the earliest statement
            acc.claims[claim.key] = replace(claim, incident_key=node.key)
    unique = {n.key: n for n in incidents if n is not None}
    return LoadBatch(
        actors=tuple(sorted(acc.actors.values(), key=lambda n: n.key)),
        organizations=tuple(sorted(acc.orgs.values(), key=lambda n: n.key)),
        sectors=tuple(acc.sectors.values()),
        countries=tuple(acc.countries.values()),
        data_categories=tuple(acc.data.values()),
        authorities=tuple(acc.authorities.values()),
        incidents=tuple(sorted(unique.values(), key=lambda n: n.key)),
        claims=tuple(acc.claims.values()),
        reports=tuple(refs[k] for k in sorted(refs)),
        report_versions=tuple(sorted(versions.items())),
    )
