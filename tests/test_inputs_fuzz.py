"""Property: whatever damage one entry takes, no exception escapes a new loader,
every other entry is still read, and the damaged one is read or reported."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.loaders import parse_text
from kg.loaders._text import text_from_string
from kg.model import PaperRecord


def _bibtex(titles: list[str]) -> list[str]:
    return [f"@article{{key{i},\n  title = {{{t}}},\n  author = {{Doe, Jane and Roe, Rick}},\n  year = {{2021}},\n}}\n"
            for i, t in enumerate(titles)]


def _pretty(items: list[dict[str, object]]) -> list[str]:
    return ["  " + json.dumps(item, indent=2).replace("\n", "\n  ") for item in items]


def _csl(titles: list[str]) -> list[str]:
    return _pretty([{"id": f"k{i}", "type": "article-journal", "title": t, "author": [{"family": "Doe", "given": "J"}],
                     "issued": {"date-parts": [[2021, 3, 4]]}} for i, t in enumerate(titles)])


def _atom(titles: list[str]) -> list[str]:
    return [f"<entry>\n<id>http://arxiv.org/abs/2401.{i:05d}v1</id>\n<title>{t}</title>\n"
            f"<published>2024-01-0{1 + i % 9}T00:00:00Z</published>\n<author><name>Jane Doe</name></author>\n</entry>\n"
            for i, t in enumerate(titles)]


def _snapshot(titles: list[str]) -> list[str]:
    return [json.dumps({"id": f"2401.{i:05d}", "title": t, "abstract": "a", "authors_parsed": [["Doe", "J", ""]],
                        "versions": [{"version": "v1", "created": "Tue, 2 Jan 2024 10:00:00 GMT"}]}) + "\n"
            for i, t in enumerate(titles)]


def _s2_jsonl(titles: list[str]) -> list[str]:
    return [json.dumps({"paperId": f"{i:040x}", "title": t, "year": 2020, "externalIds": {"CorpusId": i},
                        "references": [{"paperId": f"{i + 1:040x}"}]}) + "\n" for i, t in enumerate(titles)]


def _s2_json(titles: list[str]) -> list[str]:
    return _pretty([{"paperId": f"{i:040x}", "title": t, "externalIds": {"CorpusId": i}, "year": 2020}
                    for i, t in enumerate(titles)])


FORMATS = {
    # name: (loader, entries, text before, separator, text after)
    "bibtex": ("kg.bibtex.v1", _bibtex, "% library\n", "\n", ""),
    "csl_json": ("kg.csl_json.v1", _csl, "[\n", ",\n", "\n]\n"),
    "arxiv_atom": ("kg.arxiv_atom.v1", _atom, '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
                   "", "</feed>\n"),
    "arxiv_snapshot": ("kg.arxiv_snapshot.v1", _snapshot, "", "", ""),
    "s2_jsonl": ("kg.semantic_scholar.v1", _s2_jsonl, "", "", ""),
    "s2_json": ("kg.semantic_scholar.v1", _s2_json, '{\n  "total": 9,\n  "data": [\n', ",\n", "\n  ]\n}\n"),
}

WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
STRUCTURE = st.lists(st.sampled_from(list('{}[]",:@<>/&;\\\n\r\t %$#=!?-') + ["entry", "title", "\x00", "é", "\ufeff"]),
                     max_size=12).map("".join)
GARBAGE = st.one_of(STRUCTURE, st.text(max_size=12))


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_entry_costs_only_itself(fmt, data):
    loader, render, before, sep, after = FORMATS[fmt]
    n = data.draw(st.integers(2, 6), label="entries")
    titles = [f"Paper {i} {w}" for i, w in enumerate(data.draw(st.lists(WORD, min_size=n, max_size=n), label="words"))]
    entries = render(titles)
    k = data.draw(st.integers(0, n - 1), label="damaged")
    body = len(entries[k].rstrip("\n"))  # the damage stays inside the entry: its line end is its neighbour's start
    at = data.draw(st.integers(0, body), label="at")
    cut = data.draw(st.integers(0, min(6, body - at)), label="cut")
    entries[k] = entries[k][:at] + data.draw(GARBAGE, label="garbage") + entries[k][at + cut:]
    text = text_from_string(before + sep.join(entries) + after, "fuzz")
    _, items = parse_text(text, loader)
    out = list(items)  # no exception escapes
    found = {x.title for x in out if isinstance(x, PaperRecord)}
    errors = [x for x in out if not isinstance(x, PaperRecord)]
    for i, title in enumerate(titles):
        if i != k:
            assert title in found, (title, [str(e) for e in errors])
    others = found - set(titles)  # the damaged entry read with a damaged title
    assert titles[k] in found or others or errors, "the damaged entry vanished without a report"


def test_a_line_broken_inside_the_second_record_keeps_the_first():
    """Found by the fuzz above: JSON Lines whose second record is split after its '{' were read as a damaged
    document from the second line on, losing the whole first record."""
    loader, render, *_ = FORMATS["s2_jsonl"]
    entries = render(["Paper 0 Aaa", "Paper 1 Bbb", "Paper 2 Ccc"])
    entries[1] = entries[1][:1] + "\n" + entries[1][1:]
    _, items = parse_text(text_from_string("".join(entries), "fuzz"), loader)
    assert {x.title for x in items if isinstance(x, PaperRecord)} >= {"Paper 0 Aaa", "Paper 2 Ccc"}
