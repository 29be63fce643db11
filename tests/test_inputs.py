"""What researchers already have: BibTeX/BibLaTeX, CSL-JSON, arXiv Atom feeds, the
arXiv metadata snapshot and Semantic Scholar papers, read by content and merged
into one graph (fixtures in tests/data/inputs are invented papers)."""

from __future__ import annotations

import json
import re
import sys
import time

import pytest

from kg.build import build
from kg.loaders import LOADERS, STREAMING, detect_format, display_path, load_paths, parse_text
from kg.loaders._text import text_from_string
from kg.loaders.arxiv_snapshot import parse_arxiv_snapshot, read_arxiv_snapshot
from kg.model import PaperRecord
from tests.conftest import ROOT

INPUTS = ROOT / "tests" / "data" / "inputs"
NEW_LOADERS = ("kg.bibtex.v1", "kg.csl_json.v1", "kg.arxiv_atom.v1", "kg.arxiv_snapshot.v1", "kg.semantic_scholar.v1")


def _load(content: str, source: str = "f") -> tuple[list[PaperRecord], list[str]]:
    _, items = parse_text(text_from_string(content, source))
    records, errors = [], []
    for item in items:
        (records if isinstance(item, PaperRecord) else errors).append(item)
    return records, [str(e) for e in errors]


# ---- the whole chain: one folder, every format, one graph ---------------------------

@pytest.fixture(scope="module")
def inputs_build():
    return build([INPUTS])


def test_every_fixture_is_detected_by_content(inputs_build):
    formats = {path.split("/")[-1]: name for path, name in inputs_build.formats.items()}
    assert formats == {
        "library.bib": "kg.bibtex.v1",
        "zotero.json": "kg.csl_json.v1",
        "arxiv_query.atom": "kg.arxiv_atom.v1",
        "arxiv_snapshot.jsonl": "kg.arxiv_snapshot.v1",
        "s2_search.json": "kg.semantic_scholar.v1",
        "s2_papers.jsonl": "kg.semantic_scholar.v1",
    }
    assert set(NEW_LOADERS) <= set(LOADERS)


def test_shared_papers_merge_with_the_union_of_fields_and_sources(inputs_build):
    papers = {p.id: p for p in inputs_build.papers}
    assert len(papers) == 8 and inputs_build.records == 14
    sla = papers["arxiv:2403.01234"]
    assert sorted(s.split("/")[-1].split(":")[0] for s in sla.sources) == ["arxiv_query.atom", "library.bib",
                                                                          "s2_search.json"]
    assert sla.doi == "10.5555/slap.2024.17" and sla.s2_id == "900001"
    assert sla.pdf_url == "http://arxiv.org/pdf/2403.01234v2"  # only the Atom feed has it
    assert sla.authors == ["Chidi Okafor", "Jörg Müller", "Ana de la Cruz"]  # BibTeX accents decoded
    assert sla.categories == ["cs.CL", "cs.LG"]
    assert sla.date == "2024-03-04" and sla.year == 2024
    tables = papers["doi:10.5555/tttb.2023.4"]  # BibTeX + CSL-JSON, by DOI (case folded)
    assert len(tables.sources) == 2 and "Sora Ito" in tables.authors
    replay = papers["arxiv:2311.04567"]  # Atom + snapshot + Semantic Scholar
    assert len(replay.sources) == 3 and "Luca Bianchi" in replay.authors
    gardens = next(p for p in papers.values() if p.s2_id == "900005")  # two titles, one CorpusId
    assert len(gardens.sources) == 2 and gardens.pdf_url == "https://example.org/gg.pdf"


def test_years_come_from_each_source(inputs_build):
    years = {p.title.split(":")[0][:24]: p.year for p in inputs_build.papers}
    assert years == {
        "Café Notes on Naïve Baye": 2021,  # BibLaTeX date
        "Lightweight Rerankers fo": 2022,  # CSL issued date-parts given as strings
        "Counterfactual Replay fo": 2023,
        "Sparse Lattice Adapters ": 2024,
        "Tidepool": 2024,  # Atom published
        "Hash Tables for Imaginar": 2001,  # snapshot first version
        "A Benchmark of Tiny Tabu": 2023,
        "Gradient Gardens": 2022,  # Semantic Scholar year
    }


