"""`tikg neo4j start|stop|status` on a private server: idempotent start, durability, stale pid
file, the generated password kept secret. This test runs its own server (not the suite's)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from tests.conftest import free_port
from tests.test_cli import tikg


def _java_servers(home: Path) -> list[int]:
    out = subprocess.run(
        ["pgrep", "-f", f"io.tikg.server.Launcher --home {home} "],
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(p) for p in out.stdout.split()]


@pytest.fixture()
def private_config(tmp_path: Path) -> Path:
    cfg = tmp_path / "config.yaml"
    port = free_port()
    cfg.write_text(
        f"state_dir: state\nneo4j:\n  port: {port}\n  heap: 512m\n  pagecache: 128m\n"
        "  start_timeout: 240\n"
    )
    return cfg


def test_lifecycle(private_config: Path) -> None:
    home = private_config.parent / "state" / "neo4j"
    run = lambda *a: tikg("-c", str(private_config), *a)  # noqa: E731
    try:
        stopped = run("neo4j", "status")
        assert stopped.returncode == 0, stopped.stderr
        assert "stopped" in stopped.stdout

        first = run("neo4j", "start")
        assert first.returncode == 0, first.stderr + first.stdout
        assert "started" in first.stdout
        second = run("neo4j", "start")
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        assert len(_java_servers(home)) == 1

        password_file = home / "password"
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        password = password_file.read_text().strip()
        port = int(private_config.read_text().split("port: ")[1].split()[0])
        uri = f"bolt://127.0.0.1:{port}"
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
            driver.execute_query("CREATE (:Probe {key: 'durable', n: 42})")

        status = run("neo4j", "status")
        assert status.returncode == 0
        assert "running" in status.stdout and "5.26." in status.stdout
        assert uri in status.stdout
        assert "nodes" in status.stdout and "1" in status.stdout

        assert run("neo4j", "stop").returncode == 0
        assert _java_servers(home) == []
        assert "stopped" in run("neo4j", "status").stdout

        # A stale pid file (a dead pid, then a live process that is not Neo4j) is handled.
        (home / "neo4j.pid").write_text("999999\n")
        assert "stopped" in run("neo4j", "status").stdout
        (home / "neo4j.pid").write_text(f"{os.getpid()}\n")
        again = run("neo4j", "start")
        assert again.returncode == 0, again.stderr + again.stdout
        assert "started" in again.stdout
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
            records, _, _ = driver.execute_query("MATCH (p:Probe {key: 'durable'}) RETURN p.n AS n")
        assert [r["n"] for r in records] == [42]

        outputs = first.stdout + first.stderr + second.stdout + status.stdout + again.stdout
        assert password not in outputs
        for log in (home / "logs").rglob("*.log"):
            assert password not in log.read_text(errors="replace"), log
    finally:
        run("neo4j", "stop")
    assert _java_servers(home) == []


def test_port_in_use_fails_with_one_clear_line(private_config: Path) -> None:
    import socket

    port = int(private_config.read_text().split("port: ")[1].split()[0])
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", port))
        blocker.listen()
        result = tikg("-c", str(private_config), "neo4j", "start")
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "in use" in result.stderr
    assert "Traceback" not in result.stderr
