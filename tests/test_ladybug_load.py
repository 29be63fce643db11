"""ladybug's bulk loader (COPY FROM Parquet files written per chunk) writes the same database as the UNWIND batches."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

ladybug = pytest.importorskip("ladybug")
pytest.importorskip("pyarrow")

from kg.export.ladybug_db import create_schema, load_graph  # noqa: E402
from kg.graph import counts  # noqa: E402

HOSTILE = "Evil's \"name\" } // DROP \\ back\\slash\nnew line ?x $y"


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not k.startswith("_")}  # _id, _label: internal
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _load_and_dump(G, path, bulk_min, **options):
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    try:
        create_schema(conn)
        load_graph(conn, G, bulk_min=bulk_min, **options)
        nodes = dict(conn.execute("MATCH (n) RETURN label(n), count(*)").get_all())
        rels = dict(conn.execute("MATCH ()-[r]->() RETURN label(r), count(*)").get_all())
        dump = [_clean(r) for r in conn.execute(
            "MATCH (n) RETURN n ORDER BY n.id").get_all()] + [_clean(r) for r in conn.execute(
            "MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id, r "
            "ORDER BY a.id, label(r), b.id, r.paper, r.sentence, r.via").get_all()]
        return (nodes, rels), dump
    finally:
        conn.close()
        db.close()


def test_copy_from_loads_the_same_database_as_unwind(seed_build, tmp_path):
    G = copy.deepcopy(seed_build.graph)
    G.add_node("method:evil", label="Method", id="method:evil", name=HOSTILE, aliases=["a'b", "}{"])
    paper = next(n for n, d in G.nodes(data=True) if d["label"] == "Paper")
    G.add_edge(paper, "method:evil", key="USES", type="USES", paper=paper, sentence=HOSTILE, rule="test")
    bulk_counts, bulk = _load_and_dump(G, tmp_path / "bulk.lbug", bulk_min=1)  # every table by COPY
    unwind_counts, unwind = _load_and_dump(G, tmp_path / "unwind.lbug", bulk_min=10**12)  # none
    chunked_counts, chunked = _load_and_dump(G, tmp_path / "chunked.lbug", bulk_min=1, chunk=37)  # many COPYs a table
    assert bulk_counts == chunked_counts == counts(G)
    assert bulk == unwind == chunked
    assert any(row[0].get("name") == HOSTILE and row[0].get("aliases") == ["a'b", "}{"] for row in bulk[:-1]
               if isinstance(row, list) and isinstance(row[0], dict))


def test_a_load_too_big_for_the_bounded_buffer_pool_is_done_again_with_the_default(seed_build, tmp_path, monkeypatch,
                                                                                    caplog):
    from kg.export import ladybug_db
    from kg.texts import restored_copy, stow

    G = copy.deepcopy(seed_build.graph)
    stow(G)  # as a build writes it: texts read back from the scratch file
    monkeypatch.setattr(ladybug_db, "BUFFER_POOL", 1 << 20)  # 1 MB: the seeds' load does not fit
    with caplog.at_level("WARNING", logger="kg.export.ladybug_db"):
        [path] = ladybug_db.write_ladybug(G, tmp_path)
    assert "does not fit a 1 MB buffer pool" in caplog.text
    db = ladybug.Database(str(path), read_only=True)
    conn = ladybug.Connection(db)
    try:
        nodes = dict(conn.execute("MATCH (n) RETURN label(n), count(*)").get_all())
        rels = dict(conn.execute("MATCH ()-[r]->() RETURN label(r), count(*)").get_all())
        paper, abstract = next((n, d["abstract"]) for n, d in restored_copy(G).nodes(data=True) if d.get("abstract"))
        [[stored]] = conn.execute("MATCH (p:Paper {id: $id}) RETURN p.abstract", {"id": paper}).get_all()
    finally:
        conn.close()
        db.close()
    assert (dict(sorted(nodes.items())), dict(sorted(rels.items()))) == counts(G)
    assert stored == abstract


def test_the_parquet_scratch_lives_in_the_folder_being_built(seed_build, tmp_path, monkeypatch):
    """A killed build must leave its scratch where the next build cleans up (the staging folder), not in /tmp."""
    import tempfile

    from kg.export import ladybug_db

    made = []
    real = tempfile.TemporaryDirectory

    def spy(*args, **kwargs):
        made.append(kwargs.get("dir"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ladybug_db.tempfile, "TemporaryDirectory", spy)
    ladybug_db.write_ladybug(seed_build.graph, tmp_path)
    assert made and all(d is not None and tmp_path in Path(d).parents for d in made)
    assert not [p for p in (tmp_path / "ladybug").iterdir() if p.name.startswith("kg-ladybug-")]
