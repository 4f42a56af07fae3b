"""Leak RSS: RSS 2.0 whose items are leak-site posts (title = victim, description = group).

Stage: sources. Contract: ``parse_leak_rss(data, ctx)`` returns one ``RawDocument`` with
``leak=RawLeakFields`` per item. Item shape (the ransomwatch RSS): ``title`` = post title,
``description`` = ``Group: <group_name>``, ``pubDate`` = discovery time (→ ``discovered_at``),
``guid`` = ``<post_title>_<discovered>``, ``link`` = the group's profile page.

Titles in these feeds are HTML-escaped twice (``&amp;amp;``); the XML parser removes one
level and :func:`ingest.names.clean_victim_name` the rest, while ``victim_raw`` keeps the title
as the XML parser returns it (one level removed, the same string the tracker's JSON holds).

Why not feedparser first: these feeds are flat and large (thousands of items on one line) and
feedparser's generic machinery (sanitising, date guessing, namespace handling) is slow for
them. A streaming parse with defusedxml is several times faster; when the XML is malformed
(a truncated download), the payload goes to feedparser's lenient parser instead, which keeps
the items before the fault.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError

import feedparser
from defusedxml.ElementTree import iterparse

from ingest.records import ParseResult
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_leak_document,
    struct_to_utc,
    to_utc,
)
from ingest.sources.rss import prepare_feed_bytes

KIND = "leak_rss"
_GROUP = re.compile(r"^\s*group\s*:\s*(?P<group>.+?)\s*$", re.I | re.S)


def group_from_description(description: str) -> str:
    """``Group: lockbit3`` → ``lockbit3``; a ``ValueError`` when the shape is different."""
    match = _GROUP.match(description or "")
    if not match:
        raise ValueError(f"description is not 'Group: <name>': {description[:60]!r}")
    return match.group("group")


def _child_text(item: Element, tag: str) -> str | None:
    child = item.find(tag)
    return child.text if child is not None and child.text is not None else None


def _iter_items(data: bytes) -> Iterator[dict[str, str | None]]:
    for _event, elem in iterparse(io.BytesIO(data), events=("end",)):
        if elem.tag == "item":
            yield {
                tag: _child_text(elem, tag)
                for tag in ("title", "description", "pubDate", "guid", "link")
            }
            elem.clear()


def _add_item(out: ResultBuilder, ctx: ParseContext, index: int, fields: dict) -> None:
    key = fields.get("guid") or fields.get("title") or f"item[{index}]"
    try:
        pub = fields.get("pubDate")
        discovered = fields.get("published_parsed")
        if discovered is None and pub:
            try:
                discovered = to_utc(parsedate_to_datetime(pub))
            except (TypeError, ValueError, IndexError):
                discovered = None
        doc = build_leak_document(
            ctx,
            KIND,
            post_title=fields.get("title") or "",
            group=group_from_description(fields.get("description") or ""),
            discovered=discovered,
            guid=fields.get("guid"),
            url=fields.get("link"),
        )
    except Exception as exc:  # one bad item never stops the feed
        out.fail(str(key), f"{type(exc).__name__}: {exc}")
        return
    out.add(doc)


def _parse_with_feedparser(data: bytes, ctx: ParseContext, out: ResultBuilder) -> None:
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        out.warn(f"bozo: {type(exc).__name__}: {exc}")
    for index, entry in enumerate(parsed.entries):
        fields = {
            "title": entry.get("title"),
            "description": entry.get("summary"),
            "pubDate": entry.get("published"),
            "guid": entry.get("id"),
            "link": entry.get("link"),
            "published_parsed": struct_to_utc(entry.get("published_parsed")),
        }
        _add_item(out, ctx, index, fields)


def parse_leak_rss(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a leak RSS document (bytes)."""
    out = ResultBuilder(KIND)
    prepared, fix = prepare_feed_bytes(data)
    if fix:
        out.warn(f"encoding: {fix}")
    try:
        items = list(_iter_items(prepared))
    except ParseError as exc:
        out.warn(f"malformed XML ({exc}); recovered with the lenient parser")
        _parse_with_feedparser(prepared, ctx, out)
        return out.result()
    for index, fields in enumerate(items):
        _add_item(out, ctx, index, dict(fields))
    return out.result()
