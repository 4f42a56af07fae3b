"""The full pipeline after storage: stored reports → extraction → resolution → Neo4j.

``tikg crawl``, ``tikg import`` and ``tikg run`` store documents first (see :mod:`graph.crawl`),
then call :func:`process_pending`, which extracts every report not yet extracted by the current
extractor version (leak posts from their structured fields, articles with :mod:`ingest.extract`)
and replaces that report's facts in one transaction. A crash leaves each report either fully old
or fully new; the next run resumes with what is still pending.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache

from neo4j import Driver

from graph.facts import StoredReport
from graph.reprocess import BatchExtractor, ReprocessStats, reprocess
from ingest.records import ExtractedReport
from tikg.settings import NlpSettings, Settings

log = logging.getLogger("tikg.pipeline")


@lru_cache(maxsize=2)
def make_extractor(nlp: NlpSettings) -> tuple[BatchExtractor, str]:
    """A batch extractor over stored reports and its version string; spaCy pipelines load once
    per process (a scheduler running for days reuses them)."""
    from ingest.extract import EXTRACTOR_VERSION, ExtractInput, Extractor

    extractor = Extractor(nlp)

    def run(reports: Sequence[StoredReport]) -> list[ExtractedReport]:
        return list(
            extractor.extract_many(
                ExtractInput(
                    id=report.key,
                    text=report.text,
                    title=report.title,
                    published=report.published_at.date() if report.published_at else None,
                    lang=report.lang if report.lang in ("fr", "en") else None,
                )
                for report in reports
            )
        )

    return run, EXTRACTOR_VERSION


def _log_error(report: StoredReport, exc: Exception) -> None:
    log.error("report=%s extraction failed: %s: %s", report.key, type(exc).__name__, exc)


def process_pending(
    settings: Settings,
    driver: Driver,
    *,
    on_error: Callable[[StoredReport, Exception], None] | None = None,
    on_progress: Callable[[ReprocessStats], None] | None = None,
    limit: int | None = None,
) -> ReprocessStats:
    """Extract and load every report the current extractor has not processed yet."""
    extractor, version = make_extractor(settings.nlp)
    return reprocess(
        driver,
        extractor,
        version,
        settings.neo4j.database,
        limit=limit,
        on_error=on_error or _log_error,
        on_progress=on_progress,
    )
