"""``kg query`` with no server: both engines, parameters, formats, and hostile names."""

from __future__ import annotations

import copy
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export import write
from kg.query import query

pytest.importorskip("pyoxigraph")
pytest.importorskip("ladybug")

HOSTILE = "Evil's \"name\" } // DROP \\ back\\slash\nnew line ?x $y"


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory, seed_build):
    G = copy.deepcopy(seed_build.graph)
    G.add_node("method:evil", label="Method", id="method:evil", name=HOSTILE, aliases=["a'b", "}{"])
    paper = next(n for n, d in G.nodes(data=True) if d["label"] == "Paper")
    G.add_edge(paper, "method:evil", key="USES", type="USES", paper=paper, sentence=HOSTILE, rule="test")
    out = tmp_path_factory.mktemp("hostile")
    write(G, out, ["graph-json", "turtle", "ladybug"])
    return out, paper


def test_hostile_name_round_trips_through_sparql(hostile_out):
    out, paper = hostile_out
    result = query(out, sparql="SELECT ?m ?name WHERE { ?m rdfs:label ?name }", params={"name": HOSTILE})
    assert [row[1] for row in result.rows] == [HOSTILE]
    assert result.rows[0][0].endswith("/method/evil")


def test_hostile_name_round_trips_through_embedded_cypher(hostile_out):
    out, paper = hostile_out
    result = query(out, cypher="MATCH (p:Paper)-[r:USES]->(m:Method {name: $name}) RETURN p.id, m.name, r.sentence, m.aliases",
                   params={"name": HOSTILE})
    assert result.rows == [[paper, HOSTILE, HOSTILE, ["a'b", "}{"]]]


def test_both_engines_count_the_same_graph(seed_out, seed_build):
    from kg.graph import counts

    nodes, edges = counts(seed_build.graph)
    cy = dict(query(seed_out, cypher="MATCH ()-[r]->() RETURN label(r), count(*)").rows)
    assert cy == edges
    sp = query(seed_out, sparql="SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }").rows
    assert sp == [[nodes["Paper"]]]


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_cli_formats(seed_out, fmt):
    result = CliRunner().invoke(app, ["query", "--graph", str(seed_out), "--format", fmt, "--cypher",
                                      "MATCH (b:Benchmark {name: $name}) RETURN b.name AS name", "--param", "name=MATH"])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout) == [{"name": "MATH"}]
    else:
        assert "MATH" in result.stdout


def test_query_cli_reports_a_bad_query(seed_out):
    result = CliRunner().invoke(app, ["query", "--graph", str(seed_out), "--sparql", "SELECT WHERE {"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error:") and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an escaped exception


def test_a_sparql_syntax_error_names_sparql_and_its_place(seed_out):
    text = CliRunner().invoke(app, ["query", "--graph", str(seed_out), "--sparql", "SELECT ?p WHERE { ?p kg:uses ?m "])
    assert text.exit_code == 1 and text.output.startswith("error: SPARQL syntax error at 1:"), text.output
    as_json = CliRunner().invoke(app, ["query", "--graph", str(seed_out), "--format", "json",
                                       "--sparql", "SELECT ?p WHERE { ?p kg:uses ?m "])
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["error"] == "SyntaxError" and data["message"].startswith("SPARQL syntax error at 1:"), data
    unknown = CliRunner().invoke(app, ["query", "--graph", str(seed_out), "--sparql", "SELECT ?x WHERE { ?x foo:bar ?y }"])
    assert unknown.exit_code == 1 and unknown.output.count("\n") == 1, unknown.output
    assert "prefix that is not declared" in unknown.output and "kg:" in unknown.output, unknown.output


def test_a_cypher_parameter_without_a_value_is_an_error_not_null(seed_out):
    """ladybug reads an unbound $name as null and answers nothing; kg names the missing parameter."""
    with pytest.raises(ValueError, match=r"\$title .*--param title="):
        query(seed_out, cypher="MATCH (p:Paper) WHERE p.title = $title RETURN p.id")
    with pytest.raises(ValueError, match=r"\$title"):
        query(seed_out, cypher="MATCH (p:Paper) WHERE p.title = $title AND p.year = $year RETURN p.id",
              params={"year": 2024})
    # a dollar sign inside a string, a quoted name or a comment is not a parameter
    quoted = query(seed_out, cypher="RETURN '$a' AS `$b`, \"it's $c\" AS d // $e\n")
    assert quoted.rows == [["$a", "it's $c"]]


def test_query_csv_writes_a_list_as_json(seed_out):
    """A list cell (aliases) in CSV is JSON, which pandas or any language reads back, not Python's repr."""
    import csv
    import io

    result = CliRunner().invoke(app, ["query", "--graph", str(seed_out), "--format", "csv", "--cypher",
                                      "MATCH (m:Method) WHERE size(m.aliases) > 1 RETURN m.name AS name, m.aliases AS aliases "
                                      "ORDER BY name LIMIT 3"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and all(len(json.loads(r["aliases"])) > 1 for r in rows), rows


def test_query_table_prints_brackets_as_written(tmp_path):
    """Rich markup would eat "[citation needed]" in a cell or a column name of the table."""
    from kg.build import build

    listing = tmp_path / "listing.csv"
    listing.write_text("title,authors,year\n[citation needed] Tidewater: Sparse Retrieval,Ada Quill,2026\n",
                       encoding="utf-8")
    build([listing], tmp_path / "out", ["graph-json", "ladybug"])
    result = CliRunner().invoke(app, ["query", "--graph", str(tmp_path / "out"), "--cypher",
                                      "MATCH (p:Paper) RETURN p.title AS `[b] title`"])
    assert result.exit_code == 0, result.output
    assert "[citation needed] Tidewater" in result.stdout and "[b] title" in result.stdout, result.stdout
