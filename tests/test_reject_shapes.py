"""The rejection classes added for unseen papers: each drops its shape and keeps the names beside it."""

import pytest

from kg.extract.extractor import extract_paper, make_nlp
from kg.extract.reject import lowercase_long_form_ok, rejection
from kg.model import Paper


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
    # session 5: shapes of the held-out tuning gold's false positives, with invented names
    ("QoRTs", "reject.class_word"),  # a plural of a name with inner capitals: a class of things
    ("dXLMs", "reject.class_word"),
    ("Zorblax Security Advisory", "reject.standard"),  # documents and rule books
    ("Quarrow Incident Bulletins", "reject.standard"),
    ("Tarnby AI Act", "reject.standard"),
    ("DSM-5-TR", "reject.standard"),
    ("ICD-11", "reject.standard"),
    ("Zorblax OS", "reject.organisation"),  # an operating system is a platform
    ("Vision-Language-Action", "reject.modality"),  # a combination of modalities or streams
    ("Audio-Visual", "reject.modality"),
    ("Key-Value", "reject.modality"),
    ("LTLf", "reject.language"),  # a formal logic
    ("speech enhancement", "reject.task"),
    ("HPC", "reject.task"),  # a field
    ("Edge-AI", "reject.task"),
    ("Catastrophic Forgetting", "reject.concept"),  # a phenomenon of training, not a technique
    ("Mode Collapse", "reject.concept"),
    ("Reward Hacking", "reject.concept"),
    ("Covariate Shift", "reject.concept"),
    ("Cortex-M4", "reject.organisation"),  # processors and cloud platforms
    ("Xeon Gold 6248", "reject.organisation"),
    ("Azure", "reject.organisation"),
    # session 5, held-out 2 as tuning data: bands, rank cut-offs, modalities written out, language varieties
    ("X-band SAR", "reject.unit"),
    ("Ku-band", "reject.unit"),
    ("sub-6 GHz", "reject.unit"),
    ("Top-2", "reject.number"),
    ("Top-k", "reject.number"),
    ("Electroencephalography", "reject.modality"),
    ("Optical Coherence Tomography", "reject.modality"),
    ("Modern Standard Arabic", "reject.language"),
    ("Field-Programmable Gate Arrays", "reject.organisation"),
    ("ReRAM", "reject.organisation"),  # memory devices, hardware blocks, positioning hardware
    ("LUT", "reject.organisation"),
    ("GPS", "reject.organisation"),
    ("JSON-RPC 2.0", "reject.standard"),  # protocols, API styles, reporting guidelines
    ("CRUD", "reject.standard"),
    ("PRISMA-ScR", "reject.standard"),
    ("Value-at-Risk", "reject.metric"),
    ("GeoAI", "reject.task"),
    ("ROI", "reject.task"),
    ("COVID-19", "reject.concept"),  # a pathogen or an epidemic
    ("SARS-CoV-2", "reject.concept"),
    ("QuorraExtraction-F1", "reject.metric"),  # a score named after its task
    ("Zorblax-ROUGE-L", "reject.metric"),
    # session 6: shapes of the tuning golds' false positives, with invented names
    ("KID-20k", "reject.metric"),  # a metric with its sample count
    ("NDCG-10", "reject.metric"),
    ("Host-NPU", "reject.organisation"),  # a processor pair or path: hardware
    ("CPU-GPU", "reject.organisation"),
    ("Zorvik-GPU", None),  # a name before a processor word stays (a dataset, a kernel)
    ("sub-20M-parameter", "reject.number"),  # a bounded count
    ("over-100B", "reject.number"),
    ("continuous-time Markov chain", "reject.concept"),  # a stochastic process as a formal object
    ("hidden Markov process", "reject.concept"),
    ("Uncertainty Quantification", "reject.task"),  # a field of study
    ("Operations Research", "reject.task"),
    ("centered kernel alignment", "reject.metric"),  # a representation-similarity measure
    ("isoFLOPs", "reject.metric"),
    ("Standard Operating Procedure", "reject.standard"),  # a document
    # session 6: junk of the whole corpus's output
    ("zorblax2031graph", "reject.fragment"),  # a BibTeX citation key left in the text
    ("PArameter", "reject.fragment"),  # capitals that spell an acronym inside its long form
    ("2.5-4times", "reject.number"),
    ("4.2sigma", "reject.unit"),
    ("keV", "reject.unit"),
    ("lesssim2d", "reject.number"),  # a LaTeX word glued to a number
    ("Zorblax Investigators Meeting", "reject.organisation"),  # an event
    ("Q4Ms", "reject.class_word"),  # a plural acronym with a digit
    ("Python 3.12", "reject.language"),  # a language's or a platform's release
    ("Ubuntu 24.04", "reject.organisation"),
    ("OpenAPI 4.1.0", "reject.standard"),
    ("xleq12", "reject.number"),  # a LaTeX relation glued to its sides
    ("HSM", "reject.organisation"),  # security hardware
    ("3D HPE", "reject.task"),
    ("multi-objective optimization", "reject.task"),
    ("L1", "reject.metric"),  # a norm used as a measure
    ("Zorblax Assessment Report", "reject.standard"),  # documents
    ("Unmanned Aerial Vehicle", "reject.organisation"),  # a vehicle is hardware
    ("Plan Adherence Factor", "reject.metric"),
])
def test_a_shape_is_rejected_with_its_class(text, why):
    assert rejection(text) == why


