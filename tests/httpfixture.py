"""A real HTTP/1.1 server on 127.0.0.1 whose behaviour each test programs.

Register it once for the suite with ``pytest_plugins = ("tests.httpfixture",)`` in
``tests/conftest.py`` (a test module may declare the same line itself), then::

    from tests.httpfixture import LocalHttpServer

    def test_something(http_server: LocalHttpServer) -> None:
        http_server.serve("/feed.xml", b"<rss/>", etag='"v1"')
        url = http_server.url("/feed.xml")
        ...
        assert http_server.count("/feed.xml") == 1

Canned behaviours: ``serve`` (fixed bytes, ETag / Last-Modified, 304 on a matching conditional
request, optional gzip/deflate), ``hang`` (accept, read the request, never answer),
``trickle`` (one byte per interval, optionally the status line and headers too),
``fail_then_serve`` (N errors then success), ``rate_limit_then_serve`` (429 + Retry-After),
``redirect``, ``gzip_bomb``, ``robots``. ``route(path, handler)`` takes any callable that
receives an :class:`Exchange`. Every request is recorded (:meth:`LocalHttpServer.requests`).

Bounded by construction: the server listens on loopback only, stops itself after ``lifetime``
seconds, answers 503 past ``max_requests``, closes idle keep-alive connections after a few
seconds, and wakes every hanging or trickling handler when it stops. The ``http_server`` fixture
lives for one test (60 s at most); build ``LocalHttpServer(lifetime=...)`` for longer ones.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit

import pytest

Compression = Literal["gzip", "deflate", "raw-deflate"]


@dataclass(frozen=True, slots=True)
class SeenRequest:
    """One request as the server received it."""

    method: str
    path: str  # path and query, as sent
    headers: Mapping[str, str]  # lower-case names
    at: float  # time.monotonic() when the request line and headers had been read

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class Exchange:
    """What a route handler receives: the request, and ways to answer it."""

    def __init__(self, handler: _Handler, server: LocalHttpServer, seen: SeenRequest, n: int):
        self._handler = handler
        self._server = server
        self.request = seen
        self.number = n  # 1 for the first request to this path, 2 for the second, ...

    def respond(
        self, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> None:
        """A complete response with Content-Length."""
        h = self._handler
        h.send_response(status)
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body and self.request.method != "HEAD":
            h.wfile.write(body)
        h.wfile.flush()

    def hang(self) -> None:
        """Send nothing until the server stops."""
        self._handler.close_connection = True
        self._server.wait_for_stop()

    def trickle(
        self,
        body: bytes,
        *,
        interval: float = 1.0,
        headers_too: bool = False,
        content_type: str = "application/rss+xml",
    ) -> None:
        """Send the response one byte per ``interval`` seconds (the head at once, or not)."""
        self._handler.close_connection = True
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode("ascii")
        wfile = self._handler.wfile
        if not headers_too:
            wfile.write(head)
            wfile.flush()
            head = b""
        data = head + body
        for i in range(len(data)):
            if self._server.wait_for_stop(interval):
                return
            wfile.write(data[i : i + 1])
            wfile.flush()


Route = Callable[[Exchange], None]


class LocalHttpServer:
    """A threaded HTTP server on a free loopback port; see the module docstring."""

    def __init__(self, *, lifetime: float = 60.0, max_requests: int = 1000) -> None:
        self.lifetime = lifetime
        self.max_requests = max_requests
        self._routes: dict[str, Route] = {}
        self._seen: list[SeenRequest] = []
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True
        self._stopped = False

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> LocalHttpServer:
        self._thread.start()
        self._timer.start()
        return self

    def stop(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        self._stop.set()
        self._timer.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def wait_for_stop(self, timeout: float | None = None) -> bool:
        """Sleep up to ``timeout`` (at most the lifetime); True once the server is stopping."""
        limit = self.lifetime if timeout is None else min(timeout, self.lifetime)
        return self._stop.wait(limit)

    def __enter__(self) -> LocalHttpServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ----------------------------------------------------------------- addresses and records

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.origin + (path if path.startswith("/") else "/" + path)

    def requests(self, path: str | None = None) -> list[SeenRequest]:
        with self._lock:
            seen = list(self._seen)
        return [r for r in seen if path is None or urlsplit(r.path).path == path]

    def count(self, path: str) -> int:
        with self._lock:
            return self._counts.get(path, 0)

    # ----------------------------------------------------------------- programming routes

    def route(self, path: str, handler: Route) -> None:
        with self._lock:
            self._routes[path] = handler

    def serve(
        self,
        path: str,
        body: bytes,
        *,
        status: int = 200,
        content_type: str = "application/rss+xml; charset=utf-8",
        etag: str | None = None,
        last_modified: str | None = None,
        compress: Compression | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Fixed bytes; 304 when If-None-Match / If-Modified-Since say the client is current."""
        extra = {"Content-Type": content_type, **(headers or {})}
        if etag:
            extra["ETag"] = etag
        if last_modified:
            extra["Last-Modified"] = last_modified
        payload = _compress(body, compress) if compress else body
        if compress:
            extra["Content-Encoding"] = "deflate" if compress == "raw-deflate" else compress

        def answer(ex: Exchange) -> None:
            if _is_current(ex.request, etag, last_modified):
                kept = {k: v for k, v in extra.items() if k in ("ETag", "Last-Modified")}
                ex.respond(304, headers=kept)
            else:
                ex.respond(status, payload, extra)

        self.route(path, answer)

    def hang(self, path: str) -> None:
        self.route(path, lambda ex: ex.hang())

    def trickle(
        self, path: str, body: bytes, *, interval: float = 1.0, headers_too: bool = False
    ) -> None:
        self.route(path, lambda ex: ex.trickle(body, interval=interval, headers_too=headers_too))

    def fail_then_serve(
        self, path: str, body: bytes, *, failures: int | None, status: int = 500
    ) -> None:
        """``failures`` error answers (``None``: for ever), then ``body``."""

        def answer(ex: Exchange) -> None:
            if failures is None or ex.number <= failures:
                ex.respond(status, b"server error\n", {"Content-Type": "text/plain"})
            else:
                ex.respond(200, body, {"Content-Type": "application/rss+xml"})

        self.route(path, answer)

    def rate_limit_then_serve(
        self, path: str, body: bytes, *, retry_after: str, times: int = 1
    ) -> None:
        def answer(ex: Exchange) -> None:
            if ex.number <= times:
                ex.respond(429, b"slow down\n", {"Retry-After": retry_after})
            else:
                ex.respond(200, body, {"Content-Type": "application/rss+xml"})

        self.route(path, answer)

    def redirect(self, path: str, location: str, *, status: int = 302) -> None:
        self.route(path, lambda ex: ex.respond(status, headers={"Location": location}))

    def gzip_bomb(self, path: str, inflated_size: int) -> int:
        """Serve zeros gzip-compressed; returns the compressed size on the wire."""
        payload = _zeros_gzip(inflated_size)
        headers = {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}
        self.route(path, lambda ex: ex.respond(200, payload, headers))
        return len(payload)

    def robots(self, text: str, *, status: int = 200) -> None:
        self.serve("/robots.txt", text.encode(), status=status, content_type="text/plain")

    # ----------------------------------------------------------------- dispatch

    def _dispatch(self, handler: _Handler) -> None:
        seen = SeenRequest(
            method=handler.command,
            path=handler.path,
            headers={k.lower(): v for k, v in handler.headers.items()},
            at=time.monotonic(),
        )
        path = urlsplit(handler.path).path
        with self._lock:
            self._seen.append(seen)
            n = self._counts[path] = self._counts.get(path, 0) + 1
            over_budget = len(self._seen) > self.max_requests
            route = self._routes.get(path)
        exchange = Exchange(handler, self, seen, n)
        if over_budget:
            handler.close_connection = True
            exchange.respond(503, b"request budget of the test server exhausted\n")
        elif route is None:
            exchange.respond(404, b"not found\n", {"Content-Type": "text/plain"})
        else:
            route(exchange)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LocalHttpServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # idle keep-alive connections end by themselves
    server: _Server

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:  # the client hung up or timed out first: expected in these tests
            self.close_connection = True

    def _handle(self) -> None:
        self.server.owner._dispatch(self)

    do_GET = _handle
    do_HEAD = _handle

    def log_message(self, format: str, *args: object) -> None:
        return None


def _is_current(seen: SeenRequest, etag: str | None, last_modified: str | None) -> bool:
    tags = seen.header("if-none-match")
    if tags is not None:
        return etag is not None and (
            tags.strip() == "*" or etag in [t.strip() for t in tags.split(",")]
        )
    since = seen.header("if-modified-since")
    if since is None or last_modified is None:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def _compress(body: bytes, how: Compression) -> bytes:
    wbits = {"gzip": 31, "deflate": 15, "raw-deflate": -15}[how]
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return packer.compress(body) + packer.flush()


@lru_cache(maxsize=4)
def _zeros_gzip(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = []
    left = size
    while left > 0:
        parts.append(packer.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(packer.flush())
    return b"".join(parts)


@pytest.fixture
def http_server() -> Iterator[LocalHttpServer]:
    """A started :class:`LocalHttpServer`, stopped after the test."""
    with LocalHttpServer() as server:
        yield server
