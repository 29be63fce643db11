"""The extraction store: each paper's extraction, kept in the output folder between builds.

``cache/extractions.jsonl`` holds one line per paper, ``{"key": K, "extraction": {...}}``,
in paper order. ``K`` hashes what the extraction depends on: the paper's id, title and
abstracts, and the extractor version — a hash of the extractor's code, its shipped
gazetteer and word lists, the user's gazetteers, the NER model's files and the spaCy
version. A paper whose key is in the store is not extracted again; a changed paper, or
any change to the rules or lists, gets a new key and is extracted afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kg.atomic import atomic_open
from kg.gcpause import paused_gc
from kg.model import Extraction, Paper

__all__ = ["CACHE_FILE", "extractor_version", "paper_key", "read_cache", "read_cache_json", "write_cache",
           "write_cache_json"]

CACHE_FILE = Path("cache") / "extractions.jsonl"
_KG = Path(__file__).resolve().parent
# what an extraction depends on besides the paper: the extraction package and the key function
_SOURCES = ("extract", "ids.py", "model.py")
# files there that run on the stored extractions, never before storing them: changing them keeps the store
_AFTER_STORE = ("extract/resolve.py",)


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@lru_cache(maxsize=8)
def extractor_version(gazetteers: tuple[str, ...] = (), ner_model: str | None = None) -> str:
    """A hash of everything besides the paper that the extraction depends on."""
    import spacy

    digest = hashlib.sha256(f"spacy {spacy.__version__}\n".encode())
    roots = [(_KG / s, _KG) for s in _SOURCES] + [(Path(g), Path(g).parent) for g in gazetteers]
    if ner_model is not None:
        roots.append((Path(ner_model), Path(ner_model)))
    for root, base in roots:
        for path in _files(root):
            if path.suffix == ".pyc" or (base == _KG and path.relative_to(_KG).as_posix() in _AFTER_STORE):
                continue
            digest.update(f"{path.relative_to(base).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def paper_key(paper: Paper, version: str) -> str:
    """The store key of ``paper``'s extraction: its id, title and abstracts, and the extractor version."""
    text = json.dumps([version, paper.id, paper.title, paper.abstract, paper.abstract_zh], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def read_cache(folder: Path, wanted: set[str]) -> dict[str, Extraction]:
    """The stored extractions under ``wanted`` keys in ``folder`` (an earlier build's output); {} when none."""
    return {key: Extraction.model_validate_json(text) for key, text in read_cache_json(folder, wanted).items()}


def read_cache_json(folder: Path, wanted: set[str]) -> dict[str, str]:
    """:func:`read_cache` as JSON: each wanted extraction checked (parsed), held as
    ``Extraction.model_dump_json`` text, not as a model."""
    path = Path(folder) / CACHE_FILE
    found: dict[str, str] = {}
    if not path.is_file():
        return found
    with path.open(encoding="utf-8") as handle, paused_gc():
        for line in handle:
            try:
                key, extraction = _split(line)
                if key in wanted:
                    found[key] = Extraction.model_validate_json(extraction).model_dump_json()
            except (ValueError, KeyError, TypeError):
                continue  # a damaged line costs one re-extraction, never a wrong result
    return found


_HEAD, _MID = '{"key":"', '","extraction":'


def _split(line: str) -> tuple[str, str]:
    """(key, extraction JSON) of a store line as :func:`write_cache` writes it; any other line is
    parsed as JSON (the key is only looked at, the extraction only parsed when it is wanted)."""
    end = len(_HEAD) + 64
    if line.startswith(_HEAD) and line[end:end + len(_MID)] == _MID and line.rstrip("\n").endswith("}"):
        return line[len(_HEAD):end], line[end + len(_MID):len(line.rstrip("\n")) - 1]
    row = json.loads(line)
    return row["key"], json.dumps(row["extraction"])


def write_cache(folder: Path, entries: Iterable[tuple[str, Extraction]]) -> Path:
    """Write the store for this build (only its papers: a dropped paper's extraction goes)."""
    return write_cache_json(folder, ((key, extraction.model_dump_json()) for key, extraction in entries))


def write_cache_json(folder: Path, entries: Iterable[tuple[str, str]]) -> Path:
    """:func:`write_cache` from each extraction's ``model_dump_json`` text."""
    path = Path(folder) / CACHE_FILE
    with atomic_open(path) as handle:
        for key, extraction in entries:
            handle.write(f'{{"key":"{key}","extraction":{extraction}}}\n')
    return path

