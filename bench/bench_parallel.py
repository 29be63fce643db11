"""Extraction speed-up on worker processes: 1 job against N, alternated so load changes hit both.

    python bench/bench_parallel.py [--papers 4000] [--jobs 2] [--rounds 2]

Papers come from bench/make_corpus.py. Prints wall time, CPU seconds (this process and
its workers) and the load average around each run: on a shared machine the wall-time
speed-up is bounded by the cores the other processes leave free.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=4000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from make_corpus import make_corpus

    from kg.extract.parallel import extract_parallel
    from kg.loaders import load_paths
    from kg.merge import merge_records

    with tempfile.TemporaryDirectory() as tmp:
        papers = merge_records(load_paths([make_corpus(args.papers, Path(tmp) / "c.jsonl")]).records)
    wall: dict[int, list[float]] = {1: [], args.jobs: []}
    reference = None
    for _ in range(args.rounds):
        for jobs in (1, args.jobs):
            load, cpu, start = os.getloadavg()[0], _cpu(), time.perf_counter()
            out = extract_parallel(papers, jobs=jobs)
            seconds, cpu = time.perf_counter() - start, _cpu() - cpu
            reference = reference or [e.model_dump_json() for e in out]
            assert [e.model_dump_json() for e in out] == reference, "results differ from the first run"
            wall[jobs].append(seconds)
            print(f"jobs={jobs}: {len(papers)} papers in {seconds:.1f} s wall ({len(papers) / seconds:.0f} papers/s), "
                  f"{cpu:.1f} CPU-s, load average {load:.1f} → {os.getloadavg()[0]:.1f}")
    best1, bestn = min(wall[1]), min(wall[args.jobs])
    print(f"speed-up {args.jobs} jobs vs 1 (best of {args.rounds}): {best1 / bestn:.2f}x")


if __name__ == "__main__":
    main()
