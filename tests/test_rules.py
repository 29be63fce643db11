"""Rule tests on short constructed sentences with spacy.blank (no model download)."""

from __future__ import annotations

import pytest

from kg.extract.acronyms import find_definitions
from kg.extract.extractor import extract_paper, make_nlp
from kg.model import EntityType, Paper, Predicate


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def _extract(nlp, abstract="", title="A Study", abstract_zh=None):
    paper = Paper(id="t:1", title=title, abstract=abstract, abstract_zh=abstract_zh, sources=["x:1"])
    ex = extract_paper(paper, nlp)
    return {m.name: m for m in ex.mentions}, ex.relations


def test_pipeline_is_blank_english_with_the_rule_component(nlp):
    assert nlp.lang == "en" and nlp.pipe_names == ["sentencizer", "kg_mentions"]


@pytest.mark.parametrize(
    "sentence,long_form,short",
    [
        ("We train a Process Reward Model (PRM) on it.", "Process Reward Model", "PRM"),
        ("using Monte Carlo Tree Search (MCTS) for search", "Monte Carlo Tree Search", "MCTS"),
        ("a score distillation sampling (SDS) loss", "score distillation sampling", "SDS"),
        ("large language models (LLMs) are popular", "large language models", "LLMs"),
        # the initials spell it, though "Optimization" alone holds o-p-o in order
        ("trained with Orbital Preference Optimization (OPO) later", "Orbital Preference Optimization", "OPO"),
    ],
)
def test_acronym_definitions(sentence, long_form, short):
    (found,) = list(find_definitions(sentence))
    assert found[2] == long_form and found[5] == short


def test_we_propose_names_the_papers_method(nlp):
    found, _ = _extract(nlp, "We propose Zorblax, a novel retrieval method. It builds on BERT.")
    assert found["Zorblax"].role is Predicate.PROPOSES and found["Zorblax"].rule == "cue.propose"
    assert found["BERT"].role is Predicate.USES


def test_a_name_after_for_in_or_within_in_the_propose_clause_is_not_proposed(nlp):
    found, _ = _extract(nlp, "We propose GraphKnit, a planner that routes traffic in TarnbyNet and schedules jobs "
                             "for QuarrowOS-2 clusters within ZephyrStack.")
    assert found["GraphKnit"].role is Predicate.PROPOSES
    for name in ("TarnbyNet", "QuarrowOS-2", "ZephyrStack"):  # where and what for, not the paper's own
        assert found[name].role is Predicate.USES


def test_recently_proposed_and_extended_names_in_the_propose_clause_are_prior_work(nlp):
    found, _ = _extract(nlp, "We propose GraphKnit, which builds on the recently proposed ZephyrFormer.")
    assert found["GraphKnit"].role is Predicate.PROPOSES and found["ZephyrFormer"].role is Predicate.USES
    found, _ = _extract(nlp, "We propose GraphKnit, a planner that extends KnotLM and QuarrowNet to maps.")
    assert found["KnotLM"].role is Predicate.USES and found["QuarrowNet"].role is Predicate.USES
    found, _ = _extract(nlp, "We introduce GraphKnit, which combines Tarnby Routing (TR) with Orbital Drift Guidance (ODG).")
    assert found["Tarnby Routing"].role is Predicate.PROPOSES  # "combines" joins the paper's own new parts


def test_called_and_dubbed(nlp):
    found, _ = _extract(nlp, "We design a sparse router, dubbed QuillNet, that uses LoRA adapters.")
    assert found["QuillNet"].role is Predicate.PROPOSES
    assert found["LoRA"].role is Predicate.USES


def test_title_head_is_proposed(nlp):
    found, _ = _extract(nlp, "Fernwick scales well.", title="Fernwick: Fast Sequence Models")
    assert found["Fernwick"].role is Predicate.PROPOSES and found["Fernwick"].rule == "title.head"


