"""Showing strings from feeds, leak sites and forums without ever interpreting them.

Feed text reaches the screen only through elements that render plain text: ``st.text``,
``st.code``, ``st.dataframe`` cells, Vega marks and tooltips. Markdown and HTML are reserved for
the dashboard's own static strings. URLs from data become links only when they are ``http`` or
``https`` (a ``javascript:`` or ``data:`` URL stays text), and table cells are flattened to
strings so a nested value is never rendered as anything else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else None."""
    if not value:
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ch in text for ch in "\r\n\t\x00 "):
        return None
    return text


def cell(value: Any) -> Any:
    """A table cell: scalars as they are, dates as ISO text, collections as one line of text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        if all(isinstance(v, str) for v in value):
            return ", ".join(value)
        return json.dumps(list(value), ensure_ascii=False, default=str)
    if isinstance(value, Mapping):
        return json.dumps(dict(value), ensure_ascii=False, default=str)
    return str(value)


def frame(rows: Iterable[Mapping[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    """A DataFrame whose cells are all plain values (see :func:`cell`)."""
    data = [{k: cell(v) for k, v in row.items()} for row in rows]
    return pd.DataFrame(data, columns=columns) if columns else pd.DataFrame(data)


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
