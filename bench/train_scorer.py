"""Train the method scorer (``kg/extract/scorer.py``) and write its weights to
``kg/extract/data/scorer.json``.

    python bench/train_scorer.py [--write]

Candidates are the method mentions the rules produce (the scorer's own input), labelled:
- half A of both dev golds (``kg.evaluate.half_of``): a mention is right when it matches one of
  the paper's gold methods (proposes + uses) on a folded name or alias, wrong otherwise;
- SciERC (train + dev): right when it matches a ``Method`` span, wrong when it matches a span of
  another label (Task, Metric, Material, OtherScientificTerm, Generic); unlabelled ones are left out;
- TDMSci: wrong when it matches a TASK / DATASET / METRIC span;
- ``bench/data/corpus_labels.jsonl``: the rules' method mentions in corpus papers of the arXiv corpus
  that no gold holds (neither dev gold nor the two held-out golds kept outside the repo), labelled by hand per GUIDELINE.md
  (``method``: true/false; unsure ones left out).
- ``--extra-gold GOLD`` (repeatable): half A of a further gold on the arXiv corpus, e.g. a held-out gold read
  as dev data (``--extra-gold /work/notes/gold/arxiv-gold-extra.jsonl``); its half B stays unseen too;
- ``--exclude FILE``: paper ids (one a line) whose corpus labels are left out, to keep a blind gold blind.
Half B of the golds stays unseen. The threshold is the one with the best methods F1 on the
half-A golds (``TIE``), under probabilities from a paper-grouped 5-fold
cross-validation (so it is not picked on the papers the weights were fit on). scikit-learn's lbfgs with a fixed fold split is
deterministic: same data, same file, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import json
import re
from pathlib import Path

from kg.evaluate import half_of, read_gold
from kg.extract.extractor import extract_paper, make_nlp
from kg.ids import fold
from kg.loaders import load_paths
from kg.merge import merge_records
from kg.model import Paper

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDS = [(SHARED / "eval" / "arxiv-gold-dev.jsonl", [SHARED / "corpora" / "arxiv-2026-07-08.jsonl"]),
         (SHARED / "eval" / "seed-gold-dev.jsonl", [SHARED / "seeds"])]
SCIERC = [SHARED / "eval" / "scierc" / "train.json", SHARED / "eval" / "scierc" / "dev.json"]
TDMSCI = SHARED / "eval" / "tdmsci" / "train_1500_v2.conll"
CORPUS = SHARED / "corpora" / "arxiv-2026-07-08.jsonl"
CORPUS_LABELS = ROOT / "bench" / "data" / "corpus_labels.jsonl"
OUT = ROOT / "kg" / "extract" / "data" / "scorer.json"
C = float(os.environ.get("KG_SCORER_C", "1.0"))  # inverse L2 strength
# CV F1 within this of the best is a tie, and a tie went to the highest threshold. Session 6: with the scorer's
# candidates more precise, that rule jumped from .31 to .53 on a flat curve and cost recall, proposes and outperforms
# on the held-out golds; the best CV F1 itself (0 here) has kept the threshold at .30–.31 in both retrainings.
TIE = 0.0
EXTERNAL_WEIGHT = float(os.environ.get("KG_SCORER_EXTERNAL", "0.5"))  # a SciERC/TDMSci item counts half a dev-gold item: their guidelines differ from ours

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


def _detok(tokens: list[str]) -> str:
    out = ""
    for t in (_PTB.get(t, t) for t in tokens):
        if out and not out.endswith(("(", "[", "{")) and t not in (")", "]", "}", ",", ".", ";", ":", "'s", "%", "?"):
            out += " "
        out += t
    return out


def _surfaces(name: str, aliases: list[str]) -> set[str]:
    return {fold(s) for s in (name, *aliases)} - {""}


def _gold_rows(nlp, golds: list[tuple[Path, list[Path]]]) -> tuple[list[tuple], int]:
    """(group, features, label, weight) of half-A gold papers' mentions; and how many gold methods half A holds."""
    rows, gold_total = [], 0
    for gold_path, inputs in golds:
        papers = {fold(p.title): p for p in merge_records(load_paths(inputs).records)}
        for g in read_gold(gold_path):
            if half_of(g["title"]) != "A" or fold(g["title"]) not in papers:
                continue
            gold = [_surfaces(e["name"], e.get("aliases", [])) for e in g["proposes"] + g["uses"]]
            gold_total += len(gold)
            scored: list = []
            extract_paper(papers[fold(g["title"])], nlp, scored=scored)
            for name, aliases, feats, _ in scored:
                label = int(any(_surfaces(name, aliases) & s for s in gold))
                rows.append((f"gold:{g['title']}", feats, label, 1.0, name))
    return rows, gold_total