def test_acronym_links_later_mentions(nlp):
    found, _ = _extract(nlp, "We introduce Gated Lattice Attention (GLA). GLA is fast.")
    (m,) = [m for m in found.values() if "GLA" in m.aliases]
    assert m.name == "Gated Lattice Attention" and m.role is Predicate.PROPOSES


def test_benchmark_by_context_and_by_score(nlp):
    found, _ = _extract(nlp, "Our model reaches 71% accuracy on the Quexa benchmark and on GSM8K.")
    assert found["Quexa"].type is EntityType.BENCHMARK
    assert found["GSM8K"].type is EntityType.BENCHMARK


def test_dataset_word_and_introduces(nlp):
    found, _ = _extract(nlp, "We release Pondset, a dataset of 10k annotated maps.")
    assert found["Pondset"].type is EntityType.DATASET  # "a dataset of …": released data, not an evaluation suite
    assert found["Pondset"].introduced


def test_outperforms(nlp):
    _, rels = _extract(nlp, "We propose Zorblax. Zorblax outperforms GPT-4o and LLaMA on reasoning.")
    pairs = {(r.subject, r.object) for r in rels if r.predicate is Predicate.OUTPERFORMS}
    assert pairs == {("Zorblax", "GPT-4o"), ("Zorblax", "LLaMA")}


def test_generic_class_words_are_not_methods(nlp):
    found, _ = _extract(nlp, "Large Language Models (LLMs) and Deep Neural Networks are widely used. "
                              "We study LLMs.")
    assert not found


def test_chinese_cues_around_latin_names(nlp):
    found, rels = _extract(nlp, abstract_zh="我们提出了测试时偏好优化（Test-time Preference Optimization, TPO）。"
                                            "在 AlpacaEval 2 基准上，TPO 优于 Llama-3.1-70B-Instruct。")
    tpo = found["Test-time Preference Optimization"]
    assert tpo.role is Predicate.PROPOSES and tpo.aliases == ["TPO"]
    assert found["AlpacaEval 2"].type is EntityType.BENCHMARK
    assert any(r.predicate is Predicate.OUTPERFORMS for r in rels)


def test_urls_are_not_names(nlp):
    found, _ = _extract(nlp, "Code is at https://github.com/SomeOne/CoolRepo-V2.")
    assert not found


def test_title_head_of_a_dataset_paper_is_an_introduced_dataset(nlp):
    found, _ = _extract(nlp, "We release Marlin, a corpus of 3k dialogues.", title="Marlin: A Dialogue Dataset")
    assert found["Marlin"].type is EntityType.DATASET and found["Marlin"].introduced


def test_own_model_sizes_are_proposed_and_prior_work_is_used(nlp):
    found, _ = _extract(nlp, "We propose Quokka. Quokka-7B beats Llama 3. It extends our previously released WombatNet.",
                        title="Quokka: Small Models")
    assert found["Quokka-7B"].role is Predicate.PROPOSES
    assert found["WombatNet"].role is Predicate.USES


def test_plain_hyphen_word_needs_evidence():
    """A lone "Cap-Cap" / "low-Cap" word is dropped without a cue, but kept when cued, defined or built on a known name."""
    from kg.extract.extractor import extract_paper, make_nlp
    from kg.model import Paper

    nlp = make_nlp()

    def names(text: str) -> set[str]:
        return {m.name for m in extract_paper(Paper(id="p:1", title="A study", abstract=text), nlp).mentions}

    assert "Varga-Lindqvist" not in names("The planner stays stable under Varga-Lindqvist damping.")
    assert "non-Gaussian" not in names("The planner handles non-Gaussian noise well.")
    assert "Tarn-Router" in names("We propose Tarn-Router, a planner for small graphs.")
    assert "Tarn-Router" in names("The Tarn-Router (TR) module routes each query.")
    assert "Mamba-Falcon" in names("The planner is compared with Mamba-Falcon on long inputs.")


def test_preposition_never_starts_a_name():
    from kg.extract.extractor import extract_paper, make_nlp
    from kg.model import Paper

    ex = extract_paper(Paper(id="p:1", title="A study", abstract="Across Quill-4B and Tern-2, the planner is faster."),
                       make_nlp())
    names = {m.name for m in ex.mentions}
    assert "Quill-4B" in names and not any(n.startswith("Across") for n in names)


