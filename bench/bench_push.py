"""Rows/s of ``kg push neo4j`` into the test Bolt server (ArcadeDB) per configuration, and where the time goes.

    python bench/bench_push.py --graph /work/tmp/g100k [--configs create:1000:1 merge:1000:1 ...] [--probe]
    python bench/bench_push.py --papers 2000          # builds a generated corpus first (bench/make_corpus.py)

A configuration is MODE:BATCH:WORKERS: ``create`` is the fast path of a first push into an
empty database, ``merge`` the MERGE-only path (``create=False``: what a second push, or a push
into a database that already holds part of the graph, runs); WORKERS sessions send batches at
once. Each configuration pushes into a fresh database, after one warm-up push of a subgraph (the
JVM's JIT). Printed per push: rows/s for nodes, relationships and overall, and CPU seconds spent
by this process (the driver) and by the server process, read from /proc, against the wall time:
rows per server CPU-second is the server's rate with a core to itself, whatever the machine's load.

``--probe`` times what one batch of node rows costs the server, piece by piece: a Bolt round
trip (``RETURN 1``), shipping and unwinding the rows (``UNWIND $rows AS row RETURN count(*)``),
creating bare nodes, nodes with their properties, and under a unique index.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _push(G, server, name: str, config: str, every: int = 0) -> str:
    from kg.export.cypher_queries import LABELS
    from kg.export.neo4j import push_neo4j

    mode, size, workers = config.split(":")
    server.create_database(name)
    last_node: list[float] = []
    done = [0, 0]  # rows pushed, rows at the last report

    def progress(what: str, n: int) -> None:
        now = time.perf_counter()
        if what in LABELS:
            last_node[:] = [now]
        done[0] += n
        if every and done[0] - done[1] >= every:  # a running report, for pushes too long to wait for
            done[1] = done[0]
            print(f"    {name}: {done[0]:,} rows ({what}) in {now - start:.0f} s = {done[0] / (now - start):,.0f} "
                  f"rows/s, {done[0] / max(_cpu(server.process.pid) - srv, 1e-9):,.0f} rows per server CPU-second",
                  flush=True)

    load, client, srv = os.getloadavg()[0], time.process_time(), _cpu(server.process.pid)
    start = time.perf_counter()
    result = push_neo4j(G, server.uri, "root", server.password, name, batch_size=int(size), workers=int(workers),
                        create=(mode == "create"), progress=progress)
    wall = time.perf_counter() - start
    client, srv = time.process_time() - client, _cpu(server.process.pid) - srv
    nodes, rels = sum(result.nodes.values()), sum(result.relationships.values())
    phases = {"nodes": last_node[0] - start, "rels": wall - (last_node[0] - start)}
    return (f"{config:>16}: {result.rows:,} rows in {wall:6.1f} s = {result.rows / wall:7,.0f} rows/s "
            f"(nodes {nodes / phases['nodes']:,.0f}/s, relationships {rels / phases['rels']:,.0f}/s); "
            f"CPU s: driver {client:.1f}, server {srv:.1f} = {result.rows / max(srv, 1e-9):,.0f} rows per server "
            f"CPU-second; load {load:.1f} → {os.getloadavg()[0]:.1f}")


def _probe(G, server) -> None:
    from neo4j import GraphDatabase

    from kg.export.cypher_queries import constraint_queries
    from kg.export.neo4j import node_batches

    rows = [row for batch in node_batches(G).values() for row in batch][:20000]
    size = 1000
    chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
    server.create_database("probe")
    steps = [
        ("round trip: RETURN 1 (per query)", "RETURN 1", None),
        ("ship + unwind rows, no write", "UNWIND $rows AS row RETURN count(*) AS n", chunks),
        ("CREATE bare nodes (id only)", "UNWIND $rows AS row CREATE (:Bare {id: row.id})", chunks),
        ("CREATE nodes with properties", "UNWIND $rows AS row CREATE (n:Props) SET n = row.props", chunks),
        ("CREATE nodes, unique index on id", "UNWIND $rows AS row CREATE (n:Method) SET n = row.props", chunks),
        ("MERGE the same nodes again (found)", "UNWIND $rows AS row MERGE (n:Method {id: row.id}) SET n += row.props",
         chunks),
    ]
    with GraphDatabase.driver(server.uri, auth=("root", server.password)) as driver, \
            driver.session(database="probe") as s:
        s.run(next(q for q in constraint_queries() if "(n:Method)" in q)).consume()
        for _ in range(3):  # warm up
            s.execute_write(lambda tx: tx.run("UNWIND $rows AS row RETURN count(*) AS n", rows=chunks[0]).consume())
        print(f"probe: {len(rows):,} node rows in batches of {size}, one session")
        for name, query, batches in steps:
            srv = _cpu(server.process.pid)
            start = time.perf_counter()
            if batches is None:
                for _ in range(200):
                    s.run(query).consume()
                wall = time.perf_counter() - start
                print(f"  {name:<38} {wall / 200 * 1000:8.2f} ms")
                continue
            for chunk in batches:
                s.execute_write(lambda tx: tx.run(query, rows=chunk).consume())  # noqa: B023
            wall, srv = time.perf_counter() - start, _cpu(server.process.pid) - srv
            print(f"  {name:<38} {len(rows) / wall:9,.0f} rows/s  (server CPU {srv:.1f} s = "
                  f"{len(rows) / max(srv, 1e-9):,.0f} rows per server CPU-second)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--graph", type=Path, help="a folder written by 'kg build'")
    source.add_argument("--papers", type=int, help="build a generated corpus of this many papers first")
    parser.add_argument("--configs", nargs="+", default=["create:1000:1", "create:250:1", "create:4000:1",
                                                         "create:1000:2", "merge:1000:1"])
    parser.add_argument("--probe", action="store_true", help="time the pieces of one batch's cost")
    parser.add_argument("--every", type=int, default=0, help="print a running rate every N rows")
    parser.add_argument("--warmup", type=int, default=20000, help="nodes of the warm-up push's subgraph")
    args = parser.parse_args()

    from kg.export.graph_json import read_graph
    from tests.arcadedb_server import BoltServer

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        if args.graph:
            G = read_graph(args.graph)
        else:
            from make_corpus import make_corpus

            from kg.build import build

            G = build([make_corpus(args.papers, Path(tmp) / "c.jsonl")]).graph
        print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
              f"(read in {time.perf_counter() - start:.1f} s); {os.cpu_count()} cores", flush=True)
        (Path(tmp) / "arcadedb").mkdir()
        server = BoltServer(Path(tmp) / "arcadedb", "bench-password")
        try:
            warm = G.subgraph(sorted(G.nodes)[: args.warmup])  # the JVM's JIT, before anything is timed
            print("warm-up " + _push(warm, server, "warmup", "create:1000:1"), flush=True)
            for i, config in enumerate(args.configs):
                print(_push(G, server, f"push{i}", config, args.every), flush=True)
            if args.probe:
                _probe(G, server)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
