"""ransomwatch ``posts.json``: a JSON array of leak-site posts.

Stage: sources. Contract: ``parse_ransomwatch(data, ctx)`` validates each element against
:class:`RansomwatchPost` (the tracker's own field names) and returns one leak ``RawDocument``
per valid post; an invalid element is an ``ItemError`` keyed ``[index] <post_title>``.

Fields: ``post_title``, ``group_name``, ``discovered`` (``YYYY-MM-DD HH:MM:SS.ffffff``, UTC,
first time the tracker saw the post) are required. Later versions of the file add
``description``, ``website``, ``published``, ``post_url``, ``country``: accepted when present.
Unknown keys are ignored (the tracker adds fields over time; none of them is needed).
The guid is ``<post_title>_<discovered>``, the same as the ransomwatch RSS guid.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ingest.records import ParseResult, RawDocument
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_leak_document,
    load_json,
    parse_timestamp,
    required_timestamp,
    tracker_guid,
)

KIND = "ransomwatch"


class RansomwatchPost(BaseModel):
    """One element of ``posts.json``, in the tracker's field names."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=False)

    post_title: str
    group_name: str
    discovered: str
    description: str | None = None
    website: str | None = None
    published: str | None = None
    post_url: str | None = None
    country: str | None = None


def item_key(index: int, item: Any) -> str:
    title = item.get("post_title") if isinstance(item, dict) else None
    return f"[{index}] {title}" if isinstance(title, str) else f"[{index}]"


def post_document(item: Any, ctx: ParseContext) -> RawDocument:
    """One element of ``posts.json`` as a leak document; raises on a bad element."""
    post = RansomwatchPost.model_validate(item)
    return build_leak_document(
        ctx,
        KIND,
        post_title=post.post_title,
        group=post.group_name,
        discovered=required_timestamp("discovered", post.discovered),
        published=parse_timestamp(post.published),
        description=post.description,
        website=post.website,
        country=post.country,
        post_url=post.post_url,
        guid=tracker_guid(post.post_title, post.discovered),
    )


def parse_ransomwatch(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a ransomwatch ``posts.json`` payload (bytes)."""
    out = ResultBuilder(KIND)
    payload = load_json(data)
    if not isinstance(payload, list):
        raise ValueError("ransomwatch posts.json must be a JSON array of posts")
    for index, item in enumerate(payload):
        out.collect(item_key(index, item), post_document, item, ctx)
    return out.result()
