"""Citation-style exploration: for a paper or an entity, what came before, what
builds on it and what is related (``kg explore``).

Prior and derivative works come from real ``CITES`` edges when the input had
references (OpenAlex, a ``references`` field) and from the inferred
``BUILDS_ON`` edges (:mod:`kg.lineage`), citations first. Related papers come
from :mod:`kg.related` (text similarity raised by shared rare entities).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.paper_rows import authors_of
from kg.related import RelatedIndex
from kg.schema import ROLE_FIELDS
from kg.search import NotFound, resolve

__all__ = ["find_node", "explore", "explore_paper", "explore_entity", "lineage_of"]


def find_node(G: nx.MultiDiGraph, text: str) -> str | None:
    """The node a user means by ``text`` (see :func:`kg.search.search`), or None when nothing matches
    except fuzzily."""
    try:
        return resolve(G, text)
    except NotFound:
        return None


def _paper_item(G: nx.MultiDiGraph, pid: str, **extra: Any) -> dict[str, Any]:
    d = G.nodes[pid]
    return {"id": pid, "title": d["title"], "year": d.get("year"), **extra}


def _entity_item(G: nx.MultiDiGraph, nid: str, **extra: Any) -> dict[str, Any]:
    d = G.nodes[nid]
    return {"id": nid, "name": d["name"], "type": d["label"], **extra}


def _by_year(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda i: (i.get("year") is None, i.get("year") or 0, i.get("title", i.get("name", ""))))


def _add_lineage(G: nx.MultiDiGraph, works: dict[str, dict[str, Any]], other: str, edge: dict[str, Any],
                 names: nx.MultiDiGraph | None = None) -> None:
    """Record ``other`` as a prior/derivative work when ``edge`` is a citation or an inferred BUILDS_ON
    (its ``via`` entity named from ``names``, default ``G``)."""
    if edge["type"] not in ("BUILDS_ON", "CITES"):
        return
    item = works.setdefault(other, _paper_item(G, other, via=[], cites=False, confidence=0.0, evidence=[]))
    if edge["type"] == "CITES":
        item["cites"] = True
        item["confidence"] = 1.0
    else:
        via, names = edge["via"], G if names is None else names
        # a view (an overview page) that left the entity out and was given no ``names``: its id still names it
        name = names.nodes[via]["name"] if via in names else str(via).split(":", 1)[-1]
        item["via"].append(name)
        item["evidence"].append({"via": name, "sentence": edge.get("sentence") or ""})
        item["confidence"] = max(item["confidence"], float(edge.get("confidence", 1.0)))


def _ranked(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citations first, then inferred links by confidence, each group oldest first."""
    return sorted(items, key=lambda i: (not i["cites"], -i["confidence"], i.get("year") is None, i.get("year") or 0,
                                        i["id"]))


def lineage_of(G: nx.MultiDiGraph, pid: str,
               names: nx.MultiDiGraph | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(prior works, derivative works) of paper ``pid``: real citations above inferred BUILDS_ON links.
    ``names`` is the graph the entities a link runs through are named from when ``G`` is a view that
    may have left them out (an overview page: the whole graph); default ``G``."""
    prior: dict[str, dict[str, Any]] = {}
    derivative: dict[str, dict[str, Any]] = {}
    for _, v, e in sorted(G.out_edges(pid, data=True), key=lambda x: x[1]):
        _add_lineage(G, prior, v, e, names)
    for u, _, e in sorted(G.in_edges(pid, data=True), key=lambda x: x[0]):
        _add_lineage(G, derivative, u, e, names)
    return _ranked(list(prior.values())), _ranked(list(derivative.values()))


def explore_paper(G: nx.MultiDiGraph, pid: str, index: RelatedIndex | None = None) -> dict[str, Any]:
    d = G.nodes[pid]
    out: dict[str, Any] = {"kind": "Paper", **_paper_item(G, pid)}
    for key in ("abstract", "arxiv_id", "url", "pdf_url", "code_url"):
        if d.get(key):
            out[key] = d[key]
    out["authors"] = authors_of(G, pid)
    for role in ROLE_FIELDS.values():
        out[role] = []
    for _, v, e in sorted(G.out_edges(pid, data=True), key=lambda x: x[1]):
        role = ROLE_FIELDS.get(e["type"])
        if role and not any(i["id"] == v for i in out[role]):
            out[role].append(_entity_item(G, v, sentence=e.get("sentence"), rule=e.get("rule")))
    out["prior_works"], out["derivative_works"] = lineage_of(G, pid)
    out["related"] = (index or RelatedIndex(G)).related(pid)
    return out


def explore_entity(G: nx.MultiDiGraph, nid: str) -> dict[str, Any]:
    d = G.nodes[nid]
    out: dict[str, Any] = {"kind": d["label"], **_entity_item(G, nid), "aliases": list(d.get("aliases", []))}
    proposed, used, introduced = [], [], []
    for u, _, e in sorted(G.in_edges(nid, data=True), key=lambda x: x[0]):
        if G.nodes[u]["label"] != "Paper":
            continue
        item = _paper_item(G, u, sentence=e.get("sentence"))
        if e["type"] == "PROPOSES":
            proposed.append(item)
        elif e["type"] == "INTRODUCES":
            introduced.append(item)
        elif e["type"] in ("USES", "USES_DATASET", "EVALUATES_ON") and all(i["id"] != u for i in used):
            used.append(item)
    out["proposed_by"] = _by_year(proposed)
    out["introduced_by"] = _by_year(introduced)
    out["used_by"] = _by_year(used)
    benchmarks: dict[str, int] = defaultdict(int)
    for paper in {i["id"] for i in proposed + used}:
        for _, v, e in G.out_edges(paper, data=True):
            if e["type"] == "EVALUATES_ON" and v != nid:
                benchmarks[v] += 1
    out["benchmarks"] = [_entity_item(G, b, papers=n) for b, n in
                         sorted(benchmarks.items(), key=lambda x: (-x[1], G.nodes[x[0]]["name"]))]
    out["outperforms"] = [_entity_item(G, v, paper=e.get("paper"), sentence=e.get("sentence"))
                          for _, v, e in sorted(G.out_edges(nid, data=True), key=lambda x: x[1])
                          if e["type"] == "OUTPERFORMS"]
    out["outperformed_by"] = [_entity_item(G, u, paper=e.get("paper"), sentence=e.get("sentence"))
                              for u, _, e in sorted(G.in_edges(nid, data=True), key=lambda x: x[0])
                              if e["type"] == "OUTPERFORMS"]
    return out


def explore(G: nx.MultiDiGraph, query: str) -> dict[str, Any]:
    """What the graph says around ``query`` (a title, an arXiv id or an entity name).

    Raises :class:`kg.search.NotFound` (with "did you mean" suggestions) when nothing matches.
    """
    nid = resolve(G, query)
    label = G.nodes[nid]["label"]
    if label == "Paper":
        return explore_paper(G, nid)
    if label == "Author":
        papers = [_paper_item(G, v) for _, v, e in G.out_edges(nid, data=True) if e["type"] == "AUTHORED"]
        return {"kind": "Author", "id": nid, "name": G.nodes[nid]["name"], "papers": _by_year(papers)}
    return explore_entity(G, nid)
