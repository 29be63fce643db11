"""Live load over Bolt with the official ``neo4j`` driver (``kg push neo4j``).

Constraints first (they give the ``id`` lookups an index), then nodes, then
relationships, in ``UNWIND $rows`` batches: values travel as parameters, never
inside the query text. Into a database that holds none of the graph's labels,
batches ``CREATE`` (nothing to look up: the fast path); otherwise they ``MERGE``
on ids (and on ``paper``/``via`` for OUTPERFORMS/BUILDS_ON), so a second push
is a no-op. ``workers`` > 1 sends batches over that many sessions at once
(nodes first, then relationships). Transient errors are retried by the
driver's managed transactions.

Resumable: with a ``checkpoint`` file, the committed batches are recorded after
each one (with a fingerprint of the graph, the server and the batch size). A
push killed halfway and run again skips them and continues. A batch that was
in flight when the push died may have committed without being recorded: batches
are started in order, at most ``workers`` at a time, so only unrecorded batches
within ``workers`` of the last recorded one can be such; they are sent again
with ``MERGE``, which makes them harmless, and the rerun ends with the same graph.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.cypher import node_properties, rel_properties
from kg.export.cypher_queries import (
    LABELS,
    check_name,
    constraint_queries,
    create_nodes_query,
    create_rels_query,
    upsert_nodes_query,
    upsert_rels_query,
)
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


@dataclass(frozen=True)
class _Batch:
    what: str  # label or relationship type, for progress
    upsert: str  # MERGE query
    create: str  # CREATE query, for rows known to be new
    rows: list[dict[str, Any]]
    phase: int  # 0 nodes, 1 relationships


def _plan(G: nx.MultiDiGraph, batch_size: int, result: PushResult) -> list[_Batch]:
    """Every batch in push order; counts go into ``result``."""
    plan = []
    for label, rows in node_batches(G).items():
        upsert, create = upsert_nodes_query(label), create_nodes_query(label)
        plan += [_Batch(label, upsert, create, chunk, 0) for chunk in _chunks(rows, batch_size)]
        result.nodes[label] = len(rows)
    for (start_label, rel_type, end_label), rows in rel_batches(G).items():
        ends = (start_label, rel_type, end_label)
        upsert, create = upsert_rels_query(*ends), create_rels_query(*ends)
        plan += [_Batch(rel_type, upsert, create, chunk, 1) for chunk in _chunks(rows, batch_size)]
        result.relationships[rel_type] = result.relationships.get(rel_type, 0) + len(rows)
    return plan


def _fingerprint(plan: list[_Batch], *where: object) -> str:
    digest = hashlib.sha256(json.dumps(where, default=str).encode())
    for batch in plan:
        digest.update(batch.upsert.encode())
        digest.update(json.dumps(batch.rows, default=str, sort_keys=True).encode())
    return digest.hexdigest()


@dataclass
class _State:
    """What the checkpoint holds: the batches committed, the mode and the most workers any run used."""

    mode: str  # "create" or "merge"
    workers: int
    done: set[int] = field(default_factory=set)

    def unsure(self) -> int:
        """Unrecorded batches up to this index may have committed: send them with MERGE."""
        return max(self.done, default=-1) + self.workers


def _load(checkpoint: Path | None, fingerprint: str) -> _State | None:
    try:
        state = json.loads(checkpoint.read_text(encoding="utf-8")) if checkpoint else {}
        if state.get("fingerprint") != fingerprint:
            return None
        return _State(state["mode"], int(state["workers"]), {int(i) for i in state["done"]})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _record(checkpoint: Path, fingerprint: str, state: _State) -> None:
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    tmp = checkpoint.with_name(checkpoint.name + ".tmp")
    data = {"fingerprint": fingerprint, "mode": state.mode, "workers": state.workers, "done": sorted(state.done)}
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, checkpoint)


def _holds_graph_labels(session: Any) -> bool:
    return any(session.run(f"MATCH (n:{check_name(label)}) RETURN n.id AS id LIMIT 1").peek() is not None
               for label in LABELS)


def push_neo4j(
    G: nx.MultiDiGraph,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    batch_size: int = 1000,  # bench/bench_push.py: 250, 1000 and 4000 alike into ArcadeDB; short transactions
    progress: Progress | None = None,
    checkpoint: str | Path | None = None,
    workers: int = 1,  # bench/bench_push.py: 2 sessions no faster into ArcadeDB (write conflicts, retried)
    create: bool = True,
) -> PushResult:
    """Load the graph into the Bolt server at ``uri``; with ``checkpoint``, resume an interrupted push.

    ``create=False`` always MERGEs (the slow path), even into an empty database.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import ConstraintError

    if workers < 1:
        raise ValueError("workers must be at least 1")
    result = PushResult()
    start = time.perf_counter()
    plan = _plan(G, batch_size, result)
    mark = Path(checkpoint) if checkpoint is not None else None
    fingerprint = _fingerprint(plan, uri, database, batch_size) if mark else ""
    state = _load(mark, fingerprint)
    lock = threading.Lock()
    # parallel sessions on ArcadeDB conflict on shared pages (a hub method's edges) and retry: past the
    # driver's default 30 s of retries, a 100k-paper push with 2 workers gave up (bench/bench_push.py)
    retry = 30.0 if workers == 1 else 300.0
    with GraphDatabase.driver(uri, auth=(user, password), max_connection_pool_size=max(workers, 2),
                              max_transaction_retry_time=retry) as driver:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            for query in constraint_queries():
                session.run(query).consume()
            unsure = -1  # a fresh push: nothing can have committed unrecorded
            if state is None:
                state = _State("create" if create and not _holds_graph_labels(session) else "merge", workers)
            else:
                result.resumed = len(state.done)
                unsure = state.unsure()
        state.workers = max(state.workers, workers)
        if mark:
            _record(mark, fingerprint, state)

        def send(i: int) -> None:
            batch = plan[i]
            if i not in state.done:
                query = batch.upsert if state.mode == "merge" or i <= unsure else batch.create
                with driver.session(database=database) as s:
                    try:
                        s.execute_write(lambda tx: tx.run(query, rows=batch.rows).consume())
                    except ConstraintError:
                        if query == batch.upsert or batch.phase:
                            raise
                        # a node is there already (written by someone else meanwhile): MERGE this batch
                        s.execute_write(lambda tx: tx.run(batch.upsert, rows=batch.rows).consume())
                with lock:
                    state.done.add(i)
                    if mark:
                        _record(mark, fingerprint, state)
            if progress:
                with lock:
                    progress(batch.what, len(batch.rows))

        for phase in (0, 1):  # relationships need every node committed first
            todo = [i for i, batch in enumerate(plan) if batch.phase == phase]
            if workers == 1:
                for i in todo:
                    send(i)
                continue
            pool = ThreadPoolExecutor(workers)  # a FIFO queue: batches start in order
            try:
                for future in [pool.submit(send, i) for i in todo]:
                    future.result()
            finally:
                pool.shutdown(cancel_futures=True)  # after an error, start no other batch
    if mark:
        mark.unlink(missing_ok=True)
    result.seconds = time.perf_counter() - start
    return result
