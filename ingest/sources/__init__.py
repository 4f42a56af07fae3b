"""Source parsers: bytes of one payload → ``ParseResult`` of ``RawDocument``s.

Stage: sources (after fetch, before NLP). Contract: :func:`parse_payload` takes the bytes our
own code read (HTTP body or file), a source id and a kind (``auto`` sniffs it with
:func:`detect_kind`), and returns every item it could read plus one ``ItemError`` per item it
could not. A payload that is not of the kind asked for, or whose kind cannot be detected, is a
:class:`PayloadError` (a ``ValueError``) whose message names what was tried.

Why a registry: the kind names are the ``SourceKind`` values of the settings (plus ``local``
for a single local article); the crawler and the CLI look parsers up here and nowhere else.
See ``README.md`` beside this file for each format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from itertools import islice
from pathlib import PurePath
from typing import Any

from ingest.records import ParseResult
from ingest.sources._common import ParseContext, decode_bytes
from ingest.sources.forum import parse_forum_jsonl
from ingest.sources.groups import read_group_names, read_groups
from ingest.sources.jsonfeed import (
    JSONFEED_VERSION_PREFIX,
    infer_mapping,
    parse_json_news,
    parse_jsonfeed,
)
from ingest.sources.leak_rss import parse_leak_rss
from ingest.sources.localfile import parse_local_file
from ingest.sources.ransomlook import parse_ransomlook
from ingest.sources.ransomware_live import (
    CSV_REQUIRED,
    parse_ransomware_live_csv,
    parse_ransomware_live_json,
)
from ingest.sources.ransomwatch import parse_ransomwatch
from ingest.sources.rss import parse_rss
from ingest.sources.telegram import parse_telegram

__all__ = [
    "KINDS",
    "PARSERS",
    "ParseContext",
    "PayloadError",
    "detect_kind",
    "parse_payload",
    "read_group_names",
    "read_groups",
]

Parser = Callable[[bytes, ParseContext], ParseResult]

PARSERS: dict[str, Parser] = {
    "rss": parse_rss,
    "leak_rss": parse_leak_rss,
    "jsonfeed": parse_jsonfeed,
    "json_news": parse_json_news,
    "ransomwatch": parse_ransomwatch,
    "ransomware_live_csv": parse_ransomware_live_csv,
    "ransomware_live_json": parse_ransomware_live_json,
    "ransomlook": parse_ransomlook,
    "telegram": parse_telegram,
    "forum_jsonl": parse_forum_jsonl,
    "local": parse_local_file,
}
KINDS: tuple[str, ...] = (*PARSERS, "auto")
LOCAL_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})

_SNIFF_BYTES = 256 * 1024
_SAMPLE_ITEMS = 20
_FIRST_TAG = re.compile(r"<(?![?!])([A-Za-z_][\w.:-]*)")
_SKIP_PROLOG = re.compile(r"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_COMPLETE_ITEM = re.compile(r"<item\b[^>]*>(.*?)</item>", re.S | re.I)
_GROUP_DESCRIPTION = re.compile(r"<description>\s*(?:<!\[CDATA\[)?\s*Group\s*:", re.I)
_LEAK_SNIFF_ITEMS = 50
_LEAK_SHARE = 0.8  # share of sniffed items whose description is 'Group: <name>'
_FORUM_SNIFF_KEYS = frozenset({"forum", "thread", "body"})
_LEAK_POST_EXTRA = frozenset({"link", "screen", "magnet"})


class PayloadError(ValueError):
    """The payload is not of the kind asked for, or its kind cannot be detected."""

    exit_code = 1


# --------------------------------------------------------------------------- detection


def _detect_xml(text: str) -> str:
    body = _SKIP_PROLOG.sub("", text, count=1)
    match = _FIRST_TAG.match(body)
    root = match.group(1).split(":")[-1].lower() if match else ""
    if root in ("rss", "feed", "rdf"):
        items = [m.group(1) for m in islice(_COMPLETE_ITEM.finditer(body), _LEAK_SNIFF_ITEMS)]
        leak = sum(1 for item in items if _GROUP_DESCRIPTION.search(item))
        return "leak_rss" if items and leak >= _LEAK_SHARE * len(items) else "rss"
    if root in ("html", "head", "body", "article") or re.match(
        r"<!doctype\s+html", text.lstrip(), re.I
    ):
        return "local"
    raise PayloadError(f"XML root <{root or '?'}> is not rss, feed (Atom) or RDF, nor HTML")


def _sample(items: list[Any]) -> list[dict[str, Any]]:
    return [i for i in items[:_SAMPLE_ITEMS] if isinstance(i, dict)]


def _detect_json_list(items: list[Any]) -> str | None:
    sample = _sample(items)
    if not sample:
        return None
    keys = set().union(*sample)
    if {"post_title", "group_name"} <= keys:
        return "ransomlook" if keys & _LEAK_POST_EXTRA else "ransomwatch"
    if {"victim", "group"} <= keys:
        return "ransomware_live_json"
    if {"name", "locations"} <= keys:
        raise PayloadError(
            "a leak-group catalogue (name, locations), not posts: read it with read_group_names"
        )
    if infer_mapping(items) is not None:
        return "json_news"
    return None


def _detect_json(payload: Any) -> str | None:
    if isinstance(payload, list):
        return _detect_json_list(payload)
    if not isinstance(payload, dict):
        return None
    version = payload.get("version")
    if isinstance(version, str) and version.startswith(JSONFEED_VERSION_PREFIX):
        return "jsonfeed"
    if isinstance(payload.get("messages"), list):
        return "telegram"
    posts = payload.get("posts")
    if isinstance(posts, list) and any("post_title" in p for p in _sample(posts)):
        return "ransomlook"
    for name in ("victims", "data", "results", "items", "articles"):
        if isinstance(payload.get(name), list):
            found = _detect_json_list(payload[name])
            if found in ("ransomware_live_json", "json_news"):
                return found
    values = list(payload.values())
    if values and all(isinstance(v, list) for v in values):
        first = _sample([p for v in values for p in v[:_SAMPLE_ITEMS]])
        if first and all("post_title" in p for p in first):
            return "ransomlook"
    return None


def _detect_jsonl(text: str) -> str | None:
    """Forum JSONL: the first line is a JSON object, and at least half of the sniffed objects
    carry the forum keys (bad lines are item errors later, not a reason to refuse the dump)."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:_SAMPLE_ITEMS]
    objects: list[dict[str, Any]] = []
    for number, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            if number == 0:
                return None
            continue
        if isinstance(obj, dict):
            objects.append(obj)
    forum = sum(1 for o in objects if set(o) >= _FORUM_SNIFF_KEYS)
    if forum and forum * 2 >= len(objects):
        return "forum_jsonl"
    return None


