"""Exports and the analytics projection from a seeded graph; STIX re-parsed and validated."""

from __future__ import annotations

import csv
import io
import json

import stix2
from neo4j import Driver

from graph.analytics import detect_waves, opportunism, project_attributions
from graph.exports import export, read_export
from graph.loader import load_batch
from graph.repository import actor_profile, fact_counts, fact_sources, list_actors
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.graph.stories import corpus


def test_exports_analytics_and_repository(neo4j_driver: Driver) -> None:
    apply_schema(neo4j_driver)
    load_batch(neo4j_driver, resolve_reports(corpus()))
    data = read_export(neo4j_driver)

    text = export(data, "stix")
    bundle = stix2.parse(text, allow_custom=False)
    by_type: dict[str, list[object]] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    names = {o.name for o in by_type["identity"]}  # type: ignore[attr-defined]
    assert any("decin" in n for n in names) and "Leroy Merlin" in names
    targets = [r for r in by_type["relationship"] if r.relationship_type == "targets"]  # type: ignore[attr-defined]
    assert all(0 <= r.confidence <= 100 for r in targets)  # type: ignore[attr-defined]
    urls = [e.get("url") for r in by_type["report"] for e in r.external_references]  # type: ignore[attr-defined]
    assert "https://press.example/medecindirect" in urls
    assert export(read_export(neo4j_driver), "stix") == text  # deterministic ids

    misp = json.loads(export(data, "misp"))
    posts = misp["Event"]["Object"]
    assert len(posts) == 8 and all(o["name"] == "ransomware-group-post" for o in posts)
    assert json.loads(export(read_export(neo4j_driver), "misp"))["Event"]["Object"] == posts

    rows = list(csv.DictReader(io.StringIO(export(data, "csv"))))
    assert {"285000.0", "320000.0"} <= {r["value"] for r in rows}

    attributions = project_attributions(neo4j_driver)
    assert any(w.value == "health" for w in detect_waves(attributions, min_victims=3))
    assert {o.actor: o.score for o in opportunism(attributions)}["Dumpsec"] == 2
    past = project_attributions(neo4j_driver, as_of="2025-11-15")
    assert {a.org for a in past} == {"Weda"}

    profile = actor_profile(neo4j_driver, "dumpsec")
    assert {p.modality for p in profile} >= {"claimed"}
    assert all(f.value is not None for p in profile for f in p.figures)
    assert fact_sources(neo4j_driver, "MedecinDirect", kind="figure")
    assert list_actors(neo4j_driver)[0].incidents >= 1
    now, then = fact_counts(neo4j_driver), fact_counts(neo4j_driver, as_of="2025-11-15")
    assert now.claims > then.claims > 0
