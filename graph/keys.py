"""Normalisation and deterministic keys.

Every node key is ``uuid5(namespace, "<label>:<normalised value>")``: the same name, URL or
statement always gives the same key, so a re-crawl or a second loader MERGEs onto the nodes
already there instead of duplicating them. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from urllib.parse import urlsplit

NAMESPACE = uuid.UUID("6f1c2d7e-4b0a-5c3e-9d21-7a8b9c0d1e2f")

# Legal forms dropped when comparing organisation names (lower-case, accents removed).
LEGAL_SUFFIXES = frozenset(
    {
        "sa", "sas", "sasu", "sarl", "eurl", "sca", "scop", "gie", "se", "ag", "gmbh", "kg",
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
        "llp", "plc", "lp", "bv", "nv", "spa", "srl", "sl", "oy", "ab", "as", "asa", "pty",
        "group", "groupe", "holding", "holdings",
    }
)  # fmt: skip
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
_TLD = re.compile(r"\.(?:[a-z]{2,24})$")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded: « MédecinDirect » -> 'medecindirect'."""
    text = strip_accents(unicodedata.normalize("NFKC", text)).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def domain_stem(value: str) -> str | None:
    """The registrable name of a domain or URL: 'https://www.example.fr/x' -> 'example'."""
    value = value.strip().lower()
    if not value or " " in value:
        return None
    host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    if "." not in host:
        return None
    host = host.removeprefix("www.")
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in {"co", "com", "org", "net", "gov", "ac", "gouv"}:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else None


def normalize_org(name: str) -> str:
    """Comparison form of an organisation name.

    Case, accents, punctuation, legal suffixes and a domain's TLD are removed and camel-case
    words joined, so « MédecinDirect », "Medecin Direct", "MEDECINDIRECT SAS" and
    "medecindirect.fr" all give ``medecindirect``.
    """
    raw = name.strip()
    looks_like_host = "://" in raw or _TLD.search(raw.lower().split("/")[0]) is not None
    stem = domain_stem(raw) if looks_like_host else None
    if stem:
        return stem
    words = fold(_CAMEL.sub(" ", raw)).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return "".join(words)


def normalize_actor(name: str) -> str:
    """Comparison form of a threat-actor name: 'Lock Bit 3.0' and 'lockbit3.0' agree."""
    return "".join(fold(name.replace(".", "")).split())


def make_key(kind: str, value: str) -> str:
    """Deterministic key of a node of ``kind`` identified by ``value`` (already normalised)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{value}"))


def report_key(url: str | None, guid: str | None, content_hash: str) -> str:
    """A report is identified by its canonical URL, else its guid, else its content."""
    if url:
        return make_key("report-url", url)
    if guid:
        return make_key("report-guid", guid)
    return make_key("report-hash", content_hash)
