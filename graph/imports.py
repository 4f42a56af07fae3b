"""``tikg import``: local articles and exports through the same path as crawled feeds.

Files are parsed with the crawler's checks and stored as reports of the ``import`` source, so a
report dropped in by hand is deduplicated against everything crawled (same URL, guid or text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from neo4j import Driver

from graph.documents import store_documents, upsert_source
from ingest.parse import PayloadError, parse_file
from tikg.settings import Settings

IMPORT_SOURCE = "import"


@dataclass(frozen=True, slots=True)
class ImportStats:
    lines: tuple[str, ...]
    failed: int
    new_documents: int
    report_count: int


def import_files(
    settings: Settings,
    driver: Driver,
    paths: Sequence[Path],
    *,
    published: datetime | None = None,
    kind: str = "auto",
    lang: str = "auto",
) -> ImportStats:
    db = settings.neo4j.database
    upsert_source(driver, IMPORT_SOURCE, "local", "local files", db)
    lines: list[str] = []
    failed = new = total = 0
    for path in paths:
        try:
            parsed = parse_file(
                path, source_id=IMPORT_SOURCE, kind=kind, lang_hint=lang, published=published
            )
        except PayloadError as exc:
            failed += 1
            lines.append(f"error: {exc}")
            continue
        stats = store_documents(driver, IMPORT_SOURCE, parsed.documents, db)
        new += stats.new
        total += len(parsed.documents)
        lines.append(
            f"{path}: {len(parsed.documents)} documents ({parsed.kind}): {stats.new} new, "
            f"{stats.duplicates} already known, {stats.updated} updated"
            + (f", {len(parsed.errors)} bad items skipped" if parsed.errors else "")
        )
    return ImportStats(tuple(lines), failed, new, total)
