"""Fetch stage: the one HTTP client of the project (httpx, synchronous).

Contract: ``Fetcher(settings).fetch_feed(url, etag=..., last_modified=...)`` returns a frozen
:class:`FetchResult` or raises :class:`FetchError`, whose message is one line naming the URL and
what went wrong. ``fetch_article`` does the same after checking the host's robots.txt.

Why it is written this way: feeds come from servers we do not control, some slow, some hostile.
So every request has a connect timeout, a read timeout *and* a total deadline enforced at the
socket (a server trickling one byte a second cannot keep us busy past the deadline); the body is
inflated here, in bounded steps, and counted after decompression (a gzip bomb costs at most
``max_bytes`` of memory); redirects are followed by hand (at most five, http and https only);
5xx answers and timeouts are retried with exponential back-off and jitter; 429/503 honour
``Retry-After`` up to a maximum wait; requests to one host go one at a time with a minimum delay
between them; conditional GET headers come from the caller's stored ETag / Last-Modified.
Proxy environment variables are not used: settings are the only configuration, and a proxy
mount would bypass the deadline-enforcing transport.
"""

from __future__ import annotations

import random
import re
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Literal
from urllib.robotparser import RobotFileParser

import httpx

from ingest.transport import DeadlineBackend, DeadlineTransport, HostGate, Inflater
from tikg.settings import FeedsSettings

MAX_REDIRECTS = 5
ALLOWED_SCHEMES = frozenset({"http", "https"})
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
ARTICLE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

ErrorKind = Literal[
    "bad_url", "timeout", "network", "http_status", "rate_limited", "too_large", "redirect",
    "encoding", "robots",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One successful HTTP exchange (after redirects and retries)."""

    url: str  # as asked by the caller
    final_url: str  # after redirects
    status: int
    content: bytes  # decompressed body; empty when not_modified
    not_modified: bool  # the server answered 304 to our conditional GET
    etag: str | None
    last_modified: str | None
    content_type: str | None  # media type only, lower case: "application/rss+xml"
    charset: str | None  # from the Content-Type header, if given
    attempts: int
    elapsed: float  # seconds, including back-off waits


class FetchError(Exception):
    """A fetch that failed. ``str(err)`` is one line: ``<url>: <reason>``."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        kind: ErrorKind,
        retryable: bool = False,
        status: int | None = None,
        attempts: int = 1,
        retry_after: float | None = None,
    ) -> None:
        self.url = url
        self.reason = " ".join(reason.split())
        self.kind: ErrorKind = kind
        self.retryable = retryable
        self.status = status
        self.attempts = attempts
        self.retry_after = retry_after
        super().__init__(f"{url}: {self.reason}")

    def amended(self, reason: str, attempts: int) -> FetchError:
        """The same failure with a new reason line and attempt count."""
        return FetchError(
            self.url,
            reason,
            kind=self.kind,
            retryable=self.retryable,
            status=self.status,
            attempts=attempts,
            retry_after=self.retry_after,
        )


