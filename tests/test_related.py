"""Related papers: text similarity raised by shared rare entities; coverage, scores, tie order."""

from __future__ import annotations

import networkx as nx
import pytest

pytest.importorskip("sklearn")

from kg.related import RelatedIndex, tokens  # noqa: E402


def test_tokens_keep_words_and_chinese_bigrams():
    assert tokens("We propose Mamba-2 for long sequences") == ["mamba-2", "long", "sequences", "mamba-2 long",
                                                              "long sequences"]
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