@pytest.mark.parametrize("text", [
    "BERT-base", "T5-large", "H3-attention", "DPO-tuning", "LLM-as-a-Judge", "Gaussian Process",
    "Graph Neural Networks", "MLP-mixers", "Hyperbolic Learning on Brain Graphs", "SNOMED CT", "Constitutional AI", "Simplified Digestive Cancer", "GPT-4", "fastMRI",
    "Czech-English WMT",
    "QoRT", "NeuS", "LoRA", "Temporal Shift Module", "Quarrow Drift Guidance", "Mixture-of-Experts", "Vision-Mamba", "Zorblax Act-Planner", "ReAct",
    "Top-Down Zorblax", "Band-Split RNN", "Arabic-BERT", "Zorblax Arabic",
    "Markov Chain Monte Carlo", "ResNet-50", "Zorblax-7B", "FooGPU", "QoRT2031", "FiLM", "DEmo",
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


@pytest.mark.parametrize(("long_form", "ok"), [
    ("design space exploration", False),
    ("in-memory computing", False),
    ("blind image restoration", False),  # fields and tasks
    ("computational neuroscience", False),
    ("physical-layer authentication", False),
    ("adaptive Fourier decomposition", True),
    ("rotary positional encoding", True),
])
def test_a_lowercase_long_form_with_a_field_head_is_no_technique(long_form, ok):
    assert lowercase_long_form_ok(long_form) is ok


def _rejected(abstract: str) -> tuple[list[str], list[tuple[str, str]]]:
    rejected: list[tuple[str, str]] = []
    ex = extract_paper(Paper(id="paper:test", title="A study", abstract=abstract), make_nlp(), rejected=rejected)
    return [m.name for m in ex.mentions], rejected


def test_an_acronym_after_a_score_is_its_metric_even_when_the_gazetteer_knows_a_method():
    kept, rejected = _rejected("Its encoder is pretrained with MAE on images. "
                               "The planner reaches 0.094 MAE and 12.5% QER, scoring best on QER.")
    assert ("reject.metric", "MAE") in rejected and ("reject.metric", "QER") in rejected
    assert "QER" not in kept  # nor later in the paper as data ("best on QER")
    assert "MAE" in kept  # "pretrained with MAE": the method, named before the score


def test_a_name_after_the_task_of_is_a_task():
    kept, rejected = _rejected("The planner is tested on the task of Symbolic Regression (SR) and on the problem "
                               "of Graph Knotting for physics data.")
    assert ("reject.task", "Symbolic Regression") in rejected and ("reject.task", "Graph Knotting") in rejected
    assert "Symbolic Regression" not in kept and "Graph Knotting" not in kept


def test_a_name_right_before_metric_is_a_metric():
    kept, rejected = _rejected("We apply the QZR metric to forty planners and rank them with GraphKnit.")
    assert ("reject.metric", "QZR") in rejected and "QZR" not in kept
    assert "GraphKnit" in kept


def test_a_one_word_adjectival_long_form_is_a_kind_not_a_technique():
    kept, rejected = _rejected("Holographic (HoLo) planning joins search with GraphKnit (GK) layers.")
    assert ("reject.concept", "Holographic") in rejected and "Holographic" not in kept
    assert "GraphKnit" in kept


def test_a_sentence_initial_long_form_in_lower_case_is_read_as_lower_case():
    kept, rejected = _rejected("Orbital embeddings (OE) encode token order. Spectral knot pruning (SKP) removes "
                               "weights of the planner.")
    assert ("reject.concept", "Orbital embeddings") in rejected and "Orbital embeddings" not in kept
    assert "Spectral knot pruning" in kept  # a technique head keeps it


def test_a_task_in_one_language_is_a_task():
    kept, rejected = _rejected("GraphKnit improves Tamil NER and Urdu speech recognition over strong baselines.")
    assert ("reject.task", "Tamil NER") in rejected
    assert "Tamil NER" not in kept and "GraphKnit" in kept


def test_a_lexical_resource_is_data_not_a_method():
    from kg.model import EntityType

    ex = extract_paper(Paper(id="paper:test", title="A study", abstract="GraphKnit links senses with WordNet and "
                             "ConceptNet before ranking."), make_nlp())
    kinds = {m.name: m.type for m in ex.mentions}
    assert kinds["WordNet"] is EntityType.DATASET and kinds["ConceptNet"] is EntityType.DATASET


def test_a_known_method_before_an_adjectival_suffix_is_used():
    nlp = make_nlp()
    paper = Paper(id="t", title="Zorblax clustering",
                  abstract="This paper introduces Zorblax, a Mamba-based deep clustering framework for time series.")
    names = {m.name for m in extract_paper(paper, nlp).mentions}
    assert "Mamba" in names
    paper = Paper(id="t", title="Zorblax clustering",
                  abstract="This paper introduces Zorblax, a Quorrel-based deep clustering framework for time series.")
    assert "Quorrel" not in {m.name for m in extract_paper(paper, nlp).mentions}  # unknown: the suffix rule still needs two capitals


def test_a_word_split_at_a_line_break_is_joined_again():
    from kg.extract.extractor import _dehyphenate

    assert _dehyphenate("neural machine trans- lation (NMT)") == "neural machine translation (NMT)"
    assert _dehyphenate("pre- and post-training") == "pre- and post-training"
    assert _dehyphenate("self- supervised") == "self- supervised"


def test_a_name_before_p_values_is_a_statistical_test():
    sentence = "Exact Zorblax p-values below 0.01 confirm the gain of the planner."
    assert rejection("Exact Zorblax", sentence, 0) == "reject.metric"


def test_a_size_before_a_name_is_not_part_of_it():
    """ "a 31.7M-parameter FooNet-3 run": the size is dropped and the name kept (before, the whole span was)."""
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="For a 31.7M-parameter CIFAR-10 trial, "
                             "the planner trains a 7B-parameter Quorvex-2 policy."), nlp)
    names = {m.name: m.type.value for m in ex.mentions}
    assert names.get("CIFAR-10") in ("Benchmark", "Dataset")
    assert names.get("Quorvex-2") == "Method"
    assert not any("parameter" in n for n in names)


