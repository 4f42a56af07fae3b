"""Benchmark: loading claims with graph/loader.py, against two baselines measured in the same run
on the same rows — one auto-commit query per row, and a single raw ``UNWIND … MERGE`` of the
claims (no entities, derived edges or incident status) — and an idempotent re-load. Each variant
runs with the driver's Rust packstream extension (neo4j-rust-ext) and without it.

Usage: .venv/bin/python -m bench.load_speed [--claims 100000] [--naive-rows 5000]
       [--uri bolt://… --password …]   (default: a throwaway local server)

Each mode runs in its own interpreter (the driver picks its packstream implementation when it
is imported): the parent starts the server and runs itself with and without ``--no-rust``.
"""

from __future__ import annotations

import sys

if "--no-rust" in sys.argv:  # must happen before the driver is imported
    import importlib.abc

    class _BlockRust(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: object, target: object = None) -> None:
            if fullname == "neo4j._rust" or fullname.startswith("neo4j._rust."):
                raise ImportError("neo4j-rust-ext disabled for this run")

    sys.meta_path.insert(0, _BlockRust())

import argparse
import os
import secrets
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

from graph import cypher_load
from graph.batch import LoadBatch, ReportExtraction
from graph.keys import make_key
from graph.loader import claim_props, load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from graph.server.manager import LocalServer
from ingest.records import (
    ExtractedActorLink,
    ExtractedDataCategory,
    ExtractedDate,
    ExtractedFigure,
    ExtractedIncident,
    ExtractedReport,
)

SECTORS = ("health", "finance", "retail", "education", "government", "technology", "energy",
           "manufacturing", "transport", "telecom", "media", "legal", "hospitality", "defense",
           "construction")  # fmt: skip
COUNTRIES = ("FR", "BE", "DE", "US", "GB", "IT", "ES", "CA", "NL", "CH")
START = date(2023, 1, 1)


