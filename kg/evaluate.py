"""Scoring extraction against gold annotations (``../shared/eval`` format).

Papers match by folded English title; entities match one-to-one when their
name or any alias agree after folding case and punctuation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.ids import fold
from kg.schema import ROLE_FIELDS

__all__ = ["Score", "EvalReport", "score_rows", "evaluate", "CATEGORIES", "half_of"]

CATEGORIES = ("methods", "proposes", "data", "benchmarks", "introduces", "outperforms")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class EvalReport:
    overall: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    by_source: dict[str, dict[str, Score]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # "miss"/"extra" lines
    matched_papers: int = 0
    unmatched_gold: list[str] = field(default_factory=list)
    by_rule: dict[str, dict[str, Score]] = field(default_factory=dict)  # category -> rule -> tp/fp of its predictions

    def as_dict(self) -> dict[str, Any]:
        def table(scores: dict[str, Score]) -> dict[str, dict[str, float]]:
            return {c: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                        "tp": s.tp, "fp": s.fp, "fn": s.fn} for c, s in scores.items()}
        return {"papers": self.matched_papers, "overall": table(self.overall),
                "by_source": {k: table(v) for k, v in sorted(self.by_source.items())},
                "unmatched_gold": self.unmatched_gold,
                "by_rule": {c: {r: {"precision": round(s.precision, 4), "tp": s.tp, "fp": s.fp}
                                for r, s in sorted(rules.items())} for c, rules in self.by_rule.items()}}


def _surfaces(entity: Any) -> set[str]:
    if isinstance(entity, str):
        return {fold(entity)} - {""}
    return {fold(s) for s in [entity["name"], *entity.get("aliases", [])]} - {""}


def _match(gold: list[set[str]], pred: list[set[str]]) -> tuple[Score, list[int], list[int]]:
    """One-to-one matching; returns the score and the unmatched gold / predicted indexes."""
    used: set[int] = set()
    missed = []
    for gi, g in enumerate(gold):
        # the prediction sharing the most surface forms (name and aliases) wins
        options = [(len(g & p), -pi) for pi, p in enumerate(pred) if pi not in used and g & p]
        hit = -max(options)[1] if options else None
        if hit is None:
            missed.append(gi)
        else:
            used.add(hit)
    extra = [pi for pi in range(len(pred)) if pi not in used]
    return Score(len(gold) - len(missed), len(extra), len(missed)), missed, extra


def _pairs(items: Iterable[Sequence[Any]], ents: list[Any]) -> list[set[str]]:
    """An outperforms pair as the set of "winner|loser" surface combinations."""
    lookup = {fold(s): _surfaces(e) for e in ents for s in _surfaces(e)}
    out = []
    for a, b, *_ in items:
        sa, sb = lookup.get(fold(a), {fold(a)}), lookup.get(fold(b), {fold(b)})
        out.append({f"{x}|{y}" for x in sa for y in sb})
    return out


def _views(row: dict[str, Any]) -> dict[str, tuple[list[set[str]], list[str], list[str]]]:
    """Per category: surface sets, labels and the rule behind each item ("?" when the row has none)."""
    methods = row["proposes"] + row["uses"]
    data = row["datasets"] + row["benchmarks"]
    label = lambda e: e if isinstance(e, str) else e["name"]  # noqa: E731
    rule = lambda e: "?" if isinstance(e, str) else e.get("rule", "?")  # noqa: E731
    introduces = row.get("introduces_rules") or row["introduces"]
    view = lambda items: ([_surfaces(e) for e in items], [label(e) for e in items], [rule(e) for e in items])  # noqa: E731
    return {
        "methods": view(methods),
        "proposes": view(row["proposes"]),
        "data": view(data),
        "benchmarks": view(row["benchmarks"]),
        "introduces": view(introduces),
        "outperforms": (_pairs(row["outperforms"], methods), [" > ".join(p[:2]) for p in row["outperforms"]],
                        [p[2] if len(p) > 2 else "?" for p in row["outperforms"]]),
    }


def _dedupe(entities: list[Any]) -> list[Any]:
    out, seen = [], []
    for e in entities:
        s = _surfaces(e)
        if not any(s & t for t in seen):
            out.append(e)
            seen.append(s)
    return out


def score_rows(gold_rows: list[dict[str, Any]], pred_rows: list[dict[str, Any]]) -> EvalReport:
    report = EvalReport()
    by_title = {fold(r["title"]): r for r in pred_rows}
    for gold in gold_rows:
        pred = by_title.get(fold(gold["title"]))
        if pred is None:
            report.unmatched_gold.append(gold["title"])
            pred = {k: [] for k in ("proposes", "uses", "datasets", "benchmarks", "introduces", "outperforms")}
        else:
            report.matched_papers += 1
        pred = dict(pred)
        for key in ("proposes", "uses", "datasets", "benchmarks"):
            pred[key] = list(pred[key])
        # an entity counted once per category, as in the gold
        pred["datasets"] = [e for e in pred["datasets"] if not any(_surfaces(e) & _surfaces(b) for b in pred["benchmarks"])]
        pred["uses"] = [e for e in pred["uses"] if not any(_surfaces(e) & _surfaces(p) for p in pred["proposes"])]
        for key in ("proposes", "uses", "datasets", "benchmarks"):
            pred[key] = _dedupe(pred[key])
        gviews, pviews = _views(gold), _views(pred)
        source = Path(gold.get("source", "?")).name
        per_source = report.by_source.setdefault(source, {c: Score() for c in CATEGORIES})
        for cat in CATEGORIES:
            (gs, gl, _), (ps, pl, pr) = gviews[cat], pviews[cat]
            score, missed, extra = _match(gs, ps)
            report.overall[cat].add(score)
            per_source[cat].add(score)
            rules = report.by_rule.setdefault(cat, {})
            for pi, rule in enumerate(pr):
                hit = Score(fp=1) if pi in extra else Score(tp=1)
                rules.setdefault(rule, Score()).add(hit)
            report.errors += [f"miss  {cat:11} {gl[i]!r:40} in {gold['title'][:70]}" for i in missed]
            report.errors += [f"extra {cat:11} {pl[i]!r:40} {pr[i]:24} in {gold['title'][:70]}" for i in extra]
    return report


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
    return rows


def half_of(title: str) -> str:
    """"A" or "B": a fixed split of a gold by a hash of the folded title (tune on A, report B)."""
    return "A" if hashlib.sha1(fold(title).encode("utf-8")).digest()[0] % 2 == 0 else "B"


def rows_with_rules(G: Any) -> list[dict[str, Any]]:
    """``paper_rows`` with the rule behind every item: entities get ``rule``, outperforms pairs a third field."""
    from kg.paper_rows import paper_rows

    rule_of: dict[tuple[str, str, str], str] = {}
    for u, v, d in G.edges(data=True):
        if d["type"] in ROLE_FIELDS:
            rule_of.setdefault((u, v, ROLE_FIELDS[d["type"]]), d.get("rule", "?"))
        elif d["type"] == "OUTPERFORMS":
            rule_of.setdefault((d["paper"], f"{G.nodes[u]['name']}|{G.nodes[v]['name']}", "outperforms"),
                               d.get("rule", "?"))
    rows = paper_rows(G)
    for row in rows:
        for key in ("proposes", "uses", "datasets", "benchmarks"):
            row[key] = [{**e, "rule": rule_of.get((row["id"], e["id"], key), "?")} for e in row[key]]
        named = {e["name"]: e["id"] for key in ("datasets", "benchmarks") for e in row[key]}
        row["introduces_rules"] = [{"name": n, "aliases": [], "rule": rule_of.get((row["id"], named.get(n, ""),
                                   "introduces"), "?")} for n in row["introduces"]]
        row["outperforms"] = [[a, b, rule_of.get((row["id"], f"{a}|{b}", "outperforms"), "?")]
                              for a, b in row["outperforms"]]
    return rows


def evaluate(gold: str | Path, inputs: Sequence[str | Path], gazetteers: Sequence[str] = (),
             half: str | None = None) -> EvalReport:
    """Build the graph of ``inputs`` and score its papers against ``gold`` (or one half of it: "A" or "B")."""
    from kg.build import build

    built = build(inputs, gazetteers=gazetteers)
    gold_rows = [r for r in read_gold(gold) if half is None or half_of(r["title"]) == half.upper()]
    return score_rows(gold_rows, rows_with_rules(built.graph))


