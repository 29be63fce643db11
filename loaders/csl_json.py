"""CSL-JSON, the citation format Zotero exports ("CSL JSON") and citeproc reads:
a list of items with ``type``, ``title``, ``author`` ({family, given}),
``issued`` ({date-parts}), ``DOI``, ``URL``, ``abstract``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kg.ids import parse_arxiv_id
from kg.loaders._json import read_json
from kg.loaders._record import clean_text as _text
from kg.loaders._record import guarded, paper_record
from kg.loaders._text import TextFile, first_char, head_chars
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_csl_json", "record_from_csl"]

_TYPE = re.compile(r'"type"\s*:\s*"[a-z-]+"')
_CSL_KEYS = re.compile(r'"(issued|container-title|citation-key|family|given|collection-title|event-title)"\s*:')
_ARXIV_TAG = re.compile(r"arxiv:\s*(\S+)", re.I)


def sniff(text: TextFile) -> bool:
    if first_char(text) not in "[{" or not first_char(text):
        return False
    head = head_chars(text)
    return bool(_TYPE.search(head) and _CSL_KEYS.search(head))


def _name(person: Any) -> str | None:
    if not isinstance(person, Mapping):
        return _text(person)
    if _text(person.get("literal")):
        return _text(person["literal"])
    parts = [person.get(k) for k in ("given", "non-dropping-particle", "family", "suffix")]
    return " ".join(p for p in (_text(x) for x in parts) if p) or None


def _date(issued: Any) -> tuple[int | None, str | None]:
    """``issued`` as (year, ISO date when the day is known)."""
    if not isinstance(issued, Mapping):
        return None, None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers: list[int] = []
        for p in parts[0][:3]:
            if isinstance(p, int) and not isinstance(p, bool) or isinstance(p, str) and p.strip().isdigit():
                numbers.append(int(p))
            else:
                break
        if numbers and 1000 <= numbers[0] <= 9999:
            full = len(numbers) == 3 and 1 <= numbers[1] <= 12 and 1 <= numbers[2] <= 31
            return numbers[0], f"{numbers[0]:04d}-{numbers[1]:02d}-{numbers[2]:02d}" if full else None
    raw = _text(issued.get("raw")) or _text(issued.get("literal"))
    match = re.match(r"(\d{4})(?:-(\d{2})-(\d{2}))?", raw or "")
    if match:
        return int(match.group(1)), match.group(0) if match.group(2) else None
    return None, None


def _arxiv(item: Mapping[str, Any]) -> str | None:
    for key in ("URL", "url"):
        found = parse_arxiv_id(_text(item.get(key)))
        if found and "arxiv" in str(item.get(key)).lower():
            return found
    for key in ("number", "note", "archive_location", "DOI"):
        value = _text(item.get(key)) or ""
        tag = _ARXIV_TAG.search(value)
        if tag and parse_arxiv_id(tag.group(1)):
            return parse_arxiv_id(tag.group(1))
        if key == "DOI" and value.lower().startswith("10.48550/arxiv."):
            return parse_arxiv_id(value[len("10.48550/arxiv."):])
    return None


def record_from_csl(item: Any, source: str, line: int) -> PaperRecord | LoadError:
    if not isinstance(item, Mapping):
        return LoadError(source=source, line=line, message=f"expected a CSL item (an object), found {type(item).__name__}")
    title = _text(item.get("title"))
    if not title:
        return LoadError(source=source, line=line, message="CSL item has no title; skipped")
    authors = item.get("author")
    year, date = _date(item.get("issued"))
    return paper_record(
        source,
        line,
        title=title,
        abstract=_text(item.get("abstract")),
        authors=[n for n in (_name(a) for a in authors) if n] if isinstance(authors, list) else [],
        arxiv_id=_arxiv(item),
        doi=_text(item.get("DOI") or item.get("doi")),
        url=_text(item.get("URL") or item.get("url")),
        year=year,
        date=date,
    )


def parse_csl_json(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    return read_json(text, lambda item, source, line: guarded(source, line, lambda: record_from_csl(item, source, line)))