def test_lowercase_gazetteer_method_and_its_limits():
    """A gazetteer method written in lower case is found, also before "-based"; not inside a longer word."""
    from kg.extract.extractor import extract_paper, make_nlp
    from kg.model import Paper

    nlp = make_nlp()

    def rules_of(text: str) -> dict[str, str]:
        ex = extract_paper(Paper(id="p:1", title="A study", abstract=text), nlp)
        return {m.name.lower(): m.rule for m in ex.mentions}

    assert rules_of("The planner uses chain-of-thought-based hints.").get("chain-of-thought") == "gazetteer.lowercase"
    assert "speculative decoding" not in rules_of("The planner runs self-speculative decoding on one device.")
    assert "segment anything" not in rules_of("The planner can segment anything in the scene.")


def test_data_for_a_technique_keeps_the_technique_a_method():
    """ "SFT datasets": data made for a gazetteer technique, so SFT stays a method; a plain name stays data."""
    from kg.extract.extractor import extract_paper, make_nlp
    from kg.model import EntityType, Paper

    nlp = make_nlp()
    ex = extract_paper(Paper(id="p:1", title="A study", abstract="The planner is strong on fixed SFT datasets. "
                             "It is also trained on the Quillmark dataset."), nlp)
    types = {m.name: m.type for m in ex.mentions}
    assert types.get("SFT") is EntityType.METHOD
    assert types.get("Quillmark") is EntityType.DATASET


def test_latency_percentiles_are_metrics():
    from kg.extract.extractor import extract_paper, make_nlp
    from kg.model import Paper

    ex = extract_paper(Paper(id="p:1", title="A study", abstract="The planner cuts p95 and p99 latency of QuillServe-2 by half."),
                       make_nlp())
    assert {m.name for m in ex.mentions} == {"QuillServe-2"}


def test_a_name_the_title_uses_and_the_abstract_proposes_is_proposed(nlp):
    found, _ = _extract(nlp, "We propose QuillMark, a decoding rule that reweighs tokens.",
                        title="QuillMark the Tokens: Reweighing Decoding Steps")
    assert found["QuillMark"].role is Predicate.PROPOSES


def test_a_lowercase_title_head_with_an_inner_capital_is_proposed(nlp):
    found, _ = _extract(nlp, "The design keeps every stream busy.", title="zQuell: Wider Residual Streams")
    assert found["zQuell"].role is Predicate.PROPOSES and found["zQuell"].rule == "title.head"
    found, _ = _extract(nlp, "The design keeps every stream busy.", title="deep learning: a view")
    assert not found


def test_the_abstract_short_form_of_a_prefixed_title_head_is_the_head(nlp):
    found, _ = _extract(nlp, "We introduce Tarn v2, a small model trained on public text.",
                        title="QXL Tarn v2: An Open Model")
    assert found["QXL Tarn v2"].role is Predicate.PROPOSES and "Tarn v2" in found["QXL Tarn v2"].aliases
    assert "Tarn v2" not in found


def test_a_gerund_propose_cue_proposes(nlp):
    found, _ = _extract(nlp, "We close this gap by proposing BraidNet - a routing framework for sparse experts.")
    assert found["BraidNet"].role is Predicate.PROPOSES
    found, _ = _extract(nlp, "We start by introducing PlexRoute, a router that balances load.")
    assert found["PlexRoute"].role is Predicate.PROPOSES


def test_our_modified_class_noun_then_a_name_is_the_papers_own(nlp):
    found, _ = _extract(nlp, "Our lightweight input-side defense, Salt Ward, lowers attack success to 9%.")
    assert found["Salt Ward"].role is Predicate.PROPOSES and found["Salt Ward"].rule == "cue.named"
    found, _ = _extract(nlp, "We compare the results of our runs, Salt Ward and Kettle Point, on two maps.")
    assert "Salt Ward" not in found or found["Salt Ward"].role is not Predicate.PROPOSES


