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


# ---- the seven inputs that used to crash the whole build ---------------------------------

DIGEST_PAPER = "## {title}\n[中文标题](https://arxiv.org/abs/{id})\n\n这是摘要。\n\n"


def _digest(*papers: tuple[str, str]) -> str:
    return "".join(DIGEST_PAPER.format(title=t, id=i) for t, i in papers)


@pytest.mark.parametrize("indent", [" ", "\u3000", "  \t"])
def test_digest_heading_indented_by_a_space_or_full_width_space(tmp_path, indent):
    text = _digest(("First Paper", "2401.00001"), ("Second Paper", "2401.00002"))
    text = text.replace("## Second", indent + "## Second")
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Paper", "Second Paper"]
    assert result.errors == []


def test_csv_with_cr_only_line_endings(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"id,title,authors\r2401.00001,First,Ada\r2401.00002,Second,Alan\r")
    result = load_paths([path])
    assert [(r.title, r.line) for r in result.records] == [("First", 2), ("Second", 3)]
    assert result.errors == []


def test_csv_field_over_131k_characters(tmp_path):
    path = tmp_path / "p.csv"
    long = "word " * 40_000  # 200,000 characters, over csv's default field limit of 131,072
    path.write_text(f'title,abstract\nLong One,"{long}"\nShort One,fine\n', encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Long One", "Short One"]
    assert len(result.records[0].abstract) > 131_072


def test_json_integer_over_4300_digits(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "Good"}\n{"title": "Huge", "year": ' + "9" * 5000 + '}\n{"title": "Also good"}\n')
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Good", "Also good"]
    (error,) = result.errors
    assert error.line == 2 and "5,000 digits" in error.message and "limit" in error.message
    array = tmp_path / "p.json"
    array.write_text('[\n{"title": "Good"},\n{"title": "Huge", "year": ' + "9" * 5000 + '},\n{"title": "Also good"}\n]\n')
    result = load_paths([array])
    assert [r.title for r in result.records] == ["Good", "Also good"]
    assert [e.line for e in result.errors] == [3]


@pytest.mark.parametrize("depth", [100, 1000, 5000])
def test_json_nesting_deep(tmp_path, depth):
    deep = "[" * depth + "]" * depth
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "Good"}\n{"title": "Deep", "x": ' + deep + '}\n{"title": "Also good"}\n')
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Good", "Also good"]
    (error,) = result.errors
    assert error.line == 2 and "64-level limit" in error.message
    array = tmp_path / "p.json"
    array.write_text('[\n  {"title": "Good"},\n  {"title": "Deep", "x": ' + deep + '},\n  {"title": "Also good"}\n]\n')
    result = load_paths([array])
    assert [r.title for r in result.records] == ["Good", "Also good"]
    assert [e.line for e in result.errors] == [3] and "limit" in result.errors[0].message


@pytest.mark.parametrize("refs,expected", [
    ({"arxiv_id": "2401.00009"}, ["arxiv:2401.00009"]),
    (42, []),
    (None, []),
    ("arXiv:2401.00009; 10.1000/xyz", ["arxiv:2401.00009", "doi:10.1000/xyz"]),
])
def test_references_that_are_not_a_list(tmp_path, refs, expected):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"title": "Paper", "references": refs}) + "\n")
    result = load_paths([path])
    assert result.errors == [] and result.records[0].references == expected


@pytest.mark.parametrize("locations", [{"landing_page_url": "x"}, 7, "https://arxiv.org/abs/2401.00001"])
def test_openalex_locations_that_are_not_a_list(tmp_path, locations):
    work = {"id": "https://openalex.org/W123", "title": "A Work", "locations": locations,
            "primary_location": {"landing_page_url": "https://arxiv.org/abs/2401.00007"}}
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"results": [work]}, indent=2))
    result = load_paths([path])
    assert result.errors == [] and result.records[0].arxiv_id == "2401.00007"


