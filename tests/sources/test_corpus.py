"""Real third-party data: every news and leak file of ``../shared/corpus`` parses to the counts
its README gives. The corpus is read in place (never copied into the repository); when the
shared folder is missing these tests fail, they are not skipped."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from ingest.records import ParseResult, RawDocument
from ingest.sources import detect_kind, parse_payload, read_group_names

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
SENTRY = "news/en/sentrydigest"
CASUALTEK_RSS = "news/fr/casualtek-cyberwatch/cyberattaques.xml"
CASUALTEK_JSON = "news/fr/casualtek-cyberwatch/cyberattacks_subset.json"
PORTFOLIO = "news/mixed/leoletanneur12-portfolio/articles_cyber.json"
POSTS_JSON = "leak/ransomwatch/posts.json"
LEAK_RSS = "leak/ransomwatch-rss/feed.xml"
POSTS_CSV = "leak/ransomware.live/posts.csv"
GROUPS = "leak/ransomware.live/groups.json"


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        pytest.fail(
            f"shared corpus file missing: {path} (the tests read ../shared/corpus beside the "
            "repository; it must be present)",
            pytrace=False,
        )
    return path


@cache
def parsed(relative: str) -> ParseResult:
    path = corpus_file(relative)
    return parse_payload(path.read_bytes(), source_id="corpus", filename=path.name)


def sentry_files() -> list[str]:
    folder = CORPUS / SENTRY
    return sorted(f"{SENTRY}/{p.name}" for p in folder.glob("feed_*.xml"))


@pytest.fixture(autouse=True)
def _require_corpus() -> None:
    """Every test here fails (never skips) with the path when the shared corpus is absent."""
    if not CORPUS.is_dir():
        pytest.fail(
            f"shared corpus folder missing: {CORPUS} (expected ../shared/corpus beside the "
            "repository)",
            pytrace=False,
        )


def test_shared_corpus_is_present() -> None:
    assert (CORPUS / "README.md").is_file()


def test_every_news_and_leak_file_is_accounted_for() -> None:
    files = {
        str(p.relative_to(CORPUS))
        for folder in ("news", "leak")
        for p in (CORPUS / folder).rglob("*")
        if p.is_file()
    }
    known = {CASUALTEK_RSS, CASUALTEK_JSON, PORTFOLIO, POSTS_JSON, LEAK_RSS, POSTS_CSV, GROUPS}
    assert files == known | set(sentry_files())


def test_ransomwatch_posts_json() -> None:
    result = parsed(POSTS_JSON)
    assert result.kind == "ransomwatch"
    assert result.errors == ()
    assert len(result.documents) == 11_039
    assert len({d.leak.actor for d in result.documents if d.leak}) == 126
    assert len({d.guid for d in result.documents}) == 11_039
    discovered = [d.leak.discovered_at for d in result.documents if d.leak and d.leak.discovered_at]
    assert min(discovered).date().isoformat() == "2020-01-12"
    assert max(discovered).date().isoformat() == "2024-04-23"


def test_ransomwatch_noise_is_handled() -> None:
    docs = parsed(POSTS_JSON).documents
    repairs = Counter(r for d in docs for r in d.metadata.get("name_repairs", []))
    for rule in ("html_entities", "mojibake", "decorated", "truncated", "url"):
        assert repairs[rule] > 0, rule
    assert any(d.metadata.get("non_victim") for d in docs)
    assert any(d.leak and d.leak.figures for d in docs)
    assert all(d.title for d in docs)
    assert not any("&amp;" in d.title or "Ã" in d.title for d in docs)


def test_leak_rss() -> None:
    path = corpus_file(LEAK_RSS)
    assert detect_kind(path.read_bytes(), path.name) == "leak_rss"
    result = parsed(LEAK_RSS)
    assert result.errors == ()
    assert len(result.documents) == 5_000
    assert len({d.leak.actor for d in result.documents if d.leak}) == 71
    dates = [d.published_at for d in result.documents if d.published_at]
    assert len(dates) == 5_000
    assert min(dates).date().isoformat() == "2024-04-03"
    assert max(dates).date().isoformat() == "2025-04-16"
    assert not any("&amp;" in d.title for d in result.documents)


def test_leak_rss_and_posts_json_share_guids_for_the_same_posts() -> None:
    by_guid = {d.guid: d for d in parsed(POSTS_JSON).documents}
    shared = [d for d in parsed(LEAK_RSS).documents if d.guid in by_guid]
    assert len(shared) > 200  # the README: about 270 overlapping items
    for doc in shared:
        other = by_guid[doc.guid]
        assert doc.leak and other.leak
        assert (doc.leak.victim, doc.leak.actor) == (other.leak.victim, other.leak.actor)
        assert doc.content_hash == other.content_hash


def test_ransomware_live_csv() -> None:
    result = parsed(POSTS_CSV)
    assert result.kind == "ransomware_live_csv"
    assert result.errors == ()
    docs = result.documents
    assert len(docs) == 1_159
    leaks = [d.leak for d in docs if d.leak]
    assert len({leak.actor for leak in leaks}) == 29
    assert sum(1 for d in docs if d.text) == 1_075
    assert sum(1 for leak in leaks if leak.country) == 338
    source_sites = [d for d in docs if d.leak and d.leak.website]
    assert sum(1 for d in source_sites if not d.metadata.get("website_from_title")) == 373
    discovered = [leak.discovered_at for leak in leaks if leak.discovered_at]
    published = [leak.published_at for leak in leaks if leak.published_at]
    assert min(discovered).date().isoformat() == "2024-03-06"
    assert max(discovered).date().isoformat() == "2024-03-19"
    assert min(published).date().isoformat() == "2020-01-12"


def test_sentrydigest_snapshots() -> None:
    files = sentry_files()
    assert len(files) == 27
    docs: list[RawDocument] = []
    for name in files:
        result = parsed(name)
        assert result.kind == "rss"
        assert result.errors == (), name
        assert len(result.documents) == 30, name
        docs.extend(result.documents)
    assert len(docs) == 810
    assert len({d.guid for d in docs}) == 810
    assert {d.lang for d in docs} == {"en"}
    assert all(d.url and d.url.startswith("https://") for d in docs)
    assert all(d.published_at and d.published_at.tzinfo == UTC for d in docs)
    assert min(d.published_at for d in docs if d.published_at) >= datetime(2025, 5, 1, tzinfo=UTC)
    by_source = Counter(d.metadata["categories"][0] for d in docs)
    assert sorted(by_source.values()) == [8, 95, 170, 235, 302]


def test_casualtek_rss() -> None:
    result = parsed(CASUALTEK_RSS)
    assert result.errors == ()
    docs = result.documents
    assert len(docs) == 20
    assert {d.lang for d in docs} == {"fr"}
    assert len({d.guid for d in docs}) == 20  # two items share a link, not an identity
    assert len({d.url for d in docs}) == 19


def test_casualtek_json_subset() -> None:
    result = parsed(CASUALTEK_JSON)
    assert result.kind == "json_news"
    assert result.errors == ()
    assert len(result.documents) == 36
    assert {d.lang for d in result.documents} == {"fr"}  # the summaries are French
    assert all(d.metadata.get("victim") for d in result.documents)


def test_portfolio_json() -> None:
    result = parsed(PORTFOLIO)
    assert result.kind == "json_news"
    assert result.errors == ()
    docs = result.documents
    assert len(docs) == 74
    assert sum(1 for d in docs if d.lang == "fr") == 24  # ZATAZ 9 + CERT-FR 15
    assert not any("&#8217;" in d.text for d in docs)


def test_group_catalogue() -> None:
    names = read_group_names(corpus_file(GROUPS).read_bytes())
    assert len(names) == 179
    assert all(n == n.strip() and n for n in names)
