"""Time ``kg build`` on a generated scale corpus; print per-stage time, papers/s and peak RSS.

    python bench/bench_build.py --papers 10000 [--jobs 2] [--format jsonl ...] [--add 1000]

The corpus comes from bench/make_corpus.py (real abstracts from ../shared with names
varied per copy). The build runs in a fresh process so peak RSS is that run's own
(children included: worker processes report their own peak, printed apart; the whole tree's RSS
and PSS are sampled from /proc by bench/tree_rss.py).
``--keep DIR`` keeps the corpus and the output folder in DIR. ``--add K`` then builds again into the same folder with K more papers (the incremental
path: cached extractions are reused) and prints that run too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tree_rss import Sampler  # noqa: E402


def _child(corpus: str, out: str, formats: list[str] | None, jobs: int | None) -> None:
    import logging

    from kg.build import build

    log = logging.FileHandler(Path(out).parent / "stages.log")  # each stage as it ends, for a run cut short
    log.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logging.getLogger("kg.build").addHandler(log)
    logging.getLogger("kg.build").setLevel(logging.INFO)
    kwargs = {"jobs": jobs} if jobs else {}
    start = time.perf_counter()
    result = build([corpus], out, formats, **kwargs)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"papers": len(result.papers), "seconds": round(seconds, 2),
                      "papers_per_s": round(len(result.papers) / seconds, 1),
                      "peak_rss_mb": round(own), "worker_peak_rss_mb": round(workers),
                      "nodes": sum(result.summary()["nodes"].values()),  # type: ignore[attr-defined]
                      "stages": {k: round(v, 2) for k, v in result.timings.items()},
                      "peak_mb": {k: round(v) for k, v in result.peak_mb.items()}, "reused": result.reused}))


def _run(corpus: Path, out: Path, formats: list[str] | None, jobs: int | None) -> dict:  # type: ignore[type-arg]
    cmd = [sys.executable, __file__, "--child", str(corpus), str(out), "--jobs", str(jobs or 0)]
    cmd += [x for f in formats or [] for x in ("--format", f)]
    before = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)  # the whole tree: the build and its extraction workers
    stdout, stderr = proc.communicate()
    tree = sampler.stop()
    if proc.returncode:
        sys.exit(stderr)
    result = json.loads(stdout.strip().splitlines()[-1]) | tree
    result["load"] = (before, os.getloadavg()[0])
    return result  # type: ignore[no-any-return]


def _print(name: str, r: dict) -> None:  # type: ignore[type-arg]
    print(f"{name}: {r['papers']} papers in {r['seconds']} s = {r['papers_per_s']} papers/s, "
          f"peak RSS {r['peak_rss_mb']} MB (largest worker {r['worker_peak_rss_mb']} MB; whole process tree: "
          f"RSS {r['tree_peak_rss_mb']} MB, PSS {r['tree_peak_pss_mb']} MB), {r['nodes']} nodes, "
          f"{r['reused']} extractions reused; load average {r['load'][0]:.1f} before, {r['load'][1]:.1f} after")
    print(f"  {'stage':<18} {'seconds':>8} {'papers/s':>9} {'peak RSS so far':>16}")
    for stage, seconds in r["stages"].items():
        rate = f"{r['papers'] / seconds:9.0f}" if seconds > 0 else " " * 9
        print(f"  {stage:<18} {seconds:8.2f} {rate} {r['peak_mb'][stage]:13} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=0, help="extraction workers (0: the build's default)")
    parser.add_argument("--format", action="append", help="outputs to write (default: all default outputs)")
    parser.add_argument("--add", type=int, default=0, help="then add this many papers and build again")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the corpus and the output")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        _child(*args.child, args.format, args.jobs or None)
        return
    from make_corpus import make_corpus

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        corpus = make_corpus(args.papers, Path(tmp) / "corpus.jsonl")
        full = _run(corpus, Path(tmp) / "out", args.format, args.jobs)
        _print(f"{args.papers} papers", full)
        if args.add:
            bigger = make_corpus(args.papers + args.add, Path(tmp) / "corpus.jsonl")
            more = _run(bigger, Path(tmp) / "out", args.format, args.jobs)
            _print(f"+{args.add} papers (incremental)", more)
            print(f"incremental / full build time: {more['seconds'] / full['seconds']:.1%}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
