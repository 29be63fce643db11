"""The output folder as one unit: staged, swapped in with one rename, described by a manifest.

``kg build`` writes every file into a staging folder beside ``--out`` and then
exchanges it with ``--out`` in one ``renameat2(RENAME_EXCHANGE)`` (one
``rename`` when ``--out`` does not exist yet), so the folder is always wholly
the previous build or wholly the new one. ``manifest.json`` lists every file
with the build it belongs to; a build of some formats only carries the other
files over and marks those from an older build as stale, and the readers
(``kg query``, ``kg explore``, ``kg viz``, ``kg push``) refuse a stale file
instead of mixing two builds.

The build id is a hash of the graph itself, so two builds of the same input
have the same id and the same manifest.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.atomic import write_text

__all__ = ["MANIFEST", "OutputError", "StaleOutputError", "staged", "swap", "read_manifest", "make_manifest",
           "check_current", "clean_leftovers", "file_sha256"]

MANIFEST = "manifest.json"
FORMAT = "kg-manifest/1"
_STAGING = ".kg-staging-"
_UNHASHED = ("ladybug/",)  # files whose bytes differ between identical builds


class OutputError(Exception):
    """The output folder cannot be written as asked (a file in the way, an empty graph over a good one …)."""


class StaleOutputError(OutputError):
    """A file in the output folder belongs to an older build than the folder's manifest."""


def _staging_prefix(out: Path) -> str:
    return f".{out.name}{_STAGING}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(out: Path) -> list[Path]:
    """Remove staging folders beside ``out`` left by builds that were killed (their process is gone)."""
    removed = []
    if not out.parent.is_dir():
        return removed
    prefix = _staging_prefix(out)
    for path in out.parent.iterdir():
        if not path.name.startswith(prefix):
            continue
        pid = path.name[len(prefix):].partition("-")[0]
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            continue  # another build is writing it now
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap(staging: Path, out: Path) -> None:
    """Put ``staging`` in the place of ``out`` in one step; the previous folder is removed afterwards."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous build
        return
    old = out.with_name(f"{_staging_prefix(out)}{os.getpid()}-old")
    os.rename(out, old)  # not atomic as a whole: a kill here leaves the previous build in ``old``
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def _fresh_folder(parent: Path, prefix: str) -> Path:
    """A new folder ``parent/prefix<random>`` made by a plain mkdir (0o777 less the umask), unlike
    ``tempfile.mkdtemp``'s private 0o700: it becomes ``--out``, so it gets the mode any folder would."""
    for _ in range(100):
        path = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free staging folder name beside {parent}")


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``out``; removed on any error, interrupt or exit."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    staging = _fresh_folder(out.parent, f"{_staging_prefix(out)}{os.getpid()}-")
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it was swapped in


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise OutputError(f"{path}: unreadable manifest ({exc}); rebuild the folder with 'kg build'") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OutputError(f"{path}: not a kg manifest; rebuild the folder with 'kg build'")
    return data


def make_manifest(staging: Path, build_id: str | None, summary: dict[str, Any], written: dict[str, list[Path]],
                  previous: dict[str, Any] | None) -> dict[str, Any]:
    """Describe every file of ``staging``: files just written belong to ``build_id`` (``None``: the
    hash of the graph.json just written); files carried over keep the build they came from (stale
    when it is another)."""
    files: dict[str, dict[str, Any]] = {}
    for fmt, paths in sorted(written.items()):
        for path in paths:
            rel = path.relative_to(staging).as_posix()
            entry: dict[str, Any] = {"format": fmt, "build": build_id}
            if not rel.startswith(_UNHASHED):
                entry["sha256"] = file_sha256(path)
            files[rel] = entry
    if build_id is None:
        build_id = files["graph.json"]["sha256"][:16]
        for entry in files.values():
            entry["build"] = build_id
    for rel, entry in ((previous or {}).get("files") or {}).items():
        if rel not in files and (staging / rel).exists():
            files[rel] = entry
    stale = sorted(rel for rel, e in files.items() if e["build"] != build_id)
    manifest = {"format": FORMAT, "build": build_id, **summary, "files": dict(sorted(files.items())), "stale": stale}
    write_text(staging / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n")
    return manifest


def check_current(folder: Path, rel: str) -> None:
    """Raise :class:`StaleOutputError` when ``folder/rel`` belongs to an older build than the folder."""
    manifest = read_manifest(folder)
    if manifest is None:
        return  # a folder written before manifests existed: nothing to compare
    entry = manifest["files"].get(rel)
    if entry is None:
        fmt = {"graph.json": "graph-json", "graph.ttl": "turtle"}.get(rel, "ladybug" if rel.startswith("ladybug/") else rel)
        raise StaleOutputError(f"{folder}/{rel} is not part of the build in {folder}; "
                               f"add it with 'kg build … --out {folder} -f {fmt}'")
    if entry["build"] != manifest["build"]:
        raise StaleOutputError(f"{folder}/{rel} is from an earlier build than the rest of {folder}; "
                               f"rebuild it with 'kg build … --out {folder} -f {entry['format']}'")
