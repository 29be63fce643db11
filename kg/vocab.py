"""The kg namespace as Python names, and CURIEs → IRIs.

The terms of ``KG`` are the schema's (:mod:`kg.schema`: classes, relation and
property terms) plus the few structural ones listed here; ``KG`` is closed, so a
typo such as ``KG.usesDatset`` raises instead of minting a term.
``tests/test_schema.py`` checks that they are exactly the terms ``schemas/kg.ttl`` defines.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import ClosedNamespace

from kg.schema import LABELS, PAPER_FIELDS, PREFIXES, RELATIONS

__all__ = ["KG", "KG_NS", "ID", "SCHEMA", "CITO", "PREFIXES", "curie", "kg_terms"]

KG_NS = PREFIXES["kg"]
ID = Namespace(PREFIXES["id"])
SCHEMA = Namespace(PREFIXES["schema"])
CITO = Namespace(PREFIXES["cito"])

# terms of the ontology's own structure, not tied to one label, relation or property
_STRUCTURAL = ("Entity", "Authorship", "Statement", "neo4jType", "authorship", "author", "position", "sentence",
               "rule", "confidence", "via")


def kg_terms() -> list[str]:
    """Every local name the kg namespace defines."""
    curies = [lab.rdf for lab in LABELS] + [r.rdf for r in RELATIONS]
    curies += [p.rdf for lab in LABELS for p in lab.props if p.rdf] + [p.rdf for p in PAPER_FIELDS if p.rdf]
    names = {c.partition(":")[2] for c in curies if c.startswith("kg:")} | set(_STRUCTURAL)
    return sorted(names)


KG = ClosedNamespace(KG_NS, kg_terms())


def curie(value: str) -> URIRef:
    """``dcterms:title`` → its IRI; the prefixes are :data:`PREFIXES`."""
    prefix, _, local = value.partition(":")
    return URIRef(PREFIXES[prefix] + local)
