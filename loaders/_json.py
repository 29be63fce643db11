"""JSON with explicit limits, and the one reader of JSON documents.

``read_json(text, to_record)`` reads a list of items, a page holding one under a
usual key (``{"results": [...]}``, ``{"data": [...]}`` …) or one item: JSON arrays,
OpenAlex pages, CSL-JSON and Semantic Scholar documents all go through it.
Items are decoded one by one from their own position with the limits below, so
a damaged item (or an unreadable line inside it) costs only that item: after
it the reader resynchronises at the next item (the next line opening an object
at the items' indentation, or the next ``},{`` of a compact list) and says what
it skipped. ``read_json_lines(text)`` is the same for one value a line.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import accumulate
from typing import Any, NamedTuple

from kg.loaders._record import WHOLE_FILE, Item
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["MAX_JSON_DEPTH", "MAX_INT_DIGITS", "JsonLimitError", "loads", "raw_decode", "json_depth", "why",
           "read_json", "read_json_lines", "json_lines", "usual_list_key", "LIST_KEYS"]

MAX_JSON_DEPTH = 64  # objects/arrays inside each other; paper metadata needs about 5
MAX_INT_DIGITS = 100  # a longer integer is damage, not data (Python refuses 4,300 digits anyway)
LIST_KEYS = ("results", "papers", "records", "items", "data", "entries")  # where a page keeps its list


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
    try:
        return _DECODER.decode(text)
    except RecursionError:
        raise JsonLimitError(f"nested over the {MAX_JSON_DEPTH}-level limit") from None


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
        if exc.lineno == 1:
            return f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"
        return f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, JsonLimitError):
        return f"JSON {exc}"
    return f"invalid JSON: {exc}"


def _why_item(exc: ValueError) -> str:
    """Why one item of a list could not be read (the item's own line is the error's line)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON in this item ({exc.msg.removesuffix(' at')} at line {exc.lineno})"
    if isinstance(exc, JsonLimitError):
        return f"JSON item {exc}"
    return f"invalid JSON in this item ({exc})"


_LINE_OPENING_OBJECT = re.compile(r"\n([ \t]*+)\{")


def first_object_line(raw: str) -> tuple[int, str] | None:
    """(offset, indentation) of the first object that starts a line after the first
    line: where to read elements from when the document around them is damaged."""
    found = _LINE_OPENING_OBJECT.search(raw)
    return (found.end() - 1, found.group(1)) if found else None


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


class Element(NamedTuple):
    """One element of a list: ``value`` when it decoded, else ``error`` (it is skipped);
    or, with ``note``, something about the list itself (no element)."""

    start: int
    end: int  # where the search for the next element began
    value: Any = None
    error: str | None = None
    note: str | None = None


def iter_array(raw: str, pos: int, prefix: str | None = None) -> Iterator[Element]:
    """The elements of the array opening at ``raw[pos]``, good and damaged, and notes
    on a stray ``]`` or data after the list. Stops at the closing bracket or the end."""
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
            after = WS.match(raw, pos + 1).end()  # type: ignore[union-attr]
            resume = _resync(raw, pos, prefix)
            if resume is None:
                yield Element(after, after, note="extra data after the JSON list; not read")
                return
            if raw.startswith(",", after):  # "]," and more elements: the "]" is stray, the list goes on
                yield Element(pos, pos, note="stray ']' inside the list; ignored")
            else:
                yield Element(resume, resume, note="extra data after the JSON list; read on from line {line}")
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
            yield Element(start, len(raw) if resume is None else resume, error=_why_item(exc))
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
                yield Element(start, pos, error="the record runs into the next one (a closing bracket is missing)")
                continue
            if not learned and isinstance(value, dict):
                prefix, learned = own, True
        yield Element(start, pos, value)


# ---- a whole document -------------------------------------------------------------------

ListKey = Callable[[Mapping[str, Any]], "str | None"]
ToRecord = Callable[[Any, str, int], Item]


def usual_list_key(data: Mapping[str, Any]) -> str | None:
    """The key under which a page object keeps its list of items, if any."""
    return next((key for key in LIST_KEYS if isinstance(data.get(key), list)), None)


def _list_at(raw: str, data: Mapping[str, Any], list_key: ListKey) -> int | None:
    """Offset of the ``[`` that opens the list of items in a decoded page object."""
    key = list_key(data)
    if key is None:
        return None
    for found in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r'[ \t\n\r]*+:[ \t\n\r]*+\[', raw):
        try:
            if raw_decode(raw, found.end() - 1)[0] == data[key]:
                return found.end() - 1
        except ValueError:
            continue
    return None


_DAMAGED_LIST = re.compile(r'"(?:%s)"[ \t\n\r]*+:[ \t\n\r]*+\[' % "|".join(LIST_KEYS))
Elements = Iterable[Element]


