"""arXiv API answers: Atom feeds of ``<entry>`` elements (``id``, ``title``,
``summary``, ``author/name``, ``published``, ``category``, ``arxiv:doi``,
``link``).

The XML is data: each entry is parsed on its own by expat with the feed's
namespace declarations and nothing else, so a DOCTYPE and its entities (entity
bombs, external entities) are never read, let alone expanded; a damaged entry
costs only itself.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.ids import parse_arxiv_id
from kg.loaders._record import iso_date, paper_record
from kg.loaders._text import TextFile, first_bad, head_chars
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_arxiv_atom", "record_from_entry"]

ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"
_ENTRY_OPEN = re.compile(r"<(?:[\w.-]+:)?entry[\s>/]")
_ENTRY_CLOSE = re.compile(r"</(?:[\w.-]+:)?entry\s*>")
_ROOT = re.compile(r"<(?:[\w.-]+:)?feed[\s>]")
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_SEP = "\x1f"  # expat's namespace separator: "uri\x1flocal"


def sniff(text: TextFile) -> bool:
    head = head_chars(text)
    return bool(_ROOT.search(head)) and ATOM in head


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]

    def first(self, tag: str) -> str | None:
        for child in self.all(tag):
            value = re.sub(r"\s+", " ", "".join(child.text)).strip()
            if value:
                return value
        return None


class _Refused(Exception):
    pass


def _refuse(*_: object) -> None:
    raise _Refused("DOCTYPE or entity declaration inside an entry (not read)")


def _parse_entry(xml_text: str) -> _Node:
    """One entry (wrapped in the feed's start tag) into a small tree."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEP)
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    root = _Node("", {})
    stack = [root]

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(tag, attrs)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        stack[-1].text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.Parse(xml_text, True)
    feed = root.children[0]
    return feed.children[0]


def record_from_entry(entry: _Node, source: str, line: int) -> PaperRecord | LoadError:
    a, x = ATOM + _SEP, ARXIV + _SEP
    raw_id = entry.first(a + "id")
    title = entry.first(a + "title")
    if raw_id and "/api/errors" in raw_id:
        return LoadError(source=source, line=line, message=f"the arXiv API answered an error: {entry.first(a + 'summary')}")
    if not title:
        return LoadError(source=source, line=line, message="entry has no title; skipped")
    links = {(ln.attrs.get("title") or ln.attrs.get("rel") or ""): ln.attrs.get("href") for ln in entry.all(a + "link")}
    arxiv_id = parse_arxiv_id(raw_id) or parse_arxiv_id(links.get("alternate"))
    doi = entry.first(x + "doi") or links.get("doi")
    primary = [n.attrs.get("term", "") for n in entry.all(x + "primary_category")]
    categories = [t for t in dict.fromkeys(primary + [n.attrs.get("term", "") for n in entry.all(a + "category")]) if t]
    authors = [n for n in (person.first(a + "name") for person in entry.all(a + "author")) if n]
    return paper_record(
        source,
        line,
        title=title,
        abstract=entry.first(a + "summary"),
        authors=authors,
        arxiv_id=arxiv_id,
        doi=doi,
        url=None if arxiv_id else links.get("alternate"),  # with an id: its abs page
        pdf_url=links.get("pdf"),
        date=iso_date(entry.first(a + "published")) or iso_date(entry.first(a + "updated")),
        categories=categories,
    )


def _spans(raw: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every ``<entry>…</entry>`` in the document, found by plain search."""
    pos = 0
    while True:
        match = _ENTRY_OPEN.search(raw, pos)
        if not match:
            return
        start = match.start()
        prefix = raw[start + 1: match.end() - 1].rsplit("entry", 1)[0]
        close = f"</{prefix}entry>"
        nxt = _ENTRY_OPEN.search(raw, match.end())
        stop = nxt.start() if nxt else len(raw)
        end = raw.find(close, match.end(), stop)  # never past the next entry: linear however many are unclosed
        if end < 0:  # unclosed: the entry runs to the next one (or the end)
            yield start, -stop
            pos = stop
            continue
        yield start, end + len(close)
        pos = end + len(close)


def parse_arxiv_atom(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    raw = "\n".join(text.lines)
    source = text.source
    counted = [0, 1]  # position up to which newlines are counted, line number there

    def line_of(pos: int) -> int:  # positions only grow, so counting stays linear
        if pos < counted[0]:
            return raw.count("\n", 0, pos) + 1
        counted[1] += raw.count("\n", counted[0], pos)
        counted[0] = pos
        return counted[1]

    first = _ENTRY_OPEN.search(raw)
    header = raw[: first.start() if first else len(raw)]
    doctype = _DOCTYPE.search(header)
    if doctype:
        yield LoadError(source=source, line=line_of(doctype.start()),
                        message="DOCTYPE declaration ignored: entities are never expanded (entries that use them are skipped)")
    root = _ROOT.search(header)
    root_tag = "<feed>"
    if root:
        close = header.find(">", root.start())
        root_tag = re.sub(r"\s+", " ", header[root.start(): close + 1]) if close > 0 else "<feed>"
        if root_tag.endswith("/>"):
            return
    root_name = root_tag[1:].split(" ", 1)[0].rstrip(">")
    reported: set[int] = set()
    bad_lines = sorted(text.bad)
    after = 0  # end of the last entry: a closing tag between entries is an entry whose start was damaged
    for start, end in [*_spans(raw), (len(raw), len(raw))]:
        stray = _ENTRY_CLOSE.search(raw, after, start)
        if stray:
            yield LoadError(source=source, line=line_of(stray.start()),
                            message="an </entry> without its <entry> (the entry's start is damaged); skipped")
        if start == len(raw):
            break
        after = abs(end)
        line = line_of(start)
        if end < 0:
            yield LoadError(source=source, line=line, message="entry is not closed; skipped")
            continue
        last = line + raw.count("\n", start, end)
        bad = first_bad(bad_lines, line, last)
        if bad is not None:
            reported.add(bad)
            yield LoadError(source=source, line=bad, message=f"{text.bad[bad]}; entry at line {line} skipped")
            continue
        try:
            entry = _parse_entry(f"{root_tag}{raw[start:end]}</{root_name}>")
            yield record_from_entry(entry, source, line)
        except xml.parsers.expat.ExpatError as exc:
            yield LoadError(source=source, line=line + exc.lineno - 1,
                            message=f"invalid XML in entry at line {line}: {xml.parsers.expat.errors.messages[exc.code]}; skipped")
        except (_Refused, ValueError, RecursionError, IndexError) as exc:
            yield LoadError(source=source, line=line, message=f"entry could not be read ({exc}); skipped")
    for number in sorted(set(text.bad) - reported):
        yield LoadError(source=source, line=number, message=text.bad[number])
