"""Union-find; the smaller of two roots becomes the root, so groups (and everything named after
them) are the same on every run. :class:`UnionFind` over hashable items (a dict), :class:`Positions`
over positions 0, 1, 2, … (an array: 8 bytes an item, for one per input record)."""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterator, MutableMapping, MutableSequence
from typing import Generic, TypeVar

__all__ = ["UnionFind", "Positions"]

T = TypeVar("T", bound=Hashable)


def _root(parent: MutableMapping[T, T] | MutableSequence[int], x: T) -> T:  # type: ignore[type-var]
    """``x``'s root, halving the path on the way."""
    while parent[x] != x:  # type: ignore[index]
        parent[x] = parent[parent[x]]  # type: ignore[index]
        x = parent[x]  # type: ignore[index]
    return x


class UnionFind(Generic[T]):
    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        self.parent.setdefault(x, x)
        return _root(self.parent, x)

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))  # type: ignore[type-var]
            self.parent[high] = low


class Positions(UnionFind[int]):
    """Positions added one by one (:meth:`add`); every group's root is its first position."""

    def __init__(self) -> None:
        self.parent = array("q")  # type: ignore[assignment]

    def add(self) -> None:
        self.parent.append(len(self.parent))  # type: ignore[attr-defined]

    def find(self, x: int) -> int:
        return _root(self.parent, x)

    def members(self) -> Iterator[list[int]]:
        """Each group's positions in order, the groups in the order of their first position."""
        n = len(self.parent)
        nxt = array("q", bytes(8 * n))  # the group's next member after each position (0: none)
        last = array("q", range(n))  # per root: its group's last member so far
        for i in range(n):
            root = self.find(i)
            if root != i:
                nxt[last[root]] = i
                last[root] = i
        del last
        for i in range(n):
            if self.parent[i] == i:
                group, k = [i], nxt[i]
                while k:
                    group.append(k)
                    k = nxt[k]
                yield group
