"""Analytics on a networkx projection of the graph.

Stage: Neo4j → :func:`project_attributions` (one read) → pure functions. The projection is a
list of :class:`Attribution` records (actor → incident → organisation, with sectors and
countries); everything else is pure and tested on hand-built inputs:

- :func:`build_graph`: actors, organisations, sectors and countries as a networkx graph;
- :func:`actor_centrality`: degree and betweenness centrality of the actors;
- :func:`co_targeting`: pairs of actors that hit the same sectors / victims (Jaccard);
- :func:`detect_waves`: time-windowed clusters of victims by sector or country;
- :func:`opportunism`: the most distinct sectors an actor hit within any window of N days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Any, Literal

import networkx as nx
from neo4j import Driver

from graph import cypher
from graph.catalog import parse_as_of
from graph.db import native


@dataclass(frozen=True, slots=True)
class Attribution:
    actor_key: str
    actor: str
    incident: str
    first_seen: date
    org_key: str
    org: str
    modality_rel: str
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Centrality:
    actor: str
    degree: float
    betweenness: float
    victims: int


@dataclass(frozen=True, slots=True)
class Similarity:
    actor_a: str
    actor_b: str
    sectors: float
    victims: float
    score: float
    shared_sectors: tuple[str, ...]
    shared_victims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Wave:
    dimension: str  # sector | country
    value: str
    start: date
    end: date
    victims: tuple[str, ...]
    actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Opportunism:
    actor: str
    score: int  # distinct sectors within the best window
    window_start: date | None
    sectors: tuple[str, ...]


def project_attributions(
    driver: Driver, *, as_of: Any = None, database: str = "neo4j"
) -> list[Attribution]:
    """The actor → incident → organisation edges (as known at ``as_of``)."""
    records, _, _ = driver.execute_query(
        cypher.PROJECT_ATTRIBUTIONS, as_of=parse_as_of(as_of), database_=database, routing_="r"
    )
    return [
        Attribution(
            actor_key=r["actor_key"],
            actor=r["actor"],
            incident=r["incident"],
            first_seen=native(r["first_seen"]),
            org_key=r["org_key"],
            org=r["org"],
            modality_rel=r["rel"],
            sectors=tuple(sorted(r["sectors"])),
            countries=tuple(sorted(r["countries"])),
        )
        for r in records
    ]


def build_graph(attributions: Iterable[Attribution]) -> nx.Graph:
    """Actors, organisations, sectors and countries; actor–organisation edges weighted by
    incidents."""
    g = nx.Graph()
    for a in attributions:
        actor, org = ("actor", a.actor), ("org", a.org_key)
        g.add_node(actor, kind="actor", name=a.actor)
        g.add_node(org, kind="org", name=a.org)
        if g.has_edge(actor, org):
            g[actor][org]["weight"] += 1
        else:
            g.add_edge(actor, org, weight=1)
        for s in a.sectors:
            g.add_node(("sector", s), kind="sector", name=s)
            g.add_edge(org, ("sector", s))
        for c in a.countries:
            g.add_node(("country", c), kind="country", name=c)
            g.add_edge(org, ("country", c))
    return g


def actor_centrality(g: nx.Graph) -> list[Centrality]:
    """Degree and betweenness centrality of every actor node, most central first."""
    if g.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(g)
    between = nx.betweenness_centrality(g, k=min(500, len(g)) if len(g) > 2000 else None, seed=7)
    out = [
        Centrality(
            actor=data["name"],
            degree=round(degree[n], 4),
            betweenness=round(between[n], 4),
            victims=sum(1 for m in g[n] if g.nodes[m]["kind"] == "org"),
        )
        for n, data in g.nodes(data=True)
        if data["kind"] == "actor"
    ]
    return sorted(out, key=lambda c: (-c.betweenness, -c.degree, c.actor))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def co_targeting(attributions: Iterable[Attribution], min_score: float = 0.0) -> list[Similarity]:
    """Pairs of actors by shared sectors and shared victims (Jaccard; score = their mean)."""
    sectors: dict[str, set[str]] = defaultdict(set)
    victims: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for a in attributions:
        names[a.org_key] = a.org
        sectors[a.actor].update(a.sectors)
        victims[a.actor].add(a.org_key)
    out = []
    for x, y in combinations(sorted(victims), 2):
        js, jv = _jaccard(sectors[x], sectors[y]), _jaccard(victims[x], victims[y])
        score = round((js + jv) / 2, 4)
        if score > min_score:
            out.append(
                Similarity(
                    x,
                    y,
                    round(js, 4),
                    round(jv, 4),
                    score,
                    tuple(sorted(sectors[x] & sectors[y])),
                    tuple(sorted(names[k] for k in victims[x] & victims[y])),
                )
            )
    return sorted(out, key=lambda s: (-s.score, s.actor_a, s.actor_b))


def detect_waves(
    attributions: Sequence[Attribution],
    *,
    window_days: int = 14,
    min_victims: int = 3,
    dimension: Literal["sector", "country"] = "sector",
) -> list[Wave]:
    """Clusters of at least ``min_victims`` distinct victims of one sector (or country) whose
    incidents start within ``window_days`` of the cluster's first one."""
    events: dict[str, list[Attribution]] = defaultdict(list)
    for a in attributions:
        for value in a.sectors if dimension == "sector" else a.countries:
            events[value].append(a)
    waves = []
    for value, items in sorted(events.items()):
        items = sorted(items, key=lambda a: (a.first_seen, a.org_key))
        i = 0
        while i < len(items):
            end = items[i].first_seen + timedelta(days=window_days)
            j = i
            while j < len(items) and items[j].first_seen <= end:
                j += 1
            group = items[i:j]
            orgs = sorted({a.org for a in group})
            if len(orgs) >= min_victims:
                waves.append(
                    Wave(
                        dimension,
                        value,
                        group[0].first_seen,
                        group[-1].first_seen,
                        tuple(orgs),
                        tuple(sorted({a.actor for a in group})),
                    )
                )
                i = j
            else:
                i += 1
    return sorted(waves, key=lambda w: (-len(w.victims), w.start, w.value))


def opportunism(attributions: Iterable[Attribution], days: int = 30) -> list[Opportunism]:
    """Per actor, the most distinct sectors hit within any window of ``days`` days."""
    by_actor: dict[str, list[Attribution]] = defaultdict(list)
    for a in attributions:
        by_actor[a.actor].append(a)
    out = []
    for actor, items in by_actor.items():
        items.sort(key=lambda a: a.first_seen)
        best: tuple[int, date | None, tuple[str, ...]] = (0, None, ())
        for i, start in enumerate(items):
            end = start.first_seen + timedelta(days=days)
            window = {s for a in items[i:] if a.first_seen <= end for s in a.sectors}
            if len(window) > best[0]:
                best = (len(window), start.first_seen, tuple(sorted(window)))
        out.append(Opportunism(actor, best[0], best[1], best[2]))
    return sorted(out, key=lambda o: (-o.score, o.actor))
