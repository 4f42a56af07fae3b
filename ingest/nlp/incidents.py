"""Incidents of one document: one per victim organisation, with the actors linked to it (with a
modality and a speaker), typed dates, figures, data exposed / not exposed, authorities, sector
and country. Each fact keeps its evidence sentence.

Attachment rule for a fact found at position p: the victims mentioned in p's clause; else the
nearest victim mentioned in p's sentence; else the last victim mentioned before p (explicitly or
through a pronoun / definite description); else the document's main victim.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from ingest.nlp.dates import resolve_date
from ingest.nlp.entities import Entities
from ingest.nlp.gazetteer import load_patterns
from ingest.nlp.names import leading_name, norm
from ingest.nlp.view import DocView, Mention
from ingest.records import (
    ExtractedActorLink,
    ExtractedAuthority,
    ExtractedDataCategory,
    ExtractedDate,
    ExtractedFigure,
    Modality,
    SpeakerKind,
)

_UNRELATED = re.compile(
    r"\b(?:unrelated to|not (?:related|linked|connected) to|no (?:link|connection) (?:to|with)|"
    r"sans (?:lien|rapport) avec|aucun lien avec|n['’]a aucun lien)",
    re.IGNORECASE,
)
_CITY = re.compile(r"\s+(?:de|d['’])\s*(?P<c>[A-ZÀ-Ý][\w\-]+)")


@dataclass(slots=True)
class IncidentDraft:
    victim_key: str
    links: dict[tuple[str, str], ExtractedActorLink] = field(default_factory=dict)
    dates: dict[tuple[str, str], ExtractedDate] = field(default_factory=dict)
    figures: list[ExtractedFigure] = field(default_factory=list)
    exposed: dict[str, ExtractedDataCategory] = field(default_factory=dict)
    not_exposed: dict[str, ExtractedDataCategory] = field(default_factory=dict)
    authorities: dict[str, ExtractedAuthority] = field(default_factory=dict)
    sectors: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)


@cache
def _authority_rows() -> dict[str, dict[str, Any]]:
    """The authorities gazetteer rows by id (read-only; built once, not per document)."""
    return {r["id"]: r for r in load_patterns("authorities")}


def _affirmed(cue: re.Pattern[str], negation: re.Pattern[str], sent: str) -> bool:
    """A cue that is not negated ("n'a pas revendiqué", "has not claimed", "no group claimed")."""
    for m in cue.finditer(sent):
        if not negation.search(sent[max(0, m.start() - 25) : m.start()]):
            return True
    return False


class Assembler:
    """Attaches the facts of one document to its incidents."""

    def __init__(self, view: DocView, ents: Entities) -> None:
        self.view = view
        self.ents = ents
        self.victim_mentions = [
            m for m in ents.mentions if m.kind == "victim" and ents.victims[m.key].role == "victim"
        ]
        self.actor_mentions = [m for m in ents.mentions if m.kind == "actor"]
        self.drafts = {k: IncidentDraft(k) for k, v in ents.victims.items() if v.role == "victim"}
        ranked = sorted(
            self.drafts,
            key=lambda k: (-ents.victims[k].strength - 0.1 * ents.victims[k].mentions,
                           ents.victims[k].first),
        )  # fmt: skip
        self.primary = ranked[0] if ranked else None

    # ---------------------------------------------------------------- attachment

    def targets(self, pos: int) -> list[str]:
        view = self.view
        lo, hi = view.clause(pos)
        in_clause = [m.key for m in self.victim_mentions if lo <= m.start < hi]
        if in_clause:
            return list(dict.fromkeys(in_clause))
        s, e = view.sentences[view.sent_of(pos)]
        in_sent = [m for m in self.victim_mentions if s <= m.start < e]
        if in_sent:
            return [min(in_sent, key=lambda m: abs(m.start - pos)).key]
        before = [m for m in self.victim_mentions if m.start < pos]
        if before:
            return [before[-1].key]
        return [self.primary] if self.primary else []

    def _speaker_of(self, name: str) -> tuple[str, SpeakerKind]:
        n = norm(name)
        for v in self.ents.victims.values():
            if norm(v.name) == n:
                return v.name, "victim"
        for a in self.ents.actors.values():
            if n in {norm(f) for f in a.forms}:
                return a.name, "actor"
        if any(norm(g.text) == n for g in self.view.gazetteer if g.label == "AUTHORITY"):
            return name, "authority"
        return name, "third_party"

    def _according(self, s: int, e: int) -> tuple[str, SpeakerKind] | None:
        m = self.view.lex.according.search(self.view.text, s, e)
        if not m:
            return None
        found = leading_name(self.view.text, m.end(), skip=1)
        return self._speaker_of(found[2]) if found else None

    def _name(self, m: Mention) -> str:
        if m.kind == "actor":
            return self.ents.actors[m.key].name
        return self.ents.victims[m.key].name

    # ---------------------------------------------------------------- actor links

    def link_actors(self) -> None:
        view, lex = self.view, self.view.lex
        for m in self.actor_mentions:
            si = view.sent_of(m.start)
            s, e = view.sentences[si]
            sent = view.text[s:e]
            if not (lex.attack.search(sent) or lex.claimed.search(sent)):
                continue
            if _UNRELATED.search(sent):
                continue
            in_sent = [v.key for v in self.victim_mentions if s <= v.start < e]
            keys = list(dict.fromkeys(in_sent)) or self.targets(m.start)
            modality: Modality
            speaker, kind = "publication", "publication"
            if lex.denied.search(sent):
                modality = "denied"
            elif _affirmed(lex.claimed, lex.negation, sent):
                modality, speaker, kind = "claimed", self._name(m), "actor"
            elif lex.alleged.search(sent):
                modality = "alleged"
            elif lex.confirmed.search(sent):
                modality = "confirmed"
            else:
                modality = "reported"
            if modality in ("alleged", "confirmed", "denied"):
                acc = self._according(s, e)
                if acc:
                    speaker, kind = acc
                elif modality != "alleged":
                    subj = [v for v in self.victim_mentions if s <= v.start < e]
                    if subj:
                        speaker, kind = self._name(subj[0]), "victim"
            conf = {"claimed": 0.85, "confirmed": 0.85, "denied": 0.8, "alleged": 0.7}.get(
                modality, 0.6
            )
            name = self.ents.actors[m.key].name
            for key in keys:
                link = ExtractedActorLink(
                    name=name,
                    modality=modality,
                    speaker=speaker,
                    speaker_kind=kind,  # type: ignore[arg-type]
                    evidence=view.evidence(m.start),
                    confidence=conf * (0.9 if m.resolved else 1.0),
                )
                self.drafts[key].links.setdefault((m.key, modality), link)

    # ---------------------------------------------------------------- dates

    def _role(self, pos: int, end: int) -> str:
        view = self.view
        lo, hi = view.clause(pos)
        s, e = view.sentences[view.sent_of(pos)]
        best: tuple[float, str] | None = None
        for window, weight in (((lo, hi), 0.0), ((s, e), 200.0)):
            for role, rx in view.lex.date_roles:
                for m in rx.finditer(view.text, *window):
                    dist = (pos - m.end()) if m.end() <= pos else (m.start() - end) * 3.0
                    score = abs(dist) + weight + (15.0 if role == "attack" else 0.0)
                    if best is None or score < best[0]:
                        best = (score, role)
            if best is not None:
                return best[1]
        return "mentioned"

    def attach_dates(self) -> None:
        view = self.view
        pub = view.published
        for expr in view.cues.dates:
            resolved = resolve_date(expr, pub)
            if resolved is None:
                continue
            day, precision = resolved
            lo, hi = view.clause(expr.start)
            # "will pay a fine for a February 2024 breach": a future verb does not make a date
            # before the publication a future one
            if not _before(day, precision, pub) and view.lex.future.search(view.text, lo, hi):
                continue
            role = self._role(expr.start, expr.end)
            if role == "mentioned":
                continue
            self._add_date(expr.start, role, day, precision, expr.text)

    def _add_date(self, pos: int, role: str, day: date, precision: str, text: str) -> None:
        for key in self.targets(pos):
            item = ExtractedDate(
                role=role,
                date=day.isoformat(),
                precision=precision,  # type: ignore[arg-type]
                text=text,
                evidence=self.view.evidence(pos),
                confidence=0.8 if precision == "day" else 0.6,
            )
            self.drafts[key].dates.setdefault((role, item.date), item)

    # ---------------------------------------------------------------- figures

    def attach_figures(self) -> None:
        view, lex = self.view, self.view.lex
        for fig in view.cues.figures:
            si = view.sent_of(fig.start)
            s, e = view.sentences[si]
            sent = view.text[s:e]
            speaker, kind, modality = "publication", "publication", "reported"
            acc = self._according(s, fig.start)
            before = [m for m in self.ents.mentions if s <= m.start < fig.start]
            actor_before = [m for m in before if m.kind == "actor"]
            victim_before = [m for m in before if m.kind == "victim"]
            if acc:
                speaker, kind = acc
                modality = "claimed" if kind == "actor" else "reported"
            elif actor_before and lex.assert_verb.search(sent):
                speaker, kind, modality = self._name(actor_before[0]), "actor", "claimed"
            elif victim_before:
                speaker, kind = self._name(victim_before[0]), "victim"
                modality = "confirmed" if lex.confirmed.search(sent) else "reported"
            elif lex.alleged.search(sent):
                modality = "alleged"
            for key in self.targets(fig.start):
                self.drafts[key].figures.append(
                    ExtractedFigure(
                        value=fig.value,
                        unit=fig.unit,
                        counts=fig.counts,
                        speaker=speaker,
                        modality=modality,  # type: ignore[arg-type]
                        speaker_kind=kind,  # type: ignore[arg-type]
                        text=fig.text,
                        evidence=view.evidence(fig.start),
                        confidence=0.75 if kind != "publication" else 0.6,
                    )
                )

    # ---------------------------------------------------------------- data, authorities

    def attach_gazetteer(self) -> None:
        view = self.view
        spans = sorted(view.gazetteer, key=lambda g: (g.start, -(g.end - g.start)))
        kept: list = []
        for g in spans:
            if kept and g.start < kept[-1].end and g.label == kept[-1].label:
                continue
            kept.append(g)
        auth_rows = _authority_rows()
        for g in kept:
            if g.label == "DATA":
                lo, hi = view.segment(g.start)
                negated = bool(view.lex.negation.search(view.text, lo, hi))
                item = ExtractedDataCategory(g.key, g.text, view.evidence(g.start))
                for key in self.targets(g.start):
                    d = self.drafts[key]
                    (d.not_exposed if negated else d.exposed).setdefault(g.key, item)
            elif g.label == "AUTHORITY":
                row = auth_rows.get(g.key, {})
                name = str(row.get("name", g.text))
                if g.key == "parquet":
                    city = _CITY.match(view.text, g.end)
                    name = f"Parquet de {city.group('c')}" if city else "Parquet"
                role = self._authority_role(g.start, g.end)
                auth = ExtractedAuthority(
                    name=name,
                    kind=str(row.get("kind", "agency")),
                    country=row.get("country"),
                    role=role,
                    evidence=view.evidence(g.start),
                )
                for key in self.targets(g.start):
                    self.drafts[key].authorities.setdefault(name, auth)
            elif g.label in ("SECTOR", "COUNTRY"):
                lo, hi = view.clause(g.start)
                near = [
                    m for m in self.victim_mentions
                    if lo <= m.start < hi and abs(m.start - g.start) <= 90
                ]  # fmt: skip
                for m in near:
                    d = self.drafts[m.key]
                    (d.sectors if g.label == "SECTOR" else d.countries)[g.key] += 1

    def _authority_role(self, start: int, end: int) -> str:
        view = self.view
        s, e = view.sentences[view.sent_of(start)]
        best: tuple[int, str] | None = None
        for role, rx in view.lex.authority_roles:
            for m in rx.finditer(view.text, s, e):
                dist = start - m.end() if m.end() <= start else m.start() - end
                if best is None or abs(dist) < best[0]:
                    best = (abs(dist), role)
        return best[1] if best else "involved"

    def run(self) -> dict[str, IncidentDraft]:
        self.link_actors()
        self.attach_dates()
        self.attach_figures()
        self.attach_gazetteer()
        for key, draft in self.drafts.items():
            v = self.ents.victims[key]
            if v.tracker_date:
                from ingest.nlp.dates import find_dates

                for expr in find_dates(v.tracker_date, "fr"):
                    res = resolve_date(expr, None)
                    if res:
                        item = ExtractedDate(
                            "attack", res[0].isoformat(), "approximate", v.tracker_date, None, 0.7
                        )
                        draft.dates.setdefault(("attack", item.date), item)
        return self.drafts


def _before(day: date, precision: str, pub: date | None) -> bool:
    """Whether the whole period of a resolved date (its day, month or year) is before ``pub``."""
    if pub is None:
        return False
    if precision == "year":
        return day.year < pub.year
    if precision == "month":
        return (day.year, day.month) < (pub.year, pub.month)
    return day < pub
