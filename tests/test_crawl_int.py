"""Crawling end to end: real HTTP server on 127.0.0.1, real Neo4j, the real parsers.

Covers: the bundled samples crawled twice (the second pass creates nothing), the same item in two
feeds (one report), the 304 flow (no document, no work), broken sources recorded while the others
go on, and Neo4j stopped in the middle of a crawl then restarted (the re-run gives exact counts).
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph.crawl import crawl_sources
from graph.documents import count_reports, list_sources
from graph.schema import apply_schema
from graph.server.manager import LocalServer
from tests.conftest import REPO, SuiteServer, free_port
from tests.httpfixture import Exchange, LocalHttpServer
from tikg.settings import Settings, load_settings

FAST_FEEDS: dict[str, Any] = {
    "per_host_delay": 0,
    "retries": 0,
    "connect_timeout": 2,
    "read_timeout": 2,
    "total_timeout": 5,
}


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS 2.0 feed of (title, link, description) items, written for these tests."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate><description>{d}</description></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://news.example.org/</link><description>d</description>{body}</channel></rss>"
    ).encode()


STORY_A = ("Ransomware hits Tailspin Toys", "https://news.example.org/a", "Tailspin Toys was hit.")
STORY_B = ("Breach at Wingtip Air", "https://news.example.org/b", "Wingtip Air disclosed a breach.")
STORY_C = ("Litware outage", "https://news.example.org/c", "Litware services went down.")


def settings_for(server: SuiteServer, tmp: Path, sources: list[dict[str, Any]]) -> Settings:
    return server.settings(tmp / "state", feeds={**FAST_FEEDS, "sources": sources})


def test_bundled_samples_crawl_twice(
    neo4j_server: SuiteServer, neo4j_driver: Driver, tmp_path: Path
) -> None:
    base = load_settings(REPO / "config.yaml")
    samples = [s.model_dump() for s in base.feeds.sources if s.enabled]
    for s in samples:
        s["url"] = str(REPO / s["url"])
    settings = settings_for(neo4j_server, tmp_path, samples)
    apply_schema(neo4j_driver)

    first = crawl_sources(settings, neo4j_driver)
    assert [s.error for s in first] == [None] * len(samples)
    assert all(s.items > 0 for s in first)
    by_id = {s.source_id: s for s in first}
    assert by_id["sample-leak-posts"].duplicates >= 1  # the same post listed twice
    assert by_id["sample-forum"].item_errors == 1  # the broken line is skipped, not fatal
    created = sum(s.new for s in first)
    assert count_reports(neo4j_driver, "neo4j") == created

    second = crawl_sources(settings, neo4j_driver)
    assert all(s.not_modified for s in second)
    assert sum(s.new for s in second) == 0
    assert count_reports(neo4j_driver, "neo4j") == created


def test_same_item_in_two_feeds_is_one_report(
    neo4j_server: SuiteServer, neo4j_driver: Driver, http_server: LocalHttpServer, tmp_path: Path
) -> None:
    http_server.serve("/one.xml", rss(STORY_A, STORY_B))
    http_server.serve("/two.xml", rss(STORY_B, STORY_C))
    settings = settings_for(
        neo4j_server,
        tmp_path,
        [
            {"id": "one", "kind": "rss", "url": http_server.url("/one.xml")},
            {"id": "two", "kind": "rss", "url": http_server.url("/two.xml")},
        ],
    )
    stats = crawl_sources(settings, neo4j_driver)
    assert [(s.new, s.duplicates) for s in stats] == [(2, 0), (1, 1)]
    assert count_reports(neo4j_driver, "neo4j") == 3
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (s:Source)-[:PUBLISHED]->(r:Report {url: $url}) RETURN s.key AS s ORDER BY s",
        url=STORY_B[1],
    )
    assert [r["s"] for r in records] == ["one", "two"]


def test_not_modified_creates_no_document(
    neo4j_server: SuiteServer, neo4j_driver: Driver, http_server: LocalHttpServer, tmp_path: Path
) -> None:
    http_server.serve("/feed.xml", rss(STORY_A), etag='"v1"')
    settings = settings_for(
        neo4j_server,
        tmp_path,
        [{"id": "etagged", "kind": "rss", "url": http_server.url("/feed.xml")}],
    )
    first = crawl_sources(settings, neo4j_driver)[0]
    second = crawl_sources(settings, neo4j_driver)[0]
    assert (first.new, first.not_modified) == (1, False)
    assert (second.new, second.items, second.not_modified) == (0, 0, True)
    seen = http_server.requests("/feed.xml")
    assert len(seen) == 2
    assert seen[1].header("If-None-Match") == '"v1"'
    assert count_reports(neo4j_driver, "neo4j") == 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""


def test_bad_sources_are_recorded_and_the_rest_goes_on(
    neo4j_server: SuiteServer, neo4j_driver: Driver, http_server: LocalHttpServer, tmp_path: Path
) -> None:
    http_server.serve("/good.xml", rss(STORY_A))
    http_server.serve("/hostile.xml", BILLION_LAUGHS)
    http_server.fail_then_serve("/broken.xml", b"", failures=None, status=500)
    dead = f"http://127.0.0.1:{free_port()}/feed.xml"
    settings = settings_for(
        neo4j_server,
        tmp_path,
        [
            {"id": "hostile", "kind": "rss", "url": http_server.url("/hostile.xml")},
            {"id": "dead", "kind": "rss", "url": dead},
            {"id": "broken", "kind": "rss", "url": http_server.url("/broken.xml")},
            {"id": "good", "kind": "rss", "url": http_server.url("/good.xml")},
            {"id": "missing-file", "kind": "rss", "url": str(tmp_path / "nope.xml")},
        ],
    )
    stats = {s.source_id: s for s in crawl_sources(settings, neo4j_driver)}
    assert stats["good"].error is None and stats["good"].new == 1
    assert "hostile" in (stats["hostile"].error or "")
    assert stats["dead"].error and stats["broken"].error and stats["missing-file"].error
    rows = {r.id: r for r in list_sources(neo4j_driver, "neo4j")}
    for sid in ("hostile", "dead", "broken", "missing-file"):
        assert rows[sid].last_error, sid
        assert rows[sid].consecutive_failures == 1
        assert rows[sid].last_success_at is None
    assert rows["good"].last_error is None and rows["good"].documents == 1
    assert count_reports(neo4j_driver, "neo4j") == 1


def test_neo4j_stopped_mid_crawl_then_rerun_gives_exact_counts(tmp_path: Path) -> None:
    with LocalHttpServer(lifetime=300) as http_server:
        _stop_mid_crawl(http_server, tmp_path)


def _stop_mid_crawl(http_server: LocalHttpServer, tmp_path: Path) -> None:
    password = secrets.token_urlsafe(16)
    server = LocalServer(
        tmp_path / "neo4j",
        port=free_port(),
        password=password,
        heap="512m",
        pagecache="128m",
        start_timeout=240,
    )
    server.start()
    try:

        def stop_then_serve(ex: Exchange) -> None:
            if ex.number == 1:
                server.stop(timeout=30)  # Neo4j goes away while this source is being crawled
            ex.respond(200, rss(STORY_B), {"Content-Type": "application/rss+xml"})

        http_server.serve("/a.xml", rss(STORY_A), etag='"a1"')
        http_server.route("/b.xml", stop_then_serve)
        http_server.serve("/c.xml", rss(STORY_C, STORY_A))
        sources = [
            {"id": "a", "kind": "rss", "url": http_server.url("/a.xml")},
            {"id": "b", "kind": "rss", "url": http_server.url("/b.xml")},
            {"id": "c", "kind": "rss", "url": http_server.url("/c.xml")},
        ]
        settings = load_settings(
            None,
            state_dir=tmp_path / "state",
            neo4j={"uri": server.uri, "password": password},
            # b's answer waits for Neo4j to stop: give the fetch time for that.
            feeds={**FAST_FEEDS, "read_timeout": 60, "total_timeout": 90, "sources": sources},
        )

        def run() -> list[Any]:
            with GraphDatabase.driver(
                server.uri,
                auth=("neo4j", password),
                max_transaction_retry_time=2.0,
                connection_timeout=2.0,
                notifications_min_severity="OFF",
            ) as driver:
                apply_schema(driver)
                return crawl_sources(settings, driver)

        interrupted = run()
        assert interrupted[0].error is None and interrupted[0].new == 1
        for stats in interrupted[1:]:  # fetched fine, but the database was gone
            assert (stats.error or "").startswith("database unavailable"), stats.error

        server.start()
        rerun = run()
        assert [s.error for s in rerun] == [None, None, None]
        assert rerun[0].not_modified  # a's state had advanced before the stop

        with GraphDatabase.driver(server.uri, auth=("neo4j", password)) as driver:
            records, _, _ = driver.execute_query(
                "MATCH (r:Report) WITH count(r) AS reports "
                "MATCH (:Source)-[p:PUBLISHED]->(:Report) WITH reports, count(p) AS edges "
                "MATCH (s:Source) RETURN reports, edges, count(s) AS sources"
            )
            counts = dict(records[0])
            assert counts == {"reports": 3, "edges": 4, "sources": 3}
            third = run()
            assert sum(s.new for s in third) == 0
            again, _, _ = driver.execute_query("MATCH (r:Report) RETURN count(r) AS n")
            assert again[0]["n"] == 3
    finally:
        server.stop(timeout=30)
        shutil.rmtree(tmp_path / "neo4j", ignore_errors=True)


@pytest.fixture(autouse=True)
def _quiet_http_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("ERROR", logger="tikg.crawl")


ARTICLE = (
    "<html><head><title>Wingtip Air breach</title></head><body><nav>Home | News</nav>"
    "<article><h1>Wingtip Air discloses a breach</h1>"
    + "".join(
        f"<p>Paragraph {i}: the regional airline Wingtip Air said intruders reached a booking "
        "server and copied passenger names and loyalty numbers before the access was cut.</p>"
        for i in range(8)
    )
    + "</article><footer>Contact</footer></body></html>"
).encode()


def test_full_text_fetched_once_and_robots_respected(
    neo4j_server: SuiteServer, neo4j_driver: Driver, http_server: LocalHttpServer, tmp_path: Path
) -> None:
    open_page = http_server.url("/articles/1.html")
    private_page = http_server.url("/private/2.html")
    http_server.serve(
        "/feed.xml",
        rss(
            ("Breach at Wingtip Air", open_page, "Short summary."),
            ("Private story", private_page, "Another summary."),
        ),
    )
    http_server.serve("/articles/1.html", ARTICLE, content_type="text/html; charset=utf-8")
    http_server.serve("/private/2.html", ARTICLE, content_type="text/html; charset=utf-8")
    http_server.robots("User-agent: *\nDisallow: /private/\n")
    settings = settings_for(
        neo4j_server,
        tmp_path,
        [{"id": "ft", "kind": "rss", "url": http_server.url("/feed.xml"), "full_text": True}],
    )
    first = crawl_sources(settings, neo4j_driver)[0]
    assert first.error is None and first.new == 2
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (r:Report) RETURN r.url AS url, r.text AS text, r.full_text AS full ORDER BY url"
    )
    by_url = {r["url"]: r for r in records}
    assert "loyalty numbers" in (by_url[open_page]["full"] or "")
    assert by_url[open_page]["text"] == "Short summary."  # the feed's text is kept as it was
    assert by_url[private_page]["full"] is None
    assert http_server.count("/private/2.html") == 0

    second = crawl_sources(settings, neo4j_driver)[0]
    assert (second.new, second.updated) == (0, 0)
    assert http_server.count("/articles/1.html") == 1
