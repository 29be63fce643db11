"""The knowledge graph: one networkx MultiDiGraph with stable ids (a :class:`kg.compact.KGraph`: the same
API, with per-edge containers smaller than networkx's dicts).

Node attributes: ``label`` (Paper, Author, Method, Dataset, Benchmark) and the
node's properties. Edge attributes: ``type`` (the Neo4j relationship type) and
for extracted edges the provenance ``paper``, ``sentence`` and ``rule``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

import networkx as nx

from kg import schema
from kg.counts import add_paper_counts
from kg.compact import KGraph
from kg.extract.resolve import Resolution
from kg.ids import node_id
from kg.lineage import add_builds_on
from kg.model import Extraction, Paper, Predicate

__all__ = ["make_graph", "drop_below", "nodes_of", "edges_of", "counts"]

PAPER_FIELDS = tuple(p.name for p in schema.PAPER_FIELDS)


def make_graph(papers: Sequence[Paper], extractions: Iterable[Extraction], resolution: Resolution) -> nx.MultiDiGraph:
    G = KGraph()  # networkx's MultiDiGraph with small per-edge containers (kg.compact)
    authors: dict[str, str] = {}  # name → its node's id: one id string per author, not one per paper
    for paper in papers:
        props = {k: getattr(paper, k) for k in PAPER_FIELDS if getattr(paper, k) not in (None, [], "")}
        G.add_node(paper.id, label="Paper", id=paper.id, **props)
        for position, author in enumerate(paper.authors, start=1):
            aid = authors.get(author)
            if aid is None:
                aid = authors[author] = node_id("author", author)
                if aid not in G:
                    G.add_node(aid, label="Author", id=aid, name=author, aliases=[])
                else:
                    aid = authors[author] = G.nodes[aid]["id"]
            G.add_edge(aid, paper.id, key="AUTHORED", type="AUTHORED", position=position)
    del authors
    paper_ids = {p.id: p.id for p in papers}  # an extraction's paper id → the node's own id string
    for entity in sorted(resolution.entities.values(), key=lambda e: e.id):
        G.add_node(entity.id, label=entity.type.value, id=entity.id, name=entity.name, aliases=entity.aliases)
    for entity in resolution.entities.values():
        if entity.family is not None:  # a size or tune of another entity (Llama-3-8B of Llama 3)
            G.add_edge(entity.id, entity.family, key="VARIANT_OF", type="VARIANT_OF", rule="resolution.variant")
    shared: dict[Any, Any] = {}
    one = shared.setdefault  # one object per rule and confidence value, not one per edge
    for ex in extractions:
        pid = paper_ids.get(ex.paper_id, ex.paper_id)
        sentences: dict[str, str] = {}  # one object per sentence of the paper, however many edges cite it
        for m in ex.mentions:
            entity = resolution.entity_of(m.type, m.name, ex.paper_id)
            prov = {"paper": pid, "sentence": sentences.setdefault(m.sentence, m.sentence),
                    "rule": one(m.rule, m.rule), "confidence": one(m.confidence, m.confidence)}
            role = m.role.value
            if m.role in (Predicate.USES_DATASET, Predicate.EVALUATES_ON):  # type settled corpus-wide
                role = "EVALUATES_ON" if entity.type.value == "Benchmark" else "USES_DATASET"
            G.add_edge(pid, entity.id, key=role, type=role, **prov)
            if m.introduced and entity.type.value != "Method":
                G.add_edge(pid, entity.id, key="INTRODUCES", type="INTRODUCES", **prov)
        kinds = {m.name: m.type for m in ex.mentions}
        for r in ex.relations:
            a = resolution.entity_of(kinds[r.subject], r.subject, ex.paper_id)
            b = resolution.entity_of(kinds[r.object], r.object, ex.paper_id)
            if a.id != b.id:
                G.add_edge(a.id, b.id, key=f"{r.predicate.value}|{pid}", type=r.predicate.value,
                           paper=pid, sentence=sentences.setdefault(r.sentence, r.sentence),
                           rule=one(r.rule, r.rule), confidence=one(r.confidence, r.confidence))
    del paper_ids
    _add_citations(G, papers)
    add_builds_on(G)
    return add_paper_counts(G)


def _add_citations(G: nx.MultiDiGraph, papers: list[Paper]) -> None:
    """Real ``CITES`` edges for references (and citing papers, ``cited_by``) that name
    another paper of the corpus."""
    index: dict[str, str] = {}
    for p in papers:
        for key in (f"arxiv:{p.arxiv_id}" if p.arxiv_id else None, f"doi:{p.doi.lower()}" if p.doi else None,
                    f"openalex:{p.openalex_id}" if p.openalex_id else None, f"s2:{p.s2_id}" if p.s2_id else None,
                    f"s2paper:{p.s2_paper_id}" if p.s2_paper_id else None):
            if key:
                index.setdefault(key, p.id)
    for p in papers:
        for ref in p.references:
            target = index.get(ref)
            if target and target != p.id:
                G.add_edge(p.id, target, key="CITES", type="CITES", paper=p.id, rule="input.references")
    for p in papers:
        for ref in p.cited_by:
            citing = index.get(ref)
            if citing and citing != p.id and not G.has_edge(citing, p.id, "CITES"):
                G.add_edge(citing, p.id, key="CITES", type="CITES", paper=p.id, rule="input.cited_by")


def drop_below(G: nx.MultiDiGraph, min_confidence: float) -> nx.MultiDiGraph:
    """Remove statements whose confidence is below ``min_confidence``, then the entities no edge
    reaches any more, then the lineage links (``via``) that ran through one of them: a link's confidence
    is rounded, so it can pass a threshold its evidence missed. Input facts (authorship, citations) have
    no confidence and always stay."""
    weak = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
            if d.get("confidence") is not None and d["confidence"] < min_confidence]
    G.remove_edges_from(weak)
    entity_labels = set(schema.ENTITY_LABELS)
    G.remove_nodes_from([n for n, d in list(G.nodes(data=True)) if d["label"] in entity_labels and G.degree(n) == 0])
    G.remove_edges_from([(u, v, k) for u, v, k, via in G.edges(keys=True, data="via") if via and via not in G])
    return add_paper_counts(G)


def nodes_of(G: nx.MultiDiGraph, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Nodes in id order (optionally of one label): the order every exporter writes."""
    chosen = G.nodes(data=True) if label is None else ((n, d) for n, d in G.nodes(data=True) if d["label"] == label)
    yield from sorted(chosen, key=itemgetter(0))


def edges_of(G: nx.MultiDiGraph, type_: str | None = None) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Edges in (source, target, key) order (optionally of one type)."""
    edges = G.edges(keys=True, data=True)
    chosen = edges if type_ is None else (e for e in edges if e[3]["type"] == type_)
    yield from sorted(chosen, key=itemgetter(0, 1, 2))


def counts(G: nx.MultiDiGraph) -> tuple[dict[str, int], dict[str, int]]:
    nodes = Counter(d["label"] for _, d in G.nodes(data=True))
    edges = Counter(d["type"] for _, _, d in G.edges(data=True))
    return dict(sorted(nodes.items())), dict(sorted(edges.items()))
