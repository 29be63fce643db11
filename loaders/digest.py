"""The digest: ``## English title``, a ``[Chinese title](arXiv abs URL)`` line,
then a Chinese abstract (and sometimes a code URL on its own line)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.ids import parse_arxiv_id
from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_digest"]

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_LINK_LINE = re.compile(r"^\[(.+)\]\((\S+)\)\s*$")
_BARE_URL = re.compile(r"^<?(https?://\S+?)>?$")
_CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org")


def sniff(text: TextFile) -> bool:
    head = [ln.strip() for ln in text.head(80) if ln.strip()]
    return any(
        _HEADING.match(a) and _LINK_LINE.match(b) for a, b in zip(head, head[1:])
    )


def _record(text: TextFile, start: int, body: list[tuple[int, str]]) -> PaperRecord | LoadError:
    heading = _HEADING.match(text.lines[start - 1])
    assert heading is not None
    fields: dict[str, object] = {"title": heading.group(1)}
    abstract: list[str] = []
    for number, line in body:
        if number in text.bad:
            return LoadError(
                source=text.source,
                line=number,
                message=f"{text.bad[number]}; paper at line {start} skipped",
            )
        line = line.strip()
        link = _LINK_LINE.match(line)
        bare = _BARE_URL.match(line)
        if link and "title_zh" not in fields and not abstract:
            fields["title_zh"] = link.group(1).strip()
            fields["url"] = link.group(2)
        elif bare:
            url = bare.group(1)
            if any(host in url for host in _CODE_HOSTS) and "code_url" not in fields:
                fields["code_url"] = url
            elif "url" not in fields:
                fields["url"] = url
        elif line:
            abstract.append(line)
    if abstract:
        key = "abstract_zh" if re.search(r"[\u4e00-\u9fff]", " ".join(abstract)) else "abstract"
        fields[key] = "\n".join(abstract)
    arxiv_id = parse_arxiv_id(str(fields.get("url", "")))
    if arxiv_id:
        fields["arxiv_id"] = arxiv_id
    return PaperRecord(source=text.source, line=start, **fields)  # type: ignore[arg-type]


def parse_digest(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    start: int | None = None
    body: list[tuple[int, str]] = []
    for number, line in enumerate(text.lines, start=1):
        if number not in text.bad and _HEADING.match(line.strip()):
            if start is not None:
                yield _record(text, start, body)
            start, body = number, []
        elif start is not None:
            body.append((number, line))
        elif number in text.bad:
            yield LoadError(source=text.source, line=number, message=text.bad[number])
    if start is not None:
        yield _record(text, start, body)
    else:
        yield LoadError(source=text.source, line=1, message="no '## title' heading found")
