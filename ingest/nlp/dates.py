"""Date expressions in French and English: find them in text, resolve them against the
publication date. Pure string functions (no spaCy).

Resolution never returns a date after the publication date for text about the past: a day or a
month without a year that would fall after publication is moved to the previous year; an
explicit future date is dropped. Relative expressions ("il y a 3 semaines", "last week", "a few
days ago") resolve to an approximate date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.nlp.prefilter import LiteralGate
from ingest.records import DatePrecision

MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "quinze": 15, "a": 1, "an": 1, "one": 1, "two": 2,
    "three": 3, "four": 4, "five": 5, "six_": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "quelques": 3, "plusieurs": 3, "few": 3, "a few": 3, "several": 3, "couple": 2,
}  # fmt: skip

_M_FR = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
)
_M_EN = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?"
)
_WD_FR = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_WD_EN = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_Y = r"(?:19|20)\d\d"
_N_FR = r"\d{1,2}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|quelques|plusieurs"
_N_EN = (
    r"\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of"
)

_FR_RANGE = re.compile(
    rf"\b(?:entre le|du)\s+(1er|\d{{1,2}})\s+(?:et le|au)\s+(1er|\d{{1,2}})\s+({_M_FR})"
    rf"(?:\s+({_Y}))?\b",
    re.IGNORECASE,
)
_EN_RANGE = re.compile(
    rf"\bbetween\s+({_M_EN})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+and\s+(\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+({_Y}))?\b",
    re.IGNORECASE,
)

_FR_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b({_Y})-(\d\d)-(\d\d)\b")),
    ("dmy_num", re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/({_Y})\b")),
    (
        "dmy",
        re.compile(
            rf"\b(?:(?:{_WD_FR})\s+)?(1er|\d{{1,2}})\s+({_M_FR})(?:\s+({_Y}))?\b", re.IGNORECASE
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:en|début|fin|mi-|courant|depuis|d[eè]s)?\s*({_M_FR})(?:\s+(?:dernier\s+)?({_Y}))?\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(rf"\bil y a\s+({_N_FR})\s+(jours?|semaines?|mois|ans?|années?)\b", re.I)),
    ("yesterday2", re.compile(r"\bavant-hier\b", re.I)),
    (
        "today",
        re.compile(r"\baujourd['’]hui\b|\bce (?:lundi|mardi|mercredi|jeudi|vendredi)\b", re.I),
    ),
    ("yesterday", re.compile(r"\bhier\b|\bla nuit dernière\b", re.I)),
    ("last_week", re.compile(r"\bla semaine (?:dernière|passée)\b|\bce week-end\b", re.I)),
    ("this_week", re.compile(r"\bcette semaine\b|\bces derniers jours\b", re.I)),
    ("last_month", re.compile(r"\ble mois (?:dernier|passé)\b", re.I)),
    ("last_year", re.compile(r"\bl['’](?:an|année) (?:dernier|dernière|passée?)\b", re.I)),
    ("weekday", re.compile(rf"\b({_WD_FR})(?:\s+(?:dernier|matin|soir|après-midi))?\b", re.I)),
    ("year", re.compile(rf"\b(?:en|depuis|début|fin|courant)\s+({_Y})\b", re.I)),
)

_EN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b({_Y})-(\d\d)-(\d\d)\b")),
    ("mdy_num", re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/({_Y})\b")),
    (
        "mdy",
        re.compile(
            rf"\b({_M_EN})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({_Y}))?(?![\d:])", re.IGNORECASE
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_M_EN})(?:,?\s+({_Y}))?\b", re.IGNORECASE
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:in|early|late|mid-?|since|during|until|by|last)\s+({_M_EN})(?:,?\s+({_Y}))?\b"
            rf"|\b({_M_EN})\s+({_Y})\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(rf"\b({_N_EN})\s+(days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b|\blast night\b", re.I)),
    ("today", re.compile(r"\btoday\b", re.I)),
    ("last_week", re.compile(r"\blast week\b|\bover the weekend\b|\blast weekend\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier )?this week\b", re.I)),
    ("last_month", re.compile(r"\blast month\b|\bearlier this month\b", re.I)),
    ("last_year", re.compile(r"\blast year\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on|last|this|since)\s+({_WD_EN})\b", re.I)),
    ("year", re.compile(rf"\b(?:in|since|early|late|during)\s+({_Y})\b", re.I)),
)


_GATE = LiteralGate((_FR_RANGE, _EN_RANGE, *(rx for _, rx in (*_FR_PATTERNS, *_EN_PATTERNS))))


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in text (offsets into that text)."""

    start: int
    end: int
    text: str
    kind: str
    groups: tuple[str | None, ...]


