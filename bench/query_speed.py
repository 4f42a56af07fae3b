"""Benchmark: p50 / p95 latency of every saved query on a synthetic graph of N incidents
(default 100,000: 300 groups, 15 sectors, 10 countries, three years, five claims each), with a
trivial read (``RETURN 1``) measured in the same run as the baseline.

Usage: .venv/bin/python -m bench.query_speed [--incidents 100000] [--runs 10]
       [--uri bolt://… --password …]   (default: a throwaway local server)
       [--data DIR [--port N]]          (a local server on DIR, kept after the run)
       [--skip-load]                    (reuse the graph already in --uri or --data)
       [--load-only] [--only NAME ...]

Loading 100,000 incidents takes about a quarter of an hour on the 2-core machine, so
``--data DIR --load-only`` once, then ``--data DIR --skip-load`` as often as needed, measures
query changes against the same graph. The password of a ``--data`` server is kept in
``DIR/password`` (mode 0600).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # also runnable as a script

from neo4j import Driver, GraphDatabase  # noqa: E402

from bench.load_speed import server, synth_items  # noqa: E402
from graph.catalog import load_catalog, run_saved  # noqa: E402
from graph.guard import run_read  # noqa: E402
from graph.loader import load_batch  # noqa: E402
from graph.resolve import resolve_reports  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from graph.server.manager import LocalServer  # noqa: E402

PARAMS: dict[str, dict[str, str]] = {
    "actor_profile": {"name": "Group001"},
    "actor_victims_by_sector": {"name": "Group001"},
    "actor_aliases": {"name": "Group001"},
    "actors_active_between": {"start": "2024-01-01", "end": "2024-01-31"},
    "fact_sources": {"victim": "Victim Org 0000001"},
    "incident_timeline": {"victim": "Victim Org 0000001"},
    "sector_waves": {"sector": "health", "min_victims": "3"},
    "incidents_by_country": {"country": "FR"},
    "unconfirmed_claims": {"days": "30"},
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextmanager
def kept_server(data: Path, port: int | None) -> Iterator[Driver]:
    """A local server on ``data`` (created on first use), stopped but not removed at the end.

    With ``port``, a server already running on ``data`` at that port is used as it is."""
    data.mkdir(parents=True, exist_ok=True)
    pw_file = data / "password"
    if not pw_file.exists():
        pw_file.touch(mode=0o600)
        pw_file.write_text(secrets.token_urlsafe(16))
    pw = pw_file.read_text().strip()
    if port is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
    local = LocalServer(data / "neo4j", port=port, password=pw, heap="2g", pagecache="1g")
    local.start()
    try:
        with GraphDatabase.driver(
            local.uri, auth=("neo4j", pw), notifications_min_severity="OFF"
        ) as driver:
            yield driver
    finally:
        local.stop()


def load(driver: Driver, incidents: int) -> None:
    t = time.perf_counter()
    step = 20_000
    for start in range(0, incidents, step):
        items = synth_items(min(step, incidents - start), offset=start)
        load_batch(driver, resolve_reports(items), aliases=False)
        print(f"  {start + len(items):,} incidents, {time.perf_counter() - t:.0f} s", flush=True)
    print(f"loaded {incidents:,} incidents in {time.perf_counter() - t:.0f} s", flush=True)


def measure(driver: Driver, runs: int, timeout: float, only: list[str]) -> None:
    base = []
    for _ in range(runs):
        t = time.perf_counter()
        run_read(driver, "RETURN 1 AS one", {})
        base.append((time.perf_counter() - t) * 1000)
    b50 = statistics.median(base)
    print(f"\n{'query':32} {'p50 ms':>9} {'p95 ms':>9} {'rows':>6} {'p50/base':>9}")
    print(f"{'RETURN 1 (baseline)':32} {b50:9.1f} {pct(base, 0.95):9.1f} {1:6d} {1.0:9.1f}")
    for name in sorted(load_catalog()):
        if only and name not in only:
            continue
        times, rows = [], 0
        for _ in range(runs):
            t = time.perf_counter()
            res = run_saved(driver, name, PARAMS.get(name, {}), timeout=timeout)
            times.append((time.perf_counter() - t) * 1000)
            rows = len(res.rows)
        p50 = statistics.median(times)
        print(
            f"{name:32} {p50:9.1f} {pct(times, 0.95):9.1f} {rows:6d} {p50 / b50:9.1f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--uri", default=os.environ.get("TIKG_BENCH_URI"))
    parser.add_argument("--password", default=os.environ.get("TIKG_BENCH_PASSWORD"))
    parser.add_argument("--data", type=Path, help="local server data folder, kept after the run")
    parser.add_argument("--port", type=int, help="Bolt port of the --data server")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--only", nargs="*", default=[], help="measure only these queries")
    args = parser.parse_args()
    if args.data and args.uri:
        parser.error("--data and --uri exclude each other")
    ctx = kept_server(args.data, args.port) if args.data else server(args.uri, args.password)
    with ctx as driver:
        apply_schema(driver)
        if not args.skip_load:
            load(driver, args.incidents)
        if not args.load_only:
            measure(driver, args.runs, args.timeout, args.only)


if __name__ == "__main__":
    main()