class Fetcher:
    """HTTP client for feeds and articles, built once from :class:`FeedsSettings`.

    Thread-safe: several threads may share one fetcher; requests to one host are serialised.
    ``total_timeout`` bounds each HTTP request on the wire (one hop of one attempt; waiting for
    the host's turn is not counted), so a whole fetch takes at most
    ``(retries + 1) * (MAX_REDIRECTS + 1) * total_timeout`` plus back-off waits.
    ``backoff_base`` (seconds, doubled per retry), ``max_retry_wait`` (the longest Retry-After
    honoured), ``sleep`` and ``rng`` are injectable so tests run fast and deterministically.
    """

    def __init__(
        self,
        settings: FeedsSettings,
        *,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        max_retry_wait: float = 120.0,
        robots_ttl: float = 24 * 3600.0,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._settings = settings
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._max_retry_wait = max_retry_wait
        self._robots_ttl = robots_ttl
        self._sleep = sleep
        self._rng = rng or random.Random()  # jitter only, not security
        self._backend = DeadlineBackend()
        self._gate = HostGate(settings.per_host_delay, sleep)
        self._robots: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_guard = threading.Lock()
        self._client = httpx.Client(
            transport=DeadlineTransport(self._backend),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            follow_redirects=False,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ public API

    def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET a feed; with ``etag`` / ``last_modified`` a 304 gives ``not_modified=True``."""
        return self.fetch(url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)

    def fetch_article(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET an article page, refusing it (``kind="robots"``) if robots.txt disallows it."""
        return self.fetch(
            url, etag=etag, last_modified=last_modified, accept=ARTICLE_ACCEPT, respect_robots=True
        )

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        respect_robots: bool = False,
    ) -> FetchResult:
        """GET ``url`` with retries; the general form of ``fetch_feed`` / ``fetch_article``."""
        _check_url(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                reply = self._follow(url, headers, respect_robots)
                return _to_result(url, reply, etag, last_modified, attempt, started)
            except FetchError as err:
                # robots.txt failures were already retried when robots.txt itself was fetched
                if not err.retryable or err.kind == "robots" or attempt > self._settings.retries:
                    gave_up = f" (gave up after {attempt} attempts)" if attempt > 1 else ""
                    raise err.amended(err.reason + gave_up, attempt) from err
                wait = self._retry_wait(err, attempt)
                if wait > self._max_retry_wait:
                    too_long = f"; the server asks to wait {wait:,.0f} s, more than the "
                    too_long += f"{self._max_retry_wait:g} s allowed"
                    raise err.amended(err.reason + too_long, attempt) from err
                self._sleep(wait)

    def allowed_by_robots(self, url: str) -> bool:
        """True when the host's robots.txt lets our User-Agent fetch ``url``.

        A missing robots.txt (any 4xx) allows everything; an unreachable one (5xx, network
        error) raises :class:`FetchError`, since it may not be assumed to allow anything.
        """
        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        rules = self._robots_rules(origin, url)
        return rules is None or rules.can_fetch(self._settings.user_agent, url)

    # ------------------------------------------------------------------ internals

    def _follow(self, url: str, headers: dict[str, str], respect_robots: bool) -> _Reply:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if respect_robots and not self.allowed_by_robots(current):
                raise FetchError(current, "disallowed by the site's robots.txt", kind="robots")
            reply = self._exchange(current, headers)
            if reply.status not in _REDIRECTS or reply.location is None:
                return reply
            current = _redirect_target(url, current, reply.location)
        raise FetchError(
            url, f"too many redirects (more than {MAX_REDIRECTS}; last {current})", kind="redirect"
        )

    def _exchange(self, url: str, headers: dict[str, str]) -> _Reply:
        """One request/response on the wire, inside the host's turn and the total deadline."""
        request = self._client.build_request("GET", url, headers=headers)
        host = request.url.netloc.decode("ascii").lower()
        total = self._settings.total_timeout
        with self._gate.turn(host), self._backend.deadline(time.monotonic() + total):
            try:
                response = self._client.send(request, stream=True)
                try:
                    body = b""
                    if 200 <= response.status_code < 300:
                        body = _read_body(url, response, self._settings.max_bytes)
                    return _Reply(url, response.status_code, response.headers, body)
                finally:
                    response.close()
            except httpx.TimeoutException as exc:
                raise self._timeout_error(url, exc) from exc
            except httpx.TransportError as exc:
                raise FetchError(url, _describe(exc), kind="network", retryable=True) from exc

    def _timeout_error(self, url: str, exc: httpx.TimeoutException) -> FetchError:
        s = self._settings
        if str(exc).startswith("DNS lookup"):
            reason = f"{exc} (total deadline {s.total_timeout:g} s)"
        elif self._backend.expired():
            reason = f"no complete response within the total deadline of {s.total_timeout:g} s"
        elif isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            reason = f"could not connect within {s.connect_timeout:g} s"
        else:
            reason = f"read timed out (no data for {s.read_timeout:g} s)"
        return FetchError(url, reason, kind="timeout", retryable=True)

    def _retry_wait(self, err: FetchError, attempt: int) -> float:
        if err.retry_after is not None:
            return err.retry_after
        delay = min(self._backoff_max, self._backoff_base * 2 ** (attempt - 1))
        return delay * (0.5 + self._rng.random() / 2)  # "equal jitter"

    def _robots_rules(self, origin: str, page: str) -> RobotFileParser | None:
        with self._robots_guard:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            cached = self._robots.get(origin)
            if cached is not None and cached[0] > time.monotonic():
                return cached[1]
            robots_url = f"{origin}/robots.txt"
            try:
                result = self.fetch(robots_url, accept="text/plain")
                parser = RobotFileParser(robots_url)
                parser.parse(result.content.decode("utf-8", errors="replace").splitlines())
                rules: RobotFileParser | None = parser
            except FetchError as err:
                if err.status is None or not 400 <= err.status < 500 or err.status == 429:
                    raise FetchError(
                        page,
                        f"not fetched: robots.txt unreachable ({err.reason})",
                        kind="robots",
                        retryable=True,
                    ) from err
                rules = None  # no robots.txt: everything allowed
            self._robots[origin] = (time.monotonic() + self._robots_ttl, rules)
            return rules


# ---------------------------------------------------------------------- replies and results


@dataclass(frozen=True, slots=True)
class _Reply:
    url: str
    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


def _to_result(
    url: str,
    reply: _Reply,
    etag: str | None,
    last_modified: str | None,
    attempts: int,
    started: float,
) -> FetchResult:
    status = reply.status
    if status >= 400 or (300 <= status < 400 and status != 304):
        raise _status_error(reply)
    not_modified = status == 304
    content_type = reply.headers.get("content-type")
    media = content_type.split(";", 1)[0].strip().lower() if content_type else None
    return FetchResult(
        url=url,
        final_url=reply.url,
        status=status,
        content=b"" if not_modified else reply.content,
        not_modified=not_modified,
        etag=reply.headers.get("etag") or (etag if not_modified else None),
        last_modified=reply.headers.get("last-modified")
        or (last_modified if not_modified else None),
        content_type=media or None,
        charset=_charset(content_type),
        attempts=attempts,
        elapsed=time.monotonic() - started,
    )


def _status_error(reply: _Reply) -> FetchError:
    status = reply.status
    phrase = httpx.codes.get_reason_phrase(status)
    reason = f"HTTP {status} {phrase}".strip()
    if 300 <= status < 400:
        why = "without a Location header" if status in _REDIRECTS else "not followed"
        return FetchError(reply.url, f"{reason} {why}", kind="redirect", status=status)
    retryable = status in _RETRY_STATUSES or status >= 500
    if (
        status in (429, 503)
        and (wait := _retry_after(reply.headers.get("retry-after"))) is not None
    ):
        return FetchError(
            reply.url, reason, kind="rate_limited", retryable=True, status=status, retry_after=wait
        )
    kind: ErrorKind = "rate_limited" if status == 429 else "http_status"
    return FetchError(reply.url, reason, kind=kind, retryable=retryable, status=status)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _charset(content_type: str | None) -> str | None:
    match = _CHARSET.search(content_type or "")
    return match.group(1).lower() if match else None


def _check_url(url: str) -> None:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid URL: {exc}", kind="bad_url") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(url, "refused: only http and https URLs are fetched", kind="bad_url")
    if not parsed.host:
        raise FetchError(url, "invalid URL: no host", kind="bad_url")


def _redirect_target(url: str, current: str, location: str) -> str:
    """The absolute URL a redirect points at; refused unless it is http(s)."""
    try:
        target = httpx.URL(current).join(location)
    except httpx.InvalidURL as exc:
        raise FetchError(
            url, f"redirect to invalid URL {_short(location)}", kind="redirect"
        ) from exc
    if target.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            url,
            f"refused redirect to {_short(location)}: only http and https URLs are fetched",
            kind="redirect",
        )
    return str(target)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"


# ---------------------------------------------------------------------- bounded body reading


def _read_body(url: str, response: httpx.Response, limit: int) -> bytes:
    """Stream the body, inflate it in bounded steps, and stop as soon as it passes ``limit``."""

    def too_large() -> FetchError:
        return FetchError(
            url, f"response larger than {limit:,} bytes after decompression", kind="too_large"
        )

    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large()
    coding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater = Inflater.for_coding(coding)
    if inflater is None:
        raise FetchError(url, f"unsupported Content-Encoding {coding[:40]!r}", kind="encoding")
    body = bytearray()
    received = 0
    try:
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > limit:
                raise too_large()
            for piece in inflater.feed(chunk):
                body += piece
                if len(body) > limit:
                    raise too_large()
        for piece in inflater.finish():
            body += piece
            if len(body) > limit:
                raise too_large()
    except zlib.error as exc:
        raise FetchError(url, f"corrupt {coding} body: {exc}", kind="encoding") from exc
    return bytes(body)
