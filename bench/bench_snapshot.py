"""Stream an arXiv-snapshot-shaped file: loader throughput and peak RSS growth.

    python bench/bench_snapshot.py [--sizes 25000 50000 100000] [--modes stream read_paths load_paths] [--build-sizes 10000]

Writes synthetic snapshot lines (bench/make_snapshot.py: invented titles and
abstracts from word lists, seeded) of the real file's shape, then in a fresh process per run:

- ``stream``: iterates ``read_arxiv_snapshot(path)`` and drops each record: what
  the loader itself holds (flat as the file grows if it streams);
- ``read_paths``: the load stage as a streaming build would run it,
  ``kg.loaders.read_paths([path])`` (format sniffed, every record checked), each
  record dropped;
- ``load_paths``: ``kg.loaders.load_paths([path])``, which keeps every record (what
  the build does today);
- ``build`` (``--build-sizes``): ``kg.build.build([path])``, extraction included.

RSS growth is the process's peak RSS after the run minus its peak before it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_snapshot import write_snapshot  # noqa: E402 - the generator beside this file


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(mode: str, path: str) -> None:
    if mode == "stream":
        from kg.loaders.arxiv_snapshot import read_arxiv_snapshot

        before, start = _peak_mb(), time.perf_counter()
        count = sum(1 for _ in read_arxiv_snapshot(path))
    elif mode == "read_paths":
        from kg.loaders import read_paths

        before, start = _peak_mb(), time.perf_counter()
        count = sum(1 for loaded in read_paths([path]) for _ in loaded.items)
    elif mode == "load_paths":
        from kg.loaders import load_paths

        before, start = _peak_mb(), time.perf_counter()
        result = load_paths([path])
        count = len(result.records) + len(result.errors)
    else:
        from kg.build import build

        before, start = _peak_mb(), time.perf_counter()
        count = len(build([path]).papers)
    seconds = time.perf_counter() - start
    print(json.dumps({"mode": mode, "lines": count, "seconds": round(seconds, 2),
                      "lines_per_s": round(count / seconds), "rss_before_mb": round(before),
                      "peak_rss_mb": round(_peak_mb()), "rss_growth_mb": round(_peak_mb() - before)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--modes", nargs="*", default=["stream", "read_paths", "load_paths"])
    parser.add_argument("--build-sizes", type=int, nargs="*", default=[])
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(n, m) for n in args.sizes for m in args.modes] + [(n, "build") for n in args.build_sizes]
        for n in sorted({n for n, _ in runs}):
            path = Path(tmp) / f"snapshot-{n}.jsonl"
            write_snapshot(n, path)
            size_mb = path.stat().st_size / 2**20
            for size, mode in runs:
                if size == n:
                    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], check=True,
                                         capture_output=True, text=True).stdout
                    print(json.dumps({"size": n, "file_mb": round(size_mb, 1), **json.loads(out)}), flush=True)


if __name__ == "__main__":
    main()
