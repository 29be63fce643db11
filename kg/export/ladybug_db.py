"""An embedded Cypher database (ladybug, the maintained fork of Kùzu) written at
build time into ``ladybug/graph.lbug``, so ``kg query --cypher`` needs no server.

The schema is the build schema: one node table per label, one relationship
table per type (EVALUATES_ON and INTRODUCES accept Dataset and Benchmark
targets). Tables are filled by ladybug's bulk loader, ``COPY … FROM $rows``
with an in-memory Arrow table as the parameter (values never enter the query
text); ``load_graph`` keeps the ``UNWIND $rows`` path for adding to a database.
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

__all__ = ["SCHEMA", "create_schema", "load_graph", "bulk_load", "write_ladybug", "DB_NAME"]

DB_NAME = "graph.lbug"
_TYPES = {"str": "STRING", "int": "INT64", "float": "DOUBLE", "list": "STRING[]", "ref": "STRING"}
_ARROW = {"STRING": "string", "STRING PRIMARY KEY": "string", "INT64": "int64", "DOUBLE": "float64"}


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


def _sets(columns: dict[str, str]) -> str:
    """``c: row.c`` for each column; numbers cast, as a batch whose values are all null has no type."""
    return ", ".join(f"{c}: CAST(row.{c} AS {kind})" if kind in ("INT64", "DOUBLE") else f"{c}: row.{c}"
                     for c, kind in columns.items())


def load_graph(conn: Any, G: nx.MultiDiGraph, batch_size: int = 2000) -> None:
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for nid, data in nodes_of(G):
        columns = SCHEMA["nodes"][data["label"]]
        nodes[data["label"]].append({c: data.get(c) for c in columns} | {"id": nid})
    for label, rows in nodes.items():
        sets = _sets(SCHEMA["nodes"][label])
        for i in range(0, len(rows), batch_size):
            conn.execute(f"UNWIND $rows AS row CREATE (:{check_name(label)} {{{sets}}})",
                         {"rows": rows[i : i + batch_size]})
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, _, data in edges_of(G):
        columns = SCHEMA["rels"][data["type"]][1]
        row = {"src": u, "dst": v} | {c: data.get(c) for c in columns}
        rels[(G.nodes[u]["label"], data["type"], G.nodes[v]["label"])].append(row)
    for (a, rel, b), rows in rels.items():
        sets = _sets(SCHEMA["rels"][rel][1])
        query = (f"UNWIND $rows AS row MATCH (a:{check_name(a)} {{id: row.src}}), (b:{check_name(b)} {{id: row.dst}}) "
                 f"CREATE (a)-[:{check_name(rel)} {{{sets}}}]->(b)")
        for i in range(0, len(rows), batch_size):
            conn.execute(query, {"rows": rows[i : i + batch_size]})


def _arrow_table(columns: dict[str, str], values: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    def kind(sql: str) -> Any:
        return pa.list_(pa.string()) if sql == "STRING[]" else getattr(pa, _ARROW[sql])()

    return pa.table({name: pa.array(values[name], type=kind(sql)) for name, sql in columns.items()})


def bulk_load(conn: Any, G: nx.MultiDiGraph) -> None:
    """Fill the empty tables of ``create_schema`` with ``COPY FROM`` (Arrow tables as parameters)."""
    for label, columns in SCHEMA["nodes"].items():
        values: dict[str, list[Any]] = {c: [] for c in columns}
        for nid, data in nodes_of(G, label):
            for c in columns:
                values[c].append(nid if c == "id" else data.get(c))
        if values["id"]:
            conn.execute(f"COPY {check_name(label)} FROM $rows", {"rows": _arrow_table(columns, values)})
    groups: dict[tuple[str, str, str], dict[str, list[Any]]] = {}
    for u, v, _, data in edges_of(G):
        rel, columns = data["type"], SCHEMA["rels"][data["type"]][1]
        key = (G.nodes[u]["label"], rel, G.nodes[v]["label"])
        values = groups.setdefault(key, {"from": [], "to": [], **{c: [] for c in columns}})
        values["from"].append(u)
        values["to"].append(v)
        for c in columns:
            values[c].append(data.get(c))
    for (a, rel, b), values in groups.items():
        columns = {"from": "STRING", "to": "STRING", **SCHEMA["rels"][rel][1]}
        pairs = SCHEMA["rels"][rel][0]
        options = f" (from='{check_name(a)}', to='{check_name(b)}')" if len(pairs) > 1 else ""
        conn.execute(f"COPY {check_name(rel)} FROM $rows{options}", {"rows": _arrow_table(columns, values)})


def write_ladybug(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    import ladybug

    target = out / "ladybug"
    with atomic_dir(target) as tmp:
        db = ladybug.Database(str(tmp / DB_NAME))
        conn = ladybug.Connection(db)
        create_schema(conn)
        bulk_load(conn, G)
        conn.close()
        db.close()
    return [target / DB_NAME]
