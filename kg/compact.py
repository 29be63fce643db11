"""The build's graph class: a networkx MultiDiGraph whose per-edge containers are small.

networkx keeps, for every edge, an attribute dict and, for every pair of nodes, a dict of the
edges between them keyed by edge key: two dicts of 184 bytes each (CPython 3.11), more than the
rest of an edge costs. Most pairs of the knowledge graph hold one edge, and the attributes of
all edges come in a few key orders (``type, paper, sentence, rule, confidence``; ``type,
position``). :class:`KGraph` sets networkx's documented factories (``edge_key_dict_factory``,
``edge_attr_dict_factory``: see the ``MultiDiGraph`` class docs, "Subclasses (Advanced)") to
two mutable mappings that hold the same things in fewer bytes:

- :class:`EdgeKeys` holds one key and its attributes inline, and a dict only from the second key on;
- :class:`EdgeAttrs` holds its key order as a tuple shared with every edge of that shape, and its
  values in a tuple.

Both behave as dicts do for every use the graph's readers make of them (lookups, ``get``, ``in``,
``len``, iteration and ``items()``/``values()``/``keys()`` in insertion order, updates, deletion,
``popitem`` last in first out, ``copy()`` → a dict, equality with a dict, pickling); what they are not is
an instance of ``dict``, so ``json`` needs ``dict(attrs)``.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, MutableMapping, ValuesView
from typing import Any

import networkx as nx

__all__ = ["KGraph", "EdgeKeys", "EdgeAttrs"]

_NONE: Any = object()  # EdgeKeys holds no key
_MANY: Any = object()  # EdgeKeys holds a dict


class _Items(ItemsView):  # type: ignore[type-arg]
    __slots__ = ()

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return self._mapping._pairs()  # type: ignore[attr-defined,no-any-return]


class _Values(ValuesView):  # type: ignore[type-arg]
    __slots__ = ()

    def __iter__(self) -> Iterator[Any]:
        return self._mapping._vals()  # type: ignore[attr-defined,no-any-return]


class _Compact(MutableMapping[Any, Any]):
    """What both mappings share: views, ``copy``, ``repr`` and pickling as a dict's."""

    __slots__ = ()

    def items(self) -> ItemsView[Any, Any]:
        return _Items(self)

    def values(self) -> ValuesView[Any]:
        return _Values(self)

    def keys(self) -> KeysView[Any]:
        return KeysView(self)

    def copy(self) -> dict[Any, Any]:
        return dict(self._pairs())  # type: ignore[attr-defined]

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

    def _pairs(self) -> Iterator[tuple[Any, Any]]:
        own = self._key
        if own is _MANY:
            return iter(self._value.items())
        return iter(() if own is _NONE else ((own, self._value),))

    def _vals(self) -> Iterator[Any]:
        own = self._key
        if own is _MANY:
            return iter(self._value.values())
        return iter(() if own is _NONE else (self._value,))


_SHAPES: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # each key order once, shared by every edge of that order


def _shape(keys: tuple[Any, ...]) -> tuple[Any, ...]:
    return _SHAPES.setdefault(keys, keys)


class EdgeAttrs(_Compact):
    """An edge's attributes: its key order (a tuple shared by every edge with that order) and its values."""

    __slots__ = ("_keys", "_values")

    def __init__(self) -> None:
        self._keys: tuple[Any, ...] = ()
        self._values: tuple[Any, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        keys = self._keys
        if key in keys:
            return self._values[keys.index(key)]
        raise KeyError(key)

    def get(self, key: Any, default: Any = None) -> Any:
        keys = self._keys
        return self._values[keys.index(key)] if key in keys else default

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __setitem__(self, key: Any, value: Any) -> None:
        keys, values = self._keys, self._values
        if key in keys:
            i = keys.index(key)
            self._values = (*values[:i], value, *values[i + 1:])
        else:
            self._keys = _shape((*keys, key))
            self._values = (*values, value)

    def __delitem__(self, key: Any) -> None:
        keys, values = self._keys, self._values
        if key not in keys:
            raise KeyError(key)
        i = keys.index(key)
        self._keys = _shape(keys[:i] + keys[i + 1:])
        self._values = values[:i] + values[i + 1:]

    def popitem(self) -> tuple[Any, Any]:
        """The last key added and its value, removed (as ``dict.popitem``)."""
        if not self._keys:
            raise KeyError("popitem(): no attributes")
        item = self._keys[-1], self._values[-1]
        self._keys, self._values = _shape(self._keys[:-1]), self._values[:-1]
        return item

    def update(self, other: Any = (), /, **more: Any) -> None:
        if not self._keys and type(other) is dict and not more:  # a new edge: networkx's add_edge
            self._keys = _shape(tuple(other))
            self._values = tuple(other.values())
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
        return len(self._keys)

    def _pairs(self) -> Iterator[tuple[Any, Any]]:
        return zip(self._keys, self._values)

    def _vals(self) -> Iterator[Any]:
        return iter(self._values)


class KGraph(nx.MultiDiGraph):  # type: ignore[misc]
    """A :class:`networkx.MultiDiGraph` with :class:`EdgeKeys` and :class:`EdgeAttrs` as its per-edge
    containers; the same API (its copies and subgraphs are KGraphs)."""

    edge_key_dict_factory = EdgeKeys
    edge_attr_dict_factory = EdgeAttrs
