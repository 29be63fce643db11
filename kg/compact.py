"""The build's graph class: a networkx MultiDiGraph whose per-edge containers are small.

networkx keeps, for every edge, an attribute dict and, for every pair of nodes, a dict of the
edges between them keyed by edge key: two dicts of 184 bytes each (CPython 3.11), more than the
rest of an edge costs. Most pairs of the knowledge graph hold one edge, and the attributes of
all edges come in a few key orders (``type, paper, sentence, rule, confidence``; ``type,
position``). :class:`KGraph` sets networkx's documented factories (``edge_key_dict_factory``,
``edge_attr_dict_factory``: see the ``MultiDiGraph`` class docs, "Subclasses (Advanced)") to
two mutable mappings that hold the same things in fewer bytes:

- :class:`EdgeKeys` holds one key and its attributes inline, and a dict only from the second key on;
- :class:`EdgeAttrs` holds its key order as a key → position table shared with every edge of that
  order, and its values in a tuple.

Both behave as dicts do for every use the graph's readers make of them (lookups, ``get``, ``in``,
``len``, iteration in insertion order, updates, deletion, ``popitem`` last in first out, ``copy()`` → a
dict, equality with a dict, pickling). Two differences: ``items()``, ``values()`` and ``keys()`` are a
dict's views of the content at the time of the call (not live), and they are not instances of ``dict``
(``json`` needs ``dict(attrs)``).
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, MutableMapping, ValuesView
from typing import Any

import networkx as nx

__all__ = ["KGraph", "EdgeKeys", "EdgeAttrs"]

_NONE: Any = object()  # EdgeKeys holds no key
_MANY: Any = object()  # EdgeKeys holds a dict


class _Compact(MutableMapping[Any, Any]):
    """What both mappings share: ``copy``, ``repr`` and pickling as a dict's. Their ``items()``,
    ``values()`` and ``keys()`` are a dict's views of their content at the time of the call (networkx and
    the exporters only iterate over them)."""

    __slots__ = ()

    def copy(self) -> dict[Any, Any]:
        return dict(self._pairs())  # type: ignore[attr-defined]

    def items(self) -> ItemsView[Any, Any]:
        return self.copy().items()

    def values(self) -> ValuesView[Any]:
        return self.copy().values()

    def keys(self) -> KeysView[Any]:
        return self.copy().keys()

    def __repr__(self) -> str:
        return repr(self.copy())

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__class__, (), None, None, iter(list(self._pairs()))  # type: ignore[attr-defined]


class EdgeKeys(_Compact):
    """The edges between two nodes, key → attributes: one key held inline, a dict from the second on."""

    __slots__ = ("_key", "_value")

    def __init__(self) -> None:
        self._key = _NONE
        self._value: Any = None

    def __getitem__(self, key: Any) -> Any:
        own = self._key
        if own is _MANY:
            return self._value[key]
        if own is not _NONE and (key is own or key == own):
            return self._value
        raise KeyError(key)

    def get(self, key: Any, default: Any = None) -> Any:
        own = self._key
        if own is _MANY:
            return self._value.get(key, default)
        if own is not _NONE and (key is own or key == own):
            return self._value
        return default

    def __contains__(self, key: object) -> bool:
        own = self._key
        if own is _MANY:
            return key in self._value
        return own is not _NONE and (key is own or key == own)

    def __setitem__(self, key: Any, value: Any) -> None:
        own = self._key
        if own is _MANY:
            self._value[key] = value
        elif own is _NONE or key is own or key == own:
            if own is _NONE:
                hash(key)  # an unhashable key fails here, as in a dict
                self._key = key
            self._value = value
        else:
            self._value = {own: self._value, key: value}
            self._key = _MANY

    def __delitem__(self, key: Any) -> None:
        own = self._key
        if own is _MANY:
            del self._value[key]
            if len(self._value) == 1:
                (self._key, self._value), = self._value.items()
        elif own is not _NONE and (key is own or key == own):
            self._key, self._value = _NONE, None
        else:
            raise KeyError(key)

    def popitem(self) -> tuple[Any, Any]:
        """The last key added and its value, removed (as ``dict.popitem``)."""
        own = self._key
        if own is _NONE:
            raise KeyError("popitem(): no edges")
        if own is _MANY:
            item = self._value.popitem()
            if len(self._value) == 1:
                (self._key, self._value), = self._value.items()
            return item  # type: ignore[no-any-return]
        item = own, self._value
        self._key, self._value = _NONE, None
        return item

    def __iter__(self) -> Iterator[Any]:
        own = self._key
        if own is _MANY:
            return iter(self._value)
        return iter(() if own is _NONE else (own,))

    def __len__(self) -> int:
        own = self._key
        return len(self._value) if own is _MANY else int(own is not _NONE)

    def copy(self) -> dict[Any, Any]:
        own = self._key
        if own is _MANY:
            return dict(self._value)
        return {} if own is _NONE else {own: self._value}

    def items(self) -> ItemsView[Any, Any]:
        return self._value.items() if self._key is _MANY else self.copy().items()  # type: ignore[no-any-return]

    def values(self) -> ValuesView[Any]:
        return self._value.values() if self._key is _MANY else self.copy().values()  # type: ignore[no-any-return]

    def _pairs(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.copy().items())


_SHAPES: dict[tuple[Any, ...], dict[Any, int]] = {}  # each key order once, shared by every edge of that order


def _shape(keys: tuple[Any, ...]) -> dict[Any, int]:
    """The shared key → position table of ``keys`` (in their order)."""
    shape = _SHAPES.get(keys)
    if shape is None:
        shape = _SHAPES[keys] = {key: i for i, key in enumerate(keys)}
    return shape


_EMPTY = _shape(())


class EdgeAttrs(_Compact):
    """An edge's attributes: its key order (a key → position table shared by every edge with that order)
    and its values, in that order."""

    __slots__ = ("_keys", "_values")

    def __init__(self) -> None:
        self._keys: dict[Any, int] = _EMPTY
        self._values: tuple[Any, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        return self._values[self._keys[key]]

    def get(self, key: Any, default: Any = None) -> Any:
        i = self._keys.get(key)
        return default if i is None else self._values[i]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __setitem__(self, key: Any, value: Any) -> None:
        i = self._keys.get(key)
        values = self._values
        if i is None:
            self._keys = _shape((*self._keys, key))
            self._values = (*values, value)
        else:
            self._values = (*values[:i], value, *values[i + 1:])

    def __delitem__(self, key: Any) -> None:
        i = self._keys[key]
        keys = tuple(self._keys)
        self._keys = _shape(keys[:i] + keys[i + 1:])
        self._values = self._values[:i] + self._values[i + 1:]

    def popitem(self) -> tuple[Any, Any]:
        """The last key added and its value, removed (as ``dict.popitem``)."""
        if not self._values:
            raise KeyError("popitem(): no attributes")
        keys = tuple(self._keys)
        item = keys[-1], self._values[-1]
        self._keys, self._values = _shape(keys[:-1]), self._values[:-1]
        return item

    def update(self, other: Any = (), /, **more: Any) -> None:
        if not self._values and not more:
            if type(other) is dict:  # a new edge: networkx's add_edge
                self._keys = _shape(tuple(other))
                self._values = tuple(other.values())
                return
            if type(other) is EdgeAttrs:  # a copy of an edge: networkx's copy and add_edges_from
                self._keys, self._values = other._keys, other._values
                return
        pairs: Iterable[tuple[Any, Any]] = (
            other.items() if isinstance(other, Mapping) else
            ((k, other[k]) for k in other.keys()) if hasattr(other, "keys") else other)
        for key, value in pairs:
            self[key] = value
        for key, value in more.items():
            self[key] = value

    def __iter__(self) -> Iterator[Any]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> KeysView[Any]:
        return self._keys.keys()  # the shared table's: the same keys in the same order

    def _pairs(self) -> Iterator[tuple[Any, Any]]:
        return zip(self._keys, self._values)


class KGraph(nx.MultiDiGraph):  # type: ignore[misc]
    """A :class:`networkx.MultiDiGraph` with :class:`EdgeKeys` and :class:`EdgeAttrs` as its per-edge
    containers; the same API (its copies and subgraphs are KGraphs)."""

    edge_key_dict_factory = EdgeKeys
    edge_attr_dict_factory = EdgeAttrs
