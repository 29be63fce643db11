"""Latency of the documented queries (docs/queries.md) on a built graph, on both embedded engines.

    python bench/bench_queries.py --graph /work/tmp/g100k [--runs 20] [--unwind]

Prints, apart from each other:
- load: what the first query of a process pays: opening ``ladybug/graph.lbug`` read-only, and
  Oxigraph's bulk loader reading graph.ttl into memory; ``--rebuild``: ladybug rebuilt from
  graph.json by the build's bulk loader (``COPY FROM`` Arrow tables) into a scratch folder
  (``--unwind``: also by the UNWIND … CREATE batches it replaced);
- process start: a fresh ``python -m kg query`` process running a trivial Cypher query (imports,
  opening the database, one query), and the import time alone; ``--fresh-sparql``: a SPARQL one;
- in-process latency: every documented query through ``kg.query.query`` (as ``kg query`` calls
  it), once to warm up, then ``--runs`` times (3 when the warm-up took over 2 s): p50 and p95 in ms
  per engine, the rows returned, and the 1-minute load average when the query's runs ended.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def _pct(runs: list[float], q: float) -> float:
    return statistics.quantiles(runs, n=100, method="inclusive")[int(q) - 1] if len(runs) > 1 else runs[0]


def _fresh(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, cwd=HERE.parent)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True, help="a folder written by 'kg build' (default outputs)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--unwind", action="store_true", help="also time the UNWIND loader ladybug used before")
    parser.add_argument("--rebuild", action="store_true", help="time rebuilding ladybug from graph.json (COPY FROM)")
    parser.add_argument("--fresh-sparql", action="store_true", help="also time a fresh process's SPARQL query")
    parser.add_argument("--skip", type=int, nargs="*", default=[], help="numbers of documented queries not to run")
    parser.add_argument("--docs", type=Path, default=HERE.parent / "docs" / "queries.md",
                        help="the questions to time (e.g. an earlier docs/queries.md, to compare)")
    args = parser.parse_args()

    import ladybug

    from kg.export.graph_json import read_graph
    from kg.export.ladybug_db import DB_NAME, create_schema, load_graph, write_ladybug
    from kg.query import query
    from kg.querydocs import parse_queries

    graph = args.graph
    manifest = json.loads((graph / "manifest.json").read_text(encoding="utf-8"))
    print(f"graph: {sum(manifest['nodes'].values()):,} nodes, {sum(manifest['edges'].values()):,} edges, "
          f"{manifest['papers']:,} papers", flush=True)
    G = read_graph(graph) if args.rebuild else None

    print("load (s):")
    if args.rebuild:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            write_ladybug(G, Path(tmp))
            print(f"  ladybug COPY FROM (bulk loader) of the whole graph: {time.perf_counter() - start:.1f}", flush=True)
            if args.unwind:
                db = ladybug.Database(str(Path(tmp) / "unwind.lbug"))
                conn = ladybug.Connection(db)
                create_schema(conn)
                start = time.perf_counter()
                load_graph(conn, G, bulk_min=10**12)
                print(f"  ladybug UNWIND … CREATE batches of 2000: {time.perf_counter() - start:.1f}", flush=True)
                conn.close()
                db.close()
    del G
    start = time.perf_counter()
    query(graph, cypher="RETURN 1 AS one")
    print(f"  ladybug: open {graph}/ladybug/{DB_NAME} read-only (first Cypher query): "
          f"{time.perf_counter() - start:.2f}", flush=True)
    ttl = graph / "graph.ttl"
    start = time.perf_counter()
    triples = query(graph, sparql="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    print(f"  oxigraph: bulk_load graph.ttl ({ttl.stat().st_size / 1e6:,.0f} MB, {triples:,} triples) into memory "
          f"(first SPARQL query): {time.perf_counter() - start:.1f}", flush=True)

    print("process start (s, a fresh process):")
    imports = _fresh(["-c", "import kg.query, kg.cli, ladybug, pyoxigraph"])
    print(f"  python + imports (kg.cli, kg.query, ladybug, pyoxigraph): {imports:.2f}")
    cypher = _fresh(["-m", "kg", "query", "--graph", str(graph), "--cypher", "RETURN 1 AS one"])
    print(f"  kg query --cypher 'RETURN 1 AS one' (imports, open the database, one query): {cypher:.2f}")
    if args.fresh_sparql:
        sparql = _fresh(["-m", "kg", "query", "--graph", str(graph), "--sparql", "SELECT ?p WHERE { ?p a kg:Paper } LIMIT 1"])
        print(f"  kg query --sparql (one paper; loads graph.ttl into memory): {sparql:.2f}", flush=True)
    else:
        print("  kg query --sparql: the imports plus the Oxigraph load above (--fresh-sparql to run it)", flush=True)

    docs = parse_queries(args.docs.read_text(encoding="utf-8"))
    print(f"in-process latency (ms) over {args.runs} runs after one warm-up; rows returned")
    print(f"  {'query':<60} {'cypher p50':>10} {'p95':>8} {'sparql p50':>10} {'p95':>8} {'rows':>11} {'load':>5}")
    worst = {"cypher": 0.0, "sparql": 0.0}
    for q in docs:
        if q.number in args.skip:
            print(f"  {q.number:2}. {q.question[:56]:<56} skipped (--skip)")
            continue
        cells, rows = [], []
        for engine, text in (("cypher", q.cypher), ("sparql", q.sparql)):
            first = time.perf_counter()
            result = query(graph, **{engine: text}, params=q.params)
            first = time.perf_counter() - first
            runs = []
            for _ in range(args.runs if first < 2 else 3):  # a query of seconds: three runs tell enough
                start = time.perf_counter()
                query(graph, **{engine: text}, params=q.params)
                runs.append(time.perf_counter() - start)
            p50 = statistics.median(runs)
            worst[engine] = max(worst[engine], p50)
            cells += [_ms(p50), _ms(_pct(runs, 95))]
            rows.append(len(result.rows))
        title = f"{q.number:2}. {q.question}"[:60]
        print(f"  {title:<60} {cells[0]:>10} {cells[1]:>8} {cells[2]:>10} {cells[3]:>8} {rows[0]:>5} {rows[1]:>5} "
              f"{os.getloadavg()[0]:5.1f}", flush=True)
    print(f"slowest p50: cypher {worst['cypher'] * 1000:.1f} ms, sparql {worst['sparql'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
