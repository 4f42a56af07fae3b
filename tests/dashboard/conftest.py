"""Fixtures of the dashboard tests: a seeded graph (the founding story, other groups' leak posts
and hostile strings), a listener that records any request a hostile Markdown image would make,
and the environment the app reads its settings from.

The graph is built through the real pipeline (``resolve_reports`` + ``load_batch``); only the
hostile report titles are then stored verbatim with one parameterised ``SET``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from neo4j import Driver

from graph.loader import load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.conftest import SuiteServer
from tests.graph.stories import corpus, day, leak_item


@dataclass
class Listener:
    """A loopback HTTP server that only records what it is asked for."""

    port: int
    requests: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Listener(server.server_address[1], seen)
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Hostile:
    actor_img: str
    actor_script: str
    victim_md_image: str
    victim_js_link: str
    titles: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return (
            self.actor_img,
            self.actor_script,
            self.victim_md_image,
            self.victim_js_link,
            *self.titles,
        )


def hostile_strings(listener: Listener) -> Hostile:
    return Hostile(
        actor_img='<img src=x onerror="window.__xss=1">',
        actor_script="Evil<script>window.__xss=2</script>",
        victim_md_image=f"![x]({listener.base}/md-image.png)",
        victim_js_link="[click me](javascript:window.__xss=3)",
        titles=(
            f'<img src="{listener.base}/title-img.png" onerror="window.__xss=4">',
            f"![leak]({listener.base}/title-md.png) <script>window.__xss=5</script>",
        ),
    )


@dataclass(frozen=True)
class SeededGraph:
    driver: Driver
    hostile: Hostile
    listener: Listener


@pytest.fixture(scope="session")
def seeded_graph(session_driver: Driver, listener: Listener) -> SeededGraph:
    hostile = hostile_strings(listener)
    session_driver.execute_query("MATCH (n) DETACH DELETE n")
    apply_schema(session_driver)
    posts = [
        leak_item(hostile.actor_img, hostile.victim_md_image, day(2025, 12, 1), activity="Retail"),
        leak_item(hostile.actor_script, hostile.victim_js_link, day(2025, 12, 2)),
    ]
    load_batch(session_driver, resolve_reports([*corpus(), *posts]))
    # Hostile titles, stored verbatim on the two hostile posts' reports.
    for post, title in zip(posts, hostile.titles, strict=True):
        session_driver.execute_query(
            "MATCH (r:Report {key: $key}) SET r.title = $title, r.url = $url",
            key=post.report_key,
            title=title,
            url="javascript:window.__xss=6",
        )
    return SeededGraph(session_driver, hostile, listener)


@pytest.fixture(scope="module")
def app_env(
    neo4j_server: SuiteServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """The environment variables the dashboard's settings come from (set for this process while
    one test module runs, then removed so no other test sees them)."""
    folder: Path = tmp_path_factory.mktemp("dashboard")
    config = folder / "config.yaml"
    config.write_text(f"state_dir: {folder / 'state'}\ndashboard:\n  cache_ttl: 60\n")
    env = {
        "TIKG_CONFIG": str(config),
        "TIKG_NEO4J__URI": neo4j_server.uri,
        "TIKG_NEO4J__PASSWORD": neo4j_server.password,
    }
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        yield env
