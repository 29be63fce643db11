"""Shared fixtures: the seed inputs from ../shared, one build of them, and a real
Bolt server (ArcadeDB from the arcadedb-embedded package, bundled JRE)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.arcadedb_server import BoltServer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpora" / "arxiv-2026-07-08.jsonl"
GOLD = SHARED / "eval" / "seed-gold-dev.jsonl"


def read_counts(session) -> tuple[dict[str, int], dict[str, int]]:
    """Node counts by label and relationship counts by type, read back over Bolt."""
    from collections import Counter

    nodes: Counter[str] = Counter()
    for record in session.run("MATCH (n) RETURN labels(n) AS labels, count(*) AS c"):
        for label in record["labels"]:
            nodes[label] += record["c"]
    edges = {r["t"]: r["c"] for r in session.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c")}
    return dict(sorted(nodes.items())), dict(sorted(edges.items()))


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seed_build():
    from kg.build import build

    return build([SEEDS])


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory, seed_build):
    from kg.export import DEFAULT_FORMATS, write

    out = tmp_path_factory.mktemp("out")
    write(seed_build.graph, out, [*DEFAULT_FORMATS, "jsonld"])
    return out


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """ArcadeDB with its Bolt plugin on 127.0.0.1; yields (server, uri, user, password)."""
    pytest.importorskip("arcadedb_embedded")
    server = BoltServer(tmp_path_factory.mktemp("arcadedb"), "kg-test-password")
    try:
        yield server, server.uri, "root", server.password
    finally:
        server.stop()


@pytest.fixture
def bolt_db(bolt_server, request):
    """A fresh, empty database on the Bolt server for one test."""
    server, uri, user, password = bolt_server
    name = "t" + "".join(c for c in request.node.name if c.isalnum())[:40]
    server.create_database(name)
    return uri, user, password, name
