"""The scale paths give the same result as the plain one: worker processes, the
extraction store of an incremental build."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CORPUS

FORMATS = ["turtle", "cypher", "neo4j-csv", "jsonl", "graph-json"]


def _papers():
    from kg.loaders import load_paths
    from kg.merge import merge_records

    return merge_records(load_paths([CORPUS]).records)


def test_parallel_extraction_equals_serial():
    from kg.extract.extractor import extract_papers
    from kg.extract.parallel import extract_parallel

    papers = _papers()[:120]
    serial = extract_papers(papers)
    parallel = extract_parallel(papers, jobs=2, chunk=16)
    assert [e.paper_id for e in parallel] == [p.id for p in papers]
    assert [e.model_dump_json() for e in parallel] == [e.model_dump_json() for e in serial]
    assert sum(len(e.mentions) for e in serial) > 100  # the comparison is not between empty lists


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_incremental_build_equals_a_build_from_scratch(tmp_path):
    from kg.build import build

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:150]) + "\n", encoding="utf-8")
    changed = json.loads(lines[5])
    changed["abstract"] = "We propose Zorblax, a method that outperforms BERT on SQuAD. " + changed["abstract"]
    dropped = json.loads(lines[7])
    # the second build: one paper changed, one dropped, 100 new
    second.write_text("\n".join([*lines[:5], json.dumps(changed), lines[6], *lines[8:250]]) + "\n", encoding="utf-8")

    out = tmp_path / "out"
    before = build([first], out, FORMATS, jobs=1)
    assert before.reused == 0
    again = build([second], out, FORMATS, jobs=1)
    scratch = build([second], tmp_path / "scratch", FORMATS, jobs=1)
    assert again.reused == 148  # 150 first papers - the changed one - the dropped one
    assert scratch.reused == 0
    assert _files(out) == _files(tmp_path / "scratch")
    papers = (out / "papers.jsonl").read_text(encoding="utf-8")
    assert dropped["title"] not in papers and "Zorblax" in papers
    assert "cache/extractions.jsonl" in _files(out)


def test_extractor_version_follows_the_gazetteers(tmp_path):
    from kg.cache import extractor_version

    gazetteer = tmp_path / "g.jsonl"
    gazetteer.write_text('{"name": "Zorblax", "type": "method"}\n', encoding="utf-8")
    plain, extended = extractor_version(()), extractor_version((str(gazetteer),))
    assert plain != extended and len(plain) == 64
    gazetteer.write_text('{"name": "Zorblax Two", "type": "method"}\n', encoding="utf-8")
    extractor_version.cache_clear()
    assert extractor_version((str(gazetteer),)) != extended


def test_dask_local_cluster_build_equals_the_local_build(tmp_path):
    import pytest

    pytest.importorskip("dask.distributed")
    from kg.build import build

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines[:160]) + "\n", encoding="utf-8")
    local = build([corpus], tmp_path / "local", FORMATS, jobs=1)
    build([corpus], tmp_path / "dask", FORMATS, workers=2)
    assert len(local.papers) == 160
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_streamed_turtle_holds_the_same_triples_as_rdflib(seed_build, tmp_path):
    import copy

    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.export.rdf import to_rdf, write_turtle

    G = copy.deepcopy(seed_build.graph)
    hostile = 'Evil "}\\ // \n name\'s \r """ <x> @en ^^xsd:int'
    G.add_node("method:evil x", label="Method", id="method:evil x", name=hostile, aliases=["<b>x</b>", "a\\b"])
    # typed literals: rdflib normalises a date ("…T00:00:00" → the day), keeps an anyURI as written
    G.add_node("arxiv:evil/1", label="Paper", id="arxiv:evil/1", title=hostile, title_zh="恶意 \"x\"",
               url='http://x.org/a "b"\n', date="2024-01-05T00:00:00", year=999, categories=["cs.AI", 'a"b'],
               doi="10.1/x y")
    write_turtle(G, tmp_path)
    text = (tmp_path / "graph.ttl").read_bytes()
    parsed = Graph().parse(data=text.decode("utf-8"), format="turtle")
    assert len(parsed) > 10000 and isomorphic(parsed, to_rdf(G))
    write_turtle(G, tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == text


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead
    except (OSError, IndexError):
        return False


def test_a_build_killed_with_sigkill_leaves_no_worker_behind(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("worker processes die with the build through Linux's PR_SET_PDEATHSIG")
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(CORPUS), "--out", str(tmp_path / "out"),
                              "--jobs", "2", "-f", "jsonl"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        workers = _children(build.pid)
        time.sleep(0.1)
    assert len(workers) == 2, "the build never started its two extraction workers"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:  # never leave them running, whatever the outcome
        os.kill(w, signal.SIGKILL)
    assert not left


def test_fold_takes_a_shortcut_for_ascii_only_when_it_changes_nothing():
    import re
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.ids import fold

    def full(text: str) -> str:  # the fold without its ASCII shortcut
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return re.sub(r"[\W_]+", "", text.casefold())

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
    def same(text: str) -> None:
        assert fold(text) == full(text)

    same()
    assert fold("Ünïcödé-Ñame") == "unicodename" and fold("GPT-4o mini") == "gpt4omini"


def test_extractor_version_ignores_resolution_but_follows_the_rules(tmp_path, monkeypatch):
    """Resolution runs on stored extractions: editing it keeps the store; editing a rule does not."""
    import shutil

    import kg.cache as cache

    copy = tmp_path / "kg"
    shutil.copytree(cache._KG, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_KG", copy)
    cache.extractor_version.cache_clear()
    before = cache.extractor_version(())
    with (copy / "extract" / "resolve.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a resolution change\n")
    cache.extractor_version.cache_clear()
    assert cache.extractor_version(()) == before
    with (copy / "extract" / "rules.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a rule change\n")
    cache.extractor_version.cache_clear()
    assert cache.extractor_version(()) != before
    cache.extractor_version.cache_clear()
