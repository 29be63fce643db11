"""Words per second of the rule extraction alone (no loading, no export).

    python bench/bench_extract.py [--papers 10000] [--ner-model DIR]

Abstracts come from ../shared (seeds + arXiv corpus), repeated up to --papers.
Runs on one core (the pipeline is single-threaded).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract.extractor import extract_paper, make_nlp
from kg.loaders import load_paths
from kg.merge import merge_records

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--ner-model", help="a model from 'kg train-ner', to measure the NER path")
    args = parser.parse_args()
    base = merge_records(load_paths([SHARED / "seeds", SHARED / "corpora"]).records)
    papers = [base[i % len(base)] for i in range(args.papers)]
    words = sum(len(f"{p.title} {p.abstract or ''} {p.abstract_zh or ''}".split()) for p in papers)
    nlp = make_nlp(ner_model=args.ner_model)
    start = time.perf_counter()
    for paper in papers:
        extract_paper(paper, nlp)
    seconds = time.perf_counter() - start
    path = "rules + NER" if args.ner_model else "rules only"
    print(f"{len(papers)} papers, {words:,} words in {seconds:.1f}s: {words / seconds:,.0f} words/s ({path})")


if __name__ == "__main__":
    main()
