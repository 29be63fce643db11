"""Reading input files as lines, with every unreadable line named.

A file is decoded line by line so that one bad line (invalid UTF-8, binary
bytes, an absurdly long line) costs only the record that contains it. Lines end
at ``\n``, ``\r\n`` or a lone ``\r`` (old Mac files and some CSV exports).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["TextFile", "read_text_file", "text_from_string", "check_line", "head_chars", "first_char",
           "first_bad", "MAX_LINE_CHARS"]

MAX_LINE_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class TextFile:
    source: str
    lines: list[str]  # without line endings; bad lines are replaced by ""
    bad: dict[int, str] = field(default_factory=dict)  # 1-based line -> why

    def head(self, n: int = 40) -> list[str]:
        return self.lines[:n]


def check_line(chunk: bytes) -> tuple[str | None, str | None]:
    """One line's bytes (without its ending) as ``(text, None)``, or ``(None, why)`` when unreadable."""
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (f"not valid UTF-8 (byte 0x{chunk[exc.start]:02x} at column {exc.start + 1}); "
                      "re-save the file as UTF-8")
    if len(text) > MAX_LINE_CHARS:
        return None, f"line is {len(text):,} characters long, over the {MAX_LINE_CHARS:,} limit"
    control = _CONTROL.search(text)
    if control:
        return None, f"binary data (control byte at column {control.start() + 1})"
    return text, None


def _decode_lines(raw: bytes, source: str) -> TextFile:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    lines: list[str] = []
    bad: dict[int, str] = {}
    for number, chunk in enumerate(raw.splitlines(), start=1):
        text, why = check_line(chunk)
        if why is not None:
            bad[number] = why
        lines.append(text or "")
    return TextFile(source=source, lines=lines, bad=bad)


def read_text_file(path: str | Path, source: str | None = None) -> TextFile:
    """The file's lines; ``source`` is how errors name it (default: the path as given)."""
    path = Path(path)
    return _decode_lines(path.read_bytes(), source or str(path))


def text_from_string(text: str, source: str = "<string>") -> TextFile:
    return _decode_lines(text.encode("utf-8"), source)


def head_chars(text: TextFile, n: int = 4000) -> str:
    """The first ``n`` characters of the file (lines joined), for sniffing."""
    out: list[str] = []
    size = 0
    for line in text.lines:
        out.append(line[: max(n - size, 0)])
        size += len(out[-1]) + 1
        if size >= n:
            break
    return "\n".join(out)


def first_char(text: TextFile, lines: int = 50) -> str:
    """The first character that is not a space in the first ``lines`` lines, or ""."""
    for line in text.lines[:lines]:
        if line.strip():
            return line.lstrip()[0]
    return ""


def first_bad(bad: list[int], first: int, last: int) -> int | None:
    """The first of the sorted unreadable line numbers ``bad`` within ``first..last``."""
    i = bisect_left(bad, first)
    return bad[i] if i < len(bad) and bad[i] <= last else None
