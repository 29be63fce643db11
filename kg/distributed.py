"""Extraction on a Dask cluster (``pip install 'kg-papers[dask]'``).

``kg build --scheduler tcp://HOST:8786`` sends chunks of papers to the workers of a
running cluster (``dask scheduler`` / ``dask worker``, or any Dask deployment);
``kg build --workers N`` starts a LocalCluster of N single-threaded worker processes
first. Each worker builds its spaCy pipeline once (:func:`kg.extract.parallel.extract_chunk`)
and the results come back in paper order, so the outputs equal a local build's.
Every worker needs the same kg (and the same ``--gazetteer`` files at the same paths):
the workers' extractor version is checked against this process's before any work is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from kg.cache import extractor_version
from kg.extract.parallel import CHUNK, chunks, default_jobs, extract_chunk
from kg.model import Extraction, Paper

__all__ = ["extract_on_dask"]


def extract_on_dask(papers: Sequence[Paper], gazetteers: tuple[str, ...] = (), ner_model: str | Path | None = None,
                    scheduler: str | None = None, workers: int | None = None, chunk: int = CHUNK) -> list[Extraction]:
    """``extract_papers`` on the cluster at ``scheduler``, or on a LocalCluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("Dask is not installed: pip install 'kg-papers[dask]'") from exc
    model = str(ner_model) if ner_model is not None else None
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        local = extractor_version(gazetteers, model)
        remote = client.run(extractor_version, gazetteers, model)
        stale = sorted(w for w, v in remote.items() if v != local)
        if stale:
            raise RuntimeError(f"{len(stale)} Dask worker(s) run another kg or lack the gazetteer files "
                               f"(extractor version differs): {', '.join(stale)}")
        futures = client.map(extract_chunk, chunks(papers, chunk), gazetteers=gazetteers, ner_model=model,
                             pure=False)
        out: list[Extraction] = []
        for part in client.gather(futures):
            out += part
        return out
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
