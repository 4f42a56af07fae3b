"""JSON Feed (jsonfeed.org 1.0/1.1) and JSON arrays of news items with a field mapping.

Stage: sources. Contract: ``parse_jsonfeed(data, ctx)`` and ``parse_json_news(data, ctx)``
return one ``RawDocument`` per item; a bad item is an ``ItemError`` keyed ``[index] <id>``.

JSON Feed: ``items[]`` with ``id`` (required), ``url``/``external_url``, ``title``,
``content_html``/``content_text``/``summary``, ``date_published``/``date_modified``,
``authors``/``author``, ``language`` (1.1) and the feed-level ``language``.

JSON news: an array of flat objects (or an object holding one under ``items``, ``articles``
or ``data``) read through a mapping *our field → the source's field*. Our fields:
``title`` and ``text`` (required), ``url``, ``guid``, ``published``, ``author``, ``lang``;
any other key of the mapping is copied into ``metadata`` under our name (e.g. ``victim``,
``domain``, ``country``). The mapping comes from the source configuration; without one, it
is inferred from the item keys when they match a known shape (:data:`KNOWN_SHAPES`), and
otherwise a ``ValueError`` names the missing fields. A mapped field absent from every item is
also a ``ValueError``; absent from one item, it is an ``ItemError`` for that item only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ingest.records import ParseResult, RawDocument
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    load_json,
    parse_timestamp,
)

JSONFEED_KIND = "jsonfeed"
NEWS_KIND = "json_news"
JSONFEED_VERSION_PREFIX = "https://jsonfeed.org/version/"
REQUIRED_FIELDS = ("title", "text")
CORE_FIELDS = frozenset({"title", "text", "url", "guid", "published", "author", "lang"})
_LIST_KEYS = ("items", "articles", "data")

# Known shapes of JSON news stores: the exact key set of an item → the mapping to use.
KNOWN_SHAPES: dict[str, tuple[frozenset[str], dict[str, str]]] = {
    # A breach tracker: incident date, structured victim, French summary, original title.
    "incident_tracker": (
        frozenset({"date", "victim", "domain", "country", "summary", "title", "url", "added"}),
        {
            "title": "title",
            "text": "summary",
            "url": "url",
            "published": "added",
            "incident_date": "date",
            "victim": "victim",
            "domain": "domain",
            "country": "country",
        },
    ),
    # An RSS synchroniser's store: one object per feed item.
    "rss_store": (
        frozenset({"id", "url", "title", "description", "image", "site", "added_at", "source"}),
        {
            "guid": "id",
            "title": "title",
            "text": "description",
            "url": "url",
            "published": "added_at",
            "site": "site",
            "image": "image",
            "origin": "source",
        },
    ),
}


class JsonFeedAuthor(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    name: str | None = None


class JsonFeedItem(BaseModel):
    """One JSON Feed item, in the spec's field names."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str | int
    url: str | None = None
    external_url: str | None = None
    title: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    summary: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    author: JsonFeedAuthor | None = None
    authors: list[JsonFeedAuthor] = []
    language: str | None = None
    tags: list[str] = []


def feed_item_document(
    raw: Any, declared: str | None, feed_title: str | None, ctx: ParseContext
) -> RawDocument:
    """One JSON Feed item as a document; raises on an invalid item."""
    item = JsonFeedItem.model_validate(raw)
    authors = [a.name for a in [*item.authors, *([item.author] if item.author else [])]]
    text = max((item.content_html or "", item.content_text or ""), key=len)
    meta: dict[str, Any] = {"feed_title": feed_title} if feed_title else {}
    if item.tags:
        meta["categories"] = item.tags[:10]
    if item.external_url and item.url:
        meta["external_url"] = item.external_url
    return build_news_document(
        ctx,
        JSONFEED_KIND,
        guid=str(item.id),
        url=item.url or item.external_url,
        title=item.title or "",
        text=text or item.summary or "",
        published=parse_timestamp(item.date_published or item.date_modified),
        declared_lang=item.language or declared,
        author=next((a for a in authors if a), None),
        metadata=meta,
    )


