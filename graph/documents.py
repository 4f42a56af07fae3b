"""Storing raw documents as ``Report`` nodes, and each ``Source``'s crawl state.

Contract: :func:`store_documents` is idempotent. A document that matches a report already in the
graph — same canonical URL or content hash anywhere, same guid within its source — creates no
new ``Report``; the source is linked to the existing one (``PUBLISHED``). A report whose URL or
guid matches but whose text changed is updated in place and marked for re-extraction. Keys are
deterministic (:func:`graph.keys.report_key`), so a crawl killed at any point and re-run writes
exactly the graph an uninterrupted crawl would have written. The text and its hash are kept so
extraction can be re-run without refetching.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph import cypher
from graph.db import native
from graph.keys import report_key
from ingest.records import RawDocument

CHUNK = 2000


@dataclass(frozen=True, slots=True)
class SourceStateResult:
    etag: str | None = None
    last_modified: str | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0


@dataclass(frozen=True, slots=True)
class StoreStats:
    new: int = 0
    duplicates: int = 0
    updated: int = 0

    def __add__(self, other: StoreStats) -> StoreStats:
        return StoreStats(
            self.new + other.new,
            self.duplicates + other.duplicates,
            self.updated + other.updated,
        )


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: str
    kind: str | None
    url: str | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    consecutive_failures: int
    documents: int


def _now() -> datetime:
    return datetime.now(UTC)


def upsert_source(driver: Driver, source_id: str, kind: str, url: str, database: str) -> None:
    driver.execute_query(
        cypher.UPSERT_SOURCE, key=source_id, kind=kind, url=url, now=_now(), database_=database
    )


def read_source_state(driver: Driver, source_id: str, database: str) -> SourceStateResult:
    records, _, _ = driver.execute_query(
        cypher.READ_SOURCE_STATE, key=source_id, database_=database, routing_="r"
    )
    if not records:
        return SourceStateResult()
    rec = records[0]
    return SourceStateResult(
        etag=rec["etag"],
        last_modified=rec["last_modified"],
        last_success_at=native(rec["last_success_at"]),
        last_error=rec["last_error"],
        last_error_at=native(rec["last_error_at"]),
        consecutive_failures=rec["consecutive_failures"],
    )


def record_success(
    driver: Driver,
    source_id: str,
    *,
    etag: str | None,
    last_modified: str | None,
    items: int,
    not_modified: bool,
    database: str,
) -> None:
    driver.execute_query(
        cypher.RECORD_SOURCE_SUCCESS,
        key=source_id,
        etag=etag,
        last_modified=last_modified,
        items=items,
        not_modified=not_modified,
        now=_now(),
        database_=database,
    )


def record_failure(driver: Driver, source_id: str, error: str, database: str) -> None:
    driver.execute_query(
        cypher.RECORD_SOURCE_FAILURE,
        key=source_id,
        error=error[:500],
        now=_now(),
        database_=database,
    )


def list_sources(driver: Driver, database: str) -> list[SourceRow]:
    records, _, _ = driver.execute_query(cypher.LIST_SOURCES, database_=database, routing_="r")
    return [
        SourceRow(
            id=r["id"],
            kind=r["kind"],
            url=r["url"],
            last_success_at=native(r["last_success_at"]),
            last_error=r["last_error"],
            last_error_at=native(r["last_error_at"]),
            consecutive_failures=r["consecutive_failures"],
            documents=r["documents"],
        )
        for r in records
    ]


def _guid_key(doc: RawDocument) -> str:
    return f"{doc.source_id}\x1f{doc.guid}"


def report_props(doc: RawDocument) -> dict[str, Any]:
    """The stored form of a document (flat properties; metadata as a JSON string)."""
    props: dict[str, Any] = {
        "guid": doc.guid,
        "guid_key": _guid_key(doc),
        "url": doc.url,
        "title": doc.title,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "lang": doc.lang,
        "published_at": doc.published_at,
        "source_kind": doc.source_kind,
        "first_source": doc.source_id,
        "author": doc.author,
        "full_text": doc.full_text,
        "metadata_json": json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True, default=str),
    }
    if doc.leak is not None:
        leak = doc.leak
        props.update(
            leak_actor=leak.actor,
            leak_victim=leak.victim,
            leak_victim_raw=leak.victim_raw,
            leak_discovered_at=leak.discovered_at,
            leak_published_at=leak.published_at,
            leak_website=leak.website,
            leak_country=leak.country,
            leak_post_url=leak.post_url,
            leak_activity=leak.activity,
            leak_figures=list(leak.figures),
        )
    return {k: v for k, v in props.items() if v is not None}


def _find_existing(
    tx: ManagedTransaction, docs: Sequence[RawDocument]
) -> dict[int, tuple[str, str]]:
    probes = [
        {"i": i, "url": d.url, "guid_key": _guid_key(d), "hash": d.content_hash}
        for i, d in enumerate(docs)
    ]
    found: dict[int, tuple[str, str]] = {}
    for rec in tx.run(cypher.FIND_EXISTING_REPORTS, probes=probes):
        if rec["key"] is not None and rec["i"] not in found:
            found[rec["i"]] = (rec["key"], rec["hash"])
    return found


def _store_chunk(tx: ManagedTransaction, source_id: str, docs: Sequence[RawDocument]) -> StoreStats:
    existing = _find_existing(tx, docs)
    rows: list[dict[str, Any]] = []
    seen: dict[str, str] = {}  # url / guid / hash of this chunk -> key
    new = dup = updated = 0
    for i, doc in enumerate(docs):
        ids = [x for x in (doc.url, _guid_key(doc), doc.content_hash) if x]
        in_chunk = next((seen[x] for x in ids if x in seen), None)
        if i in existing:
            key, old_hash = existing[i]
            # Matched by URL or guid with other text: the story was edited upstream.
            update = old_hash != doc.content_hash
            if update:
                updated += 1
            else:
                dup += 1
        elif in_chunk is not None:
            key, update = in_chunk, False
            dup += 1
        else:
            key = report_key(doc.url, _guid_key(doc), doc.content_hash)
            update = False
            new += 1
        for x in ids:
            seen.setdefault(x, key)
        rows.append({"key": key, "guid": doc.guid, "update": update, "props": report_props(doc)})
    tx.run(cypher.MERGE_REPORTS, rows=rows, source=source_id, now=_now()).consume()
    return StoreStats(new=new, duplicates=dup, updated=updated)


def store_documents(
    driver: Driver, source_id: str, docs: Sequence[RawDocument], database: str
) -> StoreStats:
    """Store ``docs`` as reports of ``source_id``, one write transaction per chunk."""
    total = StoreStats()
    with driver.session(database=database) as session:
        for start in range(0, len(docs), CHUNK):
            chunk = docs[start : start + CHUNK]
            total = total + session.execute_write(_store_chunk, source_id, chunk)
    return total


def known_urls(driver: Driver, urls: Sequence[str], database: str) -> set[str]:
    """The URLs among ``urls`` already stored as reports."""
    records, _, _ = driver.execute_query(
        cypher.KNOWN_URLS, urls=list(urls), database_=database, routing_="r"
    )
    return {r["url"] for r in records}


def count_reports(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query(cypher.COUNT_REPORTS, database_=database, routing_="r")
    return int(records[0]["n"])
