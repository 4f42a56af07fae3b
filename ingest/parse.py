"""Parsing stage entry: bytes from a fetch or a file → hostile-XML check → the source parser.

Both the crawler and ``tikg parse`` / ``tikg import`` go through :func:`parse_checked`, so a local
file gets exactly the safety checks a fetched feed gets.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ingest.records import ParseResult
from ingest.safexml import HostileXmlError, check_xml
from ingest.sources import PayloadError, parse_payload


def looks_like_xml(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def parse_checked(
    data: bytes,
    *,
    source_id: str,
    kind: str = "auto",
    filename: str | None = None,
    mapping: dict[str, str] | None = None,
    lang_hint: str = "auto",
    published: datetime | None = None,
) -> ParseResult:
    """Parse ``data`` after the hostile-XML pre-check; raise :class:`PayloadError` on refusal."""
    if looks_like_xml(data):
        try:
            check_xml(data)
        except HostileXmlError as exc:
            raise PayloadError(f"rejected hostile XML: {exc}") from None
    # A payload none of whose items could be read is a failure of the source, not a success.
    try:
        result = parse_payload(
            data,
            source_id=source_id,
            kind=kind,
            filename=filename,
            mapping=mapping,
            lang_hint=lang_hint,
            published=published,
        )
    except ValueError as exc:
        raise PayloadError(f"cannot parse: {exc}") from None
    if not result.documents and result.errors:
        first = result.errors[0]
        raise PayloadError(f"cannot parse: {first.key}: {first.message}")
    return result


def parse_file(
    path: Path,
    *,
    source_id: str = "import",
    kind: str = "auto",
    lang_hint: str = "auto",
    published: datetime | None = None,
) -> ParseResult:
    """Parse a local file (feed, export or article)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PayloadError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return parse_checked(
            data,
            source_id=source_id,
            kind=kind,
            filename=path.name,
            lang_hint=lang_hint,
            published=published,
        )
    except PayloadError as exc:
        raise PayloadError(f"{path}: {exc}") from None
