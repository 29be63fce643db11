"""The digest: ``## English title``, a ``[Chinese title](arXiv abs URL)`` line,
then a Chinese abstract (and sometimes a code URL on its own line).

A ``[title](link)`` line after a paper's abstract means the next paper's
heading was lost or damaged: that paper is reported, never folded into the
abstract before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.ids import parse_arxiv_id
from kg.loaders._record import WHOLE_FILE, guarded, make_record, short
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_digest"]

_HEADING_START = re.compile(r"##\s++")
_BARE_URL = re.compile(r"^<?(https?://\S+?)>?$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPACE = re.compile(r"\s")
_CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org")


def heading(line: str) -> str | None:
    """The title of a ``## Title ##`` line (leading spaces of any width allowed)."""
    line = line.strip()
    start = _HEADING_START.match(line)
    if not start:
        return None
    title = line[start.end():].rstrip().rstrip("#").rstrip()
    return title or None


def link_line(line: str) -> tuple[str, str] | None:
    """(text, url) of a line that is only ``[text](url)``; string scans, no backtracking."""
    line = line.strip()
    if not (line.startswith("[") and line.endswith(")")):
        return None
    at = line.rfind("](")
    while at >= 2:
        url = line[at + 2 : -1]
        if _SPACE.search(url):
            return None
        if url:
            return line[1:at], url
        at = line.rfind("](", 0, at)
    return None


def sniff(text: TextFile) -> bool:
    head = [ln.strip() for ln in text.head(80) if ln.strip()]
    return any(heading(a) and link_line(b) for a, b in zip(head, head[1:]))


def _record(text: TextFile, start: int, title: str, body: list[tuple[int, str]]) -> PaperRecord | LoadError:
    fields: dict[str, object] = {"title": title}
    abstract: list[str] = []
    for number, line in body:
        if number in text.bad:
            return LoadError(source=text.source, line=number, message=f"{text.bad[number]}; paper at line {start} skipped")
        line = line.strip()
        link = link_line(line)
        bare = _BARE_URL.match(line)
        if link and "title_zh" not in fields and not abstract:
            fields["title_zh"] = link[0].strip()
            fields["url"] = link[1]
        elif bare:
            url = bare.group(1)
            if any(host in url for host in _CODE_HOSTS) and "code_url" not in fields:
                fields["code_url"] = url
            elif "url" not in fields:
                fields["url"] = url
        elif line:
            abstract.append(line)
    if abstract:
        key = "abstract_zh" if _HAN.search(" ".join(abstract)) else "abstract"
        fields[key] = "\n".join(abstract)
    arxiv_id = parse_arxiv_id(str(fields.get("url", "")))
    if arxiv_id:
        fields["arxiv_id"] = arxiv_id
    return make_record(text.source, start, fields)


def _stray_bad_lines(text: TextFile, body: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[int]]:
    """An unreadable line that starts a paragraph after the abstract is no part of
    the paper (it is often the next paper's damaged heading): it is reported on its
    own and the paper is kept. One inside the link line or the abstract spoils it."""
    kept: list[tuple[int, str]] = []
    stray: list[int] = []
    seen_abstract = after_blank = False
    for number, line in body:
        if number in text.bad and seen_abstract and after_blank:
            stray.append(number)
            continue
        stripped = line.strip() if number not in text.bad else "?"
        seen_abstract = seen_abstract or bool(stripped and not link_line(stripped) and not _BARE_URL.match(stripped))
        after_blank = not stripped
        kept.append((number, line))
    return kept, stray


def _split_slips(body: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, list[tuple[int, str]]]]]:
    """The paper's own lines, and each paper that slipped into them: a link line
    after text, with the line before it (its damaged heading, if any)."""
    own: list[tuple[int, str]] = []
    slips: list[tuple[int, list[tuple[int, str]]]] = []
    current = own
    seen_text = False
    for number, line in body:
        if line.strip() and link_line(line) and seen_text:
            lead = current[-1] if current and current[-1][1].strip() and not link_line(current[-1][1]) else None
            if lead is not None:
                current.pop()
            current = [lead] if lead is not None else []
            slips.append((lead[0] if lead is not None else number, current))
            seen_text = False
        seen_text = seen_text or bool(line.strip())
        current.append((number, line))
    return own, slips


_BAD = "\x00bad heading"


def _next_is_link(text: TextFile, number: int) -> bool:
    following = next((ln for ln in text.lines[number : number + 3] if ln.strip()), "")
    return link_line(following) is not None


def parse_digest(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    papers: list[tuple[int, str | None, list[tuple[int, str]]]] = [(0, None, [])]  # (line, title, body)
    for number, line in enumerate(text.lines, start=1):
        title = heading(line) if number not in text.bad else None
        if number in text.bad and _next_is_link(text, number):  # an unreadable heading
            papers.append((number, _BAD, []))
        elif title:
            papers.append((number, title, []))
        else:
            papers[-1][2].append((number, line))
    for start, title, body in papers:
        own, slips = _split_slips(body)
        if title is None:  # before the first heading: only a paper without heading matters
            slips = [(n, lines) for n, lines in [(0, own), *slips] if any(link_line(ln) for _, ln in lines)]
            for number in sorted(n for n, _ in own if n in text.bad):
                yield LoadError(source=text.source, line=number, message=text.bad[number])
        elif title is _BAD:
            yield LoadError(source=text.source, line=start, message=f"{text.bad[start]}; paper at line {start} skipped")
        else:
            own, stray = _stray_bad_lines(text, own)
            yield guarded(text.source, start, lambda: _record(text, start, title, own))  # type: ignore[arg-type]
            for number in stray:
                yield LoadError(source=text.source, line=number,
                                message=f"{text.bad[number]}; line skipped (after the paper at line {start})")
        for line_no, lines in slips:
            first = line_no or lines[0][0]
            yield LoadError(source=text.source, line=first,
                            message=f"paper without a '## title' heading (found {short(lines[0][1].strip(), 60)!r}); "
                            "skipped, not folded into the paper before it")
    if len(papers) == 1:
        yield LoadError(source=text.source, line=1, message="no '## title' heading found; " + WHOLE_FILE)
