"""RDF: Turtle (default) or JSON-LD, in the ontology of ``schemas/kg.ttl``.

Turtle is written as the triples are made, a subject's run of triples per block
(nodes and edges in id order, so the file is byte-stable): no rdflib Graph is
built, and memory stays that of the networkx graph. Its text is made directly (the
same triples as :func:`triples`, which tests check; rdflib only gives typed literals
their lexical form). JSON-LD goes through rdflib.

Node ids become IRIs under ``https://w3id.org/kg-papers/id/`` with every
character outside the unreserved set percent-encoded, so any input makes a
valid IRI. Each extracted edge also gets a ``kg:Statement`` (an
``rdf:Statement`` and ``prov:Entity``) carrying its paper, sentence, rule and confidence;
statement IRIs are hashes of their content, so two builds give the same file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.atomic import atomic_open, write_text
from kg.export.order import sorted_edges, sorted_nodes
from kg.gcpause import paused_gc
from kg.schema import LABELS, RELATIONS, Prop, label, relation
from kg.texts import expand, text_of
from kg.vocab import ID, KG, PREFIXES
from kg.vocab import curie as _curie

__all__ = ["iri", "triples", "to_rdf", "write_turtle", "write_jsonld"]

_PREFIX = {"doi": "doi:"}
_BOUND = ("kg", "id", "schema", "dcterms", "prov", "skos", "cito")
_ID_NS = PREFIXES["id"]  # dcterms:identifier says which scheme the identifier is in


@lru_cache(maxsize=1 << 16)
def iri(node_id: str) -> URIRef:
    """``method:gpt4o`` → ``…/id/method/gpt4o``; anything unsafe is percent-encoded."""
    kind, _, key = node_id.partition(":")
    return ID[f"{quote(kind, safe='')}/{quote(key, safe='')}"]


curie = lru_cache(maxsize=1024)(_curie)  # a few vocabulary terms, looked up for every triple


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


# literals that recur across statements (rules, confidences, positions, a sentence with several
# statements) are made once: building an rdflib Literal is most of the cost of a triple
@lru_cache(maxsize=1 << 14)
def _plain(text: str) -> Literal:
    return Literal(text)


@lru_cache(maxsize=1 << 10)
def _double(value: float) -> Literal:
    return Literal(value, datatype=XSD.double)


@lru_cache(maxsize=1 << 10)
def _position(n: int) -> Literal:
    return Literal(n, datatype=XSD.positiveInteger)


def triples(G: nx.MultiDiGraph) -> Iterator[tuple[URIRef, URIRef, Literal | URIRef]]:
    """The graph in the kg ontology, one triple at a time, a subject's triples together where they can be."""
    for nid, d in sorted_nodes(G):
        d = expand(G, d)
        node, lab = iri(nid), label(d["label"])
        for cls in (lab.rdf, *lab.also):
            yield node, RDF.type, curie(cls)
        for prop in lab.props:
            value = d.get(prop.name)
            if prop.rdf is None or value in (None, "", []):
                continue
            for item in value if prop.kind == "list" else [value]:
                yield node, curie(prop.rdf), _literal(prop, item)
    for u, v, _, d in sorted_edges(G):
        d = expand(G, d)
        rel = relation(d["type"])
        s, o, p = iri(u), iri(v), curie(rel.rdf)
        yield s, p, o
        if rel.type == "AUTHORED":
            qualified = ID[f"authorship/{quote(v.partition(':')[2], safe='')}/{d['position']}"]
            yield o, KG.authorship, qualified
            yield qualified, RDF.type, KG.Authorship
            yield qualified, KG.author, s
            yield qualified, KG.position, _position(d["position"])
        if not rel.statement:
            continue
        st = _statement_iri(u, d["type"], v, d["paper"], d.get("via", ""))
        yield st, RDF.type, KG.Statement
        yield st, RDF.subject, s
        yield st, RDF.predicate, p
        yield st, RDF.object, o
        yield st, PROV.wasDerivedFrom, iri(d["paper"])
        for name, term in (("sentence", KG.sentence), ("rule", KG.rule)):
            yield st, term, _plain(d[name])
        if d.get("confidence") is not None:
            yield st, KG.confidence, _double(round(float(d["confidence"]), 4))
        if d.get("via"):
            yield st, KG.via, iri(d["via"])


