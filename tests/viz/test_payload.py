"""The payload the page is rendered from (spaCy displacy style: test the data, not the pixels)."""

from __future__ import annotations

import pytest

pytest.importorskip("pyvis")

from kg.viz.payload import COLORS, graph_to_payload, select_subgraph  # noqa: E402


def test_payload_nodes_colours_sizes_and_legend(seed_build):
    G = seed_build.graph
    payload = graph_to_payload(G)
    assert len(payload["nodes"]) == G.number_of_nodes() and len(payload["edges"]) == G.number_of_edges()
    assert {n["group"] for n in payload["nodes"]} <= set(COLORS)
    # pyvis leaves the colour to the node's group, and the groups carry the legend's colours
    groups = payload["options"]["groups"]
    assert all(groups[n["group"]]["color"]["background"] == COLORS[n["group"]] for n in payload["nodes"])
    sizes = {n["id"]: n["size"] for n in payload["nodes"]}
    hub = max(G.nodes, key=G.degree)
    assert sizes[hub] == max(sizes.values())
    assert [item["label"] for item in payload["legend"]] == list(COLORS)
    assert payload["fixed_layout"] is False and payload["options"]["physics"]["enabled"] is True


def test_cards_carry_links_entities_and_supporting_sentences(seed_build):
    G = seed_build.graph
    payload = graph_to_payload(G)
    molmo = next(n for n in payload["nodes"] if n["id"] == "arxiv:2409.17146")
    card = molmo["card"]
    assert card["title"].startswith("Molmo and PixMo") and card["authors"] == ["Matt Deitke"]
    assert {link["label"] for link in card["links"]} >= {"arxiv", "PDF"}
    proposes = [f for f in card["facts"] if f["relation"] == "→ proposes"]
    assert any(f["other"] == "Molmo" and f["sentence"] for f in proposes)


def test_ego_view_type_and_degree_filters(seed_build):
    G = seed_build.graph
    ego = select_subgraph(G, "method:mamba", depth=1)
    assert "method:mamba" in ego and all(
        n == "method:mamba" or G.has_edge(n, "method:mamba") or G.has_edge("method:mamba", n) for n in ego)
    two = select_subgraph(G, "method:mamba", depth=2)
    assert len(two) > len(ego)
    papers_only = select_subgraph(G, "method:mamba", depth=2, types=["Paper"])
    assert {G.nodes[n]["label"] for n in papers_only} == {"Paper", "Method"}  # the focus stays
    dense = select_subgraph(G, min_degree=5)
    assert all(dense.degree(n) >= 5 for n in dense) or len(dense) < len(G)


def test_big_graphs_get_a_precomputed_layout(monkeypatch, seed_build):
    import kg.viz.payload as payload_module

    monkeypatch.setattr(payload_module, "LAYOUT_THRESHOLD", 100)
    payload = graph_to_payload(seed_build.graph)
    assert payload["fixed_layout"] is True and payload["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in payload["nodes"])
