"""Figures: counts ("285 000 patients", "320,000 people"), volumes ("1.2 TB", "88GB") and
amounts ("$189.1M", "2 millions d'euros"). Pure string functions (no spaCy).

``find_figures`` returns value, unit and what is counted; who says so is decided by the
extractor from the sentence around the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.nlp.prefilter import LiteralGate

_NUM = r"\d{1,3}(?:[  \u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = {
    "k": 1e3, "mille": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6,
    "mn": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "milliard": 1e9,
    "milliards": 1e9,
}  # fmt: skip
_BYTES = {
    "tb": 1e12, "to": 1e12, "téraoctets": 1e12, "terabytes": 1e12, "terabyte": 1e12,
    "gb": 1e9, "go": 1e9, "gigaoctets": 1e9, "gigabytes": 1e9, "gigabyte": 1e9,
    "mb": 1e6, "mo": 1e6, "mégaoctets": 1e6, "megabytes": 1e6, "pb": 1e15,
}  # fmt: skip
_NOUNS = {
    "patient": "patients", "patients": "patients", "personne": "people", "personnes": "people",
    "people": "people", "individus": "people", "individuals": "people", "persons": "people",
    "client": "customers", "clients": "customers", "customer": "customers",
    "customers": "customers", "utilisateur": "users", "utilisateurs": "users", "user": "users",
    "users": "users", "compte": "accounts", "comptes": "accounts", "account": "accounts",
    "accounts": "accounts", "dossier": "records", "dossiers": "records", "record": "records",
    "records": "records", "fichiers": "files", "files": "files", "documents": "files",
    "employés": "employees", "salariés": "employees", "collaborateurs": "employees",
    "employees": "employees", "staff": "employees", "membres": "members", "members": "members",
    "étudiants": "students", "élèves": "students", "students": "students", "victimes": "victims",
    "victims": "victims", "adhérents": "members", "assurés": "customers", "abonnés": "customers",
    "subscribers": "customers", "lignes": "records", "rows": "records", "lines": "records",
    "entreprises": "organizations", "organizations": "organizations", "companies": "organizations",
    "organisations": "organizations", "résidents": "people", "residents": "people",
    "citoyens": "people", "citizens": "people", "consumers": "people", "consommateurs": "people",
}  # fmt: skip
_NOUN_RX = "|".join(sorted((re.escape(n) for n in _NOUNS), key=len, reverse=True))
_ADJ = (
    r"(?:\s+(?:de\s+|d['’])?(?:(?!ans\b|years\b|jours\b|days\b|mois\b|months\b)"
    r"[a-zà-ÿ-]+\s+){0,2}?)"
)

_COUNT = re.compile(
    rf"(?<![\w$€£])({_NUM})(?:\s*(millions?|milliards?|mille|million|billion|thousand|[kKM]|mn|bn)\b)?"
    rf"(?:\s+(?:de|d['’]|of))?{_ADJ}?\s*({_NOUN_RX})\b",
    re.IGNORECASE,
)
_VOLUME = re.compile(
    rf"(?<![\w$€£])({_NUM})\s*(TB|GB|MB|PB|To|Go|Mo|téraoctets|gigaoctets|mégaoctets|"
    r"terabytes?|gigabytes?|megabytes)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    rf"([$€£])\s?({_NUM})\s*(millions?|billions?|[kKMB]|mn|bn)?\b"
    rf"|(?<![\w$€£])({_NUM})\s*(millions?|milliards?|billions?|[kKM]|mn|bn)?\s*"
    r"(?:d['’]|de\s+)?(€|euros?|dollars?|USD|EUR|M€|k€)",
    re.IGNORECASE,
)
_GATE = LiteralGate((_MONEY, _VOLUME, _COUNT))
_RANSOM = re.compile(r"\b(?:rançon|ransom|extorsion|extortion)\w*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FigureExpr:
    start: int
    end: int
    text: str
    value: float
    unit: str
    counts: str


def parse_number(raw: str, lang: str) -> float | None:
    """'285 000' / '320,000' / '1,2' / '1.2' / '189.1' -> float."""
    s = re.sub(r"[  \u202f]", " ", raw.strip())
    groups = re.split(r"[ .,]", s)
    decimal_like = len(groups) == 2 and ((lang == "fr" and "," in s) or (lang != "fr" and "." in s))
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and not decimal_like:
        return float("".join(groups))
    s = s.replace(" ", "")
    if lang == "fr":
        s = s.replace(".", "").replace(",", ".") if "," in s else s
    else:
        s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def find_figures(text: str, lang: str) -> list[FigureExpr]:
    out: list[FigureExpr] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, value: float | None, unit: str, counts: str) -> None:
        if value is None or any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        out.append(FigureExpr(s, e, text[s:e], value, unit, counts))

    for m in _GATE.finditer(_MONEY, text):
        if m.group(1):
            value = parse_number(m.group(2), lang)
            scale = _SCALE.get((m.group(3) or "").lower(), 1.0)
            unit = {"$": "usd", "€": "eur", "£": "gbp"}[m.group(1)]
        else:
            value = parse_number(m.group(4), lang)
            scale = _SCALE.get((m.group(5) or "").lower(), 1.0)
            cur = m.group(6).lower()
            unit = "usd" if cur.startswith(("dollar", "usd")) else "eur"
            if cur in ("m€",):
                scale = 1e6
            elif cur == "k€":
                scale = 1e3
        window = text[max(0, m.start() - 80) : m.end() + 80]
        counts = "ransom" if _RANSOM.search(window) else "amount"
        add(m.start(), m.end(), None if value is None else value * scale, unit, counts)
    for m in _GATE.finditer(_VOLUME, text):
        value = parse_number(m.group(1), lang)
        mult = _BYTES.get(m.group(2).lower().rstrip("s"), _BYTES.get(m.group(2).lower(), 1.0))
        add(m.start(), m.end(), None if value is None else value * mult, "bytes", "data")
    for m in _GATE.finditer(_COUNT, text):
        raw = m.group(1)
        if re.fullmatch(r"(?:19|20)\d\d", raw):
            continue
        value = parse_number(raw, lang)
        scale = _SCALE.get((m.group(2) or "").lower(), 1.0)
        counts = _NOUNS.get(m.group(3).lower(), m.group(3).lower())
        add(m.start(), m.end(), None if value is None else value * scale, "count", counts)
    out.sort(key=lambda f: f.start)
    return out
