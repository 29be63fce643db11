"""The admin-import CSV check: a clean build passes with the graph's counts; each kind of damage is
reported as file:line and the rest of the files is still read."""

from __future__ import annotations

import shutil

import pytest

from kg.export.neo4j_csv_check import check_neo4j_csv
from kg.graph import counts


@pytest.fixture
def csv_out(seed_out, tmp_path):
    shutil.copytree(seed_out / "neo4j", tmp_path / "neo4j")
    return tmp_path


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_a_clean_build_passes_with_the_graph_counts(seed_out, seed_build):
    report = check_neo4j_csv(seed_out)
    assert report.errors == []
    assert (dict(sorted(report.nodes.items())), dict(sorted(report.relationships.items()))) == counts(seed_build.graph)


def test_a_duplicate_id_and_a_dangling_endpoint_are_reported_by_line(csv_out):
    csv_dir = csv_out / "neo4j" / "csv"
    methods = csv_dir / "nodes_Method.csv"
    lines = _lines(methods)
    methods.write_text("".join(lines + [lines[1]]), encoding="utf-8")  # the first method again
    uses = csv_dir / "rels_USES.csv"
    lines = _lines(uses)
    start = lines[1].split(",", 1)[0]
    uses.write_text("".join(lines + [f"{start},method:nowhere,USES,,,,\n"]), encoding="utf-8")
    report = check_neo4j_csv(csv_out)
    first_id = _lines(methods)[1].split(",", 1)[0]
    assert f"nodes_Method.csv:{len(_lines(methods))}: node id {first_id!r} already used" in report.errors
    assert f"rels_USES.csv:{len(lines) + 1}: end id 'method:nowhere' is no node's" in report.errors
    assert len(report.errors) == 2, report.errors  # every other file still read, and clean


def test_a_short_row_a_wrong_type_and_an_unlisted_file_are_reported(csv_out):
    csv_dir = csv_out / "neo4j" / "csv"
    uses = csv_dir / "rels_USES.csv"
    lines = _lines(uses)
    header = lines[0].rstrip("\n").split(",")
    paper = next(line.split(",", 1)[0] for line in _lines(csv_dir / "nodes_Paper.csv")[1:])
    method = _lines(csv_dir / "nodes_Method.csv")[1].split(",", 1)[0]
    wrong = [method, paper, "USES"] + [""] * (len(header) - 3)  # a Method USES a Paper
    uses.write_text("".join(lines + ["a,b\n", ",".join(wrong) + "\n"]), encoding="utf-8")
    (csv_dir / "nodes_Extra.csv").write_text("id:ID,:LABEL\nx:1,Extra\n", encoding="utf-8")
    report = check_neo4j_csv(csv_out)
    assert report.errors == [
        "nodes_Extra.csv:2: 'Extra' is not a schema label",
        f"rels_USES.csv:{len(lines) + 1}: 2 cells, the header has {len(header)}",
        f"rels_USES.csv:{len(lines) + 2}: USES from a Method to a Paper",
        "csv/import.sh: does not import nodes_Extra.csv",
    ]


def test_a_multiline_field_counts_its_lines(csv_out):
    csv_dir = csv_out / "neo4j" / "csv"
    methods = csv_dir / "nodes_Method.csv"
    lines = _lines(methods)
    width = len(lines[0].split(","))
    dup = lines[1].split(",", 1)[0]
    extra = ["method:twolines", "Method", '"first\nsecond"'] + [""] * (width - 3)
    again = [dup, "Method"] + [""] * (width - 2)
    methods.write_text("".join(lines + [",".join(extra) + "\n", ",".join(again) + "\n"]), encoding="utf-8")
    report = check_neo4j_csv(csv_out)
    assert report.errors == [f"nodes_Method.csv:{len(lines) + 3}: node id {dup!r} already used"]