def _readings(raw: str, list_key: ListKey) -> Iterator[Elements]:
    """Ways to find the items in ``raw``, most likely first (notes included)."""
    pos = WS.match(raw).end()  # type: ignore[union-attr]
    head: list[Element] = []
    if raw.startswith("[", pos):
        yield iter_array(raw, pos)
    elif raw.startswith("{", pos):
        try:
            data, end = raw_decode(raw, pos)
        except ValueError as exc:
            data, end, failure = None, pos, exc
        else:
            failure = None
        rest = WS.match(raw, end).end()  # type: ignore[union-attr]
        if failure is None and rest == len(raw):
            at = _list_at(raw, data, list_key) if isinstance(data, Mapping) else None
            yield iter_array(raw, at) if at is not None else [Element(pos, end, data)]
        elif failure is None and raw.startswith(",", rest):  # objects separated by commas: a list that lost its "["
            yield [Element(pos, pos, note="the list's opening '[' is missing; read as a list"),
                   *iter_array(raw, pos - 1)]
        elif failure is None:
            head = [Element(pos, end, data)]  # a whole first object: kept by the line-by-line reading below
            yield [*head, Element(rest, rest, note="extra data after the JSON object; not read")]
        else:
            yield [Element(getattr(failure, "pos", pos), pos, note=f"{why(failure)}; {WHOLE_FILE}")]
    else:
        yield [Element(pos, pos, note=f"expected a JSON list or object; {WHOLE_FILE}")]
    if (damaged := _DAMAGED_LIST.search(raw)) is not None:  # a damaged page: its list, element by element
        yield iter_array(raw, damaged.end() - 1)
    if (found := first_object_line(raw)) is not None:  # the objects that start a line
        note = Element(found[0], found[0], note="the document around the records is damaged; reading the objects "
                                                "that start a line")
        yield [*(e for e in head if e.end <= found[0]), note, *iter_array(raw, found[0] - 1, found[1])]


def read_json(text: TextFile, to_record: ToRecord, list_key: ListKey = usual_list_key) -> Iterator[Item]:
    """The items of a JSON document (a list, a page object holding one under
    ``list_key``, or one item) mapped by ``to_record(value, source, line)``.

    A damaged item, or one spanning an unreadable line, is a ``file:line`` error
    and the reader goes on at the next item. When the document around the items
    is damaged so that none can be found, the list under a usual key, then the
    objects that start a line are tried, and the reading that builds the most
    records is kept.
    """
    raw = "\n".join(text.lines)
    newlines = [m.start() for m in re.finditer("\n", raw)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    def items(elements: Elements) -> list[Item]:
        out: list[Item] = []
        bad = dict(text.bad)
        for element in elements:
            first = line_of(element.start)
            if element.note is not None:
                out.append(LoadError(source=text.source, line=first, message=element.note.format(line=first)))
                continue
            last = line_of(max(element.start, element.end - 1))
            spoiled = sorted(n for n in bad if first <= n <= last)
            if spoiled:
                out.append(LoadError(source=text.source, line=spoiled[0],
                                     message=f"{bad[spoiled[0]]}; the item at line {first} is skipped"))
                for n in spoiled:
                    del bad[n]
            elif element.error is not None:
                out.append(LoadError(source=text.source, line=first, message=f"{element.error}; skipped"))
            else:
                out.append(to_record(element.value, text.source, first))
        out += [LoadError(source=text.source, line=n, message=reason) for n, reason in sorted(bad.items())]
        return out

    best: list[Item] | None = None
    for elements in _readings(raw, list_key):  # the first that reads cleanly, else the one that builds most
        found = items(elements)
        if best is None and not any(isinstance(i, LoadError) for i in found):
            yield from found
            return
        if best is None or _built(found) > _built(best):
            best = found
    yield from best or []


def _built(items: list[Item]) -> int:
    return sum(1 for i in items if isinstance(i, PaperRecord))


def read_json_lines(text: TextFile) -> Iterator[tuple[int, Any] | LoadError]:
    """``(line, value)`` for each line of a JSON Lines file, or the error that line is."""
    return json_lines(((n, line, text.bad.get(n)) for n, line in enumerate(text.lines, start=1)), text.source)


def json_lines(numbered: Iterable[tuple[int, str | None, str | None]], source: str,
               ) -> Iterator[tuple[int, Any] | LoadError]:
    """:func:`read_json_lines` of ``(number, line, why unreadable)`` triples (as
    :func:`kg.loaders._stream.iter_lines` reads a file without holding it)."""
    for number, line, bad in numbered:
        if bad is not None:
            yield LoadError(source=source, line=number, message=bad)
        elif line is not None and line.strip():
            try:
                yield number, loads(line)
            except ValueError as exc:
                yield LoadError(source=source, line=number, message=why(exc))
