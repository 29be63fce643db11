"""An embedded Cypher database (ladybug, the maintained fork of Kùzu) written at
build time into ``ladybug/graph.lbug``, so ``kg query --cypher`` needs no server.

The schema is the build schema: one node table per label, one relationship
table per type (EVALUATES_ON and INTRODUCES accept Dataset and Benchmark
targets). Rows go in with ``COPY … FROM (UNWIND $rows …)``, the bulk path, as parameters.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_dir
from kg.export.cypher_queries import check_name
from kg.graph import edges_of, nodes_of
from kg.schema import LABELS, RELATIONS, Prop

__all__ = ["SCHEMA", "create_schema", "load_graph", "write_ladybug", "DB_NAME"]

DB_NAME = "graph.lbug"
_TYPES = {"str": "STRING", "int": "INT64", "float": "DOUBLE", "list": "STRING[]", "ref": "STRING"}


def _columns(props: tuple[Prop, ...]) -> dict[str, str]:
    return {p.name: "STRING PRIMARY KEY" if p.name == "id" else _TYPES[p.kind] for p in props}


SCHEMA: dict[str, Any] = {
    "nodes": {lab.name: _columns(lab.props) for lab in LABELS},
    "rels": {r.type: (list(r.ends), _columns(r.props)) for r in RELATIONS},
}


def create_schema(conn: Any) -> None:
    for label, columns in SCHEMA["nodes"].items():
        cols = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        conn.execute(f"CREATE NODE TABLE {check_name(label)}({cols})")
    for rel, (pairs, columns) in SCHEMA["rels"].items():
        ends = ", ".join(f"FROM {check_name(a)} TO {check_name(b)}" for a, b in pairs)
        cols = "".join(f", {name} {kind}" for name, kind in columns.items())
        conn.execute(f"CREATE REL TABLE {check_name(rel)}({ends}{cols})")


def _returns(columns: dict[str, str]) -> str:
    """``row.c`` for each column, in table order; numbers cast, as a batch whose values are all null has no type."""
    return ", ".join(f"CAST(row.{c} AS {kind})" if kind in ("INT64", "DOUBLE") else f"row.{c}"
                     for c, kind in columns.items())


def load_graph(conn: Any, G: nx.MultiDiGraph, batch_size: int = 20000) -> None:
    """Bulk-load ``G``: one ``COPY … FROM (UNWIND $rows …)`` per table and batch (a ``MATCH`` per
    relationship batch made the load quadratic: 205 s for 10k papers)."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for nid, data in nodes_of(G):
        columns = SCHEMA["nodes"][data["label"]]
        nodes[data["label"]].append({c: data.get(c) for c in columns} | {"id": nid})
    for label, rows in nodes.items():
        query = f"COPY {check_name(label)} FROM (UNWIND $rows AS row RETURN {_returns(SCHEMA['nodes'][label])})"
        for i in range(0, len(rows), batch_size):
            conn.execute(query, {"rows": rows[i : i + batch_size]})
    del nodes
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, _, data in edges_of(G):
        columns = SCHEMA["rels"][data["type"]][1]
        row = {"src": u, "dst": v} | {c: data.get(c) for c in columns}
        rels[(G.nodes[u]["label"], data["type"], G.nodes[v]["label"])].append(row)
    for (a, rel, b), rows in rels.items():
        returns = ", ".join(["row.src", "row.dst", *filter(None, [_returns(SCHEMA["rels"][rel][1])])])
        query = (f"COPY {check_name(rel)} FROM (UNWIND $rows AS row RETURN {returns}) "
                 f"(from='{check_name(a)}', to='{check_name(b)}')")
        for i in range(0, len(rows), batch_size):
            conn.execute(query, {"rows": rows[i : i + batch_size]})


def write_ladybug(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    import ladybug

    target = out / "ladybug"
    with atomic_dir(target) as tmp:
        db = ladybug.Database(str(tmp / DB_NAME))
        conn = ladybug.Connection(db)
        create_schema(conn)
        load_graph(conn, G)
        conn.close()
        db.close()
    return [target / DB_NAME]
