"""The order every exporter writes in, sorted once per write.

:func:`kg.graph.nodes_of` and :func:`kg.graph.edges_of` sort the whole graph on each call, and
every exporter asks for the same order (some per label or per type). Within :func:`shared_order`
(:func:`kg.export.write` holds it around its exporters) the sorted lists are made once for that
graph and shared; outside it each call sorts afresh, as before. The graph must not change while
the order is shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from kg.graph import edges_of, nodes_of

__all__ = ["shared_order", "sorted_nodes", "sorted_edges"]

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]


def _first(item: tuple[str, Any]) -> str:
    return item[0]


class _Order:
    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.nodes: dict[str | None, list[Node]] = {}
        self.edges: dict[str | None, list[Edge]] = {}

    def of_nodes(self, label: str | None) -> list[Node]:
        if None not in self.nodes:
            data = self.G._node  # what nodes_of sorts, without a view per node
            self.nodes[None] = [(n, data[n]) for n in sorted(data)]
            for node in self.nodes[None]:
                self.nodes.setdefault(node[1]["label"], []).append(node)
        return self.nodes.get(label, [])

    def of_edges(self, type_: str | None) -> list[Edge]:
        if None not in self.edges:
            succ = self.G._succ  # (source, target, key) order: sources, then each one's targets and keys sorted
            self.edges[None] = [(u, v, k, d) for u in sorted(succ) for v, keyed in sorted(succ[u].items(), key=_first)
                                for k, d in sorted(keyed.items(), key=_first)]
            for edge in self.edges[None]:
                self.edges.setdefault(edge[3]["type"], []).append(edge)
        return self.edges.get(type_, [])


_shared: dict[int, _Order] = {}  # id of the graph → its order, while shared


@contextmanager
def shared_order(G: nx.MultiDiGraph) -> Iterator[None]:
    """Sort ``G``'s nodes and edges at most once until the block ends."""
    if id(G) in _shared:
        yield
        return
    _shared[id(G)] = _Order(G)
    try:
        yield
    finally:
        del _shared[id(G)]


def sorted_nodes(G: nx.MultiDiGraph, label: str | None = None) -> list[Node]:
    """:func:`kg.graph.nodes_of` as a list (shared within :func:`shared_order`)."""
    order = _shared.get(id(G))
    return order.of_nodes(label) if order is not None and order.G is G else list(nodes_of(G, label))


def sorted_edges(G: nx.MultiDiGraph, type_: str | None = None) -> list[Edge]:
    """:func:`kg.graph.edges_of` as a list (shared within :func:`shared_order`)."""
    order = _shared.get(id(G))
    return order.of_edges(type_) if order is not None and order.G is G else list(edges_of(G, type_))
