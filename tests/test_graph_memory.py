"""The build's graph holds an edge in few bytes (kg.compact), and its per-edge containers behave as the
dicts networkx keeps by default for everything the graph's readers do with them."""

from __future__ import annotations

import copy
import gc
import json
import pickle
import tracemalloc
from typing import Any

import networkx as nx
import pytest

from kg.compact import EdgeAttrs, EdgeKeys, KGraph
from kg.graph import make_graph

# bytes an edge of the seeds' graph holds in its own containers (what removing every edge frees): networkx's
# dicts took 364 (an attribute dict and a key dict of 184 each); KGraph's take 178
EDGE_BYTES = 240


def test_graph_holds_an_edge_in_few_bytes(seed_build):
    papers, extractions = list(seed_build.papers), list(seed_build.extractions)  # made before tracing
    gc.collect()
    tracemalloc.start()
    try:
        G = make_graph(papers, extractions, seed_build.resolution)
        edges = list(G.edges(keys=True))
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        G.remove_edges_from(edges)
        gc.collect()
        freed = held - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(edges) > 500
    assert freed / len(edges) < EDGE_BYTES, f"{freed / len(edges):.0f} bytes an edge"


def _same(m: Any, d: dict[Any, Any]) -> None:
    assert list(m) == list(d) and len(m) == len(d) and m == d and d == m
    assert list(m.items()) == list(d.items()) and list(m.values()) == list(d.values()) and list(m.keys()) == list(d)
    assert m.copy() == d and type(m.copy()) is dict and repr(m) == repr(d)
    for key in [*d, "missing", 7]:
        assert (key in m) == (key in d) and m.get(key) == d.get(key) and m.get(key, "x") == d.get(key, "x")
        if key in d:
            assert m[key] == d[key]
        else:
            with pytest.raises(KeyError):
                m[key]


@pytest.mark.parametrize("kind", [EdgeKeys, EdgeAttrs])
def test_compact_mappings_do_what_a_dict_does(kind):
    m, d = kind(), {}
    _same(m, d)
    steps = [("set", "a", 1), ("set", "b", 2), ("set", "a", 3), ("set", "c", None), ("del", "b", None),
             ("set", "b", 4), ("pop", None, None), ("del", "a", None), ("set", 5, "five"), ("pop", None, None),
             ("pop", None, None)]
    for op, key, value in steps:
        if op == "set":
            m[key] = value
            d[key] = value
        elif op == "del":
            del m[key]
            del d[key]
        else:
            assert m.popitem() == d.popitem()  # last in, first out
        _same(m, d)
    with pytest.raises(KeyError):
        m.popitem()
    with pytest.raises(KeyError):
        del m["gone"]
    with pytest.raises(TypeError):
        m[["unhashable"]] = 1
    m.update({"x": 1, "y": [2]}, z=3)
    d.update({"x": 1, "y": [2]}, z=3)
    _same(m, d)
    assert json.dumps({**m}) == json.dumps(d) and json.dumps(dict(m)) == json.dumps(d)
    for again in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m), copy.copy(m)):
        assert type(again) is kind
        _same(again, d)
    assert copy.deepcopy(m)["y"] is not m["y"]


def test_kgraph_is_a_multidigraph_with_the_same_api():
    plain, G = nx.MultiDiGraph(), KGraph()
    for H in (plain, G):
        H.add_edge("a", "b", key="USES", type="USES", paper="a", sentence="s")
        H.add_edge("a", "b", key="INTRODUCES", type="INTRODUCES", paper="a")
        H.add_edge("c", "b", type="CITES")
        H.add_edge("c", "b", type="CITES")  # a second key made by new_edge_key
        H.add_edges_from([("b", "d", {"type": "X", "w": 1})])
        H["b"]["d"][0]["w"] = 2
        H.add_edge("b", "d", key=0, extra=True)  # update the existing edge's attributes
    assert isinstance(G, nx.MultiDiGraph)
    assert list(G.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
    assert list(G.in_edges("b", keys=True, data=True)) == list(plain.in_edges("b", keys=True, data=True))
    assert dict(G.get_edge_data("a", "b")) == plain.get_edge_data("a", "b")
    assert G.has_edge("a", "b", "USES") and not G.has_edge("a", "b", "PROPOSES")
    assert G.number_of_edges("c", "b") == 2 and G.degree("b") == plain.degree("b")
    for H in (G.copy(), G.subgraph(["a", "b"]).copy(), pickle.loads(pickle.dumps(G))):
        assert type(H) is KGraph
        assert sorted(H.edges(keys=True, data="type")) == sorted(plain.subgraph(list(H)).edges(keys=True, data="type"))
    assert nx.utils.graphs_equal(nx.MultiDiGraph(G), plain)
    H = G.copy()
    H["a"]["b"]["USES"]["sentence"] = "changed"  # a copy's attributes are its own
    assert G["a"]["b"]["USES"]["sentence"] == "s" and H["a"]["b"]["USES"]["sentence"] == "changed"
    assert sorted(G.to_undirected(as_view=True).edges("b")) == sorted(plain.to_undirected(as_view=True).edges("b"))
    for H in (G, plain):
        H.remove_edge("a", "b")  # no key: the last one added goes, as in a dict
    assert list(G.edges(keys=True)) == list(plain.edges(keys=True))
    G.remove_edge("c", "b", 0)
    plain.remove_edge("c", "b", 0)
    G.remove_node("d")
    plain.remove_node("d")
    assert list(G.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
