"""An embedded Cypher database (ladybug, the maintained fork of Kùzu) written at
build time into ``ladybug/graph.lbug``, so ``kg query --cypher`` needs no server.

The schema is the build schema: one node table per label, one relationship
table per type (EVALUATES_ON and INTRODUCES accept Dataset and Benchmark
targets). The rows are streamed into CSV files in a scratch folder and each table
is filled by one ``COPY`` from its file, the database's bulk path.
"""

from __future__ import annotations

import csv
import re
import tempfile
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


_LIST, _EMPTY = "\x1f", "\x1e"  # a list's separator in the CSV cell, and the cell of an empty list


def _cell(value: Any) -> str:
    """A CSV cell: null is empty, a list its items joined by U+001F (U+001E when it has none)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return _LIST.join(map(str, value)) if value else _EMPTY
    return str(value)


def _returns(columns: dict[str, str], start: int = 0) -> list[str]:
    """Each CSV column (read as a string, ``cN`` from ``c{start}``) turned back into its table type, in table order."""
    out = []
    for i, kind in enumerate(columns.values(), start):
        c = f"c{i}"
        if kind in ("INT64", "DOUBLE"):
            out.append(f"CAST({c} AS {kind})")
        elif kind == "STRING[]":
            out.append(f"CASE WHEN {c} IS NULL THEN NULL WHEN {c} = '{_EMPTY}' THEN CAST([] AS STRING[]) "
                       f"ELSE string_split({c}, '{_LIST}') END")
        else:
            out.append(c)
    return out


def _copy(conn: Any, table: str, path: Path, columns: list[str], ends: tuple[str, str] | None = None) -> None:
    """``COPY table`` from the CSV at ``path`` (every column read as a string, then cast)."""
    if not re.fullmatch(r"[\w./-]+", path.as_posix()):  # it goes into the statement: only plain characters
        raise ValueError(f"ladybug: unsupported characters in the scratch path {path}; set TMPDIR to a plain path")
    header = ", ".join(f"c{i} STRING" for i in range(len(columns)))
    scan = f"LOAD WITH HEADERS ({header}) FROM '{path.as_posix()}' (header=true, parallel=false, escape='\"')"
    pair = f" (from='{check_name(ends[0])}', to='{check_name(ends[1])}')" if ends else ""
    conn.execute(f"COPY {check_name(table)} FROM ({scan} RETURN {', '.join(columns)}){pair}")


def load_graph(conn: Any, G: nx.MultiDiGraph, scratch: Path) -> None:
    """Bulk-load ``G``: the rows are streamed into one CSV per table (in ``scratch``), then each is
    loaded with one ``COPY`` (a ``MATCH`` per relationship batch made the load quadratic: 205 s for
    10k papers; several ``COPY``s into one node table can crash ladybug 0.22)."""
    files: dict[tuple[str, ...], tuple[Any, Any]] = {}

    def writer(key: tuple[str, ...]) -> Any:
        if key not in files:
            handle = (scratch / f"{len(files)}.csv").open("w", encoding="utf-8", newline="")
            files[key] = (handle, csv.writer(handle, lineterminator="\n"))
            files[key][1].writerow([f"c{i}" for i in range(_width(key))])
        return files[key][1]

    try:
        for nid, data in nodes_of(G):
            columns = SCHEMA["nodes"][data["label"]]
            writer((data["label"],)).writerow([nid if c == "id" else _cell(data.get(c)) for c in columns])
        for u, v, _, data in edges_of(G):
            columns = SCHEMA["rels"][data["type"]][1]
            key = (data["type"], G.nodes[u]["label"], G.nodes[v]["label"])
            writer(key).writerow([u, v, *(_cell(data.get(c)) for c in columns)])
    finally:
        for handle, _ in files.values():
            handle.close()
    order = list(files)
    for key in sorted(files, key=lambda k: (len(k), k)):  # node tables before the relationships between them
        path = scratch / f"{order.index(key)}.csv"
        if len(key) == 1:
            _copy(conn, key[0], path, _returns(SCHEMA["nodes"][key[0]]))
        else:
            rel, a, b = key
            _copy(conn, rel, path, ["c0", "c1", *_returns(SCHEMA["rels"][rel][1], 2)], (a, b))


def _width(key: tuple[str, ...]) -> int:
    return len(SCHEMA["nodes"][key[0]]) if len(key) == 1 else 2 + len(SCHEMA["rels"][key[0]][1])


def write_ladybug(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    import ladybug

    target = out / "ladybug"
    with atomic_dir(target) as tmp, tempfile.TemporaryDirectory(prefix="kg-ladybug-") as scratch:
        # ladybug's default buffer pool: its COPY needs room for the table it loads (a 64 MB pool fails
        # at 25k snapshot papers; this stage adds ~400 MB to the build's peak RSS there)
        db = ladybug.Database(str(tmp / DB_NAME))
        conn = ladybug.Connection(db)
        create_schema(conn)
        load_graph(conn, G, Path(scratch))
        conn.close()
        db.close()
    return [target / DB_NAME]
