"""kill -9 a ``kg build`` at random moments over a good output folder, and check after each kill that
the folder is wholly the previous build or wholly the new one (every file as its manifest says),
with no temporary file inside it; the next build removes what the killed one left beside it.

    python bench/kill_trials.py [--trials 20] [--records 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE.parent))

from kg.output import MANIFEST, file_sha256  # noqa: E402

FORMATS = ["graph-json", "jsonl", "turtle", "cypher", "neo4j-csv"]


def _records(n: int, target: Path) -> Path:
    """``n`` records: the seeds and the arXiv corpus repeated with distinct ids and titles."""
    from kg.loaders import load_paths

    base = load_paths([SHARED / "seeds", SHARED / "corpora"]).records
    path = target / f"records-{n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            r = base[i % len(base)]
            out.write(json.dumps({"id": f"{9000 + i // len(base):04d}.{i:05d}",
                                  "title": f"{r.title or r.title_zh} ({i // len(base)})",
                                  "abstract": r.abstract, "authors": r.authors}, ensure_ascii=False) + "\n")
    return path


def _state(out: Path) -> str:
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {MANIFEST}
    if files != set(manifest["files"]):
        return f"MIXED: files {sorted(files ^ set(manifest['files']))}"
    for rel, entry in manifest["files"].items():
        if entry["build"] != manifest["build"] or ("sha256" in entry and file_sha256(out / rel) != entry["sha256"]):
            return f"MIXED: {rel}"
    if any(p.name.startswith(".") for p in out.rglob("*")):
        return "TEMP FILE INSIDE"
    return manifest["build"]


def _kg(*args: str, **kw) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    return subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, **kw)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big, out = _records(args.records, root), root / "out"
        fmt = [a for f in FORMATS for a in ("-f", f)]
        old_cmd = ["build", str(HERE.parent / "examples"), "--out", str(out), *fmt]
        new_cmd = ["build", str(big), "--out", str(out), *fmt]
        _kg(*new_cmd).wait()
        new = _state(out)
        start = time.perf_counter()
        _kg(*old_cmd).wait()
        old = _state(out)
        start = time.perf_counter()
        _kg(*new_cmd).wait()
        full = time.perf_counter() - start
        print(f"{args.records} records: a full build takes {full:.1f} s; old build {old}, new build {new}")
        tally = {"old": 0, "new": 0, "bad": 0, "leftovers after next build": 0}
        for trial in range(args.trials):
            _kg(*old_cmd).wait()
            proc = _kg(*new_cmd)
            at = rng.uniform(0.1, full)
            time.sleep(at)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            state = _state(out)
            kind = "old" if state == old else "new" if state == new else "bad"
            tally[kind] += 1
            beside = sorted(p.name for p in root.iterdir() if p.name.startswith(".out."))
            _kg(*old_cmd).wait()
            left = sorted(p.name for p in root.iterdir() if p.name.startswith(".out."))
            tally["leftovers after next build"] += bool(left)
            print(f"trial {trial + 1:2d}: killed at {at:5.1f} s → {kind} {'' if kind != 'bad' else state}"
                  f"  (beside the folder right after the kill: {len(beside)} staging folder(s))")
        print(json.dumps(tally))


if __name__ == "__main__":
    main()
