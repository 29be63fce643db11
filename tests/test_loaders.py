from __future__ import annotations

import json
from collections import Counter

import pytest

from kg.loaders import detect_format, load_paths
from kg.loaders._text import text_from_string
from tests.conftest import CORPUS, SEEDS, seed


def test_seed_formats_are_detected_by_content():
    result = load_paths([SEEDS])
    formats = {path.split("/")[-1][:3]: fmt for path, fmt in result.formats.items()}
    assert formats == {
        "000": "kg.markdown_table.v1",
        "001": "kg.hf_daily.v1",
        "002": "kg.hf_daily.v1",
        "003": "kg.hf_daily.v1",
        "004": "kg.digest.v1",
    }


def test_seed_record_counts_per_file():
    result = load_paths([SEEDS])
    counts = Counter(r.source.split("/")[-1][:3] for r in result.records)
    assert counts == {"000": 10, "001": 76, "002": 100, "003": 103, "004": 21}
    assert result.errors == []


def test_markdown_table_record_field_by_field():
    records = load_paths([seed("000")]).records
    molmo = records[0]
    assert molmo.title.startswith("Molmo and PixMo: Open Weights and Open Data")
    assert molmo.title_zh.startswith("Molmo 和 PixMo：")
    assert molmo.abstract.startswith("Today's most advanced multimodal models remain proprietary.")
    assert molmo.abstract_zh.startswith("当今最先进的多模态模型仍然是专有的。")
    assert molmo.authors == ["Matt Deitke"]
    assert molmo.pdf_url == "http://arxiv.org/pdf/2409.17146v1"
    assert molmo.arxiv_id == "2409.17146"
    assert molmo.code_url is None  # "N/A"
    assert molmo.line == 5
    assert all(r.code_url is None for r in records)  # every row of this file says N/A


def test_digest_record_field_by_field():
    records = load_paths([seed("004")]).records
    first = records[0]
    assert first.title == "Evolving Deeper LLM Thinking"
    assert first.title_zh == "大语言模型思维的深度进化"
    assert first.arxiv_id == "2501.09891"
    assert first.url == "https://arxiv.org/abs/2501.09891"
    assert first.abstract is None
    assert first.abstract_zh.startswith("我们探索了一种进化搜索策略")
    assert first.line == 1
    hunyuan = next(r for r in records if r.title.startswith("Hunyuan3D 2.0"))
    assert hunyuan.code_url == "https://github.com/Tencent/Hunyuan3D-2"
    assert "github" not in hunyuan.abstract_zh


def test_hf_daily_record_field_by_field():
    records = load_paths([seed("001")]).records
    first = records[0]
    assert first.title == "8-bit Optimizers via Block-wise Quantization"
    assert first.abstract.startswith("Stateful optimizers maintain gradient statistics")
    assert first.line == 11
    # a title with a question mark inside is still a title
    titles = {r.title for r in load_paths([seed("003")]).records}
    assert any("Misdirection? The Path" in t for t in titles)


def test_corpus_jsonl_loads_with_authors():
    result = load_paths([CORPUS])
    assert len(result.records) == 304 and result.errors == []
    first = result.records[0]
    assert first.authors[:2] == ["Loïc Cabannes", "Pierre-Emmanuel Mazaré"]
    assert first.arxiv_id == "2607.07386"
    assert first.year == 2026
    assert all(r.authors for r in result.records)


# ---- bad input: a clear error with file:line, the other records kept ---------------

def _table(rows: list[str]) -> str:
    head = "| Title | Abstract | Author | PDF |\n|---|---|---|---|\n"
    return head + "\n".join(rows) + "\n"


GOOD_ROW = "| A Good Paper | It works. | Ada Lovelace | [PDF](http://arxiv.org/pdf/2401.00001v2) |"


