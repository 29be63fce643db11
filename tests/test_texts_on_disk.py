"""While a build writes its outputs the graph's long texts (abstracts, sentences) are on disk
(kg/texts.py), the merged papers and the extractions too (kg/spill.py); every output is the same."""

from __future__ import annotations

import copy
from pathlib import Path

import networkx as nx
import pytest

from kg.build import build
from kg.export import EXPORTERS, get_exporter, missing_extra
from kg.export.graph_json import graph_json_text
from kg.loaders import load_paths
from kg.merge import merge_records
from kg.model import Paper
from kg.spill import ModelList, SpillList
from kg.texts import Stored, expand, restore, restored_copy, stow, stowed

from tests.conftest import SEEDS


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "ladybug" not in p.parts}


def _texts(G: nx.MultiDiGraph) -> list[object]:
    return [d.get(k) for _, d in G.nodes(data=True) for k in ("abstract", "abstract_zh")] + \
        [d.get("sentence") for *_, d in G.edges(data=True)]


def test_spill_list_reads_back_what_was_appended():
    texts = ["", "plain", "naïve 中文\nline", "x" * 300_000, "'quotes' \\ \x00"]
    spilled = SpillList(texts[:2])
    spilled.extend(texts[2:])
    assert list(spilled) == texts and len(spilled) == len(texts)
    assert spilled[2] == texts[2] and spilled[-1] == texts[-1] and spilled[1:4] == texts[1:4]
    with pytest.raises(IndexError):
        spilled[len(texts)]


def test_every_exporter_writes_the_same_files_from_a_stowed_graph(seed_build, tmp_path):
    G = copy.deepcopy(seed_build.graph)
    assert any(isinstance(t, str) and t for t in _texts(G))
    S = copy.deepcopy(G)
    assert stow(S) > 0
    assert not any(type(t) is str and t for t in _texts(S))  # no text left in the graph
    assert any(type(t) is Stored for t in _texts(S))
    names = [n for n in EXPORTERS if n != "ladybug" and missing_extra(n) is None]  # ladybug: test_ladybug_load
    assert {"graph-json", "turtle", "jsonld", "cypher", "neo4j-csv", "jsonl"} <= set(names)
    for name in names:
        for which, graph in (("memory", G), ("disk", S)):
            (tmp_path / which / name).mkdir(parents=True)
            get_exporter(name)(graph, tmp_path / which / name)
        assert _files(tmp_path / "memory" / name) == _files(tmp_path / "disk" / name), name
    assert not any(type(t) is str and t for t in _texts(S))  # the html page read its texts from a copy


def test_restore_gives_back_the_graph_with_one_string_per_sentence(seed_build):
    G = copy.deepcopy(seed_build.graph)
    S = copy.deepcopy(G)
    stow(S)
    node = next(n for n, d in S.nodes(data=True) if type(d.get("abstract")) is Stored)
    assert expand(S, S.nodes[node])["abstract"] == G.nodes[node]["abstract"]
    assert list(expand(S, S.nodes[node])) == list(G.nodes[node])  # same keys, same order
    copied = restored_copy(S)
    assert stowed(S) is not None and type(S.nodes[node]["abstract"]) is Stored  # the copy alone got its texts
    restore(S)
    assert stowed(S) is None
    for H in (S, copied):
        assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
        assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    by_sentence: dict[tuple[str, str], set[int]] = {}
    for _, _, d in S.edges(data=True):
        if d.get("sentence"):
            by_sentence.setdefault((d["paper"], d["sentence"]), set()).add(id(d["sentence"]))
    assert all(len(ids) == 1 for ids in by_sentence.values())


def test_a_build_writes_from_a_graph_without_its_texts_and_gives_them_back(tmp_path, monkeypatch):
    import kg.export.graph_json as graph_json

    seen: list[list[object]] = []
    writer = graph_json.write_graph_json

    def watching(G, out):  # type: ignore[no-untyped-def]
        seen.append(_texts(G))
        return writer(G, out)

    monkeypatch.setattr(graph_json, "write_graph_json", watching)
    result = build([SEEDS], tmp_path / "out", ["graph-json", "jsonl"])
    [texts] = seen
    assert texts and not any(type(t) is str and t for t in texts)  # on disk while graph.json was written
    assert any(isinstance(t, str) and t for t in _texts(result.graph))  # and back in the graph afterwards
    assert stowed(result.graph) is None
    assert (tmp_path / "out" / "graph.json").read_text(encoding="utf-8") == graph_json_text(result.graph)
    # the merged papers are held on disk, read back as the same models
    assert isinstance(result.papers, ModelList)
    assert list(result.papers) == merge_records(load_paths([SEEDS]).records)
    assert isinstance(result.papers[0], Paper) and result.papers[1:3] == list(result.papers)[1:3]


def test_the_overview_page_of_a_big_graph_reads_back_only_its_own_texts(seed_build, tmp_path, monkeypatch):
    pytest.importorskip("pyvis")
    import kg.viz.payload as payload

    monkeypatch.setattr(payload, "OVERVIEW_THRESHOLD", 20)  # the seeds count as big: the page is an overview
    G = copy.deepcopy(seed_build.graph)
    S = copy.deepcopy(G)
    stow(S)
    for which, graph in (("memory", G), ("disk", S)):
        (tmp_path / which).mkdir()
        get_exporter("html")(graph, tmp_path / which)
    page = (tmp_path / "memory" / "graph.html").read_text(encoding="utf-8")
    assert '"overview": true' in page and any(  # an abstract is on the page
        d.get("abstract", "")[:40].replace('"', '\\"') in page for _, d in G.nodes(data=True) if d.get("abstract"))
    assert _files(tmp_path / "memory") == _files(tmp_path / "disk")
