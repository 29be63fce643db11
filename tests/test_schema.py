"""kg/schema.py is the one declaration of labels, relations and paper fields: the ontology, the
shapes, the model and the exporters must agree with it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg import schema
from kg.export.cypher_queries import LABELS, REL_KEYS
from kg.export.ladybug_db import SCHEMA as LADYBUG
from kg.model import EntityType, Paper, Predicate
from kg.vocab import KG, KG_NS, curie, kg_terms
from tests.conftest import ROOT

ONTOLOGY = Graph().parse(ROOT / "schemas" / "kg.ttl", format="turtle")
SHAPES = Graph().parse(ROOT / "schemas" / "shapes.ttl", format="turtle")
SH = "http://www.w3.org/ns/shacl#"


def _superclasses(cls: URIRef) -> set[URIRef]:
    return set(ONTOLOGY.transitive_objects(cls, RDFS.subClassOf))


def test_vocab_is_exactly_what_the_ontology_defines():
    defined = {str(s)[len(KG_NS):] for s in ONTOLOGY.subjects() if str(s).startswith(KG_NS) and str(s) != KG_NS}
    assert defined == set(kg_terms())
    with pytest.raises(AttributeError):
        KG.usesDatset  # noqa: B018


@pytest.mark.parametrize("rel", schema.RELATIONS, ids=lambda r: r.type)
def test_every_relation_is_in_the_ontology_with_its_ends(rel):
    term = curie(rel.rdf)
    assert (term, RDF.type, OWL.ObjectProperty) in ONTOLOGY
    assert str(ONTOLOGY.value(term, KG.neo4jType)) == rel.type
    domain, range_ = ONTOLOGY.value(term, RDFS.domain), ONTOLOGY.value(term, RDFS.range)
    for start, end in rel.ends:
        assert domain in _superclasses(curie(schema.label(start).rdf)), (rel.type, start)
        assert range_ in _superclasses(curie(schema.label(end).rdf)), (rel.type, end)


@pytest.mark.parametrize("lab", schema.LABELS, ids=lambda lab: lab.name)
def test_every_label_is_a_class_of_the_ontology(lab):
    cls = curie(lab.rdf)
    assert (cls, RDF.type, OWL.Class) in ONTOLOGY
    for also in lab.also:
        assert curie(also) in _superclasses(cls)


def test_the_relation_check_targets_the_ontology_node():
    ontology_iri = URIRef(KG_NS.rstrip("#"))
    assert (ontology_iri, RDF.type, OWL.Ontology) in ONTOLOGY
    assert (URIRef(KG_NS + "RelationEndsShape"), URIRef(SH + "targetNode"), ontology_iri) in SHAPES


def test_every_property_term_of_the_shapes_exists():
    paths = {p for p in SHAPES.objects(None, URIRef(SH + "path")) if str(p).startswith(KG_NS)}
    assert paths and all(str(p)[len(KG_NS):] in kg_terms() for p in paths)


def test_model_and_exporters_derive_from_the_schema():
    assert {f.name for f in schema.PAPER_FIELDS} == set(Paper.model_fields) - {"id", "authors"}
    assert [e.value for e in EntityType] == list(schema.ENTITY_LABELS)
    assert [p.value for p in Predicate] == [r.type for r in schema.RELATIONS]
    assert LABELS == tuple(lab.name for lab in schema.LABELS)
    assert REL_KEYS == {"OUTPERFORMS": ("paper",), "BUILDS_ON": ("via",)}
    assert set(LADYBUG["rels"]) == {r.type for r in schema.RELATIONS}
    assert LADYBUG["rels"]["EVALUATES_ON"][0] == [("Paper", "Benchmark"), ("Paper", "Dataset")]


def test_every_relation_reads_in_words_and_the_page_knows_every_label():
    from kg.viz.payload import COLORS, EDGE_STYLES, SHAPES

    assert all(r.words[0] and r.words[1] for r in schema.RELATIONS)
    assert list(COLORS) == list(SHAPES) == [lab.name for lab in schema.LABELS]
    assert set(EDGE_STYLES) - {"RELATED"} <= {r.type for r in schema.RELATIONS}
