from __future__ import annotations

import pytest

from kg.evaluate import evaluate, score_rows
from tests.conftest import GOLD, SEEDS


def _row(title, **fields):
    row = {"title": title, "proposes": [], "uses": [], "datasets": [], "benchmarks": [], "introduces": [],
           "outperforms": []}
    row.update(fields)
    return row


def e(name, *aliases):
    return {"name": name, "aliases": list(aliases)}


def test_scorer_on_a_tiny_hand_made_gold():
    gold = [_row("Paper One", proposes=[e("Process Reward Model", "PRM")], uses=[e("GPT-4o")],
                 benchmarks=[e("MATH")], outperforms=[["Process Reward Model", "GPT-4o"]]),
            _row("Paper Two", datasets=[e("PixMo")], introduces=["PixMo"])]
    pred = [_row("paper one!", proposes=[e("PRM")], uses=[e("GPT4o"), e("Adam")],
                 datasets=[e("MATH")], outperforms=[["PRM", "GPT-4o"]]),
            _row("Paper Two", proposes=[e("PixMo")])]
    report = score_rows(gold, pred)
    o = report.overall
    assert (o["methods"].tp, o["methods"].fp, o["methods"].fn) == (2, 2, 0)  # PixMo typed as a method: extra
    assert o["proposes"].f1 == pytest.approx(2 / 3)
    assert (o["data"].tp, o["data"].fn) == (1, 1)  # MATH found (as a dataset), PixMo missed
    assert (o["benchmarks"].tp, o["benchmarks"].fn) == (0, 1)  # ... but not typed as a benchmark
    assert (o["outperforms"].tp, o["outperforms"].fp) == (1, 0)  # matched through the PRM alias
    assert (o["introduces"].fn) == 1
    assert any(line.startswith("extra methods") and "Adam" in line for line in report.errors)
    assert report.matched_papers == 2


def test_one_to_one_matching():
    gold = [_row("P", uses=[e("GPT-4")])]
    pred = [_row("P", uses=[e("GPT-4"), e("gpt 4")])]
    assert (score_rows(gold, pred).overall["methods"].tp, score_rows(gold, pred).overall["methods"].fp) == (1, 0)


def test_dev_set_meets_the_targets():
    """The issue's targets on ../shared/eval/seed-gold-dev.jsonl (62 papers)."""
    report = evaluate(GOLD, [SEEDS])
    o = report.overall
    assert report.matched_papers == 62
    assert o["methods"].f1 >= 0.75
    assert o["proposes"].f1 >= 0.85
    assert o["data"].f1 >= 0.75
    assert o["outperforms"].f1 >= 0.5