def test_semantic_scholar_references_and_citations_give_cites_edges(inputs_build):
    G = inputs_build.graph
    gardens = next(p.id for p in inputs_build.papers if p.s2_id == "900005")
    cites = {(u, v, d["rule"]) for u, v, d in G.edges(data=True) if d["type"] == "CITES"}
    assert cites == {
        ("arxiv:2403.01234", "arxiv:2311.04567", "input.references"),  # by arXiv id
        ("arxiv:2403.01234", "doi:10.5555/tttb.2023.4", "input.references"),  # by DOI, other case
        (gardens, "arxiv:2405.00042", "input.references"),
        (gardens, "arxiv:2311.04567", "input.cited_by"),  # a citation, by CorpusId, reversed
    }
    assert inputs_build.summary()["rejected"] == [f"{display_path(INPUTS / 's2_search.json')}:29: null paper (an id Semantic "
                                                  "Scholar did not find); skipped"]


# ---- detection by content ------------------------------------------------------------

@pytest.mark.parametrize("content,fmt", [
    ("% a comment\n\n@Article{k, title={T}}\n", "kg.bibtex.v1"),
    ('[{"type": "article-journal", "title": "T", "issued": {"date-parts": [[2020]]}}]', "kg.csl_json.v1"),
    ('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>\n', "kg.arxiv_atom.v1"),
    ('{"id": "2401.00001", "title": "T", "abstract": "A", "versions": [], "authors_parsed": []}\n'
     '{"id": "2401.00002", "title": "U", "abstract": "B", "versions": [], "authors_parsed": []}\n',
     "kg.arxiv_snapshot.v1"),
    ('{"paperId": "x", "title": "T", "externalIds": {}}\n', "kg.semantic_scholar.v1"),
    ('{"title": "Plain", "abstract": "x"}\n{"title": "Other"}\n', "kg.jsonl.v1"),  # the generic readers keep theirs
    ('[{"title": "Plain", "type": "preprint"}]', "kg.json.v1"),
])
def test_new_formats_are_detected_by_content(content, fmt):
    assert detect_format(text_from_string(content)) == fmt


