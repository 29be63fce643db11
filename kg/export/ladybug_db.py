"""An embedded Cypher database (ladybug, the maintained fork of Kùzu) written at
build time into ``ladybug/graph.lbug``, so ``kg query --cypher`` needs no server.

The schema is the build schema: one node table per label, one relationship
table per type (EVALUATES_ON and INTRODUCES accept Dataset and Benchmark
targets). Tables are filled one at a time by ladybug's bulk loader: each run of at most ``CHUNK_ROWS``
rows is written to a Parquet file in a scratch folder and loaded by ``COPY … FROM 'file'`` (values never
enter the query text; ladybug reads the file itself, which costs it far less memory than a table passed
from Python); a table under ``bulk_min`` rows, where each COPY's fixed cost dominates,
or any table when pyarrow is missing, goes in as ``UNWIND $rows`` batches.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_dir
from kg.export.cypher_queries import check_name
from kg.export.order import sorted_edges, sorted_nodes
from kg.schema import LABELS, RELATIONS, Prop
from kg.texts import text_of

__all__ = ["SCHEMA", "create_schema", "load_graph", "write_ladybug", "DB_NAME"]

_log = logging.getLogger(__name__)

DB_NAME = "graph.lbug"
# The load's memory is mostly ladybug's own, and it grows with the rows of one COPY: each COPY is one
# transaction. 50k-paper snapshot, peak of the load alone over the graph: 50,000 rows a COPY from Python Arrow
# tables, default pool and threads, +340 MB; 20,000 rows from Parquet files, a 256 MB pool, one thread, +200 MB.
CHUNK_ROWS = 20_000  # rows per COPY
BUFFER_POOL = 256 << 20  # bytes; a load that does not fit is done again with ladybug's default (~80% of memory)
THREADS = 1  # ladybug's threads while loading: each one holds its own buffers
SMALL_GRAPH = 20_000  # nodes: under this, small relationship tables go in as UNWIND batches
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


def _arrow_table(columns: dict[str, str], values: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    def kind(sql: str) -> Any:
        return pa.list_(pa.string()) if sql == "STRING[]" else getattr(pa, _ARROW[sql])()

    return pa.table({name: pa.array(values[name], type=kind(sql)) for name, sql in columns.items()})


def _bulk(rows: int, bulk_min: int) -> bool:
    if rows < bulk_min:
        return False  # each COPY has a fixed cost (~0.2 s): small tables go faster as UNWIND batches
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


_PARQUET_BATCH = 4096  # rows per Arrow batch written to a chunk's file


def _copy_file(conn: Any, copy: str, columns: dict[str, str], values: Iterable[list[Any]], scratch: Path) -> None:
    """``COPY … FROM`` one Parquet file holding ``values``, made and written ``_PARQUET_BATCH`` rows at a time
    (neither the chunk's rows nor an Arrow table of them are ever held whole)."""
    import pyarrow.parquet as pq

    path = scratch / "chunk.parquet"
    if "'" in str(path) or "\\" in str(path):
        raise ValueError(f"{path}: a scratch path ladybug's COPY cannot be given")
    writer = None
    values = iter(values)
    try:
        while part := list(islice(values, _PARQUET_BATCH)):
            table = _arrow_table(columns, {c: [v[j] for v in part] for j, c in enumerate(columns)})
            del part
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
            del table
    finally:
        if writer is not None:
            writer.close()
    conn.execute(copy.format(source=f"'{path}'"))
    path.unlink()


def _fill(conn: Any, copy: str, unwind: str, columns: dict[str, str], rows: list[Any],
          row: Any, bulk_min: int, batch_size: int, chunk: int, scratch: Path) -> None:
    """Load ``rows`` (``row(item)`` gives each one's values, in ``columns`` order) into one table:
    ``chunk`` rows per COPY from a Parquet file in ``scratch`` (each row's values made as it is written, so
    no Arrow table or value list of the whole table, or of a chunk, is ever built), or ``batch_size`` rows
    per UNWIND when the table is under ``bulk_min`` rows."""
    bulk = _bulk(len(rows), bulk_min)
    step = chunk if bulk else batch_size
    for i in range(0, len(rows), step):
        if bulk:
            _copy_file(conn, copy, columns, map(row, rows[i:i + step]), scratch)
        else:
            values = [row(item) for item in rows[i:i + step]]
            conn.execute(unwind, {"rows": [dict(zip(columns, v)) for v in values]})


def load_graph(conn: Any, G: nx.MultiDiGraph, batch_size: int = 2000, bulk_min: int = 1000,
               chunk: int = CHUNK_ROWS, scratch_in: Path | None = None) -> None:
    """Fill the empty tables of ``create_schema``, one table at a time: a table of ``bulk_min`` rows or more
    (per end labels) by the bulk loader, ``COPY … FROM`` a Parquet file of ``chunk`` rows at a time
    (written in a scratch folder inside ``scratch_in``, default the system's temporary folder, removed after);
    smaller ones by ``UNWIND $rows`` batches. Rows go in id
    order ((source, target, key) for relationships)."""
    with tempfile.TemporaryDirectory(prefix="kg-ladybug-", dir=scratch_in) as scratch:
        _load(conn, G, batch_size, bulk_min, chunk, Path(scratch))


def _load(conn: Any, G: nx.MultiDiGraph, batch_size: int, bulk_min: int, chunk: int, scratch: Path) -> None:
    for label, columns in SCHEMA["nodes"].items():
        names = list(columns)
        nodes = sorted_nodes(G, label)  # shared with the other exporters while kg.export.write runs
        _fill(conn, f"COPY {check_name(label)} FROM {{source}}",
              f"UNWIND $rows AS row CREATE (:{check_name(label)} {{{_sets(columns)}}})", columns, nodes,
              lambda item: [item[0] if c == "id" else text_of(G, item[1].get(c)) for c in names], bulk_min, batch_size, chunk,
              scratch)
        del nodes
    # an UNWIND batch of relationships MATCHes its ends: at 100k papers 30 rows took 9-17 s and +490 MB,
    # so past a small graph every relationship table goes by COPY
    rel_min = bulk_min if G.number_of_nodes() < SMALL_GRAPH else 1
    for rel, (pairs, columns) in SCHEMA["rels"].items():
        names = list(columns)
        groups: dict[tuple[str, str], list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
        labels = G._node  # the adjacency itself: no node view per edge
        for edge in sorted_edges(G, rel):
            groups[(labels[edge[0]]["label"], labels[edge[1]]["label"])].append(edge)
        for (a, b), edges in groups.items():
            options = f" (from='{check_name(a)}', to='{check_name(b)}')" if len(pairs) > 1 else ""
            unwind = (f"UNWIND $rows AS row MATCH (a:{check_name(a)} {{id: row.src}}), "
                      f"(b:{check_name(b)} {{id: row.dst}}) CREATE (a)-[:{check_name(rel)} {{{_sets(columns)}}}]->(b)")
            _fill(conn, f"COPY {check_name(rel)} FROM {{source}}{options}", unwind,
                  {"src": "STRING", "dst": "STRING", **columns}, edges,  # the first two: from, to
                  lambda e: [e[0], e[1], *(text_of(G, e[3].get(c)) for c in names)], rel_min, batch_size, chunk, scratch)
        del groups


def write_ladybug(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    target = out / "ladybug"
    with atomic_dir(target) as tmp:
        try:
            _write_db(G, tmp / DB_NAME, buffer_pool_size=BUFFER_POOL, max_num_threads=THREADS)
        except RuntimeError as exc:
            if "buffer pool is full" not in str(exc):
                raise
            _log.warning("ladybug: the load does not fit a %d MB buffer pool; loading again with the default pool",
                         BUFFER_POOL >> 20)
            for path in tmp.iterdir():
                shutil.rmtree(path) if path.is_dir() else path.unlink()
            _write_db(G, tmp / DB_NAME, max_num_threads=THREADS)
    return [target / DB_NAME]


def _write_db(G: nx.MultiDiGraph, path: Path, **options: Any) -> None:
    import ladybug

    db = ladybug.Database(str(path), **options)
    try:
        conn = ladybug.Connection(db)
        try:
            create_schema(conn)
            # the Parquet scratch in the folder being built: a killed build's goes with its staging folder
            load_graph(conn, G, scratch_in=path.parent)
        finally:
            conn.close()
    finally:
        db.close()
