"""Forum dumps as JSON Lines.

Stage: sources. Contract: ``parse_forum_jsonl(data, ctx)`` returns one ``RawDocument`` per
line; a line that is not a JSON object or lacks a required field is an ``ItemError`` keyed
``line <n>`` (1-based), and the lines after it are still read. Blank lines are ignored.

Format (one object per line, UTF-8)::

    {"forum": "exampleforum", "thread": "Selling access to ...", "author": "user42",
     "posted_at": "2025-03-01T10:15:00Z", "title": "Selling access to ...", "body": "..."}

Required: ``forum``, ``thread``, ``author``, ``posted_at`` (ISO 8601 or epoch seconds; naive
is taken as UTC), ``body``. Optional: ``title`` (defaults to ``thread``), ``url`` (the post's
address), ``id`` (the forum's post id), ``lang``. Unknown keys are ignored. ``body`` may hold
HTML; it is reduced to text. The guid is ``forum:<forum>:<id>`` when ``id`` is given, else a
hash of forum, thread, author, posted_at and body (stable across re-dumps of one post).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from ingest.records import ParseResult, RawDocument
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    decode_bytes,
    required_timestamp,
    stable_hash,
)

KIND = "forum_jsonl"
FORUM_KEYS = frozenset({"forum", "thread", "author", "posted_at", "body"})


class ForumPost(BaseModel):
    """One line of a forum dump, in the dump's field names."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    forum: str
    thread: str
    author: str
    posted_at: str | int | float
    body: str
    title: str | None = None
    url: str | None = None
    id: str | int | None = None
    lang: str | None = None


def _load_line(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at column {exc.colno}") from exc


def line_document(line: str, ctx: ParseContext) -> RawDocument:
    """One dump line as a document; raises on a line that is not a valid post."""
    post = ForumPost.model_validate(_load_line(line))
    published = required_timestamp("posted_at", post.posted_at)
    guid = (
        f"forum:{post.forum}:{post.id}"
        if post.id is not None
        else stable_hash("forum", post.forum, post.thread, post.author, post.posted_at, post.body)
    )
    return build_news_document(
        ctx,
        KIND,
        guid=guid,
        url=post.url,
        title=post.title or post.thread,
        text=post.body,
        published=published,
        declared_lang=post.lang,
        author=post.author,
        metadata={"forum": post.forum, "thread": post.thread},
    )


def parse_forum_jsonl(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a JSONL forum dump (bytes)."""
    out = ResultBuilder(KIND)
    for number, line in enumerate(decode_bytes(data).splitlines(), start=1):
        if line.strip():
            out.collect(f"line {number}", line_document, line, ctx)
    return out.result()
