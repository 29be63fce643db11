"""The output folder is one unit: staged and swapped in whole, described by manifest.json,
never replaced by an empty graph unless asked, never mixing two builds."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.export.graph_json import read_graph
from kg.output import MANIFEST, OutputError, StaleOutputError, check_current, file_sha256
from tests.conftest import CORPUS, ROOT, SEEDS

EXAMPLES = ROOT / "examples"


def _state(out: Path) -> tuple[str, dict[str, str]]:
    """The folder's build id, after checking every file matches the manifest and nothing else is there."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {MANIFEST}
    assert files == set(manifest["files"]), files ^ set(manifest["files"])
    for rel, entry in manifest["files"].items():
        if "sha256" in entry:
            assert file_sha256(out / rel) == entry["sha256"], rel
        assert entry["build"] == manifest["build"], rel
    return manifest["build"], {rel: e.get("sha256", "") for rel, e in manifest["files"].items()}


def _leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.kg-staging-*"))


def test_manifest_lists_every_file_of_the_build(tmp_path):
    out = tmp_path / "out"
    result = build([EXAMPLES], out, ["graph-json", "jsonl", "turtle"])
    build_id, files = _state(out)
    assert set(files) == {p.relative_to(out).as_posix() for p in result.written}
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["papers"] == len(result.papers) and manifest["stale"] == []
    assert not _leftovers(out)


def test_a_format_subset_marks_other_files_stale_and_readers_refuse_them(tmp_path):
    out = tmp_path / "out"
    build([EXAMPLES], out, ["graph-json", "turtle"])
    build([SEEDS], out, ["graph-json"])  # another graph: graph.ttl now belongs to the earlier build
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["stale"] == ["graph.ttl"]
    check_current(out, "graph.json")
    assert read_graph(out).number_of_nodes() > 100
    with pytest.raises(StaleOutputError, match="graph.ttl is from an earlier build"):
        check_current(out, "graph.ttl")
    from kg.query import query

    with pytest.raises(StaleOutputError):
        query(out, sparql="SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    build([SEEDS], out, ["turtle"])  # the same graph: graph.ttl is current again
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["stale"] == []


def test_an_empty_graph_never_replaces_a_good_one_unless_forced(tmp_path):
    out = tmp_path / "out"
    build([EXAMPLES], out, ["graph-json", "jsonl"])
    before = _state(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(OutputError, match="no papers"):
        build([empty], out, ["graph-json", "jsonl"])
    assert _state(out) == before
    build([empty], out, ["graph-json", "jsonl"], force=True)
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["papers"] == 0


def test_out_naming_a_file_is_refused_and_the_file_kept(tmp_path):
    target = tmp_path / "out"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        build([EXAMPLES], target, ["jsonl"])
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_a_failing_exporter_leaves_the_previous_folder_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([EXAMPLES], out, ["graph-json", "jsonl"])
    before = _state(out)
    import kg.export.jsonl as jsonl

    def broken(G):
        yield "{}\n"
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jsonl, "generate_papers_jsonl", broken)
    with pytest.raises(RuntimeError):
        build([SEEDS], out, ["graph-json", "jsonl"])
    assert _state(out) == before
    assert not _leftovers(out)


def _kill_trials(tmp_path: Path, inputs: list[Path], trials: int, seed: int) -> list[str]:
    """Build ``inputs`` over a good folder and kill -9 the build at random moments."""
    out = tmp_path / "out"
    old = build([EXAMPLES], out, ["graph-json", "jsonl", "turtle", "cypher"])
    assert old.papers
    old_state = _state(out)
    command = [sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out),
               "-f", "graph-json", "-f", "jsonl", "-f", "turtle", "-f", "cypher"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    full = time.perf_counter() - start
    new_state = _state(out)
    assert new_state != old_state
    rng = random.Random(seed)
    outcomes = []
    for _ in range(trials):
        build([EXAMPLES], out, ["graph-json", "jsonl", "turtle", "cypher"])  # back to the old graph
        assert _state(out) == old_state
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _state(out)  # every file matches the manifest of one build
        assert state in (old_state, new_state)
        outcomes.append("new" if state == new_state else "old")
        assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no temp file inside
        build([EXAMPLES], out, ["graph-json"])  # the next build cleans what the killed one left beside
        assert not _leftovers(out)
    return outcomes


@pytest.mark.slow
def test_kill_9_leaves_the_old_build_or_the_new_one(tmp_path):
    outcomes = _kill_trials(tmp_path, [SEEDS, CORPUS], trials=3, seed=7)
    assert len(outcomes) == 3


def test_ctrl_c_and_sigterm_leave_the_old_folder_and_no_staging(tmp_path):
    out = tmp_path / "out"
    build([EXAMPLES], out, ["graph-json", "jsonl"])
    before = _state(out)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), str(CORPUS), "--out", str(out),
                             "-f", "graph-json", "-f", "jsonl"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _leftovers(out) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)  # wait until it is writing
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and b"Traceback" not in err
    assert _state(out) == before
    assert not _leftovers(out)
    os.sync()


def test_files_of_a_rewritten_format_do_not_outlive_it(tmp_path):
    out = tmp_path / "out"
    build([SEEDS], out, ["neo4j-csv"])
    assert (out / "neo4j" / "csv" / "rels_VARIANT_OF.csv").exists()
    build([EXAMPLES], out, ["neo4j-csv"])  # a graph with no size variants
    assert not (out / "neo4j" / "csv" / "rels_VARIANT_OF.csv").exists()
    _state(out)


def test_a_build_without_graph_json_has_the_id_of_the_graph_json_it_would_write(tmp_path):
    build([EXAMPLES], tmp_path / "full", ["graph-json"])
    build([EXAMPLES], tmp_path / "ttl", ["turtle"])
    full = json.loads((tmp_path / "full" / MANIFEST).read_text(encoding="utf-8"))
    ttl = json.loads((tmp_path / "ttl" / MANIFEST).read_text(encoding="utf-8"))
    assert ttl["build"] == full["build"] == file_sha256(tmp_path / "full" / "graph.json")[:16]


def test_the_folder_has_the_mode_a_plain_mkdir_gives(tmp_path):
    """The staging folder swapped in for --out is made like any folder (umask applies), not private like a
    temporary folder: a new --out and a rebuilt one both get 0o777 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "out"
    build([EXAMPLES], out, ["graph-json"])
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask
    out.chmod(0o755)
    build([EXAMPLES], out, ["graph-json", "jsonl"])
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask
