"""Exporters, registered by name and imported lazily.

Built-in exporters go through the same table as third-party ones (entry-point
group ``kg.exporters``), so ``import kg`` never imports pyvis or neo4j.
Each exporter is ``write_X(G, out_dir) -> list[Path]``: it reads only the graph. During a build the
graph's long texts are on disk (:mod:`kg.texts`): the built-in exporters read each row through
:func:`kg.texts.expand`; before a plugin runs they are put back in the graph.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from functools import partial
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


def write(G: nx.MultiDiGraph, out: Path, formats: Sequence[str] | None = None, *, force: bool = False,
          extra: Mapping[str, Callable[[Path], list[Path]]] | None = None,
          lap: Callable[[str], None] | None = None) -> list[Path]:
    """Write ``formats`` (default: every default format whose library is installed) into ``out`` as one unit.

    Everything is written into a staging folder beside ``out`` and swapped in with one rename
    (:mod:`kg.output`); files of formats not written this time are carried over and marked stale in
    ``manifest.json`` when they belong to another build. An empty graph never replaces a folder that
    holds papers unless ``force``. ``extra`` writers (name → function of the staging folder, e.g. the
    extraction store) run after the exporters; ``lap(name)`` is called after each one (timings).
    """
    from kg.export.graph_json import graph_json_sha256
    from kg.export.order import shared_order
    from kg.graph import counts
    from kg.output import OutputError, make_manifest, read_manifest, staged, swap
    from kg.texts import restore

    out = Path(out)
    names = list(dict.fromkeys(formats)) if formats else [f for f in DEFAULT_FORMATS if missing_extra(f) is None]
    previous = read_manifest(out) if out.is_dir() else None  # ``staged`` refuses an ``out`` that is a file
    nodes, edges = counts(G)
    papers = nodes.get("Paper", 0)
    if not papers and not force and ((previous or {}).get("papers") or (out / "graph.json").exists()):
        raise OutputError(f"the new graph has no papers; {out} holds a previous build, kept as it is "
                          "(use --force to replace it with an empty graph)")
    with staged(out) as staging, shared_order(G):
        written: dict[str, list[Path]] = {}
        for name, writer in [*((n, partial(get_exporter(n), G)) for n in names), *(extra or {}).items()]:
            if name not in EXPORTERS and name not in (extra or {}):
                restore(G)  # a plugin reads texts from the graph itself: put back what kg.texts keeps on disk
            written[name] = writer(staging)
            if lap:
                lap(f"write:{name}")
        # the build id is the hash of graph.json, written (make_manifest hashes it anyway) or not
        build_id = None if "graph-json" in written else graph_json_sha256(G)[:16]
        if out.is_dir():
            _carry_over(out, staging, previous, list(written))
        make_manifest(staging, build_id, {"papers": papers, "nodes": nodes, "edges": edges}, written, previous)
        swap(staging, out)
    return [out / p.relative_to(staging) for paths in written.values() for p in paths]


def _carry_over(old: Path, staging: Path, previous: dict | None, written: Sequence[str]) -> None:
    """Hard-link (or copy) every file of the previous folder that this build did not write, except the
    files of a format this build rewrote (a relationship type the new graph no longer has, say)."""
    entries = (previous or {}).get("files") or {}
    for path in sorted(old.rglob("*")):
        rel = path.relative_to(old)
        target = staging / rel
        if path.is_dir() or target.exists() or path.name == "manifest.json":
            continue
        if entries.get(rel.as_posix(), {}).get("format") in written:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
