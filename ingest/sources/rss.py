"""RSS 2.0 / Atom / RSS 1.0 news feeds, through feedparser, from bytes.

Stage: sources. Contract: ``parse_rss(data, ctx)`` turns the bytes of one feed document into
one ``RawDocument`` per entry. feedparser is always given bytes our own code holds (never a URL
or a path: it would fetch or open it itself).

Why the pre-pass (:func:`prepare_feed_bytes`): two encoding faults are common in the wild and
feedparser alone gets them wrong or half-right:

* UTF-8 bytes behind an ``encoding="ISO-8859-1"`` (or windows-1252) declaration. When the bytes
  decode as strict UTF-8 and contain multi-byte sequences, the declaration is wrong (real
  Latin-1 text almost never forms valid UTF-8), so it is rewritten to UTF-8.
* UTF-16/UTF-32 with a byte-order mark: decoded here and handed on as UTF-8.

A truncated or otherwise malformed feed sets feedparser's ``bozo`` flag; its lenient parser
still recovers the entries before the fault. Those entries are kept, and the bozo reason is
recorded as an ``ItemError`` with key ``feed`` (a warning: it does not mean an item was lost).
An entry that cannot be turned into a document is skipped with its own ``ItemError``.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import feedparser

from ingest.records import ParseResult
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    struct_to_utc,
)

KIND = "rss"
_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._-]+)([\"'])", re.I)
_LATIN_LABELS = frozenset({b"iso-8859-1", b"iso8859-1", b"latin-1", b"latin1", b"windows-1252",
                           b"cp1252", b"iso-8859-15", b"us-ascii", b"ascii"})  # fmt: skip
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CATEGORIES = 10


def prepare_feed_bytes(data: bytes) -> tuple[bytes, str | None]:
    """Fix the encoding faults described in the module docstring; say what was fixed."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding).lstrip("\ufeff")
            out = text.encode("utf-8")
            match = _XML_DECL.match(out)
            if match:
                out = match.group(1) + b"utf-8" + match.group(3) + out[match.end() :]
            return out, f"decoded {encoding} with byte-order mark"
    match = _XML_DECL.match(data)
    if match and match.group(2).lower() in _LATIN_LABELS and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return data, None
        fixed = match.group(1) + b"utf-8" + match.group(3) + data[match.end() :]
        return fixed, f"declared {match.group(2).decode()} but the bytes are UTF-8"
    return data, None


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and its summary (HTML, cleaned later)."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    return max(candidates, key=len)


def _entry_metadata(entry: Any, feed_title: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if feed_title:
        meta["feed_title"] = feed_title
    terms = [t.get("term") for t in entry.get("tags", []) or [] if t.get("term")]
    if terms:
        meta["categories"] = terms[:_MAX_CATEGORIES]
    source = entry.get("source")
    if isinstance(source, str) and source.strip():
        meta["source"] = source.strip()
    elif isinstance(source, dict) and source.get("title"):
        meta["source"] = str(source["title"])
    return meta


def parse_rss(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse one RSS/Atom document (bytes) into documents, item errors and feed warnings."""
    out = ResultBuilder(KIND)
    prepared, fix = prepare_feed_bytes(data)
    if fix:
        out.warn(f"encoding: {fix}")
    # We keep text only (html_to_text drops scripts and styles), so feedparser's HTML
    # sanitiser and relative-URI rewriting are skipped: work whose output we throw away.
    parsed = feedparser.parse(prepared, sanitize_html=False, resolve_relative_uris=False)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        out.warn(f"bozo: {type(exc).__name__}: {exc}")
    if not parsed.get("version") and not parsed.entries:
        out.fail("feed", "not an RSS or Atom document")
        return out.result()
    feed = parsed.get("feed", {})
    feed_title = (feed.get("title") or "").strip() or None
    declared = feed.get("language")
    for index, entry in enumerate(parsed.entries):
        key = entry.get("id") or entry.get("link") or f"entry[{index}]"
        try:
            published = struct_to_utc(
                entry.get("published_parsed")
                or entry.get("updated_parsed")
                or entry.get("created_parsed")
            )
            doc = build_news_document(
                ctx,
                KIND,
                guid=entry.get("id"),
                url=entry.get("link"),
                title=entry.get("title", "") or "",
                text=_entry_text(entry),
                published=published,
                declared_lang=entry.get("language") or declared,
                author=entry.get("author"),
                metadata=_entry_metadata(entry, feed_title),
            )
            if not doc.title and not doc.text:
                raise ValueError("entry has neither title nor text")
        except Exception as exc:  # one bad entry never stops the feed
            out.fail(str(key), f"{type(exc).__name__}: {exc}")
            continue
        out.add(doc)
    return out.result()
