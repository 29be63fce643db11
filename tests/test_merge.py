from __future__ import annotations

import pytest

from kg.ids import parse_arxiv_id
from kg.loaders import load_paths
from kg.merge import merge_records
from kg.model import PaperRecord
from tests.conftest import SEEDS


def test_seeds_merge_to_301_papers():
    result = load_paths([SEEDS])
    assert len(result.records) == 310
    papers = merge_records(result.records)
    assert len(papers) == 301
    assert len({p.id for p in papers}) == 301


def test_merged_paper_keeps_both_languages_and_every_source():
    papers = merge_records(load_paths([SEEDS]).records)
    reward = next(p for p in papers if p.title.startswith("InternLM-XComposer2.5-Reward"))
    assert reward.id == "arxiv:2501.12368"  # the digest knows the arXiv id, the HF page does not
    assert reward.abstract and reward.abstract_zh and reward.title_zh
    assert sorted(s.split("/")[-1][:3] for s in reward.sources) == ["002", "004"]
    rth = next(p for p in papers if p.title.startswith("RT-H: Action Hierarchies"))
    assert len(rth.sources) == 3


@pytest.mark.parametrize(
    "text,expected",
    [
        ("http://arxiv.org/pdf/2409.17146v1", "2409.17146"),
        ("https://arxiv.org/abs/2501.09891", "2501.09891"),
        ("arXiv:2401.00001v12", "2401.00001"),
        ("2401.12345", "2401.12345"),
        ("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
        ("https://example.org/paper", None),
        ("", None),
    ],
)
def test_parse_arxiv_id(text, expected):
    assert parse_arxiv_id(text) == expected


def _record(line: int, **fields) -> PaperRecord:
    return PaperRecord(source="f", line=line, **fields)


def test_authors_union_and_conflicting_ids_stay_apart():
    papers = merge_records([
        _record(1, title="Same Title", arxiv_id="2401.00001", authors=["Ada Lovelace"]),
        _record(2, title="same title!", authors=["Ada Lovelace", "Alan Turing", "Grace Hopper"]),
        _record(3, title="Same Title", arxiv_id="2402.00002"),
    ])
    assert len(papers) == 2
    first = next(p for p in papers if p.arxiv_id == "2401.00001")
    assert first.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert first.sources == ["f:1", "f:2"]
