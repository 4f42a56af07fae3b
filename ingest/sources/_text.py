"""Payload decoding, canonical URLs, HTML → text and timestamps, for the source parsers.

Stage: sources. Contract: pure functions, no I/O. Every datetime returned is timezone-aware UTC
(naive source timestamps are taken as UTC, which is what the leak trackers write); every URL
returned is canonical in the sense of :func:`canonical_url`; every text returned is plain text.

Why separate from ``_common``: these are the low-level conversions; ``_common`` builds records
from them.
"""

from __future__ import annotations

import codecs
import json
import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ingest.names import unescape_entities

# Query parameters that only track the click, never select the content.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc",
     "_hsmi", "mkt_tok", "ncid", "cmpid", "at_medium", "at_campaign"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
     "blockquote", "pre", "section", "article", "header", "footer", "hr", "dd", "dt"}
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
_TAG_HINT = re.compile(r"<[a-zA-Z/!][^>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


# --------------------------------------------------------------------------- bytes → text


def decode_bytes(data: bytes, errors: str = "strict") -> str:
    """Decode a non-XML payload: BOM first (UTF-8/16/32), then strict UTF-8, then cp1252.

    ``errors="replace"`` is for sniffing a prefix that may end inside a character.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors=errors)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load_json(data: bytes) -> Any:
    """Parse a JSON payload; a ``ValueError`` names the line and column of the fault."""
    try:
        return json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


# --------------------------------------------------------------------------- URLs


def canonical_url(url: str | None) -> str | None:
    """A stable form of an http(s) URL, so one article read twice gets one identity.

    Lower-cased scheme and host, default port dropped, tracking parameters (``utm_*`` and the
    click ids in :data:`TRACKING_PARAMS`) removed, other parameters kept in order, fragment
    removed unless it is a client-side route (``#/…`` or ``#!…``, which selects the content).
    The path is left as written. Anything that is not http(s) comes back stripped, unchanged.
    """
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.netloc:
        return url
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.port and not ((scheme == "http" and parts.port == 80) or parts.port == 443):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), fragment))


# --------------------------------------------------------------------------- HTML → text


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def normalise_space(text: str) -> str:
    """Collapse runs of spaces, keep paragraph breaks, trim each line."""
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(value: str | None) -> str:
    """Plain text from an HTML fragment (or plain text with entities): tags out, entities in."""
    if not value:
        return ""
    if not _TAG_HINT.search(value):
        return normalise_space(unescape_entities(value))
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    text = "".join(parser.chunks)
    # Entities escaped twice survive one pass of the HTML parser (``&amp;#8217;``).
    return normalise_space(unescape_entities(text))


# --------------------------------------------------------------------------- dates


def to_utc(value: datetime) -> datetime:
    """Aware UTC; a naive datetime is taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def struct_to_utc(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` fields are UTC ``struct_time``s."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def parse_timestamp(value: Any) -> datetime | None:
    """A datetime from the shapes sources use; None when absent or unparseable.

    Accepted: ``datetime``/``date``; epoch seconds (int/float or digit strings); ISO 8601 with
    ``T`` or a space, with or without fraction and offset (``Z`` included); RFC 822 dates.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit() and len(text) >= 9:
        return parse_timestamp(int(text))
    try:
        return to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return to_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None
