"""The Hugging Face daily-papers page dump: header lines, a date line such as
``Mar 13``, then alternating title and abstract paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.loaders._text import TextFile
from kg.model import LoadError, PaperRecord

__all__ = ["sniff", "parse_hf_daily", "paragraphs"]

_DATE = re.compile(
    r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(, \d{4})?$"
)
_MAX_TITLE = 300
BAD = "\x00"


def paragraphs(text: TextFile) -> Iterator[tuple[int, int, str]]:
    """(first line, last line, text) of each run of non-blank lines.

    A bad line is a paragraph of its own whose text is ``BAD``, so it takes the
    place of what it spoiled and the next paragraph keeps its role.
    """
    start, buf = 0, []
    for number, line in enumerate(text.lines, start=1):
        if number in text.bad:
            if buf:
                yield start, number - 1, " ".join(buf)
                buf = []
            yield number, number, BAD
            continue
        if line.strip():
            if not buf:
                start = number
            buf.append(line.strip())
            continue
        if buf:
            yield start, number - 1, " ".join(buf)
            buf = []
    if buf:
        yield start, len(text.lines), " ".join(buf)


def _date_block(paras: list[tuple[int, int, str]]) -> int | None:
    for i, (_, _, para) in enumerate(paras[:15]):
        if _DATE.match(para):
            return i
    return None


def sniff(text: TextFile) -> bool:
    return _date_block(list(paragraphs(TextFile(text.source, text.head(80), {})))) is not None


def _is_title(para: str) -> bool:
    """Titles are short, have no sentence break and don't end with a full stop."""
    return (
        len(para) <= _MAX_TITLE
        and not re.search(r"\.\s+[A-Z]", para)
        and not para.rstrip().endswith(".")
    )


def parse_hf_daily(text: TextFile) -> Iterator[PaperRecord | LoadError]:
    paras = list(paragraphs(text))
    first = _date_block(paras)
    if first is None:
        yield LoadError(source=text.source, line=1, message="no date line (such as 'Mar 13')")
        return
    bad = sorted(text.bad)
    pending: dict[str, object] | None = None

    def spoiled(start: int, end: int) -> int | None:
        return next((b for b in bad if start <= b <= end + 1), None)

    def flush() -> Iterator[PaperRecord | LoadError]:
        if pending is None:
            return
        end = int(pending.pop("_end"))  # type: ignore[call-overload]
        broken = spoiled(int(pending["line"]), end)  # type: ignore[call-overload]
        if broken is not None:
            yield LoadError(
                source=text.source,
                line=broken,
                message=f"{text.bad[broken]}; paper at line {pending['line']} skipped",
            )
        else:
            yield PaperRecord(source=text.source, **pending)  # type: ignore[arg-type]

    for start, end, para in paras[first + 1 :]:
        if para == BAD and pending is None:
            yield LoadError(source=text.source, line=start, message=text.bad[start])
            continue
        if _DATE.match(para):
            continue
        if pending is None or (pending.get("abstract") and _is_title(para)):
            yield from flush()
            if not _is_title(para):
                yield LoadError(
                    source=text.source,
                    line=start,
                    message=f"paragraph of {len(para)} characters where a title was expected; skipped",
                )
                pending = None
                continue
            pending = {"line": start, "title": para, "_end": end}
        elif not pending.get("abstract"):
            pending["abstract"] = para
            pending["_end"] = end
        else:  # an abstract in several paragraphs
            pending["abstract"] = f"{pending['abstract']}\n\n{para}"
            pending["_end"] = end
    yield from flush()
    for number in bad:  # bad lines in the header are reported too
        if paras and number < paras[first][0]:
            yield LoadError(source=text.source, line=number, message=text.bad[number])
