"""Confidence of an extracted statement: the measured precision of the rule that
made it, raised by the support (how many sentences of the paper say it).

The precision table (``data/rule_precision.json``) is written by
``python bench/rule_precision.py --write`` from half A of the dev golds, never by
hand. A rule's precision is smoothed as (tp + 1) / (tp + fp + 2), so a rule
measured on few items, or never, sits near 0.5 instead of claiming certainty.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["rule_precision", "confidence"]

MAX_SUPPORT = 3  # sentences beyond the third add nothing


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, int]]:
    text = (resources.files("kg.extract") / "data" / "rule_precision.json").read_text(encoding="utf-8")
    return json.loads(text)


def rule_precision(rule: str) -> float:
    row = _table().get(rule, {"tp": 0, "fp": 0})
    return (row["tp"] + 1) / (row["tp"] + row["fp"] + 2)


def confidence(rule: str, support: int = 1) -> float:
    """1 - (1 - p)^s: independent sentences saying the same thing, each right with the rule's precision p."""
    p = rule_precision(rule)
    return round(1.0 - (1.0 - p) ** max(1, min(support, MAX_SUPPORT)), 3)