def _readme_examples() -> list[tuple[str, str]]:
    """(registry name, example text) for each row of the README's input-format table."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Input formats", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and not r.startswith("| format ")]
    examples = []
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        name = re.search(r"`(kg\.\w+\.v\d+)`", cells[1]).group(1)
        lines = [part.strip().removeprefix("`").removesuffix("`").replace("\\|", "|") for part in cells[2].split("<br>")]
        assert len(lines) == 3, (name, lines)
        examples.append((name, "\n".join(lines) + "\n"))
    return examples


def test_readme_lists_every_input_format_with_an_example_that_loads():
    examples = _readme_examples()
    assert sorted(name for name, _ in examples) == sorted(LOADERS)
    for name, example in examples:
        text = text_from_string(example, "example")
        assert detect_format(text) == name, (name, example)
        records, errors = _load(example, "example")
        assert records and errors == [], (name, errors)


# ---- BibTeX ---------------------------------------------------------------------------

def good_bib(n: int) -> str:
    return f"@article{{good{n},\n  title = {{Good Paper {n}}},\n  author = {{Doe, Jane}},\n  year = {{2020}},\n}}\n"


def test_bibtex_bad_entry_is_a_file_line_error_and_the_rest_is_read():
    bib = good_bib(1) + "@misc{broken,\n  title = {Never closed,\n  year = 2020\n" + good_bib(2) \
        + "@misc{notitle, year = 2021}\n"
    records, errors = _load(bib, "refs.bib")
    assert [r.title for r in records] == ["Good Paper 1", "Good Paper 2"]
    assert [r.line for r in records] == [1, 9]
    assert errors[0].startswith("refs.bib:6: BibTeX block could not be parsed")
    assert errors[1] == "refs.bib:14: entry 'notitle' has no title; skipped"


def test_bibtex_entry_that_lost_its_at_sign_is_reported_not_dropped():
    records, errors = _load("% header\narticle{k0,\n  title = {Lost},\n}\n" + good_bib(1), "refs.bib")
    assert [r.title for r in records] == ["Good Paper 1"]
    assert errors == ["refs.bib:1: text outside any @entry looks like an entry (missing '@' or a stray closing "
                      "brace?); skipped"]


def test_bibtex_fields_mapped():
    bib = r"""@online{k,
  title = {{GPT}-like \textbf{Models} for Caf\'e {\"O}rder $O(n)$},
  author = {van der Berg, Anna and Jos{\'e} Garc{\'\i}a and Smith, Jr., John and others},
  eprinttype = {arxiv}, eprint = {hep-th/9901001v3}, eprintclass = {hep-th},
  doi = {doi:10.1000/ABC}, url = {https://example.org/a\_b%20c}, date = {1999-01-05},
  abstract = {First line
     second line.},
}"""
    (record,), errors = _load(bib)
    assert errors == []
    assert record.title == "GPT-like Models for Café Örder $O(n)$"
    assert record.authors == ["Anna van der Berg", "José García", "John Smith Jr.", ]
    assert record.arxiv_id == "hep-th/9901001" and record.categories == ["hep-th"]
    assert record.doi == "10.1000/ABC" and record.url == "https://example.org/a_b%20c"
    assert (record.year, record.date) == (1999, "1999-01-05")
    assert record.abstract == "First line second line."


def test_bibtex_input_and_include_are_never_followed(tmp_path, monkeypatch):
    (tmp_path / "secret.tex").write_text("TOPSECRET", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    bib = "@misc{h, title = {Safe \\input{secret} Title \\include{secret}}, abstract = {\\input secret.tex}}\n"
    (record,), errors = _load(bib)
    assert errors == []
    assert record.title == "Safe Title" and "TOPSECRET" not in (record.abstract or "")


def test_bibtex_huge_field_rejects_only_its_entry():
    bib = good_bib(1) + "@misc{huge, title = {Huge}, abstract = {" + "word " * 30_000 + "}}\n" \
        + good_bib(2)
    records, errors = _load(bib, "big.bib")
    assert [r.title for r in records] == ["Good Paper 1", "Good Paper 2"]
    assert errors == ["big.bib:6: field 'abstract' is 150,000 characters long, over the 100,000 limit; "
                      "entry 'huge' skipped"]


def test_bibtex_without_the_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "bibtexparser", None)  # as if not installed: import raises ImportError
    records, errors = _load(good_bib(1), "refs.bib")
    assert records == []
    assert errors == ["refs.bib:1: BibTeX input needs the 'bibtex' extra: pip install 'kg-papers[bibtex]'"]


# ---- CSL-JSON -------------------------------------------------------------------------

def test_csl_damaged_item_costs_only_itself():
    items = [{"type": "article", "title": f"Item {i}", "issued": {"date-parts": [[2020 + i]]}} for i in range(3)]
    text = json.dumps(items, indent=2).replace('"Item 1"', '"Item 1" oops')
    records, errors = _load(text, "z.json")
    assert [(r.title, r.year) for r in records] == [("Item 0", 2020), ("Item 2", 2022)]
    assert len(errors) == 1 and errors[0] == "z.json:13: invalid JSON in this item (Expecting ',' delimiter at line 15); skipped"


def test_csl_list_reads_on_after_a_stray_bracket_and_after_extra_data():
    items = [{"type": "article", "title": f"Item {i}", "issued": {"date-parts": [[2020]]}} for i in range(3)]
    text = json.dumps(items, indent=2)
    stray = text.replace('\n  },\n  {\n    "type": "article",\n    "title": "Item 1"',
                         '\n  }],\n  {\n    "type": "article",\n    "title": "Item 1"')
    records, errors = _load(stray, "z.json")
    assert [r.title for r in records] == ["Item 0", "Item 1", "Item 2"]
    assert errors == ["z.json:12: stray ']' inside the list; ignored"]
    closed = text.replace('\n  },\n  {\n    "type": "article",\n    "title": "Item 2"',
                          '\n  }\n]\n  {\n    "type": "article",\n    "title": "Item 2"')
    records, errors = _load(closed, "z.json")
    assert [r.title for r in records] == ["Item 0", "Item 1", "Item 2"]
    assert errors == ["z.json:25: extra data after the JSON list; read on from line 25"]


def test_csl_item_after_one_that_lost_its_closing_line_is_read():
    # found by bench/fuzz_loaders.py (--files 3000 --seed 7): the item after the damage was lost without a word
    items = [{"type": "article", "title": f"Item {i}", "issued": {"date-parts": [[2020 + i]]}} for i in range(3)]
    lines = json.dumps(items, indent=2).split("\n")
    closing = lines.index("  },")  # the first item's "},"
    records, errors = _load("\n".join(lines[:closing] + lines[closing + 1:]), "z.json")
    assert [r.title for r in records] == ["Item 1", "Item 2"]  # the first item, unclosed, swallowed nothing
    assert errors == [f"z.json:2: invalid JSON in this item (Expecting ',' delimiter at line {closing + 1}); skipped"]


def test_csl_list_that_lost_its_opening_bracket_is_read_as_a_list():
    # found by bench/fuzz_loaders.py (--files 3000 --seed 7): only the first item was read, the rest "not read"
    items = [{"type": "article", "title": f"Item {i}", "issued": {"date-parts": [[2020 + i]]}} for i in range(3)]
    text = json.dumps(items, indent=2).split("\n", 1)[1]
    records, errors = _load(text, "z.json")
    assert [(r.title, r.line) for r in records] == [("Item 0", 1), ("Item 1", 12), ("Item 2", 23)]
    assert errors == ["z.json:1: the list's opening '[' is missing; read as a list"]


def test_csl_item_without_title_and_with_odd_dates():
    items = [{"type": "book", "author": [{"family": "X"}]},
             {"type": "book", "title": "Dated", "issued": {"raw": "2019-04-01"}},
             {"type": "book", "title": "Undated", "issued": {"date-parts": [["spring"]]}}]
    records, errors = _load(json.dumps(items, indent=1), "z.json")
    assert [(r.title, r.year, r.date) for r in records] == [("Dated", 2019, "2019-04-01"), ("Undated", None, None)]
    assert errors == ["z.json:2: CSL item has no title; skipped"]


# ---- arXiv Atom -----------------------------------------------------------------------

def _feed(entries: str, prolog: str = "") -> str:
    return f'<?xml version="1.0"?>\n{prolog}<feed xmlns="http://www.w3.org/2005/Atom">\n{entries}</feed>\n'


def _entry(n: int, body: str = "") -> str:
    return f"<entry>\n<id>http://arxiv.org/abs/2401.0000{n}v1</id>\n<title>Entry {n}</title>\n{body}</entry>\n"


def test_atom_damaged_entry_is_a_file_line_error():
    feed = _feed(_entry(1) + "<entry>\n<title>Bad <b>tag</title>\n</entry>\n" + _entry(2) + "<entry><id>x</id></entry>\n")
    records, errors = _load(feed, "q.atom")
    assert [(r.title, r.arxiv_id) for r in records] == [("Entry 1", "2401.00001"), ("Entry 2", "2401.00002")]
    assert errors[0].startswith("q.atom:8: invalid XML in entry at line 7: mismatched tag")
    assert errors[1] == "q.atom:14: entry has no title; skipped"


def test_atom_entry_whose_start_tag_is_damaged_is_reported():
    feed = _feed(_entry(1) + _entry(2).replace("<entry>", "<entr y>") + _entry(3))
    records, errors = _load(feed, "q.atom")
    assert [r.title for r in records] == ["Entry 1", "Entry 3"]
    assert errors == ["q.atom:10: an </entry> without its <entry> (the entry's start is damaged); skipped"]


BILLION_LAUGHS = """<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
"""


def test_atom_entity_bomb_and_external_entity_are_never_expanded(tmp_path):
    path = tmp_path / "bomb.atom"
    path.write_text(_feed(_entry(1, "<summary>&lol9;</summary>\n") + _entry(2, "<summary>&xxe;</summary>\n")
                          + _entry(3), BILLION_LAUGHS), encoding="utf-8")
    started = time.perf_counter()
    result = load_paths([path])
    assert time.perf_counter() - started < 5  # expanding lol9 would take a billion "lol"s and never return
    assert result.formats == {str(path): "kg.arxiv_atom.v1"}
    assert [r.title for r in result.records] == ["Entry 3"]
    messages = [str(e) for e in result.errors]
    assert messages[0] == f"{path}:2: DOCTYPE declaration ignored: entities are never expanded (entries that use " \
                          "them are skipped)"
    assert [m.split(": ", 1)[0] for m in messages[1:]] == [f"{path}:19", f"{path}:24"]  # the <summary> lines
    assert all("undefined entity" in m for m in messages[1:])


def test_atom_external_dtd_and_parameter_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    (tmp_path / "evil.dtd").write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    prolog = (f'<!DOCTYPE feed SYSTEM "{(tmp_path / "evil.dtd").as_uri()}" [\n'
              f' <!ENTITY % remote SYSTEM "{(tmp_path / "evil.dtd").as_uri()}">\n %remote;\n'
              f' <!ENTITY big "{"x" * 1_000}">\n]>\n')
    path = tmp_path / "dtd.atom"
    path.write_text(_feed(_entry(1, "<summary>&leak;</summary>\n") + _entry(2, "<summary>" + "&big;" * 50_000
                                                                             + "</summary>\n") + _entry(3), prolog),
                    encoding="utf-8")
    started = time.perf_counter()
    result = load_paths([path])
    assert time.perf_counter() - started < 5  # &big; 50,000 times is 50 MB of "x" (a quadratic blow-up)
    assert [r.title for r in result.records] == ["Entry 3"]
    assert "DOCTYPE declaration ignored" in result.errors[0].message
    assert [e.line for e in result.errors[1:]] == [11, 16] and all("undefined entity" in e.message
                                                                  for e in result.errors[1:])
    assert not any("TOPSECRET" in str(r) or "xxxx" in str(r) for r in result.records)


def test_bibtex_file_and_shell_macros_are_data(tmp_path, monkeypatch):
    (tmp_path / "secret.tex").write_text("TOPSECRET", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    bib = ("@preamble{\"\\input{secret}\\immediate\\write18{touch pwned}\"}\n"
           "@string{inc = \"\\include{secret}\"}\n"
           "@misc{m, title = {A \\InputIfFileExists{secret.tex}{}{} Title},\n"
           "  abstract = {\\lstinputlisting{secret.tex} \\verbatiminput{secret.tex} \\openin5=secret.tex "
           "\\read5 to\\x \\x \\write18{touch pwned}},\n  note = inc}\n")
    (record,), errors = _load(bib, "m.bib")
    assert errors == []
    assert record.title.startswith("A ") and record.title.endswith(" Title")
    assert "TOPSECRET" not in str(record) and not (tmp_path / "pwned").exists()


def test_huge_field_over_many_lines_rejects_only_its_record_and_the_build_goes_on(tmp_path):
    # each line is under the line limit; the field is not: the extraction would refuse it and stop the build
    huge = "\n".join(["word " * 60_000] * 5)
    path = tmp_path / "big.atom"
    path.write_text(_feed(_entry(1, f"<summary>{huge}</summary>\n") + _entry(2, "<summary>Tiny.</summary>\n")),
                    encoding="utf-8")
    result = build([path])
    assert [p.title for p in result.papers] == ["Entry 2"]
    assert result.summary()["rejected"] == [f"{path}:3: field 'abstract' is 1,499,999 characters long, over the "
                                            "1,000,000 limit; skipped"]


def test_long_field_under_the_limit_is_kept_whole_as_data():
    abstract = "Lorem &lol9; \\input{x} <!ENTITY a 'b'> " * 8_000  # 320,000 characters on one line
    items = [{"type": "article", "title": "Long", "abstract": abstract}, {"type": "article", "title": "Short"}]
    records, errors = _load(json.dumps(items, indent=1), "z.json")
    assert errors == [] and [r.title for r in records] == ["Long", "Short"]
    assert records[0].abstract == abstract.strip()


# ---- arXiv snapshot (streamed) ----------------------------------------------------------

def _snapshot_line(n: int, **extra: object) -> str:
    row = {"id": f"2401.{n:05d}", "title": f"Snapshot {n}", "abstract": " text ", "authors": "A. B",
           "authors_parsed": [["Bal\\'azs", "E.", ""], ["Doe", "J.", "Jr"]], "categories": "cs.CL cs.IR",
           "versions": [{"version": "v1", "created": "Tue, 2 Jan 2024 10:00:00 GMT"}], **extra}
    return json.dumps(row)


def test_snapshot_bad_lines_are_reported_and_the_rest_read(tmp_path):
    lines = [_snapshot_line(1), "{not json", _snapshot_line(2, id="not an id"), _snapshot_line(3, title=None),
             _snapshot_line(4, versions="weird", update_date="2020-02-02"), "", _snapshot_line(5)]
    path = tmp_path / "snap.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_paths([path])
    assert result.formats == {str(path): "kg.arxiv_snapshot.v1"}
    assert [(r.arxiv_id, r.year, r.line) for r in result.records] == [("2401.00001", 2024, 1), ("2401.00004", 2020, 5),
                                                                       ("2401.00005", 2024, 7)]
    first = result.records[0]
    assert first.authors == ["E. Balázs", "J. Doe Jr"] and first.categories == ["cs.CL", "cs.IR"]
    assert first.date == "2024-01-02" and first.abstract == "text"
    assert [(e.line, e.message.split(":")[0]) for e in result.errors] == [
        (2, "invalid JSON"), (3, "'id' is not an arXiv id"), (4, "record has no title; skipped")]


def test_snapshot_stream_equals_the_parse_of_the_read_file_and_skips_huge_lines(tmp_path):
    path = tmp_path / "snap.jsonl"
    with open(path, "wb") as f:
        f.write((_snapshot_line(1) + "\n").encode())
        f.write(b'{"id": "2401.00002", "title": "' + b"x" * 2_000_000 + b'"}\n')  # over the line limit
        f.write(b'{"id": "2401.00003", "title": "Bad \xff byte"}\n')
        f.write((_snapshot_line(4) + "\n").encode())
    streamed = list(read_arxiv_snapshot(path))
    from kg.loaders._text import read_text_file

    assert streamed == list(parse_arxiv_snapshot(read_text_file(path)))
    assert [getattr(x, "arxiv_id", None) for x in streamed] == ["2401.00001", None, None, "2401.00004"]
    assert "2,000,033 characters long" in streamed[1].message and "UTF-8" in streamed[2].message
    assert "kg.arxiv_snapshot.v1" in STREAMING
    with open(path, "ab") as f:  # a line too long to read whole is skipped a chunk at a time
        f.write(b"y" * 9_000_000 + b"\n" + (_snapshot_line(6) + "\n").encode())
    tail = list(read_arxiv_snapshot(path))[4:]
    assert [(x.line, type(x).__name__) for x in tail] == [(5, "LoadError"), (6, "PaperRecord")]
    assert tail[0].message == "line is 9,000,001 bytes long, over the 1,000,000-character limit"


def test_snapshot_is_read_as_a_stream_not_as_a_whole_file(tmp_path, monkeypatch):
    path = tmp_path / "snap.jsonl"
    path.write_text(_snapshot_line(1) + "\n" + _snapshot_line(2) + "\n", encoding="utf-8")
    import kg.loaders as loaders

    def refuse(_path):
        raise AssertionError("the snapshot was read whole")

    monkeypatch.setattr(loaders, "read_text_file", refuse)
    assert [r.arxiv_id for r in load_paths([path]).records] == ["2401.00001", "2401.00002"]


def test_each_file_is_sniffed_once(monkeypatch):
    import kg.loaders as loaders

    sniffed: list[str] = []
    candidates = loaders._candidates

    def counting(text):
        sniffed.append(text.source)
        return candidates(text)

    monkeypatch.setattr(loaders, "_candidates", counting)
    result = load_paths([INPUTS])
    assert len(result.formats) == 6 and sorted(sniffed) == sorted(result.formats)


def test_streamed_titles_do_not_fill_a_cache(tmp_path):
    # a snapshot's millions of titles are seen once each: a cache of them grows with the file
    from kg.ids import fold
    from kg.loaders import read_paths

    path = tmp_path / "snap.jsonl"
    path.write_text("".join(_snapshot_line(n, title=f"Unique title number {n}") + "\n" for n in range(1, 301)),
                    encoding="utf-8")
    before = fold.cache_info().currsize
    assert sum(1 for loaded in read_paths([path]) for _ in loaded.items) == 300
    assert fold.cache_info().currsize == before


def test_read_paths_gives_a_streamed_file_one_record_at_a_time(tmp_path):
    from kg.loaders import read_paths

    path = tmp_path / "snap.jsonl"
    path.write_text("".join(_snapshot_line(n) + "\n" for n in range(1, 4)), encoding="utf-8")
    (loaded,) = read_paths([tmp_path])
    assert loaded.format == "kg.arxiv_snapshot.v1" and not isinstance(loaded.items, list)
    assert next(loaded.items).arxiv_id == "2401.00001"
    with open(path, "a", encoding="utf-8") as f:  # read lazily: a line written now is still read
        f.write(_snapshot_line(4) + "\n")
    assert [r.arxiv_id for r in loaded.items] == ["2401.00002", "2401.00003", "2401.00004"]


def test_a_big_json_lines_file_is_read_as_a_stream_with_the_whole_file_readers_items(tmp_path):
    from kg.loaders import read_paths
    from kg.loaders._text import read_text_file
    from kg.loaders.records import parse_jsonl
    from kg.model import PaperRecord

    path = tmp_path / "big.jsonl"  # over the 1,000 lines the head holds: not read whole
    lines = [json.dumps({"title": f"Paper {n}", "abstract": "We study it.", "arxiv_id": f"2401.{n:05d}"})
             for n in range(1, 1201)]
    lines[500:500] = ['{"title": broken', '{"abstract": "no title"}', "", '{"title": "ok", "year": "x"}']
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe\n" + "\r".join(lines[:3]).encode())
    (loaded,) = read_paths([path])
    assert loaded.format == "kg.jsonl.v1" and not isinstance(loaded.items, list)
    first = next(loaded.items)
    with open(path, "ab") as f:  # read lazily: a line written now is still read
        f.write(b"\n" + json.dumps({"title": "Written later"}).encode())
    streamed = [first, *loaded.items]
    assert streamed == list(parse_jsonl(read_text_file(path, loaded.source)))
    assert streamed[-1].title == "Written later" and len(streamed) == 1200 + 4 + 1 + 3 + 1 - 1
    assert [(e.line, e.message[:12]) for e in streamed if not isinstance(e, PaperRecord)] == [
        (501, "invalid JSON"), (502, "record has n"), (1205, "not valid UT")]


def test_a_big_file_the_json_lines_reader_finds_no_record_in_is_read_whole_by_the_next_reader(tmp_path):
    from kg.loaders import load_paths

    path = tmp_path / "table.txt"  # 1,001 lines, each one JSON object (so it sniffs as JSON Lines), none a paper,
    rows = [json.dumps({"n": n}) for n in range(1, 1001)]  # under a CSV header naming a title
    path.write_text('title,abstract\n' + "\n".join(rows) + "\n", encoding="utf-8")
    result = load_paths([path])
    whole = load_paths([path], fmt="kg.csv.v1")
    assert result.formats == whole.formats and result.records == whole.records and result.errors == whole.errors


# ---- Semantic Scholar -----------------------------------------------------------------

def test_semantic_scholar_jsonl_bad_lines_and_wrappers():
    lines = [json.dumps({"paperId": "a" * 40, "title": "One", "year": 2020, "externalIds": {"DOI": "10.1/X"}}),
             '{"paperId": broken',
             json.dumps({"citingPaper": {"paperId": "b" * 40, "title": "Two", "externalIds": {"CorpusId": 7}}}),
             json.dumps({"paperId": "c" * 40, "title": "", "year": 2020}),
             json.dumps({"paperId": "d" * 40, "title": "Four", "year": "soon", "publicationDate": "2019-05-06",
                         "references": [{"paperId": "e" * 40}, None, "junk", {"externalIds": {"ArXiv": "2001.00001v2"}}],
                         "citations": [{"citingPaper": {"externalIds": {"DOI": "10.2/Y"}}}]})]
    records, errors = _load("\n".join(lines), "s2.jsonl")
    assert [(r.title, r.year, r.line) for r in records] == [("One", 2020, 1), ("Two", None, 3), ("Four", 2019, 5)]
    assert records[0].doi == "10.1/x" and records[1].s2_id == "7" and records[1].s2_paper_id == "b" * 40
    assert records[2].references == [f"s2paper:{'e' * 40}", "arxiv:2001.00001"]
    assert records[2].cited_by == ["doi:10.2/y"]
    assert errors[0].startswith("s2.jsonl:2: invalid JSON") and errors[1] == "s2.jsonl:4: paper has no title; skipped"


def test_streamed_lines_end_at_a_lone_cr_like_the_whole_file_reader(tmp_path):
    from kg.loaders._stream import iter_lines
    from kg.loaders._text import read_text_file

    path = tmp_path / "cr.jsonl"
    path.write_bytes(b'{"a": 1}\r{"b": 2}\r\n{"c": 3}\n\r\n')
    assert [text for _, text, _ in iter_lines(path)] == read_text_file(path).lines
    assert [n for n, _, _ in iter_lines(path)] == [1, 2, 3, 4]


def test_every_reader_rejects_a_title_without_letters(tmp_path):
    # the new readers build records themselves; load_paths holds them to the same identity check
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps([
        {"id": "a", "type": "article", "title": "???", "author": [{"family": "Doe", "given": "J"}]},
        {"id": "b", "type": "article", "title": "A Real Title", "author": [{"family": "Roe", "given": "K"}]},
    ], indent=1), encoding="utf-8")
    result = load_paths([path])
    assert result.formats and set(result.formats.values()) == {"kg.csl_json.v1"}
    assert [r.title for r in result.records] == ["A Real Title"]
    assert len(result.errors) == 1 and "has no letters or digits" in result.errors[0].message


def test_a_folder_input_skips_hidden_folders_and_folders_kg_wrote(tmp_path):
    """`kg build papers --out papers/out`, run twice, reads the listings only: never its own output (whose
    papers.jsonl and node CSVs would come back as papers) nor a hidden folder such as .git."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "listing.md").write_bytes((ROOT / "examples" / "listing.md").read_bytes())
    (papers / ".git").mkdir()
    (papers / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (papers / "manifest.json").write_text('[{"title": "Not a Manifest: A Paper Named Like One"}]\n', encoding="utf-8")
    first = build([papers], papers / "out", ["graph-json", "jsonl", "neo4j-csv"])
    second = build([papers], papers / "out", ["graph-json", "jsonl", "neo4j-csv"])
    for result in (first, second):
        assert sorted(result.files) == [display_path(papers / "listing.md"), display_path(papers / "manifest.json")]
        assert len(result.papers) == 4 and not result.errors
    # --out the input folder itself: the files a build wrote there are its own, the listings stay inputs
    same = tmp_path / "same"
    same.mkdir()
    (same / "listing.md").write_bytes((ROOT / "examples" / "listing.md").read_bytes())
    for _ in range(2):
        result = build([same], same, ["graph-json", "jsonl", "neo4j-csv"])
        assert sorted(result.files) == [display_path(same / "listing.md")] and len(result.papers) == 3
    assert (same / "papers.jsonl").exists() and (same / "neo4j" / "csv" / "nodes_Paper.csv").exists()


@pytest.mark.parametrize("content", [
    '{"id": "2601.00001", "title": "Tidewater"}\n{"id": "2601.00002", "title": "Kelpie: cut off\n',
    '[{"title": "Tidewater"},\n {"title": "Kelpie: cut off\n]\n',
])
def test_a_json_decoding_reason_reads_as_english(content):
    """json's own message ("Unterminated string starting at", "Invalid control character at") is not
    followed by a second "at"."""
    _, errors = _load(content)
    assert errors and all(re.search(r"(string starting|character) at (column|line) \d", e) for e in errors), errors


def test_a_utf16_file_is_named_as_such(tmp_path):
    """Excel's "Unicode text" export is UTF-16: say so rather than "unrecognised format"."""
    listing = tmp_path / "export.csv"
    listing.write_bytes("title,authors,year\nTidewater: Sparse Retrieval,Ada Quill,2026\n".encode("utf-16"))
    result = load_paths([listing])
    assert not result.records and [e.message for e in result.errors] == [
        "UTF-16 text: re-save the file as UTF-8; nothing in this file was read"]


@pytest.mark.parametrize("head, reason", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF: kg reads listings of papers"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP file (an Excel .xlsx, a .docx or an archive)"),
])
def test_a_pdf_or_a_spreadsheet_is_named_as_such(tmp_path, head, reason):
    path = tmp_path / "input"
    path.write_bytes(head + bytes(range(256)))
    errors = [e.message for e in load_paths([path]).errors]
    assert len(errors) == 1 and errors[0].startswith(reason) and errors[0].endswith("nothing in this file was read"), errors


def test_a_file_named_twice_is_read_once():
    """Named directly and through its folder (or twice): one read, no doubled sources."""
    examples = ROOT / "examples"
    once, twice = build([examples]), build([examples, examples / "listing.md", examples])
    assert twice.files == once.files and len(twice.papers) == len(once.papers)
    assert all(len(p.sources) == len(set(p.sources)) for p in twice.papers)


def test_a_zotero_csv_export_keeps_its_authors_abstract_and_year():
    """Zotero's CSV: "Last, First; Last, First" authors, "Abstract Note", "Publication Year" headers."""
    records, errors = _load('"Key","Item Type","Publication Year","Author","Title","DOI","Abstract Note"\n'
                            '"K1","preprint","2026","Quill, Ada; Müller, Jörg","Tidewater: Sparse Retrieval",'
                            '"10.5555/tide","We propose Tidewater, a sparse retriever."\n'
                            '"K2","preprint","2025","Marsh, Ben","Kelpie: A Reasoning Dataset","",""\n', "zotero.csv")
    assert not errors
    assert records[0].authors == ["Ada Quill", "Jörg Müller"] and records[0].year == 2026
    assert records[0].abstract == "We propose Tidewater, a sparse retriever." and records[0].doi == "10.5555/tide"
    assert records[1].year == 2025
