"""Benchmark: a crawl of N local feeds (real HTTP server on 127.0.0.1, real Neo4j), then a second
pass that should create nothing, against a baseline measured in the same run: the same feeds
fetched with httpx and parsed with bare feedparser, nothing stored.

Usage (from the repository root): .venv/bin/python -m bench.crawl_speed [--feeds 200] [--items 10]
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import tempfile
import time
from pathlib import Path

import feedparser
import httpx
from neo4j import GraphDatabase

from graph.crawl import crawl_sources
from graph.schema import apply_schema
from graph.server.manager import LocalServer
from tests.conftest import free_port
from tests.httpfixture import LocalHttpServer
from tikg.settings import load_settings


def feed(n: int, items: int) -> bytes:
    body = "".join(
        f"<item><title>Feed {n} story {i}</title><link>https://bench.example/{n}/{i}</link>"
        f"<guid>https://bench.example/{n}/{i}</guid>"
        "<pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate>"
        f"<description>Story {i} of feed {n}: an organisation reports an intrusion.</description>"
        "</item>"
        for i in range(items)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>b</title><link>https://b/</link>'
        f"<description>b</description>{body}</channel></rss>"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tikg-crawl-bench-"))
    password = secrets.token_urlsafe(16)
    server = LocalServer(tmp / "neo4j", port=free_port(), password=password)
    server.start()
    try:
        with LocalHttpServer(lifetime=3600, max_requests=10 * args.feeds + 100) as http:
            for n in range(args.feeds):
                http.serve(f"/f{n}.xml", feed(n, args.items), etag=f'"f{n}"')
            urls = [http.url(f"/f{n}.xml") for n in range(args.feeds)]

            t = time.perf_counter()
            with httpx.Client() as client:
                parsed = sum(len(feedparser.parse(client.get(u).content).entries) for u in urls)
            baseline = time.perf_counter() - t

            settings = load_settings(
                None,
                state_dir=tmp / "state",
                neo4j={"uri": server.uri, "password": password},
                feeds={
                    "per_host_delay": 0,
                    "sources": [
                        {"id": f"f{n}", "kind": "rss", "url": u} for n, u in enumerate(urls)
                    ],
                },
            )
            with GraphDatabase.driver(
                server.uri, auth=("neo4j", password), notifications_min_severity="OFF"
            ) as driver:
                apply_schema(driver)
                before = len(http.requests())
                t = time.perf_counter()
                first = crawl_sources(settings, driver)
                first_s = time.perf_counter() - t
                first_req = len(http.requests()) - before
                t = time.perf_counter()
                second = crawl_sources(settings, driver)
                second_s = time.perf_counter() - t
                second_req = len(http.requests()) - before - first_req
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    created1 = sum(s.new for s in first)
    created2 = sum(s.new for s in second)
    print(f"feeds {args.feeds} x {args.items} items ({parsed} items parsed by the baseline)")
    print(f"baseline fetch + bare feedparser   {baseline:7.2f} s")
    print(
        f"crawl, first pass                  {first_s:7.2f} s  ratio {first_s / baseline:5.2f}x"
        f"  requests {first_req}  documents created {created1}"
    )
    print(
        f"crawl, second pass (all 304)       {second_s:7.2f} s  ratio {second_s / baseline:5.2f}x"
        f"  requests {second_req}  documents created {created2}"
    )
    print(f"errors: {sum(1 for s in first + second if s.error)}")


if __name__ == "__main__":
    main()
