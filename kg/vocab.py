"""The kg namespace as Python names; ``schemas/kg.ttl`` is the source of truth.

``tests/test_rdf.py`` checks that the terms here are exactly those the ontology
defines, so a typo such as ``KG.usesDatset`` raises instead of minting a term.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "KG_NS", "ID", "SCHEMA", "CITO"]

KG_NS = "https://w3id.org/kg-papers/ns#"
ID = Namespace("https://w3id.org/kg-papers/id/")
SCHEMA = Namespace("https://schema.org/")
CITO = Namespace("http://purl.org/spar/cito/")


class KG(DefinedNamespace):
    _NS = Namespace(KG_NS)
    _fail = True

    Paper: URIRef
    Author: URIRef
    Entity: URIRef
    Method: URIRef
    Dataset: URIRef
    Benchmark: URIRef
    Authorship: URIRef
    Statement: URIRef
    neo4jType: URIRef
    authored: URIRef
    proposes: URIRef
    uses: URIRef
    usesDataset: URIRef
    evaluatesOn: URIRef
    introduces: URIRef
    outperforms: URIRef
    buildsOn: URIRef
    cites: URIRef
    openalexId: URIRef
    reference: URIRef
    via: URIRef
    authorship: URIRef
    author: URIRef
    position: URIRef
    arxivId: URIRef
    year: URIRef
    pdfUrl: URIRef
    source: URIRef
    category: URIRef
    sentence: URIRef
    rule: URIRef
