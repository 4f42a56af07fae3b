"""The ingestion commands as a user runs them: parse (no database), crawl, sources, import."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from tests.conftest import REPO, SuiteServer
from tests.test_cli import tikg


def _env(server: SuiteServer) -> dict[str, str]:
    return {"TIKG_NEO4J__URI": server.uri, "TIKG_NEO4J__PASSWORD": server.password}


def test_parse_prints_json_lines_without_a_database() -> None:
    env = {"TIKG_NEO4J__URI": "bolt://127.0.0.1:1", "TIKG_NEO4J__PASSWORD": "unused-here"}
    result = tikg("parse", str(REPO / "samples/feeds/veille-fr.xml"), "--format", "jsonl", env=env)
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 6
    for doc in docs:
        for key in ("source_kind", "guid", "url", "title", "text", "published_at", "lang"):
            assert key in doc
        assert doc["lang"] == "fr"
        assert doc["published_at"].endswith("+00:00")


def test_parse_leak_posts_has_actor_and_victim() -> None:
    result = tikg("parse", str(REPO / "samples/feeds/leak-posts.json"))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    decorated = next(d for d in docs if "\\" in d["victim_raw"])
    assert decorated["victim"] == "fabrikam-council.gov"
    assert "$2.1M" in decorated["figures"]
    for doc in docs:
        assert doc["actor"] and doc["victim"] and doc["discovered_at"]


def test_parse_reports_bad_items_and_goes_on() -> None:
    result = tikg("parse", str(REPO / "samples/feeds/forum.jsonl"))
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2
    assert "skipped item" in result.stderr


def test_parse_refuses_hostile_xml(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    feed = tmp_path / "evil.xml"
    feed.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><title>&x;</title></channel></rss>"
    )
    result = tikg("parse", str(feed))
    assert result.returncode == 1
    assert "hostile" in result.stderr
    assert "TOP-SECRET" not in result.stdout + result.stderr


def test_crawl_sources_and_import(
    neo4j_server: SuiteServer, neo4j_driver: Driver, tmp_path: Path
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(
        "state_dir: state\nfeeds:\n  per_host_delay: 0\n  sources:\n"
        f"    - id: fr\n      kind: rss\n      url: {REPO / 'samples/feeds/veille-fr.xml'}\n"
        f"    - id: leaks\n      url: {REPO / 'samples/feeds/leak-posts.json'}\n"
        f"    - id: gone\n      kind: rss\n      url: {tmp_path / 'missing.xml'}\n"
    )
    crawl = tikg("-c", str(cfg), "crawl", env=_env(neo4j_server))
    assert crawl.returncode == 1  # one source failed; the others were crawled
    assert "summary source=fr items=6 new=6" in crawl.stderr
    assert "summary source=leaks items=6 new=5 duplicates=1" in crawl.stderr
    assert "source=gone" in crawl.stderr and "cannot read" in crawl.stderr

    only = tikg("-c", str(cfg), "crawl", "--source", "fr", env=_env(neo4j_server))
    assert only.returncode == 0, only.stderr
    assert "not_modified=true" in only.stderr

    sources = tikg("-c", str(cfg), "sources", env=_env(neo4j_server))
    assert sources.returncode == 0, sources.stderr
    assert "cannot read" in sources.stdout  # the failing source's error is shown
    row = next(line for line in sources.stdout.splitlines() if line.strip("│ ").startswith("fr "))
    assert "6" in row

    article = tmp_path / "note.txt"
    article.write_text(
        "Le groupe « Ombre Rouge » revendique une attaque contre la mutuelle Solidaris Santé.\n"
    )
    first = tikg(
        "-c", str(cfg), "import", str(article), "--published", "2026-11-20", env=_env(neo4j_server)
    )
    assert first.returncode == 0, first.stderr
    assert "1 new" in first.stdout
    again = tikg("-c", str(cfg), "import", str(article), env=_env(neo4j_server))
    assert again.returncode == 0
    assert "0 new, 1 already known" in again.stdout
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Source {key: 'import'})-[:PUBLISHED]->(r:Report) "
        "RETURN r.published_at.year AS y, r.lang AS lang"
    )
    assert [(r["y"], r["lang"]) for r in records] == [(2026, "fr")]

    bad_date = tikg(
        "-c",
        str(cfg),
        "import",
        str(article),
        "--published",
        "yesterday-ish",
        env=_env(neo4j_server),
    )
    assert bad_date.returncode == 2
