"""RDF with rdflib: Turtle (default) or JSON-LD, in the ontology of ``schemas/kg.ttl``.

Node ids become IRIs under ``https://w3id.org/kg-papers/id/`` with every
character outside the unreserved set percent-encoded, so any input makes a
valid IRI. Each extracted edge also gets a ``kg:Statement`` (an
``rdf:Statement`` and ``prov:Entity``) carrying its paper, sentence and rule;
statement IRIs are hashes of their content, so two builds give the same file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.atomic import write_text
from kg.graph import edges_of, nodes_of
from kg.vocab import ID, KG, SCHEMA

__all__ = ["iri", "to_rdf", "write_turtle", "write_jsonld", "PREDICATES"]

PREDICATES = {
    "AUTHORED": KG.authored,
    "PROPOSES": KG.proposes,
    "USES": KG.uses,
    "USES_DATASET": KG.usesDataset,
    "EVALUATES_ON": KG.evaluatesOn,
    "INTRODUCES": KG.introduces,
    "OUTPERFORMS": KG.outperforms,
    "BUILDS_ON": KG.buildsOn,
    "CITES": KG.cites,
}
CLASSES = {"Paper": KG.Paper, "Author": KG.Author, "Method": KG.Method, "Dataset": KG.Dataset,
           "Benchmark": KG.Benchmark}


def iri(node_id: str) -> URIRef:
    """``method:gpt4o`` → ``…/id/method/gpt4o``; anything unsafe is percent-encoded."""
    kind, _, key = node_id.partition(":")
    return ID[f"{quote(kind, safe='')}/{quote(key, safe='')}"]


def _statement_iri(*parts: str) -> URIRef:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return ID[f"statement/{digest}"]


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    g = Graph()
    for prefix, ns in (("kg", str(KG)), ("id", str(ID)), ("schema", str(SCHEMA)), ("dcterms", str(DCTERMS)),
                       ("prov", str(PROV)), ("skos", str(SKOS)), ("cito", "http://purl.org/spar/cito/")):
        g.bind(prefix, ns)
    for nid, d in nodes_of(G):
        node = iri(nid)
        g.add((node, RDF.type, CLASSES[d["label"]]))
        if d["label"] == "Paper":
            g.add((node, RDF.type, SCHEMA.ScholarlyArticle))
            g.add((node, DCTERMS.title, Literal(d["title"], lang="en")))
            if d.get("title_zh"):
                g.add((node, DCTERMS.title, Literal(d["title_zh"], lang="zh")))
            if d.get("abstract"):
                g.add((node, DCTERMS.abstract, Literal(d["abstract"], lang="en")))
            if d.get("abstract_zh"):
                g.add((node, DCTERMS.abstract, Literal(d["abstract_zh"], lang="zh")))
            if d.get("arxiv_id"):
                g.add((node, KG.arxivId, Literal(d["arxiv_id"])))
            if d.get("doi"):
                g.add((node, DCTERMS.identifier, Literal(f"doi:{d['doi']}")))
            for key, prop in (("url", SCHEMA.url), ("pdf_url", KG.pdfUrl), ("code_url", SCHEMA.codeRepository)):
                if d.get(key):
                    g.add((node, prop, Literal(d[key], datatype=XSD.anyURI)))
            if d.get("year"):
                g.add((node, KG.year, Literal(f"{d['year']:04d}", datatype=XSD.gYear)))
            if d.get("date"):
                g.add((node, DCTERMS.date, Literal(d["date"], datatype=XSD.date)))
            if d.get("openalex_id"):
                g.add((node, KG.openalexId, Literal(d["openalex_id"])))
            for ref in d.get("references", []):
                g.add((node, KG.reference, Literal(ref)))
            for source in d.get("sources", []):
                g.add((node, KG.source, Literal(source)))
            for category in d.get("categories", []):
                g.add((node, KG.category, Literal(category)))
        elif d["label"] == "Author":
            g.add((node, RDF.type, SCHEMA.Person))
            g.add((node, SCHEMA.name, Literal(d["name"])))
        else:
            if d["label"] in ("Dataset", "Benchmark"):
                g.add((node, RDF.type, SCHEMA.Dataset))
            g.add((node, RDFS.label, Literal(d["name"])))
            for alias in d.get("aliases", []):
                g.add((node, SKOS.altLabel, Literal(alias)))
    for u, v, _, d in edges_of(G):
        s, o, p = iri(u), iri(v), PREDICATES[d["type"]]
        g.add((s, p, o))
        if d["type"] == "AUTHORED":
            qualified = ID[f"authorship/{quote(v.partition(':')[2], safe='')}/{d['position']}"]
            g.add((o, KG.authorship, qualified))
            g.add((qualified, RDF.type, KG.Authorship))
            g.add((qualified, KG.author, s))
            g.add((qualified, KG.position, Literal(d["position"], datatype=XSD.positiveInteger)))
            continue
        if not d.get("sentence"):
            continue  # input data (CITES), not an extracted statement
        st = _statement_iri(u, d["type"], v, d["paper"], d.get("via", ""))
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, iri(d["paper"])))
        g.add((st, KG.sentence, Literal(d["sentence"])))
        g.add((st, KG.rule, Literal(d["rule"])))
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
