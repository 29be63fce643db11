"""Semantic Scholar Graph API papers, as JSON (one paper, a batch list, or a
search page ``{"data": [...]}``) or JSON Lines (one paper a line).

``externalIds`` (ArXiv, DOI, CorpusId) join the paper with the same paper from
other inputs; ``references`` (what it cites) and ``citations`` (what cites it)
become CITES edges between papers of the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kg.ids import parse_arxiv_id
from kg.loaders._json import read_json, read_json_lines
from kg.loaders._record import clean_doi, guarded, iso_date, paper_record
from kg.loaders._record import clean_text as _text
from kg.loaders._text import TextFile, first_char, head_chars
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_semantic_scholar", "record_from_s2", "s2_work_key"]

_S2_KEYS = re.compile(r'"(paperId|externalIds|corpusId|citingPaper|citedPaper)"\s*:')
_PAPER_ID = re.compile(r"[0-9a-f]{40}")


def sniff(text: TextFile) -> bool:
    return first_char(text) in ("[", "{") and bool(_S2_KEYS.search(head_chars(text)))


def _unwrap(paper: Any) -> Any:
    """``{"citedPaper": {...}}`` / ``{"citingPaper": {...}}`` (the references/citations endpoints) → the paper."""
    if isinstance(paper, Mapping):
        for key in ("citedPaper", "citingPaper"):
            if isinstance(paper.get(key), Mapping):
                return paper[key]
    return paper


def _ids(paper: Mapping[str, Any]) -> dict[str, str]:
    ext = paper.get("externalIds")
    ext = ext if isinstance(ext, Mapping) else {}
    ids: dict[str, str] = {}
    arxiv = parse_arxiv_id(_text(ext.get("ArXiv")))
    if arxiv:
        ids["arxiv"] = arxiv
    doi = clean_doi(_text(ext.get("DOI")))
    if doi:
        ids["doi"] = doi.lower()
    corpus = _text(ext.get("CorpusId")) or _text(paper.get("corpusId"))
    if corpus and corpus.isdigit():
        ids["s2"] = corpus
    paper_id = _text(paper.get("paperId"))
    if paper_id and _PAPER_ID.fullmatch(paper_id):
        ids["s2paper"] = paper_id
    return ids


def s2_work_key(paper: Any) -> str | None:
    """The one key a referenced or citing paper is known by: arXiv, else DOI, else CorpusId, else paperId."""
    paper = _unwrap(paper)
    if not isinstance(paper, Mapping):
        return None
    ids = _ids(paper)
    for kind in ("arxiv", "doi", "s2", "s2paper"):
        if kind in ids:
            return f"{kind}:{ids[kind]}"
    return None


def _keys(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(k for k in (s2_work_key(p) for p in value) if k))


def record_from_s2(paper: Any, source: str, line: int) -> PaperRecord | LoadError:
    paper = _unwrap(paper)
    if paper is None:  # the batch endpoint answers null for an id it does not know
        return LoadError(source=source, line=line, message="null paper (an id Semantic Scholar did not find); skipped")
    if not isinstance(paper, Mapping):
        return LoadError(source=source, line=line, message=f"expected a paper object, found {type(paper).__name__}")
    title = _text(paper.get("title"))
    if not title:
        return LoadError(source=source, line=line, message="paper has no title; skipped")
    ids = _ids(paper)
    year = paper.get("year")
    year = year if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 9999 else None
    authors = paper.get("authors")
    names = [_text(a.get("name")) if isinstance(a, Mapping) else _text(a) for a in authors] \
        if isinstance(authors, list) else []
    pdf = paper.get("openAccessPdf")
    fields = paper.get("fieldsOfStudy")
    return paper_record(
        source,
        line,
        title=title,
        abstract=_text(paper.get("abstract")),
        authors=[n for n in names if n],
        arxiv_id=ids.get("arxiv"),
        doi=ids.get("doi"),
        s2_id=ids.get("s2"),
        s2_paper_id=ids.get("s2paper"),
        url=_text(paper.get("url")),
        pdf_url=_text(pdf.get("url")) if isinstance(pdf, Mapping) else None,
        year=year,
        date=iso_date(_text(paper.get("publicationDate"))),
        categories=[f for f in (_text(x) for x in fields) if f] if isinstance(fields, list) else [],
        references=_keys(paper.get("references")),
        cited_by=_keys(paper.get("citations")),
    )


def _guarded(paper: Any, source: str, line: int) -> PaperRecord | LoadError:
    return guarded(source, line, lambda: record_from_s2(paper, source, line))


def _jsonl(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    for item in read_json_lines(text):
        if isinstance(item, LoadError):
            yield item
            continue
        number, paper = item
        if isinstance(paper, Mapping) and isinstance(paper.get("data"), list):  # a page on one line
            for each in paper["data"]:
                yield _guarded(each, text.source, number)
        else:
            yield _guarded(paper, text.source, number)


def _document(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    return read_json(text, _guarded)


def parse_semantic_scholar(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    """A list or pretty-printed document is read as one JSON document; anything else is read both
    as JSON Lines and as a document, and the reading that finds more papers wins (ties: fewer errors,
    then JSON Lines), so that a damaged first line cannot turn a JSON Lines file into one bad document."""
    if first_char(text) == "[":
        return _document(text)
    as_lines = list(_jsonl(text))
    if all(isinstance(x, PaperRecord) for x in as_lines):
        return iter(as_lines)
    as_doc = list(_document(text))

    def score(items: list[PaperRecord | LoadError]) -> tuple[int, int]:
        records = sum(isinstance(x, PaperRecord) for x in items)
        return records, records - len(items)

    return iter(as_doc if score(as_doc) > score(as_lines) else as_lines)
