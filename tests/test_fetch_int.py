"""ingest.fetch against a real HTTP server on 127.0.0.1 (tests/httpfixture.py).

Timeouts are small so the file runs in seconds; every timing assertion has a lower bound (the
behaviour really waited) and a generous upper bound (it did not hang).
"""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from ingest.fetch import Fetcher, FetchError
from tests.httpfixture import Exchange, LocalHttpServer
from tikg.settings import FeedsSettings

pytest_plugins = ["tests.httpfixture"]  # the http_server fixture
pytestmark = pytest.mark.timeout(30)

RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    + (b"<item><title>Victim claimed</title><link>https://news.example/a</link></item>" * 20)
    + b"</channel></rss>"
)
AGENT = "tikg-test/9.9 (integration tests; +https://example.invalid/tikg)"


def make_settings(**overrides: Any) -> FeedsSettings:
    values: dict[str, Any] = {
        "user_agent": AGENT,
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
        "total_timeout": 3.0,
        "max_bytes": 1_000_000,
        "retries": 2,
        "per_host_delay": 0.0,
    }
    values.update(overrides)
    return FeedsSettings(**values)


class RecordingSleep:
    """Records every wait the fetcher asks for, and really waits only when told to."""

    def __init__(self, real: bool = False) -> None:
        self.waits: list[float] = []
        self.real = real

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.real:
            time.sleep(seconds)


def make_fetcher(sleep: Any = time.sleep, **overrides: Any) -> Fetcher:
    return Fetcher(make_settings(**overrides), backoff_base=0.01, max_retry_wait=5.0, sleep=sleep)


# ---------------------------------------------------------------------- conditional GET


def test_etag_gives_not_modified_and_no_body(http_server: LocalHttpServer) -> None:
    http_server.serve("/feed.xml", RSS, etag='"v1"')
    url = http_server.url("/feed.xml")
    with make_fetcher() as fetcher:
        first = fetcher.fetch_feed(url)
        second = fetcher.fetch_feed(url, etag=first.etag)
        stale = fetcher.fetch_feed(url, etag='"v0"')
    assert (first.status, first.content, first.not_modified, first.etag) == (
        200,
        RSS,
        False,
        '"v1"',
    )
    assert second.not_modified and second.status == 304 and second.content == b""
    assert second.etag == '"v1"'
    assert stale.content == RSS and not stale.not_modified
    sent = [r.header("if-none-match") for r in http_server.requests("/feed.xml")]
    assert sent == [None, '"v1"', '"v0"']


def test_last_modified_gives_not_modified(http_server: LocalHttpServer) -> None:
    stamp = "Tue, 03 Jun 2025 10:00:00 GMT"
    http_server.serve("/feed.xml", RSS, last_modified=stamp)
    url = http_server.url("/feed.xml")
    with make_fetcher() as fetcher:
        first = fetcher.fetch_feed(url)
        second = fetcher.fetch_feed(url, last_modified=first.last_modified)
        older = fetcher.fetch_feed(url, last_modified="Mon, 02 Jun 2025 10:00:00 GMT")
    assert first.last_modified == stamp and first.etag is None and first.content == RSS
    assert second.not_modified and second.content == b"" and second.last_modified == stamp
    assert not older.not_modified and older.content == RSS
    assert http_server.requests("/feed.xml")[1].header("if-modified-since") == stamp


# ---------------------------------------------------------------------- timeouts and deadline


def test_silent_server_fails_at_the_read_timeout(http_server: LocalHttpServer) -> None:
    http_server.hang("/silent")
    with make_fetcher(read_timeout=0.5, total_timeout=10.0, retries=0) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.fetch_feed(http_server.url("/silent"))
        elapsed = time.monotonic() - started
    assert 0.4 <= elapsed < 3.0
    assert caught.value.kind == "timeout" and caught.value.retryable
    assert "read timed out" in str(caught.value) and "/silent" in str(caught.value)


def test_silent_server_fails_at_the_total_deadline(http_server: LocalHttpServer) -> None:
    http_server.hang("/silent")
    with make_fetcher(read_timeout=30.0, total_timeout=1.0, retries=0) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.fetch_feed(http_server.url("/silent"))
        elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 3.5
    assert "total deadline of 1 s" in str(caught.value)


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "status-line-and-body"])
def test_trickling_server_fails_by_the_total_deadline(
    http_server: LocalHttpServer, headers_too: bool
) -> None:
    # One byte a second never trips the 3 s read timeout; only the total deadline stops it.
    http_server.trickle("/slow", RSS, interval=1.0, headers_too=headers_too)
    with make_fetcher(read_timeout=3.0, total_timeout=2.0, retries=0) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.fetch_feed(http_server.url("/slow"))
        elapsed = time.monotonic() - started
    assert 1.9 <= elapsed < 4.5
    assert caught.value.kind == "timeout"
    assert "total deadline of 2 s" in str(caught.value)


