"""The plain payload an HTML graph is rendered from: nodes, edges, legend, options.

Built with pyvis's ``Network`` so node and edge dictionaries have the shape
vis-network expects; everything here is data (strings are not HTML).
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

__all__ = ["COLORS", "graph_to_payload"]

COLORS = {
    "Paper": "#4e79a7",
    "Author": "#bab0ac",
    "Method": "#f28e2b",
    "Dataset": "#59a14f",
    "Benchmark": "#e15759",
}


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tooltip(data: dict[str, Any]) -> str:
    if data["label"] == "Paper":
        lines = [data["title"]]
        if data.get("title_zh"):
            lines.append(data["title_zh"])
        for key in ("arxiv_id", "year", "url", "code_url"):
            if data.get(key):
                lines.append(f"{key}: {data[key]}")
        return "\n".join(lines)
    lines = [f"{data['label']}: {data['name']}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    return "\n".join(lines)


def graph_to_payload(G: nx.MultiDiGraph, seed: int = 7) -> dict[str, Any]:
    try:
        from pyvis.network import Network
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("graph.html needs pyvis: pip install 'kg-papers[viz]'") from exc

    net = Network(directed=True)
    degree = dict(G.degree())
    for nid in sorted(G.nodes):
        data = G.nodes[nid]
        name = data.get("title") if data["label"] == "Paper" else data["name"]
        net.add_node(
            nid,
            label=_short(str(name)),
            title=_tooltip(data),
            group=data["label"],
            color=COLORS[data["label"]],
            size=round(8 + 5 * math.sqrt(degree.get(nid, 0)), 2),
            year=data.get("year"),
        )
    for u, v, key in sorted(G.edges(keys=True)):
        data = G.edges[u, v, key]
        title = data["type"]
        if data.get("sentence"):
            title += f"\n{data['sentence']}\n(rule: {data.get('rule')})"
        net.add_edge(u, v, title=title, label=data["type"].lower().replace("_", " "),
                     arrows="to", color={"color": "#9aa0a6", "opacity": 0.6})
    options = {
        "layout": {"randomSeed": seed, "improvedLayout": len(G) < 1500},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "edges": {"smooth": False, "font": {"size": 0}},
        "nodes": {"shape": "dot", "font": {"size": 12}},
        # vis-network colours a node by its group, so the groups carry the legend's colours
        "groups": {label: {"color": {"background": color, "border": color}} for label, color in COLORS.items()},
    }
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": [{"label": label, "color": color} for label, color in COLORS.items()],
        "options": options,
    }
