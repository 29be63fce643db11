"""Metadata records in JSON, JSON Lines or CSV with the usual field names
(arXiv API/Kaggle dumps, paper radars, spreadsheets)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from kg.ids import parse_arxiv_id
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["work_key", "sniff_json", "sniff_jsonl", "sniff_csv", "parse_json", "parse_jsonl", "parse_csv", "record_from_mapping"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "paper_title", "display_name", "name"),
    "title_zh": ("title_zh", "chinese_title", "标题"),
    "abstract": ("abstract", "summary", "description"),
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
    if isinstance(value, str):
        parts = re.split(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+", value.strip())
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
    doi = re.search(r"(?:doi\.org/|^doi:\s*|^)(10\.\d{4,9}/\S+)$", text, re.I)
    if doi:
        return f"doi:{doi.group(1).lower()}"
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
    places = [row.get("primary_location"), *(row.get("locations") or [])]
    for place in places:
        if isinstance(place, Mapping):
            for key in ("landing_page_url", "pdf_url"):
                found = parse_arxiv_id(str(place.get(key) or ""))
                if found:
                    return found
    ids = row.get("ids")
    return parse_arxiv_id(str(ids.get("arxiv") or "")) if isinstance(ids, Mapping) else None


def record_from_mapping(row: Mapping[str, Any], source: str, line: int) -> PaperRecord | LoadError:
    """Map one JSON object or CSV row onto a :class:`PaperRecord` (OpenAlex works included)."""
    if not isinstance(row, Mapping):
        return LoadError(source=source, line=line, message=f"expected an object, found {type(row).__name__}")
    row = {str(k).strip().lower(): v for k, v in row.items()}
    openalex_id = None
    raw_openalex = str(row.get("id") or "")
    if "openalex.org/" in raw_openalex:
        match = _OPENALEX.search(raw_openalex)
        openalex_id = match.group(1).upper() if match else None
        row = {**row, "id": None, "arxiv_id": _openalex_arxiv(row),
               "abstract": row.get("abstract") or _inverted_abstract(row.get("abstract_inverted_index"))}
    title = _text(_get(row, "title"))
    title_zh = _text(_get(row, "title_zh"))
    if not title and not title_zh:
        return LoadError(source=source, line=line, message="record has no title; skipped")
    url, pdf_url = _text(_get(row, "url")), _text(_get(row, "pdf_url"))
    raw_id = _text(_get(row, "id"))
    arxiv_id = parse_arxiv_id(raw_id) or parse_arxiv_id(url) or parse_arxiv_id(pdf_url)
    doi = _text(_get(row, "doi"))
    if doi:
        doi = re.sub(r"^https?://(dx\.)?doi\.org/", "", doi)
    date = _text(_get(row, "date"))
    date_iso = date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else None
    year_raw = _get(row, "year")
    year = None
    if year_raw is not None and re.fullmatch(r"\d{4}", str(year_raw).strip()):
        year = int(str(year_raw).strip())
    elif date_iso:
        year = int(date_iso[:4])
    abstract = _text(_get(row, "abstract"))
    raw_refs = _get(row, "references")
    if isinstance(raw_refs, str):
        raw_refs = re.split(r"[\s;,]+", raw_refs)
    references = [k for k in (work_key(v) for v in raw_refs or []) if k]
    return PaperRecord(
        source=source,
        line=line,
        title=title,
        title_zh=title_zh,
        abstract=abstract,
        abstract_zh=_text(_get(row, "abstract_zh")),
        authors=_authors(_get(row, "authors")),
        arxiv_id=arxiv_id,
        doi=doi,
        url=url or (f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None),
        pdf_url=pdf_url,
        code_url=_text(_get(row, "code_url")),
        year=year,
        date=date_iso,
        categories=_strings(_get(row, "categories")),
        openalex_id=openalex_id,
        references=list(dict.fromkeys(references)),
    )


def _first_char(text: TextFile) -> str:
    for line in text.head(20):
        if line.strip():
            return line.lstrip()[0]
    return ""


def sniff_json(text: TextFile) -> bool:
    first = _first_char(text)
    if first == "[":
        return True
    if first != "{":
        return False
    non_empty = [ln for ln in text.lines if ln.strip()]
    if len(non_empty) + len(text.bad) <= 1:
        return True
    try:  # one pretty-printed object, not one object per line
        json.loads(non_empty[0])
    except json.JSONDecodeError:
        return True
    return False


def sniff_jsonl(text: TextFile) -> bool:
    return _first_char(text) == "{" and not sniff_json(text)


def sniff_csv(text: TextFile) -> bool:
    head = next((ln for ln in text.head(5) if ln.strip()), "")
    try:
        dialect = csv.Sniffer().sniff(head, delimiters=",\t;")
    except csv.Error:
        return False
    columns = {c.strip().strip('"').lower() for c in head.split(dialect.delimiter)}
    return bool(columns & set(_ALIASES["title"]))


def parse_jsonl(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    for number, line in enumerate(text.lines, start=1):
        if number in text.bad:
            yield LoadError(source=text.source, line=number, message=text.bad[number])
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield LoadError(
                source=text.source, line=number, message=f"invalid JSON: {exc.msg} at column {exc.colno}"
            )
            continue
        yield record_from_mapping(row, text.source, number)


def _line_of(raw: str, needle: str) -> int:
    position = raw.find(needle)
    return raw.count("\n", 0, position) + 1 if position >= 0 else 1


def parse_json(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    if text.bad:
        for number, why in sorted(text.bad.items()):
            yield LoadError(source=text.source, line=number, message=f"{why}; the JSON document cannot be read")
        return
    raw = "\n".join(text.lines)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        yield LoadError(source=text.source, line=exc.lineno, message=f"invalid JSON: {exc.msg}")
        return
    if isinstance(data, Mapping):
        for key in ("results", "papers", "records", "items", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        yield LoadError(source=text.source, line=1, message="expected a list of paper objects")
        return
    for item in data:
        title = _text(item.get("title")) if isinstance(item, Mapping) else None
        line = _line_of(raw, json.dumps(title)[1:-1]) if title else 1
        yield record_from_mapping(item, text.source, line)


def parse_csv(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    raw = "\n".join(text.lines)
    head = next((ln for ln in text.lines if ln.strip()), "")
    dialect = csv.Sniffer().sniff(head, delimiters=",\t;")
    reader = csv.DictReader(io.StringIO(raw), dialect=dialect)
    start = 2
    for row in reader:
        end = reader.line_num
        broken = next((b for b in sorted(text.bad) if start <= b <= end), None)
        if broken is not None:
            yield LoadError(source=text.source, line=broken, message=f"{text.bad[broken]}; row skipped")
        elif None in row:
            yield LoadError(source=text.source, line=start, message="row has more cells than the header; skipped")
        else:
            yield record_from_mapping(row, text.source, start)
        start = end + 1
