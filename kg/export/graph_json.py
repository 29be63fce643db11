"""``graph.json``: the graph itself (node-link JSON: a format tag, then the nodes and the
edges, one a line, in id order), which ``kg query``, ``kg push`` and later commands read
back with :func:`read_graph`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_open
from kg.export.order import sorted_edges, sorted_nodes
from kg.gcpause import paused_gc
from kg.texts import expand

__all__ = ["graph_json_lines", "graph_json_text", "graph_json_sha256", "write_graph_json", "read_graph"]

FORMAT = "kg-graph/1"
_CHUNK = 4096  # rows per piece of text


def graph_json_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """``graph.json`` in chunks of lines: one node or edge per line (C-encoded, so a large graph is
    written quickly and never held as one string)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(row, ensure_ascii=False) makes

    def items(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
        chunk = list(islice(rows, _CHUNK))
        yield ",\n".join(map(encode, chunk))
        while chunk := list(islice(rows, _CHUNK)):
            yield ",\n" + ",\n".join(map(encode, chunk))

    yield f'{{"format": {json.dumps(FORMAT)},\n"nodes": [\n'
    yield from items(expand(G, data) for _, data in sorted_nodes(G))
    yield '\n],\n"edges": [\n'
    yield from items({"source": u, "target": v, "key": k, **expand(G, data)} for u, v, k, data in sorted_edges(G))
    yield "\n]}\n"


def graph_json_text(G: nx.MultiDiGraph) -> str:
    """The text of ``graph.json``; its hash is the build id (:mod:`kg.output`)."""
    return "".join(graph_json_lines(G))


def graph_json_sha256(G: nx.MultiDiGraph) -> str:
    """SHA-256 of the text of ``graph.json``, hashed piece by piece (the text is never held whole)."""
    import hashlib

    digest = hashlib.sha256()
    for piece in graph_json_lines(G):
        digest.update(piece.encode("utf-8"))
    return digest.hexdigest()


def write_graph_json(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "graph.json"
    with atomic_open(path) as handle, paused_gc():
        handle.writelines(graph_json_lines(G))
    return [path]


def read_graph(folder: str | Path) -> nx.MultiDiGraph:
    """The graph a ``kg build`` wrote into ``folder``."""
    from kg.output import check_current

    path = Path(folder) / "graph.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run 'kg build INPUT... --out {folder}' first")
    check_current(Path(folder), "graph.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: corrupt graph ({exc}); rebuild it with 'kg build INPUT... --out {folder}'") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a kg graph (format {data.get('format')!r}, expected {FORMAT!r})")
    G = nx.MultiDiGraph()
    for node in data["nodes"]:
        G.add_node(node["id"], **node)
    for edge in data["edges"]:
        edge = dict(edge)
        u, v, k = edge.pop("source"), edge.pop("target"), edge.pop("key")
        G.add_edge(u, v, key=k, **edge)
    return G
