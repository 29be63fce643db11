"""The items of a JSON document one by one, each with its line, so that one
damaged item costs only that item.

A document is a list of objects, an object holding one under a usual key
(``data``, ``items``, ``results`` …), or one object. Items are decoded with
``json.JSONDecoder.raw_decode`` from their own position; after a damaged item
the reader resumes at the next line that opens an item at the same indentation
(pretty-printed exports) and says what it skipped.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.loaders._text import TextFile

__all__ = ["Item", "iter_items", "head_chars", "first_char", "first_bad"]

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")
_LIST_KEYS = ("data", "items", "results", "papers", "records", "entries")
_SIBLINGS = re.compile(r"\n([ \t]*)\},?[ \t]*\n\1\{")
_JSON_ERRORS = (json.JSONDecodeError, RecursionError, ValueError)


class _ItemError(ValueError):
    """A JSON error at ``pos`` of the document (without counting its lines, as JSONDecodeError does)."""

    def __init__(self, msg: str, pos: int) -> None:
        super().__init__(msg)
        self.msg, self.pos = msg, pos


@dataclass
class Item:
    """One decoded item (``value``) or why it could not be read (``error``), on lines ``line``..``end``."""

    line: int
    value: Any = None
    error: str | None = None
    end: int = 0


def head_chars(text: TextFile, n: int = 4000) -> str:
    """The first ``n`` characters of the file (lines joined), for sniffing."""
    out: list[str] = []
    size = 0
    for line in text.lines:
        out.append(line[: max(n - size, 0)])
        size += len(out[-1]) + 1
        if size >= n:
            break
    return "\n".join(out)


def first_bad(bad: list[int], first: int, last: int) -> int | None:
    """The first of the sorted unreadable line numbers ``bad`` within ``first..last``."""
    i = bisect_left(bad, first)
    return bad[i] if i < len(bad) and bad[i] <= last else None


def first_char(text: TextFile) -> str:
    for line in text.lines[:50]:
        if line.strip():
            return line.lstrip()[0]
    return ""


class _Doc:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.closed = 0  # just past the list's "]" once read
        self.layout: str | None = None  # "\n" + indentation + "{" of the list's items, "" when unknown

    def line(self, pos: int) -> int:
        return bisect_right(self.starts, pos)

    def skip(self, pos: int) -> int:
        return _WS.match(self.raw, pos).end()  # type: ignore[union-attr]

    def error(self, pos: int, why: str) -> Item:
        line = self.line(pos)
        return Item(line, error=why, end=line)

    def opener(self, item_start: int) -> str | None:
        """How an item of this list begins a line: as the shallowest sibling objects of the document do
        (``}`` then ``{`` at one indentation), else as the item at ``item_start`` does; None when
        items share lines (no layout to resume by)."""
        if self.layout is None:
            found = {m.group(1) for m in _SIBLINGS.finditer(self.raw)}
            self.layout = "\n" + min(sorted(found), key=len) + "{" if found else ""
        if self.layout:
            return self.layout
        line_start = self.raw.rfind("\n", 0, item_start) + 1
        indent = self.raw[line_start:item_start]
        return None if indent.strip() or line_start == 0 else "\n" + indent + self.raw[item_start]

    def resume(self, after: int, item_start: int) -> int | None:
        """The next item after ``after`` (see :meth:`opener`)."""
        opener = self.opener(item_start)
        found = self.raw.find(opener, after) if opener else -1
        return None if found < 0 else found + len(opener) - 1  # type: ignore[arg-type]

    def decode(self, start: int) -> tuple[Any, int]:
        """The value at ``start`` and where it ends.

        Decoded within the span up to the next item at the same indentation when
        there is one, so that an error costs that span, not the whole document
        (``JSONDecodeError`` counts the lines before its position).
        """
        opener = self.opener(start)
        limit = self.raw.find(opener, start + 1) if opener else -1
        if limit < 0:
            return _DECODER.raw_decode(self.raw, start)
        span = self.raw[start:limit]
        try:
            value, used = _DECODER.raw_decode(span)
            return value, start + used
        except json.JSONDecodeError as exc:
            if exc.pos < len(span.rstrip().rstrip(",").rstrip()):  # inside the item: a real error
                raise _ItemError(exc.msg, start + exc.pos) from None
        return _DECODER.raw_decode(self.raw, start)  # the item runs past the next opener

    def array(self, pos: int) -> Iterator[Item]:
        """Items of the array whose ``[`` is at ``pos``."""
        pos = self.skip(pos + 1)
        if self.raw.startswith("]", pos):
            self.closed = pos + 1
            return
        yield from self.items_from(pos)

    def resync(self, pos: int, why: str) -> Iterator[Item]:
        """Report damage at ``pos`` and read on from the next item of the list's layout, if any."""
        resume = self.resume(max(self.raw.rfind("\n", 0, pos), 0), pos)  # an item may begin right at pos
        if resume is None:
            yield self.error(pos, f"{why}; not read")
            return
        yield self.error(pos, f"{why}; read on from line {self.line(resume)}")
        self.closed = 0
        yield from self.items_from(resume)

    def items_from(self, pos: int) -> Iterator[Item]:
        """Items of a list from the item at ``pos`` to the list's end."""
        raw = self.raw
        while pos < len(raw):
            start = pos
            try:
                value, pos = self.decode(pos)
            except _JSON_ERRORS as exc:
                where = max(getattr(exc, "pos", start), start)
                why = getattr(exc, "msg", type(exc).__name__)
                resume = self.resume(start + 1, start)
                if resume is None:
                    yield self.error(where, f"invalid JSON: {why}; the rest of the list is skipped")
                    return
                yield Item(self.line(start), error=f"invalid JSON in this item ({why} at line {self.line(where)}); "
                           "skipped", end=self.line(resume) - 1)
                pos = resume
                continue
            yield Item(self.line(start), value=value, end=self.line(pos))
            pos = self.skip(pos)
            if raw.startswith(",", pos):
                pos = self.skip(pos + 1)
            elif raw.startswith("]", pos):
                after = self.skip(pos + 1)
                opener = self.opener(start)
                if raw.startswith(",", after) and opener and raw.startswith(opener, self.skip(after + 1) - len(opener) + 1):
                    # "]," then another item of the list's layout: the "]" is stray, the list goes on
                    yield self.error(pos, "stray ']' inside the list; ignored")
                    pos = self.skip(after + 1)
                    continue
                self.closed = pos + 1
                return
            else:
                resume = self.resume(pos, start)
                if resume is None:
                    yield self.error(pos, "invalid JSON: expected ',' or ']' after an item; the rest of the list "
                                          "is skipped")
                    return
                yield self.error(pos, f"invalid JSON: expected ',' or ']' after an item; skipped to line "
                                      f"{self.line(resume)}")
                pos = resume
        yield self.error(len(raw), "invalid JSON: the list is not closed (file cut short?)")

    def items(self) -> Iterator[Item]:
        raw = self.raw
        pos = self.skip(0)
        if raw.startswith("[", pos):
            yield from self.array(pos)
            if self.closed and self.skip(self.closed) < len(raw):
                yield from self.resync(self.skip(self.closed), "extra data after the JSON list")
            return
        if not raw.startswith("{", pos):
            yield self.error(pos, "expected a JSON list or object")
            return
        start = pos  # one paper, or a wrapper holding the list under a usual key
        pos = self.skip(pos + 1)
        wrapper = False
        try:
            while not raw.startswith("}", pos):
                key, pos = _DECODER.raw_decode(raw, pos)
                pos = self.skip(pos)
                if not isinstance(key, str) or not raw.startswith(":", pos):
                    raise json.JSONDecodeError("expected a key and ':'", raw, pos)
                pos = self.skip(pos + 1)
                if key in _LIST_KEYS and raw.startswith("[", pos) and not wrapper:
                    wrapper = True
                    yield from self.array(pos)
                    if not self.closed:
                        return
                    pos = self.closed
                else:
                    _, pos = _DECODER.raw_decode(raw, pos)
                pos = self.skip(pos)
                if raw.startswith(",", pos):
                    pos = self.skip(pos + 1)
                elif not raw.startswith("}", pos):
                    raise json.JSONDecodeError("expected ',' or '}'", raw, pos)
            end = pos + 1
            if wrapper:
                value = None
            else:
                value, end = _DECODER.raw_decode(raw, start)
        except _JSON_ERRORS as exc:
            where = getattr(exc, "pos", pos)
            if wrapper:
                yield from self.resync(where, f"invalid JSON after the list: {getattr(exc, 'msg', exc)}")
            else:
                yield self.error(where, f"invalid JSON: {getattr(exc, 'msg', exc)}")
            return
        if not wrapper:
            yield Item(self.line(start), value=value, end=self.line(end))
        if self.skip(end) < len(raw):
            yield self.error(self.skip(end), "extra data after the JSON object; not read")


def iter_items(text: TextFile) -> Iterator[Item]:
    """Every item of a JSON document, with its lines.

    An item that spans an unreadable line (bad UTF-8, binary bytes) is reported
    at that line instead of being read without it.
    """
    bad = sorted(text.bad)
    reported: set[int] = set()
    for item in _Doc("\n".join(text.lines)).items():
        hit = first_bad(bad, item.line, item.end)
        if hit is None:
            yield item
        else:
            reported.add(hit)
            yield Item(hit, error=f"{text.bad[hit]}; the item at line {item.line} is skipped", end=hit)
    for number in bad:
        if number not in reported:
            yield Item(number, error=text.bad[number], end=number)
