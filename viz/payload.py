"""The plain payload an HTML graph is rendered from: nodes (with a card each),
edges, legend, year range, side lists and options.

Built with pyvis's ``Network`` so node and edge dictionaries have the shape
vis-network expects; everything here is data (strings are never HTML).
Shapes tell node types apart and colours come from the Okabe–Ito palette, so
both survive colour blindness; papers are shaded by year (older is lighter).
Graphs above :data:`OVERVIEW_THRESHOLD` nodes become a bounded overview (the
best-connected papers and entities, at most :data:`OVERVIEW_NODES`, no
orphans); graphs above :data:`LAYOUT_THRESHOLD` get a layout computed here
(:mod:`kg.viz.layout`: the core by communities, small components packed in rows
under it), so no step is quadratic in the whole graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.paper_rows import authors_of
from kg.path import PHRASES
from kg.schema import ENTITY_LABELS
from kg.search import display_name
from kg.viz.layout import layout

__all__ = ["COLORS", "SHAPES", "EDGE_STYLES", "LAYOUT_THRESHOLD", "OVERVIEW_THRESHOLD", "OVERVIEW_NODES",
           "k_core", "select_subgraph", "overview", "graph_to_payload"]

COLORS = {  # Okabe–Ito: distinct under deuteranopia and protanopia
    "Paper": "#0072B2",
    "Author": "#D9D9D9",
    "Method": "#E69F00",
    "Dataset": "#009E73",
    "Benchmark": "#CC79A7",
}
SHAPES = {"Paper": "dot", "Author": "ellipse", "Method": "diamond", "Dataset": "square", "Benchmark": "triangle"}
YEAR_SHADES = ("#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")  # older → newer
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "AUTHORED": {"color": "#cccccc", "width": 0.5, "dashes": False},
    "PROPOSES": {"color": "#E69F00", "width": 2.5, "dashes": False},
    "USES": {"color": "#9aa0a6", "width": 1, "dashes": False},
    "USES_DATASET": {"color": "#009E73", "width": 1, "dashes": [6, 4]},
    "EVALUATES_ON": {"color": "#CC79A7", "width": 1, "dashes": [6, 4]},
    "INTRODUCES": {"color": "#009E73", "width": 2.5, "dashes": [10, 4]},
    "OUTPERFORMS": {"color": "#D55E00", "width": 1.5, "dashes": [2, 4]},
    "BUILDS_ON": {"color": "#0072B2", "width": 3, "dashes": False},
    "CITES": {"color": "#000000", "width": 2, "dashes": False},
    "VARIANT_OF": {"color": "#E69F00", "width": 1, "dashes": [1, 3]},
    "RELATED": {"color": "#56B4E9", "width": 1, "dashes": [1, 6]},
}
LAYOUT_THRESHOLD = 600  # nodes; above this the layout is computed beforehand
OVERVIEW_THRESHOLD = 3000  # nodes; above this the whole graph is summarised
OVERVIEW_NODES = 1200  # at most this many nodes in an overview
SIDE_LIMIT = 8  # items per side list
MAX_FACTS = 60  # facts per card
_LINKS = (("arxiv", "url"), ("PDF", "pdf_url"), ("code", "code_url"))


def k_core(H: nx.MultiDiGraph, k: int, keep: str | None = None) -> set[str]:
    """Nodes left after repeatedly removing those with fewer than ``k`` distinct neighbours (``keep`` stays)."""
    nbrs = {n: set(H.predecessors(n)) | set(H.successors(n)) for n in H}
    for n, s in nbrs.items():
        s.discard(n)
    alive = set(H)
    queue = [n for n in alive if len(nbrs[n]) < k and n != keep]
    while queue:
        n = queue.pop()
        if n not in alive:
            continue
        alive.remove(n)
        for m in nbrs[n]:
            if m in alive:
                nbrs[m].discard(n)
                if len(nbrs[m]) < k and m != keep:
                    queue.append(m)
    return alive


def select_subgraph(G: nx.MultiDiGraph, focus: str | None = None, depth: int = 2,
                    types: Iterable[str] | None = None, min_degree: int = 0) -> nx.MultiDiGraph:
    """The part of ``G`` to draw: an ego view around ``focus``, some node types, the ``min_degree``-core."""
    H = G
    if focus is not None:
        near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=depth)
        H = G.subgraph(near)
    if types:
        keep = set(types)
        H = H.subgraph([n for n, d in H.nodes(data=True) if d["label"] in keep or n == focus])
    if min_degree > 0:
        H = H.subgraph(k_core(H, min_degree, focus))
    return H if H is G else H.copy()  # the whole graph is only read: no copy


def overview(G: nx.MultiDiGraph, limit: int = OVERVIEW_NODES) -> nx.MultiDiGraph:
    """A bounded summary of a big graph: the entities most papers name, the papers that link
    most of them (or sit in a lineage), authors left out; then the 2-core, so nothing dangles."""
    entity_share = limit // 4
    labels = dict(G.nodes(data="label"))
    papers_naming: dict[str, int] = defaultdict(int)
    lineage: list[tuple[str, str]] = []
    for u, v, kind in G.edges(data="type"):  # one pass over every edge: this is most of a 100k-paper page
        if labels[u] == "Paper" and labels[v] in ENTITY_LABELS:
            papers_naming[v] += 1
        if kind in ("BUILDS_ON", "CITES"):
            lineage.append((u, v))
    entities = sorted(papers_naming, key=lambda n: (-papers_naming[n], n))[:entity_share]
    chosen = set(entities)
    weight: dict[str, float] = defaultdict(float)
    for e in entities:
        for u in G.predecessors(e):
            if labels[u] == "Paper":
                weight[u] += 1.0
    for u, v in lineage:
        weight[u] += 2.0
        weight[v] += 2.0
    papers = sorted(weight, key=lambda n: (-weight[n], n))[: limit - len(chosen)]
    H = G.subgraph(chosen | set(papers))
    return H.subgraph(k_core(H, 2)).copy()


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tooltip(data: dict[str, Any]) -> str:
    if data["label"] == "Paper":
        lines = [data["title"]] + ([data["title_zh"]] if data.get("title_zh") else [])
        lines += [f"{k}: {data[k]}" for k in ("year", "arxiv_id") if data.get(k)]
        return "\n".join(lines)
    lines = [f"{data['label']}: {data['name']}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    return "\n".join(lines)


def _card(G: nx.MultiDiGraph, nid: str) -> dict[str, Any]:
    """What the side panel shows: facts in words, each supporting sentence once."""
    data = G.nodes[nid]
    card: dict[str, Any] = {"kind": data["label"], "title": display_name(data), "subtitle": data.get("title_zh") or "",
                            "year": data.get("year"), "aliases": list(data.get("aliases", [])),
                            "abstract": data.get("abstract") or data.get("abstract_zh") or ""}
    card["authors"] = authors_of(G, nid)
    card["links"] = [{"label": label, "url": data[key]} for label, key in _LINKS
                     if str(data.get(key) or "").startswith(("https://", "http://"))]
    facts: dict[tuple[str, str], dict[str, Any]] = {}
    edges = [(u, v, e, True) for u, v, e in G.out_edges(nid, data=True)] + \
        [(u, v, e, False) for u, v, e in G.in_edges(nid, data=True)]
    for u, v, e, forward in sorted(edges, key=lambda x: (not x[3], x[2]["type"], x[1] if x[3] else x[0])):
        if e["type"] == "AUTHORED" or e["type"] not in PHRASES:
            continue
        other = v if forward else u
        words = PHRASES[e["type"]][0 if forward else 1]
        fact = facts.setdefault((words, other), {"relation": words, "other": display_name(G.nodes[other]), "id": other,
                                                 "kind": G.nodes[other]["label"], "sentences": []})
        sentence = e.get("sentence") or ""
        if sentence and sentence not in fact["sentences"]:
            fact["sentences"].append(sentence)
    card["facts"] = list(facts.values())[:MAX_FACTS]
    card["more_facts"] = max(len(facts) - MAX_FACTS, 0)
    return card


def _year_colour(year: int | None, years: list[int]) -> str:
    if not year or not years or years[0] == years[-1]:
        return COLORS["Paper"]
    step = (year - years[0]) / (years[-1] - years[0])
    return YEAR_SHADES[min(int(step * len(YEAR_SHADES)), len(YEAR_SHADES) - 1)]


def _side(G: nx.MultiDiGraph, nid: str, index: Any, names: nx.MultiDiGraph | None = None) -> dict[str, list[list[Any]]]:
    """Prior, derivative and related papers of a paper (or the papers around an entity), as [id, note] pairs;
    the methods a lineage runs through are named from ``names`` (default ``G``)."""
    from kg.explore import lineage_of

    if G.nodes[nid]["label"] == "Paper":
        prior, derivative = lineage_of(G, nid, names)
        note = lambda i: "cites" if i["cites"] else "via " + ", ".join(i["via"])  # noqa: E731
        side = {"prior": [[i["id"], note(i)] for i in prior], "derivative": [[i["id"], note(i)] for i in derivative]}
        side["related"] = [[i["id"], f"score {i['score']:.2f}" + ("" if i["close"] else " (loosely related)")
                            + (" · shares " + ", ".join(i["shared"][:3]) if i["shared"] else "")]
                           for i in (index.related(nid, SIDE_LIMIT) if index else [])]
        return side
    by: dict[str, list[list[Any]]] = {"proposed by": [], "used by": []}
    for u, _, e in sorted(G.in_edges(nid, data=True), key=lambda x: (-(G.nodes[x[0]].get("year") or 0), x[0])):
        if G.nodes[u]["label"] != "Paper":
            continue
        key = "proposed by" if e["type"] in ("PROPOSES", "INTRODUCES") else "used by"
        if all(i[0] != u for i in by[key]):
            by[key].append([u, PHRASES[e["type"]][1]])
    return {k: v[:40] for k, v in by.items()}


def graph_to_payload(G: nx.MultiDiGraph, seed: int = 7, focus: str | None = None,
                     full: nx.MultiDiGraph | None = None, related: Any = None,
                     names: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """The payload for ``G`` (what is drawn); side lists and related papers come from ``full`` (default ``G``),
    the methods their lineage runs through are named from ``names`` (default ``full``: an overview's whole graph)."""
    try:
        from pyvis.network import Network
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("graph.html needs pyvis: pip install 'kg-papers[viz]'") from exc
    from kg.search import names_of

    full = G if full is None else full
    fixed = len(G) > LAYOUT_THRESHOLD
    pos = layout(G, seed) if fixed else {}
    years = sorted({d["year"] for _, d in G.nodes(data=True) if d.get("year")})
    net = Network(directed=True)
    degree = dict(G.degree())
    extra_papers: dict[str, dict[str, Any]] = {}
    sides: dict[str, dict[str, list[list[Any]]]] = {}
    for nid in sorted(G.nodes):
        data = G.nodes[nid]
        extra: dict[str, Any] = {"x": pos[nid][0], "y": pos[nid][1]} if fixed else {}
        label = data["label"]
        colour = _year_colour(data.get("year"), years) if label == "Paper" else COLORS[label]
        side = sides[nid] = _side(full, nid, related, names) if label != "Author" else {}
        for items in side.values():
            for other, _ in items:
                if other not in G and other not in extra_papers:
                    d = full.nodes[other]
                    extra_papers[other] = {"title": d["title"], "year": d.get("year"),
                                           "abstract": _short(d.get("abstract") or d.get("abstract_zh") or "", 220)}
        net.add_node(nid, label=_short(display_name(data)), title=_tooltip(data), group=label, shape=SHAPES[label],
                     value=degree.get(nid, 0), year=data.get("year"), card=_card(full, nid),
                     side=side, names=names_of(data), borderWidth=4 if nid == focus else 1, **extra)
        # pyvis drops ``color`` when a node has a group; papers carry their year's shade
        net.node_map[nid]["color"] = {"background": colour, "border": "#222222" if nid == focus else colour}
    for u, v, key in sorted(G.edges(keys=True)):
        data = G.edges[u, v, key]
        style = EDGE_STYLES.get(data["type"], EDGE_STYLES["USES"])
        title = PHRASES.get(data["type"], (data["type"],))[0] + (f"\n{data['sentence']}" if data.get("sentence") else "")
        # on big pages only lineage and wins keep arrow heads (the card says every direction in words)
        arrows = "to" if not fixed or data["type"] in ("BUILDS_ON", "CITES", "OUTPERFORMS") else ""
        net.add_edge(u, v, title=title, relation=data["type"], arrows=arrows, color={"color": style["color"], "opacity": 0.7},
                     width=style["width"], dashes=style["dashes"])
    if focus is not None and related is not None and G.nodes[focus]["label"] == "Paper":
        for other, note in sides[focus]["related"]:  # the focus's side lists, made above
            if other in G and not G.has_edge(focus, other) and not G.has_edge(other, focus):
                style = EDGE_STYLES["RELATED"]
                net.add_edge(focus, other, title=f"related ({note})", relation="RELATED", arrows="",
                             color={"color": style["color"], "opacity": 0.7}, width=style["width"], dashes=style["dashes"])
    options = {
        "layout": {"randomSeed": seed, "improvedLayout": not fixed and len(G) < 300},
        "physics": {"enabled": not fixed, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
                    "stabilization": {"enabled": True, "iterations": 250, "fit": False}},
        "interaction": {"hover": not fixed, "tooltipDelay": 120, "hideEdgesOnDrag": fixed, "hideEdgesOnZoom": fixed},
        "edges": {"smooth": False, "font": {"size": 0}, "selectionWidth": 2},
        # hubs get big labels, so the best-connected names stay readable at the zoom that fits the whole graph
        "nodes": {"font": {"size": 12}, "scaling": {"min": 6, "max": 40,
                                                    "label": {"enabled": True, "min": 11, "max": 70 if fixed else 30,
                                                              "drawThreshold": 5, "maxVisible": 36}}},
        "groups": {label: {"shape": SHAPES[label], "color": {"background": color, "border": color}}
                   for label, color in COLORS.items()},
    }
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "papers": extra_papers,  # papers named in side lists but not drawn
        "legend": [{"label": label, "color": color, "shape": SHAPES[label]} for label, color in COLORS.items()],
        "edge_legend": [{"relation": r, "words": PHRASES.get(r, ("related to",))[0], **s} for r, s in EDGE_STYLES.items()],
        "years": [years[0], years[-1]] if years else [],
        "year_shades": list(YEAR_SHADES),
        "fixed_layout": fixed,
        "focus": focus,
        "options": options,
    }
