"""Helpers shared by the source parsers: parse context, result collection, ids, and the two
document builders (news/message and leak post).

Stage: sources. Contract: pure functions, no I/O; the low-level conversions (bytes, URLs, HTML,
dates) live in ``_text`` and are re-exported here for the parsers.

Why one module: each parser must build ``RawDocument`` the same way (same guid rule, same
text cleaning, same language rule), or the same item read from two sources would not
deduplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ParamSpec

from pydantic import ValidationError

from ingest.lang import detect_lang
from ingest.names import clean_victim_name, repair_mojibake, unescape_entities
from ingest.records import ItemError, ParseResult, RawDocument, RawLeakFields
from ingest.sources._text import (
    canonical_url,
    decode_bytes,
    html_to_text,
    load_json,
    normalise_space,
    parse_timestamp,
    struct_to_utc,
    to_utc,
)

__all__ = [
    "ParseContext",
    "ResultBuilder",
    "build_leak_document",
    "build_news_document",
    "canonical_url",
    "decode_bytes",
    "describe_validation_error",
    "html_to_text",
    "load_json",
    "normalise_space",
    "parse_timestamp",
    "pick_guid",
    "required_timestamp",
    "stable_hash",
    "struct_to_utc",
    "to_utc",
    "tracker_guid",
]

P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What a parser is told about the payload besides its bytes."""

    source_id: str
    lang_hint: str = "auto"
    mapping: Mapping[str, str] | None = None
    published: datetime | None = None
    filename: str | None = None


