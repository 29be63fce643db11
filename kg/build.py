"""The whole job: load → merge → extract → resolve → graph → write.

``build(inputs)`` returns a :class:`Build` (the graph and what went into it);
``build(inputs, out)`` also writes every output into ``out``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.extract.extractor import extract_papers
from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import Resolution, resolve_entities
from kg.graph import counts, drop_below, make_graph
from kg.loaders import load_paths
from kg.merge import merge_records, reconcile
from kg.model import Extraction, LoadError, Paper

__all__ = ["Build", "build"]


@dataclass
class Build:
    papers: list[Paper]
    extractions: list[Extraction]
    resolution: Resolution
    graph: nx.MultiDiGraph
    records: int
    errors: list[LoadError] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    files: dict[str, dict[str, object]] = field(default_factory=dict)  # per-file reconciliation

    def summary(self) -> dict[str, object]:
        nodes, edges = counts(self.graph)
        return {
            "records": self.records,
            "papers": len(self.papers),
            "nodes": nodes,
            "edges": edges,
            "rejected": [str(e) for e in self.errors],
            "files": self.files,
        }


def build(
    inputs: Sequence[str | Path],
    out: str | Path | None = None,
    formats: Sequence[str] | None = None,
    gazetteers: Sequence[str] = (),
    ner_model: str | Path | None = None,
    *,
    force: bool = False,
    min_confidence: float = 0.0,
) -> Build:
    """Load, merge, extract, resolve and make the graph; write ``formats`` into ``out`` when given
    (as one unit: see :func:`kg.export.write`; ``force`` lets an empty graph replace a full one).
    Statements with a confidence below ``min_confidence`` are left out."""
    loaded = load_paths(inputs)
    papers = merge_records(loaded.records)
    extractions = extract_papers(papers, tuple(gazetteers), ner_model)
    texts = {p.id: " ".join(t for t in (p.title, p.abstract, p.abstract_zh) if t) for p in papers}
    resolution = resolve_entities(extractions, load_lexicon(tuple(gazetteers)), texts)
    graph = make_graph(papers, extractions, resolution)
    if min_confidence > 0:
        drop_below(graph, min_confidence)
    result = Build(papers, extractions, resolution, graph, len(loaded.records), loaded.errors, loaded.formats)
    result.files = reconcile(loaded.records, loaded.errors, papers, loaded.formats)
    if out is not None:
        from kg.export import write

        result.written = write(graph, Path(out), formats, force=force)
    return result
