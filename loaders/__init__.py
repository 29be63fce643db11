"""Readers of paper listings, one format per module, chosen by content.

``load_paths(paths)`` expands folders, reads every file, picks the reader whose
``sniff`` accepts the content (not the file name) and returns every record and
every error with its file and line. Nothing in a file stops the build: a reader
turns each bad record into an error, and a reader's own fault becomes an error
for the rest of that file. When a damaged top hides the format (the first
reader finds no record), the next reader that accepts the file is tried.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.loaders._record import WHOLE_FILE, checked, short
from kg.loaders._stream import peek
from kg.loaders._text import TextFile, read_text_file
from kg.model import LoadError, PaperRecord

__all__ = ["LOADERS", "STREAMING", "stream_path", "display_path", "LoadResult", "detect_format", "parse_text", "load_paths", "iter_files"]

# name -> (module, sniff function, parse function); order is detection order.
LOADERS: dict[str, tuple[str, str, str]] = {
    "kg.arxiv_atom.v1": ("kg.loaders.arxiv_atom", "sniff", "parse_arxiv_atom"),
    "kg.bibtex.v1": ("kg.loaders.bibtex", "sniff", "parse_bibtex"),
    "kg.arxiv_snapshot.v1": ("kg.loaders.arxiv_snapshot", "sniff", "parse_arxiv_snapshot"),
    "kg.semantic_scholar.v1": ("kg.loaders.semantic_scholar", "sniff", "parse_semantic_scholar"),
    "kg.csl_json.v1": ("kg.loaders.csl_json", "sniff", "parse_csl_json"),
    "kg.json.v1": ("kg.loaders.records", "sniff_json", "parse_json"),
    "kg.jsonl.v1": ("kg.loaders.records", "sniff_jsonl", "parse_jsonl"),
    "kg.markdown_table.v1": ("kg.loaders.markdown_table", "sniff", "parse_markdown_table"),
    "kg.digest.v1": ("kg.loaders.digest", "sniff", "parse_digest"),
    "kg.hf_daily.v1": ("kg.loaders.hf_daily", "sniff", "parse_hf_daily"),
    "kg.csv.v1": ("kg.loaders.records", "sniff_csv", "parse_csv"),
}
# name -> (module, read function taking a path): formats whose files can be too big to hold, read as a stream
STREAMING: dict[str, tuple[str, str]] = {
    "kg.arxiv_snapshot.v1": ("kg.loaders.arxiv_snapshot", "read_arxiv_snapshot"),
}

Parsed = Iterator[PaperRecord | LoadError]


@dataclass
class LoadResult:
    records: list[PaperRecord] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # file -> loader name


def _resolve(name: str) -> tuple[Callable[[TextFile], bool], Callable[[TextFile], Parsed]]:
    module_name, sniff_name, parse_name = LOADERS[name]
    module = importlib.import_module(module_name)
    return getattr(module, sniff_name), getattr(module, parse_name)


def detect_format(text: TextFile) -> str | None:
    found = _candidates(text)
    return found[0] if found else None


def parse_text(text: TextFile, fmt: str | None = None) -> tuple[str | None, Parsed]:
    fmt = fmt or detect_format(text)
    if fmt is None:
        return None, iter(())
    return fmt, _resolve(fmt)[1](text)


def stream_path(path: Path, fmt: str | None = None, source: str | None = None) -> tuple[str, Parsed] | None:
    """A streaming reader for ``path`` when its head (or ``fmt``) names a streaming format, else None."""
    if fmt is not None and fmt not in STREAMING:
        return None
    try:
        head = peek(path)
    except OSError:
        return None
    for name, (module_name, read_name) in STREAMING.items():
        if fmt == name or (fmt is None and detect_format(head) == name):
            return name, getattr(importlib.import_module(module_name), read_name)(path, source)
    return None


def _candidates(text: TextFile) -> list[str]:
    found = []
    for name in LOADERS:
        try:
            if _resolve(name)[0](text):
                found.append(name)
        except Exception:  # noqa: BLE001 - a sniffer that fails just says no
            continue
    return found


def _parse_best(text: TextFile, fmt: str | None) -> tuple[str | None, list[PaperRecord | LoadError]]:
    """The first format whose sniffer accepts the text and whose reader finds a
    record in it, so that damage at the top of a file (say a line of ``[[[``
    before a table) does not hide every record; else the first format's errors."""
    names = [fmt] if fmt else _candidates(text)
    first: tuple[str | None, list[PaperRecord | LoadError]] = (None, [])
    for name in names:
        items: list[PaperRecord | LoadError] = []
        try:
            for item in _resolve(name)[1](text):
                items.append(item)
        except Exception as exc:  # noqa: BLE001 - a reader's own fault must not stop the build
            last = max((i.line for i in items), default=0)
            items.append(LoadError(
                source=text.source, line=last + 1,
                message=f"the {name} reader failed here ({type(exc).__name__}: {short(exc)}); rest of the file skipped"))
        if any(isinstance(i, PaperRecord) for i in items):
            return name, items
        if first[0] is None:
            first = (name, items)
    return first


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file named, and every file under every folder named, in sorted order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def display_path(path: Path) -> str:
    """How a source is recorded: relative to the current folder when inside it, else as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_paths(paths: Iterable[str | Path], fmt: str | None = None) -> LoadResult:
    result = LoadResult()
    for path in iter_files(paths):
        source = display_path(path)
        streamed = stream_path(path, fmt, source)
        if streamed is not None:
            name, stream = streamed
            result.formats[source] = name
            last = 0
            try:
                for item in map(checked, stream):
                    (result.records if isinstance(item, PaperRecord) else result.errors).append(item)
                    last = max(last, item.line)
            except Exception as exc:  # noqa: BLE001 - a reader's own fault must not stop the build
                result.errors.append(LoadError(
                    source=source, line=last + 1,
                    message=f"the {name} reader failed here ({type(exc).__name__}: {short(exc)}); rest of the file skipped"))
            continue
        try:
            text = read_text_file(path, source)
        except OSError as exc:
            result.errors.append(LoadError(source=source, line=0, message=f"cannot read: {exc.strerror}"))
            continue
        if not any(line.strip() for line in text.lines) and not text.bad:
            result.errors.append(LoadError(source=source, line=1, message="empty file"))
            continue
        name, items = _parse_best(text, fmt)
        if name is None:
            result.errors.append(
                LoadError(source=source, line=1, message="unrecognised format (expected one of: "
                          + ", ".join(LOADERS) + "); " + WHOLE_FILE)
            )
            continue
        result.formats[source] = name
        for item in map(checked, items):
            (result.records if isinstance(item, PaperRecord) else result.errors).append(item)
    return result
