"""The whole job: load → merge → extract → resolve → graph → write.

``build(inputs)`` returns a :class:`Build` (the graph and what went into it);
``build(inputs, out)`` also writes every output into ``out``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

import networkx as nx

from kg.cache import extractor_version, paper_key, read_cache, write_cache
from kg.extract.parallel import extract_parallel
from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import Resolution, resolve_entities
from kg.graph import counts, make_graph
from kg.loaders import load_paths
from kg.merge import merge_records
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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage and per exporter
    reused: int = 0  # extractions taken from the store of an earlier build

    def summary(self) -> dict[str, object]:
        nodes, edges = counts(self.graph)
        return {
            "records": self.records,
            "papers": len(self.papers),
            "nodes": nodes,
            "edges": edges,
            "rejected": [str(e) for e in self.errors],
        }


def build(
    inputs: Sequence[str | Path],
    out: str | Path | None = None,
    formats: Sequence[str] | None = None,
    gazetteers: Sequence[str] = (),
    ner_model: str | Path | None = None,
    jobs: int | None = None,
    cache: bool = True,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Build:
    """Load, merge, extract, resolve and make the graph; write ``formats`` into ``out`` when given.

    Extraction runs on ``jobs`` worker processes (default: every core). With ``out`` and
    ``cache``, extractions an earlier build left in ``out`` are reused for unchanged papers
    and this build's are stored there (:mod:`kg.cache`). ``scheduler`` (a Dask scheduler
    address) or ``workers`` (a LocalCluster of that many processes) runs extraction on
    Dask instead (:mod:`kg.distributed`).
    """
    timings: dict[str, float] = {}
    clock = perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = perf_counter()
        timings[stage] = now - clock
        clock = now

    loaded = load_paths(inputs)
    lap("load")
    papers = merge_records(loaded.records)
    lap("merge")
    gaz, model = tuple(str(g) for g in gazetteers), (str(ner_model) if ner_model is not None else None)
    keys: list[str] = []
    cached: dict[str, Extraction] = {}
    if out is not None and cache:
        version = extractor_version(gaz, model)
        keys = [paper_key(p, version) for p in papers]
        cached = read_cache(Path(out), set(keys))
        lap("cache:read")
    todo = [p for p, k in zip(papers, keys) if k not in cached] if keys else papers
    if scheduler or workers:
        from kg.distributed import extract_on_dask

        fresh = iter(extract_on_dask(todo, gaz, model, scheduler, workers))
    else:
        fresh = iter(extract_parallel(todo, gaz, model, jobs))
    extractions = [cached[k] if k in cached else next(fresh) for k in keys] if keys else list(fresh)
    lap("extract")
    resolution = resolve_entities(extractions, load_lexicon(tuple(gazetteers)))
    lap("resolve")
    graph = make_graph(papers, extractions, resolution)
    lap("graph")
    result = Build(papers, extractions, resolution, graph, len(loaded.records), loaded.errors, loaded.formats,
                   timings=timings, reused=len(cached))
    if out is not None:
        result.written = _write(graph, Path(out), formats, lap)
        if keys:
            result.written.append(write_cache(Path(out), zip(keys, extractions)))
            lap("cache:write")
    return result


def _write(graph: nx.MultiDiGraph, out: Path, formats: Sequence[str] | None, lap: Callable[[str], None]) -> list[Path]:
    """Every format in turn, each timed as ``write:NAME``."""
    from kg.export import DEFAULT_FORMATS, missing_extra, write

    names = list(formats) if formats else [f for f in DEFAULT_FORMATS if missing_extra(f) is None]
    written: list[Path] = []
    for name in names:
        written += write(graph, out, [name])
        lap(f"write:{name}")
    return written
