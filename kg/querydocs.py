"""The documented questions in ``docs/queries.md``: parse them, run them on both
embedded engines, and rewrite their output blocks (``python -m kg.querydocs``).

Each question is a ``## N. Question`` section with a ```` ```cypher ```` block, a
```` ```sparql ```` block and an output block (```` ```text ````) that holds the
Cypher result as CSV; a question that takes values has a ```` ```params ```` block of
``NAME=VALUE`` lines (as ``kg query --param``), bound to ``$NAME`` in Cypher and to the
projected ``?NAME`` in SPARQL, never written into the query. ``tests/test_docs.py`` checks that both engines give the
same rows and that the file shows today's output, so the docs cannot rot.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.query import QueryResult, query

__all__ = ["DocQuery", "parse_queries", "render_output", "rows_equal", "update"]

_SECTION = re.compile(r"^## (\d+)\. (.+?)\n(.*?)(?=^## \d+\. |\Z)", re.S | re.M)
_BLOCK = re.compile(r"```(cypher|sparql|params|text)\n(.*?)```", re.S)


@dataclass
class DocQuery:
    number: int
    question: str
    cypher: str
    sparql: str
    output: str
    params: dict[str, str] = field(default_factory=dict)


def parse_queries(markdown: str) -> list[DocQuery]:
    found = []
    for m in _SECTION.finditer(markdown):
        blocks = {kind: body for kind, body in _BLOCK.findall(m.group(3))}
        params = dict(line.split("=", 1) for line in blocks.get("params", "").splitlines() if line.strip())
        found.append(DocQuery(int(m.group(1)), m.group(2).strip(), blocks["cypher"].strip(),
                              blocks["sparql"].strip(), blocks.get("text", ""), params))
    return found


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def render_output(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_cell(v) for v in row] for row in result.rows)
    return buffer.getvalue()


def rows_equal(a: QueryResult, b: QueryResult) -> bool:
    return [[_cell(v) for v in row] for row in a.rows] == [[_cell(v) for v in row] for row in b.rows]


def update(doc: Path, graph: Path) -> str:
    """The document with every output block replaced by the Cypher result on ``graph``."""
    text = doc.read_text(encoding="utf-8")

    def fill(m: re.Match[str]) -> str:
        section = m.group(0)
        q = parse_queries(section)[0]
        output = render_output(query(graph, cypher=q.cypher, params=q.params))
        return re.sub(r"```text\n.*?```", lambda _: f"```text\n{output}```", section, flags=re.S)

    return _SECTION.sub(fill, text)


if __name__ == "__main__":  # python -m kg.querydocs docs/queries.md OUT_DIR
    if len(sys.argv) != 3:
        sys.exit("usage: python -m kg.querydocs docs/queries.md OUT_DIR (a folder written by 'kg build')")
    path = Path(sys.argv[1])
    path.write_text(update(path, Path(sys.argv[2])), encoding="utf-8")
