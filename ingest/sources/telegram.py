"""Telegram Desktop chat export (``result.json``).

Stage: sources. Contract: ``parse_telegram(data, ctx)`` returns one ``RawDocument`` per
ordinary message with text; service messages (joins, pins, title changes) and messages with
no text (a bare photo or sticker) are skipped silently — they are not items. A malformed
message is an ``ItemError`` keyed ``message <id>``.

Export shape: ``{name, type, id, messages: [...]}``; a message has ``id``, ``type``
(``message`` | ``service``), ``date`` (local time of the exporting machine, no offset),
``date_unixtime`` (newer exports; preferred, it is unambiguous), ``from``, ``from_id``, and
``text``: a string, or a list whose parts are strings or ``{type, text}`` objects (links,
bold, mentions…), concatenated in order. A ``text_link`` part's ``href`` is kept in metadata.
The guid is ``telegram:<chat id>:<message id>``; the title is the first line of the text
(cut to 120 characters); ``date`` without ``date_unixtime`` is taken as UTC.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ingest.records import ParseResult, RawDocument
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    load_json,
    parse_timestamp,
)

KIND = "telegram"
TITLE_CHARS = 120


class TelegramMessage(BaseModel):
    """One message of a Telegram Desktop export, in the export's field names."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    id: int
    type: str = "message"
    date: str | None = None
    date_unixtime: str | int | None = None
    from_: str | None = Field(default=None, alias="from")
    from_id: str | None = None
    text: str | list[str | dict[str, Any]] = ""


def flatten_text(text: str | list[str | dict[str, Any]]) -> tuple[str, list[str]]:
    """The message text and the link targets of its ``text_link`` parts."""
    if isinstance(text, str):
        return text, []
    chunks: list[str] = []
    links: list[str] = []
    for part in text:
        if isinstance(part, str):
            chunks.append(part)
        elif isinstance(part, dict):
            chunks.append(str(part.get("text", "")))
            href = part.get("href")
            if isinstance(href, str):
                links.append(href)
    return "".join(chunks), links


def title_from_text(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"


def message_document(
    raw: Any, chat_id: Any, chat_name: str | None, ctx: ParseContext
) -> RawDocument | None:
    """One message as a document; None for a service message or one with no text."""
    msg = TelegramMessage.model_validate(raw)
    if msg.type != "message":
        return None
    text, links = flatten_text(msg.text)
    if not text.strip():
        return None
    meta: dict[str, Any] = {"message_id": msg.id}
    if chat_name:
        meta["chat"] = chat_name
    if links:
        meta["links"] = links[:10]
    published = parse_timestamp(msg.date_unixtime) or parse_timestamp(msg.date)
    return build_news_document(
        ctx,
        KIND,
        guid=f"telegram:{chat_id}:{msg.id}",
        url=None,
        title=title_from_text(text),
        text=text,
        published=published,
        author=msg.from_,
        metadata=meta,
    )


def parse_telegram(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse a Telegram Desktop ``result.json`` (bytes)."""
    out = ResultBuilder(KIND)
    payload = load_json(data)
    if not isinstance(payload, dict) or not isinstance(payload.get("messages"), list):
        raise ValueError("Telegram export must be an object with a 'messages' array")
    chat_id = payload.get("id", "chat")
    chat_name = payload.get("name") if isinstance(payload.get("name"), str) else None
    for index, raw in enumerate(payload["messages"]):
        ident = raw.get("id") if isinstance(raw, dict) else None
        key = f"message {ident}" if ident is not None else f"[{index}]"
        out.collect(key, message_document, raw, chat_id, chat_name, ctx)
    return out.result()