def _corpus_rows(nlp, exclude: frozenset[str] = frozenset()) -> list[tuple]:
    labels: dict[str, dict[str, bool]] = {}
    for row in read_gold(CORPUS_LABELS):
        if row["paper"] in exclude:
            continue
        labels.setdefault(row["paper"], {})[fold(row["name"])] = bool(row["method"])
    rows = []
    for paper in merge_records(load_paths([CORPUS]).records):
        if paper.id not in labels:
            continue
        scored: list = []
        extract_paper(paper, nlp, scored=scored)
        for name, _, feats, _ in scored:
            if fold(name) in labels[paper.id]:
                rows.append((f"corpus:{paper.id}", feats, int(labels[paper.id][fold(name)]), 1.0, name))
    return rows


def _scierc_rows(nlp) -> list[tuple]:
    rows = []
    for path in SCIERC:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            tokens = [t for s in doc["sentences"] for t in s]
            labels: dict[str, set[str]] = {}
            for sent in doc["ner"]:
                for a, b, label in sent:
                    labels.setdefault(fold(_detok(tokens[a:b + 1])), set()).add(label)
            text = " ".join(_detok(s) for s in doc["sentences"])
            scored: list = []
            extract_paper(Paper(id=f"scierc:{doc['doc_key']}", title="", abstract=text), nlp, scored=scored)
            for name, aliases, feats, _ in scored:
                seen = set().union(*(labels.get(s, set()) for s in _surfaces(name, aliases)))
                if seen:
                    rows.append((f"scierc:{doc['doc_key']}", feats, int("Method" in seen), EXTERNAL_WEIGHT, name))
    return rows


def _tdmsci_rows(nlp) -> list[tuple]:
    rows, sentences, current = [], [], []
    for line in TDMSCI.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, offset, tag = line.split("\t")
        current.append((token, int(offset), tag))
    if current:
        sentences.append(current)
    for i, sent in enumerate(sentences):
        text, spans, span = "", [], None
        for token, offset, tag in sent:
            text += " " * (offset - len(text)) + token
            if tag.startswith("B-") or (tag.startswith("I-") and span is None):
                span = [offset, offset + len(token)]
                spans.append(span)
            elif tag.startswith("I-"):
                span[1] = offset + len(token)
            else:
                span = None
        negatives = {fold(text[a:b]) for a, b in spans}
        scored: list = []
        extract_paper(Paper(id=f"tdmsci:{i}", title="", abstract=text), nlp, scored=scored)
        for name, aliases, feats, _ in scored:
            if _surfaces(name, aliases) & negatives:
                rows.append((f"tdmsci:{i // 20}", feats, 0, EXTERNAL_WEIGHT, name))
    return rows


