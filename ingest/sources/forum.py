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

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.records import ParseResult
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    decode_bytes,
    describe_validation_error,
    parse_timestamp,
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


def parse_forum_jsonl(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a JSONL forum dump (bytes)."""
    out = ResultBuilder(KIND)
    for number, line in enumerate(decode_bytes(data).splitlines(), start=1):
        if not line.strip():
            continue
        key = f"line {number}"
        try:
            post = ForumPost.model_validate(json.loads(line))
            published = parse_timestamp(post.posted_at)
            if published is None:
                raise ValueError(f"posted_at is not a date: {post.posted_at!r}")
            guid = (
                f"forum:{post.forum}:{post.id}"
                if post.id is not None
                else stable_hash(
                    "forum", post.forum, post.thread, post.author, post.posted_at, post.body
                )
            )
            doc = build_news_document(
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
        except json.JSONDecodeError as exc:
            out.fail(key, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        except ValidationError as exc:
            out.fail(key, describe_validation_error(exc))
            continue
        except ValueError as exc:
            out.fail(key, str(exc))
            continue
        out.add(doc)
    return out.result()
