"""kg path: the shortest meaningful chain, avoiding hubs, in words; terminal, JSON and a focus page."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.path import describe, path


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for pid in ("p:a", "p:b", *(f"p:x{i}" for i in range(20))):
        G.add_node(pid, label="Paper", id=pid, title=pid.upper() + " paper", year=2024)
    G.add_node("method:hub", label="Method", id="method:hub", name="GPT-4", aliases=[])
    G.add_node("method:rare", label="Method", id="method:rare", name="H3", aliases=[])
    for p in ("p:a", "p:b", *(f"p:x{i}" for i in range(20))):
        G.add_edge(p, "method:hub", key="USES", type="USES", paper=p, sentence=f"{p} uses GPT-4.")
    G.add_edge("p:a", "method:rare", key="PROPOSES", type="PROPOSES", paper="p:a", sentence="We propose H3.")
    G.add_edge("p:b", "method:rare", key="USES", type="USES", paper="p:b", sentence="We build on H3.")
    return G


def test_path_prefers_a_rare_shared_method_over_a_hub():
    r = path(_toy(), "P:A paper", "P:B paper")
    assert [n["id"] for n in r["nodes"]] == ["p:a", "method:rare", "p:b"]
    assert [s["words"] for s in r["steps"]] == ["proposes", "is used by"]
    assert r["steps"][1]["sentence"] == "We build on H3."
    assert describe(r).splitlines()[1] == "  proposes H3 (Method)"


def test_no_path_raises():
    G = _toy()
    G.add_node("p:alone", label="Paper", id="p:alone", title="Alone")
    with pytest.raises(nx.NetworkXNoPath, match="^nothing links P:A paper .*to Alone"):
        path(G, "P:A paper", "Alone")


def test_path_cli_terminal_json_and_page(seed_out, tmp_path):
    result = CliRunner().invoke(app, ["path", "--graph", str(seed_out), "Mamba", "Hungry Hungry Hippos", "--json",
                                      "--output", str(tmp_path / "path.html")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert data["nodes"][0]["name"] == "Mamba" and data["nodes"][-1]["name"].startswith("Hungry Hungry Hippos")
    assert len(data["steps"]) == len(data["nodes"]) - 1 and all(s["words"] for s in data["steps"])
    page = (tmp_path / "path.html").read_text(encoding="utf-8")
    assert all(json.dumps(n["id"])[1:-1] in page for n in data["nodes"])
    text = CliRunner().invoke(app, ["path", "--graph", str(seed_out), "Mamba", "Hungry Hungry Hippos"])
    assert text.exit_code == 0 and text.stdout.startswith("Mamba (Method)")
    missing = CliRunner().invoke(app, ["path", "--graph", str(seed_out), "Mamaba", "PaSa", "--json"])
    assert missing.exit_code == 1 and json.loads(missing.stdout)["suggestions"][0]["name"] == "Mamba"
    from kg.export.graph_json import read_graph

    G = read_graph(seed_out)
    alone = next(d["title"] for n, d in sorted(G.nodes(data=True)) if d["label"] == "Paper" and G.degree(n) == 0)
    apart = CliRunner().invoke(app, ["path", "--graph", str(seed_out), "Mamba", alone, "--json"])
    assert apart.exit_code == 1 and json.loads(apart.stdout)["error"] == "NetworkXNoPath"
