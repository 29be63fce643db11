"""The NER component trains on the public corpora's train splits and plugs into the pipeline."""

from __future__ import annotations

import re

import pytest

from kg.extract.extractor import extract_paper, make_nlp
from kg.extract.ner import read_scierc, read_tdmsci, span_scores, train_ner
from kg.model import Paper
from tests.conftest import SHARED

EVAL = SHARED / "eval"


def test_corpora_readers():
    scierc = read_scierc(EVAL / "scierc" / "dev.json")
    assert scierc and all(0 <= s <= e < len(x.tokens) for x in scierc for s, e, _ in x.spans)
    assert any(x.spans for x in scierc)
    tdmsci = read_tdmsci(EVAL / "tdmsci" / "train_1500_v2.conll")
    assert len(tdmsci) == 1523
    assert sum(len(x.spans) for x in tdmsci) > 300


def test_a_corpus_file_of_the_wrong_kind_is_named_with_its_line(tmp_path):
    """The two files swapped (or any other file) give `file:line: reason`, not json's bare message."""
    conll, scierc = tmp_path / "train.conll", tmp_path / "train.json"
    conll.write_text("We\t0\tO\nuse\t3\tO\nImageNet\t7\tB-DATASET\n", encoding="utf-8")
    scierc.write_text('{"sentences": [["We", "use", "BERT"]], "ner": [[[2, 2, "Method"]]]}\n', encoding="utf-8")
    assert read_scierc(scierc)[0].spans == [(2, 2, "METHOD")] and read_tdmsci(conll)[0].spans == [(2, 2, "DATASET")]
    with pytest.raises(ValueError, match=rf"^{re.escape(str(conll))}:1: not a SciERC"):
        read_scierc(conll)
    with pytest.raises(ValueError, match=rf"^{re.escape(str(scierc))}:1: not a TDMSci"):
        read_tdmsci(scierc)


@pytest.mark.slow
def test_train_small_model_and_use_it_in_the_pipeline(tmp_path):
    tdmsci = read_tdmsci(EVAL / "tdmsci" / "train_1500_v2.conll")
    train = [s for s in tdmsci if s.spans][:150]
    untrained = train_ner(train[:1], epochs=1)
    nlp = train_ner(train, tmp_path / "ner", epochs=10)
    p, r, f = span_scores(nlp, train, "DATASET")
    # it learned something on what it saw (measured: F1 0.19 here; 0.47 on held-out data with the full corpora)
    assert f > 0.1 and f > span_scores(untrained, train, "DATASET")[2], (p, r, f)
    pipeline = make_nlp(ner_model=tmp_path / "ner")
    assert pipeline.pipe_names == ["sentencizer", "ner", "kg_mentions"]
    text = " ".join(train[0].tokens)
    extraction = extract_paper(Paper(id="t", title="Untitled", abstract=text, sources=["x"]), pipeline)
    assert all(m.rule for m in extraction.mentions)
