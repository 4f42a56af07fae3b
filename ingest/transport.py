"""Low-level HTTP plumbing for :mod:`ingest.fetch`: a deadline-enforcing httpx transport, bounded
incremental decompression, and the per-host turn-taking gate.

Why: httpx has no public hook to cut every socket operation at a request's total deadline, and its
automatic decompression would inflate a gzip bomb in one go. These pieces keep both bounded.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

INFLATE_STEP = 64 * 1024


class Inflater:
    """Incremental gzip/deflate decoder whose every output piece is at most 64 KiB."""

    def __init__(self, wbits: int | None) -> None:
        self._wbits = wbits  # None: identity; 0: deflate, format decided on the first bytes
        self._zlib: Any = None
        if wbits:
            self._zlib = zlib.decompressobj(wbits)

    @classmethod
    def for_coding(cls, coding: str) -> Inflater | None:
        if coding in ("", "identity"):
            return cls(None)
        if coding in ("gzip", "x-gzip"):
            return cls(16 + zlib.MAX_WBITS)
        if coding == "deflate":
            return cls(0)
        return None

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._wbits is None:
            yield data
            return
        if self._zlib is None:  # deflate: zlib-wrapped (RFC 9110) or raw, as servers vary
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        pending = data
        while pending and not self._zlib.eof:
            yield self._zlib.decompress(pending, INFLATE_STEP)
            pending = self._zlib.unconsumed_tail

    def finish(self) -> Iterator[bytes]:
        if self._zlib is None:
            return
        while not self._zlib.eof:
            piece = self._zlib.decompress(b"", INFLATE_STEP)
            if not piece:
                break
            yield piece


# ---------------------------------------------------------------------- pacing and deadline


class HostGate:
    """One request at a time per host, and at least ``delay`` seconds between two of them."""

    def __init__(self, delay: float, sleep: Callable[[float], None]) -> None:
        self._delay = delay
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last_end: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last_end.get(host)
            if last is not None:
                wait = last + self._delay - time.monotonic()
                if wait > 0:
                    self._sleep(wait)
            try:
                yield
            finally:
                self._last_end[host] = time.monotonic()


# getaddrinfo cannot be interrupted: lookups run on these threads and the caller waits at most
# until its deadline (a resolver that never answers ties up one of them, not the crawl)
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="tikg-dns")


def resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of ``host``, within ``timeout`` seconds (an IP literal is returned as is)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [host]
    future = _RESOLVER.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=timeout)
    except FutureTimeout:
        raise httpcore.ConnectTimeout(
            f"DNS lookup of {host} gave no answer within {timeout or 0:.1f} s"
        ) from None
    except OSError as exc:
        raise httpcore.ConnectError(f"DNS lookup of {host} failed: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class DeadlineBackend(httpcore.SyncBackend):
    """Network backend whose socket timeouts, DNS lookup included, never run past the calling
    thread's deadline."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextmanager
    def deadline(self, at: float) -> Iterator[None]:
        self._local.at = at
        try:
            yield
        finally:
            self._local.at = None

    def expired(self) -> bool:
        at = getattr(self._local, "at", None)
        return at is not None and time.monotonic() >= at - 0.05

    def clamp(self, timeout: float | None, error: type[Exception]) -> float | None:
        at = getattr(self._local, "at", None)
        if at is None:
            return timeout
        remaining = at - time.monotonic()
        if remaining <= 0:
            raise error("total deadline exceeded")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        timeout = self.clamp(timeout, httpcore.ConnectTimeout)
        addresses = resolve(host, port, timeout)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(
                    address,
                    port,
                    self.clamp(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return DeadlineStream(stream, self)
        raise failure or httpcore.ConnectError(f"no address for {host}")


class DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout = self._backend.clamp(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, timeout), self._backend
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


@contextmanager
def httpx_errors() -> Iterator[None]:
    """Re-raise httpcore errors as the httpx errors of the same name (ReadTimeout, ...)."""
    try:
        yield
    except Exception as exc:
        if type(exc).__module__.startswith("httpcore"):
            for cls in type(exc).__mro__:
                target = getattr(httpx, cls.__name__, None)
                if isinstance(target, type) and issubclass(target, httpx.TransportError):
                    raise target(str(exc)) from exc
        raise


class DeadlineStreamBody(httpx.SyncByteStream):
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        with httpx_errors():
            yield from self._inner

    def close(self) -> None:
        with httpx_errors():
            self._inner.close()


class DeadlineTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore pool that uses :class:`DeadlineBackend`."""

    def __init__(self, backend: DeadlineBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with httpx_errors():
            core_response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=DeadlineStreamBody(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        with httpx_errors():
            self._pool.close()
