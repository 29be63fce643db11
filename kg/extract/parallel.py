"""Extraction on every core: worker processes, each building its spaCy pipeline once.

Papers go to the workers in chunks (one task = ``chunk`` papers, so the cost of a task
hand-off is paid per chunk, not per paper); results come back in the input order, so
the output is the same list :func:`~kg.extract.extractor.extract_papers` returns.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from kg.extract.extractor import extract_paper, make_nlp
from kg.model import Extraction, Paper

__all__ = ["default_jobs", "chunks", "extract_chunk", "extract_chunk_json", "extract_parallel", "extract_json"]

CHUNK = 64  # papers per task: ~0.1 s of work, large enough to hide the hand-off

_nlp = None  # the worker's pipeline, built by _start
_nlp_config: tuple[tuple[str, ...], str | None] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunks(items: Sequence[Paper], size: int = CHUNK) -> list[Sequence[Paper]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_chunk(papers: Sequence[Paper], gazetteers: tuple[str, ...] = (),
                  ner_model: str | None = None) -> list[Extraction]:
    """Extract ``papers`` with this process's pipeline, built on the first call (and when the config changes)."""
    global _nlp, _nlp_config
    if _nlp is None or _nlp_config != (gazetteers, ner_model):
        _nlp, _nlp_config = make_nlp(gazetteers, ner_model), (gazetteers, ner_model)
    return [extract_paper(p, _nlp) for p in papers]


def extract_chunk_json(papers: Sequence[Paper], gazetteers: tuple[str, ...] = (),
                       ner_model: str | None = None) -> list[str]:
    """:func:`extract_chunk` as JSON (``Extraction.model_dump_json``): a worker hands back strings,
    cheaper to send and to hold than the models."""
    return [e.model_dump_json() for e in extract_chunk(papers, gazetteers, ner_model)]


def _die_with(parent: int) -> None:
    """Linux: this worker is killed when ``parent`` (the build) dies, so a build killed with
    SIGKILL leaves no worker behind (a worker ignores SIGTERM: it inherits the build's handler)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)


def _start(gazetteers: tuple[str, ...], ner_model: str | None, parent: int | None = None) -> None:
    if parent is not None:
        _die_with(parent)
    extract_chunk([], gazetteers, ner_model)


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's imported spaCy (no second import per worker); elsewhere spawn
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def extract_parallel(papers: Sequence[Paper], gazetteers: tuple[str, ...] = (),
                     ner_model: str | Path | None = None, jobs: int | None = None,
                     chunk: int = CHUNK) -> list[Extraction]:
    """``extract_papers`` on ``jobs`` worker processes (default: every core); same result, same order."""
    return [Extraction.model_validate_json(text) for text in extract_json(papers, gazetteers, ner_model, jobs, chunk)]


def extract_json(papers: Sequence[Paper], gazetteers: tuple[str, ...] = (),
                 ner_model: str | Path | None = None, jobs: int | None = None,
                 chunk: int = CHUNK) -> Iterator[str]:
    """Each paper's extraction as JSON, in paper order, as the workers finish them (one at a time
    on one job): the caller never holds every extraction as models, nor every paper (a slice of
    ``papers`` is read as it is sent to a worker)."""
    jobs = jobs or default_jobs()
    model = str(ner_model) if ner_model is not None else None
    parts = -(-len(papers) // chunk)
    if jobs <= 1 or parts <= 1:
        nlp = make_nlp(gazetteers, model)  # this process's own, dropped with the generator
        for paper in papers:
            yield extract_paper(paper, nlp).model_dump_json()
        return
    workers = min(jobs, parts)
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start,
                             initargs=(gazetteers, model, os.getpid())) as pool:
        # a few chunks ahead of the one being read, not all (``papers`` may be on disk: read as sent)
        ahead: deque[Future[list[str]]] = deque()
        for start in range(0, len(papers), chunk):
            ahead.append(pool.submit(extract_chunk_json, papers[start:start + chunk], gazetteers, model))
            if len(ahead) > 2 * workers:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
