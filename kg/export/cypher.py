"""A Cypher script that loads the graph into an empty Neo4j 5 idempotently.

Constraints first, then one ``MERGE`` per node and relationship, one statement
per line ending in ``;`` (``cypher-shell -f neo4j/load.cypher`` runs it).
Every string is a single-quoted literal with quotes, backslashes and all
control characters escaped, so no input can end its string early.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_open
from kg.export.cypher_queries import REL_KEYS, check_name, constraint_queries
from kg.export.order import sorted_edges, sorted_nodes
from kg.gcpause import paused_gc
from kg.texts import expand

__all__ = ["cypher_literal", "node_properties", "rel_properties", "generate_cypher", "write_cypher"]

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape_char(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029":
        return f"\\u{ord(c):04x}"
    return c


# one str.translate table over every character _escape_char changes (the rest map to themselves)
_TABLE = {o: _escape_char(chr(o)) for o in [*range(0xA0), 0x2028, 0x2029] if _escape_char(chr(o)) != chr(o)}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")  # most strings need none


def cypher_literal(value: Any) -> str:
    if type(value) is str:
        return "'" + (value.translate(_TABLE) if _NEEDS_ESCAPE.search(value) else value) + "'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):  # a link's confidence
        return repr(value)
    if isinstance(value, str):
        return "'" + value.translate(_TABLE) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a Cypher literal")


def node_properties(data: dict[str, Any]) -> dict[str, Any]:
    """Properties stored on a Neo4j node: no nulls, no empty lists, lists of strings only."""
    return {k: v for k, v in sorted(data.items()) if k != "label" and v not in (None, "", [])}


def rel_properties(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(data.items()) if k != "type" and v not in (None, "", [])}


_CHUNK = 4096  # statements per piece of text


def _map(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {cypher_literal(v)}" for k, v in props.items()) + "}"


def generate_cypher(G: nx.MultiDiGraph) -> Iterator[str]:
    yield "// kg: load into an empty Neo4j 5 database; safe to run again (MERGE)\n"
    for query in constraint_queries():
        yield query + ";\n"
    ends: dict[str, str] = {}  # node id → "Label {id: '…'}", the pattern that finds it
    for nid, data in sorted_nodes(G):
        props = node_properties(expand(G, data))
        props.pop("id")
        ends[nid] = end = f"{check_name(data['label'])} {{id: {cypher_literal(nid)}}}"
        yield f"MERGE (n:{end}) SET n += {_map(props)};\n"
    for u, v, _, data in sorted_edges(G):
        rel = check_name(data["type"])
        props = rel_properties(expand(G, data))
        keys = {k: props[k] for k in REL_KEYS.get(rel, ()) if k in props}
        key_map = f" {_map(keys)}" if keys else ""
        a = ends.get(u) or f"{check_name(G.nodes[u]['label'])} {{id: {cypher_literal(u)}}}"
        b = ends.get(v) or f"{check_name(G.nodes[v]['label'])} {{id: {cypher_literal(v)}}}"
        yield f"MATCH (a:{a}), (b:{b}) MERGE (a)-[r:{rel}{key_map}]->(b) SET r += {_map(props)};\n"


def write_cypher(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "neo4j" / "load.cypher"
    with atomic_open(path) as handle, paused_gc():
        lines = generate_cypher(G)
        while chunk := "".join(islice(lines, _CHUNK)):
            handle.write(chunk)
    return [path]