def parse_jsonfeed(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a JSON Feed document (bytes)."""
    out = ResultBuilder(JSONFEED_KIND)
    payload = load_json(data)
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise ValueError("JSON Feed must be an object with an 'items' array")
    declared = payload.get("language") if isinstance(payload.get("language"), str) else None
    feed_title = payload.get("title") if isinstance(payload.get("title"), str) else None
    for index, raw in enumerate(payload["items"]):
        ident = raw.get("id") if isinstance(raw, dict) else None
        key = f"[{index}] {ident}" if ident is not None else f"[{index}]"
        out.collect(key, feed_item_document, raw, declared, feed_title, ctx)
    return out.result()


def news_items(payload: Any) -> list[Any]:
    """The list of items of a JSON news payload (array, or under a known key)."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        for name in _LIST_KEYS:
            if isinstance(payload.get(name), list):
                return list(payload[name])
    raise ValueError(
        f"JSON news must be an array of objects (or one under {', '.join(_LIST_KEYS)})"
    )


def infer_mapping(items: list[Any]) -> dict[str, str] | None:
    """The mapping of the known shape whose key set equals the first items', else None."""
    keys = [frozenset(i) for i in items[:20] if isinstance(i, dict)]
    if not keys:
        return None
    for shape_keys, mapping in KNOWN_SHAPES.values():
        if all(k == shape_keys for k in keys):
            return dict(mapping)
    return None


def _check_mapping(mapping: Mapping[str, str], items: list[Any]) -> None:
    missing = [f for f in REQUIRED_FIELDS if f not in mapping]
    if missing:
        raise ValueError(f"JSON news mapping lacks our field(s) {', '.join(missing)}")
    present: set[str] = set()
    for item in items:
        if isinstance(item, dict):
            present.update(item)
    absent = sorted({src for src in mapping.values() if src not in present})
    if items and absent:
        raise ValueError(
            f"JSON news mapping names field(s) {', '.join(absent)} found in no item "
            f"(item fields: {', '.join(sorted(present)) or 'none'})"
        )


def news_document(item: Any, mapping: Mapping[str, str], ctx: ParseContext) -> RawDocument:
    """One JSON news item read through ``mapping``; raises ``ValueError`` on a bad item."""
    if not isinstance(item, dict):
        raise ValueError(f"item is a JSON {type(item).__name__}, not an object")
    lacking = [f for f in REQUIRED_FIELDS if item.get(mapping[f]) is None]
    if lacking:
        names = ", ".join(f"{f} ({mapping[f]})" for f in lacking)
        raise ValueError(f"missing {names}")

    def field(ours: str) -> Any:
        src = mapping.get(ours)
        return item.get(src) if src else None

    meta = {
        ours: item.get(src)
        for ours, src in mapping.items()
        if ours not in CORE_FIELDS and item.get(src) not in (None, "")
    }
    title, text = field("title"), field("text")
    if not isinstance(title, str) or not isinstance(text, str):
        raise ValueError("title and text must be strings")
    guid = field("guid")
    return build_news_document(
        ctx,
        NEWS_KIND,
        guid=None if guid is None else str(guid),
        url=field("url"),
        title=title,
        text=text,
        published=parse_timestamp(field("published")),
        declared_lang=field("lang"),
        author=field("author"),
        metadata=meta,
    )


def parse_json_news(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a JSON array of news items through ``ctx.mapping`` (or a known shape)."""
    out = ResultBuilder(NEWS_KIND)
    items = news_items(load_json(data))
    mapping = dict(ctx.mapping) if ctx.mapping else infer_mapping(items)
    if mapping is None:
        sample = sorted(items[0]) if items and isinstance(items[0], dict) else []
        raise ValueError(
            "JSON news: no mapping given and the item keys match no known shape "
            f"({', '.join(sample) or 'no keys'}); map at least: {', '.join(REQUIRED_FIELDS)}"
        )
    _check_mapping(mapping, items)
    for index, item in enumerate(items):
        ident = item.get(mapping.get("guid", ""), None) if isinstance(item, dict) else None
        key = f"[{index}] {ident}" if ident is not None else f"[{index}]"
        out.collect(key, news_document, item, mapping, ctx)
    return out.result()
