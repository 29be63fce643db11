"""Years from arXiv ids and dates, on every seed paper that has an arXiv id, in every output."""

from __future__ import annotations

import json

import pytest

from kg.years import paper_year, year_of_arxiv


@pytest.mark.parametrize("arxiv_id, year", [
    ("2501.10120", 2025), ("0704.0001", 2007), ("1912.00001", 2019), ("2607.07386", 2026),
    ("hep-th/9901001", 1999), ("math/0211159", 2002), ("math.GT/0309136", 2003), ("cs/9108101", 1991),
    ("2513.00001", None), ("0612.1234", None), ("not-an-id", None), (None, None),
])
def test_year_of_arxiv(arxiv_id, year):
    assert year_of_arxiv(arxiv_id) == year


def test_stated_year_beats_date_beats_arxiv_id():
    assert paper_year(2019, "2021-03-01", "2501.10120") == 2019
    assert paper_year(None, "2021-03-01", "2501.10120") == 2021
    assert paper_year(None, None, "2501.10120") == 2025
    assert paper_year(None, "March 2021", None) is None


def test_every_seed_paper_with_an_arxiv_id_has_its_year_in_every_output(seed_build, seed_out):
    with_id = [p for p in seed_build.papers if p.arxiv_id]
    assert len(with_id) >= 20
    assert all(p.year == year_of_arxiv(p.arxiv_id) for p in with_id)
    pasa = next(p for p in with_id if p.arxiv_id == "2501.10120")
    assert pasa.year == 2025 and seed_build.graph.nodes[pasa.id]["year"] == 2025
    nodes = {n["id"]: n for n in json.loads((seed_out / "graph.json").read_text(encoding="utf-8"))["nodes"]}
    assert all(nodes[p.id]["year"] == p.year for p in with_id)
    turtle = (seed_out / "graph.ttl").read_text(encoding="utf-8")
    assert '"2025"^^xsd:gYear' in turtle
    csv_header = (seed_out / "neo4j" / "csv" / "nodes_Paper.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "year" in csv_header
