"""The payload the page is rendered from (spaCy displacy style: test the data, not the pixels)."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

pytest.importorskip("pyvis")

from kg.viz.payload import (  # noqa: E402
    COLORS,
    EDGE_STYLES,
    SHAPES,
    graph_to_payload,
    k_core,
    overview,
    select_subgraph,
)


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _deuteranopia(hex_colour: str) -> tuple[float, float, float]:
    """Machado, Oliveira and Fernandes (2009), full deuteranopia, applied to sRGB: enough to see two colours merge."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return (0.367322 * r + 0.860646 * g - 0.227968 * b, 0.280085 * r + 0.672501 * g + 0.047413 * b,
            -0.011820 * r + 0.042940 * g + 0.968881 * b)


def test_types_differ_by_shape_and_by_colour_under_deuteranopia():
    assert len(set(SHAPES.values())) == len(SHAPES)
    seen = [_deuteranopia(c) for c in COLORS.values()]
    for i, a in enumerate(seen):
        for b in seen[i + 1 :]:
            assert sum(abs(x - y) for x, y in zip(a, b)) > 90, (a, b)  # the old green and red: 32


def test_payload_nodes_shapes_sizes_legend_and_edge_styles(seed_build):
    G = seed_build.graph
    payload = graph_to_payload(G)
    assert len(payload["nodes"]) == G.number_of_nodes() and len(payload["edges"]) == G.number_of_edges()
    assert all(n["shape"] == SHAPES[n["group"]] for n in payload["nodes"])
    values = {n["id"]: n["value"] for n in payload["nodes"]}
    hub = max(G.nodes, key=G.degree)
    assert values[hub] == max(values.values())
    assert [item["label"] for item in payload["legend"]] == list(COLORS)
    styles = {e["relation"]: (e["color"]["color"], e["width"], str(e["dashes"])) for e in payload["edges"]}
    assert len(set(styles.values())) == len(styles) >= 5  # one look per relation
    assert all(styles[r][0] == EDGE_STYLES[r]["color"] for r in styles)


def test_papers_are_shaded_by_year_older_lighter():
    G = nx.MultiDiGraph()
    for pid, year in (("p:old", 2010), ("p:mid", 2018), ("p:new", 2026)):
        G.add_node(pid, label="Paper", id=pid, title=pid, year=year)
    colours = {n["id"]: n["color"]["background"] for n in graph_to_payload(G)["nodes"]}
    assert _luminance(colours["p:old"]) > _luminance(colours["p:mid"]) > _luminance(colours["p:new"])


def test_cards_carry_abstract_links_and_facts_in_words_each_sentence_once(seed_build):
    G = seed_build.graph
    payload = graph_to_payload(G)
    molmo = next(n for n in payload["nodes"] if n["id"] == "arxiv:2409.17146")
    card = molmo["card"]
    assert card["title"].startswith("Molmo and PixMo") and card["authors"] == ["Matt Deitke"]
    assert card["abstract"] == G.nodes["arxiv:2409.17146"]["abstract"]
    assert {link["label"] for link in card["links"]} >= {"arxiv", "PDF"}
    assert any(f["relation"] == "proposes" and f["other"] == "Molmo" and f["sentences"] for f in card["facts"])
    mamba = next(n for n in payload["nodes"] if n["id"] == "method:mamba")["card"]
    assert any(f["relation"] == "is used by" for f in mamba["facts"])
    for node in payload["nodes"]:
        for f in node["card"]["facts"]:
            assert len(f["sentences"]) == len(set(f["sentences"]))
        assert len({(f["relation"], f["id"]) for f in node["card"]["facts"]}) == len(node["card"]["facts"])


def test_side_lists_of_a_paper_and_an_entity(seed_build):
    from kg.related import RelatedIndex

    G = seed_build.graph
    index = RelatedIndex(G)
    payload = graph_to_payload(G, related=index)
    sides = {n["id"]: n["side"] for n in payload["nodes"]}
    h3 = next(n for n, d in G.nodes(data=True) if d.get("title", "").startswith("Hungry Hungry Hippos"))
    assert set(sides[h3]) == {"prior", "derivative", "related"}
    assert [i[0] for i in sides[h3]["related"]] == [i["id"] for i in index.related(h3, 8)]
    assert all(i[1].startswith("score ") for i in sides[h3]["related"])
    assert set(sides["method:mamba"]) == {"proposed by", "used by"} and sides["method:mamba"]["used by"]