def test_empty_file(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    result = load_paths([tmp_path])
    assert result.records == []
    assert [str(e) for e in result.errors] == [f"{tmp_path / 'empty.md'}:1: empty file"]


def test_truncated_table_row_is_reported_and_others_kept(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(_table([GOOD_ROW, "| A Cut Row | only half"]), encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["A Good Paper"]
    (error,) = result.errors
    assert error.line == 4 and "cells" in error.message and str(path) in str(error)


def test_binary_bytes_in_a_record(tmp_path):
    path = tmp_path / "t.md"
    row = "| Broken \x00\x01\x02 | x | y | [PDF](http://arxiv.org/pdf/2401.00002) |"
    path.write_bytes(_table([row, GOOD_ROW]).encode("utf-8"))
    result = load_paths([path])
    assert [r.title for r in result.records] == ["A Good Paper"]
    assert result.errors[0].line == 3 and "binary" in result.errors[0].message


def test_wrong_encoding(tmp_path):
    path = tmp_path / "t.jsonl"
    good = json.dumps({"title": "Fine", "abstract": "ok"}).encode()
    latin1 = json.dumps({"title": "Café"}, ensure_ascii=False).encode("latin-1")
    path.write_bytes(good + b"\n" + latin1 + b"\n" + good.replace(b"Fine", b"Also fine") + b"\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Fine", "Also fine"]
    (error,) = result.errors
    assert error.line == 2 and "UTF-8" in error.message


def test_five_megabyte_single_line(tmp_path):
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"title": "Huge", "abstract": "x" * 5_000_000})
    path.write_text(huge + "\n" + json.dumps({"title": "Small"}) + "\n", encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Small"]
    assert result.errors[0].line == 1 and "limit" in result.errors[0].message


def test_hf_daily_with_a_bad_line_keeps_the_other_papers(tmp_path):
    text = "new\n\nSubscribe\n\nMar 13\n\nFirst Title\n\nFirst abstract. It is long.\n\n" \
           "Second Title\n\nBroken \x00 abstract.\n\nThird Title\n\nThird abstract.\n"
    path = tmp_path / "hf.txt"
    path.write_text(text, encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Title", "Third Title"]
    assert result.errors[0].line == 13


@pytest.mark.parametrize(
    "content,fmt",
    [
        ('[{"title": "A"}]', "kg.json.v1"),
        ('{"title": "A"}\n{"title": "B"}\n', "kg.jsonl.v1"),
        ("id,title,authors\n2401.00001,A,Ada\n", "kg.csv.v1"),
        ("## T\n[中文](https://arxiv.org/abs/2401.00001)\n\n摘要。\n", "kg.digest.v1"),
        ("Subscribe\n\nMar 3\n\nT\n\nAbstract.\n", "kg.hf_daily.v1"),
        ("plain words with no structure\n", None),
    ],
)
def test_detect_format(content, fmt):
    assert detect_format(text_from_string(content)) == fmt


def test_csv_and_json_field_names(tmp_path):
    (tmp_path / "p.csv").write_text(
        'arxiv_id,title,abstract,authors,categories,published\n'
        '"arXiv:2401.00001v3","A CSV Paper","Abstract, with comma.","Ada Lovelace; Alan Turing","cs.LG cs.AI",2024-01-02\n',
        encoding="utf-8",
    )
    (tmp_path / "p.json").write_text(json.dumps({"results": [
        {"id": "https://arxiv.org/abs/2401.00002", "title": "A JSON Paper",
         "authorships": [{"author": {"display_name": "Grace Hopper"}}], "publication_year": 2023},
        {"abstract": "no title here"},
    ]}), encoding="utf-8")
    result = load_paths([tmp_path])
    by_title = {r.title: r for r in result.records}
    csv_paper = by_title["A CSV Paper"]
    assert csv_paper.arxiv_id == "2401.00001" and csv_paper.authors == ["Ada Lovelace", "Alan Turing"]
    assert csv_paper.categories == ["cs.LG", "cs.AI"] and csv_paper.year == 2024 and csv_paper.line == 2
    json_paper = by_title["A JSON Paper"]
    assert json_paper.authors == ["Grace Hopper"] and json_paper.year == 2023 and json_paper.arxiv_id == "2401.00002"
    assert len(result.errors) == 1 and "no title" in result.errors[0].message


def test_sources_are_relative_to_the_current_folder_when_inside_it(tmp_path, monkeypatch):
    from kg.loaders import load_paths

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"title": "A paper"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_paths([tmp_path / "in"]).records[0].source == "in/a.jsonl"
    monkeypatch.chdir(tmp_path / "in")
    assert load_paths([tmp_path]).records[0].source == "a.jsonl"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_paths([tmp_path / "in"]).records[0].source == str(tmp_path / "in" / "a.jsonl")
