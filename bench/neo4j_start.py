"""Benchmark: local Neo4j start and stop time, against a bare JVM start measured in the same run,
and the disk used by the launcher's artifacts.

Usage: .venv/bin/python bench/neo4j_start.py [--rounds N]
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from graph.server.manager import LAUNCHER_DIR, LocalServer, build_launcher


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tikg-bench-"))
    build_launcher(tmp / "build.log")
    java = shutil.which("java") or "java"
    jvm = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        subprocess.run([java, "-version"], capture_output=True, check=True)
        jvm.append(time.perf_counter() - t)
    server = LocalServer(tmp / "neo4j", port=_free_port(), password=secrets.token_urlsafe(16))
    cold = server.start().seconds
    stops, warms = [], []
    t = time.perf_counter()
    server.stop()
    stops.append(time.perf_counter() - t)
    for _ in range(args.rounds):
        warms.append(server.start().seconds)
        t = time.perf_counter()
        server.stop()
        stops.append(time.perf_counter() - t)
    base = statistics.median(jvm)
    warm = statistics.median(warms)
    print(f"bare JVM start (baseline)    {base:7.2f} s")
    print(f"Neo4j first start (new data) {cold:7.2f} s  ratio {cold / base:6.1f}x")
    print(f"Neo4j start (existing data)  {warm:7.2f} s  ratio {warm / base:6.1f}x")
    print(f"Neo4j stop                   {statistics.median(stops):7.2f} s")
    target = LAUNCHER_DIR / "target"
    print(f"launcher artifacts           {_du(target) / 2**20:7.1f} MiB in {target}")
    print(f"empty data folder            {_du(tmp / 'neo4j') / 2**20:7.1f} MiB")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
