"""The Cypher script really loads into a running Bolt server (ArcadeDB, started by
the ``bolt_server`` fixture) and reading back gives the graph's counts."""

from __future__ import annotations

import copy

import pytest

from kg.export.cypher import cypher_literal, generate_cypher
from kg.graph import counts
from tests.conftest import read_counts

neo4j = pytest.importorskip("neo4j")

HOSTILE = "It's a \"trap\"} // MATCH (n) DETACH DELETE n; \\ \n next line\ttab \u2028 end"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("plain", "'plain'"),
        ("it's", "'it\\'s'"),
        ("back\\slash", "'back\\\\slash'"),
        ("two\nlines", "'two\\nlines'"),
        ("bell\x07", "'bell\\u0007'"),
        (["a", "b'c"], "['a', 'b\\'c']"),
        (3, "3"),
    ],
)
def test_cypher_literal(value, expected):
    assert cypher_literal(value) == expected


def test_script_is_one_statement_per_line(seed_build):
    lines = list(generate_cypher(seed_build.graph))
    assert all(line.endswith(";\n") for line in lines[1:])
    assert all(line.count("\n") == 1 for line in lines)
    assert lines[1].startswith("CREATE CONSTRAINT")


def _run_script(session, lines):
    for line in lines:
        if line.startswith("//"):
            continue
        session.run(line.rstrip().rstrip(";")).consume()


@pytest.mark.slow
def test_script_loads_into_bolt_server_and_counts_match(seed_build, bolt_db):
    uri, user, password, database = bolt_db
    G = copy.deepcopy(seed_build.graph)
    G.add_node("method:hostile", label="Method", id="method:hostile", name=HOSTILE, aliases=["a'b", "c\\d"])
    lines = list(generate_cypher(G))
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        with driver.session(database=database) as session:
            _run_script(session, lines)
            assert read_counts(session) == counts(G)
            _run_script(session, lines)  # idempotent: a second run adds nothing
            assert read_counts(session) == counts(G)
            name = session.run("MATCH (m:Method {id: $id}) RETURN m.name AS name, m.aliases AS aliases",
                               id="method:hostile").single()
            assert name["name"] == HOSTILE and list(name["aliases"]) == ["a'b", "c\\d"]
            mamba = session.run(
                "MATCH (p:Paper)-[r:PROPOSES]->(m:Method {name: $name}) RETURN p.title AS title, r.rule AS rule",
                name="Mamba").data()
            expected = [G.nodes[u]["title"] for u, v, d in G.edges(data=True)
                        if d["type"] == "PROPOSES" and G.nodes[v].get("name") == "Mamba"]
            assert sorted(r["title"] for r in mamba) == sorted(expected)
