"""The dashboard's one connection wrapper: settings, the cached driver, health, cached reads.

Pages never touch the driver: they call :func:`read` with a read function of ``graph/`` (whose
first argument is the driver) and its parameters. The driver is a cached resource, built once per
server process; results are cached with the configured TTL (``dashboard.cache_ttl``), keyed on the
function and every parameter, including ``as_of`` and the database.

When Neo4j is unreachable, :func:`health` says so within a few seconds (short connection and
acquisition timeouts) and the router shows a banner: the server's address without any user
information, never a password, never a traceback. Failures are never cached (Streamlit does not
cache a call that raises), so the app recovers by itself when Neo4j is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

import streamlit as st
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.db import resolve_password
from tikg.settings import ConfigError, Settings, default_config_path, load_settings

T = TypeVar("T")
log = logging.getLogger("tikg.dashboard")

#: Seconds the connectivity check is trusted before it is made again.
HEALTH_TTL = 5


class GraphUnavailable(Exception):
    """Neo4j cannot be reached (or refused the credentials); the message is safe to show."""


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings(default_config_path())


def public_uri() -> str:
    """The server address for messages: scheme, host and port only (no user information)."""
    parts = urlsplit(settings().neo4j.bolt_uri)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


@st.cache_resource(show_spinner=False)
def _driver() -> Driver:
    cfg = settings()
    return GraphDatabase.driver(
        cfg.neo4j.bolt_uri,
        auth=(cfg.neo4j.user, resolve_password(cfg)),
        connection_timeout=2.0,
        connection_acquisition_timeout=3.0,
        max_transaction_retry_time=2.0,
        notifications_min_severity="OFF",
    )


@st.cache_data(ttl=HEALTH_TTL, show_spinner=False)
def _ping(uri: str) -> bool:
    _driver().verify_connectivity()
    return True


def health() -> str | None:
    """None when Neo4j answers, else a one-line reason (address only, never credentials)."""
    try:
        _ping(public_uri())
    except AuthError:
        return f"Neo4j at {public_uri()} refused the dashboard's credentials."
    except ConfigError as exc:
        return f"The configuration is incomplete: {str(exc).splitlines()[0]}"
    except (DriverError, OSError, TransientError, ValueError):
        return (
            f"Neo4j is not reachable at {public_uri()}. "
            "The dashboard retries by itself; this page updates when the database is back."
        )
    return None


def database() -> str:
    return settings().neo4j.database


def as_of() -> date | None:
    """The sidebar's "as of" date (the graph as known at the end of that day), if any."""
    value = st.session_state.get("as_of")
    return value if isinstance(value, date) else None


_REGISTRY: dict[str, Callable[..., Any]] = {}


def _call(name: str, params: tuple[tuple[str, Any], ...]) -> Any:
    try:
        return _REGISTRY[name](_driver(), **dict(params))
    except (ServiceUnavailable, SessionExpired, AuthError, OSError) as exc:
        log.warning("read %s failed: %s", name, type(exc).__name__)
        raise GraphUnavailable(
            f"Neo4j is not reachable at {public_uri()}. The dashboard retries by itself."
        ) from None


@st.cache_resource(show_spinner=False)
def _cached_call() -> Callable[[str, tuple[tuple[str, Any], ...]], Any]:
    ttl = settings().dashboard.cache_ttl
    if ttl <= 0:
        return _call
    return st.cache_data(ttl=ttl, show_spinner=False, max_entries=2000)(_call)


def read(fn: Callable[..., T], /, **params: Any) -> T:
    """Call ``fn(driver, **params, database=...)`` through the TTL cache.

    The cache key is the function's qualified name and every parameter (sorted), so two calls
    that differ in any parameter never share a result."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _REGISTRY[name] = fn
    params.setdefault("database", database())
    key = tuple(sorted(params.items()))
    return _cached_call()(name, key)  # type: ignore[no-any-return]


def banner_if_down() -> bool:
    """Show the outage banner when Neo4j is down; True when the page should stop."""
    problem = health()
    if problem is None:
        return False
    st.error(problem, icon="⚠️")
    return True
