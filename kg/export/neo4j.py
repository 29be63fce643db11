"""Live load over Bolt with the official ``neo4j`` driver (``kg push neo4j``).

Constraints first, then nodes and relationships in ``UNWIND $rows`` batches:
values travel as parameters, never inside the query text. MERGE on ids (and on
``paper``/``via`` for OUTPERFORMS/BUILDS_ON) makes a second push a no-op.
Transient errors are retried by the driver's managed transactions.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.export.cypher import node_properties, rel_properties
from kg.export.cypher_queries import constraint_queries, upsert_nodes_query, upsert_rels_query
from kg.graph import edges_of, nodes_of

__all__ = ["PushResult", "push_neo4j", "node_batches", "rel_batches"]

Progress = Callable[[str, int], None]


@dataclass
class PushResult:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.nodes.values()) + sum(self.relationships.values())


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def node_batches(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    batches: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for nid, data in nodes_of(G):
        props = node_properties(data)
        batches[data["label"]].append({"id": nid, "props": props})
    return dict(batches)


def rel_batches(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    batches: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, _, data in edges_of(G):
        key = (G.nodes[u]["label"], data["type"], G.nodes[v]["label"])
        batches[key].append({"start": u, "end": v, "props": rel_properties(data)})
    return dict(batches)


def push_neo4j(
    G: nx.MultiDiGraph,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> PushResult:
    from neo4j import GraphDatabase

    result = PushResult()
    start = time.perf_counter()
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            for query in constraint_queries():
                session.run(query).consume()

            def run(query: str, rows: list[dict[str, Any]]) -> None:
                session.execute_write(lambda tx: tx.run(query, rows=rows).consume())

            for label, rows in node_batches(G).items():
                for chunk in _chunks(rows, batch_size):
                    run(upsert_nodes_query(label), chunk)
                    if progress:
                        progress(label, len(chunk))
                result.nodes[label] = len(rows)
            for (start_label, rel_type, end_label), rows in rel_batches(G).items():
                for chunk in _chunks(rows, batch_size):
                    run(upsert_rels_query(start_label, rel_type, end_label), chunk)
                    if progress:
                        progress(rel_type, len(chunk))
                result.relationships[rel_type] = result.relationships.get(rel_type, 0) + len(rows)
    result.seconds = time.perf_counter() - start
    return result
