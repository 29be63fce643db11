"""Related papers: text similarity raised by shared rare entities; coverage, scores, tie order."""

from __future__ import annotations

import networkx as nx
import pytest

pytest.importorskip("sklearn")

from kg.related import RelatedIndex, singular, tokens  # noqa: E402


def test_tokens_keep_words_and_chinese_bigrams():
    assert tokens("We propose Mamba-2 for long sequences") == ["mamba-2", "long", "sequence", "mamba-2 long",
                                                              "long sequence"]
    assert "we" not in tokens("We propose Mamba-2")
    assert tokens("状态空间") == ["状态", "态空", "空间"]


def test_most_papers_with_an_abstract_have_related_papers(seed_build):
    G = seed_build.graph
    index = RelatedIndex(G)
    with_text = [p for p in index.papers if G.nodes[p].get("abstract") or G.nodes[p].get("abstract_zh")]
    covered = [p for p in with_text if index.related(p, 3)]
    assert len(covered) >= 0.95 * len(with_text)
    top = index.related(with_text[0], 10)
    assert all(a["score"] >= b["score"] for a, b in zip(top, top[1:])) and all(i["score"] > 0 for i in top)


def _papers(*rows) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for pid, title, abstract, year, entities in rows:
        G.add_node(pid, label="Paper", id=pid, title=title, abstract=abstract, year=year)
        for e in entities:
            if e not in G:
                G.add_node(e, label="Method", id=e, name=e.split(":")[1], aliases=[])
            G.add_edge(pid, e, key="USES", type="USES")
    return G


def test_one_shared_entity_does_not_make_unrelated_papers_related():
    G = _papers(("p:x", "X-ray spectrometers", "Cryogenic detectors for photons.", 2024, ["method:ev"]),
                ("p:y", "Smart grids", "Agents that balance electric load.", 2024, ["method:ev"]),
                ("p:z", "Smart grid agents", "Agents balance the electric load of grids.", 2024, []))
    index = RelatedIndex(G)
    assert index.related("p:x") == []  # text overlap nil: the shared slip alone links nothing
    assert [i["id"] for i in index.related("p:y")] == ["p:z"]


def test_ties_go_to_shared_entities_then_closer_years_not_to_titles():
    text = "Selective state spaces for long sequence modelling."
    G = _papers(("p:q", "Query", text, 2024, ["method:s4", "method:ssm"]),
                ("p:a", "Aardvark", text, 2010, []), ("p:m", "Middle", text, 2023, []),
                ("p:z", "Zebra", text, 2024, ["method:s4"]), ("p:o", "Other", "unrelated words entirely", 2024, ["method:ssm"]))
    ranked = [i["id"] for i in RelatedIndex(G).related("p:q")]
    assert ranked[:3] == ["p:z", "p:m", "p:a"]
    z = RelatedIndex(G).related("p:q")[0]
    assert z["shared"] == ["s4"] and z["score"] > z["text"] > 0 and z["close"]


def test_plurals_fold_onto_the_singular_but_not_other_words():
    assert [singular(w) for w in ("agents", "strategies", "loss", "corpus", "analysis", "gans", "bias", "us")] == \
        ["agent", "strategy", "loss", "corpus", "analysis", "gan", "bias", "us"]


def test_papers_on_one_topic_match_through_lsa_without_a_shared_rare_word():
    """Agents that drive GUIs and agents that call APIs share no rare word, but the words around them
    (screens, clicks, apps, actions) co-occur in the corpus: the topic similarity ranks them first."""
    rows = [("p:gui", "GUI agents", "screen click button app interface action agent", 2024, []),
            ("p:api", "API agents", "agent action app interface call function tool", 2024, []),
            ("p:bio", "Protein folding", "protein structure residue fold chain amino", 2024, []),
            ("p:mol", "Molecule design", "molecule residue chain bond atom structure", 2024, [])]
    rows += [(f"p:ui{i}", f"UI study {i}", f"screen click button interface app action tool call function {i}", 2024,
              []) for i in range(3)]
    rows += [(f"p:chem{i}", f"Chemistry {i}", f"protein residue chain molecule atom bond structure {i}", 2024, [])
             for i in range(3)]
    index = RelatedIndex(_papers(*rows))
    top = index.related("p:gui", 20)
    topic = {i["id"]: i["topic"] for i in top}
    assert topic["p:api"] > 0.5 and all(topic.get(p, 0) < 0.2 for p in ("p:bio", "p:mol"))
    assert [i["id"] for i in top if not i["id"].startswith("p:ui")][0] == "p:api"


def test_a_corpus_with_no_shared_word_has_no_topics_and_no_related_papers():
    G = _papers(("p:a", "Spectrometers", "Cryogenic photon detectors.", 2024, []),
                ("p:b", "Grids", "Electric load balancing.", 2024, []),
                ("p:c", "Proteins", "Folding residues.", 2024, []))
    index = RelatedIndex(G)
    assert index.topic is None and [index.related(p) for p in ("p:a", "p:b", "p:c")] == [[], [], []]


def test_a_shared_well_known_dataset_counts_less_than_a_shared_rare_method():
    """MNIST (in the gazetteer) says little about a paper's topic; a rare method both papers use says more,
    although in this corpus both are named by two papers (same IDF)."""
    text = "Rehearsal against forgetting in continual learning."
    G = _papers(("p:q", "Query", text, 2024, ["benchmark:MNIST", "method:HebbProj"]),
                ("p:a", "Also MNIST", text, 2024, ["benchmark:MNIST"]),
                ("p:b", "Also HebbProj", text, 2024, ["method:HebbProj"]))
    ranked = RelatedIndex(G).related("p:q")
    assert [i["id"] for i in ranked] == ["p:b", "p:a"]
    assert ranked[0]["entities"] == pytest.approx(4 * ranked[1]["entities"], abs=0.002)  # MNIST at KNOWN_WEIGHT² = 1/4


def test_a_well_known_method_counts_more_when_one_paper_proposes_it():
    """Two papers that only use Mamba share little; the paper proposing Mamba shares it with its users at
    KNOWN_WEIGHT (the user's side is discounted, the proposer's is not)."""
    text = "Selective state spaces for long sequence modelling."
    G = _papers(("p:q", "Query", text, 2024, ["method:Mamba"]), ("p:a", "A user", text, 2024, ["method:Mamba"]),
                ("p:b", "The proposer", text, 2023, []))
    G.add_edge("p:b", "method:Mamba", key="PROPOSES", type="PROPOSES")
    ranked = RelatedIndex(G).related("p:q")
    assert [i["id"] for i in ranked] == ["p:b", "p:a"]
    assert ranked[0]["entities"] == pytest.approx(2 * ranked[1]["entities"], abs=0.002)
