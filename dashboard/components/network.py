"""The network view's drawing: a networkx spring layout rendered as an Altair (Vega-Lite) chart.

Pure functions of the edges :func:`graph.views.network_edges` returns. Labels are Vega text marks
and tooltips, which Vega draws as text (never as HTML), so a hostile name shows as its
characters. Each node carries ``node`` = ``kind:key``; a click selects it and the page opens the
node's own page.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from graph.views import NetworkEdge

KIND_COLORS = {
    "actor": "#d62728",
    "incident": "#7f7f7f",
    "organization": "#1f77b4",
    "sector": "#2ca02c",
}
SELECTION = "pick"
#: Up to this many nodes a force layout (networkx's dense solver); beyond, a layered layout in
#: linear time (the sparse solver would need scipy and seconds per render).
SPRING_MAX_NODES = 450
COLUMNS = ("actor", "incident", "organization", "sector")


@dataclass(frozen=True, slots=True)
class Layout:
    nodes: pd.DataFrame  # node, kind, label, x, y, degree
    links: pd.DataFrame  # x, y, x2, y2, modality


def build_layout(edges: Sequence[NetworkEdge], seed: int = 7) -> Layout:
    """Actors, incidents, organisations and sectors with their positions."""
    g = nx.Graph()
    modality: dict[tuple[str, str], str] = {}
    for e in edges:
        actor, incident, org = f"actor:{e.actor_key}", f"incident:{e.incident}", f"org:{e.org_key}"
        g.add_node(actor, kind="actor", label=e.actor)
        when = e.first_seen.isoformat() if e.first_seen else "?"
        g.add_node(incident, kind="incident", label=f"{when} · {e.org}")
        g.add_node(org, kind="organization", label=e.org)
        g.add_edge(actor, incident)
        modality[(actor, incident)] = e.modality
        g.add_edge(incident, org)
        for sector in e.sectors:
            node = f"sector:{sector}"
            g.add_node(node, kind="sector", label=sector)
            g.add_edge(org, node)
    if not g:
        empty = pd.DataFrame(columns=["node", "kind", "label", "x", "y", "degree"])
        return Layout(empty, pd.DataFrame(columns=["x", "y", "x2", "y2", "modality"]))
    if len(g) <= SPRING_MAX_NODES:
        k = 1.5 / max(len(g), 1) ** 0.5
        pos = nx.spring_layout(g, seed=seed, k=k, iterations=40, method="force")
    else:
        pos = layered_layout(g)
    nodes = pd.DataFrame(
        [
            {
                "node": n,
                "kind": d["kind"],
                "label": d["label"],
                "x": float(pos[n][0]),
                "y": float(pos[n][1]),
                "degree": g.degree(n),
            }
            for n, d in g.nodes(data=True)
        ]
    )
    links = pd.DataFrame(
        [
            {
                "x": float(pos[a][0]),
                "y": float(pos[a][1]),
                "x2": float(pos[b][0]),
                "y2": float(pos[b][1]),
                "modality": modality.get((a, b)) or modality.get((b, a)) or "",
            }
            for a, b in g.edges()
        ]
    )
    return Layout(nodes, links)


def layered_layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Columns actor | incident | organisation | sector; within a column, nodes ordered by the
    mean position of their neighbours in the previous column (fewer crossings), busiest actors
    first."""
    columns: dict[str, list[str]] = {c: [] for c in COLUMNS}
    for n, d in g.nodes(data=True):
        columns[d["kind"]].append(n)
    rank: dict[str, float] = {}
    actors = sorted(columns["actor"], key=lambda n: (-g.degree(n), g.nodes[n]["label"]))
    rank.update({n: i / max(len(actors) - 1, 1) for i, n in enumerate(actors)})
    for previous, column in itertools.pairwise(COLUMNS):

        def mean_rank(n: str, previous: str = previous) -> float:
            ranks = [rank[m] for m in g[n] if g.nodes[m]["kind"] == previous and m in rank]
            return sum(ranks) / len(ranks) if ranks else 1.0

        ordered = sorted(columns[column], key=mean_rank)
        rank.update({n: i / max(len(ordered) - 1, 1) for i, n in enumerate(ordered)})
    x = {c: float(i) for i, c in enumerate(COLUMNS)}
    return {n: (x[d["kind"]], -rank.get(n, 0.0)) for n, d in g.nodes(data=True)}


def chart(layout: Layout, *, label_limit: int = 150) -> alt.LayerChart:
    """Links, nodes (clickable) and the labels of actors and sectors (all labels when small)."""
    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    x, y = alt.X("x:Q", axis=axis), alt.Y("y:Q", axis=axis)
    pick = alt.selection_point(name=SELECTION, fields=["node"], on="click", empty=False)
    links = (
        alt.Chart(layout.links)
        .mark_rule(opacity=0.35)
        .encode(x=x, y=y, x2="x2:Q", y2="y2:Q", strokeDash=alt.StrokeDash("modality:N"))
    )
    color = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values())),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    nodes = (
        alt.Chart(layout.nodes)
        .mark_circle(opacity=0.9, stroke="white", strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            color=color,
            size=alt.Size("degree:Q", scale=alt.Scale(range=[40, 600]), legend=None),
            tooltip=[alt.Tooltip("label:N", title="name"), alt.Tooltip("kind:N")],
        )
        .add_params(pick)
    )
    shown = layout.nodes
    if len(shown) > label_limit:
        shown = shown[shown["kind"].isin(["actor", "sector"])]
    labels = (
        alt.Chart(shown).mark_text(align="left", dx=7, fontSize=11).encode(x=x, y=y, text="label:N")
    )
    return alt.layer(links, nodes, labels).properties(height=620)


@st.cache_data(ttl=600, show_spinner=False, max_entries=64)
def chart_spec(edges: tuple[NetworkEdge, ...]) -> dict[str, Any]:
    """The Vega-Lite spec of these edges (layout and validation done once per edge set)."""
    return chart(build_layout(edges)).to_dict()


def picked_node(event: object) -> tuple[str, str] | None:
    """``(kind, key)`` of the clicked node from ``st.altair_chart``'s selection event."""
    selection = getattr(event, "selection", None)
    if selection is None and isinstance(event, dict):
        selection = event.get("selection")
    if not selection:
        return None
    points = selection.get(SELECTION) if hasattr(selection, "get") else None
    if not points:
        return None
    first = points[0] if isinstance(points, list) else points
    node = first.get("node") if hasattr(first, "get") else None
    if not isinstance(node, str) or ":" not in node:
        return None
    kind, _, key = node.partition(":")
    return kind, key