def test_ego_view_type_filter_and_k_core_leave_no_orphans(seed_build):
    G = seed_build.graph
    ego = select_subgraph(G, "method:mamba", depth=1)
    assert "method:mamba" in ego and all(
        n == "method:mamba" or G.has_edge(n, "method:mamba") or G.has_edge("method:mamba", n) for n in ego)
    assert len(select_subgraph(G, "method:mamba", depth=2)) > len(ego)
    papers_only = select_subgraph(G, "method:mamba", depth=2, types=["Paper"])
    assert {G.nodes[n]["label"] for n in papers_only} == {"Paper", "Method"}  # the focus stays
    for k in (2, 3):
        core = select_subgraph(G, min_degree=k)
        assert len(core) and all(len(set(core.predecessors(n)) | set(core.successors(n))) >= k for n in core)
    assert set(select_subgraph(G, min_degree=3)) == set(nx.k_core(nx.Graph(G.to_undirected()), 3))


def test_k_core_keeps_the_focus():
    G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    assert k_core(G, 2) == {"a", "b", "c"} and k_core(G, 2, keep="d") == {"a", "b", "c", "d"}


def test_overview_is_bounded_without_authors_or_orphans(seed_build):
    G = seed_build.graph
    H = overview(G, limit=300)
    assert 50 < len(H) <= 300
    assert {d["label"] for _, d in H.nodes(data=True)} <= {"Paper", "Method", "Dataset", "Benchmark"}
    assert all(len(set(H.predecessors(n)) | set(H.successors(n))) >= 2 for n in H)
    named = Counter(v for u, v in G.edges() if G.nodes[u]["label"] == "Paper" and G.nodes[v]["label"] != "Paper")
    assert max(named, key=lambda n: (named[n], n)) in H  # the entity most papers name


def test_big_graphs_get_a_precomputed_layout(monkeypatch, seed_build):
    import kg.viz.payload as payload_module

    monkeypatch.setattr(payload_module, "LAYOUT_THRESHOLD", 100)
    payload = graph_to_payload(seed_build.graph)
    assert payload["fixed_layout"] is True and payload["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in payload["nodes"])
    assert len({(n["x"], n["y"]) for n in payload["nodes"]}) > 0.95 * len(payload["nodes"])
    assert graph_to_payload(seed_build.graph) == payload  # same seed, same layout


def test_small_components_are_packed_in_rows_under_the_core_not_in_a_ring(monkeypatch, seed_build):
    import kg.viz.payload as payload_module

    monkeypatch.setattr(payload_module, "LAYOUT_THRESHOLD", 100)
    G = seed_build.graph
    at = {n["id"]: (n["x"], n["y"]) for n in graph_to_payload(G)["nodes"]}
    parts = sorted(nx.connected_components(G.to_undirected(as_view=True)), key=len, reverse=True)
    core, islands = parts[0], parts[1:]
    assert len(islands) > 50
    core_bottom = max(at[n][1] for n in core)
    assert all(at[n][1] > core_bottom for part in islands for n in part)
    boxes = sorted((min(at[n][0] for n in p), min(at[n][1] for n in p), max(at[n][0] for n in p),
                    max(at[n][1] for n in p)) for p in islands)
    for i, a in enumerate(boxes):  # the islands' boxes never overlap
        for b in boxes[i + 1:]:
            if b[0] > a[2]:
                break
            assert b[1] > a[3] or a[1] > b[3]
    width = max(x for x, _ in at.values()) - min(x for x, _ in at.values())
    height = max(y for _, y in at.values()) - min(y for _, y in at.values())
    assert 0.4 < width / height < 2.5  # fits a screen: neither a strip nor a tower


def test_layout_is_the_same_in_every_process():
    """Louvain iterates sets: with string node ids the layout followed each process's hash seed."""
    import os
    import subprocess
    import sys

    code = ("import json, networkx as nx; from kg.viz.layout import layout; "
            "g = nx.relabel_nodes(nx.connected_caveman_graph(12, 8), lambda i: f'n:{i}'); "
            "print(json.dumps(sorted(layout(nx.MultiDiGraph(g), 7).items())))")
    outs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
                           capture_output=True, text=True).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1 and len(json.loads(outs.pop())) == 96


def test_a_view_with_nothing_left_to_draw_is_an_error_not_an_empty_page(seed_build, tmp_path):
    from kg.viz.html import viz

    with pytest.raises(ValueError, match="nothing to draw"):
        viz(seed_build.graph, tmp_path / "v.html", min_degree=10_000)
    assert not (tmp_path / "v.html").exists()
