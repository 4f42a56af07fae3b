"""The command line as a user runs it: help everywhere, exit codes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port

REPO = Path(__file__).resolve().parent.parent


def tikg(
    *args: str, env: dict[str, str] | None = None, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TIKG_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tikg", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _commands() -> list[list[str]]:
    import typer.main

    from tikg.cli import app

    group = typer.main.get_command(app)
    found: list[list[str]] = [[]]

    def walk(cmd: object, path: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(group, [])
    return found


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "tikg")
def test_help_on_every_command(path: list[str]) -> None:
    result = tikg(*path, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


def test_there_are_commands_to_check() -> None:
    names = {" ".join(p) for p in _commands()}
    assert {"neo4j start", "neo4j stop", "neo4j status", "schema apply", "config check"} <= names


def test_config_check_ok() -> None:
    result = tikg("config", "check")
    assert result.returncode == 0, result.stderr
    assert "configuration OK" in result.stdout


def test_config_check_names_the_bad_key(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("dashboard:\n  prot: 1\n")
    result = tikg("-c", str(cfg), "config", "check")
    assert result.returncode == 2
    assert "dashboard.prot" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_config_file_is_a_usage_error(tmp_path: Path) -> None:
    result = tikg("-c", str(tmp_path / "nope.yaml"), "config", "check")
    assert result.returncode == 2
    assert "not found" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = tikg("frobnicate")
    assert result.returncode == 2
    assert "No such command" in result.stderr


def test_runtime_failure_is_one_line_and_exit_1() -> None:
    env = {
        "TIKG_NEO4J__URI": f"bolt://127.0.0.1:{free_port()}",
        "TIKG_NEO4J__PASSWORD": "whatever1",
    }
    result = tikg("neo4j", "status", env=env)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("tikg: error: Neo4j is not reachable")
    assert "Traceback" not in result.stderr
    assert "whatever1" not in result.stderr + result.stdout


def test_debug_shows_the_traceback() -> None:
    env = {
        "TIKG_NEO4J__URI": f"bolt://127.0.0.1:{free_port()}",
        "TIKG_NEO4J__PASSWORD": "whatever1",
    }
    result = tikg("--debug", "neo4j", "status", env=env)
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_external_uri_starts_nothing(tmp_path: Path) -> None:
    env = {
        "TIKG_NEO4J__URI": "bolt://127.0.0.1:1",
        "TIKG_NEO4J__PASSWORD": "whatever1",
        "TIKG_STATE_DIR": str(tmp_path / "state"),
    }
    result = tikg("neo4j", "start", env=env)
    assert result.returncode == 1
    assert "nothing to start" in result.stderr
    assert not (tmp_path / "state").exists()


def test_config_show_masks_the_password() -> None:
    result = tikg("config", "show", env={"TIKG_NEO4J__PASSWORD": "visible-secret-42"})
    assert result.returncode == 0, result.stderr
    assert "visible-secret-42" not in result.stdout
    assert "********" in result.stdout
