from __future__ import annotations

import csv
import filecmp
import json
import os
import re

import pytest

from kg import schema
from kg.build import build
from kg.export import DEFAULT_FORMATS, exporter_names, get_exporter, write
from kg.export.neo4j_csv import ARRAY_DELIMITER
from tests.conftest import ROOT, SEEDS


def test_papers_jsonl_validates_against_the_schema(seed_out):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "paper.schema.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (seed_out / "papers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 301
    for row in rows:
        jsonschema.validate(row, schema)
    molmo = next(r for r in rows if r["title"].startswith("Molmo and PixMo"))
    assert molmo["authors"] == ["Matt Deitke"] and molmo["title_zh"]
    assert {"Molmo"} <= {e["name"] for e in molmo["proposes"]}


def test_html_is_offline_and_complete(seed_out, seed_build):
    html = (seed_out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", html, re.I)
    assert not re.search(r"url\(\s*(?!['\"]?data:)", html)  # style sheets load nothing
    data = re.search(r'<script id="payload" type="application/json">(.*?)</script>', html, re.S).group(1)
    page = html.replace(data, "")  # abstracts may say "bootstrap"; the page itself must not load it
    assert "@import" not in page and "bootstrap" not in page.lower()
    payload = json.loads(data)
    assert len(payload["nodes"]) == seed_build.graph.number_of_nodes()
    assert len(payload["edges"]) == seed_build.graph.number_of_edges()
    assert {item["label"] for item in payload["legend"]} == {"Paper", "Author", "Method", "Dataset", "Benchmark"}


def test_overview_page_names_the_method_a_drawn_lineage_runs_through(tmp_path, monkeypatch):
    """A build's graph.html on a big graph is a bounded overview; it may draw two papers and their BUILDS_ON
    link but leave out the method the link runs through (a 100k build failed here with KeyError on the method's
    id). The side lists still name the method as the whole graph does."""
    from functools import partial

    import kg.viz.payload as payload_module

    monkeypatch.setattr(payload_module, "OVERVIEW_THRESHOLD", 100)  # the seeds' graph gets an overview
    monkeypatch.setattr(payload_module, "overview", partial(payload_module.overview, limit=120))
    result = build([SEEDS], tmp_path / "out", ["html"])
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    payload = json.loads(re.search(r'<script id="payload" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert payload["overview"]
    G, nodes = result.graph, {n["id"]: n for n in payload["nodes"]}
    drawn = [(u, v, d["via"]) for u, v, d in G.edges(data=True)
             if d["type"] == "BUILDS_ON" and u in nodes and v in nodes]
    assert any(via not in nodes for _, _, via in drawn)  # the case this test is about
    for user, proposer, via in drawn:
        note = f"via {G.nodes[via]['name']}"
        assert [proposer, note] in nodes[user]["side"]["prior"]
        assert [user, note] in nodes[proposer]["side"]["derivative"]


def test_hostile_title_stays_inert_in_html(tmp_path):
    hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    (tmp_path / "in.jsonl").write_text(json.dumps({"title": hostile, "abstract": "We propose Foo."}) + "\n",
                                       encoding="utf-8")
    build([tmp_path / "in.jsonl"], tmp_path / "out", ["html"])
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "alert(2)</script>" not in html
    # the title appears in the label, the tooltip and the card: every time escaped
    assert html.count("alert(2)") == html.count("\\u003cscript\\u003ealert(2)") >= 1
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html


def test_neo4j_csv_headers_and_import_command(seed_out, seed_build):
    folder = seed_out / "neo4j" / "csv"
    with (folder / "nodes_Paper.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "title" in header and "sources:string[]" in header
    kinds = {p.name: p.kind for p in schema.label("Paper").props}
    for column in header[2:]:  # every typed column carries its type
        name, _, typ = column.partition(":")
        assert typ == {"int": "int", "list": "string[]"}.get(kinds[name], ""), column
    assert len(rows) - 1 == 301
    sources = rows[0].index("sources:string[]")
    assert all(cell for cell in (r[sources] for r in rows[1:]))
    assert any(ARRAY_DELIMITER in r[sources] for r in rows[1:])  # merged papers list several sources
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and "--array-delimiter=U+001F" in script
    assert os.access(folder / "import.sh", os.X_OK)  # ./import.sh runs (it starts with #!/bin/sh)
    for name in sorted(p.name for p in folder.glob("*.csv")):
        assert name in script


BINARY = {".lbug"}  # database files: not byte-stable, compared by content below


def test_two_builds_give_identical_files(tmp_path):
    first = build([SEEDS], tmp_path / "a")
    build([SEEDS], tmp_path / "b")
    for path in first.written:
        rel = path.relative_to(tmp_path / "a")
        if path.suffix not in BINARY:
            assert filecmp.cmp(path, tmp_path / "b" / rel, shallow=False), rel
    if any(p.suffix == ".lbug" for p in first.written):
        from kg.query import query

        q = "MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id, r.rule, r.sentence ORDER BY a.id, label(r), b.id, r.rule"
        assert query(tmp_path / "a", cypher=q).rows == query(tmp_path / "b", cypher=q).rows


@pytest.mark.parametrize("name", exporter_names())
def test_every_registered_exporter_runs_and_ends_with_newline(name, seed_build, tmp_path):
    paths = get_exporter(name)(seed_build.graph, tmp_path)
    assert paths
    for path in paths:
        if path.suffix not in BINARY:
            assert path.read_bytes().endswith(b"\n"), path


def test_failed_write_leaves_the_old_file(tmp_path, seed_build, monkeypatch):
    write(seed_build.graph, tmp_path, ["jsonl"])
    before = (tmp_path / "papers.jsonl").read_bytes()
    import kg.export.jsonl as jsonl

    def broken(G):
        yield "{}\n"
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jsonl, "generate_papers_jsonl", broken)
    with pytest.raises(RuntimeError):
        write(seed_build.graph, tmp_path, ["jsonl"])
    assert (tmp_path / "papers.jsonl").read_bytes() == before
    assert not list(tmp_path.glob(".papers.jsonl.*"))
    assert not list(tmp_path.parent.glob(f".{tmp_path.name}.kg-staging-*"))


def test_default_formats_are_registered():
    assert set(DEFAULT_FORMATS) <= set(exporter_names())


def test_build_summary_names_rejected_records(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"title": "Fine"}\n{broken\n', encoding="utf-8")
    result = build([tmp_path])
    assert result.summary()["papers"] == 1
    assert result.summary()["rejected"] == [f"{tmp_path / 'in.jsonl'}:2: invalid JSON: Expecting property name enclosed in double quotes at column 2"]


def test_jsonld_is_the_same_text_whatever_the_hash_seed(tmp_path):
    """rdflib's JSON-LD lists nodes in set order, which follows the process's string hash seed."""
    import os
    import subprocess
    import sys

    texts = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ROOT / "examples"), "--out", str(out), "-f", "jsonld"],
                       env=env, check=True, capture_output=True)
        texts.append((out / "graph.jsonld").read_bytes())
    assert texts[0] == texts[1]