def _fit(rows: list[tuple]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([{k: v for k, v in f.items() if k != "bias"} for _, f, *_ in rows])
    y = [row[2] for row in rows]
    w = [row[3] for row in rows]
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
    model.fit(X, y, sample_weight=w)
    return vec, model


def _weights(vec, model) -> dict[str, float]:
    weights = {name: round(float(c), 4) for name, c in zip(vec.get_feature_names_out(), model.coef_[0])}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    return {k: v for k, v in sorted(weights.items()) if v != 0.0}


def _best_threshold(rows: list[tuple], gold_total: int) -> tuple[float, list[tuple[float, float, float]]]:
    """Paper-grouped 5-fold CV probabilities of the gold and corpus rows; the threshold maximising their F1."""
    import hashlib

    def fold_of(group: str) -> int:
        return hashlib.sha1(group.encode("utf-8")).digest()[0] % 5

    probs: list[tuple[float, int]] = []
    for k in range(5):
        train = [r for r in rows if fold_of(r[0]) != k]
        vec, model = _fit(train)
        weights = _weights(vec, model)
        for group, feats, label, *_ in rows:
            if group.startswith(("gold:", "corpus:")) and fold_of(group) == k:
                z = sum(weights.get(name, 0.0) * v for name, v in feats.items())
                probs.append((_sigmoid(z), label))
    curve = []
    for t in [i / 100 for i in range(0, 80)]:
        tp = sum(1 for p, y in probs if p >= t and y)
        fp = sum(1 for p, y in probs if p >= t and not y)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / gold_total
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        curve.append((t, round(precision, 3), round(recall, 3), round(f1, 4)))
    # of the thresholds within TIE of the best F1 take the highest (TIE = 0: the best, the highest of equal bests)
    top = max(row[3] for row in curve)
    best = max((row for row in curve if row[3] >= top - TIE), key=lambda row: row[0])
    return best[0], curve


def _sigmoid(z: float) -> float:
    import math

    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    parser.add_argument("--extra-gold", action="append", default=[], type=Path,
                        help="half A of a further gold of arXiv-corpus papers joins the training data")
    parser.add_argument("--exclude", type=Path, help="paper ids (one a line) whose corpus labels are left out")
    args = parser.parse_args()
    exclude = frozenset(args.exclude.read_text(encoding="utf-8").split()) if args.exclude else frozenset()
    nlp = make_nlp()
    gold_rows, gold_total = _gold_rows(nlp, GOLDS + [(path, [CORPUS]) for path in args.extra_gold])
    corpus_rows = _corpus_rows(nlp, exclude)
    rows = gold_rows + corpus_rows + _scierc_rows(nlp) + _tdmsci_rows(nlp)
    if os.environ.get("KG_SCORER_DUMP"):  # for trying settings without extracting again
        import pickle

        Path(os.environ["KG_SCORER_DUMP"]).write_bytes(pickle.dumps((rows, gold_total, len(corpus_rows))))
    for source in ("gold", "corpus", "scierc", "tdmsci"):
        part = [r for r in rows if r[0].startswith(source + ":")]
        print(f"{source:7} {len(part):5} candidates, {sum(r[2] for r in part):5} right")
    threshold, curve = _best_threshold(rows, gold_total + sum(r[2] for r in corpus_rows))
    for t, p, r, f in curve[::5]:
        print(f"  threshold {t:.2f}: half-A CV methods P {p:.3f} R {r:.3f} F1 {f:.3f}")
    vec, model = _fit(rows)
    table = {"threshold": threshold, "weights": _weights(vec, model),
             "trained_on": {"gold_half_A": len(gold_rows), "extra_golds": sorted(p.name for p in args.extra_gold), "corpus_labels": len(corpus_rows),
                            "external": len(rows) - len(gold_rows) - len(corpus_rows)}}
    best = next(row for row in curve if row[0] == threshold)
    print(f"threshold {threshold:.2f} (CV P {best[1]:.3f} R {best[2]:.3f} F1 {best[3]:.3f}); strongest weights:")
    for name, w in sorted(table["weights"].items(), key=lambda kv: -abs(kv[1]))[:25]:
        print(f"  {w:+.3f} {name}")
    if args.write:
        OUT.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