def test_a_year_edition_of_known_data_is_that_data():
    """ "AIME26", "AIME 2031": an edition of a gazetteer benchmark; never of a method ("GPT35" stays GPT-3.5)."""
    from kg.extract.lexicon import load_lexicon

    lexicon = load_lexicon()
    for edition in ("AIME31", "AIME 2031", "AIME'31"):
        entry = lexicon.lookup(edition)
        assert entry is not None and entry.name == "AIME"
    assert lexicon.lookup("Zorblax31") is None
    assert lexicon.lookup("GPT35").name == "GPT-3.5"


def test_a_lower_case_technique_before_a_plural_kind_is_a_modifier():
    """ "in-context learning models", "chain-of-thought traces": a kind of thing, not the technique itself."""
    nlp = make_nlp()

    def names(text):
        return {m.name.lower() for m in extract_paper(Paper(id="p:1", title="A study", abstract=text), nlp).mentions}

    assert "in-context learning" not in names("We prune small in-context learning models before the planner runs.")
    assert "chain-of-thought" not in names("The gate stops verbose chain-of-thought traces before step five.")
    assert "in-context learning" in names("The planner improves with in-context learning on long maps.")


def test_a_mapping_needs_a_cue_and_a_named_cohort_is_data():
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="The planner lifts 2D-to-3D keypoints and is "
                             "evaluated on a biopsy-confirmed QRT9k cohort. We propose Depth-to-Plan, a planner."), nlp)
    names = {m.name: m.type.value for m in ex.mentions}
    assert "2D-to-3D" not in names
    assert names.get("QRT9k") == "Dataset"
    assert names.get("Depth-to-Plan") == "Method"  # a cue makes the mapping a name


def test_a_known_name_that_goes_on_in_lower_case_is_found_whole():
    """ "Monte Carlo simulation", "Tucker decomposition": capitalised words, then the lower-case head; a lower-case
    name whose first word ends like an adjectival suffix ("quantization-aware training") is found too."""
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="The planner is checked by Monte Carlo simulation "
                             "and compressed with a Tucker decomposition after quantization-aware training."), nlp)
    names = {m.name for m in ex.mentions}
    assert {"Monte Carlo simulation", "Tucker decomposition", "quantization-aware training"} <= names
    assert "Monte Carlo" not in names


