"""Per-entity figures kept in the graph: how many papers propose, use, evaluate on… each entity,
and its rank by that number among the entities of its label.

An aggregation over the whole graph ("which methods do most papers use?") otherwise reads every
edge of a type and sorts every entity at query time: over a second in Oxigraph at 100,000 papers.
The figures are node properties declared in :data:`kg.schema.PAPER_COUNTS` (and ``schemas/kg.ttl``),
so every export carries them the same way; :func:`kg.graph.make_graph` sets them, and
:func:`kg.graph.drop_below` sets them again after it removes edges.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from kg.schema import PAPER_COUNTS, label

__all__ = ["add_paper_counts"]


def add_paper_counts(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set every counted property of every entity: the number of distinct papers with that relation
    to it, and its rank by that number (1 = the most; ties by name, then id)."""
    # these edges are keyed by their type (one per paper, entity and type), so an edge is a paper
    tally = Counter((v, d["type"]) for _, v, d in G.edges(data=True) if d["type"] in PAPER_COUNTS)
    members: dict[str, list[str]] = defaultdict(list)
    for nid, d in G.nodes(data=True):
        members[d["label"]].append(nid)
    for lab, nodes in members.items():
        props = label(lab).props
        for type_, (count, rank) in PAPER_COUNTS.items():
            if count not in props:
                continue
            for nid in nodes:
                G.nodes[nid][count.name] = tally[nid, type_]
            order = sorted(nodes, key=lambda n: (-G.nodes[n][count.name], G.nodes[n]["name"], n))
            for position, nid in enumerate(order, start=1):
                G.nodes[nid][rank.name] = position
    return G
