"""What the build holds for the whole corpus is compact: extractions as their JSON text, one fields-set
object shared by every merged paper, one object per sentence of a paper in the graph."""

from __future__ import annotations

from kg.extract.extractor import extract_papers
from kg.loaders import load_paths
from kg.merge import merge_records
from kg.runner import Extractions, extract_all

from tests.conftest import SEEDS


def _papers(n: int):  # type: ignore[no-untyped-def]
    return merge_records(load_paths([SEEDS]).records)[:n]


def test_extractions_held_as_text_read_back_as_the_models(tmp_path):
    papers = _papers(12)
    expected = extract_papers(papers)
    extracted = extract_all(papers, store=tmp_path, jobs=2)
    assert isinstance(extracted.extractions, Extractions)
    assert all(isinstance(t, str) for t in extracted.extractions.texts)
    assert list(extracted.extractions) == expected
    assert extracted.extractions[3] == expected[3] and extracted.extractions[2:5] == expected[2:5]
    assert len(extracted.extractions) == len(papers)
    # the store written from the text equals the one written from the models, and is read back whole
    extracted.write_store(tmp_path)
    again = extract_all(papers, store=tmp_path, jobs=1)
    assert again.reused == len(papers) and list(again.extractions) == expected


def test_merged_papers_share_one_fields_set_without_changing_what_pydantic_reports():
    papers = _papers(5)
    assert len({id(p.model_fields_set) for p in papers}) == 1
    every = set(type(papers[0]).model_fields)
    assert papers[0].model_fields_set == every
    papers[0].title = "changed"  # assignment adds a name already there: the others are untouched
    assert papers[1].model_fields_set == every and papers[1].title != "changed"
    assert papers[1].model_dump(exclude_unset=True) == papers[1].model_dump()


def test_graph_edges_of_one_sentence_share_one_string(seed_build):
    by_paper: dict[tuple[str, str], set[int]] = {}
    for _, _, d in seed_build.graph.edges(data=True):
        if d.get("sentence") is not None:
            by_paper.setdefault((d["paper"], d["sentence"]), set()).add(id(d["sentence"]))
    assert any(len(ids) == 1 for ids in by_paper.values())
    assert all(len(ids) == 1 for ids in by_paper.values())
