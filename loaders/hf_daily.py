"""The Hugging Face daily-papers page dump: header lines, a date line such as
``Mar 13``, then alternating title and abstract paragraphs.

Every paragraph is classed as a title (short, no sentence break, no final full
stop; "vs." or "Dr." are no sentence break) or an abstract. A title must be
followed by its abstract; when the alternation slips (two titles, or an
abstract-like paragraph where a title belongs followed by another abstract) the
paragraphs concerned are reported, never folded into the paper before them
(each abstract is one line in these dumps, so a second abstract line is
reported too rather than appended).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.loaders._record import WHOLE_FILE, guarded, make_record, short
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_hf_daily", "paragraphs", "is_title", "Paragraph"]

_DATE = re.compile(
    r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(, \d{4})?$"
)
_MAX_TITLE = 300
_BREAK = re.compile(r"\.\s+[A-Z]")
# Words that end with a full stop without ending a sentence (compared lower-case).
_ABBREVIATIONS = {"vs", "dr", "mr", "mrs", "ms", "prof", "st", "no", "fig", "al", "etc", "inc", "ltd", "jr",
                  "sr", "vol", "cf", "approx", "resp", "eq", "sec", "ch", "mt", "e.g", "i.e", "u.s", "ph.d"}
_WORD_BEFORE = re.compile(r"[\w.]{1,6}$")
# The page's own lines above the papers.
_CHROME = {"new", "get trending papers in your email inbox!", "subscribe", "byak and the research community",
           "daily papers"}


@dataclass
class Paragraph:
    first: int  # 1-based line numbers
    last: int
    text: str
    bad: int | None = None  # the undecodable line, if any


def paragraphs(text: TextFile) -> Iterator[Paragraph]:
    """Each non-blank line, in order: the dump puts every title and every abstract on
    a line of its own, so a lost blank line cannot join a title to the abstract above it."""
    for number, line in enumerate(text.lines, start=1):
        if number in text.bad:
            yield Paragraph(number, number, "", number)
        elif line.strip():
            yield Paragraph(number, number, line.strip())


def _abbreviation(para: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(para, max(0, dot - 6), dot)
    token = word.group(0).lower() if word else ""
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def is_title(para: str) -> bool:
    """Titles are short, have no sentence break and don't end with a full stop."""
    if len(para) > _MAX_TITLE:
        return False
    if any(not _abbreviation(para, m.start()) for m in _BREAK.finditer(para)):
        return False
    stripped = para.rstrip()
    return not stripped.endswith(".") or _abbreviation(stripped, len(stripped) - 1)


def _start(paras: list[Paragraph]) -> int | None:
    """Index of the first paper paragraph: after the date line, else after the page's own lines."""
    for i, para in enumerate(paras[:15]):
        if _DATE.match(para.text):
            return i + 1
    chrome = [i for i, para in enumerate(paras[:15]) if para.text.strip().lower() in _CHROME]
    return chrome[-1] + 1 if chrome else None


def sniff(text: TextFile) -> bool:
    return _start(list(paragraphs(TextFile(text.source, text.head(80), {})))) is not None


def parse_hf_daily(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    paras = list(paragraphs(text))
    first = _start(paras)
    if first is None:
        yield LoadError(source=text.source, line=1,
                        message="no date line (such as 'Mar 13'); " + WHOLE_FILE)
        return
    for para in paras[:first]:  # bad lines in the header are reported too
        if para.bad:
            yield LoadError(source=text.source, line=para.bad, message=text.bad[para.bad])
    paras = [p for p in paras[first:] if p.bad or not _DATE.match(p.text)]

    def kind(i: int) -> str:
        if i >= len(paras):
            return "end"
        return "bad" if paras[i].bad else "title" if is_title(paras[i].text) else "abstract"

    def error(line: int, message: str) -> LoadError:
        return LoadError(source=text.source, line=line, message=message)

    i = 0
    while i < len(paras):
        para, here, after = paras[i], kind(i), kind(i + 1)
        if here == "title" and after == "abstract":
            title, abstract = para.text, paras[i + 1].text
            yield guarded(text.source, para.first, lambda: make_record(
                text.source, para.first, {"title": title, "abstract": abstract}))
            i += 2
        elif here == "title" and after == "bad":
            bad = paras[i + 1].bad
            assert bad is not None
            yield error(bad, f"{text.bad[bad]}; paper at line {para.first} skipped")
            i += 2
        elif here == "title":
            yield error(para.first, f"title {short(para.text, 60)!r} has no abstract after it (the next paragraph "
                        "is another title, or the file ends); skipped")
            i += 1
        elif here == "bad":
            assert para.bad is not None
            pair = after == "abstract"
            yield error(para.bad, f"{text.bad[para.bad]}; " + ("paper" if pair else "paragraph")
                        + f" at line {para.first} skipped")
            i += 2 if pair else 1
        elif after == "abstract":
            yield error(para.first, f"paragraph of {len(para.text)} characters where a title was expected, "
                        "followed by an abstract (a damaged title, or a title with a sentence break); paper skipped")
            i += 2
        else:  # a second abstract: never appended to the one before, its paper's title may be lost
            yield error(para.first, f"paragraph of {len(para.text)} characters where a title was expected (its "
                        "title is missing or joined to the line above); skipped")
            i += 1
