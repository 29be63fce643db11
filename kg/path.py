"""The shortest meaningful chain between two papers or entities (``kg path A B``).

Edges are followed in either direction, but a chain through a hub says little
("both use GPT-4o"), so stepping onto a node costs ``1 + log(1 + degree)``: a
chain through a rare shared method beats one of the same length through a
popular one. Authorship counts only when nothing else connects the two.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from kg.schema import RELATIONS
from kg.search import display_name, resolve

__all__ = ["PHRASES", "path", "describe"]

AUTHOR_COST = 4.0
PHRASES = {r.type: r.words for r in RELATIONS}  # relation → (forward words, backward words)


def _step(G: nx.MultiDiGraph, u: str, v: str) -> dict[str, Any]:
    """The best edge between consecutive nodes ``u`` and ``v``, as read from ``u``."""
    options = [(d, True) for d in G.get_edge_data(u, v, default={}).values()]
    options += [(d, False) for d in G.get_edge_data(v, u, default={}).values()]
    data, forward = min(options, key=lambda o: (o[0]["type"] == "AUTHORED", o[0]["type"], not o[1]))
    return {"relation": data["type"], "words": PHRASES[data["type"]][0 if forward else 1],
            "sentence": data.get("sentence") or "", "paper": data.get("paper") or ""}


def path(G: nx.MultiDiGraph, a: str, b: str) -> dict[str, Any]:
    """The chain from ``a`` to ``b`` (each a title, an arXiv id or a name): nodes and the steps between them.

    Raises :class:`kg.search.NotFound` when either end matches nothing and
    :class:`nx.NetworkXNoPath` when the two are not connected.
    """
    src, dst = resolve(G, a), resolve(G, b)
    U = G.to_undirected(as_view=True)

    def cost(u: str, v: str, edges: dict[str, Any]) -> float:
        step = 1.0 + math.log1p(G.degree(v)) if v != dst else 1.0
        only_authored = all(d["type"] == "AUTHORED" for d in edges.values())
        return step * (AUTHOR_COST if only_authored else 1.0)

    try:
        nodes = nx.dijkstra_path(U, src, dst, weight=cost)
    except nx.NetworkXNoPath:
        names = [display_name(G.nodes[n]) for n in (src, dst)]
        raise nx.NetworkXNoPath(f"nothing links {names[0]} ({src}) to {names[1]} ({dst}) in this graph") from None
    out: dict[str, Any] = {"from": src, "to": dst, "nodes": [], "steps": []}
    for n in nodes:
        d = G.nodes[n]
        out["nodes"].append({"id": n, "name": display_name(d), "type": d["label"], "year": d.get("year")})
    out["steps"] = [_step(G, u, v) for u, v in zip(nodes, nodes[1:])]
    return out


def describe(result: dict[str, Any]) -> str:
    """One line per hop: ``Mamba (Method) is used by Vision Mamba (Paper, 2024)``."""
    def label(n: dict[str, Any]) -> str:
        return f"{n['name']} ({n['type']}{', ' + str(n['year']) if n.get('year') else ''})"

    nodes, steps = result["nodes"], result["steps"]
    lines = [label(nodes[0])]
    lines += [f"  {s['words']} {label(n)}" for s, n in zip(steps, nodes[1:])]
    return "\n".join(lines)
