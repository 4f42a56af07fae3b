"""Optional full text: the main text of an article page, for feeds that carry only a summary.

The page is fetched with :meth:`ingest.fetch.Fetcher.fetch_article` (robots.txt respected, same
timeouts and size cap as feeds) and reduced to its main text by trafilatura. Any failure leaves
the document as the feed gave it: full text is a bonus, never a reason to lose an item.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

import trafilatura

from ingest.fetch import Fetcher, FetchError
from ingest.records import RawDocument

log = logging.getLogger("tikg.fulltext")
MIN_GAIN = 1.2  # keep the page text only when it says clearly more than the summary


def extract_main_text(html: bytes, url: str | None = None) -> str | None:
    text = trafilatura.extract(
        html.decode("utf-8", errors="replace"),
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    return text.strip() if text else None


def add_full_text(fetcher: Fetcher, docs: Sequence[RawDocument]) -> list[RawDocument]:
    """Fetch the page of each document that has a URL; return the documents, enriched."""
    out: list[RawDocument] = []
    for doc in docs:
        if not doc.url:
            out.append(doc)
            continue
        try:
            page = fetcher.fetch_article(doc.url)
        except FetchError as exc:
            log.info("full text skipped for %s: %s", doc.url, exc.reason)
            out.append(doc)
            continue
        text = extract_main_text(page.content, page.final_url)
        if text and len(text) >= MIN_GAIN * len(doc.text):
            out.append(replace(doc, full_text=text))
        else:
            out.append(doc)
    return out