def test_line_limit_is_reported_as_an_error(tmp_path):
    from kg.loaders._text import MAX_LINE_CHARS

    path = tmp_path / "t.md"
    path.write_text(_table([GOOD_ROW, "| " + "x" * (MAX_LINE_CHARS + 1) + " | a | b | c |"]), encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["A Good Paper"]
    assert result.errors[0].line == 4 and f"{MAX_LINE_CHARS:,} limit" in result.errors[0].message


# ---- records that used to vanish without a word --------------------------------------------

def test_markdown_row_missing_its_leading_pipe_is_read(tmp_path):
    path = tmp_path / "t.md"
    row = " Second Paper | It also works. | Alan Turing | [PDF](http://arxiv.org/pdf/2401.00002v1) |"
    path.write_text(_table([GOOD_ROW, row]), encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["A Good Paper", "Second Paper"]


def test_markdown_line_inside_the_table_that_is_no_row_is_reported(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(_table([GOOD_ROW, "a stray line of text", GOOD_ROW.replace("Good", "Fine")]), encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["A Good Paper", "A Fine Paper"]
    assert [e.line for e in result.errors] == [4]


HF_HEAD = "new\n\nSubscribe\n\nMar 3\n\n"
ABSTRACT = "We study a problem. Our method works well, and it is simple to use in practice."


@pytest.mark.parametrize("title", ["Dr. Strange Loops in Recurrent Nets", "Transformers vs. Recurrent Nets at Scale",
                                   "Attention, e.g. Sparse Attention, Revisited"])
def test_hf_daily_titles_with_abbreviations_stay_titles(tmp_path, title):
    path = tmp_path / "hf.txt"
    path.write_text(f"{HF_HEAD}First Title\n\n{ABSTRACT}\n\n{title}\n\n{ABSTRACT}\n\nLast Title\n\n{ABSTRACT}\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Title", title, "Last Title"]
    assert all(r.abstract == ABSTRACT for r in result.records)


def test_hf_daily_slip_is_reported_not_folded(tmp_path):
    # the second title was damaged into a sentence: it and its abstract must not join the first paper
    damaged = "Broken title. It reads like a sentence now"
    path = tmp_path / "hf.txt"
    path.write_text(f"{HF_HEAD}First Title\n\n{ABSTRACT}\n\n{damaged}.\n\n{ABSTRACT}\n\nLast Title\n\n{ABSTRACT}\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Title", "Last Title"]
    assert result.records[0].abstract == ABSTRACT
    (error,) = result.errors
    assert error.line == 11 and "title was expected" in error.message


def test_hf_daily_lost_blank_line_keeps_both_papers(tmp_path):
    path = tmp_path / "hf.txt"
    path.write_text(f"{HF_HEAD}First Title\n\n{ABSTRACT}\nSecond Title\n\n{ABSTRACT}\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Title", "Second Title"]
    assert result.records[0].abstract == ABSTRACT


def test_hf_daily_title_without_abstract_is_reported(tmp_path):
    path = tmp_path / "hf.txt"
    path.write_text(f"{HF_HEAD}Lonely Title\n\nFirst Title\n\n{ABSTRACT}\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Title"]
    assert [e.line for e in result.errors] == [7] and "no abstract" in result.errors[0].message


@pytest.mark.parametrize("damage", ["#Second Paper", "Second Paper", "# Second Paper", "##Second Paper"])
def test_digest_slip_is_reported_not_folded(tmp_path, damage):
    text = _digest(("First Paper", "2401.00001"), ("Second Paper", "2401.00002"), ("Third Paper", "2401.00003"))
    path = tmp_path / "d.md"
    path.write_text(text.replace("## Second Paper", damage), encoding="utf-8")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Paper", "Third Paper"]
    assert result.records[0].abstract_zh == "这是摘要。"  # nothing of the second paper folded in
    (error,) = result.errors
    assert error.line == 6 and "without a '## title' heading" in error.message


def test_csv_bad_last_row_is_reported(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('id,title,abstract\n2401.00001,First,"fine"\n2401.00002,Cut,"an unterminated quo')
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First"]
    (error,) = result.errors
    assert error.line == 3 and "malformed" in error.message


def test_csv_bad_middle_row_does_not_take_the_next_row(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('id,title,abstract\n2401.00001,"Broken,"an abstract"\n2401.00002,Next,"also, fine"\n'
                    '2401.00003,Last,"fine"\n')
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Next", "Last"]
    assert [e.line for e in result.errors] == [2]


def test_csv_quoted_field_over_several_lines_is_one_row(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('id,title,abstract\n2401.00001,First,"line one,\nline two"\n2401.00002,Second,x\n')
    result = load_paths([path])
    assert [(r.title, r.line) for r in result.records] == [("First", 2), ("Second", 4)]
    assert result.records[0].abstract == "line one, line two"


def test_csv_row_joined_to_the_header_is_reported(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,title,abstract2401.00001,Joined Title,an abstract here\n2401.00002,Second,x\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Second"]
    assert [e.line for e in result.errors] == [1] and "joined to the header" in result.errors[0].message


@pytest.mark.parametrize("title", ["???", "—", "!!! ...", "🙂🙂"])
def test_title_without_letters_or_digits_is_rejected(tmp_path, title):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"title": title}) + "\n" + json.dumps({"title": "Real"}) + "\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Real"]
    assert [e.line for e in result.errors] == [1] and "no letters or digits" in result.errors[0].message


def _json_array(rows: list[str]) -> str:
    return "[\n" + ",\n".join("  " + r for r in rows) + "\n]\n"


def test_json_array_keeps_good_elements_around_a_damaged_one(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(_json_array(['{"title": "First"}', '{"title": "Broken", "abstract": "no end}',
                                 '{"title": "Third"}', '{"title": "Fourth"}']))
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First", "Third", "Fourth"]
    assert [(r.line) for r in result.records] == [2, 4, 5]
    assert [e.line for e in result.errors] == [3]


def test_openalex_page_keeps_good_works_around_a_damaged_one():
    from tests.conftest import ROOT

    page = (ROOT / "tests" / "data" / "openalex_works.json").read_text()
    broken = page.replace('"publication_year": 2025,', '"publication_year": 2025,,', 1)
    assert broken != page
    from kg.loaders.records import parse_json

    items = list(parse_json(text_from_string(broken, "page.json")))
    titles = [i.title for i in items if hasattr(i, "title")]
    errors = [i for i in items if not hasattr(i, "title")]
    element = broken[: broken.rfind("{", 0, broken.index("W1000000002"))].count("\n") + 1
    assert len(titles) == 2 and len(errors) == 1 and errors[0].line == element


def test_damaged_first_line_does_not_hide_a_jsonl_file(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "Cut\n{"title": "Second"}\n{"title": "Third"}\n')
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Second", "Third"]
    assert [e.line for e in result.errors] == [1]


def test_json_element_that_swallows_the_next_is_reported(tmp_path):
    rows = [{"title": "First", "authors": [{"name": "Ada"}]}, {"title": "Second", "authors": [{"name": "Alan"}]},
            {"title": "Third", "authors": []}]
    text = json.dumps({"results": rows}, indent=2)
    broken = text.replace('"name": "Ada"\n        }\n      ]\n    },', '"name": "Ada"\n        },', 1)  # lose "]}"
    assert broken != text
    path = tmp_path / "page.json"
    path.write_text(broken)
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Second", "Third"]
    assert [e.line for e in result.errors] == [3] and "runs into the next" in result.errors[0].message


def test_digest_unreadable_line_after_an_abstract_does_not_spoil_that_paper(tmp_path):
    text = _digest(("First Paper", "2401.00001")).encode() + "## Second \xff 摘要\n\n".encode("utf-8").replace(
        b"\xc3\xbf", b"\xff") + _digest(("Third Paper", "2401.00003")).encode()
    path = tmp_path / "d.md"
    path.write_bytes(text)
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Paper", "Third Paper"]
    assert result.records[0].abstract_zh == "这是摘要。"
    (error,) = result.errors
    assert error.line == 6 and "UTF-8" in error.message


def test_hf_daily_title_joined_to_the_abstract_above_is_reported(tmp_path):
    path = tmp_path / "hf.txt"
    path.write_text(f"{HF_HEAD}First Title\n\n{ABSTRACT} Second Title\n\n{ABSTRACT}\n\nThird Title\n\n{ABSTRACT}\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["First Title", "Third Title"]
    assert [e.line for e in result.errors] == [11] and "title was expected" in result.errors[0].message


@pytest.mark.parametrize("name", ["p.jsonl", "snapshot.jsonl"])
def test_an_unpaired_surrogate_is_a_file_line_error_and_the_rest_is_built(tmp_path, name):
    # "\ud800" alone is valid JSON but no UTF-8 text: it stopped the build where the record was first written out
    path = tmp_path / name
    lines = ['{"title": "Good", "abstract": "fine"}', '{"title": "Half \\ud800 a pair", "abstract": "x"}',
             '{"title": "Paired \\ud83d\\ude00", "abstract": "fine"}', '{"title": "Also bad", "abstract": "A \\udfff"}']
    if name.startswith("snapshot"):  # the arXiv snapshot's shape: read by its streaming reader
        lines = [line[:-1] + f', "id": "2601.0000{i}", "versions": []}}' for i, line in enumerate(lines, 1)]
    path.write_text("\n".join(lines) + "\n")
    result = load_paths([path])
    assert [r.title for r in result.records] == ["Good", "Paired \U0001f600"]
    assert [(e.line, e.message.split(" holds")[0]) for e in result.errors] == [(2, "field 'title'"),
                                                                                (4, "field 'abstract'")]
    assert "unpaired surrogate ('\\ud800') at character 6" in result.errors[0].message
