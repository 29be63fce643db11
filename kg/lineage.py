"""Inferred lineage: paper A ``BUILDS_ON`` paper B when A uses B's own named contribution.

B's contribution is a method B proposes that is really B's: named in B's title
head ("Mamba: Linear-Time …" → Mamba), or coined (a name with an inner capital or
a digit, such as H3 or YOLOv9) and introduced by a naming cue in the sentence
("we propose H3", "… which we call S4D"). Class words, generic terms, short
acronyms and methods that several papers claim never make a link, and B is
never newer than A. Each edge carries its evidence (``via`` the method,
``sentence`` where A uses it) and a ``confidence``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import networkx as nx

from kg.gcpause import paused_gc
from kg.ids import fold
from kg.schema import ENTITY_LABELS

__all__ = ["MIN_CONTRIBUTION", "MIN_CONFIDENCE", "title_head", "is_coined", "named_contribution", "owners", "add_builds_on"]

MIN_CONTRIBUTION = 0.8  # how surely the name is B's own contribution (title head 1.0, coined name 0.8–0.9)
MIN_CONFIDENCE = 0.7  # the extraction's confidence in B's PROPOSES/INTRODUCES statement (its rule's precision)
RULE = "inferred.uses_named_contribution"
_CUE = re.compile(r"\b(?:propos\w*|introduc\w*|present\w*|call\w*|nam(?:e|ed)|dub\w*|term\w*|coin\w*|our)\b\W+"
                  r"(?:[\w\-.()]+\W+){0,6}$", re.I)
_APPOSITIVE = re.compile(r"^\W*(?:\([^)]*\)\W*)?(?:,|:|—|-)?\s*(?:a|an|the)\s+(?:\w+[\s-]+){0,3}?"
                         r"(?:novel|new|simple|general|unified|framework|method|model|approach|architecture|algorithm)",
                         re.I)
_DIGIT, _UPPER = re.compile(r"\d"), re.compile(r"[A-Z]")


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    from importlib import resources

    text = (resources.files("kg.extract") / "data" / "generic.txt").read_text(encoding="utf-8")
    words = {fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words | {w + "s" for w in words})


def title_head(title: str) -> str:
    """The name a title leads with: the part before ':' (or ' - '), when that part is short."""
    head = re.split(r":\s|\s[-–—]\s", title, maxsplit=1)[0].strip()
    return head if head != title.strip() and len(head.split()) <= 5 else ""


def is_coined(name: str) -> bool:
    """A made-up name (H3, S4D, YOLOv9, FlashAttention), not a phrase of ordinary words."""
    key = fold(name)
    if len(key) < 2 or (len(key) == 2 and not _DIGIT.search(key)) or key in _generic() or " " in name.strip() \
            or "--" in name:
        return False
    return bool(_DIGIT.search(name) or _UPPER.search(name, 1))


def _names(G: nx.MultiDiGraph, method: str) -> list[str]:
    d = G.nodes[method]
    return [d["name"], *d.get("aliases", [])]


def named_contribution(G: nx.MultiDiGraph, paper: str, method: str, sentence: str) -> float:
    """How sure we are that ``method`` is ``paper``'s own named contribution (0 when it is not)."""
    names = _names(G, method)
    if any(fold(n) in _generic() for n in names) or len(fold(names[0])) < 2:
        return 0.0
    head = fold(title_head(G.nodes[paper].get("title", "")))
    if head and any(fold(n) == head for n in names):
        return 1.0
    if not any(is_coined(n) for n in names):
        return 0.0
    title = G.nodes[paper].get("title", "")
    if any(n in title and re.search(rf"\b{re.escape(n)}\b", title) for n in names if is_coined(n)):
        return 0.9
    for n in names:
        at = sentence.find(n)
        if at >= 0 and (_CUE.search(sentence[:at]) or _APPOSITIVE.match(sentence[at + len(n):])):
            return 0.8
    return 0.0


def _newer(G: nx.MultiDiGraph, a: str, b: str) -> bool:
    ya, yb = G.nodes[a].get("year"), G.nodes[b].get("year")
    return bool(ya and yb and yb > ya)


def _ambiguous_use(G: nx.MultiDiGraph, method: str, sentence: str) -> bool:
    """A bare short acronym (SDM, MTP, CASA) names different things in different papers."""
    names = _names(G, method)
    shown = [n for n in names if n in sentence]
    return bool(shown) and all(re.fullmatch(r"[A-Z]{2,4}s?", n) for n in shown)


_USES = ("USES", "USES_DATASET", "EVALUATES_ON")


def owners(G: nx.MultiDiGraph) -> dict[str, tuple[str, float]]:
    """entity id → (the one paper whose named contribution it is, confidence)."""
    claims: dict[str, list[tuple[str, float]]] = {}
    for u, v, d in G.edges(data=True):
        if d["type"] in ("PROPOSES", "INTRODUCES"):
            contribution = named_contribution(G, u, v, d.get("sentence") or "")
            confidence = d.get("confidence", 1.0)
            trusted = contribution >= MIN_CONTRIBUTION and confidence >= MIN_CONFIDENCE
            claims.setdefault(v, []).append((u, contribution * confidence if trusted else 0.0))
    by_name: dict[str, list[str]] = {}
    for nid, d in G.nodes(data=True):
        if d["label"] in ENTITY_LABELS:
            for n in {fold(x) for x in [d["name"], *d.get("aliases", [])]}:
                by_name.setdefault(n, []).append(nid)
    for pid, d in G.nodes(data=True):
        head = fold(title_head(d.get("title", ""))) if d["label"] == "Paper" else ""
        for nid in by_name.get(head, []) if len(head) >= 3 and head not in _generic() else []:
            claims.setdefault(nid, []).append((pid, 1.0))
    result: dict[str, tuple[str, float]] = {}
    for entity, found in claims.items():
        papers = {p for p, _ in found}
        if len(papers) != 1:  # claimed by several papers: a class word or an extraction slip
            continue
        score = max(s for _, s in found)
        if score > 0:
            result[entity] = (found[0][0], score)
    return result


def add_builds_on(G: nx.MultiDiGraph) -> int:
    """Add the inferred ``BUILDS_ON`` edges to ``G``; returns how many were added."""
    with paused_gc():
        return _add_builds_on(G)


def _add_builds_on(G: nx.MultiDiGraph) -> int:
    owner = owners(G)
    added = 0
    uses = [e for e in G.edges(data=True) if e[2]["type"] in _USES and e[1] in owner]
    for user, entity, data in sorted(uses, key=lambda e: (e[0], e[1], e[2]["type"])):
        proposer, score = owner[entity]
        sentence = data.get("sentence") or ""
        if proposer == user or _newer(G, user, proposer) or _ambiguous_use(G, entity, sentence):
            continue
        key = f"BUILDS_ON|{entity}"
        if G.has_edge(user, proposer, key):
            continue
        dated = G.nodes[user].get("year") and G.nodes[proposer].get("year")
        confidence = round(score * data.get("confidence", 1.0) * (1.0 if dated else 0.9), 3)
        G.add_edge(user, proposer, key=key, type="BUILDS_ON", via=entity, paper=user, sentence=sentence,
                   rule=RULE, confidence=confidence)
        added += 1
    return added