def test_title_case_words_between_our_and_a_class_noun_are_the_papers_own(nlp):
    found, _ = _extract(nlp, "Furthermore, our Drift Anchor algorithm keeps the trajectory smooth.")
    assert found["Drift Anchor"].role is Predicate.PROPOSES and found["Drift Anchor"].rule == "cue.our"
    found, _ = _extract(nlp, "Furthermore, the Drift Anchor algorithm keeps the trajectory smooth.")
    assert "Drift Anchor" not in found  # without "our" a Title Case phrase before a class noun is a description


def test_a_novel_thing_called_x_is_proposed_without_we(nlp):
    text = ("The contributions are (i) a fuzzy semantics and (ii) its use within a novel neurosymbolic framework, "
            "called KestrelLT, enabling scalable learning.")
    found, _ = _extract(nlp, text)
    assert found["KestrelLT"].role is Predicate.PROPOSES and found["KestrelLT"].rule == "cue.named"
    found, _ = _extract(nlp, "Earlier systems used a planner called KestrelLT for routing.")
    assert "KestrelLT" not in found or found["KestrelLT"].role is Predicate.USES


def test_a_hyphen_variant_of_the_papers_own_name_is_proposed(nlp):
    found, _ = _extract(nlp, "We further evaluate Zorblax-Sparse on larger graphs.", title="Zorblax: Stitching Partial Plans")
    assert found["Zorblax-Sparse"].role is Predicate.PROPOSES and found["Zorblax-Sparse"].rule == "own.variant"
    found, _ = _extract(nlp, "We further evaluate Quorix-Sparse on larger graphs.", title="Zorblax: Stitching Partial Plans")
    assert "Quorix-Sparse" not in found or found["Quorix-Sparse"].role is Predicate.USES


def test_the_resulting_model_named_is_the_papers_own(nlp):
    found, _ = _extract(nlp, "The resulting 7B model BriarChem matches far larger models on synthesis planning.")
    assert found["BriarChem"].role is Predicate.PROPOSES and found["BriarChem"].rule == "cue.named"
    found, _ = _extract(nlp, "The baseline model BriarChem matches far larger models on synthesis planning.")
    assert "BriarChem" not in found or found["BriarChem"].role is Predicate.USES


