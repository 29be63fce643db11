"""The per-paper view of the graph: one flat row per paper (``papers.jsonl``).

It is what users load into pandas or DuckDB and what ``kg eval`` scores.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.schema import ROLE_FIELDS

__all__ = ["paper_rows", "authors_of"]


def authors_of(G: nx.MultiDiGraph, pid: str) -> list[str]:
    """The names of ``pid``'s authors, in author order."""
    return [G.nodes[a]["name"] for a, _, d in sorted(G.in_edges(pid, data=True), key=lambda e: e[2].get("position", 0))
            if d["type"] == "AUTHORED"]


def _entity(G: nx.MultiDiGraph, nid: str) -> dict[str, Any]:
    node = G.nodes[nid]
    return {"id": nid, "name": node["name"], "aliases": list(node.get("aliases", []))}


def paper_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    wins: dict[str, list[list[str]]] = {}
    for u, v, d in G.edges(data=True):
        if d["type"] == "OUTPERFORMS":
            wins.setdefault(d["paper"], []).append([G.nodes[u]["name"], G.nodes[v]["name"]])
    rows = []
    for pid in sorted(n for n, d in G.nodes(data=True) if d["label"] == "Paper"):
        node = G.nodes[pid]
        row: dict[str, Any] = {
            "id": pid,
            "title": node["title"],
            "title_zh": node.get("title_zh"),
            "authors": authors_of(G, pid),
            "year": node.get("year"),
            "sources": list(node.get("sources", [])),
        }
        for field in ROLE_FIELDS.values():
            row[field] = []
        seen: set[tuple[str, str]] = set()
        for _, target, data in sorted(G.out_edges(pid, data=True), key=lambda e: (e[2]["type"], e[1])):
            field = ROLE_FIELDS.get(data["type"])
            if field is None or (field, target) in seen:
                continue
            seen.add((field, target))
            row[field].append(_entity(G, target))
        row["introduces"] = [e["name"] for e in row["introduces"]]
        row["outperforms"] = sorted(wins.get(pid, []))
        rows.append(row)
    return rows
