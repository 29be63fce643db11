"""The graph's schema, declared once: node labels, relation types and paper fields.

Every exporter (RDF, Cypher, Neo4j CSV, ladybug, Bolt push), the per-paper rows,
the enums in :mod:`kg.model` and the CLI derive from these tables, and
``tests/test_schema.py`` checks ``schemas/kg.ttl`` and ``schemas/shapes.ttl``
against them. Adding a relation type means one :class:`Relation` here, its term
in ``schemas/kg.ttl``, and the code that makes the edge.

Property kinds: ``str``, ``int``, ``float``, ``list`` (a list of strings) and ``ref``
(the id of another node: a string in Neo4j, an IRI in RDF).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Prop", "Label", "Relation", "LABELS", "ENTITY_LABELS", "RELATIONS", "PAPER_FIELDS",
    "label", "relation", "ROLE_FIELDS", "PREFIXES", "PAPER_COUNTS",
]


@dataclass(frozen=True)
class Prop:
    """A property of a node or relationship. ``rdf`` is its RDF predicate (CURIE)
    when the RDF export writes it directly on the node; ``lang`` tags a literal."""

    name: str
    kind: str = "str"
    rdf: str | None = None
    lang: str | None = None
    datatype: str | None = None  # xsd datatype of the literal (CURIE)


@dataclass(frozen=True)
class Label:
    name: str  # Neo4j label, graph ``label`` attribute and ladybug table
    rdf: str  # RDF class (CURIE)
    also: tuple[str, ...]  # further RDF classes of every node
    props: tuple[Prop, ...]
    entity: bool = False  # a Method, Dataset or Benchmark mention resolves to it


@dataclass(frozen=True)
class Relation:
    type: str  # Neo4j relationship type and the graph's edge ``type``
    rdf: str  # RDF property (CURIE)
    ends: tuple[tuple[str, str], ...]  # (start label, end label) pairs allowed
    props: tuple[Prop, ...]
    key: tuple[str, ...] = ()  # properties that, with the endpoints, identify one relationship
    statement: bool = False  # extracted: also written as a kg:Statement with its provenance
    row_field: str | None = None  # the field of ``papers.jsonl`` that lists its targets
    words: tuple[str, str] = ("", "")  # how a reader says it: start → end, end → start


PREFIXES = {
    "kg": "https://w3id.org/kg-papers/ns#",
    "id": "https://w3id.org/kg-papers/id/",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "cito": "http://purl.org/spar/cito/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}  # the CURIE prefixes of the columns below; predeclared in ``kg query --sparql``

PAPER_FIELDS: tuple[Prop, ...] = (
    Prop("title", rdf="dcterms:title", lang="en"),
    Prop("title_zh", rdf="dcterms:title", lang="zh"),
    Prop("abstract", rdf="dcterms:abstract", lang="en"),
    Prop("abstract_zh", rdf="dcterms:abstract", lang="zh"),
    Prop("arxiv_id", rdf="kg:arxivId"),
    Prop("doi", rdf="dcterms:identifier"),
    Prop("openalex_id", rdf="kg:openalexId"),
    Prop("s2_id", rdf="kg:semanticScholarId"),
    Prop("s2_paper_id", rdf="kg:semanticScholarPaperId"),
    Prop("url", rdf="schema:url", datatype="xsd:anyURI"),
    Prop("pdf_url", rdf="kg:pdfUrl", datatype="xsd:anyURI"),
    Prop("code_url", rdf="schema:codeRepository", datatype="xsd:anyURI"),
    Prop("year", "int", rdf="kg:year", datatype="xsd:gYear"),
    Prop("date", rdf="dcterms:date", datatype="xsd:date"),
    Prop("categories", "list", rdf="kg:category"),
    Prop("references", "list", rdf="kg:reference"),
    Prop("cited_by", "list", rdf="kg:citedBy"),
    Prop("sources", "list", rdf="kg:source"),
)
_ID = Prop("id")
_ENTITY_PROPS = (_ID, Prop("name", rdf="rdfs:label"), Prop("aliases", "list", rdf="skos:altLabel"))
# How many papers stand in a relation to an entity, and the entity's rank by that number among the entities
# of its label (1 = the most; ties by name, then id), kept on the entity (set by kg/counts.py once the graph is
# made): "which benchmarks do most papers evaluate on" reads the ranks up to 8, not every edge. xsd:integer
# because Oxigraph stores it inline (other integer types are strings to look up); the shapes hold the bounds.
def _count(name: str, term: str) -> tuple[Prop, Prop]:
    return (Prop(name, "int", rdf=f"kg:{term}", datatype="xsd:integer"),
            Prop(f"{name}_rank", "int", rdf=f"kg:{term}Rank", datatype="xsd:integer"))


PAPER_COUNTS: dict[str, tuple[Prop, Prop]] = {  # relation type → (count, rank)
    "PROPOSES": _count("papers_proposing", "papersProposing"),
    "USES": _count("papers_using", "papersUsing"),
    "USES_DATASET": _count("papers_using_dataset", "papersUsingDataset"),
    "EVALUATES_ON": _count("papers_evaluating", "papersEvaluatingOn"),
    "INTRODUCES": _count("papers_introducing", "papersIntroducing"),
}


def _counted(*types: str) -> tuple[Prop, ...]:
    return tuple(prop for t in types for prop in PAPER_COUNTS[t])

LABELS: tuple[Label, ...] = (
    Label("Paper", "kg:Paper", ("schema:ScholarlyArticle",), (_ID, *PAPER_FIELDS)),
    Label("Author", "kg:Author", ("schema:Person",), (_ID, Prop("name", rdf="schema:name"))),
    Label("Method", "kg:Method", (), (*_ENTITY_PROPS, *_counted("PROPOSES", "USES")), entity=True),
    Label("Dataset", "kg:Dataset", ("schema:Dataset",),
          (*_ENTITY_PROPS, *_counted("USES_DATASET", "INTRODUCES")), entity=True),
    Label("Benchmark", "kg:Benchmark", ("schema:Dataset",),
          (*_ENTITY_PROPS, *_counted("EVALUATES_ON", "INTRODUCES")), entity=True),
)
ENTITY_LABELS = tuple(lab.name for lab in LABELS if lab.entity)

_PROVENANCE = (Prop("paper"), Prop("sentence"), Prop("rule"), Prop("confidence", "float"))
_DATA = (("Paper", "Dataset"), ("Paper", "Benchmark"))

RELATIONS: tuple[Relation, ...] = (
    Relation("AUTHORED", "kg:authored", (("Author", "Paper"),), (Prop("position", "int"),),
             words=("wrote", "is written by")),
    Relation("PROPOSES", "kg:proposes", (("Paper", "Method"),), _PROVENANCE, statement=True, row_field="proposes",
             words=("proposes", "is proposed by")),
    Relation("USES", "kg:uses", (("Paper", "Method"),), _PROVENANCE, statement=True, row_field="uses",
             words=("uses", "is used by")),
    Relation("USES_DATASET", "kg:usesDataset", (("Paper", "Dataset"),), _PROVENANCE, statement=True,
             row_field="datasets", words=("uses dataset", "is a dataset used by")),
    Relation("EVALUATES_ON", "kg:evaluatesOn", _DATA[::-1], _PROVENANCE, statement=True, row_field="benchmarks",
             words=("evaluates on", "is the benchmark of")),
    Relation("INTRODUCES", "kg:introduces", _DATA, _PROVENANCE, statement=True, row_field="introduces",
             words=("introduces", "is introduced by")),
    Relation("OUTPERFORMS", "kg:outperforms", (("Method", "Method"),), _PROVENANCE, key=("paper",), statement=True,
             words=("outperforms", "is outperformed by")),
    Relation("BUILDS_ON", "kg:buildsOn", (("Paper", "Paper"),), (*_PROVENANCE, Prop("via")), key=("via",),
             statement=True, words=("builds on", "is built on by")),
    Relation("CITES", "kg:cites", (("Paper", "Paper"),), (Prop("paper"), Prop("rule")),
             words=("cites", "is cited by")),
    Relation("VARIANT_OF", "kg:variantOf", tuple((e, e) for e in ("Method", "Dataset", "Benchmark")), (Prop("rule"),),
             words=("is a variant of", "has the variant")),
)
ROLE_FIELDS = {r.type: r.row_field for r in RELATIONS if r.row_field}

_LABELS = {lab.name: lab for lab in LABELS}
_RELATIONS = {r.type: r for r in RELATIONS}


def label(name: str) -> Label:
    return _LABELS[name]


def relation(type_: str) -> Relation:
    return _RELATIONS[type_]