def test_timeouts_are_retried(http_server: LocalHttpServer) -> None:
    http_server.hang("/silent")
    fetcher = make_fetcher(read_timeout=0.3, total_timeout=5.0, retries=1)
    with fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/silent"))
    assert caught.value.attempts == 2 and http_server.count("/silent") == 2
    assert "gave up after 2 attempts" in str(caught.value)


def test_refused_connection_is_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nothing listens there
    with make_fetcher(retries=1) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(f"http://127.0.0.1:{port}/feed.xml")
    assert caught.value.kind == "network" and caught.value.attempts == 2
    assert str(caught.value).startswith(f"http://127.0.0.1:{port}/feed.xml: ")


def test_hanging_dns_lookup_fails_by_the_total_deadline(
    http_server: LocalHttpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A resolver that never answers (fault injection: the system resolver is replaced for two
    # invented host names; one of them resolves, after a while, to the local server).
    real = socket.getaddrinfo
    release = threading.Event()

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "feeds.never-answers.test":
            release.wait(30)
        if host == "feeds.local-alias.test":
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    http_server.serve("/feed.xml", RSS)
    port = http_server.port
    try:
        with make_fetcher(connect_timeout=30.0, total_timeout=1.0, retries=0) as fetcher:
            started = time.monotonic()
            with pytest.raises(FetchError) as caught:
                fetcher.fetch_feed(f"http://feeds.never-answers.test:{port}/feed.xml")
            elapsed = time.monotonic() - started
            assert elapsed < 2.5
            assert caught.value.kind == "timeout"
            assert "DNS lookup of feeds.never-answers.test" in str(caught.value)
            # a name that resolves goes through the same path to the server
            result = fetcher.fetch_feed(f"http://feeds.local-alias.test:{port}/feed.xml")
            assert result.status == 200 and result.content == RSS
    finally:
        release.set()


# ---------------------------------------------------------------------- retries


def test_500_then_success(http_server: LocalHttpServer) -> None:
    http_server.fail_then_serve("/feed.xml", RSS, failures=1)
    with make_fetcher() as fetcher:
        result = fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert result.content == RSS and result.attempts == 2
    assert http_server.count("/feed.xml") == 2


def test_500_forever_gives_up_after_retries(http_server: LocalHttpServer) -> None:
    http_server.fail_then_serve("/feed.xml", RSS, failures=None)
    sleep = RecordingSleep()
    with make_fetcher(sleep=sleep, retries=3) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/feed.xml"))
    err = caught.value
    assert http_server.count("/feed.xml") == 4 and err.attempts == 4
    assert err.status == 500 and err.retryable and err.kind == "http_status"
    assert "HTTP 500 Internal Server Error (gave up after 4 attempts)" in str(err)
    assert "\n" not in str(err)
    # exponential back-off with jitter: base 0.01 doubled each time, scaled into [0.5, 1]
    assert len(sleep.waits) == 3
    for n, wait in enumerate(sleep.waits):
        assert 0.01 * 2**n * 0.5 <= wait <= 0.01 * 2**n


def test_client_errors_are_not_retried(http_server: LocalHttpServer) -> None:
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/missing.xml"))
    assert caught.value.status == 404 and not caught.value.retryable
    assert http_server.count("/missing.xml") == 1 and caught.value.attempts == 1


def test_429_retry_after_seconds_is_honoured(http_server: LocalHttpServer) -> None:
    http_server.rate_limit_then_serve("/feed.xml", RSS, retry_after="1")
    with make_fetcher() as fetcher:
        result = fetcher.fetch_feed(http_server.url("/feed.xml"))
    first, second = http_server.requests("/feed.xml")
    assert result.content == RSS and result.attempts == 2
    assert 0.95 <= second.at - first.at < 4.0
    assert result.elapsed >= 0.95


def test_429_retry_after_http_date_is_honoured(http_server: LocalHttpServer) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
    http_server.rate_limit_then_serve("/feed.xml", RSS, retry_after=when)
    sleep = RecordingSleep()
    with make_fetcher(sleep=sleep) as fetcher:
        result = fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert result.attempts == 2
    assert len(sleep.waits) == 1 and 1.5 <= sleep.waits[0] <= 3.0


def test_503_retry_after_is_honoured(http_server: LocalHttpServer) -> None:
    def answer(ex: Exchange) -> None:
        if ex.number == 1:
            ex.respond(503, b"maintenance", {"Retry-After": "2"})
        else:
            ex.respond(200, RSS)

    http_server.route("/feed.xml", answer)
    sleep = RecordingSleep()
    with make_fetcher(sleep=sleep) as fetcher:
        result = fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert sleep.waits == [2.0] and result.attempts == 2 and result.content == RSS


def test_retry_after_beyond_the_maximum_wait_gives_up(http_server: LocalHttpServer) -> None:
    http_server.rate_limit_then_serve("/feed.xml", RSS, retry_after="3600")
    sleep = RecordingSleep()
    with make_fetcher(sleep=sleep) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert sleep.waits == [] and http_server.count("/feed.xml") == 1
    assert caught.value.kind == "rate_limited" and caught.value.retry_after == 3600
    assert "asks to wait 3,600 s, more than the 5 s allowed" in str(caught.value)


# ---------------------------------------------------------------------- redirects


def test_redirect_loop_fails(http_server: LocalHttpServer) -> None:
    http_server.redirect("/loop", "/loop")
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/loop"))
    assert "too many redirects" in str(caught.value) and caught.value.kind == "redirect"
    assert http_server.count("/loop") == 6  # the first request and five redirects, no retry


def test_five_redirects_are_followed(http_server: LocalHttpServer) -> None:
    for n in range(1, 6):
        http_server.redirect(f"/r{n}", f"/r{n + 1}" if n < 5 else http_server.url("/feed.xml"))
    http_server.serve("/feed.xml", RSS)
    with make_fetcher() as fetcher:
        result = fetcher.fetch_feed(http_server.url("/r1"))
    assert result.content == RSS
    assert result.url == http_server.url("/r1") and result.final_url == http_server.url("/feed.xml")


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_redirect_to_another_scheme_is_refused(http_server: LocalHttpServer, target: str) -> None:
    http_server.redirect("/feed.xml", target)
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert caught.value.kind == "redirect" and not caught.value.retryable
    assert f"refused redirect to {target}: only http and https" in str(caught.value)
    assert http_server.count("/feed.xml") == 1


def test_non_http_url_is_refused_without_a_request() -> None:
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed("file:///etc/passwd")
    assert caught.value.kind == "bad_url"


# ---------------------------------------------------------------------- body size and encodings


def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(http_server: LocalHttpServer) -> None:
    inflated = 64 * 1024 * 1024
    on_wire = http_server.gzip_bomb("/bomb.xml", inflated)
    assert on_wire < 1_000_000  # so only the decompressed count can trip the cap
    url = http_server.url("/bomb.xml")
    with make_fetcher(max_bytes=1_000_000) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError) as caught:
                fetcher.fetch_feed(url)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert str(caught.value) == (f"{url}: response larger than 1,000,000 bytes after decompression")
    assert caught.value.kind == "too_large" and not caught.value.retryable
    assert peak < 8 * 1024 * 1024, f"peak {peak:,} bytes"  # the bomb inflates to 64 MiB


def test_declared_length_over_the_cap_is_refused(http_server: LocalHttpServer) -> None:
    http_server.serve("/big.xml", b"x" * 5000)
    with make_fetcher(max_bytes=4096) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/big.xml"))
    assert "larger than 4,096 bytes" in str(caught.value)


@pytest.mark.parametrize("compress", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_inflated(http_server: LocalHttpServer, compress: Any) -> None:
    body = RSS * 50  # 100+ KB: several inflate steps
    http_server.serve("/feed.xml", body, compress=compress)
    with make_fetcher() as fetcher:
        result = fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert result.content == body


def test_unknown_content_encoding_is_an_error(http_server: LocalHttpServer) -> None:
    http_server.serve("/feed.xml", RSS, headers={"Content-Encoding": "zz-unknown"})
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_feed(http_server.url("/feed.xml"))
    assert caught.value.kind == "encoding" and "zz-unknown" in str(caught.value)


def test_content_type_and_charset_are_reported(http_server: LocalHttpServer) -> None:
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>été</t></rss>'.encode("latin-1")
    http_server.serve("/f.xml", latin, content_type='application/RSS+xml; charset="ISO-8859-1"')
    with make_fetcher() as fetcher:
        result = fetcher.fetch_feed(http_server.url("/f.xml"))
    assert result.content_type == "application/rss+xml" and result.charset == "iso-8859-1"
    assert result.content == latin


# ---------------------------------------------------------------------- politeness


def test_user_agent_and_accept_headers_are_sent(http_server: LocalHttpServer) -> None:
    http_server.serve("/feed.xml", RSS)
    with make_fetcher() as fetcher:
        fetcher.fetch_feed(http_server.url("/feed.xml"))
    (seen,) = http_server.requests("/feed.xml")
    assert seen.header("user-agent") == AGENT
    assert seen.header("accept-encoding") == "gzip, deflate"
    assert "application/rss+xml" in (seen.header("accept") or "")


def test_requests_to_one_host_are_spaced(http_server: LocalHttpServer) -> None:
    http_server.serve("/a.xml", RSS)
    http_server.serve("/b.xml", RSS)
    with make_fetcher(per_host_delay=0.5) as fetcher:
        fetcher.fetch_feed(http_server.url("/a.xml"))
        fetcher.fetch_feed(http_server.url("/b.xml"))
    (a,) = http_server.requests("/a.xml")
    (b,) = http_server.requests("/b.xml")
    assert b.at - a.at >= 0.5


def test_threads_take_turns_on_one_host(http_server: LocalHttpServer) -> None:
    in_flight = 0
    most = 0
    lock = threading.Lock()

    def slow(ex: Exchange) -> None:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        ex.respond(200, RSS)

    http_server.route("/slow.xml", slow)
    errors: list[BaseException] = []
    with make_fetcher() as fetcher:

        def work() -> None:
            try:
                fetcher.fetch_feed(http_server.url("/slow.xml"))
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
    assert errors == [] and http_server.count("/slow.xml") == 4
    assert most == 1


# ---------------------------------------------------------------------- robots.txt


def test_robots_disallow_refuses_article_without_requesting_it(
    http_server: LocalHttpServer,
) -> None:
    http_server.robots("User-agent: *\nDisallow: /private/\n")
    http_server.serve("/private/page.html", b"<html>secret</html>", content_type="text/html")
    http_server.serve("/news/page.html", b"<html>news</html>", content_type="text/html")
    with make_fetcher() as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch_article(http_server.url("/private/page.html"))
        allowed = fetcher.fetch_article(http_server.url("/news/page.html"))
    assert caught.value.kind == "robots" and "robots.txt" in str(caught.value)
    assert http_server.count("/private/page.html") == 0
    assert allowed.content == b"<html>news</html>"
    assert http_server.count("/robots.txt") == 1  # cached per host


def test_robots_rules_for_our_agent_apply(http_server: LocalHttpServer) -> None:
    http_server.robots("User-agent: tikg-test\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    http_server.serve("/a.html", b"<html/>", content_type="text/html")
    with make_fetcher() as fetcher, pytest.raises(FetchError):
        fetcher.fetch_article(http_server.url("/a.html"))
    assert http_server.count("/a.html") == 0


def test_robots_checked_after_a_redirect(http_server: LocalHttpServer) -> None:
    http_server.robots("User-agent: *\nDisallow: /private/\n")
    http_server.redirect("/short", "/private/page.html")
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_article(http_server.url("/short"))
    assert caught.value.kind == "robots" and http_server.count("/private/page.html") == 0


def test_missing_robots_allows_everything(http_server: LocalHttpServer) -> None:
    http_server.serve("/a.html", b"<html/>", content_type="text/html")
    with make_fetcher() as fetcher:
        result = fetcher.fetch_article(http_server.url("/a.html"))
    assert result.content == b"<html/>" and http_server.count("/robots.txt") == 1


def test_unreachable_robots_refuses_articles(http_server: LocalHttpServer) -> None:
    http_server.fail_then_serve("/robots.txt", b"", failures=None, status=503)
    http_server.serve("/a.html", b"<html/>", content_type="text/html")
    with make_fetcher(retries=1) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch_article(http_server.url("/a.html"))
    assert caught.value.kind == "robots" and "robots.txt unreachable" in str(caught.value)
    assert http_server.count("/a.html") == 0 and http_server.count("/robots.txt") == 2


def test_feeds_do_not_consult_robots(http_server: LocalHttpServer) -> None:
    http_server.robots("User-agent: *\nDisallow: /\n")
    http_server.serve("/feed.xml", RSS)
    with make_fetcher() as fetcher:
        assert fetcher.fetch_feed(http_server.url("/feed.xml")).content == RSS
    assert http_server.count("/robots.txt") == 0
