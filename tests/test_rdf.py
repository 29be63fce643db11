from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.export.rdf import iri, to_rdf
from kg.vocab import KG, KG_NS
from tests.conftest import ROOT


def test_turtle_reparses_with_every_paper(seed_out, seed_build):
    g = Graph().parse(seed_out / "graph.ttl", format="turtle")
    assert len(set(g.subjects(RDF.type, KG.Paper))) == len(seed_build.papers) == 301
    j = Graph().parse(seed_out / "graph.jsonld", format="json-ld")
    assert len(j) == len(g)


def test_build_passes_shacl_shapes(seed_out):
    pyshacl = pytest.importorskip("pyshacl")
    data = Graph().parse(seed_out / "graph.ttl", format="turtle")
    ontology = Graph().parse(ROOT / "schemas" / "kg.ttl", format="turtle")
    shapes = Graph().parse(ROOT / "schemas" / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text


def test_shapes_catch_a_broken_graph(seed_out):
    pyshacl = pytest.importorskip("pyshacl")
    data = Graph().parse(seed_out / "graph.ttl", format="turtle")
    paper = next(data.subjects(RDF.type, KG.Paper))
    data.add((paper, KG.proposes, paper))  # a paper is not a Method
    shapes = Graph().parse(ROOT / "schemas" / "shapes.ttl", format="turtle")
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes)
    assert not conforms


def test_vocab_matches_the_ontology():
    ontology = Graph().parse(ROOT / "schemas" / "kg.ttl", format="turtle")
    defined = {str(s)[len(KG_NS):] for s in ontology.subjects() if str(s).startswith(KG_NS)}
    declared = set(KG.__annotations__)
    assert defined == declared
    with pytest.raises(AttributeError):
        KG.usesDatset  # noqa: B018


def test_every_extracted_statement_keeps_provenance(seed_out):
    g = Graph().parse(seed_out / "graph.ttl", format="turtle")
    statements = set(g.subjects(RDF.type, KG.Statement))
    assert statements
    for st in list(statements)[:200]:
        assert g.value(st, KG.rule) and g.value(st, KG.sentence)


@pytest.mark.parametrize("name", ["a b/c?d#e", "<script>", 'x"}\\n//', "中文 名", "GPT-4o", "%41"])
def test_iris_are_valid_for_any_name(name):
    node = iri(f"method:{name}")
    assert re.fullmatch(r"https://w3id\.org/kg-papers/id/method/[A-Za-z0-9\-._~%]+", str(node))
    g = Graph()
    g.add((node, RDF.type, KG.Method))
    again = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert (URIRef(str(node)), RDF.type, KG.Method) in again


def test_hostile_names_survive_turtle(seed_build):
    import copy

    G = copy.deepcopy(seed_build.graph)
    hostile = 'Evil "}\\ // \n name\'s'
    G.add_node("method:evil", label="Method", id="method:evil", name=hostile, aliases=["<b>x</b>"])
    g = Graph().parse(data=to_rdf(G).serialize(format="turtle"), format="turtle")
    from rdflib.namespace import RDFS

    assert str(g.value(iri("method:evil"), RDFS.label)) == hostile
