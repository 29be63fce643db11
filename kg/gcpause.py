"""Pause Python's cyclic garbage collector while a stage allocates millions of objects.

Reading the extraction store, resolving entities and writing the outputs make millions of
small objects and no reference cycles; each full collection walks every live object (the
whole graph at 100k papers), so collections alone took about half of reading the store.
Objects are still freed by reference counting; collection resumes when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
