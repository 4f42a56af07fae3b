"""A local article file: plain text, HTML or Markdown → one ``RawDocument``.

Stage: sources. Contract: ``parse_local_file(data, ctx)`` returns exactly one document (or
raises ``ValueError`` for an empty file). The format comes from ``ctx.filename``'s suffix
(``.html``/``.htm``, ``.md``/``.markdown``, anything else is text) and, without a name, from
the content (an HTML tag near the start → HTML; Markdown headings or links → Markdown).

* HTML: the main text is extracted with trafilatura (boilerplate, menus and footers removed);
  when it finds nothing (tiny pages), a plain tag-stripper takes the whole body. The title is
  the page ``<title>``, else the first ``<h1>``, else the first line of text.
* Markdown: markup is removed (headings, emphasis, links → their text, images → alt text,
  code fences → their content); the title is the first heading, else the first line.
* Text: the first non-empty line is the title; the text is the whole file.

``published_at`` is ``ctx.published`` (the CLI's ``--published``) or None: a file's mtime
says nothing about when the article was published. The guid is a hash of title and text, so
the same article read twice has one identity; ``metadata`` holds the file name and format.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ingest.records import ParseResult
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    decode_bytes,
    html_to_text,
    normalise_space,
    stable_hash,
)

KIND = "local"
TITLE_CHARS = 200
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MD_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div|h[1-6])\b", re.I)
_MD_SNIFF = re.compile(r"^\s{0,3}#{1,6}\s+\S|\[[^\]]+\]\([^)]+\)", re.M)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1_TAG = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```[^\n]*$", re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), ""),
)


def detect_format(text: str, filename: str | None) -> str:
    """``html``, ``markdown`` or ``text``."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MD_SUFFIXES:
        return "markdown"
    if suffix:
        return "text"
    if _HTML_SNIFF.search(text[:2000]):
        return "html"
    if _MD_SNIFF.search(text[:5000]):
        return "markdown"
    return "text"


def markdown_to_text(text: str) -> str:
    """Markdown without its markup (a light, dependency-free reduction)."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return normalise_space(text)


def _first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:TITLE_CHARS]


def _html_parts(page: str) -> tuple[str, str]:
    match = _TITLE_TAG.search(page) or _H1_TAG.search(page)
    title = html_to_text(match.group(1)) if match else ""
    import trafilatura  # heavy (lxml, many submodules): loaded only for local HTML

    main = trafilatura.extract(page, include_comments=False, include_tables=True) or ""
    text = normalise_space(main) if main.strip() else html_to_text(page)
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return title or _first_line(text), text


def parse_local_file(data: bytes, ctx: ParseContext) -> ParseResult:
    """Parse one local article (bytes) into one document."""
    out = ResultBuilder(KIND)
    content = decode_bytes(data)
    if not content.strip():
        raise ValueError(f"{ctx.filename or 'local file'}: empty file")
    fmt = detect_format(content, ctx.filename)
    if fmt == "html":
        title, text = _html_parts(content)
    elif fmt == "markdown":
        heading = _MD_HEADING.search(content)
        body = content[: heading.start()] + content[heading.end() :] if heading else content
        text = markdown_to_text(body)
        title = markdown_to_text(heading.group(1)) if heading else _first_line(text)
    else:
        text = normalise_space(content)
        title = _first_line(text)
    meta = {"format": fmt}
    if ctx.filename:
        meta["filename"] = PurePath(ctx.filename).name
    out.add(
        build_news_document(
            ctx,
            KIND,
            guid=stable_hash("local", title, text),
            url=None,
            title=title,
            text=text,
            published=ctx.published,
            metadata=meta,
        )
    )
    return out.result()
