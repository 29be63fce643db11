"""Citation-style exploration: for a paper or an entity, what came before, what
builds on it and what is related (``kg explore``).

Prior and derivative works come from real ``CITES`` edges when the input had
references (OpenAlex, a ``references`` field) and from the inferred
``BUILDS_ON`` edges otherwise. Related papers share methods, datasets and
benchmarks, weighted like Adamic–Adar: a shared entity counts 1/log(n) where n
is how many papers name it, so a rare shared method says more than GPT-4.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from kg.ids import fold, parse_arxiv_id

__all__ = ["find_node", "explore", "explore_paper", "explore_entity"]

ENTITY_LABELS = ("Method", "Dataset", "Benchmark")
_ROLE_OF_EDGE = {"PROPOSES": "proposes", "USES": "uses", "USES_DATASET": "datasets",
                 "EVALUATES_ON": "benchmarks", "INTRODUCES": "introduces"}


def find_node(G: nx.MultiDiGraph, text: str) -> str | None:
    """The node a user means by ``text``: a node id, an arXiv id, an entity name or alias, or a title.

    Matching forgives case, punctuation and spacing; exact names beat title prefixes,
    which beat words found inside a title.
    """
    if text in G:
        return text
    arxiv = parse_arxiv_id(text)
    if arxiv and f"arxiv:{arxiv}" in G:
        return f"arxiv:{arxiv}"
    key = fold(text)
    if not key:
        return None
    best: tuple[int, int, str] | None = None
    for nid, data in G.nodes(data=True):
        label = data["label"]
        if label in ENTITY_LABELS or label == "Author":
            names = [data["name"], *data.get("aliases", [])]
            rank = 0 if any(fold(n) == key for n in names) else None
        else:
            title = fold(data.get("title", ""))
            titles = [title, fold(data.get("title_zh") or "")]
            if key in titles:
                rank = 0
            elif any(t.startswith(key) for t in titles if t):
                rank = 1
            elif any(key in t for t in titles if t):
                rank = 2
            else:
                rank = None
        if rank is not None:
            candidate = (rank, -G.degree(nid), nid)
            best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def _paper_item(G: nx.MultiDiGraph, pid: str, **extra: Any) -> dict[str, Any]:
    d = G.nodes[pid]
    return {"id": pid, "title": d["title"], "year": d.get("year"), **extra}


def _entity_item(G: nx.MultiDiGraph, nid: str, **extra: Any) -> dict[str, Any]:
    d = G.nodes[nid]
    return {"id": nid, "name": d["name"], "type": d["label"], **extra}


def _by_year(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda i: (i.get("year") is None, i.get("year") or 0, i.get("title", i.get("name", ""))))


def _papers_naming(G: nx.MultiDiGraph, nid: str) -> set[str]:
    return {u for u, _, d in G.in_edges(nid, data=True) if G.nodes[u]["label"] == "Paper"}


def related_papers(G: nx.MultiDiGraph, pid: str, limit: int = 10) -> list[dict[str, Any]]:
    scores: dict[str, float] = defaultdict(float)
    shared: dict[str, set[str]] = defaultdict(set)
    entities = {v for _, v in G.out_edges(pid) if G.nodes[v]["label"] in ENTITY_LABELS}
    for entity in entities:
        papers = _papers_naming(G, entity)
        if len(papers) < 2:
            continue
        weight = 1 / math.log(len(papers))
        for other in papers - {pid}:
            scores[other] += weight
            shared[other].add(G.nodes[entity]["name"])
    ranked = sorted(scores, key=lambda p: (-scores[p], G.nodes[p]["title"]))[:limit]
    return [_paper_item(G, p, score=round(scores[p], 3), shared=sorted(shared[p])) for p in ranked]


def _add_lineage(G: nx.MultiDiGraph, works: dict[str, dict[str, Any]], other: str, edge: dict[str, Any]) -> None:
    """Record ``other`` as a prior/derivative work when ``edge`` is a citation or an inferred BUILDS_ON."""
    if edge["type"] not in ("BUILDS_ON", "CITES"):
        return
    item = works.setdefault(other, _paper_item(G, other, via=[], cites=False))
    if edge["type"] == "CITES":
        item["cites"] = True
    else:
        item["via"].append(G.nodes[edge["via"]]["name"])


def explore_paper(G: nx.MultiDiGraph, pid: str) -> dict[str, Any]:
    d = G.nodes[pid]
    out: dict[str, Any] = {"kind": "Paper", **_paper_item(G, pid)}
    for key in ("arxiv_id", "url", "pdf_url", "code_url"):
        if d.get(key):
            out[key] = d[key]
    out["authors"] = [G.nodes[a]["name"] for a, _, e in sorted(G.in_edges(pid, data=True),
                      key=lambda e: e[2].get("position", 0)) if e["type"] == "AUTHORED"]
    for role in _ROLE_OF_EDGE.values():
        out[role] = []
    prior: dict[str, dict[str, Any]] = {}
    derivative: dict[str, dict[str, Any]] = {}
    for _, v, e in sorted(G.out_edges(pid, data=True), key=lambda x: x[1]):
        role = _ROLE_OF_EDGE.get(e["type"])
        if role and not any(i["id"] == v for i in out[role]):
            out[role].append(_entity_item(G, v, sentence=e.get("sentence"), rule=e.get("rule")))
        _add_lineage(G, prior, v, e)
    for u, _, e in sorted(G.in_edges(pid, data=True), key=lambda x: x[0]):
        _add_lineage(G, derivative, u, e)
    out["prior_works"] = _by_year(list(prior.values()))
    out["derivative_works"] = _by_year(list(derivative.values()))
    out["related"] = related_papers(G, pid)
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
    """What the graph says around ``query`` (a title, an arXiv id or an entity name)."""
    nid = find_node(G, query)
    if nid is None:
        raise LookupError(f"nothing in the graph matches {query!r}")
    label = G.nodes[nid]["label"]
    if label == "Paper":
        return explore_paper(G, nid)
    if label == "Author":
        papers = [_paper_item(G, v) for _, v, e in G.out_edges(nid, data=True) if e["type"] == "AUTHORED"]
        return {"kind": "Author", "id": nid, "name": G.nodes[nid]["name"], "papers": _by_year(papers)}
    return explore_entity(G, nid)
