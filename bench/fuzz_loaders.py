"""Fuzz the loading + merge stage with mutated copies of the real inputs.

    python bench/fuzz_loaders.py --files 10000 --seed 1

Bases: the seeds in ../shared/seeds (markdown table, three Hugging Face daily
dumps, a digest), the corpus JSONL, that corpus converted to CSV (one row per
line, and with multi-line abstracts), to a JSON array (indented, and one
element per line), the OpenAlex page in tests/data and the hand-written fixtures of
tests/data/inputs (BibTeX, CSL-JSON, arXiv Atom, arXiv snapshot, Semantic Scholar) that load clean. Each fuzzed file is a
base with one to three mutations: byte flips, truncation, line splits and
joins, deleted or indented lines, CR-only line endings, inserted garbage, a
200,000-character token, deep nesting or a huge number.

Every record of a base has a byte span (its lines). A record whose span no
mutation touched must come out of the mutated file either built (a record with
its title starting inside its span) or reported (an error on a line of its
span, or an error saying nothing in the file was read). Anything else is an
unreported loss. Printed: crashes (an exception out of load + merge), hangs
(over --timeout CPU seconds, by a profiling timer, so a busy machine does not
count), exceptions the loaders' safety net
caught (bugs, though not crashes), unreported losses and the share of
untouched records in damaged files that were still built.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.ids import fold
from kg.loaders import load_paths
from kg.loaders._record import WHOLE_FILE
from kg.merge import merge_records, reconcile

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAFETY_NET = ("cannot read this record (", "reader failed here (", "nested too deeply to read")


_NEWLINE = re.compile(rb"\n")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")  # where the loaders break lines


class Hang(BaseException):
    """Raised by the alarm; a BaseException so the loaders' safety net cannot swallow it."""


# ---- bases ------------------------------------------------------------------------------


@dataclass
class Base:
    name: str
    data: bytes
    spans: list[tuple[int, int]]  # byte span of each record
    titles: list[str]  # folded title of each record


def _corpus_rows() -> list[dict]:
    rows = []
    for line in (SHARED / "corpora" / "arxiv-2026-07-08.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        rows.append({"arxiv_id": d["arxiv_id"], "title": d["title"], "abstract": d["abstract"],
                     "authors": "; ".join(d["authors"]), "categories": " ".join(d["categories"]),
                     "published": d["published"], "pdf_url": d["pdf_url"]})
    return rows


def _csv_text(rows: list[dict], multiline: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "abstract": row["abstract"].replace(". ", ".\n")} if multiline else row)
    return out.getvalue()


def _json_text(rows: list[dict], indent: bool) -> str:
    if indent:
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"


def _spans(data: bytes, starts: list[int]) -> list[tuple[int, int]]:
    """Byte spans from each record's first line to the line before the next record."""
    offsets = [0] + [m.end() for m in _NEWLINE.finditer(data)]
    begin = [offsets[n - 1] for n in starts]
    return [(b, begin[i + 1] if i + 1 < len(begin) else len(data)) for i, b in enumerate(begin)]


def make_bases(tmp: Path) -> list[Base]:
    texts: dict[str, bytes] = {p.name: p.read_bytes() for p in sorted((SHARED / "seeds").glob("*.txt"))}
    texts["corpus.jsonl"] = (SHARED / "corpora" / "arxiv-2026-07-08.jsonl").read_bytes()
    rows = _corpus_rows()
    texts["corpus.csv"] = _csv_text(rows, multiline=False).encode()
    texts["corpus-multiline.csv"] = _csv_text(rows[:80], multiline=True).encode()
    texts["corpus-indented.json"] = _json_text(rows[:120], indent=True).encode()
    texts["corpus-lines.json"] = _json_text(rows[120:], indent=False).encode()
    texts["openalex_works.json"] = (ROOT / "tests" / "data" / "openalex_works.json").read_bytes()
    for fixture in sorted((ROOT / "tests" / "data" / "inputs").iterdir()):  # BibTeX, CSL-JSON, Atom, snapshot, S2
        if not load_paths([fixture]).errors:  # the ones written with a deliberate bad entry are left out
            texts[fixture.name] = fixture.read_bytes()
    bases = []
    for name, data in texts.items():
        path = tmp / name
        path.write_bytes(data)
        loaded = load_paths([path])
        assert not loaded.errors, (name, [str(e) for e in loaded.errors])
        records = sorted(loaded.records, key=lambda r: r.line)
        assert len({r.line for r in records}) == len(records), f"{name}: two records on one line"
        bases.append(Base(name, data, _spans(data, [r.line for r in records]),
                          [fold(r.title or r.title_zh or "") for r in records]))
    return bases


# ---- mutations ---------------------------------------------------------------------------

STRUCTURE = b'|"{}[],:#.\n\r\t \\@<>()\x00\xff\xe3'


