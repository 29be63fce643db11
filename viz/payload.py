"""The plain payload an HTML graph is rendered from: nodes (with a card each),
edges, legend, year range and options.

Built with pyvis's ``Network`` so node and edge dictionaries have the shape
vis-network expects; everything here is data (strings are never HTML). Big
graphs get a layout computed here with networkx and physics off, so the page
stays fluid; small ones let vis-network's physics settle, then stop.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["COLORS", "LAYOUT_THRESHOLD", "select_subgraph", "graph_to_payload"]

COLORS = {
    "Paper": "#4e79a7",
    "Author": "#bab0ac",
    "Method": "#f28e2b",
    "Dataset": "#59a14f",
    "Benchmark": "#e15759",
}
LAYOUT_THRESHOLD = 1500  # nodes; above this the layout is computed beforehand
_LINKS = (("arxiv", "url"), ("PDF", "pdf_url"), ("code", "code_url"))


def select_subgraph(G: nx.MultiDiGraph, focus: str | None = None, depth: int = 2,
                    types: Iterable[str] | None = None, min_degree: int = 0) -> nx.MultiDiGraph:
    """The part of ``G`` to draw: an ego view around ``focus``, some node types, a minimum degree."""
    H = G
    if focus is not None:
        near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=depth)
        H = G.subgraph(near)
    if types:
        keep = set(types)
        H = H.subgraph([n for n, d in H.nodes(data=True) if d["label"] in keep or n == focus])
    if min_degree > 0:
        H = H.subgraph([n for n in H if H.degree(n) >= min_degree or n == focus])
    return H.copy()


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name(data: dict[str, Any]) -> str:
    return str(data["title"] if data["label"] == "Paper" else data["name"])


def _tooltip(data: dict[str, Any]) -> str:
    if data["label"] == "Paper":
        lines = [data["title"]] + ([data["title_zh"]] if data.get("title_zh") else [])
        lines += [f"{k}: {data[k]}" for k in ("arxiv_id", "year") if data.get(k)]
        return "\n".join(lines)
    lines = [f"{data['label']}: {data['name']}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    return "\n".join(lines)


def _card(G: nx.MultiDiGraph, nid: str) -> dict[str, Any]:
    data = G.nodes[nid]
    card: dict[str, Any] = {"kind": data["label"], "title": _name(data), "subtitle": data.get("title_zh") or "",
                            "year": data.get("year"), "aliases": list(data.get("aliases", []))}
    card["authors"] = [G.nodes[a]["name"] for a, _, e in sorted(G.in_edges(nid, data=True), key=lambda x: x[2].get("position", 0))
                       if e["type"] == "AUTHORED"]
    card["links"] = [{"label": label, "url": data[key]} for label, key in _LINKS
                     if str(data.get(key) or "").startswith(("https://", "http://"))]
    facts = []
    edges = sorted(G.in_edges(nid, data=True), key=lambda x: (x[0], x[2]["type"])) + \
        sorted(G.out_edges(nid, data=True), key=lambda x: (x[1], x[2]["type"]))
    for u, v, e in edges:
        if e["type"] == "AUTHORED":
            continue
        other = v if u == nid else u
        arrow = "→" if u == nid else "←"
        facts.append({"relation": f"{arrow} {e['type'].lower().replace('_', ' ')}", "other": _name(G.nodes[other]),
                      "kind": G.nodes[other]["label"], "sentence": e.get("sentence") or "", "rule": e.get("rule") or ""})
    card["facts"] = facts
    return card


def _layout(G: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    simple = nx.Graph(G.to_undirected(as_view=True))
    pos = nx.spring_layout(simple, seed=seed, iterations=20, k=1.5 / math.sqrt(max(len(simple), 1)))
    scale = 60 * math.sqrt(len(simple))
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


def graph_to_payload(G: nx.MultiDiGraph, seed: int = 7, focus: str | None = None) -> dict[str, Any]:
    try:
        from pyvis.network import Network
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("graph.html needs pyvis: pip install 'kg-papers[viz]'") from exc

    fixed = len(G) > LAYOUT_THRESHOLD
    pos = _layout(G, seed) if fixed else {}
    net = Network(directed=True)
    degree = dict(G.degree())
    for nid in sorted(G.nodes):
        data = G.nodes[nid]
        extra: dict[str, Any] = {"x": pos[nid][0], "y": pos[nid][1]} if fixed else {}
        net.add_node(nid, label=_short(_name(data)), title=_tooltip(data), group=data["label"],
                     color=COLORS[data["label"]], size=round(8 + 5 * math.sqrt(degree.get(nid, 0)), 2),
                     year=data.get("year"), card=_card(G, nid), borderWidth=4 if nid == focus else 1, **extra)
    for u, v, key in sorted(G.edges(keys=True)):
        data = G.edges[u, v, key]
        title = data["type"] + (f"\n{data['sentence']}\n(rule: {data.get('rule')})" if data.get("sentence") else "")
        net.add_edge(u, v, title=title, label=data["type"].lower().replace("_", " "), arrows="to",
                     color={"color": "#9aa0a6", "opacity": 0.6})
    years = sorted({d["year"] for _, d in G.nodes(data=True) if d.get("year")})
    options = {
        "layout": {"randomSeed": seed, "improvedLayout": not fixed and len(G) < 800},
        "physics": {"enabled": not fixed, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
                    "stabilization": {"enabled": True, "iterations": 300, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": fixed},
        "edges": {"smooth": False, "font": {"size": 0}},
        "nodes": {"shape": "dot", "font": {"size": 12}},
        # vis-network colours a node by its group, so the groups carry the legend's colours
        "groups": {label: {"color": {"background": color, "border": color}} for label, color in COLORS.items()},
    }
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": [{"label": label, "color": color} for label, color in COLORS.items()],
        "years": [years[0], years[-1]] if years else [],
        "fixed_layout": fixed,
        "focus": focus,
        "options": options,
    }
