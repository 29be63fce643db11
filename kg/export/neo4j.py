"""Live load over Bolt with the official ``neo4j`` driver (``kg push neo4j``).

Constraints first, then nodes and relationships in ``UNWIND $rows`` batches:
values travel as parameters, never inside the query text. MERGE on ids (and on
``paper``/``via`` for OUTPERFORMS/BUILDS_ON) makes a second push a no-op.
Transient errors are retried by the driver's managed transactions.

Resumable: with a ``checkpoint`` file, the number of committed batches is recorded
after each one (with a fingerprint of the graph, the server and the batch size);
a push killed halfway and run again skips the batches already committed and
continues. The one batch that may have committed without being recorded is sent
again, which MERGE makes harmless, so the rerun ends with the same graph.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
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
    resumed: int = 0  # batches a previous, interrupted push had committed (skipped)

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


def _plan(G: nx.MultiDiGraph, batch_size: int, result: PushResult) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Every batch in push order: (what, query, rows); counts go into ``result``."""
    plan = []
    for label, rows in node_batches(G).items():
        plan += [(label, upsert_nodes_query(label), chunk) for chunk in _chunks(rows, batch_size)]
        result.nodes[label] = len(rows)
    for (start_label, rel_type, end_label), rows in rel_batches(G).items():
        query = upsert_rels_query(start_label, rel_type, end_label)
        plan += [(rel_type, query, chunk) for chunk in _chunks(rows, batch_size)]
        result.relationships[rel_type] = result.relationships.get(rel_type, 0) + len(rows)
    return plan


def _fingerprint(plan: list[tuple[str, str, list[dict[str, Any]]]], *where: object) -> str:
    digest = hashlib.sha256(json.dumps(where, default=str).encode())
    for _, query, rows in plan:
        digest.update(query.encode())
        digest.update(json.dumps(rows, default=str, sort_keys=True).encode())
    return digest.hexdigest()


def _committed(checkpoint: Path | None, fingerprint: str) -> int:
    try:
        state = json.loads(checkpoint.read_text(encoding="utf-8")) if checkpoint else {}
    except (OSError, ValueError):
        return 0
    return int(state.get("batches", 0)) if state.get("fingerprint") == fingerprint else 0


def _record(checkpoint: Path, fingerprint: str, batches: int) -> None:
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    tmp = checkpoint.with_name(checkpoint.name + ".tmp")
    tmp.write_text(json.dumps({"fingerprint": fingerprint, "batches": batches}), encoding="utf-8")
    os.replace(tmp, checkpoint)


def push_neo4j(
    G: nx.MultiDiGraph,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    batch_size: int = 2000,  # bench/bench_push.py: faster than 100 or 500 into ArcadeDB
    progress: Progress | None = None,
    checkpoint: str | Path | None = None,
) -> PushResult:
    """MERGE the graph into the Bolt server at ``uri``; with ``checkpoint``, resume an interrupted push."""
    from neo4j import GraphDatabase

    result = PushResult()
    start = time.perf_counter()
    plan = _plan(G, batch_size, result)
    mark = Path(checkpoint) if checkpoint is not None else None
    fingerprint = _fingerprint(plan, uri, database, batch_size) if mark else ""
    result.resumed = _committed(mark, fingerprint)
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            for query in constraint_queries():
                session.run(query).consume()
            for i, (what, query, rows) in enumerate(plan):
                if i >= result.resumed:
                    session.execute_write(lambda tx: tx.run(query, rows=rows).consume())  # noqa: B023
                    if mark:
                        _record(mark, fingerprint, i + 1)
                if progress:
                    progress(what, len(rows))
    if mark:
        mark.unlink(missing_ok=True)
    result.seconds = time.perf_counter() - start
    return result
