"""Reading a file line by line without holding it: for inputs of many gigabytes.

``iter_lines(path)`` yields ``(line number, text, why)`` with the same guards as
:func:`kg.loaders._text.read_text_file` (valid UTF-8, no binary bytes, a line
length limit) but keeps only one line in memory; an over-long line is skipped
in chunks, never read whole. ``peek(path)`` reads the head for sniffing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.loaders._text import MAX_LINE_CHARS, TextFile, check_line, text_from_string

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


def peek(path: str | Path, size: int = 1 << 20) -> TextFile:
    """The first ``size`` bytes as complete lines (for ``sniff``); undecodable bytes replaced."""
    with open(path, "rb") as f:
        head = f.read(size + 1)
    if len(head) > size:
        head = head[: head.rfind(b"\n", 0, size) + 1] or head[:size]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return text_from_string(head.decode("utf-8", "replace"), str(path))
