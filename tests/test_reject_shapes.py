"""The rejection classes added for unseen papers: each drops its shape and keeps the names beside it."""

import pytest

from kg.extract.reject import rejection


@pytest.mark.parametrize(("text", "why"), [
    ("RFC 7519", "reject.standard"),
    ("ISO 27001", "reject.standard"),
    ("PKCE", "reject.standard"),
    ("Single-Sign-On", None),  # a spelled-out phrase is left to the other rules
    ("EOS", "reject.standard"),
    ("Zorblax Cup 2031", "reject.standard"),
    ("Quarrow Challenge 2029", "reject.standard"),
    ("2031Q2", "reject.number"),
    ("W8A8", "reject.number"),
    ("HTTP 404s", "reject.number"),
    ("LLM-planner", "reject.role"),
    ("RL-controller", "reject.role"),
    ("Partially Observable Markov Decision Process", "reject.concept"),
    ("Directed Acyclic Graphs", "reject.concept"),
    ("Generalized Anxiety Disorder", "reject.concept"),
    ("Quorix Score", "reject.metric"),
    ("FairnessScore", "reject.metric"),
    ("3D MRI", "reject.modality"),
    ("Resting-state EEG", "reject.modality"),
    ("U-shaped KANs", "reject.fragment"),
    ("Chinese-English", "reject.language"),
    ("Urdu-to-English", "reject.language"),
    ("Persian-Arabic SMT", "reject.language"),
])
def test_a_shape_is_rejected_with_its_class(text, why):
    assert rejection(text) == why


@pytest.mark.parametrize("text", [
    "BERT-base", "T5-large", "H3-attention", "DPO-tuning", "LLM-as-a-Judge", "Gaussian Process",
    "Graph Neural Networks", "MLP-mixers", "Hyperbolic Learning on Brain Graphs", "SNOMED CT", "Constitutional AI", "Simplified Digestive Cancer", "GPT-4", "fastMRI",
    "Czech-English WMT",
])
def test_names_beside_those_shapes_are_kept(text):
    assert rejection(text) is None


def test_a_name_cut_before_a_slash_and_digits_is_a_fragment():
    sentence = "We fine-tune ViT-B/16 and a CNN/LSTM hybrid."
    at = sentence.index("ViT-B")
    assert rejection("ViT-B", sentence, at, at + 5) == "reject.fragment"
    at = sentence.index("CNN")
    assert rejection("CNN", sentence, at, at + 3) is None


def test_units_after_a_number_include_millijoules():
    assert rejection("mJ") == "reject.unit"
