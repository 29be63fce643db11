"""Exporters, registered by name and imported lazily.

Built-in exporters go through the same table as third-party ones (entry-point
group ``kg.exporters``), so ``import kg`` never imports pyvis or neo4j.
Each exporter is ``write_X(G, out_dir) -> list[Path]``: it reads only the graph.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path

import networkx as nx

__all__ = ["EXPORTERS", "DEFAULT_FORMATS", "REQUIRES", "exporter_names", "get_exporter", "missing_extra", "write"]

EXPORTERS: dict[str, str] = {
    "turtle": "kg.export.rdf:write_turtle",
    "jsonld": "kg.export.rdf:write_jsonld",
    "cypher": "kg.export.cypher:write_cypher",
    "neo4j-csv": "kg.export.neo4j_csv:write_neo4j_csv",
    "jsonl": "kg.export.jsonl:write_papers_jsonl",
    "graph-json": "kg.export.graph_json:write_graph_json",
    "html": "kg.viz.html:write_html",
    "ladybug": "kg.export.ladybug_db:write_ladybug",
}
DEFAULT_FORMATS = ("graph-json", "turtle", "cypher", "neo4j-csv", "jsonl", "html", "ladybug")
# formats whose library is an extra: skipped by default (with a message) when it is not installed
REQUIRES = {"html": ("pyvis", "viz"), "ladybug": ("ladybug", "query")}

Exporter = Callable[[nx.MultiDiGraph, Path], list[Path]]


def _plugins() -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group="kg.exporters")}
    return {**found, **EXPORTERS}


def exporter_names() -> list[str]:
    return sorted(_plugins())


def get_exporter(name: str) -> Exporter:
    table = _plugins()
    if name not in table:
        raise KeyError(f"unknown format {name!r}; known: {', '.join(sorted(table))}")
    module, _, attr = table[name].partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def missing_extra(name: str) -> str | None:
    """The pip extra a format needs when its library is not installed, else None."""
    from importlib.util import find_spec

    module, extra = REQUIRES.get(name, (None, None))
    return extra if module and find_spec(module) is None else None


def write(G: nx.MultiDiGraph, out: Path, formats: Sequence[str] | None = None) -> list[Path]:
    """Write ``formats`` (default: every default format whose library is installed)."""
    out.mkdir(parents=True, exist_ok=True)
    names = list(formats) if formats else [f for f in DEFAULT_FORMATS if missing_extra(f) is None]
    written: list[Path] = []
    for name in names:
        written += get_exporter(name)(G, out)
    return written
