"""`tikg schedule` runs each source on its own trigger and stops cleanly on SIGTERM / SIGINT."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import Driver

from graph.schedule import trigger_for
from tests.conftest import REPO, SuiteServer
from tikg.settings import load_settings


def test_triggers_follow_the_configuration() -> None:
    settings = load_settings(
        None,
        feeds={
            "sources": [
                {"id": "a", "url": "https://x.example/a", "interval_minutes": 15},
                {"id": "b", "url": "https://x.example/b", "cron": "15 */2 * * *"},
                {"id": "c", "url": "https://x.example/c"},
            ]
        },
        schedule={"default_interval_minutes": 45},
    )
    a, b, c = (trigger_for(s, settings) for s in settings.feeds.sources)
    assert "0:15:00" in str(a)
    assert "hour='*/2'" in str(b) and "minute='15'" in str(b)
    assert "0:45:00" in str(c)


def test_bad_cron_is_named() -> None:
    settings = load_settings(
        None, feeds={"sources": [{"id": "x", "url": "https://x.example/", "cron": "61 * * * *"}]}
    )
    with pytest.raises(ValueError, match="source x: bad cron expression"):
        trigger_for(settings.feeds.sources[0], settings)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_schedule_crawls_then_stops_cleanly(
    neo4j_server: SuiteServer, neo4j_driver: Driver, tmp_path: Path, signum: int
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(
        "state_dir: state\nschedule:\n  jitter_seconds: 0\nfeeds:\n  per_host_delay: 0\n"
        f"  sources:\n    - id: leaks\n      url: {REPO / 'samples/feeds/leak-posts.json'}\n"
        "      interval_minutes: 60\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIKG_")}
    env.update(TIKG_NEO4J__URI=neo4j_server.uri, TIKG_NEO4J__PASSWORD=neo4j_server.password)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tikg", "-c", str(cfg), "schedule"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 180
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("Extraction:"):
                break
        assert any("summary source=leaks items=6 new=5" in s for s in seen), "".join(seen)
        proc.send_signal(signum)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, "".join(seen) + rest
    assert "Scheduler stopped." in rest
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (s:Source {key: 'leaks'}) RETURN s.last_success_at IS NOT NULL AS ok"
    )
    assert records[0]["ok"] is True
