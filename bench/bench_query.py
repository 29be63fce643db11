"""Bolt push throughput and documented-query latency.

    python bench/bench_query.py [--papers 10000]

Starts ArcadeDB (arcadedb-embedded, Bolt plugin) on 127.0.0.1 in a child process, pushes the seed
graph and a replicated graph with ``kg.export.neo4j.push_neo4j`` and prints
rows/s; then times every query of docs/queries.md on both embedded engines
(median of 5 runs, after one warm-up).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

sys.path.insert(0, str(HERE.parent))
from bench_build import SHARED, _replicate  # noqa: E402

from kg.build import build  # noqa: E402
from kg.export import write  # noqa: E402
from kg.export.neo4j import push_neo4j  # noqa: E402
from kg.query import query  # noqa: E402
from kg.querydocs import parse_queries  # noqa: E402
from tests.arcadedb_server import BoltServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        server = BoltServer(tmp_path / "arcade", "bench-password")  # a child process, as in the tests
        try:
            for name, inputs in [("seeds", [SHARED / "seeds"]),
                                 (f"{args.papers} papers", [_replicate(args.papers, tmp_path)])]:
                built = build(inputs)
                db = "seeds" if name == "seeds" else f"r{args.papers}"
                server.create_database(db)
                result = push_neo4j(built.graph, server.uri, "root", "bench-password", db)
                print(f"push {name}: {result.rows:,} rows in {result.seconds:.1f}s = "
                      f"{result.rows / result.seconds:,.0f} rows/s")
        finally:
            server.stop()
        out = tmp_path / "out"
        write(build([SHARED / "seeds"]).graph, out, ["graph-json", "turtle", "ladybug"])
        docs = parse_queries((HERE.parent / "docs" / "queries.md").read_text(encoding="utf-8"))
        print("query latency on the seed graph (median of 5, ms): cypher/ladybug  sparql/oxigraph")
        for q in docs:
            timings = {}
            for engine, text in (("cypher", q.cypher), ("sparql", q.sparql)):
                query(out, **{engine: text})
                runs = []
                for _ in range(5):
                    start = time.perf_counter()
                    query(out, **{engine: text})
                    runs.append((time.perf_counter() - start) * 1000)
                timings[engine] = statistics.median(runs)
            print(f"  {q.number:2}. {timings['cypher']:7.1f} {timings['sparql']:7.1f}  {q.question[:60]}")


if __name__ == "__main__":
    main()
