"""Extraction of stored reports, first time and again: ``pending_reports`` → extractor → resolve →
``replace_extraction``.

Stage: Neo4j (stored ``Report`` nodes) → extractor (a callable the pipeline passes in, so
``graph`` needs nothing from spaCy) → resolve → loader. A report is pending when it was never
extracted, or when it is an article extracted by another extractor version; leak-site posts are
turned into claims from their structured fields (:mod:`graph.facts`) once. Each report's old
claims are replaced by the new ones in one transaction, so a crash leaves every report either
fully old or fully new, and running it again resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver

from graph import cypher
from graph.batch import LoadStats, ReportExtraction
from graph.db import native
from graph.facts import LEAK_EXTRACTOR_VERSION, StoredReport, leak_extraction, text_extraction
from graph.loader import load_batch, mark_extracted, replace_extraction
from graph.resolve import resolve_reports
from ingest.records import ExtractedReport, Lang, RawLeakFields

# Extracts a page of article reports in one call (so spaCy's ``nlp.pipe`` batches them); the
# results are in input order.
BatchExtractor = Callable[[Sequence[StoredReport]], Sequence[ExtractedReport]]


@dataclass(frozen=True, slots=True)
class ReprocessStats:
    reports: int = 0
    leak_posts: int = 0
    claims: int = 0
    failed: int = 0


def _stored(rec: Any) -> StoredReport:
    leak = None
    if rec["leak_actor"] and rec["leak_victim"]:
        leak = RawLeakFields(
            actor=rec["leak_actor"],
            victim=rec["leak_victim"],
            victim_raw=rec["leak_victim_raw"] or rec["leak_victim"],
            discovered_at=native(rec["leak_discovered_at"]),
            published_at=native(rec["leak_published_at"]),
            website=rec["leak_website"],
            country=rec["leak_country"],
            post_url=rec["leak_post_url"],
            activity=rec["leak_activity"],
            figures=tuple(rec["leak_figures"] or ()),
        )
    lang: Lang = "fr" if rec["lang"] == "fr" else "en" if rec["lang"] == "en" else "other"
    return StoredReport(
        key=rec["key"],
        title=rec["title"] or "",
        text=rec["text"] or "",
        url=rec["url"],
        published_at=native(rec["published_at"]),
        lang=lang,
        recorded_at=native(rec["recorded_at"]) or datetime.now(UTC),
        source_id=rec["source_id"],
        extracted_version=rec["extracted_version"],
        leak=leak,
    )


def pending_reports(
    driver: Driver, extractor_version: str, limit: int = 500, database: str = "neo4j"
) -> list[StoredReport]:
    """Reports never extracted, or articles extracted by a version other than this one."""
    records, _, _ = driver.execute_query(
        cypher.PENDING_REPORTS,
        version=extractor_version,
        limit=limit,
        database_=database,
        routing_="r",
    )
    return [_stored(r) for r in records]


def _extract_page(
    extractor: BatchExtractor, reports: Sequence[StoredReport]
) -> list[ExtractedReport | Exception]:
    """One batched call; when it raises, each report alone, so only the bad one fails."""
    if not reports:
        return []
    try:
        results: list[ExtractedReport | Exception] = list(extractor(reports))
        if len(results) == len(reports):
            return results
    except Exception:  # noqa: S110  (isolated below, report by report)
        pass
    out: list[ExtractedReport | Exception] = []
    for report in reports:
        try:
            out.append(extractor([report])[0])
        except Exception as exc:  # one bad report must not stop the run
            out.append(exc)
    return out


def reprocess(
    driver: Driver,
    extractor: BatchExtractor,
    extractor_version: str,
    database: str = "neo4j",
    *,
    limit: int | None = None,
    page: int = 200,
    on_error: Callable[[StoredReport, Exception], None] | None = None,
    on_progress: Callable[[ReprocessStats], None] | None = None,
) -> ReprocessStats:
    """Extract every pending report and replace its facts; returns what was done.

    Articles are extracted a page at a time (one batched extractor call); each report's facts are
    then replaced in its own transaction. A report whose extraction or load raises is reported
    through ``on_error`` and left pending (skipped for the rest of this run, so one bad report
    cannot loop forever). ``on_progress`` gets the running totals after each page.
    """
    stats = ReprocessStats()
    skipped: set[str] = set()
    done = 0
    while limit is None or done < limit:
        batch = [
            r
            for r in pending_reports(driver, extractor_version, page + len(skipped), database)
            if r.key not in skipped
        ]
        if limit is not None:
            batch = batch[: limit - done]
        if not batch:
            break
        articles = [r for r in batch if r.leak is None]
        extracted = dict(
            zip([r.key for r in articles], _extract_page(extractor, articles), strict=True)
        )
        for report in batch:
            try:
                if report.leak is not None:
                    item = leak_extraction(report)
                    version = LEAK_EXTRACTOR_VERSION
                else:
                    result = extracted[report.key]
                    if isinstance(result, Exception):
                        raise result
                    item = text_extraction(report, result)
                    version = extractor_version
                resolved = resolve_reports([item])
                replace_extraction(driver, report.key, version, resolved, database)
            except Exception as exc:  # one bad report must not stop the run
                skipped.add(report.key)
                stats = ReprocessStats(
                    stats.reports, stats.leak_posts, stats.claims, stats.failed + 1
                )
                if on_error is not None:
                    on_error(report, exc)
                continue
            done += 1
            stats = ReprocessStats(
                stats.reports + (report.leak is None),
                stats.leak_posts + (report.leak is not None),
                stats.claims + len(resolved.claims),
                stats.failed,
            )
        if on_progress is not None:
            on_progress(stats)
    return stats


def load_extractions(
    driver: Driver, items: Sequence[ReportExtraction], database: str = "neo4j"
) -> LoadStats:
    """The crawl / import path: resolve, load idempotently, mark each report extracted."""
    batch = resolve_reports(items)
    stats = load_batch(driver, batch, database)
    mark_extracted(driver, batch.report_versions, database)
    return stats
