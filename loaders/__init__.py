"""Readers of paper listings, one format per module, chosen by content.

``load_paths(paths)`` expands folders, reads every file, picks the reader whose
``sniff`` accepts the content (not the file name; sniffed once, on the file's
first megabyte) and returns every record and every error with its file and
line; ``read_paths(paths)`` gives the same file by file, lazily (a streaming
format such as the arXiv snapshot is never held whole, nor a big JSON Lines file). Nothing in a file
stops the build: a reader turns each bad record into an error, and a reader's
own fault becomes an error for the rest of that file. When a damaged top hides
the format (the first reader finds no record), the next reader that accepts
the file is tried.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from kg.loaders._record import WHOLE_FILE, short
from kg.loaders._stream import peek
from kg.loaders._text import TextFile, read_text_file
from kg.model import LoadError, PaperRecord

__all__ = ["LOADERS", "STREAMING", "STREAMED_WHEN_LARGE", "display_path", "LoadResult", "LoadedFile", "detect_format", "parse_text", "read_file",
           "read_paths", "load_paths", "iter_files"]

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
# name -> (module, read function taking a path): formats read as a stream when a file is bigger than its head,
# once a record shows the format is right; a file where the stream finds none is read whole, as any other
STREAMED_WHEN_LARGE: dict[str, tuple[str, str]] = {
    "kg.jsonl.v1": ("kg.loaders.records", "read_jsonl"),
}

Item = PaperRecord | LoadError
Parsed = Iterator[Item]


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


def _candidates(text: TextFile) -> list[str]:
    found = []
    for name in LOADERS:
        try:
            if _resolve(name)[0](text):
                found.append(name)
        except Exception:  # noqa: BLE001 - a sniffer that fails just says no
            continue
    return found


def _parse_best(text: TextFile, names: list[str]) -> tuple[str | None, list[Item]]:
    """The first of the formats ``names`` whose reader finds a record in the text, so
    that damage at the top of a file (say a line of ``[[[`` before a table) does not
    hide every record; else the first format's errors."""
    first: tuple[str | None, list[Item]] = (None, [])
    for name in names:
        items: list[Item] = []
        try:
            for item in _resolve(name)[1](text):
                items.append(item)
        except Exception as exc:  # noqa: BLE001 - a reader's own fault must not stop the build
            items.append(_failed(text.source, name, items, exc))
        if any(isinstance(i, PaperRecord) for i in items):
            return name, items
        if first[0] is None:
            first = (name, items)
    return first


def _failed(source: str, name: str, items: list[Item] | int, exc: Exception) -> LoadError:
    last = items if isinstance(items, int) else max((i.line for i in items), default=0)
    return LoadError(source=source, line=last + 1,
                     message=f"the {name} reader failed here ({type(exc).__name__}: {short(exc)}); rest of the file skipped")


def _streamed(path: Path, source: str, name: str,
              registry: dict[str, tuple[str, str]] = STREAMING) -> Iterator[Item]:
    module_name, read_name = registry[name]
    last = 0
    try:
        for item in getattr(importlib.import_module(module_name), read_name)(path, source):
            last = max(last, item.line)
            yield item
    except Exception as exc:  # noqa: BLE001 - a reader's own fault must not stop the build
        yield _failed(source, name, last, exc)


# files that are no listing, named by their first bytes
_KNOWN_OTHERS = (
    (b"\xff\xfe", "UTF-16 text: re-save the file as UTF-8"),  # a byte-order mark: Excel's "Unicode text" export
    (b"\xfe\xff", "UTF-16 text: re-save the file as UTF-8"),
    (b"%PDF", "a PDF: kg reads listings of papers (CSV, JSON, BibTeX …), not the papers"),
    (b"PK\x03\x04", "a ZIP file (an Excel .xlsx, a .docx or an archive): save the sheet as CSV, or unzip it"),
)


def _written_by_kg(folder: Path) -> set[Path]:
    """What a ``kg build`` wrote into ``folder``, as its manifest names it (and the manifest, and the
    cache): never read back as input."""
    try:
        with (folder / "manifest.json").open("rb") as handle:
            if b'"kg-manifest/' not in handle.read(200):
                return set()
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return {folder / "manifest.json", folder / "cache", *(folder / rel for rel in manifest["files"])}
    except (OSError, ValueError, LookupError, TypeError):
        return set()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file named, and every file under every folder named, in sorted order; inside a folder,
    hidden files and folders (``.git``) and the files of earlier builds (a kg manifest names them) are skipped.
    A file named twice (or also through its folder) comes once."""
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            skip = set().union(*(_written_by_kg(m.parent) for m in path.rglob("manifest.json")))
            found = sorted(p for p in path.rglob("*") if p.is_file() and not skip.intersection((p, *p.parents))
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found = [path]
        for file in found:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                yield file


def display_path(path: Path) -> str:
    """How a source is recorded: relative to the current folder when inside it, else as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass
class LoadedFile:
    source: str  # as errors and records name it
    format: str | None  # the loader's registry name; None when no reader accepts the file
    items: Iterator[Item]  # its records and errors in file order (records checked by make_record); lazy when streamed


def read_file(path: Path, fmt: str | None = None) -> LoadedFile:
    """One file, its format decided once from its head (or ``fmt``): a streaming format
    is read as a stream, any other from the whole text."""
    source = display_path(path)
    try:
        head, whole = peek(path, source)
    except OSError as exc:
        return LoadedFile(source, None, iter([LoadError(source=source, line=0, message=f"cannot read: {exc.strerror}")]))
    names = [fmt] if fmt else _candidates(head)
    if names and names[0] in STREAMING:
        return LoadedFile(source, names[0], _streamed(path, source, names[0]))
    if names and names[0] in STREAMED_WHEN_LARGE and not whole:
        items = _streamed(path, source, names[0], STREAMED_WHEN_LARGE)
        held: list[Item] = []
        for item in items:
            held.append(item)
            if isinstance(item, PaperRecord):
                return LoadedFile(source, names[0], chain(held, items))
    try:
        text = head if whole else read_text_file(path, source)
    except OSError as exc:
        return LoadedFile(source, None, iter([LoadError(source=source, line=0, message=f"cannot read: {exc.strerror}")]))
    if not any(line.strip() for line in text.lines) and not text.bad:
        return LoadedFile(source, None, iter([LoadError(source=source, line=1, message="empty file")]))
    name, items = _parse_best(text, names)
    if name is None:
        with path.open("rb") as handle:
            magic = handle.read(4)
        why = next((w for m, w in _KNOWN_OTHERS if magic.startswith(m)),
                   f"unrecognised format (expected one of: {', '.join(LOADERS)})")
        return LoadedFile(source, None, iter([LoadError(source=source, line=1, message=f"{why}; {WHOLE_FILE}")]))
    return LoadedFile(source, name, iter(items))


def read_paths(paths: Iterable[str | Path], fmt: str | None = None) -> Iterator[LoadedFile]:
    """Every file under ``paths`` (see :func:`iter_files`) as it is read: nothing is held
    beyond the file being read, and a streamed file's records come one at a time."""
    for path in iter_files(paths):
        yield read_file(path, fmt)


def load_paths(paths: Iterable[str | Path], fmt: str | None = None,
               into: Callable[[PaperRecord], object] | None = None) -> LoadResult:
    """Every record and error of every file, held in one :class:`LoadResult`; with ``into``, each
    record is handed to it as it is read instead (a build's merge: see :class:`kg.merge.Merging`)."""
    result = LoadResult()
    keep = into or result.records.append
    for loaded in read_paths(paths, fmt):
        if loaded.format is not None:
            result.formats[loaded.source] = loaded.format
        for item in loaded.items:
            if isinstance(item, PaperRecord):
                keep(item)
            else:
                result.errors.append(item)
    return result
