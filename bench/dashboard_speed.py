"""Benchmark: cold and warm load time of every dashboard page on a synthetic graph of N incidents
(default 100,000: the graph of ``bench/load_speed.py``: 300 groups, 15 sectors, 10 countries,
three years, five claims each).

Each page is run from the entrypoint with Streamlit's AppTest, in this process, against the real
server: *cold* = the data cache emptied first (the driver stays, as in a running app), *warm* =
the same page again with its cached reads. The baseline, measured in the same run, is AppTest
running a static page (Streamlit's own cost of one script run). Goal: warm < 1 s, cold < 2 s.

Usage: .venv/bin/python -m bench.dashboard_speed [--incidents 100000] [--runs 3]
       [--uri bolt://… --password …]   (default: a throwaway local server)
       [--skip-load]                    (reuse the graph already in --uri)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from load_speed import server, synth_items  # noqa: E402

from graph.loader import load_batch  # noqa: E402
from graph.resolve import resolve_reports  # noqa: E402
from graph.schema import apply_schema  # noqa: E402

APP = str(ROOT / "dashboard" / "app.py")
#: page -> widget inputs applied before timing (key -> value)
PAGES: dict[str, dict[str, str]] = {
    "overview": {},
    "actor": {"actor_search": "Group001"},
    "incident": {"victim_search": "Victim Org 0000001"},
    "network": {},
    "queries": {},
    "sources": {},
    "export": {},
}


def run_page(page: str, inputs: dict[str, str]) -> float:
    """Seconds for one run of ``page`` with its inputs (the part after the first script run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in inputs.items():
        at.session_state[key] = value
    if page != "overview":
        at.switch_page(f"screens/{page}.py")  # the first run is already this page
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    shown = at.title[0].value.lower() if at.title else ""
    if at.exception or at.error or not shown.startswith(page[:4]):
        raise RuntimeError(f"{page}: {[e.value for e in [*at.exception, *at.error]]}")
    return elapsed


def baseline() -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.title('static')\nst.text('x')\n")
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
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
        n = driver.execute_query("MATCH (i:Incident) RETURN count(i) AS n")[0][0]["n"]
        uri = args.uri or driver._tikg_uri  # type: ignore[attr-defined]
        password = args.password or driver._tikg_pw  # type: ignore[attr-defined]
        folder = Path(tempfile.mkdtemp(prefix="tikg-dash-bench-"))
        config = folder / "config.yaml"
        config.write_text(f"state_dir: {folder / 'state'}\n")
        os.environ.update(
            TIKG_CONFIG=str(config), TIKG_NEO4J__URI=uri, TIKG_NEO4J__PASSWORD=password
        )
        import streamlit as st

        base = statistics.median(baseline() for _ in range(5))
        print(f"graph: {n:,} incidents; baseline (static page) {base * 1000:.0f} ms")
        print(f"{'page':10} {'cold s':>8} {'warm s':>8} {'cold/base':>10} {'warm/base':>10}")
        run_page("sources", {})  # the driver resource, as in a running app
        for page, inputs in PAGES.items():
            cold, warm = [], []
            for _ in range(args.runs):
                st.cache_data.clear()
                cold.append(run_page(page, inputs))
                warm.append(run_page(page, inputs))
            c, w = statistics.median(cold), statistics.median(warm)
            print(f"{page:10} {c:8.2f} {w:8.2f} {c / base:10.0f} {w / base:10.0f}")


if __name__ == "__main__":
    main()
