"""Crawling: for each configured source, fetch → check → parse → store, then advance its state.

Contract, per source: the payload is fetched with the source's stored ETag / Last-Modified (a 304,
or an unchanged local file, creates no document and no NLP work); XML is checked for hostile
constructs before any parser sees it; each document is stored idempotently
(:func:`graph.documents.store_documents`); the source's crawl state advances only after its
documents are stored. A failing source gets its error recorded and the others go on; a bad item
is skipped, counted and logged with its key. Nothing here decides what a document says: that is
extraction's job, run on the stored reports.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from graph.documents import (
    StoreStats,
    known_urls,
    read_source_state,
    record_failure,
    record_success,
    store_documents,
    upsert_source,
)
from ingest.fetch import Fetcher, FetchError
from ingest.fulltext import add_full_text
from ingest.parse import PayloadError, parse_checked
from ingest.records import ParseResult, RawDocument
from tikg.settings import FeedSource, Settings

log = logging.getLogger("tikg.crawl")


@dataclass(frozen=True, slots=True)
class SourceCrawlStats:
    source_id: str
    kind: str
    items: int = 0
    new: int = 0
    duplicates: int = 0
    updated: int = 0
    item_errors: int = 0
    not_modified: bool = False
    error: str | None = None
    seconds: float = 0.0
    new_report_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CrawlEvent:
    """Progress of one source: ``stage`` is fetching, parsing, storing, done or failed."""

    source_id: str
    stage: str
    detail: str = ""
    total: int | None = None


EventSink = Callable[[CrawlEvent], None]


class SourceFailure(Exception):
    """One source failed; the message is the one line recorded on its ``Source`` node."""


@dataclass(frozen=True, slots=True)
class PayloadResult:
    data: bytes | None  # None when not modified
    etag: str | None
    last_modified: str | None
    filename: str | None


def _is_local(url: str) -> bool:
    return not url.lower().startswith(("http://", "https://"))


def load_payload(
    settings: Settings, source: FeedSource, fetcher: Fetcher, etag: str | None, modified: str | None
) -> PayloadResult:
    """Bytes of a source: an HTTP fetch with conditional headers, or a local sample file."""
    if _is_local(source.url):
        path = settings.resolve_path(source.url.removeprefix("file://"))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceFailure(f"{path}: cannot read: {exc.strerror or exc}") from None
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if digest == etag:
            return PayloadResult(None, etag, None, path.name)
        return PayloadResult(data, digest, None, path.name)
    try:
        result = fetcher.fetch_feed(source.url, etag=etag, last_modified=modified)
    except FetchError as exc:
        raise SourceFailure(str(exc)) from None
    name = Path(result.final_url.split("?", 1)[0]).name or None
    if result.not_modified:
        return PayloadResult(None, result.etag or etag, result.last_modified or modified, name)
    return PayloadResult(result.content, result.etag, result.last_modified, name)


def parse_source_payload(source: FeedSource, payload: PayloadResult) -> ParseResult:
    assert payload.data is not None
    try:
        return parse_checked(
            payload.data,
            source_id=source.id,
            kind=source.kind,
            filename=payload.filename,
            mapping=source.mapping or None,
            lang_hint=source.lang,
        )
    except PayloadError as exc:
        raise SourceFailure(str(exc)) from None


def crawl_source(
    settings: Settings,
    driver: Driver,
    fetcher: Fetcher,
    source: FeedSource,
    emit: EventSink,
) -> SourceCrawlStats:
    began = time.monotonic()
    db = settings.neo4j.database
    stats = SourceCrawlStats(source.id, source.kind)
    try:
        upsert_source(driver, source.id, source.kind, source.url, db)
        state = read_source_state(driver, source.id, db)
        emit(CrawlEvent(source.id, "fetching", source.url))
        payload = load_payload(settings, source, fetcher, state.etag, state.last_modified)
        if payload.data is None:
            record_success(
                driver,
                source.id,
                etag=payload.etag,
                last_modified=payload.last_modified,
                items=0,
                not_modified=True,
                database=db,
            )
            stats = replace(stats, not_modified=True)
        else:
            emit(CrawlEvent(source.id, "parsing", f"{len(payload.data):,} bytes"))
            parsed = parse_source_payload(source, payload)
            for note in parsed.warnings:
                log.info("source=%s feed note: %s", source.id, note)
            for err in parsed.errors:
                log.warning("source=%s item=%s skipped: %s", source.id, err.key, err.message)
            docs: Sequence[RawDocument] = parsed.documents
            if source.full_text and not _is_local(source.url):
                docs = _with_full_text(driver, fetcher, docs, db, source.id, emit)
            emit(CrawlEvent(source.id, "storing", f"{len(docs)} documents", total=len(docs)))
            stored: StoreStats = store_documents(driver, source.id, docs, db)
            record_success(
                driver,
                source.id,
                etag=payload.etag,
                last_modified=payload.last_modified,
                items=len(docs),
                not_modified=False,
                database=db,
            )
            stats = replace(
                stats,
                kind=parsed.kind or source.kind,
                items=len(docs),
                new=stored.new,
                duplicates=stored.duplicates,
                updated=stored.updated,
                item_errors=len(parsed.errors),
            )
    except SourceFailure as exc:
        stats = replace(stats, error=str(exc))
        _record_failure_quietly(driver, source.id, str(exc), db)
    except (DriverError, Neo4jError) as exc:
        message = f"database unavailable: {type(exc).__name__}: {exc}".splitlines()[0]
        stats = replace(stats, error=message)
        _record_failure_quietly(driver, source.id, message, db)
    except Exception as exc:  # a bug or an unexpected payload: this source only
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        log.exception("source=%s failed", source.id)
        stats = replace(stats, error=message)
        _record_failure_quietly(driver, source.id, message, db)
    stats = replace(stats, seconds=time.monotonic() - began)
    emit(CrawlEvent(source.id, "failed" if stats.error else "done", stats.error or ""))
    return stats


def _with_full_text(
    driver: Driver,
    fetcher: Fetcher,
    docs: Sequence[RawDocument],
    db: str,
    source_id: str,
    emit: EventSink,
) -> list[RawDocument]:
    """Fetch article pages for the documents not stored yet (never again on later polls)."""
    known = known_urls(driver, [d.url for d in docs if d.url], db)
    fresh = [d for d in docs if d.url and d.url not in known]
    if not fresh:
        return list(docs)
    emit(CrawlEvent(source_id, "full text", f"{len(fresh)} pages", total=len(fresh)))
    enriched = {id(d): e for d, e in zip(fresh, add_full_text(fetcher, fresh), strict=True)}
    return [enriched.get(id(d), d) for d in docs]


def _record_failure_quietly(driver: Driver, source_id: str, message: str, db: str) -> None:
    log.error("source=%s error=%s", source_id, message)
    try:
        record_failure(driver, source_id, message, db)
    except (DriverError, Neo4jError, OSError):
        log.error("source=%s: could not record the error (database unavailable)", source_id)


def select_sources(settings: Settings, only: Sequence[str] = ()) -> list[FeedSource]:
    sources = [s for s in settings.feeds.sources if s.enabled or s.id in only]
    if only:
        known = {s.id for s in settings.feeds.sources}
        unknown = [s for s in only if s not in known]
        if unknown:
            raise ValueError(f"unknown source id(s): {', '.join(unknown)}")
        sources = [s for s in sources if s.id in only]
    return sources


def crawl_sources(
    settings: Settings,
    driver: Driver,
    *,
    only: Sequence[str] = (),
    emit: EventSink | None = None,
    fetcher: Fetcher | None = None,
) -> list[SourceCrawlStats]:
    """Crawl every enabled source (or ``only`` these), one after the other."""
    sink: EventSink = emit or (lambda _event: None)
    sources = select_sources(settings, only)
    own = fetcher is None
    fetch = fetcher or Fetcher(settings.feeds)
    try:
        return [crawl_source(settings, driver, fetch, src, sink) for src in sources]
    finally:
        if own:
            fetch.close()
