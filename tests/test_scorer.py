"""The method scorer: shipped weights on clear cases both ways, through the real pipeline, and
deterministic training (bench/train_scorer.py's fit on real extracted candidates)."""

from __future__ import annotations

import json

import pytest

from kg.extract import scorer
from kg.extract.extractor import extract_paper, make_nlp
from kg.model import Paper


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def _scored(nlp, title: str, abstract: str) -> tuple[dict[str, float], list[str], list[str]]:
    scored: list = []
    rejected: list[tuple[str, str]] = []
    ex = extract_paper(Paper(id="paper:test", title=title, abstract=abstract), nlp, rejected=rejected, scored=scored)
    return {name: p for name, _, _, p in scored}, [m.name for m in ex.mentions], \
        [text for rule, text in rejected if rule == "reject.scorer"]


def test_own_title_name_and_known_methods_are_kept_with_their_probability_as_confidence(nlp):
    probs, kept, dropped = _scored(nlp, "Zorblax: Stitching Partial Plans",
                                   "We propose Zorblax, a planner that stitches partial plans with LoRA. "
                                   "Zorblax outperforms PlanNet-2 on every instance.")
    assert probs["Zorblax"] > 0.9 and probs["LoRA"] > 0.9
    assert {"Zorblax", "LoRA"} <= set(kept) and not dropped
    ex = extract_paper(Paper(id="paper:test", title="Zorblax: Stitching Partial Plans",
                             abstract="We propose Zorblax, a planner that stitches partial plans with LoRA."), nlp)
    lora = next(m for m in ex.mentions if m.name == "LoRA")
    assert lora.confidence == round(probs["LoRA"], 3)


@pytest.mark.parametrize("abstract, name", [
    ("We measure power with a DSP and an FPGA board; the ADC samples at 1 MHz.", "ADC"),
])
def test_hardware_and_task_words_are_dropped(nlp, abstract, name):
    probs, kept, dropped = _scored(nlp, "A study", abstract)
    assert probs[name] < scorer.threshold()
    assert name in dropped and name not in kept


def test_weights_file_is_well_formed():
    from importlib import resources

    model = json.loads((resources.files("kg.extract") / "data" / "scorer.json").read_text(encoding="utf-8"))
    assert 0.0 < model["threshold"] < 1.0
    assert model["weights"]["gazetteer"] > 0 and model["weights"]["rule:title.head"] > 0
    assert all(isinstance(v, float) for v in model["weights"].values())


def test_training_is_deterministic(nlp):
    pytest.importorskip("sklearn")
    from bench.train_scorer import _fit, _weights

    papers = [
        ("Zorblax: Stitching Partial Plans", "We propose Zorblax, a planner using LoRA and PlanNet-2. It runs on an ADC."),
        ("A study", "The planner is tested on the task of Symbolic Regression (SR) with Adam and FooNet-3."),
        ("Quillnet: Fast Plans", "We introduce Quillnet. Quillnet beats GPT-4 on the Orbix-9 chip with a DSP."),
    ]
    rows = []
    for i, (title, abstract) in enumerate(papers):
        scored: list = []
        extract_paper(Paper(id=f"paper:{i}", title=title, abstract=abstract), nlp, scored=scored)
        rows += [(f"p{i}", feats, int(name not in ("ADC", "Symbolic Regression", "Orbix-9", "DSP")), 1.0, name)
                 for name, _, feats, _ in scored]
    assert {r[2] for r in rows} == {0, 1}
    first, second = _weights(*_fit(rows)), _weights(*_fit(list(rows)))
    assert first == second and first


def test_sentence_initial_capital_does_not_hide_a_lowercase_gazetteer_method(nlp):
    ex = extract_paper(Paper(id="paper:test", title="A study",
                             abstract="Knowledge distillation shrinks the planner without losing accuracy."), nlp)
    found = {m.name: m for m in ex.mentions}
    assert "Knowledge distillation" in found and found["Knowledge distillation"].rule == "gazetteer.lowercase"


@pytest.mark.parametrize(("name", "aliases", "sentence", "feature"), [
    ("Vision-Speech-Motion", ["VSM"], "We study Vision-Speech-Motion (VSM) models for robots.", "hyphens:2+"),
    ("Vision-Speech-Motion", ["VSM"], "We study Vision-Speech-Motion (VSM) models for robots.", "def_then:models"),
    ("Tarn-Router", ["TR"], "The Tarn-Router (TR) module routes each query.", "def_then:module"),
    ("Neurofuzzy", ["NF"], "Neurofuzzy (NF) reasoning is old.", "defined_one_word"),
    ("in-memory computing", ["IMC"], "It relies on in-memory computing (IMC) chips.", "defined_lower"),
    ("Ridge Alignment Unit", ["RAU"], "Planners use a Ridge Alignment Unit (RAU).", "defined_title_case"),
    ("QER", [], "It reaches 0.094 QER on the test split.", "after_number"),
    ("Massive activations", [], "Massive activations appear in layer two.", "plural_head"),
    ("Brain-to-Text", [], "We decode Brain-to-Text signals.", "to_compound"),
    ("KnitFusion", [], "Recent methods such as KnitFusion merge adapters.", "before:such_as"),
])
def test_new_evidence_features_fire(name, aliases, sentence, feature):
    assert feature in scorer.features(name, aliases, "pattern.name", False, sentence, 1, "", False)


def test_features_stay_off_for_names_they_do_not_describe():
    feats = scorer.features("Quill-3 Gaussians", [], "pattern.name", False, "It builds on Quill-3 Gaussians.", 1, "",
                            False, generic_head=True)
    assert "plural_head" not in feats  # a digit makes it a name
    feats = scorer.features("KnitFlow Transformer", [], "pattern.name", False, "We use KnitFlow Transformer.", 1, "",
                            False, generic_head=True)
    assert "generic_head" not in feats  # an inner capital makes it a name
    feats = scorer.features("Heterogeneous AI", [], "pattern.name", False, "Heterogeneous AI is here.", 1, "", False,
                            generic_head=True)
    assert "generic_head" in feats
    assert "before:as" not in scorer.features("KnitFusion", [], "pattern.name", False,
                                              "Recent methods such as KnitFusion merge adapters.", 1, "", False)
    assert "defined_one_word" not in scorer.features("Tarn-Router", ["TR"], "acronym.definition", False,
                                                     "The Tarn-Router (TR) module routes each query.", 1, "", False)
    assert "defined_title_case" not in scorer.features("Ridge alignment unit", ["RAU"], "acronym.definition", False,
                                                       "Planners use a Ridge alignment unit (RAU).", 1, "", False)


def test_threshold_ties_go_to_precision():
    pytest.importorskip("sklearn")
    from bench.train_scorer import TIE, _best_threshold

    # two papers; a flat F1 curve: the highest threshold within TIE of the best is taken
    rows = [(f"gold:p{i % 2}", {"bias": 1.0, "x": float(i % 3)}, int(i % 3 != 0), 1.0, f"n{i}") for i in range(40)]
    threshold, curve = _best_threshold(rows, sum(r[2] for r in rows))
    top = max(row[3] for row in curve)
    assert next(row for row in curve if row[0] == threshold)[3] >= top - TIE
    assert all(row[3] < top - TIE for row in curve if row[0] > threshold)
