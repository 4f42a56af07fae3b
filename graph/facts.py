"""Leak-site posts → claims: the stored ``leak_*`` fields of a ``Report`` in the extractor's shape.

Stage: stored Report (graph/documents.py) → **facts** → resolve. A leak post is the group's own
statement: one incident against the posted victim, an attribution with modality ``claimed`` and
speaker = the group, the dates the tracker saw, and any figure the post's title carried
("$189.1M", "88GB"). Going through :class:`~ingest.records.ExtractedReport` means leak posts,
press articles and victims' statements meet in the same resolution and corroborate each other.
Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from graph.batch import ReportExtraction
from ingest.records import (
    ExtractedActor,
    ExtractedActorLink,
    ExtractedDate,
    ExtractedFigure,
    ExtractedIncident,
    ExtractedReport,
    ExtractedVictim,
    Lang,
    RawLeakFields,
)

LEAK_EXTRACTOR_VERSION = "leak-fields/1"

_FIGURE = re.compile(r"^\s*([$€£])?\s*([\d.,]+)\s*([kmbt]|tb|gb|mb|kb)?\s*$", re.IGNORECASE)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
_BYTES = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}
_CURRENCY = {"$": "usd", "€": "eur", "£": "gbp"}


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A Report node as the pipeline needs it to (re-)extract it."""

    key: str
    title: str
    text: str
    url: str | None
    published_at: datetime | None
    lang: Lang
    recorded_at: datetime
    source_id: str | None
    extracted_version: str | None = None
    leak: RawLeakFields | None = None


def parse_leak_figure(text: str) -> tuple[float, str, str] | None:
    """("$189.1M") → (189100000.0, "usd", "revenue"); ("88GB") → (88e9, "bytes", "data")."""
    m = _FIGURE.match(text)
    if not m:
        return None
    currency, number, suffix = m.group(1), m.group(2).replace(",", ""), (m.group(3) or "").lower()
    try:
        value = float(number)
    except ValueError:
        return None
    if suffix in _BYTES:
        return value * _BYTES[suffix], "bytes", "data"
    value *= _SCALE.get(suffix, 1.0)
    if currency:
        return value, _CURRENCY[currency], "revenue"
    return value, "count", "records"


def _iso(value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


def leak_extraction(report: StoredReport) -> ReportExtraction:
    """The claims a leak-site post makes, as a :class:`ReportExtraction` ready to resolve."""
    leak = report.leak
    if leak is None:
        raise ValueError(f"report {report.key} is not a leak-site post")
    group = leak.actor
    dates: list[ExtractedDate] = []
    claimed = leak.discovered_at or report.published_at
    if claimed is not None:
        dates.append(ExtractedDate(role="claimed", date=_iso(claimed) or "", precision="day"))
    if leak.published_at is not None and leak.published_at != claimed:
        dates.append(
            ExtractedDate(role="attack", date=_iso(leak.published_at) or "", precision="day")
        )
    figures: list[ExtractedFigure] = []
    for raw in leak.figures:
        parsed = parse_leak_figure(raw)
        if parsed:
            value, unit, counts = parsed
            figures.append(
                ExtractedFigure(
                    value=value,
                    unit=unit,
                    counts=counts,
                    speaker=group,
                    speaker_kind="actor",
                    modality="claimed",
                    text=raw,
                    confidence=0.9,
                )
            )
    incident = ExtractedIncident(
        victim=leak.victim,
        sector=leak.activity,
        country=leak.country,
        actors=(
            ExtractedActorLink(
                name=group, modality="claimed", speaker=group, speaker_kind="actor", confidence=0.9
            ),
        ),
        dates=tuple(dates),
        figures=tuple(figures),
        confidence=0.9,
    )
    extracted = ExtractedReport(
        id=report.key,
        lang=report.lang,
        extractor_version=LEAK_EXTRACTOR_VERSION,
        actors=(ExtractedActor(name=group, key=group, confidence=0.9),),
        victims=(
            ExtractedVictim(
                name=leak.victim,
                sector=leak.activity,
                country=leak.country,
                domain=leak.website,
                confidence=0.9,
            ),
        ),
        incidents=(incident,),
        published=_iso(report.published_at),
    )
    return ReportExtraction(
        report_key=report.key,
        recorded_at=report.recorded_at,
        published_at=report.published_at,
        source_id=report.source_id,
        url=leak.post_url or report.url,
        extraction=extracted,
        is_leak_post=True,
    )


def text_extraction(report: StoredReport, extracted: ExtractedReport) -> ReportExtraction:
    """Wrap the extractor's output for a stored (non-leak) report."""
    return ReportExtraction(
        report_key=report.key,
        recorded_at=report.recorded_at,
        published_at=report.published_at,
        source_id=report.source_id,
        url=report.url,
        extraction=extracted,
    )
