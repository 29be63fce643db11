"""BibTeX and BibLaTeX (Zotero, Google Scholar, JabRef exports) through
``bibtexparser`` 2, with LaTeX accents, macros and braces decoded by ``pylatexenc``.

Fields are data: ``\\input``/``\\include`` are dropped, never followed; no macro
is run; a field over ``MAX_FIELD_CHARS`` rejects its entry. Needs the ``bibtex``
extra (``pip install 'kg-papers[bibtex]'``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from kg.ids import parse_arxiv_id
from kg.loaders._record import paper_record
from kg.loaders._text import TextFile, first_bad
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_bibtex", "MAX_FIELD_CHARS", "EXTRA_MESSAGE"]

MAX_FIELD_CHARS = 100_000
EXTRA_MESSAGE = "BibTeX input needs the 'bibtex' extra: pip install 'kg-papers[bibtex]'"
_BLOCK = re.compile(r"\s*@\s*[A-Za-z]+\s*[{(]")
_LOST_AT = re.compile(r"[A-Za-z]+\s*[{(][^\s,{}()]*,")
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())  # its warnings become our errors, not stderr
_LOOKS_LIKE_ENTRY = re.compile(r"\b(title|author|year|doi|eprint)\s*=", re.I)


def sniff(text: TextFile) -> bool:
    """The first line that is not blank or a ``%`` comment opens a ``@type{`` block (or one that
    lost its ``@``, when a later line opens one)."""
    head = [ln.strip() for ln in text.lines[:200] if ln.strip() and not ln.strip().startswith("%")]
    if not head:
        return False
    if _BLOCK.match(head[0]):
        return True
    return bool(_LOST_AT.match(head[0])) and any(_BLOCK.match(ln) for ln in head[1:])


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    # \url{...} is its text; \input and \include stay ignored (no input directory is ever set)
    context.add_context_category("kg-bibtex", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", keep_braced_groups=False)


def _latex(value: str) -> str | None:
    text = _decoder().latex_to_text(value) if ("\\" in value or "{" in value or "$" in value) else value
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def _plain(value: str) -> str | None:
    """A field that is not prose (url, doi, eprint): outer braces and spaces removed, no LaTeX decoding."""
    text = re.sub(r"\s+", "", value.replace("{", "").replace("}", ""))
    return text.replace("\\_", "_").replace("\\%", "%").replace("\\&", "&") or None


def _person(name: str) -> str | None:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    parts = parse_single_name_into_parts(name, strict=False)
    words = [*parts.first, *parts.von, *parts.last, *parts.jr]
    return _latex(" ".join(words)) if words else None


def _authors(value: str) -> list[str]:
    from bibtexparser.middlewares.names import split_multiple_persons_names

    names = [n for n in split_multiple_persons_names(value) if n.strip().lower() != "others"]
    return [p for p in (_person(n) for n in names) if p]


def _year_date(fields: dict[str, str]) -> tuple[int | None, str | None]:
    date = _plain(fields.get("date", "")) or ""
    full = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date[:10])
    year_text = _plain(fields.get("year", "")) or date[:4]
    year = int(year_text) if re.fullmatch(r"\d{4}", year_text or "") else None
    if full:
        return year or int(full.group(1)), full.group(0)
    return year, None


def _arxiv(fields: dict[str, str]) -> str | None:
    eprint = _plain(fields.get("eprint", ""))
    kind = (_plain(fields.get("archiveprefix", "")) or _plain(fields.get("eprinttype", "")) or "").lower()
    if eprint and (kind == "arxiv" or not kind):
        found = parse_arxiv_id(eprint)
        if found:
            return found
    for key in ("url", "journal", "note", "howpublished"):
        value = fields.get(key, "")
        match = re.search(r"arxiv(?:\.org/(?:abs|pdf)/|:\s*|\s+preprint\s+arxiv:\s*)([\w./-]{6,40})", value, re.I)
        if match and parse_arxiv_id(match.group(1)):
            return parse_arxiv_id(match.group(1))
    doi = _plain(fields.get("doi", "")) or ""
    if doi.lower().startswith("10.48550/arxiv."):
        return parse_arxiv_id(doi[len("10.48550/arxiv."):])
    return None


def _record(entry: Any, source: str, line: int) -> PaperRecord | LoadError:
    fields: dict[str, str] = {}
    for f in entry.fields:
        value = f.value if isinstance(f.value, str) else str(f.value)
        if len(value) > MAX_FIELD_CHARS:
            return LoadError(source=source, line=line, message=f"field '{f.key}' is {len(value):,} characters long, "
                             f"over the {MAX_FIELD_CHARS:,} limit; entry '{entry.key}' skipped")
        fields[f.key.lower()] = value
    title = _latex(fields.get("title", ""))
    if not title:
        return LoadError(source=source, line=line, message=f"entry '{entry.key}' has no title; skipped")
    year, date = _year_date(fields)
    primary = _plain(fields.get("primaryclass", "")) or _plain(fields.get("eprintclass", ""))
    return paper_record(
        source,
        line,
        title=title,
        abstract=_latex(fields.get("abstract", "")),
        authors=_authors(fields.get("author", "")),
        arxiv_id=_arxiv(fields),
        doi=_plain(fields.get("doi", "")),
        url=_plain(fields.get("url", "")),
        year=year,
        date=date,
        categories=[primary] if primary else [],
    )


def _unenclosed(entry: Any) -> Any:
    """A duplicate-key entry skips the parse stack: take its values out of their braces/quotes."""
    for f in entry.fields:
        value = f.value
        if isinstance(value, str) and len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
            f.value = value[1:-1]
    return entry


def parse_bibtex(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    try:
        import bibtexparser
        from bibtexparser.model import DuplicateBlockKeyBlock, ImplicitComment
    except ImportError:
        yield LoadError(source=text.source, line=1, message=EXTRA_MESSAGE)
        return
    library = bibtexparser.parse_string("\n".join(text.lines))
    blocks: list[tuple[int, Any, str | None]] = [(e.start_line + 1, e, None) for e in library.entries]
    for failed in library.failed_blocks:
        if isinstance(failed, DuplicateBlockKeyBlock) and failed.ignore_error_block is not None:
            blocks.append((failed.start_line + 1, _unenclosed(failed.ignore_error_block), None))
        else:
            reason = getattr(failed.error, "abort_reason", None) or str(failed.error) or type(failed.error).__name__
            reason = re.sub(r"\s+", " ", str(reason)).strip()
            blocks.append((failed.start_line + 1, None, f"BibTeX block could not be parsed ({reason}); skipped"))
    for comment in library.comments:
        if isinstance(comment, ImplicitComment) and _LOOKS_LIKE_ENTRY.search(comment.comment):
            blocks.append((comment.start_line + 1, None, "text outside any @entry looks like an entry "
                           "(missing '@' or a stray closing brace?); skipped"))
    bad = sorted(text.bad)
    reported: set[int] = set()
    for line, entry, error in sorted(blocks, key=lambda b: b[0]):
        if entry is not None and bad:
            last = line + (entry.raw or "").count("\n")
            hit = first_bad(bad, line, last)
            if hit is not None:
                reported.add(hit)
                yield LoadError(source=text.source, line=hit, message=f"{text.bad[hit]}; entry at line {line} skipped")
                continue
        if error is not None or entry is None:
            yield LoadError(source=text.source, line=line, message=error or "BibTeX block could not be parsed; skipped")
            continue
        try:
            yield _record(entry, text.source, line)
        except (ValueError, TypeError, RecursionError, IndexError, AttributeError) as exc:
            yield LoadError(source=text.source, line=line,
                            message=f"entry '{entry.key}' could not be read ({type(exc).__name__}: {exc}); skipped")
    for number in bad:
        if number not in reported:
            yield LoadError(source=text.source, line=number, message=text.bad[number])
