"""The suite's real Neo4j server: reads, writes, authentication, loopback-only Bolt, schema."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from graph.db import open_driver, read_status
from graph.schema import apply_schema, schema_statements
from tests.conftest import SuiteServer


def test_write_then_read_back(neo4j_driver: Driver) -> None:
    neo4j_driver.execute_query(
        "CREATE (:Probe {key: $k, text: $t})", k="p1", t="MédecinDirect — 285 000"
    )
    records, _, _ = neo4j_driver.execute_query("MATCH (p:Probe {key: 'p1'}) RETURN p.text AS t")
    assert [r["t"] for r in records] == ["MédecinDirect — 285 000"]


def test_status_reports_version_and_counts(neo4j_driver: Driver, neo4j_server: SuiteServer) -> None:
    neo4j_driver.execute_query("CREATE (:Probe {key: 'a'})-[:LINK]->(:Probe {key: 'b'})")
    status = read_status(neo4j_driver, neo4j_server.uri)
    assert status.version.startswith("5.26.")
    assert status.edition == "community"
    assert (status.nodes, status.relationships) == (2, 1)


def test_wrong_password_is_refused(neo4j_server: SuiteServer) -> None:
    with (
        GraphDatabase.driver(neo4j_server.uri, auth=("neo4j", "not-the-password")) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def test_unauthenticated_connection_is_refused(neo4j_server: SuiteServer) -> None:
    with GraphDatabase.driver(neo4j_server.uri, auth=None) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_default_password_is_not_accepted(neo4j_server: SuiteServer) -> None:
    with (
        GraphDatabase.driver(neo4j_server.uri, auth=("neo4j", "neo4j")) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port``, read from /proc/net."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            addr_hex, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:
                continue
            raw = bytes.fromhex(addr_hex)
            if len(raw) == 4:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def test_bolt_listens_on_loopback_only(neo4j_server: SuiteServer) -> None:
    if neo4j_server.server is None:
        pytest.fail("this check needs the suite's own local server")
    port = neo4j_server.server.port
    addresses = _listening_addresses(port)
    assert addresses, "nothing listens on the Bolt port"
    assert addresses <= {"127.0.0.1", "::ffff:127.0.0.1"}, addresses
    # Another address of this machine (still loopback) must not reach it.
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.2", port)) != 0
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.1", port)) == 0


def test_schema_apply_twice_is_stable(neo4j_driver: Driver) -> None:
    def snapshot() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        cons, _, _ = neo4j_driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
            "RETURN name, type, labelsOrTypes, properties ORDER BY name"
        )
        idx, _, _ = neo4j_driver.execute_query(
            "SHOW INDEXES YIELD name, type, state WHERE type <> 'LOOKUP' "
            "RETURN name, type, state ORDER BY name"
        )
        return [tuple(map(str, r.values())) for r in cons], [
            tuple(map(str, r.values())) for r in idx
        ]

    first = apply_schema(neo4j_driver)
    before = snapshot()
    second = apply_schema(neo4j_driver)
    assert first == second
    assert snapshot() == before
    assert first.constraints == 10
    assert all(state == "ONLINE" for *_, state in before[1])
    creates = [s for s in schema_statements() if s.startswith("CREATE CONSTRAINT")]
    assert len(creates) == first.constraints


def test_key_constraint_rejects_duplicates(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    neo4j_driver.execute_query("CREATE (:ThreatActor {key: 'dumpsec', name: 'Dumpsec'})")
    with pytest.raises(Exception, match="already exists"):
        neo4j_driver.execute_query("CREATE (:ThreatActor {key: 'dumpsec', name: 'Other'})")


def test_open_driver_uses_settings(int_settings, neo4j_driver: Driver) -> None:  # type: ignore[no-untyped-def]
    with open_driver(int_settings) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1
