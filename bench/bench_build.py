"""Time ``kg build`` on the seeds and on replicated corpora; print papers/s and peak RSS.

    python bench/bench_build.py [--sizes 1000 10000]

Replicated corpora repeat the seed papers (and the 304-paper arXiv corpus) with a
distinct id and title suffix per copy, so merging cannot collapse them. Each size
runs in a fresh process so peak RSS is that run's own.
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

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def _replicate(n: int, target: Path) -> Path:
    from kg.loaders import load_paths

    base = load_paths([SHARED / "seeds", SHARED / "corpora"]).records
    path = target / f"replicated-{n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            r = base[i % len(base)]
            copy = i // len(base)
            out.write(json.dumps({
                "id": f"{9000 + copy % 999:04d}.{i:05d}",
                "title": f"{r.title or r.title_zh} (copy {copy})",
                "abstract": r.abstract, "abstract_zh": r.abstract_zh,
                "authors": r.authors, "categories": r.categories,
            }, ensure_ascii=False) + "\n")
    return path


def _child(inputs: list[str], out: str) -> None:
    from kg.build import build

    start = time.perf_counter()
    result = build(inputs, out)
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"papers": len(result.papers), "seconds": round(seconds, 2),
                      "papers_per_s": round(len(result.papers) / seconds, 1), "peak_rss_mb": round(rss_mb)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        _child(args.child[:-1], args.child[-1])
        return
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("seeds", [str(SHARED / "seeds")])]
        runs += [(f"{n} papers", [str(_replicate(n, Path(tmp)))]) for n in args.sizes]
        for name, inputs in runs:
            line = subprocess.run([sys.executable, __file__, "--child", *inputs, str(Path(tmp) / "out")],
                                  capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            print(f"{name:>12}: {line}")


if __name__ == "__main__":
    main()
