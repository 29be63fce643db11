"""CSV files for ``neo4j-admin database import full`` (offline bulk import).

One nodes file per label and one relationships file per type, in
``neo4j/csv/``, with ``import.sh`` holding the exact command. Arrays use the
unit separator (U+001F) as delimiter so no alias or title can split them, and
fields may span lines (``--multiline-fields=true``).
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_dir
from kg.export.cypher_queries import LABELS
from kg.export.order import shared_order, sorted_edges, sorted_nodes
from kg.gcpause import paused_gc
from kg.schema import Prop, relation
from kg.schema import label as label_of
from kg.texts import expand

__all__ = ["ARRAY_DELIMITER", "generate_node_csv", "generate_rel_csv", "import_command", "write_neo4j_csv"]

ARRAY_DELIMITER = "\x1f"
_HEADER_TYPES = {"int": "int", "float": "double", "list": "string[]"}


def _kinds(props: Iterable[Prop]) -> dict[str, str]:
    return {p.name: p.kind for p in props}


def _header(field: str, kinds: dict[str, str]) -> str:
    kind = _HEADER_TYPES.get(kinds[field])
    return f"{field}:{kind}" if kind else field


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []  # what node_properties and rel_properties leave out


def _filled(rows: Iterable[dict[str, Any]], skip: set[str]) -> list[str]:
    """The properties with a value in some row (the columns), in name order."""
    return sorted({k for d in rows for k, v in d.items() if not _empty(v)} - skip)


def _cells(d: dict[str, Any], fields: list[str]) -> list[str]:
    return [v if type(v) is str else "" if _empty(v) else _cell(v) for v in map(d.get, fields)]


def generate_node_csv(G: nx.MultiDiGraph, label: str) -> Iterator[list[str]]:
    nodes = sorted_nodes(G, label)
    fields = _filled((d for _, d in nodes), {"label", "id"})
    kinds = _kinds(label_of(label).props)
    yield ["id:ID", ":LABEL", *(_header(f, kinds) for f in fields)]
    for nid, d in nodes:
        yield [nid, label, *_cells(expand(G, d), fields)]


def generate_rel_csv(G: nx.MultiDiGraph, rel_type: str) -> Iterator[list[str]]:
    edges = sorted_edges(G, rel_type)
    fields = _filled((d for *_, d in edges), {"type"})
    kinds = _kinds(relation(rel_type).props)
    yield [":START_ID", ":END_ID", ":TYPE", *(_header(f, kinds) for f in fields)]
    for u, v, _, d in edges:
        yield [u, v, rel_type, *_cells(expand(G, d), fields)]


def import_command(files: list[str], database: str = "neo4j") -> str:
    """The shell command; file arguments stay relative to ``$DIR`` (set by import.sh)."""
    args = [shlex.quote(a) for a in ("neo4j-admin", "database", "import", "full", database,
                                     "--overwrite-destination", "--multiline-fields=true", "--array-delimiter=U+001F")]
    for name in files:
        flag = "--nodes" if name.startswith("nodes_") else "--relationships"
        args.append(f'{flag}="$DIR"/{shlex.quote(name)}')
    return " ".join(args)


def write_neo4j_csv(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    names: list[str] = []
    target = out / "neo4j" / "csv"
    with atomic_dir(target) as tmp, shared_order(G), paused_gc():
        for label in LABELS:
            if sorted_nodes(G, label):
                names.append(f"nodes_{label}.csv")
                _write_csv(tmp / names[-1], generate_node_csv(G, label))
        for rel_type in sorted({d["type"] for _, _, _, d in sorted_edges(G)}):
            names.append(f"rels_{rel_type}.csv")
            _write_csv(tmp / names[-1], generate_rel_csv(G, rel_type))
        script = (
            "#!/bin/sh\n# Bulk-import this graph into a stopped Neo4j 5 (replaces the database).\n"
            'DIR="$(cd "$(dirname "$0")" && pwd)"\n' + import_command(names) + "\n"
        )
        (tmp / "import.sh").write_text(script, encoding="utf-8")
        (tmp / "import.sh").chmod(0o755)  # a script: ./import.sh
    return [target / n for n in names] + [target / "import.sh"]


def _write_csv(path: Path, rows: Iterator[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
