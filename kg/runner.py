"""Where extraction runs: the extraction store first, then worker processes or a Dask cluster.

:func:`extract_all` returns one extraction per paper, in paper order, whichever way
they were made: taken from the store of an earlier build (:mod:`kg.cache`), extracted
on this machine's cores (:mod:`kg.extract.parallel`) or on Dask (:mod:`kg.distributed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.cache import extractor_version, paper_key, read_cache, write_cache
from kg.extract.parallel import extract_parallel
from kg.model import Extraction, Paper

__all__ = ["Extracted", "extract_all"]


@dataclass
class Extracted:
    extractions: list[Extraction]
    keys: list[str] = field(default_factory=list)  # store keys, in paper order (empty without a store)
    reused: int = 0  # extractions taken from the store

    def write_store(self, folder: Path) -> list[Path]:
        """Write this build's store into ``folder`` (the folder being written); nothing without a store."""
        return [write_cache(folder, zip(self.keys, self.extractions))] if self.keys else []


def extract_all(papers: Sequence[Paper], gazetteers: Sequence[str] = (), ner_model: str | Path | None = None,
                store: str | Path | None = None, jobs: int | None = None, scheduler: str | None = None,
                workers: int | None = None) -> Extracted:
    """Extract ``papers``, reusing what the store in folder ``store`` holds for unchanged papers."""
    gaz, model = tuple(str(g) for g in gazetteers), (str(ner_model) if ner_model is not None else None)
    keys: list[str] = []
    cached: dict[str, Extraction] = {}
    if store is not None:
        version = extractor_version(gaz, model)
        keys = [paper_key(p, version) for p in papers]
        cached = read_cache(Path(store), set(keys))
    todo = [p for p, k in zip(papers, keys) if k not in cached] if keys else list(papers)
    if scheduler or workers:
        from kg.distributed import extract_on_dask

        fresh = iter(extract_on_dask(todo, gaz, model, scheduler, workers))
    else:
        fresh = iter(extract_parallel(todo, gaz, model, jobs))
    extractions = [cached[k] if k in cached else next(fresh) for k in keys] if keys else list(fresh)
    return Extracted(extractions, keys, len(cached))
