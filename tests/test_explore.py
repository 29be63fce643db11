from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.explore import explore, find_node


def test_find_node_forgives_case_punctuation_and_ids(seed_build):
    G = seed_build.graph
    assert find_node(G, "gpt 4o") == "method:gpt4o"
    assert find_node(G, "arXiv:2409.17146v1") == "arxiv:2409.17146"
    assert G.nodes[find_node(G, "hungry hungry hippos")]["title"].startswith("Hungry Hungry Hippos")
    assert find_node(G, "no such thing at all xyz") is None


def test_explore_paper_shows_its_state_space_neighbours(seed_build):
    # S4D's paper: its lineage runs through a named method (S4D), not through the class word
    # "State Space Models" that extraction no longer takes for a method
    r = explore(seed_build.graph, "On the Parameterization and Initialization of Diagonal State Space Models")
    assert r["kind"] == "Paper" and "S4D" in {i["name"] for i in r["proposes"]}
    related = r["related"]
    assert related and sum("State Space" in i["title"] or "State-space" in i["title"] for i in related) >= 2
    assert all(a["score"] >= b["score"] for a, b in zip(related, related[1:]))
    assert r["derivative_works"] and all("S4D" in i["via"] for i in r["derivative_works"])


def test_explore_entity(seed_build):
    r = explore(seed_build.graph, "GPT-4o")
    assert r["kind"] == "Method" and r["used_by"]
    assert {i["name"] for i in r["outperformed_by"]} >= {"PaSa"}


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for pid, title, year in [("p:a", "Alpha", 2020), ("p:b", "Beta", 2022), ("p:c", "Gamma", 2021), ("p:d", "Delta", None)]:
        G.add_node(pid, label="Paper", id=pid, title=title, year=year)
    for mid, name in [("method:m", "Mm"), ("method:rare", "Rare"), ("benchmark:b", "Bench")]:
        G.add_node(mid, label="Method" if mid.startswith("method") else "Benchmark", id=mid, name=name, aliases=[])
    edges = [("p:a", "method:m", "PROPOSES"), ("p:b", "method:m", "USES"), ("p:c", "method:m", "USES"),
             ("p:d", "method:m", "USES"), ("p:b", "method:rare", "USES"), ("p:c", "method:rare", "USES"),
             ("p:b", "benchmark:b", "EVALUATES_ON")]
    for u, v, t in edges:
        G.add_edge(u, v, key=t, type=t, paper=u, sentence="s", rule="r")
    for p in ("p:b", "p:c", "p:d"):
        G.add_edge(p, "p:a", key="BUILDS_ON|method:m", type="BUILDS_ON", via="method:m", paper=p, sentence="s", rule="r")
    G.add_edge("p:c", "p:b", key="CITES", type="CITES")
    return G


def test_adamic_adar_prefers_rare_shared_entities_and_year_order():
    G = _toy()
    r = explore(G, "Beta")
    assert [i["id"] for i in r["related"]][0] == "p:c"  # shares the rare method and the common one
    assert r["related"][0]["shared"] == ["Mm", "Rare"]
    alpha = explore(G, "Alpha")
    assert [i["id"] for i in alpha["derivative_works"]] == ["p:c", "p:b", "p:d"]  # 2021, 2022, unknown last
    beta = explore(G, "Beta")
    assert [i["id"] for i in beta["derivative_works"]] == ["p:c"] and beta["derivative_works"][0]["cites"]


def test_explore_cli_json(seed_out):
    result = CliRunner().invoke(app, ["explore", "--graph", str(seed_out), "Mamba", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "Method" and data["name"] == "Mamba" and isinstance(data["used_by"], list)
    missing = CliRunner().invoke(app, ["explore", "--graph", str(seed_out), "zzz qqq nothing"])
    assert missing.exit_code == 1


def test_openalex_references_become_cites_edges_used_by_explore(tmp_path):
    from kg.build import build
    from tests.conftest import ROOT

    built = build([ROOT / "tests" / "data" / "openalex_works.json"], tmp_path, ["graph-json", "turtle"])
    G = built.graph
    by_title = {d["title"]: n for n, d in G.nodes(data=True) if d["label"] == "Paper"}
    tidal, reading, dense = (by_title[t] for t in ("Tidal Retrieval: Sparse Search for Long Documents",
                                                   "Reading Tides: Retrieval-Augmented Reasoning with TidalNet",
                                                   "Dense Passages Revisited"))
    assert tidal == "arxiv:2403.00011" and dense == "openalex:W1000000003"
    cites = {(u, v) for u, v, d in G.edges(data=True) if d["type"] == "CITES"}
    assert cites == {(tidal, dense), (reading, tidal)}  # W9999999999 is outside the corpus: no edge
    assert G.nodes[tidal]["references"] == ["openalex:W1000000003", "openalex:W9999999999"]
    assert [G.nodes[a]["name"] for a, _, d in G.in_edges(tidal, data=True) if d["type"] == "AUTHORED"] == ["Ada Quill", "Ben Marsh"]
    r = explore(G, "Tidal Retrieval")
    assert [(i["id"], i["cites"]) for i in r["prior_works"]] == [(dense, True)]
    assert [(i["id"], i["cites"], i["via"]) for i in r["derivative_works"]] == [(reading, True, ["TidalNet"])]
    pyshacl = pytest.importorskip("pyshacl")
    from rdflib import Graph

    shapes = Graph().parse(ROOT / "schemas" / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(Graph().parse(tmp_path / "graph.ttl", format="turtle"), shacl_graph=shapes)
    assert conforms, text
