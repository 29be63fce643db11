"""Every registered rule's example, run through the real pipeline (spaCy + the rule component)."""

from __future__ import annotations

import pytest

from kg.extract.extractor import extract_paper, make_nlp
from kg.extract.registry import RULES
from kg.ids import fold
from kg.model import Paper


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def _run(rule, nlp):
    paper = Paper(id="paper:test", title=rule.title, abstract_zh=rule.example) if "pattern.zh" in rule.name else \
        Paper(id="paper:test", title=rule.title, abstract=rule.example)
    rejected: list[tuple[str, str]] = []
    return extract_paper(paper, nlp, rejected=rejected), rejected


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "accept"], ids=lambda r: r.name)
def test_accept_rule_finds_its_example(rule, nlp):
    ex, _ = _run(rule, nlp)
    found = {fold(m.name): m for m in ex.mentions}
    assert fold(rule.expect) in found, f"{rule.name}: {rule.expect!r} not in {sorted(found)}"
    mention = found[fold(rule.expect)]
    assert mention.rule == rule.name
    assert mention.role.value == rule.role
    assert 0.0 < mention.confidence <= 1.0


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "relation"], ids=lambda r: r.name)
def test_relation_rule_finds_its_pair(rule, nlp):
    ex, _ = _run(rule, nlp)
    pairs = {(r.subject, r.object): r for r in ex.relations}
    winner, loser = rule.expect.split(" > ")
    assert (winner, loser) in pairs, f"{rule.name}: {sorted(pairs)}"
    assert pairs[(winner, loser)].rule == rule.name


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "reject"], ids=lambda r: r.name)
def test_reject_rule_drops_its_example(rule, nlp):
    ex, rejected = _run(rule, nlp)
    assert fold(rule.expect) not in {fold(m.name) for m in ex.mentions}
    assert (rule.name, rule.expect) in rejected, f"{rule.name}: {rejected}"


def test_every_rule_the_corpus_fires_is_registered(nlp):
    """Over the unseen arXiv corpus, no mention or relation carries an unregistered rule name."""
    from kg.extract.registry import by_name
    from kg.loaders import load_paths
    from kg.merge import merge_records
    from tests.conftest import CORPUS

    if not CORPUS.exists():
        pytest.skip("../shared/corpora is not there")
    names: set[str] = set()
    for paper in merge_records(load_paths([CORPUS]).records)[:150]:
        rejected: list[tuple[str, str]] = []
        ex = extract_paper(paper, nlp, rejected=rejected)
        names |= {m.rule for m in ex.mentions} | {r.rule for r in ex.relations} | {r for r, _ in rejected}
    assert names and all(by_name(n) is not None for n in names), sorted(n for n in names if by_name(n) is None)


def test_confidence_grows_with_support_and_every_measured_rule_is_registered():
    from kg.extract.confidence import _table, confidence, rule_precision
    from kg.extract.registry import by_name

    assert confidence("pattern.name", 1) < confidence("pattern.name", 2) < confidence("pattern.name", 3) == confidence("pattern.name", 9)
    assert confidence("no.such.rule") == 0.5  # never measured: the prior, not certainty
    assert rule_precision("gazetteer") > rule_precision("pattern.name")
    assert all(by_name(rule) is not None for rule in _table())
