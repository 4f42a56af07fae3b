"""Stops the suite's Neo4j server if the test process goes away without stopping it (a killed
pytest): the suite holds the write end of this process's stdin, and the system closes it when
the suite exits, however it exits. On end of input, the server is asked to stop (SIGTERM, then
SIGKILL after a grace period) if it is still the same process (its command line names the
suite's server folder).

Usage: ``python -m tests.neo4j_watchdog PID SERVER_HOME``.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path


def is_server(pid: int, home: str) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return home.encode() in cmdline


def stop(pid: int, home: str, grace: float = 60.0) -> bool:
    """SIGTERM, then SIGKILL after ``grace`` seconds; True if the process was ours."""
    if not is_server(pid, home):
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not is_server(pid, home):
            return True
        time.sleep(0.2)
    if is_server(pid, home):
        os.kill(pid, signal.SIGKILL)
    return True


def main() -> None:
    pid, home = int(sys.argv[1]), sys.argv[2]
    sys.stdin.buffer.read()  # returns at end of input: the suite closed it or is gone
    stop(pid, home)


if __name__ == "__main__":
    main()
