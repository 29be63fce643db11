"""Texts held on disk instead of in memory: a list of strings kept in an unnamed scratch file.

:class:`SpillList` appends each string's UTF-8 bytes to a temporary file (unlinked as soon as it
is made, so nothing is left behind even when the process is killed) and keeps only where each one
ends: 8 bytes a string in memory, whatever its length. Reading one back is one ``pread``. The build
holds every loaded record and merged paper (:mod:`kg.merge`) and every paper's extraction
(:mod:`kg.runner`) this way: at 100k papers each is hundreds of MB that would otherwise stay on
the heap.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

from pydantic import BaseModel

__all__ = ["Lazy", "SpillList", "ModelList"]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

_BLOCK = 1 << 20  # bytes written at a time
_RECENT = 1024  # texts read last, kept to be read again (the edges of one sentence are read one after another)


class Lazy(Sequence[T]):
    """A sequence whose items are read when asked: subclasses give ``__len__`` and ``_get(i)``
    (``0 <= i < len``); indexing (negative and slices included) and iteration follow from them."""

    def _get(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._get(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._get(i)

    def __iter__(self) -> Iterator[T]:
        for i in range(len(self)):
            yield self._get(i)


class SpillList(Lazy[str]):
    """An append-only sequence of strings stored in a scratch file (``folder``: where; default the
    system's temporary folder)."""

    def __init__(self, texts: Iterable[str] = (), folder: str | os.PathLike[str] | None = None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed with this object)
        self._fd = self._file.fileno()
        self._ends = array("q")
        self._pending: list[bytes] = []  # appended, not yet written
        self._pending_size = 0
        self._written = 0
        self._recent: dict[int, str] = {}
        self.extend(texts)

    def append(self, text: str) -> None:
        data = text.encode("utf-8")
        self._pending.append(data)
        self._pending_size += len(data)
        self._ends.append((self._ends[-1] if self._ends else 0) + len(data))
        if self._pending_size >= _BLOCK:
            self._flush()

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.append(text)

    def _flush(self) -> None:
        if self._pending:
            offset, view = self._written, memoryview(b"".join(self._pending))
            while view:
                n = os.pwrite(self._fd, view, offset)
                offset, view = offset + n, view[n:]
            self._written = offset
            self._pending.clear()
            self._pending_size = 0

    def _get(self, i: int) -> str:
        text = self._recent.get(i)
        if text is not None:
            return text
        start = self._ends[i - 1] if i else 0
        end = self._ends[i]
        if end > self._written:
            self._flush()
        if len(self._recent) >= _RECENT:
            self._recent.clear()
        text = self._recent[i] = os.pread(self._fd, end - start, start).decode("utf-8")
        return text

    def __len__(self) -> int:
        return len(self._ends)

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()


class ModelList(Lazy[M], Generic[M]):
    """Pydantic models kept as their ``model_dump_json`` text in a :class:`SpillList`; each read
    parses one afresh (an equal model, not the same object)."""

    def __init__(self, model: type[M], texts: Iterable[str]) -> None:
        self.model = model
        self.texts = texts if isinstance(texts, SpillList) else SpillList(texts)

    @classmethod
    def of(cls, model: type[M], items: Iterable[M]) -> ModelList[M]:
        return cls(model, (item.model_dump_json() for item in items))

    def append(self, item: M) -> None:
        self.texts.append(item.model_dump_json())

    def __len__(self) -> int:
        return len(self.texts)

    def _get(self, i: int) -> M:
        return self.model.model_validate_json(self.texts._get(i))
