"""Peak memory of a whole process tree (a build and its extraction workers), sampled from /proc.

    python bench/tree_rss.py [--every 0.2] -- COMMAND ...

Runs COMMAND, samples every ``--every`` seconds the sum over it and all its descendants of
RSS and of PSS (proportional set size: pages shared after fork counted once, split between
the processes that share them), and prints both peaks as one JSON line on stderr after the
command's own output. ``getrusage`` reports only one process's peak (the largest child for
RUSAGE_CHILDREN), never their sum. Linux only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return found


def _kb(pid: int, path: str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_mb(pid: int) -> tuple[float, float, int]:
    """(RSS, PSS) in MB summed over ``pid`` and its descendants, and how many processes."""
    pids = _children(pid)
    rss = sum(_kb(p, "status", "VmRSS:") for p in pids)
    pss = sum(_kb(p, "smaps_rollup", "Pss:") for p in pids)
    return rss / 1024, pss / 1024, len(pids)


class Sampler:
    """Samples ``tree_mb(pid)`` in a thread until :meth:`stop`; keeps the peaks."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid, self.every = pid, every
        self.rss = self.pss = 0.0
        self.processes = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(self.every):
            rss, pss, n = tree_mb(self.pid)
            self.rss, self.pss, self.processes = max(self.rss, rss), max(self.pss, pss), max(self.processes, n)

    def stop(self) -> dict[str, float]:
        self._done.set()
        self._thread.join()
        return {"tree_peak_rss_mb": round(self.rss), "tree_peak_pss_mb": round(self.pss), "processes": self.processes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=0.2)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    proc = subprocess.Popen(command)
    sampler = Sampler(proc.pid, args.every)
    code = proc.wait()
    print(json.dumps(sampler.stop() | {"returncode": code}), file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