def test_a_release_number_makes_capitalised_words_a_name_and_a_size_makes_one_word_one():
    """ "Zorvik Opus 4.8", "Quarrel 2.5", "Zorvik 1.4B": model names without a cue; a score is no release
    ("Spearman 0.302"), nor is a common word's number ("Industry 4.0")."""
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="Answers of Zorvik Opus 4.8 and Quarrel 2.5 are "
                             "compared with Zorvik 1.4B. The planner reaches Spearman 0.302 in Industry 4.0 plants."), nlp)
    names = {m.name: m.rule for m in ex.mentions}
    assert names.get("Zorvik Opus 4.8") == "pattern.versioned_name"
    assert names.get("Quarrel 2.5") == "pattern.versioned_name"
    assert names.get("Zorvik 1.4B") == "pattern.sized_name"
    assert not any(n.startswith(("Spearman", "Industry")) for n in names)


def test_a_title_case_component_with_an_artefact_head_is_a_method():
    """ "a Quorvex Abstraction Engine", "an Episodic Lattice Memory": Title Case words then a component head, parts
    of the paper's own system (cue.artefact)."""
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="We present Zorblax, a planning agent. Our agent "
                             "consists of a Quorvex Abstraction Engine for parsing and an Episodic Lattice Memory for "
                             "recall."), nlp)
    names = {m.name for m in ex.mentions}
    assert {"Quorvex Abstraction Engine", "Episodic Lattice Memory"} <= names


def test_a_patch_size_or_a_version_pair_after_a_slash_stays_in_the_name():
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="We fine-tune QoViT-B/16 and ZorAttention-2/3 "
                             "kernels next to a CNN/LSTM hybrid."), nlp)
    names = {m.name for m in ex.mentions}
    assert {"QoViT-B/16", "ZorAttention-2/3"} <= names
    assert "QoViT-B" not in names


def _types(abstract: str) -> dict[str, str]:
    """name → type of every mention the rules find in a paper with this abstract."""
    ex = extract_paper(Paper(id="p:1", title="A study", abstract=abstract), make_nlp())
    return {m.name: m.type.value for m in ex.mentions}


def test_a_known_owner_before_a_possessive_and_a_name_after_a_number_mapping_are_found():
    names = _types("Attacks follow AgentDojo's QuorvexAttack template; "
                   "the planner is checked with a 32-to-8 TinyStories probe.")
    assert names.get("AgentDojo") == "Benchmark"
    assert names.get("TinyStories") == "Dataset"
    assert "QuorvexAttack" in names


def test_a_known_acronym_defined_as_a_document_is_a_document():
    """The gazetteer knows a STaR method; "this systematic technology assessment report (STAR)" is still a document."""
    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="The goal of this systematic technology assessment report (STAR) is "
                             "to introduce the planner."), nlp)
    assert not ex.mentions


def test_an_opening_adverb_is_not_part_of_a_name_and_a_sky_survey_is_data():
    names = _types("Typically Zorblax-3 needs a reward model. The planner is checked on the Quorvex All-Sky Survey.")
    assert names.get("Zorblax-3") == "Method"
    assert names.get("Quorvex All-Sky Survey") in ("Dataset", "Benchmark")


def test_a_known_name_before_model_is_the_method_but_one_word_before_models_is_a_family():
    nlp = make_nlp()

    def names(text):
        return {m.name for m in extract_paper(Paper(id="p:1", title="A study", abstract=text), nlp).mentions}

    assert "Vision Transformer" in names("We compare ResNet and Vision Transformer models on the planner.")
    assert "Qwen" not in names("We probe Qwen models on the planner.")
    assert "Bayesian neural networks" in names("Baselines include Bayesian neural networks and the planner.")


def test_a_training_word_far_from_a_known_benchmark_leaves_it_a_benchmark():
    """A run-on sentence (a formula ended the previous one) trains something else far from the benchmark."""
    nlp = make_nlp()
    filler = "with a lower error on every one of the held-out splits and at every sampling budget " * 2
    ex = extract_paper(Paper(id="p:1", title="A study", abstract=f"In a CIFAR-10 comparison the planner wins {filler}"
                             "and a larger planner trained on web text wins too."), nlp)
    assert {m.name: m.type.value for m in ex.mentions}.get("CIFAR-10") == "Benchmark"
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="The planner is pretrained on CIFAR-10 images."), nlp)
    assert {m.name: m.type.value for m in ex.mentions}.get("CIFAR-10") == "Dataset"
