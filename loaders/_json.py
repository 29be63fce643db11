"""JSON decoding with explicit limits, and a reader of a JSON array that keeps
every good element when one element is damaged."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

__all__ = ["MAX_JSON_DEPTH", "MAX_INT_DIGITS", "JsonLimitError", "loads", "raw_decode", "json_depth",
           "iter_array", "why"]

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
_WS = re.compile(r"[ \t\n\r]*+")


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


def why(exc: ValueError) -> str:
    """A one-line reason for a decoding failure."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, JsonLimitError):
        return f"JSON {exc}"
    return f"invalid JSON: {exc}"


def _resync(raw: str, start: int, prefix: str | None) -> int | None:
    """Where the element after the damaged one at ``start`` begins, or None.

    In an indented array every element starts on its own line with the same
    indentation as the first; in a compact one the next element follows ``},``.
    """
    if prefix is not None:
        found = re.compile(r"\n" + re.escape(prefix) + r"(?=[{\[])").search(raw, start + 1)
        return found.end() if found else None
    found = re.compile(r"\}[ \t\n\r]*+,[ \t\n\r]*+(?=\{)").search(raw, start + 1)
    return found.end() if found else None


def iter_array(raw: str, pos: int) -> Iterator[tuple[int, int, Any, str | None]]:
    """(start, end, value, None) for each good element of the array opening at
    ``raw[pos]``, and (start, end, None, reason) for each damaged one; ``end`` is
    where the next element's search began. Stops at the closing bracket or the end."""
    pos += 1
    prefix: str | None = None
    first = True
    while True:
        pos = _WS.match(raw, pos).end()  # type: ignore[union-attr]
        if pos >= len(raw) or raw[pos] == "]":
            return
        if raw[pos] == ",":
            pos += 1
            continue
        if first:
            line_start = raw.rfind("\n", 0, pos) + 1
            lead = raw[line_start:pos]
            prefix = lead if line_start > 0 and not lead.strip() else None
            first = False
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
        yield start, pos, value, None
