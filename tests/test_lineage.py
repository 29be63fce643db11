"""BUILDS_ON only through a paper's own named contribution, never newer, with evidence and a confidence."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.lineage import add_builds_on, is_coined, title_head


def _graph(papers, methods, edges) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for pid, title, year in papers:
        G.add_node(pid, label="Paper", id=pid, title=title, **({"year": year} if year else {}))
    for mid, name, aliases in methods:
        G.add_node(mid, label="Method", id=mid, name=name, aliases=aliases)
    for u, v, t, sentence, *conf in edges:
        G.add_edge(u, v, key=t, type=t, paper=u, sentence=sentence, rule="r", **({"confidence": conf[0]} if conf else {}))
    return G


def _links(G):
    return {(u, v, d["via"]) for u, v, d in G.edges(data=True) if d["type"] == "BUILDS_ON"}


def test_title_head_and_coined_names():
    assert title_head("Mamba: Linear-Time Sequence Modeling with Selective State Spaces") == "Mamba"
    assert title_head("Hungry Hungry Hippos: Towards Language Modeling") == "Hungry Hungry Hippos"
    assert title_head("On the Parameterization of Diagonal State Space Models") == ""
    assert [is_coined(n) for n in ("H3", "S4D", "YOLOv9", "FlashAttention", "Kullback--Leibler", "LM", "attention",
                                   "State Space Models", "LLM")] == [True, True, True, True, False, False, False,
                                                                      False, False]


def test_a_paper_builds_on_the_method_its_title_names():
    G = _graph([("p:old", "Mamba: Linear-Time Sequence Modeling", 2023), ("p:new", "Vision Models", 2024)],
               [("method:mamba", "Mamba", [])],
               [("p:old", "method:mamba", "PROPOSES", "We propose Mamba."),
                ("p:new", "method:mamba", "USES", "Our backbone is Mamba.")])
    assert add_builds_on(G) == 1
    (u, v, d), = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "BUILDS_ON"]
    assert (u, v, d["via"], d["sentence"], d["confidence"]) == ("p:new", "p:old", "method:mamba",
                                                                 "Our backbone is Mamba.", 1.0)


def test_never_through_a_newer_paper():
    G = _graph([("p:old", "Mamba: Linear-Time Sequence Modeling", 2025), ("p:new", "Vision Models", 2024)],
               [("method:mamba", "Mamba", [])],
               [("p:old", "method:mamba", "PROPOSES", "We propose Mamba."),
                ("p:new", "method:mamba", "USES", "Our backbone is Mamba.")])
    assert add_builds_on(G) == 0


@pytest.mark.parametrize("name, title, sentence", [
    ("State Space Models", "Hungry Hungry Hippos: Towards Language Modeling", "We propose State Space Models."),
    ("language model", "Big Models", "We propose a language model."),
    ("Kullback--Leibler", "A Unified Loss", "We propose a generalized Kullback--Leibler loss."),
    ("PTQ", "Foo: Post-training", "We further establish a PTQ and QRT workflow."),  # no naming cue
])
def test_class_words_and_slips_make_no_lineage(name, title, sentence):
    G = _graph([("p:b", title, 2022), ("p:a", "Follow-up Work", 2023)], [("method:x", name, [])],
               [("p:b", "method:x", "PROPOSES", sentence), ("p:a", "method:x", "USES", f"We use {name}.")])
    assert add_builds_on(G) == 0


def test_coined_name_with_a_naming_cue_links_with_lower_confidence():
    G = _graph([("p:b", "Hungry Hungry Hippos: Towards Language Modeling", None), ("p:a", "Follow-up Work", None)],
               [("method:h3", "H3", [])],
               [("p:b", "method:h3", "PROPOSES", "We propose a new SSM layer, H3, that is designed for these."),
                ("p:a", "method:h3", "USES", "We compare against H3.")])
    assert add_builds_on(G) == 1
    (d,) = [d for _, _, d in G.edges(data=True) if d["type"] == "BUILDS_ON"]
    assert d["confidence"] == pytest.approx(0.8 * 0.9)  # coined + cue, years unknown


def test_a_method_two_papers_claim_is_nobodys_contribution():
    G = _graph([("p:b", "Mamba: One", 2022), ("p:c", "Mamba: Two", 2022), ("p:a", "Follow-up", 2023)],
               [("method:mamba", "Mamba", [])],
               [("p:b", "method:mamba", "PROPOSES", "We propose Mamba."),
                ("p:c", "method:mamba", "PROPOSES", "We propose Mamba."),
                ("p:a", "method:mamba", "USES", "We use Mamba.")])
    assert add_builds_on(G) == 0


def test_bare_short_acronym_is_ambiguous_but_the_full_name_is_not():
    papers = [("p:b", "Sparse Delta Memory: Scaling the State", 2024), ("p:a", "Imitation", 2025)]
    methods = [("method:sdm", "Sparse Delta Memory", ["SDM"])]
    G = _graph(papers, methods, [("p:b", "method:sdm", "PROPOSES", "We introduce Sparse Delta Memory (SDM)."),
                                 ("p:a", "method:sdm", "USES", "We train an SDM policy.")])
    assert add_builds_on(G) == 0
    G = _graph(papers, methods, [("p:b", "method:sdm", "PROPOSES", "We introduce Sparse Delta Memory (SDM)."),
                                 ("p:a", "method:sdm", "USES", "We extend Sparse Delta Memory.")])
    assert _links(G) == set() and add_builds_on(G) == 1


@pytest.mark.parametrize("confidence, links", [(0.5, 0), (1.0, 1)])
def test_low_confidence_proposal_is_not_trusted(confidence, links):
    G = _graph([("p:b", "Linear-Time Sequence Models", 2022), ("p:a", "Follow-up", 2023)],
               [("method:m2", "Mamba-2", [])],
               [("p:b", "method:m2", "PROPOSES", "We propose Mamba-2, a new architecture.", confidence),
                ("p:a", "method:m2", "USES", "We use Mamba-2.")])
    assert add_builds_on(G) == links


def test_seed_lineage_never_runs_backwards_in_time(seed_build):
    G = seed_build.graph
    links = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "BUILDS_ON"]
    for u, v, d in links:
        ya, yb = G.nodes[u].get("year"), G.nodes[v].get("year")
        assert not (ya and yb and yb > ya)
        assert d["sentence"] and 0 < d["confidence"] <= 1 and G.nodes[d["via"]]["label"] in ("Method", "Dataset", "Benchmark")
