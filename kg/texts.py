"""The graph's long texts kept on disk while the outputs are written.

A paper's abstracts and the sentence behind every extracted statement are most of the graph's text,
and no stage after the graph needs them in memory: each exporter reads them one row at a time, in
its own order. :func:`stow` moves them into a scratch file (:class:`kg.spill.SpillList`) and leaves a
:class:`Stored` handle (the text's index there) in their place, one handle per distinct text, so the
edges citing one sentence still share one object. Exporters read a row through :func:`expand` (the
same dict, in the same key order, with the texts read back; the row itself when nothing in it is
stored), so what they write is unchanged. :func:`restore` puts the texts back.

A graph without stored texts passes through :func:`expand` untouched: every exporter works on
either kind of graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from kg.spill import SpillList

__all__ = ["Stored", "STOWED_NODE_FIELDS", "STOWED_EDGE_FIELDS", "stow", "restore", "restored_copy", "expand", "text_of",
           "stowed"]

STOWED_NODE_FIELDS = ("abstract", "abstract_zh")  # of papers
STOWED_EDGE_FIELDS = ("sentence",)
_STOWED = (*STOWED_EDGE_FIELDS, *STOWED_NODE_FIELDS)
_KEY = "kg.texts"  # where the scratch file hangs on the graph (G.graph)


class Stored(int):
    """A text kept in the graph's scratch file: its index there."""

    __slots__ = ()


def stowed(G: nx.MultiDiGraph) -> SpillList | None:
    """The scratch file holding ``G``'s texts, or None when they are in memory."""
    return G.graph.get(_KEY)  # type: ignore[no-any-return]


def stow(G: nx.MultiDiGraph, folder: str | None = None) -> int:
    """Move every paper's abstracts and every edge's sentence into a scratch file (in ``folder``: default
    the system's temporary folder); returns how many distinct texts went there."""
    store = stowed(G)
    if store is None:
        store = G.graph[_KEY] = SpillList(folder=folder)
    handles: dict[int, Stored] = {}  # id of a text object → its handle
    alive: list[str] = []  # each text seen, so no id is reused for another text during the pass

    def put(value: Any) -> Any:
        if type(value) is not str or not value:
            return value
        handle = handles.get(id(value))
        if handle is None:
            handle = handles[id(value)] = Stored(len(store))
            store.append(value)
            alive.append(value)
        return handle

    _replace_texts(G, put)
    handles.clear()
    alive.clear()
    return len(store)


def text_of(G: nx.MultiDiGraph, value: Any) -> Any:
    """``value`` itself, or the text a :class:`Stored` handle stands for."""
    return stowed(G)[value] if type(value) is Stored else value  # type: ignore[index]


def expand(G: nx.MultiDiGraph, data: dict[str, Any]) -> dict[str, Any]:
    """A node's or edge's attributes with stored texts read back (same keys, same order); ``data`` itself
    when none of its values is stored."""
    out = data
    for name in _STOWED:
        value = data.get(name)
        if type(value) is Stored:
            if out is data:
                out = dict(data)
            out[name] = stowed(G)[value]  # type: ignore[index]
    return out


def restored_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` itself when its texts are in memory, else a copy with them read back (``G`` keeps its handles)."""
    if stowed(G) is None:
        return G
    H = G.copy()
    restore(H)
    return H


def restore(G: nx.MultiDiGraph) -> None:
    """Put the texts :func:`stow` moved back into ``G`` (one string per text, shared as before). A copy
    of a stowed graph shares its scratch file: restoring the copy leaves the original's texts stored."""
    store = stowed(G)
    if store is None:
        return
    texts: dict[int, str] = {}

    def get(value: Any) -> Any:
        if type(value) is not Stored:
            return value
        text = texts.get(value)
        if text is None:
            text = texts[value] = store[value]
        return text

    _replace_texts(G, get)
    del G.graph[_KEY]  # the file goes when no graph holds it any more


def _replace_texts(G: nx.MultiDiGraph, replace: Callable[[Any], Any]) -> None:
    """Set every paper abstract and edge sentence of ``G`` to ``replace(value)``."""
    for data in G._node.values():
        for name in STOWED_NODE_FIELDS:
            if name in data:
                data[name] = replace(data[name])
    for targets in G._succ.values():
        for keyed in targets.values():
            for data in keyed.values():
                for name in STOWED_EDGE_FIELDS:
                    if name in data:
                        data[name] = replace(data[name])
