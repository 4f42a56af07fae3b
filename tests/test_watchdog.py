"""The suite's Neo4j watchdog: when its input closes (the suite exited or was killed), it stops
the process it watches, and only that process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO


def _sleeper(marker: Path) -> subprocess.Popen[bytes]:
    # a stand-in for the server: a real process whose command line names its folder
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", str(marker)])


def _watchdog(pid: int, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.neo4j_watchdog", str(pid), str(home)],
        stdin=subprocess.PIPE,
        cwd=REPO,
    )


def test_closed_input_stops_the_watched_process(tmp_path: Path) -> None:
    target = _sleeper(tmp_path / "server-home")
    watchdog = _watchdog(target.pid, tmp_path / "server-home")
    try:
        time.sleep(0.5)
        assert target.poll() is None and watchdog.poll() is None  # waits while the input is open
        assert watchdog.stdin is not None
        watchdog.stdin.close()  # what the system does when the suite dies
        assert target.wait(timeout=30) != 0  # terminated by a signal
        assert watchdog.wait(timeout=30) == 0
    finally:
        target.kill()
        watchdog.kill()


def test_a_process_that_is_not_the_server_is_left_alone(tmp_path: Path) -> None:
    target = _sleeper(tmp_path / "something-else")
    watchdog = _watchdog(target.pid, tmp_path / "server-home")
    try:
        assert watchdog.stdin is not None
        watchdog.stdin.close()
        assert watchdog.wait(timeout=30) == 0
        assert target.poll() is None
    finally:
        target.kill()
        target.wait()
