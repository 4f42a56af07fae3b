"""RansomLook posts (JSON), as its API returns them.

Stage: sources. Contract: ``parse_ransomlook(data, ctx)`` returns one leak ``RawDocument``
per post; bad posts are ``ItemError``s keyed ``[index] <post_title>``.

Accepted shapes, all tolerated because RansomLook serves posts from several endpoints:

* an array of posts ``{post_title, group_name, discovered, description?, link?, magnet?,
  screen?}`` (the "recent posts" endpoint);
* an object ``{"name": <group>, "posts": [...]}`` (a group page), whose posts may omit
  ``group_name``;
* an object mapping group name → array of posts (a dump by group).

``discovered`` is required (ISO 8601, naive = UTC). ``link`` is the post's address on the leak
site (→ ``post_url``); ``screen`` and ``magnet`` are kept in metadata as given (never fetched).
Unknown keys are ignored.
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
    required_timestamp,
    tracker_guid,
)

KIND = "ransomlook"


class RansomLookPost(BaseModel):
    """One RansomLook post, in RansomLook's field names."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    post_title: str
    group_name: str
    discovered: str
    description: str | None = None
    link: str | None = None
    magnet: str | None = None
    screen: str | None = None


def _posts(payload: Any) -> list[tuple[Any, str | None]]:
    """(post, group implied by the container) pairs from any accepted shape."""
    if isinstance(payload, list):
        return [(p, None) for p in payload]
    if isinstance(payload, dict):
        if isinstance(payload.get("posts"), list):
            group = payload.get("name") if isinstance(payload.get("name"), str) else None
            return [(p, group) for p in payload["posts"]]
        if payload and all(isinstance(v, list) for v in payload.values()):
            return [(p, str(group)) for group, posts in payload.items() for p in posts]
    raise ValueError(
        "RansomLook payload must be an array of posts, {name, posts: [...]}, "
        "or an object of group → posts"
    )


def post_document(item: Any, group: str | None, ctx: ParseContext) -> RawDocument:
    """One post as a leak document; ``group`` fills a missing ``group_name``."""
    if isinstance(item, dict) and group and "group_name" not in item:
        item = {**item, "group_name": group}
    post = RansomLookPost.model_validate(item)
    discovered = required_timestamp("discovered", post.discovered)
    meta = {k: v for k, v in (("screen", post.screen), ("magnet", post.magnet)) if v}
    return build_leak_document(
        ctx,
        KIND,
        post_title=post.post_title,
        group=post.group_name,
        discovered=discovered,
        description=post.description,
        post_url=post.link,
        guid=tracker_guid(post.post_title, post.discovered),
        metadata=meta,
    )


def parse_ransomlook(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a RansomLook posts payload (bytes)."""
    out = ResultBuilder(KIND)
    for index, (item, group) in enumerate(_posts(load_json(data))):
        title = item.get("post_title") if isinstance(item, dict) else None
        key = f"[{index}] {title}" if isinstance(title, str) else f"[{index}]"
        out.collect(key, post_document, item, group, ctx)
    return out.result()
