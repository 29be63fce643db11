"""CPU time of each stage after extraction, on a corpus whose extractions are already stored.

    python bench/bench_stages.py CORPUS OUT_FOLDER [--format turtle ...] [--repeat 2]

``OUT_FOLDER`` is the output of an earlier ``kg build CORPUS --out OUT_FOLDER`` (its extraction
store is read; nothing is extracted when the extractor is unchanged). Reading the store, resolution,
the graph and each exporter are timed in process CPU seconds as well as wall seconds, so runs on a
shared machine compare (wall time follows the load average, printed with each line). The exporters
write into a scratch folder, sharing one sort of the graph as ``kg build`` does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _timed(name: str, work: Callable[[], Any]) -> Any:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    print(f"  {name:<12} cpu {time.process_time() - cpu:7.2f} s  wall {time.perf_counter() - wall:7.2f} s  "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("store", type=Path, help="an earlier build's output folder (its extraction store)")
    parser.add_argument("--format", action="append", help="exporters (default: graph-json turtle cypher neo4j-csv jsonl)")
    parser.add_argument("--repeat", type=int, default=1, help="run each exporter this many times")
    args = parser.parse_args()

    from kg.build import _Texts
    from kg.export import get_exporter
    from kg.export.order import shared_order
    from kg.extract.lexicon import load_lexicon
    from kg.extract.resolve import resolve_entities
    from kg.graph import make_graph
    from kg.loaders import load_paths
    from kg.merge import merge_records
    from kg.runner import extract_all

    papers = merge_records(load_paths([args.corpus]).records)
    print(f"{len(papers)} papers")
    extracted = _timed("store", lambda: extract_all(papers, (), None, args.store, 2))
    if extracted.reused < len(papers):
        print(f"  ({len(papers) - extracted.reused} papers were not in the store and were extracted)")
    resolution = _timed("resolve", lambda: resolve_entities(extracted.extractions, load_lexicon(()), _Texts(papers)))
    G = _timed("graph", lambda: make_graph(papers, extracted.extractions, resolution))
    names = args.format or ["graph-json", "turtle", "cypher", "neo4j-csv", "jsonl"]
    with tempfile.TemporaryDirectory() as scratch, shared_order(G):
        for name in names:
            for _ in range(args.repeat):
                _timed(name, lambda: get_exporter(name)(G, Path(scratch)))  # noqa: B023


if __name__ == "__main__":
    main()
