"""Reading a file line by line without holding it: for inputs of many gigabytes.

``iter_lines(path)`` yields ``(line number, text, why)`` with the same guards as
:func:`kg.loaders._text.read_text_file` (valid UTF-8, no binary bytes, a line
length limit) but keeps only one line in memory; an over-long line is skipped
in chunks, never read whole. ``peek(path)`` reads the head (for sniffing, and
the whole of a small file).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from kg.loaders._text import MAX_LINE_CHARS, TextFile, check_line

__all__ = ["iter_lines", "peek"]

_MAX_BYTES = 4 * MAX_LINE_CHARS  # a UTF-8 character is at most 4 bytes
_CHUNK = 1 << 20


def iter_lines(path: str | Path) -> Iterator[tuple[int, str | None, str | None]]:
    """Lines end at ``\n``, ``\r\n`` or a lone ``\r``, numbered as the whole-file reader numbers them."""
    with open(path, "rb") as f:
        number = 0
        while True:
            chunk = f.readline(_MAX_BYTES + 1)
            if not chunk:
                return
            if number == 0 and chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
            if len(chunk) > _MAX_BYTES and not chunk.endswith(b"\n"):
                size = len(chunk)
                while chunk and not chunk.endswith(b"\n"):  # skip the rest of the line, a chunk at a time
                    chunk = f.readline(_CHUNK)
                    size += len(chunk)
                number += 1
                yield number, None, f"line is {size:,} bytes long, over the {MAX_LINE_CHARS:,}-character limit"
                continue
            body = chunk[:-1] if chunk.endswith(b"\n") else chunk
            body = body[:-1] if body.endswith(b"\r") else body
            for part in body.split(b"\r"):  # a lone CR ends a line too
                number += 1
                yield (number, *check_line(part))


def peek(path: str | Path, source: str | None = None, size: int = 1 << 20,
         max_lines: int = 1000) -> tuple[TextFile, bool]:
    """The first lines, up to ``size`` characters or ``max_lines`` lines, as
    :func:`read_text_file` reads them (an over-long line is named, not held), and
    whether they are the whole file."""
    lines: list[str] = []
    bad: dict[int, str] = {}
    used = 0
    with closing(iter_lines(path)) as numbered:
        for number, text, why in numbered:
            if len(lines) >= max_lines or used >= size:
                return TextFile(source or str(path), lines, bad), False
            lines.append(text or "")
            if why is not None:
                bad[number] = why
            used += len(lines[-1]) + 1
    return TextFile(source or str(path), lines, bad), True
