"""The whole job: load → merge → extract → resolve → graph → write.

``build(inputs)`` returns a :class:`Build` (the graph and what went into it);
``build(inputs, out)`` also writes every output into ``out``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

import networkx as nx

from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import Resolution, resolve_entities
from kg.graph import counts, drop_below, make_graph
from kg.loaders import load_paths
from kg.merge import Merging
from kg.model import Extraction, LoadError, Paper
from kg.runner import extract_all

__all__ = ["Build", "build"]

_log = logging.getLogger(__name__)


@dataclass
class Build:
    papers: Sequence[Paper]  # held on disk from the merge on (kg.spill.ModelList), parsed when read
    extractions: Sequence[Extraction]  # held as text, parsed when read (kg.runner.Extractions)
    resolution: Resolution
    graph: nx.MultiDiGraph
    records: int
    errors: list[LoadError] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    files: dict[str, dict[str, object]] = field(default_factory=dict)  # per-file reconciliation
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage and per exporter
    peak_mb: dict[str, float] = field(default_factory=dict)  # the process's peak RSS at the end of each stage
    reused: int = 0  # extractions taken from the store of an earlier build

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


class _Texts(Mapping[str, str]):
    """paper id → title and abstracts, read and joined when resolution asks (not held for every paper:
    an index of ids into ``papers``, which may be on disk)."""

    def __init__(self, papers: Sequence[Paper], ids: Sequence[str] | None = None) -> None:
        self._papers = papers  # ids: the papers' ids in order, when known (else read from the papers)
        self._at = {pid: i for i, pid in enumerate(ids if ids is not None else (p.id for p in papers))}

    def __getitem__(self, pid: str) -> str:
        p = self._papers[self._at[pid]]
        return " ".join(t for t in (p.title, p.abstract, p.abstract_zh) if t)

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(
    inputs: Sequence[str | Path],
    out: str | Path | None = None,
    formats: Sequence[str] | None = None,
    gazetteers: Sequence[str] = (),
    ner_model: str | Path | None = None,
    *,
    force: bool = False,
    min_confidence: float = 0.0,
    jobs: int | None = None,
    cache: bool = True,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Build:
    """Load, merge, extract, resolve and make the graph; write ``formats`` into ``out`` when given
    (as one unit: see :func:`kg.export.write`; ``force`` lets an empty graph replace a full one).
    Statements with a confidence below ``min_confidence`` are left out.

    Extraction runs on ``jobs`` worker processes (default: every core), or on Dask with
    ``scheduler`` (a scheduler address) or ``workers`` (a LocalCluster of that many processes).
    With ``out`` and ``cache``, the extractions an earlier build stored in ``out`` are reused for
    unchanged papers and this build's are stored with the outputs (:mod:`kg.runner`)."""
    timings: dict[str, float] = {}
    peak_mb: dict[str, float] = {}
    clock = perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = perf_counter()
        timings[stage] = now - clock
        peak_mb[stage] = _peak_mb()
        clock = now
        _log.info("%s: %.2f s, peak RSS %.0f MB", stage, timings[stage], peak_mb[stage])

    merging = Merging()  # each record indexed and put on disk as it is read: none held in memory
    loaded = load_paths(inputs, into=merging.add)
    lap("load")
    papers = merging.papers()  # on disk, read one at a time by extraction, resolution and the graph
    records, files = len(merging), merging.reconcile(loaded.errors, loaded.formats)
    lap("merge")
    extracted = extract_all(papers, gazetteers, ner_model, out if cache else None, jobs, scheduler, workers)
    extractions = extracted.extractions
    lap("extract")
    resolution = resolve_entities(extractions, load_lexicon(tuple(gazetteers)), _Texts(papers, merging.ids))
    lap("resolve")
    graph = make_graph(papers, extractions, resolution)
    if min_confidence > 0:
        drop_below(graph, min_confidence)
    lap("graph")
    result = Build(papers, extractions, resolution, graph, records, loaded.errors, loaded.formats,
                   timings=timings, peak_mb=peak_mb, reused=extracted.reused)
    result.files = files
    if out is not None:
        from kg.export import write
        from kg.texts import restore, stow

        stow(graph)  # abstracts and sentences on disk while the exporters run (each reads its rows back)
        try:
            result.written = write(graph, Path(out), formats, force=force, extra={"cache": extracted.write_store},
                                   lap=lap)
        finally:
            restore(graph)
    return result