def _bind(g: Graph) -> Graph:
    for prefix in _BOUND:
        g.bind(prefix, PREFIXES[prefix])
    return g


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The graph in the kg ontology as an rdflib Graph (held in memory: JSON-LD and tests use it)."""
    g = _bind(Graph())
    for triple in triples(G):
        g.add(triple)
    return g


_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_END = " .\n"
_WRITTEN = ("kg", "id", "schema", "dcterms", "prov", "skos", "cito", "rdf", "rdfs", "xsd")
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')


def _escape(text: str) -> str:
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def _vocab(term: str) -> str:
    """A vocabulary IRI as a prefixed name when one of the declared prefixes covers it."""
    for prefix in _WRITTEN:
        ns = PREFIXES[prefix]
        if term.startswith(ns) and _LOCAL.fullmatch(term[len(ns):]):
            return f"{prefix}:{term[len(ns):]}"
    return f"<{term}>"


def _term(o: Literal | URIRef, short: dict[str, str]) -> str:
    if isinstance(o, Literal):
        text = f'"{_escape(str(o))}"'
        if o.language:
            return f"{text}@{o.language}"
        return f"{text}^^{_short(o.datatype, short)}" if o.datatype else text
    return f"<{o}>" if o.startswith(_ID_NS) else _short(o, short)


def _short(term: str, short: dict[str, str]) -> str:
    text = short.get(term)
    if text is None:
        text = short[term] = _vocab(term)
    return text


_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")  # what ``quote(..., safe='')`` leaves as it is


def _iri_text(node_id: str) -> str:
    """``<`` :func:`iri` ``>`` without building a URIRef (ids are mostly safe already)."""
    kind, _, key = node_id.partition(":")
    if _SAFE.fullmatch(kind) and _SAFE.fullmatch(key):
        return f"<{_ID_NS}{kind}/{key}>"
    return f"<{iri(node_id)}>"


def _blocks(G: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """The triples of :func:`triples` in the same order as Turtle text: (subject, its predicates and
    objects) per run of one subject's triples. Strings are made directly; rdflib only for typed literals."""
    short: dict[str, str] = {RDF.type: "a"}
    term = {c: _short(curie(c), short) for c in {*(x for lab in LABELS for x in (lab.rdf, *lab.also)),
                                                 *(p.rdf for lab in LABELS for p in lab.props if p.rdf),
                                                 *(p.datatype for lab in LABELS for p in lab.props if p.datatype),
                                                 *(r.rdf for r in RELATIONS)}}
    a_, authorship, kg_author, kg_position = (_short(t, short) for t in (RDF.type, KG.authorship, KG.author,
                                                                         KG.position))
    statement = (f"{a_} {_short(KG.Statement, short)} ;\n    {_short(RDF.subject, short)} ",
                 f" ;\n    {_short(RDF.predicate, short)} ", f" ;\n    {_short(RDF.object, short)} ",
                 f" ;\n    {_short(PROV.wasDerivedFrom, short)} ", f" ;\n    {_short(KG.sentence, short)} ",
                 f" ;\n    {_short(KG.rule, short)} ")
    confidence, via = f" ;\n    {_short(KG.confidence, short)} ", f" ;\n    {_short(KG.via, short)} "
    qualified_head = f"{a_} {_short(KG.Authorship, short)} ;\n    {kg_author} "
    iris: dict[str, str] = {}

    def node(nid: str) -> str:
        text = iris.get(nid)
        if text is None:
            text = iris[nid] = _iri_text(nid)
        return text

    typed: dict[tuple[str, Any], str] = {}  # (property, value) → text: years and dates recur

    def literal(prop: Prop, item: Any) -> str:
        if isinstance(item, str) and prop.kind in ("str", "list"):
            if prop.datatype is None:
                if prop.lang:
                    return f'"{_escape(item)}"@{prop.lang}'
                return f'"{_escape(_PREFIX.get(prop.name, "") + item)}"'
            if prop.datatype == "xsd:anyURI":  # rdflib keeps an anyURI's lexical form as it is
                return f'"{_escape(item)}"^^{term[prop.datatype]}'
        if type(item) in (str, int, float):  # not bool: True would share 1's entry
            text = typed.get((prop.name, item))
            if text is None:
                text = typed[(prop.name, item)] = _term(_literal(prop, item), short)  # rdflib's lexical form
            return text
        return _term(_literal(prop, item), short)

    shapes = {lab.name: (" ;\n    ".join(f"{a_} {term[c]}" for c in (lab.rdf, *lab.also)),
                         [(p, term[p.rdf]) for p in lab.props if p.rdf is not None]) for lab in LABELS}
    for nid, d in sorted_nodes(G):
        d = expand(G, d)
        classes, props = shapes[d["label"]]
        parts = [classes]
        for prop, pred in props:
            value = d.get(prop.name)
            if value is None or value == "" or value == []:
                continue
            if prop.kind == "list":
                parts.extend(f"{pred} {literal(prop, item)}" for item in value)
            else:
                parts.append(f"{pred} {literal(prop, value)}")
        yield node(nid), " ;\n    ".join(parts)
    doubles: dict[float, str] = {}

    def plain(text: Any) -> str:
        return f'"{_escape(text)}"' if isinstance(text, str) else _term(_plain(text), short)

    for u, v, _, d in sorted_edges(G):
        rel = relation(d["type"])
        s, o, p = node(u), node(v), term[rel.rdf]
        yield s, f"{p} {o}"
        if rel.type == "AUTHORED":
            position = d["position"]
            qualified = f"<{_ID_NS}authorship/{quote(v.partition(':')[2], safe='')}/{position}>"
            yield o, f"{authorship} {qualified}"
            yield qualified, f"{qualified_head}{s} ;\n    {kg_position} {_term(_position(position), short)}"
        if not rel.statement:
            continue
        st = f"<{_statement_iri(u, d['type'], v, d['paper'], d.get('via', ''))}>"
        text = (f"{statement[0]}{s}{statement[1]}{p}{statement[2]}{o}{statement[3]}{node(d['paper'])}"
                f"{statement[4]}{plain(text_of(G, d['sentence']))}{statement[5]}{plain(d['rule'])}")
        if d.get("confidence") is not None:
            value = round(float(d["confidence"]), 4)
            lexical = doubles.get(value)
            if lexical is None:
                lexical = doubles[value] = _term(_double(value), short)
            text += confidence + lexical
        if d.get("via"):
            text += via + node(d["via"])
        yield st, text


