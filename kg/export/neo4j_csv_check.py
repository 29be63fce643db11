"""Check the ``neo4j-admin`` import CSVs of a build before a bulk import: ``check_neo4j_csv(folder)``.

What ``neo4j-admin database import full`` would reject or silently get wrong: a node id used twice
(ids form one global space), a relationship whose start or end id is no node's or joins labels its
type does not (a USES from a Method), a row with more or
fewer cells than its header, a label or type that is not the schema's, a typed cell (``:int``,
``:double``) that does not parse, a file that ``import.sh`` does not name. Every problem is reported
as ``file:line: reason`` (the line a record starts on; fields may span lines) and the rest is still read.
Memory: one set of node ids.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.export.cypher_queries import LABELS
from kg.schema import RELATIONS

__all__ = ["CsvReport", "check_neo4j_csv"]

_ENDS = {r.type: {tuple(pair) for pair in r.ends} for r in RELATIONS}


@dataclass
class CsvReport:
    nodes: Counter[str] = field(default_factory=Counter)  # by label
    relationships: Counter[str] = field(default_factory=Counter)  # by type
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line the record starts on, cells) for every record after the header."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        end = 0
        for cells in reader:
            start, end = end + 1, reader.line_num
            yield start, cells


def _typed(header: list[str]) -> dict[int, str]:
    return {i: h.rsplit(":", 1)[1] for i, h in enumerate(header) if h.rsplit(":", 1)[-1] in ("int", "double")}


def _bad_cell(cell: str, kind: str) -> bool:
    if cell == "":
        return False
    try:
        value = int(cell) if kind == "int" else float(cell)
    except ValueError:
        return True
    return isinstance(value, float) and not math.isfinite(value)


def _rows(path: Path, report: CsvReport, first: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The data records of one file, after checking its header starts with ``first`` and each row's width."""
    records = _records(path)
    header = next(records, (1, []))[1]
    if header[: len(first)] != first:
        report.errors.append(f"{path.name}:1: header starts {header[:len(first)]}, expected {first}")
        return
    typed = _typed(header)
    for line, cells in records:
        if len(cells) != len(header):
            report.errors.append(f"{path.name}:{line}: {len(cells)} cells, the header has {len(header)}")
            continue
        for i, kind in typed.items():
            if _bad_cell(cells[i], kind):
                report.errors.append(f"{path.name}:{line}: {header[i]} is not a {kind}: {cells[i]!r}")
        yield line, cells


def check_neo4j_csv(folder: str | Path) -> CsvReport:
    """Check ``folder/neo4j/csv`` (``folder`` written by ``kg build -f neo4j-csv``)."""
    csv_dir = Path(folder) / "neo4j" / "csv"
    if not csv_dir.is_dir():
        raise FileNotFoundError(f"{csv_dir} not found: run 'kg build … --out {folder} -f neo4j-csv' first")
    report = CsvReport()
    script = (csv_dir / "import.sh").read_text(encoding="utf-8") if (csv_dir / "import.sh").exists() else ""
    if not script:
        report.errors.append(f"{csv_dir.name}/import.sh: missing")
    ids: dict[str, str] = {}  # node id → label
    for path in sorted(csv_dir.glob("nodes_*.csv")):
        for line, (nid, label, *_) in _rows(path, report, ["id:ID", ":LABEL"]):
            if nid in ids:
                report.errors.append(f"{path.name}:{line}: node id {nid!r} already used")
            elif not nid:
                report.errors.append(f"{path.name}:{line}: empty node id")
            ids[nid] = label
            if label not in LABELS:
                report.errors.append(f"{path.name}:{line}: {label!r} is not a schema label")
            report.nodes[label] += 1
    for path in sorted(csv_dir.glob("rels_*.csv")):
        for line, (start, end, rel_type, *_) in _rows(path, report, [":START_ID", ":END_ID", ":TYPE"]):
            for end_name, nid in (("start", start), ("end", end)):
                if nid not in ids:
                    report.errors.append(f"{path.name}:{line}: {end_name} id {nid!r} is no node's")
            if rel_type not in _ENDS:
                report.errors.append(f"{path.name}:{line}: {rel_type!r} is not a schema relationship type")
            elif start in ids and end in ids and (ids[start], ids[end]) not in _ENDS[rel_type]:
                report.errors.append(f"{path.name}:{line}: {rel_type} from a {ids[start]} to a {ids[end]}")
            report.relationships[rel_type] += 1
    for path in sorted(csv_dir.glob("*.csv")):
        if script and f"/{path.name}" not in script:
            report.errors.append(f"{csv_dir.name}/import.sh: does not import {path.name}")
    return report
