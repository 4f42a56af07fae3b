"""Golden cases of the source parsers: fixture file → how it is parsed.

Each fixture ``tests/data/sources/<name>`` has ``<name>.expected.json``: the kind, every
document as ``RawDocument.to_json()`` and every item error. The fixtures are invented text
(French and English). After a deliberate change of parser behaviour, review the diff of::

    .venv/bin/python -m tests.sources.golden

which rewrites the expected files from the current parsers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.sources import parse_payload

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
SOURCE_ID = "fixture"

# fixture name → keyword arguments of parse_payload (kind "auto" unless given)
CASES: dict[str, dict[str, Any]] = {
    "news_fr.rss": {},
    "news_en.atom": {},
    "leak_feed.rss": {},
    "ransomwatch_posts.json": {},
    "ransomware_live.csv": {},
    "ransomware_live_api.json": {},
    "ransomlook_posts.json": {},
    "jsonfeed_fr.json": {},
    "json_news_mapped.json": {
        "kind": "json_news",
        "mapping": {
            "title": "headline",
            "text": "body",
            "url": "link",
            "published": "when",
            "author": "byline",
            "section": "section",
        },
    },
    "telegram_result.json": {},
    "forum_dump.jsonl": {},
    "article_fr.html": {},
    "article_en.md": {},
    "note_fr.txt": {"published": datetime(2025, 10, 1, 9, 0, tzinfo=UTC)},
}


def parse_case(name: str) -> dict[str, Any]:
    """The parse of one fixture in the shape of its ``.expected.json``."""
    path = DATA / name
    result = parse_payload(path.read_bytes(), source_id=SOURCE_ID, filename=name, **CASES[name])
    return {
        "kind": result.kind,
        "documents": [doc.to_json() for doc in result.documents],
        "errors": [{"key": e.key, "message": e.message} for e in result.errors],
    }


def expected_path(name: str) -> Path:
    return DATA / f"{name}.expected.json"


def regenerate() -> None:
    for name in CASES:
        text = json.dumps(parse_case(name), ensure_ascii=False, indent=2) + "\n"
        expected_path(name).write_text(text, encoding="utf-8")
        print(f"wrote {expected_path(name).name}")


if __name__ == "__main__":
    regenerate()