def test_a_name_the_proposal_uses_behind_a_hyphenated_modifier_is_not_proposed(nlp):
    found, _ = _extract(nlp, "We introduce KernBench, a benchmark that tests whether models use architecture-specific "
                             "VXQ instructions for kernel tuning.")
    assert "VXQ" not in found or found["VXQ"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We introduce a training-free KernTune, a decoder for kernel tuning.")
    assert found["KernTune"].role is Predicate.PROPOSES


def test_a_part_defined_after_combines_a_with_is_the_papers_own(nlp):
    text = ("We introduce tidal route shaping (TRS), which combines local queue pricing (LQP) with global slack "
            "borrowing (GSB) to balance the load.")
    found, _ = _extract(nlp, text)
    assert found["global slack borrowing"].role is Predicate.PROPOSES
    found, _ = _extract(nlp, "We introduce tidal route shaping (TRS), which is trained with global slack borrowing (GSB).")
    assert "global slack borrowing" not in found or found["global slack borrowing"].role is not Predicate.PROPOSES


def test_a_name_after_as_in_the_proposal_clause_is_what_it_is_modelled_as(nlp):
    found, _ = _extract(nlp, "We introduce PruneKit, a pruning framework that models expert routes as Gossel Walk "
                             "chains whose limits rank experts.")
    assert found["PruneKit"].role is Predicate.PROPOSES
    assert "Gossel Walk" not in found or found["Gossel Walk"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We introduce a pruning framework known as PruneKit for sparse experts.")
    assert found["PruneKit"].role is Predicate.PROPOSES


def test_names_the_proposal_relies_on_in_a_relative_clause_are_used(nlp):
    found, _ = _extract(nlp, "We propose a pruning framework for sparse routers, which leverages two planners, Quorix "
                             "and Vantel-2, as teachers.")
    for name in ("Quorix", "Vantel-2"):
        assert name not in found or found[name].role is Predicate.USES
    found, _ = _extract(nlp, "This work proposes a toolkit that repurposes a spare sensor board, Brimley-4X, for "
                             "feature extraction.")
    assert "Brimley-4X" not in found or found["Brimley-4X"].role is Predicate.USES
    # what the relative clause calls new stays the paper's own
    found, _ = _extract(nlp, "We propose GraphKnit, which uses a novel Ridge Stitching Unit (RSU) to merge plans.")
    assert found["Ridge Stitching Unit"].role is Predicate.PROPOSES


def test_names_a_proposal_relates_or_is_built_from_are_used(nlp):
    found, _ = _extract(nlp, "We draw links between KnotLM, QuarrowNet/TarnbyNet and Vantel Flow by rewriting "
                             "each loss as one sum.")
    for name in ("KnotLM", "QuarrowNet", "TarnbyNet"):
        assert name not in found or found[name].role is Predicate.USES
    found, _ = _extract(nlp, "We test the idea on a toy planner built from a layered KnotVAE-3 codec.")
    assert "KnotVAE-3" not in found or found["KnotVAE-3"].role is Predicate.USES
    found, _ = _extract(nlp, "We build GraphKnit from scratch for merging plans.")
    assert found["GraphKnit"].role is Predicate.PROPOSES


def test_a_name_modifying_the_unnamed_proposal_is_not_proposed(nlp):
    found, _ = _extract(nlp, "This paper presents a lightweight, QZP-grounded planning pipeline for power grids.")
    assert "QZP" not in found or found["QZP"].role is not Predicate.PROPOSES
    # a name listed with a well-known one is of its kind: "an SFT and XYZ recipe"
    found, _ = _extract(nlp, "We further establish a QZT and SFT recipe for scheduling problems.")
    assert "QZT" not in found or found["QZT"].role is not Predicate.PROPOSES


def test_lowercase_modifiers_between_a_preposition_and_a_name_keep_it_a_means(nlp):
    found, _ = _extract(nlp, "We formulate the planner where each route is treated as a damped Gossel Walk Chain "
                             "(GWC).")
    assert "Gossel Walk Chain" not in found or found["Gossel Walk Chain"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We propose GraphKnit, built upon ridge planning models (RP3s).")
    assert found["GraphKnit"].role is Predicate.PROPOSES
    assert "RP3s" not in found or found["RP3s"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We propose a planner for complex Orbital Routing (OR) tasks.")
    assert "Orbital Routing" not in found or found["Orbital Routing"].role is not Predicate.PROPOSES
    # "novel/new" after the preposition names what is new
    found, _ = _extract(nlp, "We propose a planner with a novel Quorix Gate for merging plans.")
    assert found["Quorix Gate"].role is Predicate.PROPOSES


def test_the_main_contribution_is_a_propose_cue(nlp):
    found, _ = _extract(nlp, "Our central contribution is the Braid Calculus, a small algebra for comparing plans.")
    assert found["Braid Calculus"].role is Predicate.PROPOSES and found["Braid Calculus"].rule == "cue.propose"
    found, _ = _extract(nlp, "The central idea is that Braid Calculus helps planners.")
    assert "Braid Calculus" not in found or found["Braid Calculus"].role is not Predicate.PROPOSES


def test_a_capitalised_word_written_onto_the_papers_own_name_is_its_variant(nlp):
    found, _ = _extract(nlp, "Our method, KnoTT, folds the cache. A faster variant, SwiftKnoTT, cuts the time by half.")
    assert found["SwiftKnoTT"].role is Predicate.PROPOSES and found["SwiftKnoTT"].rule == "own.variant"
    found, _ = _extract(nlp, "Our method, KnoTT, folds the cache. It is compared with SwiftQuarrow on long inputs.")
    assert "SwiftQuarrow" not in found or found["SwiftQuarrow"].role is Predicate.USES


def test_title_case_parts_the_papers_own_system_consists_of_are_proposed(nlp):
    text = ("We propose a planner for long missions. The agent consists of a Route Weaving Engine for global "
            "routing, a Gossel Retrieval Unit for memory lookup, and a Tarnby Executive Controller for control.")
    found, _ = _extract(nlp, text)
    for name in ("Route Weaving Engine", "Gossel Retrieval Unit", "Tarnby Executive Controller"):
        assert name in found and found[name].role is Predicate.PROPOSES and found[name].rule == "cue.component"
    # before the paper proposed anything, "the agent" may be anyone's
    found, _ = _extract(nlp, "The agent consists of a Route Weaving Engine for global routing.")
    assert "Route Weaving Engine" not in found or found["Route Weaving Engine"].role is not Predicate.PROPOSES


def test_a_title_case_phrase_ending_in_a_noun_like_agent_is_a_name(nlp):
    found, _ = _extract(nlp, "We propose a Route-structured Planning Agent that stores maps in memory.")
    assert found["Route-structured Planning Agent"].role is Predicate.PROPOSES
    found, _ = _extract(nlp, "We propose a planner that is Sample Efficient on long maps.")
    assert "Sample Efficient" not in found


def test_a_task_or_problem_the_paper_poses_is_not_a_proposed_method(nlp):
    found, _ = _extract(nlp, "We therefore formulate Braided Route Planning (BRP), a map-to-text task that removes "
                             "loops from plans.")
    assert "Braided Route Planning" not in found or found["Braided Route Planning"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We introduce a new problem: Sparse Route Braiding (SRB).")
    assert "Sparse Route Braiding" not in found or found["Sparse Route Braiding"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We introduce Braided Route Planning (BRP), a planner that removes loops from plans.")
    assert found["Braided Route Planning"].role is Predicate.PROPOSES


def test_the_long_form_after_the_papers_own_acronym_is_its_alias(nlp):
    found, _ = _extract(nlp, "We propose KRAMP, a Knotted Route Allocator for Multi-Depot Planning with trucks.")
    assert list(found) == ["KRAMP"] and found["KRAMP"].role is Predicate.PROPOSES
    assert found["KRAMP"].aliases == ["Knotted Route Allocator for Multi-Depot Planning"]
    found, _ = _extract(nlp, "We present ZOLT: Zero Overhead Lattice Tiling, a kernel for sparse layers.")
    assert list(found) == ["ZOLT"] and found["ZOLT"].aliases == ["Zero Overhead Lattice Tiling"]
    found, _ = _extract(nlp, "We propose GLINT, a Graph-Level Inference model with Node Tying for molecules.")
    assert list(found) == ["GLINT"] and found["GLINT"].aliases == ["Graph-Level Inference model with Node Tying"]
    # Title Case words that do not spell it are another name
    found, _ = _extract(nlp, "We propose KRAMP, a Ridge Stitching Unit for plans.")
    assert "Ridge Stitching Unit" in found and found["KRAMP"].aliases == []


def test_the_titles_technique_named_in_lower_case_by_the_propose_verb_is_proposed(nlp):
    title = "Small Planners via Ridge Folding Distillation"
    found, _ = _extract(nlp, "We also introduce a ridge folding distillation (RFD) strategy that shrinks a planner step "
                             "by step.", title=title)
    assert found["ridge folding distillation"].role is Predicate.PROPOSES
    assert found["ridge folding distillation"].rule == "cue.title_echo"
    # a description the name follows, and a phrase the title does not write as a run, are not
    found, _ = _extract(nlp, "We propose a ridge folding distillation approach, namely KnotFold, for planners.", title=title)
    assert "ridge folding distillation" not in found
    found, _ = _extract(nlp, "We introduce ridge folding, which shrinks a planner step by step.", title=title)
    assert "ridge folding" not in found or found["ridge folding"].rule != "cue.title_echo"


def test_a_name_before_a_lowercase_noun_that_is_not_its_kind_modifies_the_proposal(nlp):
    found, _ = _extract(nlp, "We introduce a map-agnostic Judge-by-Vote audit pipeline for routes.")
    assert "Judge-by-Vote" not in found or found["Judge-by-Vote"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We introduce a planner comprising a Tarnby-of-Route (TR) subsystem for maps.")
    assert "Tarnby-of-Route" not in found or found["Tarnby-of-Route"].role is not Predicate.PROPOSES
    # what the thing is, an adjective or a verb after the name keep it the paper's own
    for text, name in (("We introduce a QuorixGate module for plans.", "QuorixGate"),
                       ("We present a unified Route Weaving System capable of merging plans.", "Route Weaving System"),
                       ("We introduce KnotPlan, which merges plans.", "KnotPlan")):
        found, _ = _extract(nlp, text)
        assert found[name].role is Predicate.PROPOSES, text


def test_a_name_an_appositive_calls_novel_or_ours_is_proposed_anywhere_in_the_sentence(nlp):
    found, _ = _extract(nlp, "This view lets us design KnotMap, a novel heatmap method for planners.")
    assert found["KnotMap"].role is Predicate.PROPOSES and found["KnotMap"].rule == "cue.appositive"
    found, _ = _extract(nlp, "Second, the yardstick is recovered, and Double Knot, our joint tuning of the gauge with "
                             "the skills, does so.")
    assert found["Double Knot"].role is Predicate.PROPOSES
    # a main clause after an opening phrase is no appositive
    found, _ = _extract(nlp, "Trained under Sparse Ridge Folding (SRF), our tuned KnotLM model beats the baselines.")
    assert found["Sparse Ridge Folding"].role is not Predicate.PROPOSES


def test_a_capitalised_part_after_a_multi_part_own_name_is_its_variant(nlp):
    found, _ = _extract(nlp, "The flagship Zorblax-V2-Grande pairs a large base with four adapters.",
                        title="Zorblax-V2: Stitching Partial Plans")
    assert found["Zorblax-V2-Grande"].role is Predicate.PROPOSES and found["Zorblax-V2-Grande"].rule == "own.variant"


def test_names_the_proposal_beats_or_works_through_are_not_its_own(nlp):
    found, _ = _extract(nlp, "We present GraphKnit, a planner that merges plans, outperforming the two best bots, "
                             "namely Quorix and Vantel.")
    assert found["GraphKnit"].role is Predicate.PROPOSES
    assert "Quorix" not in found or found["Quorix"].role is not Predicate.PROPOSES
    found, _ = _extract(nlp, "We propose GraphKnit, which learns a compact map through a KnotCoder.")
    assert "KnotCoder" not in found or found["KnotCoder"].role is not Predicate.PROPOSES


def test_a_new_title_case_part_brought_in_with_a_or_an_is_the_proposals_own(nlp):
    found, _ = _extract(nlp, "We propose a planning agent that stores past routes into an Episodic Route Store for "
                             "later reuse.")
    assert found["Episodic Route Store"].role is Predicate.PROPOSES
    # behind "the", or a name the paper has named before, it is a means
    found, _ = _extract(nlp, "We propose a planning agent that stores past routes into the Episodic Route Store.")
    assert "Episodic Route Store" not in found or found["Episodic Route Store"].role is not Predicate.PROPOSES


@pytest.mark.parametrize("title", ["A" * 100_000, "Ab-" * 40_000, "Ridge " + "Folding" * 20_000])
def test_a_hostile_title_is_read_in_linear_time(nlp, title):
    """The title-echo rule scans the title for runs of capitalised words; a quadratic scan of one 100,000-character
    word took about a minute. Linear code takes milliseconds; each extraction gets 10 s (a hang guard)."""
    import signal

    def hang(*_):
        raise TimeoutError("extraction hung on a long title")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(10)
    try:
        found, _ = _extract(nlp, "We introduce a ridge folding distillation (RFD) strategy for planners.", title=title)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert "ridge folding distillation" not in found or found["ridge folding distillation"].rule != "cue.title_echo"
