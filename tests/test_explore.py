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


def test_explore_h3_is_related_by_text_and_never_through_a_class_word(seed_build):
    r = explore(seed_build.graph, "Hungry Hungry Hippos")
    assert r["kind"] == "Paper" and "H3" in {i["name"] for i in r["proposes"]}
    assert r["abstract"] and r["abstract"] == seed_build.graph.nodes[r["id"]]["abstract"]
    related = r["related"]
    assert related and sum("State Space" in i["title"] or "Mamba" in i["title"] for i in related[:5]) >= 3
    assert all(a["score"] >= b["score"] for a, b in zip(related, related[1:]))
    # "State Space Models" is a class word, not H3's contribution: no paper is its derivative through it
    assert all("State Space Models" not in i["via"] for i in r["derivative_works"] + r["prior_works"])


def test_explore_entity(seed_build):
    r = explore(seed_build.graph, "GPT-4o")
    assert r["kind"] == "Method" and r["used_by"]
    assert {i["name"] for i in r["outperformed_by"]} >= {"PaSa"}


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for pid, title, year in [("p:a", "Alpha", 2020), ("p:b", "Beta", 2022), ("p:c", "Gamma", 2021), ("p:d", "Delta", None)]:
        G.add_node(pid, label="Paper", id=pid, title=title, year=year)
    G.add_node("method:m", label="Method", id="method:m", name="Mm", aliases=[])
    for p, conf in (("p:b", 0.9), ("p:c", 0.95), ("p:d", 0.8)):
        G.add_edge(p, "p:a", key="BUILDS_ON|method:m", type="BUILDS_ON", via="method:m", paper=p, sentence=f"{p} uses Mm",
                   rule="r", confidence=conf)
    G.add_edge("p:d", "p:a", key="CITES", type="CITES")
    G.add_edge("p:c", "p:b", key="CITES", type="CITES")
    return G


def test_lineage_lists_citations_first_then_by_confidence_with_evidence():
    G = _toy()
    alpha = explore(G, "Alpha")
    assert [i["id"] for i in alpha["derivative_works"]] == ["p:d", "p:c", "p:b"]  # cites, then 0.95, 0.9
    assert alpha["derivative_works"][1]["evidence"] == [{"via": "Mm", "sentence": "p:c uses Mm"}]
    assert alpha["derivative_works"][1]["confidence"] == 0.95
    beta = explore(G, "Beta")
    assert [i["id"] for i in beta["derivative_works"]] == ["p:c"] and beta["derivative_works"][0]["cites"]
    assert [i["id"] for i in beta["prior_works"]] == ["p:a"] and beta["prior_works"][0]["via"] == ["Mm"]


def test_lineage_in_a_view_without_the_method_keeps_the_link():
    # the page's bounded overview may keep two papers and leave out the method a BUILDS_ON runs through
    from kg.explore import lineage_of

    G = _toy()
    H = G.subgraph(["p:a", "p:b", "p:c"]).copy()
    prior, _ = lineage_of(H, "p:c")
    assert [i["id"] for i in prior] == ["p:b", "p:a"]  # the citation, then the inferred link
    assert prior[1]["via"] == [] and prior[1]["confidence"] == 0.95


def test_explore_cli_json(seed_out):
    result = CliRunner().invoke(app, ["explore", "--graph", str(seed_out), "Mamba", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "Method" and data["name"] == "Mamba" and isinstance(data["used_by"], list)
    missing = CliRunner().invoke(app, ["explore", "--graph", str(seed_out), "zzz qqq nothing"])
    assert missing.exit_code == 1


def test_explore_cli_suggests_on_a_misspelling_as_json(seed_out):
    result = CliRunner().invoke(app, ["explore", "--graph", str(seed_out), "Mamaba", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["error"] == "not_found" and data["query"] == "Mamaba"
    assert data["suggestions"][0]["name"] == "Mamba" and data["suggestions"][0]["match"] == "fuzzy"
    text = CliRunner().invoke(app, ["explore", "--graph", str(seed_out), "Hungry Hipos"])
    assert text.exit_code == 1 and "did you mean" in text.output and "Hungry Hungry Hippos" in text.output


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
