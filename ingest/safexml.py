"""Parse-stage guard: refuse hostile XML before feedparser sees the bytes.

Contract: ``check_xml(data)`` returns ``None`` for anything that is not an XML attack, including
feeds that are not well-formed (feedparser has a lenient mode for those, so a syntax error is the
parser's business, not a security finding). It raises :class:`HostileXmlError`, with a one-line
reason, for entity declarations (billion laughs, quadratic blow-up), external entities
(``SYSTEM`` / ``PUBLIC`` identifiers pointing at a local file or URL) and external references.

Why: feedparser hands well-formed documents to the standard SAX/expat stack, whose entity
handling is not ours to audit. defusedxml's expat parser runs first with a no-op target (no tree
is built and no Python callback runs per tag, so a 5 MB feed costs one expat pass) and refuses
entity declarations and external references before anything is expanded or fetched. Nothing is
ever resolved, so the content of an external entity never enters memory. A document that is not
well-formed stops expat early; its prolog (the part before the root element, where a DTD lives)
is then scanned for entity declarations, so a syntax error placed before the DTD cannot smuggle
one past the check.
"""

from __future__ import annotations

import codecs
import re
from xml.etree.ElementTree import ParseError

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser


class HostileXmlError(ValueError):
    """The document tries an XML attack. ``str(err)`` is one line."""

    def __init__(self, reason: str) -> None:
        self.reason = " ".join(reason.split())
        super().__init__(self.reason)


class _NoTarget:
    """Parser target with no callbacks: expat checks the document, no tree is built."""

    def close(self) -> None:
        return None


def check_xml(data: bytes) -> None:
    """Raise :class:`HostileXmlError` if ``data`` is hostile XML; otherwise return ``None``."""
    parser = DefusedXMLParser(
        target=_NoTarget(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    # ElementTree routes every event without a handler (tags, text) to a Python "default"
    # handler; dropping it leaves expat running in C, about ten times faster. The defusedxml
    # handlers (entity, unparsed-entity and external-reference declarations) stay in place.
    parser.parser.DefaultHandlerExpand = None
    try:
        parser.feed(data)
        parser.close()
    except EntitiesForbidden as exc:
        raise HostileXmlError(_entity_reason(exc)) from None
    except ExternalReferenceForbidden as exc:
        raise HostileXmlError(
            f"external reference{_ids(exc.sysid, exc.pubid)} refused: it could read a local "
            "file or a URL"
        ) from None
    except DTDForbidden:  # not raised with forbid_dtd=False; kept for a future stricter mode
        raise HostileXmlError("document type declaration refused") from None
    except DefusedXmlException as exc:
        raise HostileXmlError(f"unsafe XML construct refused ({type(exc).__name__})") from None
    except (ParseError, ValueError, LookupError):
        # Not well-formed, or an encoding expat cannot read: not an attack by itself. Look at
        # the prolog, where a DTD would sit, with a byte-level scan.
        _scan_prolog(data)


def _entity_reason(exc: EntitiesForbidden) -> str:
    name = _short(exc.name)
    if exc.sysid or exc.pubid:
        return (
            f"external entity {name} declared{_ids(exc.sysid, exc.pubid)}: refused, it could "
            "read a local file or a URL"
        )
    return (
        f"entity declaration {name} in the DTD: refused, entity expansion can blow up memory "
        "(billion laughs, quadratic blow-up)"
    )


def _ids(sysid: str | None, pubid: str | None) -> str:
    parts = []
    if sysid:
        parts.append(f"SYSTEM {_short(sysid)}")
    if pubid:
        parts.append(f"PUBLIC {_short(pubid)}")
    return f" ({', '.join(parts)})" if parts else ""


def _short(value: str | None, limit: int = 60) -> str:
    text = value or ""
    return repr(text if len(text) <= limit else text[:limit] + "…")


# Root element start: "<" then a name start character (DTD markup starts with "<!" or "<?").
_ROOT_START = re.compile(r"<[A-Za-z_:\u00c0-\uffff]")
_ENTITY_DECL = re.compile(r"<!ENTITY\b", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PROLOG_SCAN_LIMIT = 2_000_000  # characters; a prolog longer than this is refused outright


def _scan_prolog(data: bytes) -> None:
    text = _COMMENT.sub("", _decode_loosely(data))  # a comment may hide "<tag>" before a DTD
    root = _ROOT_START.search(text)
    end = root.start() if root else len(text)
    if end > _PROLOG_SCAN_LIMIT:
        raise HostileXmlError(f"prolog of {end:,} characters before the root element refused")
    if _ENTITY_DECL.search(text, 0, end):
        raise HostileXmlError(
            "entity declaration in the DTD of a document that is not well-formed: refused"
        )


def _decode_loosely(data: bytes) -> str:
    """Text good enough to find ASCII markup, whatever the declared encoding."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    if data[:2] == b"<\x00":
        return data.decode("utf-16-le", errors="replace")
    if data[:2] == b"\x00<":
        return data.decode("utf-16-be", errors="replace")
    # ASCII-compatible encodings (UTF-8, Latin-1, Windows-125x, Shift_JIS, ...) keep ASCII bytes.
    return data.decode("latin-1")
