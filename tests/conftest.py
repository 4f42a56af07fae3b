"""Shared fixtures. Integration tests (``*_int.py``) run against a real Neo4j server that the
suite starts itself: its own state folder in a temporary directory and a free loopback port, so
it never touches the user's graph and works beside a running ``tikg neo4j``. If that server
cannot start, the tests that need it fail with the reason; they are never skipped.

``TIKG_TEST_NEO4J_URI`` (+ ``TIKG_TEST_NEO4J_PASSWORD``) points the suite at an existing
throwaway server instead; the tests then wipe that database.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph.server.manager import LocalServer
from tikg.settings import Settings, load_settings

# The programmable local HTTP server fixture (``http_server``) is available to every test.
pytest_plugins = ("tests.httpfixture",)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SuiteServer:
    """Connection facts of the suite's Neo4j server."""

    def __init__(self, uri: str, password: str, server: LocalServer | None) -> None:
        self.uri = uri
        self.password = password
        self.server = server

    def settings(self, state_dir: Path, **overrides: object) -> Settings:
        neo4j = {"uri": self.uri, "password": self.password}
        neo4j.update(overrides.pop("neo4j", {}))  # type: ignore[arg-type]
        return load_settings(None, state_dir=state_dir, neo4j=neo4j, **overrides)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SuiteServer]:
    external = os.environ.get("TIKG_TEST_NEO4J_URI")
    if external:
        yield SuiteServer(external, os.environ.get("TIKG_TEST_NEO4J_PASSWORD", ""), None)
        return
    home = tmp_path_factory.mktemp("neo4j-suite")
    password = secrets.token_urlsafe(16)
    server = LocalServer(
        home, port=free_port(), password=password, heap="768m", pagecache="256m", start_timeout=240
    )
    try:
        server.start()
    except Exception as exc:  # the reason, as a failure of every test that needs Neo4j
        pytest.fail(f"the test Neo4j server could not start: {exc}", pytrace=False)
    watchdog = _watch(server)
    try:
        yield SuiteServer(server.uri, password, server)
    finally:
        server.stop(timeout=30)
        if watchdog.stdin is not None:
            watchdog.stdin.close()
        watchdog.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


def _watch(server: LocalServer) -> subprocess.Popen[bytes]:
    """A watchdog that stops the server if this process dies first (tests/neo4j_watchdog.py)."""
    pid = server.state().pid
    return subprocess.Popen(
        [sys.executable, "-m", "tests.neo4j_watchdog", str(pid), str(server.layout.home)],
        stdin=subprocess.PIPE,
        cwd=REPO,
        start_new_session=True,
    )


@pytest.fixture(scope="session")
def session_driver(neo4j_server: SuiteServer) -> Iterator[Driver]:
    with GraphDatabase.driver(
        neo4j_server.uri, auth=("neo4j", neo4j_server.password), notifications_min_severity="OFF"
    ) as driver:
        driver.verify_connectivity()
        yield driver


@pytest.fixture()
def neo4j_driver(session_driver: Driver) -> Driver:
    """The suite's driver on an empty graph (schema kept)."""
    session_driver.execute_query("MATCH (n) DETACH DELETE n")
    return session_driver


@pytest.fixture()
def int_settings(neo4j_server: SuiteServer, tmp_path: Path) -> Settings:
    """Settings pointing at the suite's server, with a private state folder."""
    return neo4j_server.settings(tmp_path / "state")