def _write_turtle_stream(G: nx.MultiDiGraph, handle: IO[str]) -> None:
    """Turtle written as the triples come: one block per run of a subject's triples, nothing held
    but a chunk of text."""
    handle.write("".join(f"@prefix {prefix}: <{PREFIXES[prefix]}> .\n" for prefix in _WRITTEN))
    previous = None
    chunk: list[str] = []
    for s, body in _blocks(G):
        if s == previous:
            chunk.append(f" ;\n    {body}")
        else:
            chunk.append(f"{_END if previous is not None else ''}\n{s} {body}")
            previous = s
        if len(chunk) >= 4096:
            handle.write("".join(chunk))
            chunk.clear()
    chunk.append(" .\n" if previous is not None else "")
    handle.write("".join(chunk))


def write_turtle(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "graph.ttl"
    with atomic_open(path) as handle, paused_gc():
        _write_turtle_stream(G, handle)
    return [path]


def write_jsonld(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "graph.jsonld"
    document = json.loads(to_rdf(G).serialize(format="json-ld"))
    write_text(path, json.dumps(_canonical(document), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return [path]


def _canonical(value: Any) -> Any:
    """rdflib lists nodes and a property's values in hash order, which differs between processes: sort
    every array (RDF values are unordered; ``@list`` arrays keep their order) so one graph is one text."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value