@dataclass(slots=True)
class ResultBuilder:
    """Collects documents and item errors; an error never stops the items after it."""

    kind: str
    documents: list[RawDocument] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, doc: RawDocument) -> None:
        self.documents.append(doc)

    def fail(self, key: str, message: str) -> None:
        self.errors.append(ItemError(key=key, message=message))

    def collect(
        self,
        key: str,
        build: Callable[P, RawDocument | None],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        """Run one item's ``build(*args, **kwargs)`` and keep what it returns.

        A ``ValidationError`` (one line per field) or a ``ValueError`` (its message) becomes
        this item's error, keyed ``key``; ``None`` means "not an item": skipped, no error.
        """
        try:
            doc = build(*args, **kwargs)
        except ValidationError as exc:
            self.fail(key, describe_validation_error(exc))
            return
        except ValueError as exc:
            self.fail(key, str(exc))
            return
        if doc is not None:
            self.add(doc)

    def warn(self, message: str) -> None:
        """A feed-level note: the items are fine, but the payload needed a repair."""
        self.warnings.append(message)

    def result(self) -> ParseResult:
        return ParseResult(
            documents=tuple(_disambiguate_guids(self.documents)),
            errors=tuple(self.errors),
            kind=self.kind,
            warnings=tuple(self.warnings),
        )


def _disambiguate_guids(docs: list[RawDocument]) -> list[RawDocument]:
    """Different items sharing one guid in one payload (a feed reusing a link as the id of
    two stories) each get ``<guid>#<content hash prefix>``; exact repeats keep their guid."""
    hashes: dict[str, set[str]] = {}
    for doc in docs:
        hashes.setdefault(doc.guid, set()).add(doc.content_hash)
    clashing = {guid for guid, seen in hashes.items() if len(seen) > 1}
    if not clashing:
        return docs
    return [
        replace(
            doc,
            guid=f"{doc.guid}#{doc.content_hash[:12]}",
            metadata={**doc.metadata, "guid_disambiguated": True},
        )
        if doc.guid in clashing
        else doc
        for doc in docs
    ]


# --------------------------------------------------------------------------- ids


def stable_hash(*parts: object) -> str:
    """A short, stable id from item fields (never from the source id: two feeds, one item)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return "sha256:" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def pick_guid(guid: str | None, url: str | None, *fallback: object) -> str:
    """Feed guid, else the canonical URL, else a hash of the item's own fields."""
    if guid and guid.strip():
        return guid.strip()
    if url:
        return url
    return stable_hash(*fallback)


def tracker_guid(post_title: str, discovered: str) -> str:
    """``<post_title>_<discovered>`` exactly as the tracker wrote both fields.

    The convention of the ransomwatch RSS guid: one post read from ``posts.json`` and from
    the RSS gets one guid, so the two deduplicate.
    """
    return f"{post_title}_{discovered}"


def text_for_lang(title: str, text: str) -> str:
    """Detect on the body when it says enough; titles may be in another language."""
    return text if len(text) >= 60 else f"{title}\n{text}"


# --------------------------------------------------------------------------- documents


def build_news_document(
    ctx: ParseContext,
    kind: str,
    *,
    guid: str | None,
    url: str | None,
    title: str,
    text: str,
    published: datetime | None,
    declared_lang: str | None = None,
    author: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> RawDocument:
    """A ``RawDocument`` for an article or a message; title and text are cleaned here."""
    clean_title = repair_mojibake(html_to_text(title).replace("\n", " "))
    clean_text = repair_mojibake(html_to_text(text))
    published = to_utc(published) if published is not None else None
    link = canonical_url(url)
    return RawDocument(
        source_id=ctx.source_id,
        source_kind=kind,
        guid=pick_guid(guid, link, clean_title, clean_text, published),
        url=link,
        title=clean_title,
        text=clean_text,
        published_at=published,
        lang=detect_lang(text_for_lang(clean_title, clean_text), ctx.lang_hint, declared_lang),
        metadata=metadata or {},
        author=(author or "").strip() or None,
    )


def _clean_optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(unescape_entities(value).split())
    return value or None


def build_leak_document(
    ctx: ParseContext,
    kind: str,
    *,
    post_title: str,
    group: str,
    discovered: datetime | None,
    published: datetime | None = None,
    description: str | None = None,
    website: str | None = None,
    country: str | None = None,
    post_url: str | None = None,
    activity: str | None = None,
    guid: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> RawDocument:
    """A leak-site post as a ``RawDocument`` with :class:`RawLeakFields`.

    The title is the cleaned victim name, the text the post description (may be empty).
    ``published_at`` is the date the leak site shows when known, else the discovery time.
    Parsers pass ``guid=tracker_guid(...)`` when the source has no id of its own.
    """
    actor = " ".join(group.split())
    if not post_title.strip():
        raise ValueError("empty post title")
    if not actor:
        raise ValueError("empty group name")
    cleaned = clean_victim_name(post_title)
    site = _clean_optional(website)
    text = html_to_text(description)
    meta: dict[str, Any] = {"group": actor}
    if cleaned.truncated:
        meta["truncated"] = True
    if cleaned.non_victim:
        meta["non_victim"] = True
    if cleaned.country_hint:
        meta["country_hint"] = cleaned.country_hint
    if cleaned.disclosed:
        meta["disclosed"] = cleaned.disclosed
    if cleaned.repairs:
        meta["name_repairs"] = list(cleaned.repairs)
    if not site and cleaned.website:
        meta["website_from_title"] = True
    meta.update(metadata or {})
    link = canonical_url(url)
    leak = RawLeakFields(
        actor=actor,
        victim=cleaned.name,
        victim_raw=post_title,
        discovered_at=discovered,
        published_at=published,
        website=site or cleaned.website,
        country=(_clean_optional(country) or None),
        post_url=_clean_optional(post_url),
        activity=_clean_optional(activity),
        figures=cleaned.figures,
    )
    return RawDocument(
        source_id=ctx.source_id,
        source_kind=kind,
        guid=pick_guid(guid, None, post_title, actor, discovered, published),
        url=link,
        title=cleaned.name,
        text=text,
        published_at=published or discovered,
        lang=detect_lang(text, ctx.lang_hint),
        metadata=meta,
        leak=leak,
    )


def required_timestamp(name: str, value: object) -> datetime:
    """``parse_timestamp(value)`` for a field the item cannot do without.

    Raises ``ValueError("<name> is not a date: <value!r>")`` when it is absent or unparseable.
    """
    parsed = parse_timestamp(value)
    if parsed is None:
        raise ValueError(f"{name} is not a date: {value!r}")
    return parsed


def describe_validation_error(exc: ValidationError) -> str:
    """One line per field: ``field: message`` (no input values, which may be large)."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "(item)"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)
