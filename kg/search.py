"""Find the node a reader means: exact name or alias first, then a prefix, then a
word inside a title, then a fuzzy match (rapidfuzz) offered as "did you mean".

Matching forgives case, accents, punctuation and spacing (:func:`kg.ids.fold`).
Within a tier, entity and paper names beat author names, and better-connected
nodes come first, so "Mamba" finds Mamba, not bi-Mamba.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.ids import fold, parse_arxiv_id

__all__ = ["Hit", "NotFound", "search", "resolve", "names_of", "display_name"]

TIERS = ("id", "exact", "alias", "prefix", "contains", "fuzzy")
FUZZY_CUTOFF = 80.0


@dataclass(frozen=True)
class Hit:
    id: str
    name: str
    type: str
    match: str  # one of TIERS
    score: float  # 100 for every tier but fuzzy

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "match": self.match, "score": self.score}


class NotFound(LookupError):
    """Nothing matches well enough; ``suggestions`` holds the closest names."""

    def __init__(self, query: str, suggestions: list[Hit]) -> None:
        self.query, self.suggestions = query, suggestions
        hint = "; did you mean " + ", ".join(repr(h.name) for h in suggestions[:5]) + "?" if suggestions else ""
        super().__init__(f"nothing in the graph matches {query!r}{hint}")

    def as_dict(self) -> dict[str, Any]:
        return {"error": "not_found", "message": str(self), "query": self.query,
                "suggestions": [h.as_dict() for h in self.suggestions]}


def display_name(d: dict[str, Any]) -> str:
    """How a node is named to a reader: a paper by its title, anything else by its name."""
    return str(d.get("title") if d["label"] == "Paper" else d.get("name"))


def names_of(d: dict[str, Any]) -> list[str]:
    """The display name first, then aliases, the Chinese title and a title's head (before ':')."""
    if d["label"] != "Paper":
        return [d["name"], *d.get("aliases", [])]
    title = str(d.get("title") or "")
    head = title.split(":", 1)[0].strip() if ":" in title else ""
    return [n for n in (title, d.get("title_zh"), head) if n]


def _order(G: nx.MultiDiGraph, nid: str, name: str) -> tuple[int, int, int, str]:
    author = G.nodes[nid]["label"] == "Author"
    return (int(author), len(name), -G.degree(nid), nid)


def search(G: nx.MultiDiGraph, text: str, limit: int = 10) -> list[Hit]:
    """Nodes matching ``text``, best first (see the module docstring for the order)."""
    text = text.strip()
    if not text:
        return []
    if text in G:
        return [Hit(text, display_name(G.nodes[text]), G.nodes[text]["label"], "id", 100.0)]
    arxiv = parse_arxiv_id(text)
    if arxiv and f"arxiv:{arxiv}" in G:
        nid = f"arxiv:{arxiv}"
        return [Hit(nid, display_name(G.nodes[nid]), "Paper", "id", 100.0)]
    key = fold(text)
    if not key:
        return []
    found: dict[str, tuple[int, tuple[int, int, int, str]]] = {}
    choices: dict[str, list[str]] = {}
    for nid, d in G.nodes(data=True):
        best: tuple[int, tuple[int, int, int, str]] | None = None
        for i, name in enumerate(names_of(d)):
            folded = fold(name)
            if not folded:
                continue
            choices.setdefault(folded, []).append(nid)
            tier = None
            if folded == key:
                tier = TIERS.index("exact") if i == 0 or d["label"] == "Paper" else TIERS.index("alias")
            elif folded.startswith(key):
                tier = TIERS.index("prefix")
            elif len(key) >= 3 and key in folded and d["label"] == "Paper":
                tier = TIERS.index("contains")
            if tier is not None:
                rank = (tier, _order(G, nid, name))
                best = rank if best is None or rank < best else best
        if best is not None:
            found[nid] = best
    hits = [Hit(nid, display_name(G.nodes[nid]), G.nodes[nid]["label"], TIERS[tier], 100.0)
            for nid, (tier, _) in sorted(found.items(), key=lambda x: x[1])]
    if len(hits) >= limit:
        return hits[:limit]
    return hits + [h for h in _fuzzy(G, key, choices, limit) if h.id not in found][: limit - len(hits)]


def _fuzzy(G: nx.MultiDiGraph, key: str, choices: dict[str, list[str]], limit: int) -> list[Hit]:
    from rapidfuzz import fuzz, process

    keys = sorted(choices)
    scored = process.extract(key, keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=limit * 3)
    seen: dict[str, float] = {}
    for folded, score, _ in scored:
        # a long title holding the query scores high on a partial match; plain similarity breaks the tie
        score = round(0.5 * score + 0.5 * fuzz.ratio(key, folded), 1)
        for nid in choices[folded]:
            seen[nid] = max(seen.get(nid, 0.0), score)
    ranked = sorted(seen, key=lambda n: (-seen[n], _order(G, n, display_name(G.nodes[n]))))
    return [Hit(n, display_name(G.nodes[n]), G.nodes[n]["label"], "fuzzy", seen[n]) for n in ranked[:limit]]


def resolve(G: nx.MultiDiGraph, text: str) -> str:
    """The one node ``text`` names; :class:`NotFound` with suggestions when only fuzzy matches exist."""
    hits = search(G, text)
    if hits and hits[0].match != "fuzzy":
        return hits[0].id
    raise NotFound(text, hits)
