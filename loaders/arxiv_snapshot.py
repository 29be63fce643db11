"""The arXiv metadata snapshot (the Kaggle "arxiv-metadata-oai-snapshot" file):
one JSON object a line with ``id``, ``title``, ``abstract``, ``authors`` /
``authors_parsed``, ``versions``, ``categories``, ``doi``.

The real file is several gigabytes, so ``read_arxiv_snapshot(path)`` streams it
line by line and holds one line at a time; ``parse_arxiv_snapshot(text)`` is
the same mapping over lines already read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kg.ids import parse_arxiv_id
from kg.loaders._json import loads, why
from kg.loaders._record import clean_text as _text
from kg.loaders._record import guarded, iso_date, paper_record
from kg.loaders._stream import iter_lines
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_arxiv_snapshot", "read_arxiv_snapshot", "record_from_snapshot"]

# LaTeX accents as the snapshot writes names (Bal\'azs, M\"uller, \c{c}): combining marks
_MARKS = {"'": "\u0301", '"': "\u0308", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
          "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328"}
_ACCENT = re.compile(r"\{?\\([`'\"^~=.])\s?\{?([A-Za-z])\}?\}?|\{?\\([cvuHk])\{([A-Za-z])\}\}?")


def sniff(text: TextFile) -> bool:
    """One of the first lines is a snapshot object (a damaged first line does not hide the format)."""
    lines = [ln for ln in text.lines[:20] if ln.strip()][:5]
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    for line in lines:
        try:
            row = loads(line)
        except ValueError:
            continue
        return isinstance(row, Mapping) and ("authors_parsed" in row or {"id", "versions", "abstract"} <= row.keys())
    return False


def _accents(name: str) -> str:
    def mark(m: re.Match[str]) -> str:
        accent, letter = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return letter + _MARKS[accent]

    return unicodedata.normalize("NFC", _ACCENT.sub(mark, name)) if "\\" in name else name


def _authors(row: Mapping[str, Any]) -> list[str]:
    parsed = row.get("authors_parsed")
    names: list[str] = []
    if isinstance(parsed, list):
        for person in parsed:
            if isinstance(person, list) and all(isinstance(p, str) for p in person):
                # [last, first, suffix]
                parts = [p.strip() for p in [*person[1:2], *person[:1], *person[2:3]] if p.strip()]
                if parts:
                    names.append(_accents(" ".join(parts)))
        return names
    raw = _text(row.get("authors"))
    if raw:
        names = [p.strip() for p in re.split(r",\s*|\s+and\s+", raw) if p.strip()]
    return [_accents(n) for n in names]


def _first_version_date(versions: Any) -> str | None:
    if not isinstance(versions, list) or not versions or not isinstance(versions[0], Mapping):
        return None
    created = versions[0].get("created")
    if not isinstance(created, str):
        return None
    try:
        return parsedate_to_datetime(created).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def record_from_snapshot(row: Any, source: str, line: int) -> PaperRecord | LoadError:
    if not isinstance(row, Mapping):
        return LoadError(source=source, line=line, message=f"expected an object, found {type(row).__name__}")
    title = _text(row.get("title"))
    if not title:
        return LoadError(source=source, line=line, message="record has no title; skipped")
    raw_id = row.get("id")
    arxiv_id = parse_arxiv_id(str(raw_id)) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    if arxiv_id is None:
        return LoadError(source=source, line=line, message=f"'id' is not an arXiv id: {str(raw_id)[:40]!r}; skipped")
    date = _first_version_date(row.get("versions"))
    if date is None:
        date = iso_date(_text(row.get("update_date")))
    categories = row.get("categories")
    return paper_record(
        source,
        line,
        title=title,
        abstract=_text(row.get("abstract")),
        authors=_authors(row),
        arxiv_id=arxiv_id,
        doi=_text(row.get("doi")),
        date=date,
        categories=categories.split() if isinstance(categories, str) else [],
    )


def _parse_line(line: str, source: str, number: int) -> PaperRecord | LoadError:
    try:
        row = loads(line)
    except ValueError as exc:
        return LoadError(source=source, line=number, message=why(exc))
    return guarded(source, number, lambda: record_from_snapshot(row, source, number))


def _parse(lines: Iterable[tuple[int, str | None, str | None]], source: str) -> Iterator[PaperRecord | LoadError]:
    for number, line, unreadable in lines:
        if unreadable is not None:
            yield LoadError(source=source, line=number, message=unreadable)
        elif line and line.strip():
            yield _parse_line(line, source, number)


def parse_arxiv_snapshot(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    lines = ((n, line, text.bad.get(n)) for n, line in enumerate(text.lines, start=1))
    return _parse(lines, text.source)


def read_arxiv_snapshot(path: str | Path, source: str | None = None) -> Iterator[PaperRecord | LoadError]:
    """Stream a snapshot file: memory stays flat however long the file is."""
    return _parse(iter_lines(path), source or str(path))
