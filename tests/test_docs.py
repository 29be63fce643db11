"""Every documented query runs on both embedded engines, they agree, and the page
shows today's output; every CLI command is documented and has help."""

from __future__ import annotations

import re

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


def test_every_option_is_in_the_readme_cli_table():
    """The CLI table of README.md names every option each command takes (walked from the real commands)."""
    import typer.main

    rows = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("| `kg ")]

    def walk(command, name: str):  # type: ignore[no-untyped-def]
        if hasattr(command, "commands"):  # a group: kg itself, kg push
            for sub_name, sub in command.commands.items():
                yield from walk(sub, f"{name} {sub_name}".strip())
        else:
            yield name, command

    commands = list(walk(typer.main.get_command(app), ""))
    assert {name for name, _ in commands} >= {"build", "eval", "query", "push neo4j"}
    for name, command in commands:
        row = next((r for r in rows if r.startswith(f"| `kg {name} ")), None)
        assert row is not None, f"no README CLI row for kg {name}"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                option = max(param.opts, key=len)
                assert re.search(re.escape(option) + r"(?![\w-])", row), f"kg {name}: {option} is missing from its README row"
