"""Search: exact name or alias, then prefix, then words in a title, then fuzzy "did you mean"."""

from __future__ import annotations

import pytest

from kg.search import NotFound, resolve, search


@pytest.mark.parametrize("query, first, match", [
    ("Mamba", "method:mamba", "exact"),
    ("mamba", "method:mamba", "exact"),
    ("BBH", "benchmark:bigbenchhard", "alias"),
    ("mamb", "method:mamba", "prefix"),
    ("arXiv:2501.10120v2", "arxiv:2501.10120", "id"),
])
def test_search_ranks_exact_then_alias_then_prefix(seed_build, query, first, match):
    hits = search(seed_build.graph, query)
    assert hits[0].match == match
    if first:
        assert hits[0].id == first
    tiers = ["id", "exact", "alias", "prefix", "contains", "fuzzy"]
    assert [tiers.index(h.match) for h in hits] == sorted(tiers.index(h.match) for h in hits)


def test_an_alias_names_the_entity(seed_build):
    G = seed_build.graph
    nid = resolve(G, "bbh")
    assert "BBH" in G.nodes[nid]["aliases"] and G.nodes[nid]["name"] == "BIG-Bench Hard"


def test_a_word_inside_a_title_finds_the_paper(seed_build):
    hit = search(seed_build.graph, "Comprehensive Academic Paper Search")[0]
    assert hit.match == "contains" and hit.id == "arxiv:2501.10120"


@pytest.mark.parametrize("typo, meant", [("Mamaba", "Mamba"), ("Hungry Hipos", "Hungry Hungry Hippos")])
def test_misspellings_get_suggestions_not_a_guess(seed_build, typo, meant):
    with pytest.raises(NotFound) as caught:
        resolve(seed_build.graph, typo)
    assert caught.value.suggestions and caught.value.suggestions[0].name.startswith(meant)
    assert caught.value.suggestions[0].match == "fuzzy" and "did you mean" in str(caught.value)
    assert caught.value.as_dict()["suggestions"][0]["name"].startswith(meant)


def test_nothing_like_it(seed_build):
    with pytest.raises(NotFound) as caught:
        resolve(seed_build.graph, "zzqx qqzv")
    assert caught.value.suggestions == [] and "did you mean" not in str(caught.value)
