"""The arXiv markdown table: Chinese and English title/abstract columns, first
author, ``[PDF](url)`` and a code repository (or ``N/A``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.ids import parse_arxiv_id
from kg.loaders._record import WHOLE_FILE, guarded, make_record
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_markdown_table"]

# Header cell (folded) -> record field. English and Chinese names both work.
COLUMNS = {
    "title": "title",
    "标题": "title_zh",
    "abstract": "abstract",
    "摘要": "abstract_zh",
    "author": "authors",
    "authors": "authors",
    "作者": "authors",
    "firstauthor": "authors",
    "pdf": "pdf_url",
    "pdf链接": "pdf_url",
    "pdflink": "pdf_url",
    "code": "code_url",
    "代码仓库": "code_url",
    "代码": "code_url",
    "coderepository": "code_url",
    "url": "url",
    "arxiv": "url",
    "date": "date",
    "日期": "date",
}
# Possessive quantifiers and bracket-free link text: linear time on any line.
_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
_LINK = re.compile(r"\[([^\]\[]*+)\]\(([^)\s]++)\)")
_NONE = {"", "n/a", "na", "none", "-", "无", "null"}


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)]


def sniff(text: TextFile) -> bool:
    head = [ln for ln in text.head(60) if ln.strip()]
    return any(
        a.lstrip().startswith("|") and _SEPARATOR.match(b) for a, b in zip(head, head[1:])
    )


def _url(cell: str) -> str | None:
    if cell.strip().lower() in _NONE:
        return None
    link = _LINK.search(cell)
    url = link.group(2) if link else cell.strip()
    return url if re.match(r"https?://", url) else None


def _header(cells: list[str]) -> list[str | None] | None:
    header = [COLUMNS.get(re.sub(r"[\s_]+", "", c.casefold())) for c in cells]
    return header if "title" in header or "title_zh" in header else None


def _row(cells: list[str], header: list[str | None], source: str, number: int) -> PaperRecord | LoadError:
    fields: dict[str, object] = {}
    for name, cell in zip(header, cells):
        if name is None or cell.strip().lower() in _NONE:
            continue
        if name == "authors":
            fields["authors"] = [a.strip() for a in re.split(r"[,;]|\band\b", cell) if a.strip()]
        elif name in ("pdf_url", "code_url", "url"):
            url = _url(cell)
            if url:
                fields[name] = url
        else:
            fields[name] = cell
    arxiv_id = parse_arxiv_id(str(fields.get("pdf_url") or fields.get("url") or ""))
    if arxiv_id:
        fields["arxiv_id"] = arxiv_id
        fields.setdefault("url", f"https://arxiv.org/abs/{arxiv_id}")
    if not fields.get("title") and not fields.get("title_zh"):
        return LoadError(source=source, line=number, message="table row has no title")
    return make_record(source, number, fields)


def parse_markdown_table(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    """Rows of the first table with a Title column. Inside the table, a row that
    lost its leading ``|`` is still read, and a line that is no row is reported."""
    header: list[str | None] | None = None
    found = False
    lines = text.lines
    for number, line in enumerate(lines, start=1):
        if number in text.bad:
            if header is not None:
                yield LoadError(source=text.source, line=number, message=f"{text.bad[number]}; row skipped")
            continue
        stripped = line.strip()
        if not stripped or _SEPARATOR.match(line):
            continue
        if header is None:
            if stripped.startswith("|"):
                header = _header(_cells(line))
                found = found or header is not None
            continue
        following = next((ln for ln in lines[number : number + 3] if ln.strip()), "")
        if "|" in stripped and _SEPARATOR.match(following):  # a new table begins
            header = _header(_cells(line))
            continue
        if "|" not in stripped:
            if not stripped.startswith("#"):
                yield LoadError(source=text.source, line=number,
                                message="line inside the table is not a row (no '|'); skipped")
            continue
        cells = _cells(line)
        if len(cells) != len(header):
            yield LoadError(
                source=text.source,
                line=number,
                message=f"table row has {len(cells)} cells, the header has {len(header)} "
                "(truncated or broken row); row skipped",
            )
            continue
        yield guarded(text.source, number, lambda: _row(cells, header, text.source, number))  # type: ignore[arg-type]
    if not found:
        yield LoadError(source=text.source, line=1, message="no table header with a Title column; " + WHOLE_FILE)