def _token(rng: random.Random) -> bytes:
    unit = rng.choice([b"a", b"#", b"[", b"a@", b"a@b.", b"-", b"|", b"](", b"http", b"\\\"", b" ", b"1", b"x."])
    return unit * (200_000 // len(unit))


def _nest(rng: random.Random) -> bytes:
    depth = rng.choice([200, 1000, 5000])
    return rng.choice([b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1" + b"}" * depth, b"[" * depth])


@dataclass
class Edit:
    start: int  # replaced byte range of the text before the edit
    end: int
    new: bytes


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str], list[Edit] | None]:
    """One mutation: (new data, its name, the edits) or edits None for line-ending changes."""
    n = len(data)
    p = rng.randrange(n + 1)
    op = rng.choice(["flip", "flip", "structure", "truncate", "split", "join", "delete_line", "indent",
                     "garbage", "token", "nest", "number", "cr", "delete_range"])
    newlines = [m.start() for m in _NEWLINE.finditer(data)] if op in ("join", "delete_line", "indent", "cr") else []
    if op == "flip" and n:
        p = min(p, n - 1)
        edit = Edit(p, p + 1, bytes([rng.randrange(256)]))
        return _apply(data, [edit]), ["flip"], [edit]
    if op == "structure" and n:
        p = min(p, n - 1)
        edit = Edit(p, p + 1, bytes([rng.choice(STRUCTURE)]))
        return _apply(data, [edit]), ["structure"], [edit]
    if op == "truncate":
        return data[:p], ["truncate"], [Edit(p, n, b"")]
    if op == "split":
        edit = Edit(p, p, rng.choice([b"\n", b"\n\n", b"\r", b"\r\n"]))
        return _apply(data, [edit]), ["split"], [edit]
    if op == "join" and newlines:
        i = rng.choice(newlines)
        edit = Edit(i, i + 1, rng.choice([b"", b" "]))
        return _apply(data, [edit]), ["join"], [edit]
    if op == "delete_line" and newlines:
        k = rng.randrange(len(newlines))
        a = newlines[k - 1] + 1 if k else 0
        edit = Edit(a, newlines[k] + 1, b"")
        return _apply(data, [edit]), ["delete_line"], [edit]
    if op == "indent" and newlines:
        a = rng.choice(newlines) + 1
        edit = Edit(a, a, rng.choice([b" ", b"\t", "\u3000".encode(), b"  "]))
        return _apply(data, [edit]), ["indent"], [edit]
    if op == "cr" and newlines:
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), ["cr"], None
    if op == "garbage":
        edit = Edit(p, p, bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))))
        return _apply(data, [edit]), ["garbage"], [edit]
    if op == "token":
        edit = Edit(p, p, _token(rng))
        return _apply(data, [edit]), ["token"], [edit]
    if op == "nest":
        edit = Edit(p, p, _nest(rng))
        return _apply(data, [edit]), ["nest"], [edit]
    if op == "number":
        edit = Edit(p, p, b"9" * rng.choice([400, 5000]))
        return _apply(data, [edit]), ["number"], [edit]
    q = min(n, p + rng.randint(1, 400))
    return _apply(data, [Edit(p, q, b"")]), ["delete_range"], [Edit(p, q, b"")]


def _apply(data: bytes, edits: list[Edit]) -> bytes:
    edit = edits[0]
    return data[: edit.start] + edit.new + data[edit.end :]


def _shift(spans: list[tuple[int, int] | None], edit: Edit) -> list[tuple[int, int] | None]:
    """Spans after ``edit``: a span it touches becomes None, later spans move."""
    delta = len(edit.new) - (edit.end - edit.start)
    out: list[tuple[int, int] | None] = []
    for span in spans:
        if span is None:
            out.append(None)
            continue
        s, e = span
        touched = (s <= edit.start < e) if edit.start == edit.end else (edit.start < e and s < edit.end)
        if touched:
            out.append(None)
        elif s >= edit.end:
            out.append((s + delta, e + delta))
        else:
            out.append(span)
    return out


# ---- one file ----------------------------------------------------------------------------


@dataclass
class Outcome:
    untouched: int = 0
    built: int = 0
    reported: int = 0
    lost: list[str] = field(default_factory=list)
    safety_net: list[str] = field(default_factory=list)
    crash: str | None = None
    hang: bool = False
    seconds: float = 0.0


def _alarm(signum, frame):  # noqa: ANN001
    raise Hang()


