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
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.loaders._text import TextFile

__all__ = ["Item", "iter_items", "head_chars", "first_char"]

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")
_LIST_KEYS = ("data", "items", "results", "papers", "records", "entries")
_JSON_ERRORS = (json.JSONDecodeError, RecursionError, ValueError)


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


def first_char(text: TextFile) -> str:
    for line in text.lines[:50]:
        if line.strip():
            return line.lstrip()[0]
    return ""


class _Doc:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    def line(self, pos: int) -> int:
        return bisect_right(self.starts, pos)

    def skip(self, pos: int) -> int:
        return _WS.match(self.raw, pos).end()  # type: ignore[union-attr]

    def error(self, pos: int, why: str) -> Item:
        line = self.line(pos)
        return Item(line, error=why, end=line)

    def resume(self, after: int, item_start: int) -> int | None:
        """The next item at the indentation of the item that began at ``item_start``."""
        line_start = self.raw.rfind("\n", 0, item_start) + 1
        indent = self.raw[line_start:item_start]
        if indent.strip():  # the item shares its line with other text: no layout to resume by
            return None
        opener = "\n" + indent + self.raw[item_start]
        found = self.raw.find(opener, after)
        return None if found < 0 else found + len(opener) - 1

    def array(self, pos: int) -> Iterator[Item]:
        """Items of the array whose ``[`` is at ``pos``."""
        raw = self.raw
        pos = self.skip(pos + 1)
        if raw.startswith("]", pos):
            return
        while pos < len(raw):
            start = pos
            try:
                value, pos = _DECODER.raw_decode(raw, pos)
            except _JSON_ERRORS as exc:
                where = max(getattr(exc, "pos", start), start)
                why = getattr(exc, "msg", type(exc).__name__)
                resume = self.resume(where + 1, start)
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
                return
            else:
                yield self.error(pos, "invalid JSON: expected ',' or ']' after an item; the rest of the list is skipped")
                return
        yield self.error(len(raw), "invalid JSON: the list is not closed (file cut short?)")

    def items(self) -> Iterator[Item]:
        raw = self.raw
        pos = self.skip(0)
        if raw.startswith("[", pos):
            yield from self.array(pos)
            return
        if not raw.startswith("{", pos):
            yield self.error(pos, "expected a JSON list or object")
            return
        start = pos  # one paper, or a wrapper holding the list under a usual key
        pos = self.skip(pos + 1)
        try:
            while not raw.startswith("}", pos):
                key, pos = _DECODER.raw_decode(raw, pos)
                pos = self.skip(pos)
                if not isinstance(key, str) or not raw.startswith(":", pos):
                    raise json.JSONDecodeError("expected a key and ':'", raw, pos)
                pos = self.skip(pos + 1)
                if key in _LIST_KEYS and raw.startswith("[", pos):
                    yield from self.array(pos)
                    return
                _, pos = _DECODER.raw_decode(raw, pos)
                pos = self.skip(pos)
                if raw.startswith(",", pos):
                    pos = self.skip(pos + 1)
                elif not raw.startswith("}", pos):
                    raise json.JSONDecodeError("expected ',' or '}'", raw, pos)
            value, end = _DECODER.raw_decode(raw, start)
        except _JSON_ERRORS as exc:
            yield self.error(getattr(exc, "pos", pos), f"invalid JSON: {getattr(exc, 'msg', exc)}")
            return
        yield Item(self.line(start), value=value, end=self.line(end))


def iter_items(text: TextFile) -> Iterator[Item]:
    """Every item of a JSON document, with its lines.

    An item that spans an unreadable line (bad UTF-8, binary bytes) is reported
    at that line instead of being read without it.
    """
    bad = sorted(text.bad)
    reported: set[int] = set()
    for item in _Doc("\n".join(text.lines)).items():
        hit = next((b for b in bad if item.line <= b <= item.end), None) if bad else None
        if hit is None:
            yield item
        else:
            reported.add(hit)
            yield Item(hit, error=f"{text.bad[hit]}; the item at line {item.line} is skipped", end=hit)
    for number in bad:
        if number not in reported:
            yield Item(number, error=text.bad[number], end=number)
