"""``papers.jsonl``: one line per paper (see ``schemas/paper.schema.json``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_open
from kg.gcpause import paused_gc
from kg.paper_rows import iter_paper_rows

__all__ = ["generate_papers_jsonl", "write_papers_jsonl"]


def generate_papers_jsonl(G: nx.MultiDiGraph) -> Iterator[str]:
    for row in iter_paper_rows(G):
        yield json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n"


def write_papers_jsonl(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "papers.jsonl"
    with atomic_open(path) as handle, paused_gc():
        handle.writelines(generate_papers_jsonl(G))
    return [path]
