"""ransomware.live: the ``posts.csv`` export and the API v2 victims JSON.

Stage: sources. Contract: ``parse_ransomware_live_csv`` and ``parse_ransomware_live_json``
return one leak ``RawDocument`` per record; a bad record is an ``ItemError`` keyed by its
record number and first line (CSV, the header is line 1) or its array index (JSON), and never
stops the others.

CSV (:class:`RansomwareLiveCsvRow`): header ``post_title, group_name, discovered, description,
website, published, post_url, country, screenshot, price, pay, screenshot_path`` (only the
first three are required). Read with the ``csv`` module because descriptions contain commas,
quotes and newlines. Empty cells are absent values. ``published`` is the date the leak site
shows (→ ``RawLeakFields.published_at``), ``discovered`` the first sighting by the tracker.

API v2 JSON (:class:`RansomwareLiveVictim`): an array (or an object holding it under
``victims``, ``data`` or ``results``) of ``{victim, group, attackdate, discovered, activity,
country, domain, description, post_url, website, ...}``; ``attackdate`` → ``published_at``,
``domain``/``website`` → ``website``, ``activity`` (the sector label) → ``activity``. Unknown
keys are ignored: the API grows fields (screenshots, press links, infostealer counts).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from ingest.records import ParseResult, RawDocument
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_leak_document,
    decode_bytes,
    load_json,
    parse_timestamp,
    required_timestamp,
    tracker_guid,
)

CSV_KIND = "ransomware_live_csv"
JSON_KIND = "ransomware_live_json"
CSV_REQUIRED = ("post_title", "group_name", "discovered")
_LIST_KEYS = ("victims", "data", "results")


def _empty_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


class RansomwareLiveCsvRow(BaseModel):
    """One row of ``posts.csv``, in the export's column names."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    post_title: str
    group_name: str
    discovered: str
    description: str | None = None
    website: str | None = None
    published: str | None = None
    post_url: str | None = None
    country: str | None = None
    screenshot: str | None = None
    price: str | None = None
    pay: str | None = None

    _blank = field_validator("*", mode="before")(_empty_to_none)


class RansomwareLiveVictim(BaseModel):
    """One victim of the API v2, in the API's field names."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    victim: str
    group: str
    discovered: str | None = None
    attackdate: str | None = None
    activity: str | None = None
    country: str | None = None
    domain: str | None = None
    description: str | None = None
    post_url: str | None = None
    website: str | None = None
    url: str | None = None
    claim_url: str | None = None

    _blank = field_validator("*", mode="before")(_empty_to_none)


def csv_row_document(row: dict[str, Any], ctx: ParseContext) -> RawDocument:
    """One ``posts.csv`` row as a leak document; raises on a bad row."""
    rec = RansomwareLiveCsvRow.model_validate(row)
    discovered = required_timestamp("discovered", rec.discovered)
    meta: dict[str, Any] = {}
    if rec.price:
        meta["price"] = rec.price
    if rec.pay:
        meta["pay"] = rec.pay
    return build_leak_document(
        ctx,
        CSV_KIND,
        post_title=rec.post_title,
        group=rec.group_name,
        discovered=discovered,
        published=parse_timestamp(rec.published),
        description=rec.description,
        website=rec.website,
        country=rec.country,
        post_url=rec.post_url,
        guid=tracker_guid(rec.post_title, rec.discovered),
        metadata=meta,
    )


def parse_ransomware_live_csv(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a ransomware.live ``posts.csv`` payload (bytes)."""
    out = ResultBuilder(CSV_KIND)
    reader = csv.DictReader(io.StringIO(decode_bytes(data), newline=""))
    missing = [c for c in CSV_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"ransomware.live CSV: header lacks {', '.join(missing)}")
    end_line = reader.line_num
    for number, row in enumerate(reader, start=1):
        key = f"record {number} (line {end_line + 1})"
        end_line = reader.line_num
        out.collect(key, csv_row_document, row, ctx)
    return out.result()


def _victim_list(payload: Any) -> list[Any]:
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        for name in _LIST_KEYS:
            if isinstance(payload.get(name), list):
                return list(payload[name])
    raise ValueError(
        "ransomware.live JSON must be an array of victims "
        f"(or an object with one under {', '.join(_LIST_KEYS)})"
    )


def victim_document(item: Any, ctx: ParseContext) -> RawDocument:
    """One API v2 victim as a leak document (``discovered`` may be absent); raises if bad."""
    rec = RansomwareLiveVictim.model_validate(item)
    meta = {"claim_url": rec.claim_url} if rec.claim_url else {}
    return build_leak_document(
        ctx,
        JSON_KIND,
        post_title=rec.victim,
        group=rec.group,
        discovered=parse_timestamp(rec.discovered),
        published=parse_timestamp(rec.attackdate),
        description=rec.description,
        website=rec.website or rec.domain,
        country=rec.country,
        post_url=rec.post_url,
        activity=rec.activity,
        url=rec.url,
        guid=tracker_guid(rec.victim, rec.discovered or rec.attackdate or ""),
        metadata=meta,
    )


def parse_ransomware_live_json(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a ransomware.live API v2 victims payload (bytes)."""
    out = ResultBuilder(JSON_KIND)
    for index, item in enumerate(_victim_list(load_json(data))):
        name = item.get("victim") if isinstance(item, dict) else None
        key = f"[{index}] {name}" if isinstance(name, str) else f"[{index}]"
        out.collect(key, victim_document, item, ctx)
    return out.result()
