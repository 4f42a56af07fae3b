"""Reversible aliases: ``SAME_AS`` links between two actors or two organisations.

Nothing is ever merged. The loader proposes ``candidate`` links (fuzzy score + evidence); an
analyst confirms one (``tikg alias link``) or rejects it (``tikg alias unlink``). A rejected link
is kept with status ``rejected`` so the loader never proposes it again; queries follow only links
that are not rejected. Unlinking therefore restores exactly the graph before the link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import Driver

from graph import cypher
from graph.keys import normalize_actor
from graph.names import org_norm


class AliasError(Exception):
    exit_code = 2


@dataclass(frozen=True, slots=True)
class NamedNode:
    key: str
    label: str
    name: str


@dataclass(frozen=True, slots=True)
class AliasRow:
    label: str
    left_key: str
    left_name: str
    right_key: str
    right_name: str
    status: str
    method: str | None
    score: float | None
    evidence: str | None


def find_node(driver: Driver, name: str, database: str = "neo4j") -> NamedNode:
    """The one actor or organisation ``name`` (any spelling, or a key) designates."""
    records, _, _ = driver.execute_query(
        cypher.FIND_NAMED_NODE,
        name=name,
        norm_actor=normalize_actor(name),
        norm_org=org_norm(name),
        database_=database,
        routing_="r",
    )
    found = [NamedNode(r["key"], r["label"], r["name"]) for r in records]
    if not found:
        raise AliasError(f"no actor or organisation is called {name!r}")
    if len(found) > 1:
        listed = ", ".join(f"{n.label} {n.name} ({n.key})" for n in found)
        raise AliasError(f"{name!r} is ambiguous: {listed}; give a key instead")
    return found[0]


def _pair(driver: Driver, left: str, right: str, database: str) -> tuple[NamedNode, NamedNode]:
    a, b = find_node(driver, left, database), find_node(driver, right, database)
    if a.label != b.label:
        raise AliasError(f"{a.name} is a {a.label} and {b.name} a {b.label}: not aliases")
    if a.key == b.key:
        raise AliasError(f"{left!r} and {right!r} are already the same node")
    return (a, b) if a.key < b.key else (b, a)


def link(
    driver: Driver, left: str, right: str, evidence: str, database: str = "neo4j"
) -> tuple[NamedNode, NamedNode]:
    """Confirm that two nodes are the same entity (a ``SAME_AS`` with status ``confirmed``)."""
    a, b = _pair(driver, left, right, database)
    driver.execute_query(
        cypher.SET_ALIAS_LINK,
        left=a.key,
        right=b.key,
        status="confirmed",
        evidence=evidence,
        now=datetime.now(UTC),
        database_=database,
    )
    return a, b


def unlink(
    driver: Driver, left: str, right: str, evidence: str, database: str = "neo4j"
) -> tuple[NamedNode, NamedNode]:
    """Reject a ``SAME_AS`` link (kept, status ``rejected``, so it is never proposed again)."""
    a, b = _pair(driver, left, right, database)
    records, _, _ = driver.execute_query(
        cypher.SET_ALIAS_UNLINK,
        left=a.key,
        right=b.key,
        evidence=evidence,
        now=datetime.now(UTC),
        database_=database,
    )
    if not records or records[0]["n"] == 0:
        raise AliasError(f"{a.name} and {b.name} are not linked")
    return a, b


def list_aliases(
    driver: Driver, status: str | None = None, limit: int = 200, database: str = "neo4j"
) -> list[AliasRow]:
    records, _, _ = driver.execute_query(
        cypher.LIST_ALIASES, status=status, limit=limit, database_=database, routing_="r"
    )
    return [
        AliasRow(
            label=r["label"],
            left_key=r["left_key"],
            left_name=r["left_name"],
            right_key=r["right_key"],
            right_name=r["right_name"],
            status=r["status"],
            method=r["method"],
            score=r["score"],
            evidence=r["evidence"],
        )
        for r in records
    ]
