"""Does a trained NER component pay? Train on the corpora's train splits, score it,
and score the whole extraction on the dev gold with and without it.

    python bench/ner_compare.py [--epochs 10]

- NER alone: SciERC dev Method spans; TDMSci Dataset spans on a held-out fifth of
  TDMSci train (the other four fifths train; its test split is not shared).
- Pipeline: kg eval on ../shared/eval/seed-gold-dev.jsonl, rules only vs rules + NER
  candidates (rule ``model.ner``).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from kg.extract.ner import read_scierc, read_tdmsci, span_scores, train_ner

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    scierc_train, scierc_dev = read_scierc(EVAL / "scierc" / "train.json"), read_scierc(EVAL / "scierc" / "dev.json")
    tdmsci = read_tdmsci(EVAL / "tdmsci" / "train_1500_v2.conll")
    random.Random(0).shuffle(tdmsci)
    cut = len(tdmsci) * 4 // 5
    start = time.perf_counter()
    nlp = train_ner(scierc_train + tdmsci[:cut], epochs=args.epochs)
    print(f"trained on {len(scierc_train) + cut} sentences in {time.perf_counter() - start:.0f}s")
    print("SciERC dev Method      P=%.3f R=%.3f F1=%.3f" % span_scores(nlp, scierc_dev, "METHOD"))
    print("TDMSci held-out Dataset P=%.3f R=%.3f F1=%.3f" % span_scores(nlp, tdmsci[cut:], "DATASET"))
    from kg.evaluate import read_gold, score_rows
    from kg.extract.extractor import extract_papers
    from kg.extract.lexicon import load_lexicon
    from kg.extract.resolve import resolve_entities
    from kg.graph import make_graph
    from kg.loaders import load_paths
    from kg.merge import merge_records
    from kg.paper_rows import paper_rows

    papers = merge_records(load_paths([EVAL.parent / "seeds"]).records)
    gold = read_gold(EVAL / "seed-gold-dev.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        nlp.to_disk(tmp)
        for name, model in (("rules only", None), ("rules + NER", tmp)):
            start = time.perf_counter()
            extractions = extract_papers(papers, ner_model=model)
            seconds = time.perf_counter() - start
            G = make_graph(papers, extractions, resolve_entities(extractions, load_lexicon()))
            report = score_rows(gold, paper_rows(G))
            scores = "  ".join(f"{c} {s.f1:.3f}" for c, s in report.overall.items())
            print(f"{name:12} {scores}  ({seconds:.1f}s for {len(papers)} papers)")


if __name__ == "__main__":
    main()
