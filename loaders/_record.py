"""One place where a reader's fields become a :class:`PaperRecord`, or a
:class:`LoadError` saying why not; nothing a record contains can stop the build."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from kg.ids import fold
from kg.loaders._text import MAX_LINE_CHARS
from kg.model import LoadError, PaperRecord

__all__ = ["MAX_FIELD_CHARS", "make_record", "paper_record", "guarded", "short", "clean_text", "clean_doi", "iso_date",
           "WHOLE_FILE"]

WHOLE_FILE = "nothing in this file was read"  # ends the message of an error about a whole file
MAX_FIELD_CHARS = MAX_LINE_CHARS  # one field of a record, over however many lines: like a line, at most 1,000,000

Item = PaperRecord | LoadError


def short(text: object, limit: int = 160) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The folded title, uncached: a reader sees each title once, and a stream of millions of
# titles must not fill the cache kept for the names that recur across papers.
_key = fold.__wrapped__


def _title_problem(title: Any, title_zh: Any) -> str | None:
    """Why a record cannot be a paper: no title, or a title made only of punctuation or symbols
    (it would carry no identity: every such title folds to the same key)."""
    if not title and not title_zh:
        return "record has no title; skipped"
    if not _key(str(title or "")) and not _key(str(title_zh or "")):
        return f"title {short(title or title_zh, 60)!r} has no letters or digits; skipped"
    return None


def _field_problem(record: PaperRecord) -> str | None:
    """Why a record's text cannot be a paper's: a field (or one entry of a list field) over
    ``MAX_FIELD_CHARS``, however many lines it spans (the extraction reads each text whole,
    so such a field would cost minutes, or stop the build), or one holding half of a UTF-16
    surrogate pair (a JSON ``\\ud800`` escape alone): no UTF-8 file, store or output can hold it."""
    for name, value in record:
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            if len(text) > MAX_FIELD_CHARS:
                return f"field '{name}' is {len(text):,} characters long, over the {MAX_FIELD_CHARS:,} limit; skipped"
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    return (f"field '{name}' holds an unpaired surrogate ({text[exc.start]!a}) at character "
                            f"{exc.start + 1:,}; skipped")
    return None


def clean_text(value: Any) -> str | None:
    """A string or a number as one line of text (runs of spaces and line breaks made one space), or None."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return " ".join(str(value).split()) or None


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def clean_doi(value: str | None) -> str | None:
    """A DOI without the resolver or ``doi:`` prefix it is often written with (case kept)."""
    return _DOI_PREFIX.sub("", value.strip()) or None if value else None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` when ``value`` starts with one (a timestamp's date), else None."""
    return value[:10] if value and _ISO_DATE.match(value) else None


def paper_record(source: str, line: int, **fields: Any) -> Item:
    """:func:`make_record` after what every reader does: the DOI without its prefix, the
    year from the date when no year is given, the arXiv page as the URL when none is."""
    fields["doi"] = clean_doi(fields.get("doi"))
    if fields.get("year") is None and fields.get("date"):
        fields["year"] = int(fields["date"][:4])
    if not fields.get("url") and fields.get("arxiv_id"):
        fields["url"] = f"https://arxiv.org/abs/{fields['arxiv_id']}"
    return make_record(source, line, fields)


def make_record(source: str, line: int, fields: Mapping[str, Any]) -> Item:
    """A record from ``fields``, or a :class:`LoadError` saying why not (no usable title, a field
    too long, a value of the wrong kind): every reader's records are made here."""
    problem = _title_problem(fields.get("title"), fields.get("title_zh"))
    if problem:
        return LoadError(source=source, line=line, message=problem)
    try:
        record = PaperRecord(source=source, line=line, **fields)
    except (TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        return LoadError(source=source, line=line, message=f"cannot build the record ({short(exc)}); skipped")
    problem = _field_problem(record)
    return LoadError(source=source, line=line, message=problem) if problem else record


def guarded(source: str, line: int, read: Callable[[], Item]) -> Item:
    """``read()``, with any exception turned into a ``file:line`` error for this one record."""
    try:
        return read()
    except RecursionError:
        return LoadError(source=source, line=line, message="record is nested too deeply to read; skipped")
    except Exception as exc:  # noqa: BLE001 - one bad record must never stop the build
        return LoadError(source=source, line=line,
                         message=f"cannot read this record ({type(exc).__name__}: {short(exc)}); skipped")
