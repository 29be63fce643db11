"""Every documented query runs on both embedded engines, they agree, and the page
shows today's output; every CLI command is documented and has help."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export import exporter_names
from kg.query import query
from kg.querydocs import parse_queries, render_output, rows_equal
from tests.conftest import ROOT

pytest.importorskip("pyoxigraph")
pytest.importorskip("ladybug")

DOC = ROOT / "docs" / "queries.md"
QUERIES = parse_queries(DOC.read_text(encoding="utf-8"))


def test_at_least_ten_documented_questions():
    assert len(QUERIES) >= 10
    assert [q.number for q in QUERIES] == list(range(1, len(QUERIES) + 1))


@pytest.mark.parametrize("doc", QUERIES, ids=[f"q{q.number}" for q in QUERIES])
def test_documented_query(doc, seed_out):
    cypher = query(seed_out, cypher=doc.cypher, params=doc.params)
    sparql = query(seed_out, sparql=doc.sparql, params=doc.params)
    assert cypher.rows, "a documented question should have an answer on the seed graph"
    assert rows_equal(cypher, sparql), (cypher.rows[:5], sparql.rows[:5])
    assert render_output(cypher) == doc.output, "docs/queries.md is stale: python -m kg.querydocs docs/queries.md out"


def test_every_command_is_documented_and_has_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("build", "eval", "query", "push neo4j", "explore", "viz", "path", "train-ner"):
        assert f"kg {command}" in readme
        result = CliRunner().invoke(app, [*command.split(), "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
    for name in exporter_names():
        assert f"`{name}`" in readme
