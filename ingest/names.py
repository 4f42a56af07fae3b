"""Victim-name cleaning for leak-site posts.

Stage: sources (leak parsers call :func:`clean_victim_name` on every post title).
Contract: ``clean_victim_name(raw)`` returns a :class:`CleanedName` whose ``name`` is never
empty for a non-blank title, plus what the cleaning learnt on the way (website, figures,
truncation, announcement flag). The raw title is always kept by the caller
(``RawLeakFields.victim_raw``), so every rule here is reversible downstream.

Why: leak-site titles are written by the attackers and scraped by trackers, and they carry
noise that would otherwise split one victim into several graph nodes. The rules are general
(shapes of text, never a list of organisations), applied in this order:

1. HTML entities, repeatedly (trackers double-escape: ``&amp;amp;`` → ``&``).
2. Mojibake: UTF-8 read as Latin-1/cp1252 (``PlÃ¡tano`` → ``Plátano``). Reversed only when the
   byte round trip is lossless, decodes as strict UTF-8 and leaves no mojibake marker.
3. Decorated titles ``name\\$189.1M\\Country\\88GB\\100%DISCLOSED``: split on backslashes when
   a later part is a money or size figure; the name is the first part, money/size figures go
   to ``figures`` (spaces removed, size units upper-cased), the disclosed share and the country
   part are kept as ``disclosed`` / ``country_hint``.
4. Truncation marks (a trailing ``...`` or ``…``): removed, ``truncated=True``.
5. Leak boilerplate prefixes (``New leaks from``, ``Leaks from company``, ``LEAK post``) and
   empty or re-upload parentheses at the end.
6. URLs and bare domains as titles: the host (lower-cased, without ``www.``) is the name and
   the ``website``; when the truncation may have cut the host itself, there is no website and
   the host keeps its ``www.``.
7. Announcements that are not victims (``… is officially online!``, ``For Press``,
   ``Hello World``, ``Welcome to …``, ``new partner``, ``Press releases``, site rules or
   contact pages) are flagged ``non_victim=True``; they are kept, never dropped, so an analyst
   can still see them and the rule can be audited.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_MAX_UNESCAPE_ROUNDS = 4
# A lead byte of a 2-4 byte UTF-8 sequence read as Latin-1, followed by a continuation byte
# (0x80-0xBF) read as Latin-1 or cp1252: the fingerprint of UTF-8 mis-decoded.
_CP1252_CONT = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_CONT}]")
_C1_CONTROLS = re.compile("[\u0080-\u009f]")

_MONEY = re.compile(
    r"^[$€£]\s*\d+(?:[.,]\d+)?\s*[KMBT]?$|^\d+(?:[.,]\d+)?\s*[KMBT]?\s*[$€£]$", re.I
)
_SIZE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([KMGTP]B)$", re.I)
_PERCENT = re.compile(r"^(<?\s*\d+(?:[.,]\d+)?\s*%)\s*(?:disclosed|published|leaked)?$", re.I)
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
_BOILERPLATE = re.compile(
    r"^(?:new\s+leaks?\s+(?:from\s+(?:company\s+)?)?"
    r"|leak(?:s|age)?\s+(?:post\s+|from\s+company\s+|from\s+|of\s+company\s+|company\s+))",
    re.I,
)
_TRAILING_PARENS = re.compile(r"\s*\((?:\s*|re-?uploaded|re-?upload|updated?)\)\s*$", re.I)
_TRAILING_PUNCT = re.compile(r"[\s!?:;,\-–—|]+$")
_URL = re.compile(
    r"^(?P<scheme>https?://)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]*)"
    r"(?P<rest>[/?#]\S*)?$",
    re.I,
)
_GENERIC_TLDS = frozenset(
    (
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "app", "dev",
        "tech", "online", "site", "shop", "store", "group", "health", "law", "legal", "bank",
        "insurance", "agency", "global", "media", "news", "cloud", "school",
    )
)  # fmt: skip
_ANNOUNCEMENT = re.compile(
    r"\bis\s+(?:now\s+)?(?:officially\s+)?(?:online|back|live)\b"
    r"|^for\s+(?:the\s+)?(?:press|journalists|media)\b"
    r"|^press\s+(?:releases?|kit)$"
    r"|\bhello,?\s+world\b"
    r"|\bwelcome\s+to\b"
    r"|\bnew\s+partner\b"
    r"|\b(?:affiliate|partnership|bug\s+bounty)\s+program\b"
    r"|^(?:announcement|rules|contact(?:\s+us)?|faq|about\s+us|how\s+to\s+(?:buy|pay|contact))\W*$"
    r"|^we\s+are\s+(?:hiring|recruiting|looking\s+for)\b"
    # notices posted by law enforcement on a seized site, and other sentences
    r"|\b(?:this\s+(?:site|website|domain)\s+(?:is|has\s+been)\s+(?:now\s+)?(?:seized|under))"
    r"|\bseized\s+by\b|\btake-?down\b"
    r"|\b(?:indictments?|sanctions|arrests?\s+in|extradit\w+|decryption\s+keys?|recovery\s+tool)\b"
    r"|\b(?:infrastructure|servers?|site)\s+(?:is\s+)?down\b|\bhackers\s+exposed\b"
    r"|^who\s+is\b|^report\s+(?:cyber\s*)?(?:attacks?|crimes?)\b"
    r"|^(?:who|what|how|why|where)\b[^?]*\?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class CleanedName:
    """A victim name out of a leak-post title, with what the cleaning found."""

    name: str
    raw: str
    website: str | None = None
    figures: tuple[str, ...] = ()
    truncated: bool = False
    non_victim: bool = False
    country_hint: str | None = None
    disclosed: str | None = None
    repairs: tuple[str, ...] = ()  # rules that changed the title, in order


def unescape_entities(text: str) -> str:
    """Undo HTML escaping, repeatedly, until the text stops changing."""
    for _ in range(_MAX_UNESCAPE_ROUNDS):
        out = html.unescape(text)
        if out == text:
            break
        text = out
    return text


def _to_bytes(text: str) -> bytes | None:
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 256:
            out.append(code)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def repair_mojibake(text: str) -> str:
    """Reverse UTF-8 mis-read as Latin-1/cp1252, only when that is clearly what happened."""
    if not _MOJIBAKE.search(text):
        return text
    raw = _to_bytes(text)
    if raw is None:
        return text
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text
    if _MOJIBAKE.search(fixed) or _C1_CONTROLS.search(fixed) or len(fixed) >= len(text):
        return text
    return fixed


def is_announcement(title: str) -> bool:
    """True when a leak-post title is a site announcement rather than a victim."""
    return bool(_ANNOUNCEMENT.search(title.strip()))


def _split_decorated(text: str) -> tuple[str, list[str], str | None, str | None] | None:
    parts = [p.strip() for p in text.split("\\")]
    if len(parts) < 2 or not parts[0]:
        return None
    figures: list[str] = []
    country: str | None = None
    disclosed: str | None = None
    found_figure = False
    for part in parts[1:]:
        compact = re.sub(r"\s+", "", part)
        size = _SIZE.match(compact)
        percent = _PERCENT.match(part)
        if _MONEY.match(part):
            figures.append(compact.upper() if compact[-1:].isalpha() else compact)
            found_figure = True
        elif size:
            figures.append(f"{size.group(1)}{size.group(2).upper()}")
            found_figure = True
        elif percent:
            disclosed = re.sub(r"\s+", "", percent.group(1))
        elif (
            part
            and country is None
            and re.fullmatch(r"[^\W\d_][^\W\d_ .'-]*(?:[ .'-][^\W\d_]+)*", part)
        ):
            country = part
    if not found_figure:
        return None
    return parts[0], figures, country, disclosed


def _as_domain(text: str, truncated: bool) -> tuple[str, bool] | None:
    """(host, host_complete) when the whole text is a URL or a bare domain name.

    ``host_complete`` is False when the title was truncated and no path follows the host: the
    cut may have fallen inside the host. Such a host keeps its ``www.`` (``www.gro`` says
    more than ``gro``)."""
    if " " in text:
        return None
    match = _URL.match(text)
    if not match:
        return None
    host = match.group("host").lower().rstrip(".")
    scheme = bool(match.group("scheme"))
    host_complete = bool(match.group("rest")) or not truncated
    tld = host.rsplit(".", 1)[-1]
    if not scheme and not host.startswith("www."):
        looks_tld = tld.isalpha() and (len(tld) == 2 or tld in _GENERIC_TLDS)
        if not looks_tld:
            return None
    if host.startswith("www.") and host_complete:
        host = host[4:]
    return (host, host_complete) if host else None


def clean_victim_name(raw: str) -> CleanedName:
    """Clean one leak-post title into a victim name (see the module docstring for the rules)."""
    repairs: list[str] = []
    text = unescape_entities(raw)
    if text != raw:
        repairs.append("html_entities")
    fixed = repair_mojibake(text)
    if fixed != text:
        repairs.append("mojibake")
        text = fixed
    text = " ".join(text.split())
    non_victim = is_announcement(text)

    figures: tuple[str, ...] = ()
    country: str | None = None
    disclosed: str | None = None
    decorated = _split_decorated(text)
    if decorated is not None:
        text, figure_list, country, disclosed = decorated
        figures = tuple(figure_list)
        repairs.append("decorated")

    truncated = bool(_TRUNCATED.search(text))
    if truncated:
        text = _TRUNCATED.sub("", text).rstrip(". ")
        repairs.append("truncated")

    stripped = _BOILERPLATE.sub("", text)
    if stripped and stripped != text:
        text = stripped
        repairs.append("boilerplate")
    unparenthesised = _TRAILING_PARENS.sub("", text)
    if unparenthesised and unparenthesised != text:
        text = unparenthesised
        repairs.append("parentheses")
    text = _TRAILING_PUNCT.sub("", text) or text

    website: str | None = None
    domain = _as_domain(text, truncated)
    if domain is not None:
        host, host_complete = domain
        if host != text:
            repairs.append("url")
        text = host
        website = host if host_complete else None

    name = text.strip() or " ".join(unescape_entities(raw).split())
    return CleanedName(
        name=name,
        raw=raw,
        website=website,
        figures=figures,
        truncated=truncated,
        non_victim=non_victim,
        country_hint=country,
        disclosed=disclosed,
        repairs=tuple(repairs),
    )
