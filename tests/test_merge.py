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


def test_titles_without_letters_or_digits_never_share_an_id():
    papers = merge_records([_record(1, title="???"), _record(2, title="!!!"), _record(3, title="—")])
    assert len({p.id for p in papers}) == 3
    same = merge_records([_record(1, title="???"), _record(2, title="???")])
    assert len(same) == 1 and same[0].sources == ["f:1", "f:2"]  # the same exact title is the same paper


def test_reconcile_adds_up_per_file():
    from kg.merge import reconcile
    from kg.model import LoadError

    records = [PaperRecord(source="a.md", line=1, title="One", arxiv_id="2401.00001"),
               PaperRecord(source="a.md", line=2, title="Two"),
               PaperRecord(source="b.json", line=3, title="one", arxiv_id="2401.00001"),
               PaperRecord(source="b.json", line=9, title="Three")]
    errors = [LoadError(source="b.json", line=5, message="bad"), LoadError(source="c.csv", line=1, message="x")]
    papers = merge_records(records)
    files = reconcile(records, errors, papers, {"a.md": "kg.markdown_table.v1", "b.json": "kg.json.v1"})
    assert files == {
        "a.md": {"format": "kg.markdown_table.v1", "records": 2, "papers": 2, "merged": 0, "rejected": 0,
                 "unaccounted": 0},
        "b.json": {"format": "kg.json.v1", "records": 3, "papers": 1, "merged": 1, "rejected": 1, "unaccounted": 0},
        "c.csv": {"format": None, "records": 1, "papers": 0, "merged": 0, "rejected": 1, "unaccounted": 0},
    }
    # a paper that lost a record shows as unaccounted
    short = [p.model_copy(update={"sources": p.sources[:1]}) for p in papers]
    assert reconcile(records, errors, short)["b.json"]["unaccounted"] == 1


def test_reconcile_on_the_seeds_matches_the_record_counts():
    from kg.merge import reconcile

    result = load_paths([SEEDS])
    papers = merge_records(result.records)
    files = reconcile(result.records, result.errors, papers, result.formats)
    assert sum(f["records"] for f in files.values()) == 310
    assert sum(f["papers"] for f in files.values()) == len(papers) == 301
    assert sum(f["merged"] for f in files.values()) == 9
    assert all(f["records"] == f["papers"] + f["merged"] + f["rejected"] for f in files.values())


def test_build_summary_reconciles_every_file(seed_build):
    files = seed_build.summary()["files"]
    assert len(files) == 5
    assert sum(f["records"] for f in files.values()) == seed_build.records + len(seed_build.errors) == 310
    assert sum(f["papers"] for f in files.values()) == len(seed_build.papers)
    assert all(f["unaccounted"] == 0 for f in files.values())
