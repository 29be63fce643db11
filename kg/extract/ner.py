"""A statistical NER component for Method and Dataset mentions (``kg train-ner``).

Trained only on the train splits of two public corpora: SciERC (``Method``
spans) and TDMSci (``DATASET`` spans), with spaCy's own NER on a blank English
pipeline (no pretrained vectors, nothing downloaded). ``kg.extract.extractor``
can add its spans as candidates (rule ``model.ner``); ``bench/ner_compare.py``
measures whether that pays.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Sentence", "read_scierc", "read_tdmsci", "train_ner", "span_scores", "LABELS"]

LABELS = ("METHOD", "DATASET")
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


@dataclass
class Sentence:
    tokens: list[str]
    spans: list[tuple[int, int, str]]  # token start, token end (inclusive), label


def read_scierc(path: str | Path) -> list[Sentence]:
    """SciERC (DyGIE format): one abstract a line, spans over document token offsets."""
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        try:
            doc = json.loads(line)
            pairs = list(zip(doc["sentences"], doc["ner"]))
        except (ValueError, LookupError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a SciERC (DyGIE) line: {type(exc).__name__}: {exc}") from None
        offset = 0
        for tokens, spans in pairs:
            out.append(Sentence([_PTB.get(t, t) for t in tokens],
                                [(s - offset, e - offset, "METHOD") for s, e, label in spans if label == "Method"]))
            offset += len(tokens)
    return out


def read_tdmsci(path: str | Path) -> list[Sentence]:
    """TDMSci CoNLL: ``token<TAB>offset<TAB>BIO`` lines, blank line between sentences."""
    out: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for number, line in enumerate([*Path(path).read_text(encoding="utf-8").splitlines(), ""], start=1):
        if line.strip():
            if line.count("\t") != 2:
                raise ValueError(f"{path}:{number}: not a TDMSci line (token<TAB>offset<TAB>BIO tag)")
            token, _, tag = line.split("\t")
            tokens.append(token)
            tags.append(tag)
            continue
        if tokens:
            spans, start = [], None
            for i, tag in enumerate([*tags, "O"]):
                if start is not None and tag != "I-DATASET":
                    spans.append((start, i - 1, "DATASET"))
                    start = None
                if tag == "B-DATASET":
                    start = i
            out.append(Sentence(tokens, spans))
        tokens, tags = [], []
    return out


def _example(nlp, sentence: Sentence):  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc, Span
    from spacy.training import Example
    from spacy.util import filter_spans

    doc = Doc(nlp.vocab, words=sentence.tokens)
    reference = Doc(nlp.vocab, words=sentence.tokens)
    # SciERC nests spans; an NER tags one layer, so the longest span of a nest is kept
    reference.ents = filter_spans([Span(reference, s, e + 1, label=label) for s, e, label in sentence.spans])
    return Example(doc, reference)


def train_ner(train: list[Sentence], output: str | Path | None = None, epochs: int = 10, seed: int = 0):  # type: ignore[no-untyped-def]
    """Train spaCy's NER on ``train`` and return the pipeline (saved to ``output`` if given)."""
    import spacy
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    examples = [_example(nlp, s) for s in train]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    if output is not None:
        nlp.to_disk(output)
    return nlp


def span_scores(nlp, sentences: Iterable[Sentence], label: str) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Exact-span precision, recall and F1 of ``label`` on ``sentences``."""
    from spacy.tokens import Doc

    tp = fp = fn = 0
    for s in sentences:
        doc = nlp(Doc(nlp.vocab, words=s.tokens))
        pred = {(e.start, e.end - 1) for e in doc.ents if e.label_ == label}
        gold = {(a, b) for a, b, lab in s.spans if lab == label}
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
