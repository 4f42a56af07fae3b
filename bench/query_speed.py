"""Benchmark: p50 / p95 latency of every saved query on a synthetic graph of N incidents
(default 100,000: 300 groups, 15 sectors, 10 countries, three years, five claims each), with a
trivial read (``RETURN 1``) measured in the same run as the baseline.

Usage: .venv/bin/python bench/query_speed.py [--incidents 100000] [--runs 10]
       [--uri bolt://… --password …]   (default: a throwaway local server)
       [--skip-load]                    (reuse the graph already in --uri)
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from load_speed import server, synth_items

from graph.catalog import load_catalog, run_saved
from graph.guard import run_read
from graph.loader import load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--uri", default=os.environ.get("TIKG_BENCH_URI"))
    parser.add_argument("--password", default=os.environ.get("TIKG_BENCH_PASSWORD"))
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    with server(args.uri, args.password) as driver:
        apply_schema(driver)
        if not args.skip_load:
            t = time.perf_counter()
            step = 20_000
            for start in range(0, args.incidents, step):
                items = synth_items(min(step, args.incidents - start), offset=start)
                load_batch(driver, resolve_reports(items), aliases=False)
            print(f"loaded {args.incidents:,} incidents in {time.perf_counter() - t:.0f} s")
        base = []
        for _ in range(args.runs):
            t = time.perf_counter()
            run_read(driver, "RETURN 1 AS one", {})
            base.append((time.perf_counter() - t) * 1000)
        b50 = statistics.median(base)
        print(f"\n{'query':32} {'p50 ms':>9} {'p95 ms':>9} {'rows':>6} {'p50/base':>9}")
        print(f"{'RETURN 1 (baseline)':32} {b50:9.1f} {pct(base, 0.95):9.1f} {1:6d} {1.0:9.1f}")
        for name in sorted(load_catalog()):
            times, rows = [], 0
            for _ in range(args.runs):
                t = time.perf_counter()
                res = run_saved(driver, name, PARAMS.get(name, {}), timeout=args.timeout)
                times.append((time.perf_counter() - t) * 1000)
                rows = len(res.rows)
            p50 = statistics.median(times)
            print(f"{name:32} {p50:9.1f} {pct(times, 0.95):9.1f} {rows:6d} {p50 / b50:9.1f}")


if __name__ == "__main__":
    main()
