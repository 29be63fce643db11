"""Records stream from the loaders into the merge, which keeps an index of ids and titles and the
records on disk; the merged papers are on disk too, read one at a time by extraction, resolution and
the graph. The papers are the ones the in-memory merge makes."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator, Sequence

import pytest

from kg.build import build
from kg.extract.parallel import extract_json
from kg.loaders import load_paths
from kg.merge import Merging, merge_records, reconcile
from kg.model import Paper, PaperRecord
from kg.spill import ModelList

from tests.conftest import CORPUS, SEEDS


@pytest.mark.parametrize("inputs", [[SEEDS], [CORPUS], [SEEDS, CORPUS]], ids=["seeds", "corpus", "both"])
def test_streamed_merge_makes_the_papers_of_the_in_memory_merge(inputs):
    loaded = load_paths(inputs)
    expected = merge_records(loaded.records)
    merging = Merging()
    streamed = load_paths(inputs, into=merging.add)
    assert streamed.records == [] and streamed.errors == loaded.errors and streamed.formats == loaded.formats
    assert len(merging) == len(loaded.records)
    papers = merging.papers()
    assert isinstance(papers, ModelList) and len(papers) == len(expected)
    assert list(papers) == expected
    assert [p.model_dump_json() for p in papers] == [p.model_dump_json() for p in expected]
    assert merging.ids == [p.id for p in expected]
    assert merging.reconcile(loaded.errors, loaded.formats) == reconcile(
        loaded.records, loaded.errors, expected, loaded.formats)


def _record(line: int, **fields) -> PaperRecord:
    return PaperRecord(source="f", line=line, **fields)


@pytest.mark.parametrize("spill", [True, False])
def test_titles_join_after_every_id_has_joined_its_records(spill):
    # record 2 has no arXiv id; its DOI ties it to record 3 (arXiv B), read later. Joined by title to
    # record 1 (arXiv A) as it is read, A and B would be one paper: the title joins wait for every id.
    records = [_record(1, title="Same Title", arxiv_id="2401.00001"),
               _record(2, title="same title", doi="10.1/x", authors=["Ada Lovelace"]),
               _record(3, title="Another Title", arxiv_id="2402.00002", doi="10.1/X"),
               _record(4, title="Another title."),
               _record(5, title="Third", s2_id="7"), _record(6, title="Third, again", s2_id="7")]
    merging = Merging(spill)
    for r in records:
        merging.add(r)
    papers = list(merging.papers())
    assert [(p.id, p.sources) for p in papers] == [
        ("arxiv:2401.00001", ["f:1"]), ("arxiv:2402.00002", ["f:2", "f:3", "f:4"]),
        (papers[2].id, ["f:5", "f:6"])]
    assert papers[1].authors == ["Ada Lovelace"] and papers[1].title == "same title"
    assert merging.reconcile([])["f"] == {"format": None, "records": 6, "papers": 3, "merged": 3, "rejected": 0,
                                          "unaccounted": 0}


def _alive() -> tuple[int, int]:
    gc.collect()
    live = gc.get_objects()
    return sum(type(o) is PaperRecord for o in live), sum(type(o) is Paper for o in live)


class _Live(logging.Handler):
    """At the end of each build stage (the build logs it), how many more records and papers are alive
    than before the build (other tests' fixtures may hold some)."""

    def __init__(self) -> None:
        super().__init__()
        self.before = _alive()
        self.at: dict[str, tuple[int, int]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        records, papers = _alive()
        self.at[str(record.args[0])] = (records - self.before[0], papers - self.before[1])  # type: ignore[index]


def test_a_build_holds_neither_the_records_nor_the_papers(tmp_path):
    live = _Live()
    log = logging.getLogger("kg.build")
    log.addHandler(live)
    saved = log.level, log.disabled, logging.root.manager.disable  # as earlier tests (or libraries) left them
    log.setLevel(logging.INFO)
    log.disabled = False
    logging.disable(logging.NOTSET)
    try:
        result = build([SEEDS, CORPUS], jobs=1)
    finally:
        log.removeHandler(live)
        log.setLevel(saved[0])
        log.disabled = saved[1]
        logging.disable(saved[2])
    assert result.records == 614 and len(result.papers) == 605
    assert set(live.at) >= {"load", "merge", "extract", "resolve", "graph"}
    for stage, (records, papers) in live.at.items():
        assert records <= 0, stage
        assert papers <= 1, stage  # at most the one being read


class _Reads(Sequence[Paper]):
    """Papers on disk, counting how many have been read."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.papers, self.read = ModelList.of(Paper, papers), 0

    def __len__(self) -> int:
        return len(self.papers)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        got = self.papers[i]
        self.read += len(got) if isinstance(got, list) else 1
        return got

    def __iter__(self) -> Iterator[Paper]:
        for i in range(len(self)):
            yield self[i]


def test_parallel_extraction_reads_papers_as_it_sends_them():
    papers = _Reads(merge_records(load_paths([SEEDS]).records)[:120])
    results = extract_json(papers, jobs=2, chunk=4)
    next(results)
    assert papers.read <= (2 * 2 + 2) * 4  # a few chunks ahead of the first result, not all 120
    assert len(list(results)) == 119 and papers.read == 120
