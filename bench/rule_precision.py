"""Measure every rule's precision on half A of both dev golds and write the table
the extractor turns into confidence (``kg/extract/data/rule_precision.json``).

    python bench/rule_precision.py [--write]

Half A only (``kg.evaluate.half_of``): half B stays unseen by the numbers that set
confidence. A rule's precision counts its predictions in the methods, data and
outperforms categories; rules never seen get no row (the extractor's prior).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.build import build
from kg.evaluate import Score, half_of, read_gold, rows_with_rules, score_rows

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GOLDS = [(SHARED / "eval" / "arxiv-gold-dev.jsonl", [SHARED / "corpora" / "arxiv-2026-07-08.jsonl"]),
         (SHARED / "eval" / "seed-gold-dev.jsonl", [SHARED / "seeds"])]
TABLE = Path(__file__).resolve().parent.parent / "kg" / "extract" / "data" / "rule_precision.json"


def measure() -> dict[str, Score]:
    totals: dict[str, Score] = {}
    for gold, inputs in GOLDS:
        rows = rows_with_rules(build(inputs).graph)
        report = score_rows([r for r in read_gold(gold) if half_of(r["title"]) == "A"], rows)
        for cat in ("methods", "data", "outperforms"):
            for rule, score in report.by_rule.get(cat, {}).items():
                totals.setdefault(rule, Score()).add(score)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help=f"write {TABLE.name}")
    args = parser.parse_args()
    totals = measure()
    table = {rule: {"tp": s.tp, "fp": s.fp} for rule, s in sorted(totals.items()) if rule != "?"}
    for rule, row in table.items():
        print(f"{rule:28} precision {row['tp'] / (row['tp'] + row['fp']):.2f}  n {row['tp'] + row['fp']}")
    if args.write:
        TABLE.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
