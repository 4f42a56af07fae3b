"""Dates given by people on the command line (``--published 2025-12-08``), as UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_cli_date(value: str) -> datetime:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO 8601 date-time (naive = UTC)."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD or ISO 8601)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