def _detect_csv(text: str) -> str | None:
    first = text.splitlines()[0] if text else ""
    header = next(csv.reader(io.StringIO(first)), [])
    if all(col in header for col in CSV_REQUIRED):
        return "ransomware_live_csv"
    return None


def detect_kind(data: bytes, filename: str | None = None) -> str:
    """The parser kind for a payload, sniffed from its content (and file name as a last hint).

    Order: XML root (``rss``/``feed``/``RDF`` → ``rss``, or ``leak_rss`` when at least 80 % of
    the first 50 items have a description starting with ``Group:``; HTML → ``local``); JSON
    shapes (JSON Feed ``version``; Telegram ``messages``; posts with ``post_title`` and
    ``group_name`` → ``ransomlook`` when they carry ``link``/``screen``/``magnet``, else
    ``ransomwatch``; ``victim`` and ``group`` → ``ransomware_live_json``; a known news key set
    → ``json_news``); JSON Lines with the forum keys; the ransomware.live CSV header; then a
    ``.txt``/``.md``/``.html`` file name → ``local``.
    """
    head = data[:_SNIFF_BYTES]
    text = decode_bytes(head, errors="replace").lstrip("\ufeff \t\r\n")
    tried: list[str] = []
    if text.startswith("<"):
        return _detect_xml(text)
    tried.append("XML feed")
    if text[:1] in "[{":
        try:
            payload = json.loads(decode_bytes(data) if len(data) > len(head) else text)
        except json.JSONDecodeError:
            found = _detect_jsonl(text)
            if found:
                return found
            tried.append("JSON (not valid JSON)")
            tried.append("JSON Lines forum dump")
        else:
            found = _detect_json(payload)
            if found:
                return found
            tried.append("JSON shapes (jsonfeed, telegram, ransomwatch, RansomLook, "
                         "ransomware.live, known news stores)")  # fmt: skip
    found = _detect_csv(text)
    if found:
        return found
    tried.append("ransomware.live CSV header")
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in LOCAL_SUFFIXES:
        return "local"
    tried.append(f"local article file name (.txt/.md/.html; got {suffix or 'no name'})")
    raise PayloadError(
        f"cannot detect the kind of {filename or 'payload'}: tried {'; '.join(tried)}"
    )


# --------------------------------------------------------------------------- parsing


def parse_payload(
    data: bytes,
    *,
    source_id: str,
    kind: str = "auto",
    filename: str | None = None,
    mapping: Mapping[str, str] | None = None,
    lang_hint: str = "auto",
    published: datetime | None = None,
) -> ParseResult:
    """Parse one payload with the parser of ``kind`` (``auto``: :func:`detect_kind`)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_payload takes the payload's bytes, not a URL or a path")
    data = bytes(data)
    if kind == "auto":
        kind = detect_kind(data, filename)
    parser = PARSERS.get(kind)
    if parser is None:
        raise PayloadError(f"unknown source kind {kind!r}; known: {', '.join(KINDS)}")
    ctx = ParseContext(
        source_id=source_id,
        lang_hint=lang_hint,
        mapping=dict(mapping) if mapping else None,
        published=published,
        filename=filename,
    )
    try:
        return parser(data, ctx)
    except PayloadError:
        raise
    except ValueError as exc:
        raise PayloadError(f"{kind}: {exc}") from None
