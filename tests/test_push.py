"""``kg push neo4j`` against a real Bolt server (ArcadeDB from the ``bolt_server`` fixture),
and against a real Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import copy
import os

import pytest

from kg.export.neo4j import push_neo4j
from kg.graph import counts
from tests.conftest import read_counts

neo4j = pytest.importorskip("neo4j")

HOSTILE = "Mamba's \"twin\"} \\ // MATCH (n) DETACH DELETE n;\nsecond line"


def _graph_with_hostile_node(G):
    G = copy.deepcopy(G)
    G.add_node("method:hostile", label="Method", id="method:hostile", name=HOSTILE, aliases=["x'y", "a\\b"])
    paper = next(n for n, d in G.nodes(data=True) if d["label"] == "Paper")
    G.add_edge(paper, "method:hostile", key="USES", type="USES", paper=paper, sentence=HOSTILE, rule="test")
    return G


def _check(G, uri, user, password, database):
    first = push_neo4j(G, uri, user, password, database, batch_size=97)
    second = push_neo4j(G, uri, user, password, database)  # idempotent
    assert first.rows == second.rows == G.number_of_nodes() + G.number_of_edges()
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session(database=database) as s:
        assert read_counts(s) == counts(G)
        back = s.run("MATCH (p:Paper)-[r:USES]->(m:Method {id: $id}) RETURN m.name AS name, r.sentence AS sentence, "
                     "m.aliases AS aliases", id="method:hostile").single()
        assert back["name"] == HOSTILE and back["sentence"] == HOSTILE and list(back["aliases"]) == ["x'y", "a\\b"]
        # a path: papers that build on another paper through a method, read back like the networkx graph
        builds = {(r["a"], r["b"]) for r in s.run("MATCH (a:Paper)-[:BUILDS_ON]->(b:Paper) RETURN a.id AS a, b.id AS b")}
        assert builds == {(u, v) for u, v, d in G.edges(data=True) if d["type"] == "BUILDS_ON"}
        # each link goes through something A uses and B owns (kg/lineage.py; B may own it by its title only)
        via = s.run("MATCH (a:Paper)-[r:BUILDS_ON]->(b:Paper) MATCH (a)-->(m) WHERE m.id = r.via "
                    "RETURN count(DISTINCT [a.id, b.id]) AS n").single()["n"]
        assert via == len(builds)


@pytest.mark.slow
def test_push_seed_graph_to_bolt_server(seed_build, bolt_db):
    uri, user, password, database = bolt_db
    _check(_graph_with_hostile_node(seed_build.graph), uri, user, password, database)


@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="set NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) for a real Neo4j")
def test_push_to_real_neo4j(seed_build):
    uri = os.environ["NEO4J_URI"]
    user, password = os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
    database = os.environ.get("NEO4J_DATABASE")
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session(database=database) as s:
        if s.run("MATCH (n) RETURN count(n) AS n").single()["n"]:
            pytest.skip("the Neo4j database is not empty; this test needs an empty one")
    _check(_graph_with_hostile_node(seed_build.graph), uri, user, password, database)


@pytest.mark.slow
def test_push_cli(seed_out, bolt_db):
    from typer.testing import CliRunner

    from kg.cli import app

    uri, user, password, database = bolt_db
    result = CliRunner().invoke(app, ["push", "neo4j", "--graph", str(seed_out), "--uri", uri, "--user", user,
                                      "--password", password, "--database", database])
    assert result.exit_code == 0, result.output
    assert "pushed" in result.output and "rows/s" in result.output


def _dump(uri, user, password, database):
    """Every node and relationship with its properties, sorted: the whole graph as the server holds it."""
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session(database=database) as s:
        nodes = sorted(repr(sorted(dict(r["p"]).items())) for r in s.run("MATCH (n) RETURN properties(n) AS p"))
        rels = sorted(repr((r["a"], r["t"], r["b"], sorted(dict(r["p"]).items()))) for r in s.run(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"))
    return nodes, rels


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_push_killed_halfway_then_rerun_ends_with_the_same_graph(seed_out, bolt_server, tmp_path, workers):
    import json
    import signal
    import subprocess
    import sys
    import time

    server, uri, user, password = bolt_server
    killed, clean = f"tkilledpush{workers}", f"tcleanpush{workers}"
    server.create_database(killed)
    server.create_database(clean)
    mark = tmp_path / "push.json"
    script = ("import sys; from kg.export.graph_json import read_graph; from kg.export.neo4j import push_neo4j; "
              "push_neo4j(read_graph(sys.argv[1]), *sys.argv[2:6], batch_size=50, checkpoint=sys.argv[6], "
              "workers=int(sys.argv[7]))")
    child = subprocess.Popen([sys.executable, "-c", script, str(seed_out), uri, user, password, killed, str(mark),
                              str(workers)])

    def committed() -> int:
        try:
            return len(json.loads(mark.read_text()).get("done", []))
        except (OSError, ValueError):
            return 0

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None and committed() < 5:
        time.sleep(0.02)
    assert child.poll() is None, "the push finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    done = committed()

    from kg.export.graph_json import read_graph

    G = read_graph(seed_out)
    rerun = push_neo4j(G, uri, user, password, killed, batch_size=50, checkpoint=mark, workers=workers)
    assert rerun.resumed >= done >= 5
    assert not mark.exists()  # a finished push leaves no checkpoint
    push_neo4j(G, uri, user, password, clean, batch_size=50)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session(database=killed) as s:
        assert read_counts(s) == counts(G)
    assert _dump(uri, user, password, killed) == _dump(uri, user, password, clean)


@pytest.mark.slow
def test_a_batch_committed_but_not_recorded_is_merged_again_not_duplicated(seed_out, bolt_server, tmp_path):
    """A push stopped right after a relationship batch committed, whose checkpoint record is then lost
    (as when the process dies between commit and record): the rerun MERGEs that batch instead of
    CREATE-ing its relationships twice, and ends with the graph a MERGE-only push writes."""
    import json

    from kg.export.cypher_queries import LABELS
    from kg.export.graph_json import read_graph

    server, uri, user, password = bolt_server
    lost, merged = "tlostrecord", "tmergeonly"
    server.create_database(lost)
    server.create_database(merged)
    G = read_graph(seed_out)
    mark = tmp_path / "push.json"
    rel_batches_seen = []

    class Stop(Exception):
        pass

    def stop_after_three_relationship_batches(what, n):
        if what not in LABELS:
            rel_batches_seen.append(what)
            if len(rel_batches_seen) == 3:
                raise Stop

    with pytest.raises(Stop):
        push_neo4j(G, uri, user, password, lost, batch_size=50, checkpoint=mark,
                   progress=stop_after_three_relationship_batches)
    state = json.loads(mark.read_text())
    assert state["mode"] == "create"  # the database was empty: the fast path
    state["done"].remove(max(state["done"]))  # committed, but the record is lost
    mark.write_text(json.dumps(state))

    rerun = push_neo4j(G, uri, user, password, lost, batch_size=50, checkpoint=mark)
    assert rerun.resumed == len(state["done"])
    push_neo4j(G, uri, user, password, merged, batch_size=50, create=False)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session(database=lost) as s:
        assert read_counts(s) == counts(G)
    assert _dump(uri, user, password, lost) == _dump(uri, user, password, merged)