def check(path: Path, data: bytes, spans: list[tuple[int, int] | None], titles: list[str], timeout: int) -> Outcome:
    out = Outcome()
    path.write_bytes(data)
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, timeout)  # CPU seconds: other work on the machine does not count
    cpu = time.process_time()
    try:
        loaded = load_paths([path])
        papers = merge_records(loaded.records)
        files = reconcile(loaded.records, loaded.errors, papers, loaded.formats)
    except Hang:
        out.hang = True
        return out
    except Exception:  # noqa: BLE001 - a crash is what we are looking for
        out.crash = traceback.format_exc(limit=-3)
        return out
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        out.seconds = time.process_time() - cpu
    if len({p.id for p in papers}) != len(papers):
        out.crash = "two papers share an id"
    for name, counts in files.items():
        if counts["unaccounted"]:
            out.crash = f"reconciliation: {counts}"
    out.safety_net = [str(e) for e in loaded.errors if any(s in e.message for s in SAFETY_NET)]
    whole_file = any(e.message.endswith(WHOLE_FILE) for e in loaded.errors)
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(data)]
    built = {}
    for r in loaded.records:
        built.setdefault(r.line, set()).add(fold(r.title or r.title_zh or ""))
    error_lines = sorted(e.line for e in loaded.errors)
    for span, title in zip(spans, titles):
        if span is None:
            continue
        out.untouched += 1
        first = bisect.bisect_right(line_starts, span[0])
        last = bisect.bisect_right(line_starts, max(span[0], span[1] - 1))
        if any(title in built.get(n, ()) for n in range(first, last + 1)):
            out.built += 1
        elif whole_file or bisect.bisect_left(error_lines, first) < bisect.bisect_right(error_lines, last):
            out.reported += 1
        else:
            out.lost.append(f"lines {first}-{last}: {title[:50]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=5, help="CPU seconds per file")
    ap.add_argument("--only", type=int, default=None, help="run just this file index (to reproduce one)")
    ap.add_argument("--keep", type=Path, default=None, help="copy files with a problem into this folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bases = make_bases(tmp)
        totals: Counter[str] = Counter()
        by_base: Counter[str] = Counter()
        ops: Counter[str] = Counter()
        problems: list[str] = []
        slowest = (0.0, "")
        started = time.perf_counter()
        for index in range(args.files):
            rng = random.Random(f"{args.seed}:{index}")
            base = bases[index % len(bases)]
            if args.only is not None and index != args.only:
                continue
            data = base.data
            spans: list[tuple[int, int] | None] = list(base.spans)
            names = []
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                data, name, edits = mutate(data, rng)
                names += name
                for edit in edits or []:
                    spans = _shift(spans, edit)
            ops.update(names)
            by_base[base.name] += 1
            path = tmp / "fuzz" / f"{index:06d}_{base.name}"
            path.parent.mkdir(exist_ok=True)
            out = check(path, data, spans, base.titles, args.timeout)
            label = f"#{index} {base.name} [{'+'.join(names)}]"
            if out.seconds > slowest[0]:
                slowest = (out.seconds, label)
            totals["files"] += 1
            totals["untouched"] += out.untouched
            totals["built"] += out.built
            totals["reported"] += out.reported
            totals["lost"] += len(out.lost)
            totals["safety_net"] += len(out.safety_net)
            trouble = out.crash or out.hang or out.lost or out.safety_net
            if out.crash:
                totals["crashes"] += 1
                problems.append(f"CRASH {label}\n{out.crash}")
            if out.hang:
                totals["hangs"] += 1
                problems.append(f"HANG {label} (over {args.timeout} CPU s)")
            if out.lost:
                totals["files_with_losses"] += 1
                problems.append(f"LOST {label}: " + "; ".join(out.lost[:3]))
            if out.safety_net:
                problems.append(f"SAFETY NET {label}: " + "; ".join(out.safety_net[:2]))
            if trouble and args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / path.name).write_bytes(data)
            path.unlink()
            if (index + 1) % 500 == 0:
                print(f"... {index + 1} files, {time.perf_counter() - started:.0f} s: crashes {totals['crashes']}, "
                      f"hangs {totals['hangs']}, unreported losses {totals['lost']}, safety net "
                      f"{totals['safety_net']}, built {totals['built']}/{totals['untouched']} untouched",
                      file=sys.stderr, flush=True)
        elapsed = time.perf_counter() - started
    for line in problems[:30]:
        print(line)
    untouched = totals["untouched"] or 1
    print(f"files: {totals['files']} in {elapsed:.0f} s ({totals['files'] / max(elapsed, 1e-9):.1f} files/s), "
          f"seed {args.seed}; slowest {slowest[0]:.2f} CPU s ({slowest[1]})")
    print("bases: " + ", ".join(f"{k} {v}" for k, v in sorted(by_base.items())))
    print("mutations: " + ", ".join(f"{k} {v}" for k, v in sorted(ops.items())))
    print(f"crashes: {totals['crashes']}")
    print(f"hangs over {args.timeout} CPU s: {totals['hangs']}")
    print(f"exceptions caught by the loaders' safety net: {totals['safety_net']}")
    print(f"unreported losses: {totals['lost']} (in {totals['files_with_losses']} files)")
    print(f"untouched records in damaged files: {totals['untouched']}, built {totals['built']} "
          f"({100 * totals['built'] / untouched:.2f}%), reported {totals['reported']} "
          f"({100 * totals['reported'] / untouched:.2f}%)")
    bad = totals["crashes"] + totals["hangs"] + totals["lost"]
    return 1 if bad or totals["built"] < 0.99 * totals["untouched"] else 0


if __name__ == "__main__":
    sys.exit(main())