def find_dates(text: str, lang: str) -> list[DateExpr]:
    """Non-overlapping date expressions, the earliest-listed (most specific) pattern first."""
    patterns = _FR_PATTERNS if lang == "fr" else _EN_PATTERNS
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    rng = _FR_RANGE if lang == "fr" else _EN_RANGE
    for m in _GATE.finditer(rng, text):
        if lang == "fr":
            d1, d2, mon, year = m.group(1), m.group(2), m.group(3), m.group(4)
            kind, g1, g2 = "dmy", (d1, mon, year), (d2, mon, year)
            s1, e1 = m.span(1)
        else:
            mon, d1, d2, year = m.group(1), m.group(2), m.group(3), m.group(4)
            kind, g1, g2 = "mdy", (mon, d1, year), (mon, d2, year)
            s1, e1 = m.start(1), m.end(2)
        s2, e2 = m.start(2 if lang == "fr" else 3), m.end()
        found.append(DateExpr(s1, e1, text[s1:e1], kind, g1))
        found.append(DateExpr(s2, e2, text[s2:e2], kind, g2))
        taken.append(m.span())
    for kind, rx in patterns:
        for m in _GATE.finditer(rx, text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "my" and lang == "en" and _bare_may(m):
                continue
            taken.append((s, e))
            found.append(DateExpr(s, e, text[s:e], kind, m.groups()))
    found.sort(key=lambda d: d.start)
    return _share_years(found)


def _share_years(found: list[DateExpr]) -> list[DateExpr]:
    """'entre le 25 mars et le 12 avril 2024': the first date takes the second one's year."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind in ("dmy", "mdy") and not a.groups[2] and b.start - a.end <= 20:
            year = b.groups[2] if b.kind in ("dmy", "mdy") else None
            if year:
                out[i] = DateExpr(a.start, a.end, a.text, a.kind, (*a.groups[:2], year))
    return out


def _bare_may(m: re.Match[str]) -> bool:
    word = (m.group(1) or m.group(3) or "").lower()
    return word in {"may", "mar", "mar."} and not (m.group(2) or m.group(4))


def _month(word: str | None) -> int | None:
    if not word:
        return None
    return MONTHS.get(word.lower().rstrip("."))


def _num(word: str | None) -> int:
    if not word:
        return 1
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    w = w.replace("a couple of", "couple")
    return NUMBERS.get(w, 3)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _past(y: int | None, m: int, d: int, pub: date) -> date | None:
    """A day/month without a year: the latest such date not after publication."""
    if y is not None:
        return _safe(y, m, d)
    cand = _safe(pub.year, m, d)
    if cand is not None and cand > pub:
        cand = _safe(pub.year - 1, m, d)
    return cand


def resolve_date(expr: DateExpr, published: date | None) -> tuple[date, DatePrecision] | None:
    """Resolve an expression to (date, precision); None when it cannot be anchored or is future."""
    g = expr.groups
    k = expr.kind
    result: tuple[date, DatePrecision] | None = None
    if k == "iso":
        d = _safe(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))
        result = (d, "day") if d else None
    elif k in ("dmy_num", "mdy_num"):
        a, b, y = int(g[0] or 0), int(g[1] or 0), int(g[2] or 0)
        day_, mon = (a, b) if k == "dmy_num" else (b, a)
        d = _safe(y, mon, day_)
        result = (d, "day") if d else None
    elif k in ("dmy", "mdy"):
        if k == "dmy":
            day_s, mon_s = g[0], g[1]
        else:
            mon_s, day_s = g[0], g[1]
        month = _month(mon_s)
        day_n = 1 if (day_s or "").lower() == "1er" else int(day_s or 0)
        year = int(g[2]) if g[2] else None
        if month is None or (year is None and published is None):
            return None
        d = _past(year, month, day_n, published or date.max)
        result = (d, "day") if d else None
    elif k == "my":
        mon_s = g[0] if len(g) < 3 or g[0] else g[2]
        year_s = g[1] if len(g) < 3 or g[0] else g[3]
        month = _month(mon_s)
        year = int(year_s) if year_s else None
        if month is None or (year is None and published is None):
            return None
        d = _past(year, month, 1, published or date.max)
        result = (d, "month") if d else None
    elif k == "year":
        result = (date(int(g[0] or 1970), 1, 1), "year")
    elif published is None:
        return None
    elif k == "ago":
        n = _num(g[0])
        unit = (g[1] or "").lower()
        days = {"j": 1, "d": 1, "s": 7, "w": 7, "m": 30}.get(unit[:1], 365)
        result = (published - timedelta(days=n * days), "approximate")
    elif k == "yesterday":
        result = (published - timedelta(days=1), "day")
    elif k == "today":
        result = (published, "day")
    elif k == "yesterday2":
        result = (published - timedelta(days=2), "day")
    elif k == "last_week":
        result = (published - timedelta(days=7), "approximate")
    elif k == "this_week":
        result = (published - timedelta(days=3), "approximate")
    elif k == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        result = (first.replace(day=1), "month")
    elif k == "last_year":
        result = (date(published.year - 1, 1, 1), "year")
    elif k == "weekday":
        wd = WEEKDAYS.get((g[0] or "").lower())
        if wd is None:
            return None
        back = (published.weekday() - wd) % 7
        result = (published - timedelta(days=back), "day")
    if result is None:
        return None
    if published is not None and result[0] > published:
        return None
    return result
