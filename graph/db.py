"""Driver lifecycle: which server, which credentials, one driver per entry point.

``neo4j.uri`` empty means the local server managed by :mod:`graph.server.manager`; anything else
(``bolt://``, ``neo4j://``, ``neo4j+s://`` for Aura or a cluster) is used as it is and nothing is
started. The password comes from ``TIKG_NEO4J__PASSWORD`` (already in the settings) or, for the
local server only, from the generated file under the state folder. It is never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.server.manager import LocalServer, ServerError, read_or_create_password
from tikg.settings import ConfigError, Settings


class DatabaseUnavailable(Exception):
    """Neo4j cannot be reached or refused the credentials; the message says which and where."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class DbStatusResult:
    uri: str
    name: str
    version: str
    edition: str
    nodes: int
    relationships: int


def native(value: Any) -> Any:
    """A driver temporal value as its Python equivalent; anything else unchanged."""
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def local_home(settings: Settings) -> Path:
    return settings.state_path / "neo4j"


def resolve_password(settings: Settings) -> str:
    if settings.neo4j.password is not None:
        return settings.neo4j.password.get_secret_value()
    if not settings.neo4j.managed:
        raise ConfigError(
            "neo4j.uri points at an external server: set its password in TIKG_NEO4J__PASSWORD"
        )
    return read_or_create_password(local_home(settings) / "password")


def local_server(settings: Settings) -> LocalServer:
    if not settings.neo4j.managed:
        raise ServerError(
            f"neo4j.uri is set ({settings.neo4j.uri}): tikg does not manage that server"
        )
    cfg = settings.neo4j
    return LocalServer(
        local_home(settings),
        port=cfg.port,
        password=resolve_password(settings),
        user=cfg.user,
        heap=cfg.heap,
        pagecache=cfg.pagecache,
        start_timeout=cfg.start_timeout,
    )


def open_driver(settings: Settings, *, verify: bool = True) -> Driver:
    """A driver for the configured server; with ``verify`` it fails fast with a clear message."""
    cfg = settings.neo4j
    driver = GraphDatabase.driver(
        cfg.bolt_uri,
        auth=(cfg.user, resolve_password(settings)),
        connection_timeout=5.0,
        max_transaction_retry_time=30.0,
        notifications_min_severity="OFF",
    )
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError:
            driver.close()
            raise DatabaseUnavailable(
                f"Neo4j at {cfg.bolt_uri} refused the credentials of user {cfg.user!r}"
            ) from None
        except (ServiceUnavailable, OSError) as exc:
            driver.close()
            hint = " (start it with `tikg neo4j start`)" if cfg.managed else ""
            raise DatabaseUnavailable(
                f"Neo4j is not reachable at {cfg.bolt_uri}{hint}: {type(exc).__name__}"
            ) from None
    return driver


def read_status(driver: Driver, uri: str, database: str = "neo4j") -> DbStatusResult:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS version, edition",
        database_=database,
    )
    comp = records[0]
    counts, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels",
        database_=database,
    )
    return DbStatusResult(
        uri=uri,
        name=comp["name"],
        version=comp["version"],
        edition=comp["edition"],
        nodes=counts[0]["nodes"],
        relationships=counts[0]["rels"],
    )
