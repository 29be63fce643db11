"""Every user mistake gets a one-line message and a non-zero exit, never a traceback
(the real command line, in a child process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build
from tests.arcadedb_server import free_port
from tests.conftest import GOLD, ROOT

EXAMPLES = ROOT / "examples"


def kg(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    text = result.stdout + result.stderr
    assert result.returncode == code, text
    assert "Traceback" not in text, text
    for word in words:
        assert word in text, text


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "out"
    build([EXAMPLES], out, ["graph-json", "turtle"])
    return out


def test_out_naming_a_file(tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    assert_clean_error(kg("build", EXAMPLES, "--out", tmp_path / "taken"), 2, "is a file")


def test_missing_gazetteer(tmp_path):
    assert_clean_error(kg("build", EXAMPLES, "--out", tmp_path / "o", "--gazetteer", tmp_path / "nope.jsonl"), 2,
                       "--gazetteer", "nope.jsonl")


def test_invalid_gazetteer_names_file_and_line(tmp_path):
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"name": "Foo", "type": "Method"}\n{oops\n', encoding="utf-8")
    assert_clean_error(kg("build", EXAMPLES, "--out", tmp_path / "o", "--gazetteer", bad), 1, f"{bad}:2")


def test_empty_input_over_a_good_graph(tmp_path, built):
    (tmp_path / "empty").mkdir()
    before = (built / "graph.json").read_bytes()
    assert_clean_error(kg("build", tmp_path / "empty", "--out", built, "-f", "graph-json"), 1, "--force")
    assert (built / "graph.json").read_bytes() == before


def test_unreachable_bolt_server(built):
    uri = f"bolt://127.0.0.1:{free_port()}"
    assert_clean_error(kg("push", "neo4j", "--graph", built, "--uri", uri, "--password", "x"), 1, uri)


@pytest.mark.parametrize("command", [("explore", "Foo"), ("viz", "--output", "v.html"),
                                     ("query", "--sparql", "SELECT * WHERE { ?s ?p ?o }")])
def test_corrupt_or_missing_graph(tmp_path, command):
    folder = tmp_path / "g"
    folder.mkdir()
    assert_clean_error(kg(*command, "--graph", folder, cwd=tmp_path), 1, "not found")
    (folder / "graph.json").write_text('{"format": "kg-graph/1", "nodes": [', encoding="utf-8")
    (folder / "graph.ttl").write_text("@prefix broken", encoding="utf-8")
    assert_clean_error(kg(*command, "--graph", folder, cwd=tmp_path), 1, "error:")


def test_explore_errors_are_json_under_json(tmp_path):
    result = kg("explore", "Foo", "--graph", tmp_path, "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["message"].endswith("first")


def test_missing_gold_file(tmp_path):
    assert_clean_error(kg("eval", tmp_path / "gold.jsonl", EXAMPLES), 2, "gold.jsonl")


def test_eval_on_missing_inputs_fails(tmp_path):
    assert_clean_error(kg("eval", GOLD, tmp_path / "nonexistent"), 2, "nonexistent")


def test_eval_with_no_gold_paper_in_the_inputs_fails():
    assert_clean_error(kg("eval", GOLD, EXAMPLES), 1, "none of the")


def test_unknown_format_and_type(tmp_path, built):
    assert_clean_error(kg("build", EXAMPLES, "--out", tmp_path / "o", "-f", "pdf"), 2, "pdf")
    assert_clean_error(kg("viz", "--graph", built, "--types", "Robot"), 2, "Robot")


def test_each_rejected_record_is_one_line_of_the_summary(tmp_path):
    """`file:line: reason` stays on one line however long (grep-able), not wrapped at the terminal width."""
    listing = tmp_path / "listing.csv"
    listing.write_bytes(b"title,authors,year\nCaf\xe9 Models: A Study,Ada Quill,2026\nGood Paper: Sparse Things,Ben Marsh,2025\n")
    result = kg("build", listing, "--out", tmp_path / "out", "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert f"{listing}:2: not valid UTF-8 (byte 0xe9 at column 4); re-save the file as UTF-8; row skipped" in lines, lines


def test_a_json_error_is_named_by_a_public_name():
    result = kg("eval", GOLD, EXAMPLES, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["error"] == "UserError" and data["message"].startswith("none of the"), data


def test_text_with_colon_words_is_printed_as_written(tmp_path):
    """Rich would turn ":thumbs_up:" in a title, or "host:abc:" in an error, into an emoji."""
    listing = tmp_path / "listing.csv"
    listing.write_text("title,authors,year\nThumbs :thumbs_up: Up: Reward Models,Ada Quill,2026\n", encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", listing, "--out", out, "-f", "graph-json").returncode == 0
    shown = kg("explore", "--graph", out, "Thumbs :thumbs_up: Up: Reward Models")
    assert shown.returncode == 0 and "Thumbs :thumbs_up: Up" in shown.stdout, shown.stdout
    missing = kg("explore", "--graph", out, "Thumbs :thumbs_down: Down")
    assert missing.returncode == 1 and ":thumbs_down:" in missing.stderr, missing.stderr


@pytest.mark.parametrize("uri", ["foo://localhost", "http://localhost:7474", "localhost:7687"])
def test_push_to_an_address_that_is_not_bolt(built, uri):
    assert_clean_error(kg("push", "neo4j", "--graph", built, "--uri", uri, "--password", "x"), 2, "bolt://")


def test_a_build_without_papers_says_why(tmp_path):
    (tmp_path / "empty").mkdir()
    assert_clean_error(kg("build", tmp_path / "empty", "--out", tmp_path / "o1"), 1, "error: no paper", "no file")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "Kelpie: A Multilingual Reasoning Dat\n', encoding="utf-8")
    assert_clean_error(kg("build", broken, "--out", tmp_path / "o2"), 1, "error: no paper", "rejected", f"{broken}:1")


def test_a_gazetteer_entry_error_says_what_is_wrong(tmp_path):
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"name": "Tidewater"}\n{"name": "Tidewater", "type": "Model"}\n'
                   '{"name": "Tidewater", "type": "Method", "aliases": "TW"}\n', encoding="utf-8")
    assert_clean_error(kg("build", EXAMPLES, "--out", tmp_path / "o", "--gazetteer", bad), 1,
                       f"{bad}:1: bad gazetteer entry (no 'type' field)",
                       f"{bad}:2: bad gazetteer entry (type 'Model' is not one of Method, Dataset, Benchmark)",
                       f"{bad}:3: bad gazetteer entry (aliases is a list of names, not one string)")


@pytest.mark.parametrize("command", [("viz",), ("path", "Tidewater", "Kelpie")])
def test_output_naming_a_folder(tmp_path, built, command):
    assert_clean_error(kg(*command, "--graph", built, "--output", tmp_path), 2, "--output", "is a folder")
    assert not list(tmp_path.glob(".*.tmp"))


def kg_without(modules: tuple[str, ...], *args: str | Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real command line in an environment where ``modules`` (an extra's libraries) are not installed:
    a sitecustomize marks them absent, as Python does for a module that is not there (import fails,
    importlib.util.find_spec gives None)."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(f"import sys\nfor name in {modules!r}:\n    sys.modules[name] = None\n",
                                           encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=300)


def test_without_the_viz_and_query_extras_the_default_build_skips_their_formats(tmp_path):
    out = tmp_path / "out"
    result = kg_without(("pyvis", "ladybug"), "build", EXAMPLES, "--out", out, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "graph.json").exists() and (out / "graph.ttl").exists()
    assert not (out / "graph.html").exists() and not (out / "ladybug").exists()
    assert "kg-papers[viz]" in result.stderr and "kg-papers[query]" in result.stderr, result.stderr


@pytest.mark.parametrize("modules, args, code, extra", [
    (("pyvis",), ("build", EXAMPLES, "--out", "o", "-f", "html"), 2, "kg-papers[viz]"),
    (("ladybug",), ("build", EXAMPLES, "--out", "o", "-f", "ladybug"), 2, "kg-papers[query]"),
    (("pyoxigraph",), ("query", "--sparql", "SELECT * WHERE { ?s ?p ?o }"), 1, "kg-papers[query]"),
    (("ladybug",), ("query", "--cypher", "MATCH (p:Paper) RETURN p.id"), 1, "kg-papers[query]"),
    (("neo4j",), ("push", "neo4j", "--password", "x"), 1, "kg-papers[neo4j]"),
    (("pyvis",), ("viz", "--output", "v.html"), 1, "kg-papers[viz]"),
    (("pyvis", "sklearn"), ("viz", "--output", "v.html"), 1, "kg-papers[viz]"),
])
def test_a_command_whose_extra_is_missing_names_the_extra(tmp_path, built, modules, args, code, extra):
    args = (*args, "--graph", built) if args[0] in ("query", "push", "viz") else args
    result = kg_without(modules, *args, tmp_path=tmp_path)
    assert_clean_error(result, code, extra)


def test_scheduler_and_workers_together_is_a_usage_error(tmp_path):
    assert_clean_error(kg("build", EXAMPLES, "--out", tmp_path / "o", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"),
                       2, "--scheduler", "--workers")
    assert not (tmp_path / "o").exists()


def test_explore_and_path_print_each_line_whole_into_a_pipe(tmp_path):
    """Piped (no terminal, so 80 columns), a long title stays on its line: `kg explore … | grep` finds it."""
    title = "Tidewater: Sparse Retrieval for Very Long Documents with Learned Term Weights and Pruned Inverted Indexes"
    listing = tmp_path / "listing.csv"
    listing.write_text(f"title,authors,year\n{title},Ada Quill,2026\n", encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", listing, "--out", out, "-f", "graph-json").returncode == 0
    shown = kg("explore", "--graph", out, "Tidewater")
    assert shown.returncode == 0 and shown.stdout.splitlines()[0].startswith(title), shown.stdout
    chain = kg("path", "--graph", out, title, "Tidewater")
    assert chain.returncode == 0 and any(line.startswith(title) for line in chain.stdout.splitlines()), chain.stdout


def test_formats_given_with_commas_are_read_as_several(tmp_path):
    """`-f turtle,jsonl` means what `-f turtle -f jsonl` means."""
    result = kg("build", EXAMPLES, "--out", tmp_path / "o", "-f", "turtle,jsonl")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "graph.ttl").exists() and (tmp_path / "o" / "papers.jsonl").exists()
    assert not (tmp_path / "o" / "graph.json").exists()


def _explore_one(tmp_path, csv_text: str, query: str):
    """Build a one-paper CSV listing, then ``kg explore`` it."""
    listing = tmp_path / "listing.csv"
    listing.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", listing, "--out", out, "-f", "graph-json").returncode == 0
    return kg("explore", "--graph", out, query)


def test_explore_prints_a_papers_abstract(tmp_path):
    """The README: for a paper, kg explore lists what it proposes, uses …, its abstract, … (the JSON had it, the text did not)."""
    shown = _explore_one(tmp_path, "title,authors,year,abstract\nTidewater: Sparse Retrieval,Ada Quill,2026,"
                         "We propose Tidewater [a retriever] for long documents.\n", "Tidewater: Sparse Retrieval")
    assert shown.returncode == 0 and "We propose Tidewater [a retriever] for long documents." in shown.stdout, shown.stdout


def test_explore_prints_brackets_in_titles_and_links_as_written(tmp_path):
    """Rich markup would eat "[citation needed]" in a title and "[abc]" in a URL."""
    shown = _explore_one(tmp_path, "title,authors,year,url\n[citation needed] Tidewater: Sparse Retrieval,Ada Quill,2026,"
                         "http://example.org/[abc]\n", "Sparse Retrieval")
    assert shown.returncode == 0, shown.stderr
    assert "[citation needed] Tidewater: Sparse Retrieval" in shown.stdout and "http://example.org/[abc]" in shown.stdout
