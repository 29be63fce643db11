"""A layout computed before the page opens, for graphs too big for the browser's physics.

The biggest connected component (the core) is laid out by communities (Louvain):
each community on its own, the communities placed by a layout of the community
graph and spread so they do not overlap. Every other component (a paper with its
authors and entities, a pair of papers sharing a method) is laid out on its own and
packed, biggest first, in rows under the core, instead of a ring around it: the
whole page fits a screen, the core is not squeezed by a ring, and each small island
stays legible. No step is quadratic in the whole graph.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["NODE_SPACE", "ISLAND_SPACE", "GAP", "ASPECT", "layout", "pack_rows"]

NODE_SPACE = 60  # a community of n nodes gets a disc of radius NODE_SPACE * sqrt(n)
ISLAND_SPACE = 28  # the same for a small component: they are small stars, tighter is still legible
GAP = 50  # between packed components, and between the core and the rows below it
ASPECT = 1.3  # width / height the whole layout aims at: a screen beside the card panel
Box = tuple[float, float, float, float]  # min x, min y, max x, max y


def _disc(G: nx.Graph, members: list[int], seed: int, space: float = NODE_SPACE) -> dict[int, tuple[float, float]]:
    """One community or small component, centred on (0, 0), radius ``space`` * sqrt(n)."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    sub = G.subgraph(members)
    inner = nx.spring_layout(sub, seed=seed, iterations=30) if len(members) <= 400 else nx.circular_layout(sub)
    radius = space * math.sqrt(len(members))
    return {n: (float(x) * radius, float(y) * radius) for n, (x, y) in inner.items()}


def _communities(G: nx.Graph, nodes: set[int], seed: int) -> dict[int, tuple[float, float]]:
    """A connected component laid out community by community."""
    sub = G.subgraph(nodes)
    communities = nx.community.louvain_communities(sub, seed=seed)
    groups = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    if len(groups) == 1:
        return _disc(G, groups[0], seed)
    of = {n: i for i, c in enumerate(groups) for n in c}
    meta = nx.Graph()
    meta.add_nodes_from(range(len(groups)))
    for u, v in sub.edges():
        if of[u] != of[v]:
            w = meta.get_edge_data(of[u], of[v], {"weight": 0})["weight"]
            meta.add_edge(of[u], of[v], weight=w + 1)
    centres = _widest(nx.spring_layout(meta, seed=seed, iterations=50, weight="weight"))
    # spring_layout fills about [-1, 1]² unevenly: scale it so the square holds the discs' area four times
    area = sum(math.pi * NODE_SPACE**2 * len(c) for c in groups)
    spread = math.sqrt(area)  # a side of 2 * spread: 4 * area
    pos: dict[int, tuple[float, float]] = {}
    for i, members in enumerate(groups):
        cx, cy = centres[i][0] * spread, centres[i][1] * spread
        for n, (x, y) in _disc(G, members, seed).items():
            pos[n] = (float(cx) + x, float(cy) + y)
    return pos


def _widest(centres: dict) -> dict:
    """The same layout turned so its long axis lies horizontal: a core drawn wide above the rows, not tall."""
    pts = list(centres.values())
    mx, my = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    syy = sum((p[1] - my) ** 2 for p in pts)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pts)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    c, s = math.cos(-angle), math.sin(-angle)
    return {k: (c * (x - mx) - s * (y - my), s * (x - mx) + c * (y - my)) for k, (x, y) in centres.items()}


def _box(pos: dict[int, tuple[float, float]]) -> Box:
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def pack_rows(sizes: list[tuple[float, float]], width: float, top: float = 0.0) -> list[tuple[float, float]]:
    """Top-left corners for boxes of ``sizes`` (width, height), in order, in rows at most ``width`` wide."""
    corners, x, y, row = [], 0.0, top, 0.0
    for w, h in sizes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row + GAP, 0.0
        corners.append((x, y))
        x, row = x + w + GAP, max(row, h)
    return corners


def layout(H: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``H``: the core by communities, the other components in rows under it."""
    # nodes as integers in id order, edges sorted: Louvain iterates sets, and a set of strings is ordered by
    # the process's hash seed, so string nodes gave a different layout in each process
    names = sorted(H)
    number = {n: i for i, n in enumerate(names)}
    G = nx.Graph()
    G.add_nodes_from(range(len(names)))
    G.add_edges_from(sorted({(min(number[u], number[v]), max(number[u], number[v])) for u, v in H.edges() if u != v}))
    parts = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    placed = [_communities(G, set(c), seed) if len(c) > 60 else _disc(G, c, seed, ISLAND_SPACE) for c in parts]
    boxes = [_box(p) for p in placed]
    sizes = [(b[2] - b[0] + NODE_SPACE, b[3] - b[1] + NODE_SPACE) for b in boxes]
    core_w, core_h = sizes[0]
    rest_area = sum((w + GAP) * (h + GAP) for w, h in sizes[1:])
    # rows as wide as the core, or wider, so that core + rows ≈ ASPECT: width = ASPECT * (core_h + rest_area / width)
    a = ASPECT * (core_h + GAP)
    width = max(core_w, (a + math.sqrt(a * a + 4 * ASPECT * rest_area)) / 2, *(w for w, _ in sizes[1:2]))
    corners = [(max(width - core_w, 0) / 2, 0.0)] + pack_rows(sizes[1:], width, core_h + GAP)
    pos: dict[str, tuple[float, float]] = {}
    for p, b, (left, top) in zip(placed, boxes, corners):
        for n, (x, y) in p.items():
            pos[names[n]] = (round(left + x - b[0] + NODE_SPACE / 2, 1), round(top + y - b[1] + NODE_SPACE / 2, 1))
    return pos
