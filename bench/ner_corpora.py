"""Span-level scores of the extraction on the public NER corpora in ../shared/eval.

    python bench/ner_corpora.py

- SciERC dev (50 abstracts): predicted Method mentions vs gold ``Method`` spans.
- TDMSci train (1,523 sentences): predicted Dataset/Benchmark mentions vs gold ``DATASET`` spans.

A span counts when its tokens match a gold span exactly. Mentions are located by
finding every occurrence of a mention's name or alias in the text on token
boundaries. SciERC labels descriptive phrases ("maximum entropy model") as
Method; kg extracts named methods only, so recall there is low by design.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from kg.extract.extractor import extract_paper, make_nlp
from kg.model import EntityType, Paper

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def _spans_of(tokens: list[str], names: set[str]) -> set[tuple[int, int]]:
    found = set()
    lowered = [t.lower() for t in tokens]
    for name in names:
        parts = name.lower().replace("(", " ( ").replace(")", " ) ").split()
        n = len(parts)
        for i in range(len(tokens) - n + 1):
            if lowered[i : i + n] == parts:
                found.add((i, i + n - 1))
    return found


def _score(pred: set, gold: set) -> tuple[int, int, int]:
    return len(pred & gold), len(pred - gold), len(gold - pred)


def _report(name: str, tp: int, fp: int, fn: int, words: int, seconds: float) -> None:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{name}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn}; {words / seconds:,.0f} words/s)")


def _extract(nlp, tokens: list[str], kinds: set[EntityType]) -> set[tuple[int, int]]:
    text = " ".join(tokens)
    ex = extract_paper(Paper(id="x", title="Untitled", abstract=text, sources=["x"]), nlp)
    names = {s for m in ex.mentions if m.type in kinds for s in [m.name, *m.aliases]}
    return _spans_of(tokens, names)


def scierc(nlp) -> None:
    tp = fp = fn = words = 0
    start = time.perf_counter()
    for line in (EVAL / "scierc" / "dev.json").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        tokens = [PTB.get(t, t) for sent in doc["sentences"] for t in sent]
        words += len(tokens)
        gold = {(s, e) for sent in doc["ner"] for s, e, label in sent if label == "Method"}
        pred = _extract(nlp, tokens, {EntityType.METHOD})
        a, b, c = _score(pred, gold)
        tp, fp, fn = tp + a, fp + b, fn + c
    _report("SciERC dev, Method spans", tp, fp, fn, words, time.perf_counter() - start)


def tdmsci(nlp) -> None:
    tp = fp = fn = words = 0
    start = time.perf_counter()
    sentences, current = [], []
    for line in (EVAL / "tdmsci" / "train_1500_v2.conll").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.split("\t")
        current.append((token, tag))
    if current:
        sentences.append(current)
    for sent in sentences:
        tokens = [t for t, _ in sent]
        words += len(tokens)
        gold, begin = set(), None
        for i, (_, tag) in enumerate(sent + [("", "O")]):
            if begin is not None and not tag.endswith("-DATASET") or tag == "B-DATASET":
                if begin is not None:
                    gold.add((begin, i - 1))
                begin = None
            if tag == "B-DATASET":
                begin = i
        pred = _extract(nlp, tokens, {EntityType.DATASET, EntityType.BENCHMARK})
        a, b, c = _score(pred, gold)
        tp, fp, fn = tp + a, fp + b, fn + c
    _report(f"TDMSci train ({len(sentences)} sentences), Dataset spans", tp, fp, fn, words, time.perf_counter() - start)


if __name__ == "__main__":
    nlp = make_nlp()
    scierc(nlp)
    tdmsci(nlp)
