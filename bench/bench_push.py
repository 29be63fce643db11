"""Rows/s of ``kg push neo4j`` into the test Bolt server (ArcadeDB) for a few batch sizes.

    python bench/bench_push.py [--papers 2000] [--sizes 100 500 2000]

Builds a generated corpus (bench/make_corpus.py), then pushes its graph into a fresh
database per batch size. Prints rows/s and the load average around each push.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    args = parser.parse_args()
    from make_corpus import make_corpus

    from kg.build import build
    from kg.export.neo4j import push_neo4j
    from tests.arcadedb_server import BoltServer

    with tempfile.TemporaryDirectory() as tmp:
        G = build([make_corpus(args.papers, Path(tmp) / "c.jsonl")]).graph
        (Path(tmp) / "arcadedb").mkdir()
        server = BoltServer(Path(tmp) / "arcadedb", "bench-password")
        try:
            for size in args.sizes:
                name = f"push{size}"
                server.create_database(name)
                load = os.getloadavg()[0]
                result = push_neo4j(G, server.uri, "root", server.password, name, batch_size=size)
                print(f"batch {size:>5}: {result.rows} rows in {result.seconds:.1f} s = "
                      f"{result.rows / result.seconds:,.0f} rows/s (load average {load:.1f} → {os.getloadavg()[0]:.1f})")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
