from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.export.rdf import iri, to_rdf
from kg.vocab import KG
from tests.conftest import ROOT


def test_turtle_reparses_with_every_paper(seed_out, seed_build):
    g = Graph().parse(seed_out / "graph.ttl", format="turtle")
    assert len(set(g.subjects(RDF.type, KG.Paper))) == len(seed_build.papers) == 301
    j = Graph().parse(seed_out / "graph.jsonld", format="json-ld")
    assert len(j) == len(g)


def _validate(data: Graph) -> tuple[bool, str]:
    """SHACL with the ontology mixed in and no inference (RDFS inference would type every
    object by its property's range and so hide exactly the errors the shapes look for)."""
    pyshacl = pytest.importorskip("pyshacl")
    ontology = Graph().parse(ROOT / "schemas" / "kg.ttl", format="turtle")
    shapes = Graph().parse(ROOT / "schemas" / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return conforms, text


def test_build_passes_shacl_shapes(seed_out):
    conforms, text = _validate(Graph().parse(seed_out / "graph.ttl", format="turtle"))
    assert conforms, text


@pytest.mark.parametrize("broken", ["range", "domain", "confidence"])
def test_shapes_catch_a_broken_graph(tmp_path, broken):
    from kg.build import build

    build([ROOT / "examples"], tmp_path, ["turtle"])
    data = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    paper = next(iter(sorted(data.subjects(RDF.type, KG.Paper))))
    method = next(iter(sorted(data.subjects(RDF.type, KG.Method))))
    if broken == "range":
        data.add((paper, KG.proposes, paper))  # a paper is not a Method
    elif broken == "domain":
        data.add((paper, KG.outperforms, method))  # only a method outperforms
    else:
        statement = next(iter(sorted(data.subjects(RDF.type, KG.Statement))))
        data.set((statement, KG.confidence, Literal(1.5, datatype=XSD.double)))
    conforms, text = _validate(data)
    assert not conforms, text


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