def synth_items(
    incidents: int, *, offset: int = 0, actors: int = 300, days: int = 1095
) -> list[ReportExtraction]:
    """One report per incident, five claims each: victim, attribution, date, figure, data."""
    items = []
    for n in range(offset, offset + incidents):
        when = START + timedelta(days=(n * 7919) % days)
        actor = f"Group{(n * 31) % actors:03d}"
        victim = f"Victim Org {n:07d}"
        inc = ExtractedIncident(
            victim=victim,
            sector=SECTORS[n % len(SECTORS)],
            country=COUNTRIES[(n // 3) % len(COUNTRIES)],
            actors=(ExtractedActorLink(actor, "claimed", actor, "actor", None, 0.9),),
            dates=(ExtractedDate("claimed", when.isoformat(), "day"),),
            figures=(
                ExtractedFigure(
                    float(1000 + n % 5000), "count", "records", actor, "claimed", "actor"
                ),
            ),
            data_exposed=(ExtractedDataCategory(("names", "ssn", "emails")[n % 3], "data"),),
        )
        key = make_key("bench-report", str(n))
        recorded = datetime(when.year, when.month, when.day, tzinfo=UTC) + timedelta(days=1)
        items.append(
            ReportExtraction(
                report_key=key,
                recorded_at=recorded,
                published_at=recorded,
                source_id="bench",
                url=f"https://bench.example/{n}",
                extraction=ExtractedReport(
                    id=key, lang="en", extractor_version="bench", incidents=(inc,)
                ),
                is_leak_post=True,
            )
        )
    return items


def claim_rows(batch: LoadBatch) -> list[dict[str, Any]]:
    return [
        {
            "key": c.key,
            "report_key": c.report_key,
            "incident_key": c.incident_key,
            "props": claim_props(c),
        }
        for c in batch.claims
    ]


@contextmanager
def server(uri: str | None, password: str | None) -> Iterator[Driver]:
    if uri:
        with GraphDatabase.driver(
            uri, auth=("neo4j", password or ""), notifications_min_severity="OFF"
        ) as driver:
            yield driver
        return
    home = Path(tempfile.mkdtemp(prefix="tikg-bench-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    pw = secrets.token_urlsafe(16)
    local = LocalServer(home / "neo4j", port=port, password=pw, heap="2g", pagecache="1g")
    local.start()
    try:
        with GraphDatabase.driver(
            local.uri, auth=("neo4j", pw), notifications_min_severity="OFF"
        ) as driver:
            driver._tikg_uri, driver._tikg_pw = local.uri, pw  # type: ignore[attr-defined]
            yield driver
    finally:
        local.stop()


def rust_enabled() -> bool:
    from neo4j._codec.packstream import v1

    return v1._rust_pack is not None


def wipe(driver: Driver) -> None:
    with driver.session() as session:  # CALL … IN TRANSACTIONS needs an implicit transaction
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def counts(driver: Driver) -> tuple[int, int]:
    rec, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS n } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r"
    )
    return rec[0]["n"], rec[0]["r"]


def run(driver: Driver, batch: LoadBatch, naive_rows: int) -> dict[str, float]:
    rows = claim_rows(batch)
    out: dict[str, float] = {}
    wipe(driver)
    t = time.perf_counter()
    load_batch(driver, batch, aliases=False)
    out["loader"] = time.perf_counter() - t
    first = counts(driver)
    t = time.perf_counter()
    load_batch(driver, batch, aliases=False)
    out["reload"] = time.perf_counter() - t
    assert counts(driver) == first, "re-load changed the graph"
    wipe(driver)
    t = time.perf_counter()
    with driver.session() as session:
        session.execute_write(lambda tx: tx.run(cypher_load.BENCH_RAW_UNWIND, rows=rows).consume())
    out["raw_unwind"] = time.perf_counter() - t
    wipe(driver)
    sample = rows[:naive_rows]
    t = time.perf_counter()
    with driver.session() as session:
        for row in sample:
            session.run(cypher_load.BENCH_ONE_CLAIM, **row).consume()
    out["per_row_sample"] = time.perf_counter() - t
    out["per_row"] = out["per_row_sample"] * len(rows) / max(1, len(sample))
    return out


def report(label: str, n: int, naive_rows: int, r: dict[str, float]) -> None:
    print(f"\n[{label}]")
    print(f"  loader (ours)          {r['loader']:8.1f} s  {n / r['loader']:9,.0f} claims/s")
    print(f"  idempotent re-load     {r['reload']:8.1f} s  (counts unchanged)")
    print(
        f"  one query per row      {r['per_row']:8.1f} s  (extrapolated from {naive_rows:,} rows)"
        f"  loader is {r['per_row'] / r['loader']:5.1f}x faster"
    )
    print(
        f"  single raw UNWIND      {r['raw_unwind']:8.1f} s"
        f"  loader / raw = {r['loader'] / r['raw_unwind']:4.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--naive-rows", type=int, default=5_000)
    parser.add_argument("--uri", default=os.environ.get("TIKG_BENCH_URI"))
    parser.add_argument("--password", default=os.environ.get("TIKG_BENCH_PASSWORD"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-rust", action="store_true", help="Pure-Python packstream.")
    args = parser.parse_args()
    if not args.child:
        with server(args.uri, args.password) as driver:
            apply_schema(driver)
            uri, pw = driver_auth(driver, args)
            for extra in ([], ["--no-rust"]):
                cmd = [sys.executable, __file__, "--child", "--uri", uri, "--password", pw]
                cmd += ["--claims", str(args.claims), "--naive-rows", str(args.naive_rows)]
                subprocess.run([*cmd, *extra], check=True)
        return
    t = time.perf_counter()
    batch = resolve_reports(synth_items(args.claims // 5))
    resolve_s = time.perf_counter() - t
    n = len(batch.claims)
    label = "with neo4j-rust-ext" if rust_enabled() else "pure-Python packstream"
    print(f"claims: {n:,} ({len(batch.incidents):,} incidents); resolve {resolve_s:.1f} s; {label}")
    with GraphDatabase.driver(
        args.uri, auth=("neo4j", args.password), notifications_min_severity="OFF"
    ) as driver:
        report(label, n, args.naive_rows, run(driver, batch, args.naive_rows))


def driver_auth(driver: Driver, args: argparse.Namespace) -> tuple[str, str]:
    """The URI and password the children connect with (the throwaway server's, or --uri's)."""
    return getattr(driver, "_tikg_uri", args.uri), getattr(driver, "_tikg_pw", args.password)


if __name__ == "__main__":
    main()
