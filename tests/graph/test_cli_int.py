"""The graph commands as an analyst runs them, against the suite's Neo4j."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import stix2
from neo4j import Driver

from graph.loader import load_batch
from graph.resolve import resolve_reports
from graph.schema import apply_schema
from tests.conftest import SHARED, SuiteServer
from tests.graph.stories import corpus
from tikg.cli.app import main


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


Tikg = Callable[..., Run]


@pytest.fixture()
def tikg(
    neo4j_server: SuiteServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Tikg:
    """The CLI in-process (same entry point as the ``tikg`` script, without a new interpreter)."""
    for key in [k for k in os.environ if k.startswith("TIKG_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("TIKG_NEO4J__URI", neo4j_server.uri)
    monkeypatch.setenv("TIKG_NEO4J__PASSWORD", neo4j_server.password)

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


COUNTS = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
)


def test_query_cypher_export_alias(neo4j_driver: Driver, tikg: Tikg) -> None:
    apply_schema(neo4j_driver)
    load_batch(neo4j_driver, resolve_reports(corpus()))

    res = tikg("query", "actor_profile", "-p", "name=Dumpsec", "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert {r["modality"] for r in rows} >= {"claimed"}

    res = tikg("cypher", "MATCH (n) DETACH DELETE n")
    assert res.returncode == 2
    assert "only read queries" in res.stderr
    res = tikg("cypher", "MATCH (a:ThreatActor) RETURN a.name AS n", "-f", "csv")
    assert res.returncode == 0 and "Dumpsec" in res.stdout

    res = tikg("export", "--format", "stix")
    assert res.returncode == 0, res.stderr
    bundle = stix2.parse(res.stdout, allow_custom=False)
    types = {o.type for o in bundle.objects}
    assert {"identity", "intrusion-set", "threat-actor", "relationship", "report"} <= types

    before, _, _ = neo4j_driver.execute_query(COUNTS)
    res = tikg("alias", "link", "Qilin", "Akira", "--evidence", "test")
    assert res.returncode == 0, res.stderr
    res = tikg("alias", "unlink", "Akira", "Qilin")
    assert res.returncode == 0, res.stderr
    res = tikg("alias", "list", "--status", "rejected", "-f", "json")
    assert len(json.loads(res.stdout)) == 1
    after, _, _ = neo4j_driver.execute_query(COUNTS)
    assert after[0]["nodes"] == before[0]["nodes"]


def test_acceptance_import_then_reprocess(neo4j_driver: Driver, tikg: Tikg) -> None:
    seed = str(SHARED / "seed" / "medecindirect-dumpsec.fr.txt")
    res = tikg("import", seed, "--published", "2025-12-08")
    assert res.returncode == 0, res.stderr
    res = tikg("reprocess")
    assert res.returncode == 0, res.stderr
    res = tikg("query", "actor_profile", "-p", "name=Dumpsec", "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    medecin = next(r for r in rows if "decin" in r["victim"])
    leroy = next(r for r in rows if "Leroy" in r["victim"])
    assert medecin["modality"] == "claimed"
    assert leroy["modality"] == "alleged"
    figures = {(f["value"], f["speaker"]) for f in medecin["figures"]}
    assert {(285000.0, "MédecinDirect"), (320000.0, "Dumpsec")} <= figures
    dates = {d["role"]: d["date"] for d in medecin["dates"]}
    assert dates.get("detected") == "2025-11-28" and dates.get("notified") == "2025-12-03"
    assert {a["name"] for a in medecin["authorities"]} >= {"CNIL"}
    before, _, _ = neo4j_driver.execute_query(COUNTS)
    assert tikg("import", seed, "--published", "2025-12-08").returncode == 0
    assert tikg("reprocess").returncode == 0
    after, _, _ = neo4j_driver.execute_query(COUNTS)
    assert (after[0]["nodes"], after[0]["rels"]) == (before[0]["nodes"], before[0]["rels"])
