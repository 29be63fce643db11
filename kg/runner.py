"""Where extraction runs: the extraction store first, then worker processes or a Dask cluster.

:func:`extract_all` returns one extraction per paper, in paper order, whichever way
they were made: taken from the store of an earlier build (:mod:`kg.cache`), extracted
on this machine's cores (:mod:`kg.extract.parallel`) or on Dask (:mod:`kg.distributed`).
They are held as their JSON text (:class:`Extractions`), a model made only while one is
read: at 100k papers the models would take ~4x the memory of the text; and that text is kept
in a scratch file (:class:`kg.spill.SpillList`), not on the heap.
"""

from __future__ import annotations

import gc

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.cache import extractor_version, paper_key, read_cache_json, write_cache_json
from kg.extract.parallel import extract_json
from kg.model import Extraction, Paper
from kg.spill import Lazy, ModelList, SpillList

__all__ = ["Extracted", "Extractions", "extract_all"]


class Extractions(ModelList[Extraction]):
    """Extractions kept as ``Extraction.model_dump_json`` text (on disk: a :class:`kg.spill.SpillList`);
    each read parses one afresh."""

    def __init__(self, texts: Iterable[str]) -> None:
        super().__init__(Extraction, texts)


@dataclass
class Extracted:
    extractions: Extractions
    keys: list[str] = field(default_factory=list)  # store keys, in paper order (empty without a store)
    reused: int = 0  # extractions taken from the store

    def write_store(self, folder: Path) -> list[Path]:
        """Write this build's store into ``folder`` (the folder being written); nothing without a store."""
        return [write_cache_json(folder, zip(self.keys, self.extractions.texts))] if self.keys else []


class _Picked(Lazy[Paper]):
    """The papers at ``positions`` of ``papers``, read when asked (``papers`` may be on disk)."""

    def __init__(self, papers: Sequence[Paper], positions: list[int]) -> None:
        self._papers, self._positions = papers, positions

    def __len__(self) -> int:
        return len(self._positions)

    def _get(self, i: int) -> Paper:
        return self._papers[self._positions[i]]


def extract_all(papers: Sequence[Paper], gazetteers: Sequence[str] = (), ner_model: str | Path | None = None,
                store: str | Path | None = None, jobs: int | None = None, scheduler: str | None = None,
                workers: int | None = None) -> Extracted:
    """Extract ``papers``, reusing what the store in folder ``store`` holds for unchanged papers."""
    gaz, model = tuple(str(g) for g in gazetteers), (str(ner_model) if ner_model is not None else None)
    keys: list[str] = []
    cached: dict[str, str] = {}
    if store is not None:
        version = extractor_version(gaz, model)
        keys = [paper_key(p, version) for p in papers]
        cached = read_cache_json(Path(store), set(keys))
    todo = _Picked(papers, [i for i, k in enumerate(keys) if k not in cached]) if cached else papers
    reused = len(cached)
    fresh: Iterator[str]
    if scheduler or workers:
        from kg.distributed import extract_on_dask

        fresh = (e.model_dump_json() for e in extract_on_dask(todo, gaz, model, scheduler, workers))
    else:
        fresh = extract_json(todo, gaz, model, jobs)
    gc.freeze()  # forked workers' garbage collector then leaves this process's objects (and their pages) alone
    try:
        texts = SpillList((cached.pop(k) if k in cached else next(fresh) for k in keys) if keys else fresh)
        if next(fresh, None) is not None:  # ends the generator: the worker pool shuts down here
            raise RuntimeError("extraction returned more results than papers")
    finally:
        gc.unfreeze()
    return Extracted(Extractions(texts), keys, reused)
