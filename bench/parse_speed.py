"""Benchmark: source-parser throughput against bare feedparser on the same bytes, measured in
the same run, and peak memory (a fresh process each, VmHWM / ``ru_maxrss``) on a generated
20,000-item RSS feed.

Workloads (read from ../shared/corpus beside the repository, never copied):
* the 27 English news snapshots (810 items): ``parse_payload`` (auto detection, HTML to text,
  URL canonicalisation, language detection, records) vs ``feedparser.parse``;
* the 5,000-item leak RSS: ``parse_payload`` (leak parser, name cleaning) vs ``feedparser.parse``;
* ransomwatch ``posts.json`` (11,039 posts): ``parse_payload`` vs bare ``json.loads``.

Prints timings (best of N rounds), items per second and the ratio ours / baseline (above 1 =
slower than the baseline). Nothing is asserted.

Usage: .venv/bin/python bench/parse_speed.py [--rounds N] [--items N]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import feedparser

from ingest.sources import detect_kind, parse_payload

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def best_of(rounds: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Best wall time of ``rounds`` runs, and the item count of the last run."""
    times = []
    count = 0
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        count = fn()
        times.append(time.perf_counter() - start)
    return min(times), count


def ours(payloads: list[bytes], kind: str = "auto") -> Callable[[], int]:
    def run() -> int:
        return sum(len(parse_payload(d, source_id="bench", kind=kind).documents) for d in payloads)

    return run


def bare_feedparser(payloads: list[bytes]) -> Callable[[], int]:
    def run() -> int:
        return sum(len(feedparser.parse(d).entries) for d in payloads)

    return run


def bare_json(payloads: list[bytes]) -> Callable[[], int]:
    def run() -> int:
        return sum(len(json.loads(d)) for d in payloads)

    return run


def report(
    name: str, rounds: int, mine: Callable[[], int], base: Callable[[], int], label: str
) -> None:
    t_ours, n_ours = best_of(rounds, mine)
    t_base, n_base = best_of(rounds, base)
    print(
        f"{name:<34} ours {t_ours * 1000:8.1f} ms ({n_ours / t_ours:9.0f} items/s, {n_ours} items)"
        f" | {label} {t_base * 1000:8.1f} ms ({n_base / t_base:9.0f} items/s)"
        f" | ratio ours/{label} {t_ours / t_base:5.2f}"
    )


def generated_feed(items: int) -> bytes:
    """An invented RSS 2.0 feed of ``items`` items (HTML descriptions, tracking links)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Generated</title><link>https://bench.example/</link><language>en</language>"
    ]
    for n in range(items):
        parts.append(
            f"<item><title>Example incident number {n} at a fictional company</title>"
            f"<link>https://bench.example/news/{n}?utm_source=rss&amp;ref={n % 7}</link>"
            f'<guid isPermaLink="false">bench-{n}</guid>'
            f"<pubDate>Mon, 0{1 + n % 9} Sep 2025 {n % 24:02d}:00:00 GMT</pubDate>"
            "<description>&lt;p&gt;A fictional organisation reported that an intruder "
            "accessed part of its network; the investigation is ongoing and customers were "
            f"told to watch for phishing attempts (case {n}).&lt;/p&gt;</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the kernel's resident high-water mark (Linux: write 5 to clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def child_peak_rss(which: str, items: int) -> None:
    """Child process: build the feed, then print RSS before, peak RSS while parsing (KiB)."""
    feed = generated_feed(items)
    parse_payload(generated_feed(1), source_id="warm-up")  # language model loaded here
    gc.collect()
    before = _status_kib("VmRSS") or 0
    exact = _reset_peak()
    count = 0
    if which == "ours":
        count = len(parse_payload(feed, source_id="bench", kind="rss").documents)
    elif which == "feedparser":
        count = len(feedparser.parse(feed).entries)
    peak = (_status_kib("VmHWM") if exact else None) or resource.getrusage(
        resource.RUSAGE_SELF
    ).ru_maxrss
    print(before, peak, count, int(exact))


def peak_memory(which: str, items: int) -> tuple[float, float, int, bool]:
    """(RSS before, peak RSS while parsing) in MiB of a fresh process parsing with ``which``."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", which, "--items", str(items)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[0]) / 1024, int(out[1]) / 1024, int(out[2]), out[3] == "1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="Runs per measurement (best kept).")
    parser.add_argument("--items", type=int, default=20_000, help="Items of the generated feed.")
    parser.add_argument("--child", choices=("ours", "feedparser", "none"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_peak_rss(args.child, args.items)
        return
    if not CORPUS.is_dir():
        raise SystemExit(f"shared corpus not found at {CORPUS}")

    news = [p.read_bytes() for p in sorted((CORPUS / "news/en/sentrydigest").glob("feed_*.xml"))]
    leak = [(CORPUS / "leak/ransomwatch-rss/feed.xml").read_bytes()]
    posts = [(CORPUS / "leak/ransomwatch/posts.json").read_bytes()]
    print(f"rounds: best of {args.rounds}; kinds: {detect_kind(news[0])}, {detect_kind(leak[0])}")
    parse_payload(news[0], source_id="warm-up")  # load the language model once, outside timing

    report(
        "27 news snapshots (810 items)",
        args.rounds,
        ours(news),
        bare_feedparser(news),
        "feedparser",
    )
    report("leak RSS (5,000 items)", args.rounds, ours(leak), bare_feedparser(leak), "feedparser")
    report(
        "ransomwatch posts.json (11,039)", args.rounds, ours(posts), bare_json(posts), "json.loads"
    )

    feed = generated_feed(args.items)
    print(f"generated feed: {args.items} items, {len(feed) / 2**20:.1f} MiB")
    t_ours, _ = best_of(1, ours([feed], kind="rss"))
    t_base, _ = best_of(1, bare_feedparser([feed]))
    print(f"generated feed parse time: ours {t_ours:.1f} s, feedparser {t_base:.1f} s")
    for which in ("ours", "feedparser"):
        before, peak, count, exact = peak_memory(which, args.items)
        how = "VmHWM reset before parsing" if exact else "ru_maxrss, includes start-up"
        print(
            f"peak RSS {which:<10} {peak:7.1f} MiB, {peak - before:+7.1f} MiB while parsing "
            f"{count} items ({how})"
        )


if __name__ == "__main__":
    main()
