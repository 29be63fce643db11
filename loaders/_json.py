"""JSON decoding with explicit limits, and a reader of a JSON array that keeps
every good element when one element is damaged."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

__all__ = ["MAX_JSON_DEPTH", "MAX_INT_DIGITS", "JsonLimitError", "loads", "raw_decode", "json_depth",
           "iter_array", "first_object_line", "why", "WS"]

MAX_JSON_DEPTH = 64  # objects/arrays inside each other; paper metadata needs about 5
MAX_INT_DIGITS = 100  # a longer integer is damage, not data (Python refuses 4,300 digits anyway)


class JsonLimitError(ValueError):
    pass


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise JsonLimitError(f"a number with {digits:,} digits, over the {MAX_INT_DIGITS}-digit limit")
    return int(text)


_DECODER = json.JSONDecoder(parse_int=_int)
# A string, or an unterminated one running to the end: always matches, never backtracks.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
WS = re.compile(r"[ \t\n\r]*+")  # JSON whitespace


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in ``text`` (strings ignored), in linear time."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0)


def _check_depth(text: str) -> None:
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise JsonLimitError(f"nested {depth:,} levels deep, over the {MAX_JSON_DEPTH}-level limit")


def loads(text: str) -> Any:
    """``json.loads`` with the depth and integer-size limits (raises ``ValueError``)."""
    _check_depth(text)
    return _DECODER.decode(text)


def raw_decode(text: str, pos: int) -> tuple[Any, int]:
    """The value starting at ``pos`` and where it ends (raises ``ValueError``)."""
    try:
        value, end = _DECODER.raw_decode(text, pos)
    except RecursionError:
        raise JsonLimitError(f"nested over the {MAX_JSON_DEPTH}-level limit") from None
    _check_depth(text[pos:end])
    return value, end


_LINE_OPENING_OBJECT = re.compile(r"\n([ \t]*+)\{")


def first_object_line(raw: str) -> tuple[int, str] | None:
    """(offset, indentation) of the first object that starts a line after the first
    line: where to read elements from when the document around them is damaged."""
    found = _LINE_OPENING_OBJECT.search(raw)
    return (found.end() - 1, found.group(1)) if found else None


def why(exc: ValueError) -> str:
    """A one-line reason for a decoding failure."""
    if isinstance(exc, json.JSONDecodeError):
        if exc.lineno == 1:
            return f"invalid JSON: {exc.msg} at column {exc.colno}"
        return f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, JsonLimitError):
        return f"JSON {exc}"
    return f"invalid JSON: {exc}"


_CLOSERS = re.compile(r"[\s\]},]*+\Z")
_INDENT = re.compile(r"\n([ \t]*+)(?=\S)")


def _element_prefix(raw: str, pos: int) -> str:
    """The indentation elements of the array opening at ``raw[pos]`` get when they
    start lines: that of the line holding the ``[`` plus the file's usual
    indentation step (the commonest increase from one line to the next)."""
    line_start = raw.rfind("\n", 0, pos) + 1
    line = raw[line_start:pos]
    base = line[: len(line) - len(line.lstrip(" \t"))]
    indents = [m.group(1) for m in _INDENT.finditer(raw)]
    steps = Counter(len(b) - len(a) for a, b in zip(indents, indents[1:]) if len(b) > len(a))
    step = min(steps, key=lambda k: (-steps[k], k)) if steps else 0
    tab = sum(i.count("\t") for i in indents) > sum(i.count(" ") for i in indents)
    return base + ("\t" if tab else " ") * step


def _ends_element(raw: str, end: int, prefix: str) -> bool:
    """Whether a value ending at ``end`` ends like an element of an indented array:
    the next line opens an element at ``prefix`` or closes the array."""
    after = _AFTER_ELEMENT.match(raw, end)
    if after is None:
        return False
    indent, char = after.group(1), after.group(2)
    return (char == "{" and indent == prefix) or (char == "]" and len(indent) < len(prefix))


_AFTER_ELEMENT = re.compile(r"[ \t]*+,?[ \t]*+\n([ \t]*+)([{\]])")
_INLINE_NEXT = re.compile(r"\}[ \t\n\r]*+,[ \t\n\r]*+(?=\{)")


def _resync(raw: str, start: int, prefix: str) -> int | None:
    """Where the element after the damaged one at ``start`` begins, or None.

    In an indented array elements start a line at the same indentation, or (when
    a line break was lost) follow ``},`` and end where elements end; in a compact
    array the next element follows ``},``.
    """
    found = raw.find("\n" + prefix + "{", start + 1)
    line = found + 1 + len(prefix) if found >= 0 else None
    for inline in _INLINE_NEXT.finditer(raw, start + 1, line or len(raw)):
        if line is None:  # a compact array
            return inline.end()
        try:
            _, end = raw_decode(raw, inline.end())
        except ValueError:
            continue
        if _ends_element(raw, end, prefix):
            return inline.end()
    return line


def iter_array(raw: str, pos: int, prefix: str | None = None) -> Iterator[tuple[int, int, Any, str | None]]:
    """(start, end, value, None) for each good element of the array opening at
    ``raw[pos]``, and (start, end, None, reason) for each damaged one; ``end`` is
    where the next element's search began. Stops at the closing bracket or the end."""
    if prefix is None:
        prefix = _element_prefix(raw, pos)  # until a good element shows the real one
    learned = False
    pos += 1
    while True:
        pos = WS.match(raw, pos).end()  # type: ignore[union-attr]
        if pos >= len(raw):
            return
        if raw[pos] == "]":
            if _CLOSERS.match(raw, pos + 1):
                return
            resume = _resync(raw, pos, prefix)  # a stray "]" with elements after it
            if resume is None:
                return
            pos = resume
            continue
        if raw[pos] == ",":
            pos += 1
            continue
        start = pos
        try:
            value, pos = raw_decode(raw, start)
        except ValueError as exc:
            resume = _resync(raw, start, prefix)
            yield start, len(raw) if resume is None else resume, None, why(exc)
            if resume is None:
                return
            pos = resume
            continue
        line_start = raw.rfind("\n", 0, start) + 1
        own = raw[line_start:start] if line_start > 0 and start - line_start <= 64 else None
        if own is not None and not own.strip(" \t"):
            # An element that starts a line never holds a line opening an object at its own
            # indentation: that is the next element, swallowed because a bracket was lost.
            inner = raw.find("\n" + own + "{", start + 1, pos)
            if inner >= 0:
                pos = inner + 1 + len(own)
                yield start, pos, None, "the record runs into the next one (a closing bracket is missing)"
                continue
            if not learned and isinstance(value, dict):
                prefix, learned = own, True
        yield start, pos, value, None
