"""Metadata records in JSON, JSON Lines or CSV with the usual field names
(arXiv API/Kaggle dumps, paper radars, spreadsheets)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.ids import parse_arxiv_id
from kg.loaders._json import json_lines, loads, read_json, read_json_lines, usual_list_key
from kg.loaders._record import MAX_FIELD_CHARS, WHOLE_FILE, guarded, iso_date, paper_record
from kg.loaders._stream import iter_lines
from kg.loaders._text import TextFile, first_char
from kg.model import LoadError, PaperRecord

__all__ = ["MAX_FIELD_CHARS", "work_key", "sniff_json", "sniff_jsonl", "sniff_csv", "parse_json", "parse_jsonl", "read_jsonl", "parse_csv", "record_from_mapping"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "paper_title", "display_name", "name"),
    "title_zh": ("title_zh", "chinese_title", "标题"),
    "abstract": ("abstract", "summary", "description", "abstract_note"),
    "abstract_zh": ("abstract_zh", "chinese_abstract", "摘要"),
    "authors": ("authors", "author", "creators", "authorships", "作者"),
    "id": ("arxiv_id", "arxivid", "arxiv", "id", "paper_id", "entry_id"),
    "doi": ("doi",),
    "url": ("url", "abs_url", "link", "landing_page_url"),
    "pdf_url": ("pdf_url", "pdf", "pdf_link"),
    "code_url": ("code_url", "code", "repo", "github", "repository"),
    "year": ("year", "publication_year"),
    "date": ("date", "published", "publication_date", "update_date", "created"),
    "categories": ("categories", "category", "primary_category", "tags"),
    "references": ("references", "referenced_works", "cites", "citations_out"),
}
_OPENALEX = re.compile(r"(?:https?://openalex\.org/)?(W\d+)$", re.I)
_NONE = {"", "n/a", "na", "none", "null", "-"}
_AND = re.compile(r"(?<!\S)and(?!\S)")

csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))  # one CSV cell (a quoted cell may span lines)


def _get(row: Mapping[str, Any], field: str) -> Any:
    """The first non-empty value under any usual name of ``field`` (``row`` has lower-case keys)."""
    for key in _ALIASES[field]:
        value = row.get(key)
        if value is not None and not (isinstance(value, str) and value.strip().lower() in _NONE):
            return value
    return None


def _author_name(item: Any) -> str | None:
    if isinstance(item, str):
        return item.strip() or None
    if isinstance(item, Mapping):
        if isinstance(item.get("author"), Mapping):  # OpenAlex authorships
            return _author_name(item["author"])
        for key in ("name", "display_name", "full_name"):
            if isinstance(item.get(key), str):
                return item[key].strip() or None
        parts = [item.get("given") or item.get("first"), item.get("family") or item.get("last")]
        name = " ".join(p for p in parts if isinstance(p, str) and p)
        return name or None
    if isinstance(item, list | tuple) and item and all(isinstance(p, str) for p in item):
        # arXiv metadata "authors_parsed": [last, first, suffix]
        return " ".join(p for p in (item[1:2] + item[:1]) if p) or None
    return None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # "A; B", "A, B and C", "A, B, and C", Zotero's "Last, First; Last, First"
        if ";" in value:
            parts = [q for p in value.split(";") for q in _AND.split(p)]
            parts = [" ".join(reversed(p.split(","))) if p.count(",") == 1 else p for p in parts]
            return [" ".join(p.split()) for p in parts if p.strip()]
        parts = [q for p in value.split(",") for q in _AND.split(p)]
        return [p for p in (s.strip() for s in parts) if p]
    if isinstance(value, list):
        return [n for n in (_author_name(v) for v in value) if n]
    return []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [s for s in re.split(r"[\s,;]+", value) if s]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int) and str(v).strip()]
    return []


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"doi:\s*+", re.I)


def _doi(text: str) -> str | None:
    """The DOI that ``text`` is (``10.…``, ``doi: 10.…``) or ends with after ``doi.org/``.

    Only the last word can hold it, so each ``doi.org/`` is tried once: linear time
    (the regex this replaces retried every ``doi.org/`` up to a later space).
    """
    prefix = _DOI_PREFIX.match(text)
    whole = _DOI.fullmatch(text, prefix.end() if prefix else 0)
    if whole:
        return whole.group(0)
    words = text.split()
    tail = words[-1] if words else ""
    lowered, at = tail.lower(), 0
    while (at := lowered.find("doi.org/", at)) >= 0:
        at += len("doi.org/")
        found = _DOI.fullmatch(tail, at)
        if found:
            return found.group(0)
    return None


def work_key(value: Any) -> str | None:
    """A cited work as a key: ``arxiv:2401.00001``, ``doi:10.…`` (lower case) or ``openalex:W…``."""
    if isinstance(value, Mapping):
        for field in ("arxiv_id", "arxiv", "doi", "openalex", "id"):
            if value.get(field):
                return work_key(value[field])
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    openalex = _OPENALEX.search(text)
    if openalex and ("openalex" in text.lower() or text.upper().startswith("W")):
        return f"openalex:{openalex.group(1).upper()}"
    doi = _doi(text)
    if doi:
        return f"doi:{doi.lower()}"
    arxiv = parse_arxiv_id(text)
    return f"arxiv:{arxiv}" if arxiv else None


def _inverted_abstract(index: Any) -> str | None:
    """OpenAlex stores abstracts as {word: [positions]}."""
    if not isinstance(index, Mapping):
        return None
    words: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else []:
            if isinstance(position, int):
                words[position] = str(word)
    return " ".join(words[i] for i in sorted(words)) or None


def _openalex_arxiv(row: Mapping[str, Any]) -> str | None:
    locations = row.get("locations")
    places = [row.get("primary_location"), *(locations if isinstance(locations, list) else [])]
    for place in places:
        if isinstance(place, Mapping):
            for key in ("landing_page_url", "pdf_url"):
                found = parse_arxiv_id(str(place.get(key) or ""))
                if found:
                    return found
    ids = row.get("ids")
    return parse_arxiv_id(str(ids.get("arxiv") or "")) if isinstance(ids, Mapping) else None


def record_from_mapping(row: Any, source: str, line: int) -> PaperRecord | LoadError:
    """Map one JSON object or CSV row onto a :class:`PaperRecord` (OpenAlex works included);
    whatever goes wrong becomes a ``file:line`` error for this record."""
    return guarded(source, line, lambda: _from_mapping(row, source, line))


def _from_mapping(row: Any, source: str, line: int) -> PaperRecord | LoadError:
    if not isinstance(row, Mapping):
        return LoadError(source=source, line=line, message=f"expected an object, found {type(row).__name__}")
    row = {re.sub(r"\s+", "_", str(k).strip().lower()): v for k, v in row.items()}  # "Publication Year" = publication_year
    openalex_id = None
    raw_openalex = str(row.get("id") or "")
    if "openalex.org/" in raw_openalex:
        match = _OPENALEX.search(raw_openalex)
        openalex_id = match.group(1).upper() if match else None
        row = {**row, "id": None, "arxiv_id": _openalex_arxiv(row),
               "abstract": row.get("abstract") or _inverted_abstract(row.get("abstract_inverted_index"))}
    title = _text(_get(row, "title"))
    title_zh = _text(_get(row, "title_zh"))
    url, pdf_url = _text(_get(row, "url")), _text(_get(row, "pdf_url"))
    raw_id = _text(_get(row, "id"))
    arxiv_id = parse_arxiv_id(raw_id) or parse_arxiv_id(url) or parse_arxiv_id(pdf_url)
    year_raw = _get(row, "year")
    year = int(str(year_raw).strip()) if year_raw is not None and re.fullmatch(r"\d{4}", str(year_raw).strip()) else None
    abstract = _text(_get(row, "abstract"))
    raw_refs = _get(row, "references")
    if isinstance(raw_refs, str):
        raw_refs = re.split(r"[\s;,]+", raw_refs)
    elif not isinstance(raw_refs, list):  # one work given as an object, or nothing usable
        raw_refs = [raw_refs] if isinstance(raw_refs, Mapping) else []
    references = [k for k in (work_key(v) for v in raw_refs) if k]
    return paper_record(
        source,
        line,
        title=title,
        title_zh=title_zh,
        abstract=abstract,
        abstract_zh=_text(_get(row, "abstract_zh")),
        authors=_authors(_get(row, "authors")),
        arxiv_id=arxiv_id,
        doi=_text(_get(row, "doi")),
        url=url,
        pdf_url=pdf_url,
        code_url=_text(_get(row, "code_url")),
        year=year,
        date=iso_date(_text(_get(row, "date"))),
        categories=_strings(_get(row, "categories")),
        openalex_id=openalex_id,
        references=list(dict.fromkeys(references)),
    )


def _one_object_per_line(text: TextFile) -> bool:
    """Most of the first lines are each a whole ``{…}`` object (JSON Lines), so one
    damaged first line does not turn the file into one broken JSON document."""
    head = [ln.strip() for ln in text.head(40) if ln.strip()][:20]
    objects = sum(1 for ln in head if ln.startswith("{") and ln.endswith("}"))
    if len(head) + len(text.bad) <= 1:
        return False
    if objects * 2 > len(head):
        return True
    try:  # two or three lines: is the first one a whole object?
        loads(head[0])
    except ValueError:
        return False
    return head[0].startswith("{")


def _opens_array(text: TextFile) -> bool:
    """``[`` followed by a JSON value or ``]`` (a ``[text](link)`` line is no array)."""
    head = "".join(text.head(20)).lstrip()
    return head.startswith("[") and head[1:].lstrip()[:1] in ('{', '[', '"', "]", "}", ",", "-", "t", "f", "n", "",
                                                              *"0123456789")


def sniff_json(text: TextFile) -> bool:
    first = first_char(text, 20)
    return (first == "[" and _opens_array(text)) or (first == "{" and not _one_object_per_line(text))


def sniff_jsonl(text: TextFile) -> bool:
    return _one_object_per_line(text)


def _delimiter(header: str) -> str | None:
    """The delimiter that splits ``header`` into cells one of which names the title."""
    for delimiter in (",", "\t", ";"):
        try:
            cells = next(csv.reader([header], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(cells) > 1 and {c.strip().lower() for c in cells} & set(_ALIASES["title"]):
            return delimiter
    return None


def sniff_csv(text: TextFile) -> bool:
    head = next((ln for ln in text.head(5) if ln.strip()), "")
    return _delimiter(head) is not None


def parse_jsonl(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    return _records(read_json_lines(text), text.source)


def read_jsonl(path: str | Path, source: str | None = None) -> Iterator[PaperRecord | LoadError]:
    """:func:`parse_jsonl` of a file read line by line, never held whole."""
    return _records(json_lines(iter_lines(path), source or str(path)), source or str(path))


def _records(items: Iterator[tuple[int, Any] | LoadError], source: str) -> Iterator[PaperRecord | LoadError]:
    for item in items:
        yield item if isinstance(item, LoadError) else record_from_mapping(item[1], source, item[0])


def _list_key(data: Mapping[str, Any]) -> str | None:
    """The key of the list of papers in a page object: a usual name, or else (for an
    object with no title of its own) its first list of objects."""
    key = usual_list_key(data)
    if key is not None or any(str(k).strip().lower() in _ALIASES["title"] for k in data):
        return key
    return next((k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], Mapping)), None)


def parse_json(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    """A JSON array of papers, an API page (``{"results": [...]}``) or one paper object,
    element by element (see :func:`kg.loaders._json.read_json`)."""
    return read_json(text, record_from_mapping, _list_key)


def _rows_from(lines: list[str], start: int) -> Iterator[str]:
    return (lines[k] + "\n" for k in range(start, len(lines)))


def parse_csv(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    """Rows are read one at a time, each from the line it starts on: a row that
    runs past its line must be well formed (quotes closed, as many cells as the
    header), else it is reported and reading resumes on the next line, so an
    unclosed quote never swallows the rows after it."""
    lines = text.lines
    h = next((i for i, ln in enumerate(lines) if ln.strip() and i + 1 not in text.bad), None)
    delimiter = _delimiter(lines[h]) if h is not None else None
    if h is None or delimiter is None:
        yield LoadError(source=text.source, line=1, message=f"no CSV header with a title column; {WHOLE_FILE}")
        return
    for number in sorted(n for n in text.bad if n <= h):
        yield LoadError(source=text.source, line=number, message=text.bad[number])
    header = [c.strip() for c in next(csv.reader([lines[h]], delimiter=delimiter))]
    following = [ln for ln in lines[h + 1 : h + 40] if ln.strip()][:5]
    width = max((len(next(csv.reader([ln], delimiter=delimiter), [])) for ln in following), default=len(header))
    if width < len(header) and any(len(c) > 40 or " " in c for c in header[width:]):
        yield LoadError(source=text.source, line=h + 1,
                        message=f"the header line has {len(header)} cells but the rows have {width}: "
                        "a row seems joined to the header; that row is lost")
    i = h + 1
    while i < len(lines):
        number = i + 1
        if number in text.bad:
            yield LoadError(source=text.source, line=number, message=f"{text.bad[number]}; row skipped")
            i += 1
            continue
        if not lines[i].strip():
            i += 1
            continue
        reader = csv.reader(_rows_from(lines, i), delimiter=delimiter, strict=True)
        try:
            cells = next(reader)
        except csv.Error as exc:
            yield LoadError(source=text.source, line=number, message=f"malformed CSV row ({exc}); row skipped")
            i += 1
            continue
        used = reader.line_num
        if len(cells) > len(header) or (used > 1 and len(cells) != len(header)):
            yield LoadError(source=text.source, line=number,
                            message=f"row has {len(cells)} cells, the header has {len(header)}; row skipped")
            i += 1 if used > 1 else used
            continue
        spoiled = next((n for n in range(number, number + used) if n in text.bad), None)
        if spoiled is not None:
            yield LoadError(source=text.source, line=spoiled, message=f"{text.bad[spoiled]}; row at line {number} skipped")
        else:
            yield record_from_mapping(dict(zip(header, cells)), text.source, number)
        i += used
