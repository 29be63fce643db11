"""An embedded Cypher database (ladybug, the maintained fork of Kùzu) written at
build time into ``ladybug/graph.lbug``, so ``kg query --cypher`` needs no server.

The schema is the build schema: one node table per label, one relationship
table per type (EVALUATES_ON and INTRODUCES accept Dataset and Benchmark
targets). Tables are filled by ladybug's bulk loader, ``COPY … FROM $rows``
with an in-memory Arrow table as the parameter (values never enter the query
text); a table under ``bulk_min`` rows, where each COPY's fixed cost dominates,
or any table when pyarrow is missing, goes in as ``UNWIND $rows`` batches.
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


def _arrow_table(columns: dict[str, str], rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    def kind(sql: str) -> Any:
        return pa.list_(pa.string()) if sql == "STRING[]" else getattr(pa, _ARROW[sql])()

    return pa.table({name: pa.array([row[name] for row in rows], type=kind(sql)) for name, sql in columns.items()})


def _bulk(rows: list[dict[str, Any]], bulk_min: int) -> bool:
    if len(rows) < bulk_min:
        return False  # each COPY has a fixed cost (~0.2 s): small tables go faster as UNWIND batches
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def load_graph(conn: Any, G: nx.MultiDiGraph, batch_size: int = 2000, bulk_min: int = 1000) -> None:
    """Fill the empty tables of ``create_schema``: a table of ``bulk_min`` rows or more (per end labels)
    by the bulk loader, ``COPY … FROM $rows`` with an Arrow table; smaller ones by ``UNWIND $rows`` batches."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for nid, data in nodes_of(G):
        columns = SCHEMA["nodes"][data["label"]]
        nodes[data["label"]].append({c: data.get(c) for c in columns} | {"id": nid})
    for label, rows in nodes.items():
        columns = SCHEMA["nodes"][label]
        if _bulk(rows, bulk_min):
            conn.execute(f"COPY {check_name(label)} FROM $rows", {"rows": _arrow_table(columns, rows)})
            continue
        for i in range(0, len(rows), batch_size):
            conn.execute(f"UNWIND $rows AS row CREATE (:{check_name(label)} {{{_sets(columns)}}})",
                         {"rows": rows[i : i + batch_size]})
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, _, data in edges_of(G):
        columns = SCHEMA["rels"][data["type"]][1]
        row = {"src": u, "dst": v} | {c: data.get(c) for c in columns}
        rels[(G.nodes[u]["label"], data["type"], G.nodes[v]["label"])].append(row)
    for (a, rel, b), rows in rels.items():
        pairs, columns = SCHEMA["rels"][rel]
        if _bulk(rows, bulk_min):
            options = f" (from='{check_name(a)}', to='{check_name(b)}')" if len(pairs) > 1 else ""
            table = _arrow_table({"src": "STRING", "dst": "STRING", **columns}, rows)  # the first two: from, to
            conn.execute(f"COPY {check_name(rel)} FROM $rows{options}", {"rows": table})
            continue
        query = (f"UNWIND $rows AS row MATCH (a:{check_name(a)} {{id: row.src}}), (b:{check_name(b)} {{id: row.dst}}) "
                 f"CREATE (a)-[:{check_name(rel)} {{{_sets(columns)}}}]->(b)")
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
