"""RDF with rdflib: Turtle (default) or JSON-LD, in the ontology of ``schemas/kg.ttl``.

Node ids become IRIs under ``https://w3id.org/kg-papers/id/`` with every
character outside the unreserved set percent-encoded, so any input makes a
valid IRI. Each extracted edge also gets a ``kg:Statement`` (an
``rdf:Statement`` and ``prov:Entity``) carrying its paper, sentence, rule and confidence;
statement IRIs are hashes of their content, so two builds give the same file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.atomic import write_text
from kg.graph import edges_of, nodes_of
from kg.schema import Prop, label, relation
from kg.vocab import ID, KG, PREFIXES, curie

__all__ = ["iri", "to_rdf", "write_turtle", "write_jsonld"]

_PREFIX = {"doi": "doi:"}  # dcterms:identifier says which scheme the identifier is in


def iri(node_id: str) -> URIRef:
    """``method:gpt4o`` → ``…/id/method/gpt4o``; anything unsafe is percent-encoded."""
    kind, _, key = node_id.partition(":")
    return ID[f"{quote(kind, safe='')}/{quote(key, safe='')}"]


def _statement_iri(*parts: str) -> URIRef:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return ID[f"statement/{digest}"]


def _literal(prop: Prop, value: Any) -> Literal | URIRef:
    if prop.kind == "ref":
        return iri(value)
    if prop.lang:
        return Literal(value, lang=prop.lang)
    if prop.datatype == "xsd:gYear":
        return Literal(f"{value:04d}", datatype=XSD.gYear)
    if prop.datatype:
        return Literal(value, datatype=curie(prop.datatype))
    if prop.kind == "float":
        return Literal(value, datatype=XSD.double)
    return Literal(_PREFIX.get(prop.name, "") + value if isinstance(value, str) else value)


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The graph in the kg ontology; node and statement properties as the schema declares them."""
    g = Graph()
    for prefix in ("kg", "id", "schema", "dcterms", "prov", "skos", "cito"):
        g.bind(prefix, PREFIXES[prefix])
    for nid, d in nodes_of(G):
        node, lab = iri(nid), label(d["label"])
        for cls in (lab.rdf, *lab.also):
            g.add((node, RDF.type, curie(cls)))
        for prop in lab.props:
            value = d.get(prop.name)
            if prop.rdf is None or value in (None, "", []):
                continue
            for item in value if prop.kind == "list" else [value]:
                g.add((node, curie(prop.rdf), _literal(prop, item)))
    for u, v, _, d in edges_of(G):
        rel = relation(d["type"])
        s, o, p = iri(u), iri(v), curie(rel.rdf)
        g.add((s, p, o))
        if rel.type == "AUTHORED":
            qualified = ID[f"authorship/{quote(v.partition(':')[2], safe='')}/{d['position']}"]
            g.add((o, KG.authorship, qualified))
            g.add((qualified, RDF.type, KG.Authorship))
            g.add((qualified, KG.author, s))
            g.add((qualified, KG.position, Literal(d["position"], datatype=XSD.positiveInteger)))
        if not rel.statement:
            continue
        st = _statement_iri(u, d["type"], v, d["paper"], d.get("via", ""))
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, iri(d["paper"])))
        for name, term in (("sentence", KG.sentence), ("rule", KG.rule)):
            g.add((st, term, Literal(d[name])))
        if d.get("confidence") is not None:
            g.add((st, KG.confidence, Literal(round(float(d["confidence"]), 4), datatype=XSD.double)))
        if d.get("via"):
            g.add((st, KG.via, iri(d["via"])))
    return g


def write_turtle(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "graph.ttl"
    write_text(path, to_rdf(G).serialize(format="turtle"))
    return [path]


def write_jsonld(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "graph.jsonld"
    write_text(path, to_rdf(G).serialize(format="json-ld", indent=1, sort_keys=True) + "\n")
    return [path]
