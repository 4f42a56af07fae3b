"""Reprocessing in pages: articles are extracted in one batched call per page, a report that
breaks the extractor fails alone, progress is reported per page, and ``limit`` is honoured.
Real Neo4j."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from neo4j import Driver

from graph.documents import store_documents, upsert_source
from graph.facts import StoredReport
from graph.reprocess import ReprocessStats, pending_reports, reprocess
from graph.schema import apply_schema
from ingest.records import ExtractedReport, RawDocument
from tests.graph.stories import founding_extraction


def _articles(driver: Driver, n: int) -> None:
    apply_schema(driver)
    upsert_source(driver, "press", "rss", "https://press.example/feed", "neo4j")
    docs = [
        RawDocument(
            source_id="press", source_kind="rss", guid=f"g{i}",
            url=f"https://press.example/story-{i}", title=f"Story {i}", text=f"Body {i}.",
            published_at=datetime(2025, 12, 1, tzinfo=UTC), lang="fr",
        )
        for i in range(n)
    ]  # fmt: skip
    store_documents(driver, "press", docs, "neo4j")


def test_pages_are_batched_and_a_bad_report_fails_alone(neo4j_driver: Driver) -> None:
    _articles(neo4j_driver, 7)
    calls: list[int] = []

    def extractor(reports: Sequence[StoredReport]) -> list[ExtractedReport]:
        calls.append(len(reports))
        if any(r.title == "Story 3" for r in reports):
            if len(reports) > 1:
                raise ValueError("one document in this batch is broken")
            raise ValueError("broken document")
        return [founding_extraction("v1") for _ in reports]

    progress: list[ReprocessStats] = []
    errors: list[str] = []
    stats = reprocess(
        neo4j_driver,
        extractor,
        "v1",
        page=4,
        on_error=lambda r, e: errors.append(r.title),
        on_progress=progress.append,
    )
    assert (stats.reports, stats.failed) == (6, 1)
    assert errors == ["Story 3"]
    # batched calls of up to a page (7 = 4 + 3), then one call per report of the page that broke
    assert calls[:2] in ([4, 3], [4, 4]) and calls.count(1) in (3, 4)
    assert progress and progress[-1] == stats
    assert [r.title for r in pending_reports(neo4j_driver, "v1")] == ["Story 3"]


def test_limit_is_honoured(neo4j_driver: Driver) -> None:
    _articles(neo4j_driver, 5)

    def extractor(reports: Sequence[StoredReport]) -> list[ExtractedReport]:
        return [founding_extraction("v1") for _ in reports]

    stats = reprocess(neo4j_driver, extractor, "v1", page=4, limit=3)
    assert stats.reports == 3
    assert len(pending_reports(neo4j_driver, "v1")) == 2
