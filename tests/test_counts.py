"""The per-entity figures (kg/counts.py) agree with the edges in every export, and the shapes hold them."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.graph import drop_below
from kg.query import query
from kg.schema import PAPER_COUNTS, label
from kg.vocab import KG
from tests.test_rdf import _validate

pytest.importorskip("ladybug")

COUNTED = [(lab, type_, count.name) for lab in ("Method", "Dataset", "Benchmark")
           for type_, (count, _) in PAPER_COUNTS.items() if count in label(lab).props]


@pytest.mark.parametrize(("lab", "type_", "name"), COUNTED, ids=lambda x: str(x))
def test_every_count_is_the_number_of_papers_in_the_relation(seed_out, lab, type_, name):
    counted = query(seed_out, cypher=f"MATCH (e:{lab}) RETURN e.id, e.{name} ORDER BY e.id").rows
    edges = query(seed_out, cypher=f"MATCH (p:Paper)-[:{type_}]->(e:{lab}) RETURN e.id, count(DISTINCT p.id)").rows
    expected = dict.fromkeys((nid for nid, _ in counted), 0) | dict(edges)
    assert dict(counted) == expected
    assert sum(expected.values()) > 0


@pytest.mark.parametrize(("lab", "type_", "name"), COUNTED, ids=lambda x: str(x))
def test_ranks_order_the_entities_by_their_count_then_name(seed_out, lab, type_, name):
    rows = query(seed_out, cypher=f"MATCH (e:{lab}) RETURN e.{name}_rank, e.{name}, e.name, e.id "
                                  f"ORDER BY e.{name}_rank").rows
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    keys = [(-count, name_, nid) for _, count, name_, nid in rows]
    assert all(a < b for a, b in zip(keys, keys[1:]))


def test_sparql_reads_the_same_counts(seed_out):
    cypher = query(seed_out, cypher="MATCH (m:Method) RETURN m.name, m.papers_using, m.papers_proposing")
    sparql = query(seed_out, sparql="""SELECT ?name ?using ?proposing WHERE {
        ?m a kg:Method ; rdfs:label ?name ; kg:papersUsing ?using ; kg:papersProposing ?proposing }""")
    assert len(cypher.rows) > 100
    assert sorted(cypher.rows) == sorted(sparql.rows)


def test_counts_follow_the_edges_a_threshold_drops(seed_build):
    G = seed_build.graph.copy()
    before = {n: d.get("papers_using") for n, d in G.nodes(data=True) if d["label"] == "Method"}
    drop_below(G, 0.9)
    after = {n: d["papers_using"] for n, d in G.nodes(data=True) if d["label"] == "Method"}
    uses = {n: 0 for n in after}
    for u, v, d in G.edges(data=True):
        if d["type"] == "USES":
            uses[v] += 1
    assert after == uses
    assert any(after[n] < before[n] for n in after), "the threshold should have dropped some uses"


@pytest.mark.parametrize("broken", ["missing", "negative", "twice"])
def test_shapes_catch_a_broken_count(seed_out, broken):
    data = Graph().parse(seed_out / "graph.ttl", format="turtle")
    method = next(iter(sorted(data.subjects(RDF.type, KG.Method))))
    if broken == "missing":
        data.remove((method, KG.papersUsing, None))
    elif broken == "negative":
        data.set((method, KG.papersUsing, Literal(-1, datatype=XSD.integer)))
    else:
        data.add((method, KG.papersUsing, Literal(99, datatype=XSD.nonNegativeInteger)))
    conforms, text = _validate(data)
    assert not conforms, text
