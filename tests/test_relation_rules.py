"""Roles and OUTPERFORMS pairs on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest

from kg.extract.extractor import extract_paper, make_nlp, plain_text
from kg.model import Paper


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def _run(nlp, abstract: str, title: str = "A study of planners"):
    ex = extract_paper(Paper(id="paper:test", title=title, abstract=abstract), nlp)
    mentions = {m.name: m for m in ex.mentions}
    pairs = {(r.subject, r.object) for r in ex.relations}
    return mentions, pairs


# ---- LaTeX markup --------------------------------------------------------------

def test_plain_text_drops_markup_around_words():
    assert plain_text(r"We propose \textbf{Ridge Knitting}, see \href{https://x.org}{code}.") == \
        "We propose Ridge Knitting, see code."
    assert plain_text(r"the \emph{knot score} ({\textsf{KNS}\xspace})") == "the knot score (KNS)"
    assert plain_text(r"P$^3$Net and $\sqrt{d}$") == r"P3Net and $\sqrt{d}$"
    assert plain_text(r'T\"ULU and Erd\H{o}s and G\'{e}rard') == 'TULU and Erd\\H{o}s and Gerard'
    assert plain_text("no markup here") == "no markup here"


def test_name_behind_latex_is_proposed(nlp):
    mentions, _ = _run(nlp, r"We propose \textbf{Braided Plan Search}, a planner for long tasks.")
    assert mentions["Braided Plan Search"].role.value == "PROPOSES"
    mentions, _ = _run(nlp, "It merges plans quickly.", title=r"P$^3$Plan: Merging Partial Plans")
    assert mentions["P3Plan"].role.value == "PROPOSES"


# ---- proposes --------------------------------------------------------------------

def test_undefined_acronym_of_a_proposed_name_is_that_name(nlp):
    mentions, _ = _run(nlp, "We propose Braided Plan Search, a planner for long tasks. BPS merges partial plans.")
    assert "BPS" in mentions["Braided Plan Search"].aliases
    assert "BPS" not in mentions


def test_short_name_spelling_a_proposed_name_by_its_capitals(nlp):
    mentions, _ = _run(nlp, "We propose Adaptive Depth Sparse Framework, a pruner. AdaDSF keeps accuracy.")
    assert "AdaDSF" in mentions["Adaptive Depth Sparse Framework"].aliases
    # a family name inside the paper's own name is another thing
    mentions, _ = _run(nlp, "We present QuorLA-Adapter V2. It builds on QuorLA and improves it.",
                       title="QuorLA-Adapter V2: Tuning Small Planners")
    assert mentions["QuorLA"].role.value == "USES"
    assert "QuorLA" not in mentions["QuorLA-Adapter V2"].aliases


def test_we_name_this_x_is_a_naming_cue(nlp):
    mentions, _ = _run(nlp, "We name this procedure Knot Plan Folding (KPF) and study its limits.")
    assert mentions["Knot Plan Folding"].role.value == "PROPOSES"


def test_namely_after_baselines_is_not_a_proposal(nlp):
    mentions, _ = _run(nlp, "We propose PlanKnit. Our planner still trails two strong systems in our tests, "
                            "namely Quorra Max and GPT-9.")
    assert mentions["PlanKnit"].role.value == "PROPOSES"
    assert mentions["Quorra Max"].role.value == "USES"
    mentions, _ = _run(nlp, "We build a new planner, namely Stitch Forge, for long tasks.")
    assert mentions["Stitch Forge"].role.value == "PROPOSES"


def test_acronym_defined_part_of_own_method_is_proposed(nlp):
    mentions, _ = _run(nlp, "We propose PlanKnit. PlanKnit uses a Ridge Alignment Network (RAN) to merge plans.")
    assert mentions["Ridge Alignment Network"].role.value == "PROPOSES"
    assert mentions["Ridge Alignment Network"].rule == "cue.component"
    # a part of someone else's system stays used
    mentions, _ = _run(nlp, "We propose PlanKnit. Prior planners use a Ridge Alignment Network (RAN) to merge plans.")
    assert mentions["Ridge Alignment Network"].role.value == "USES"


# ---- data --------------------------------------------------------------------------

def test_names_listed_after_a_data_word_are_data(nlp):
    mentions, _ = _run(nlp, "Results are reported on several benchmarks, including Kestrel-9, Glimmerwood, "
                            "Orchard and Tarnby, where the planner is best.")
    for name in ("Kestrel-9", "Glimmerwood", "Orchard", "Tarnby"):
        assert mentions[name].type.value == "Benchmark", name


def test_names_listed_before_a_data_word_are_data(nlp):
    mentions, _ = _run(nlp, "The planner reaches 91% accuracy on Kestrel-9, Glimmerwood-2 and Orchard-5 benchmarks.")
    for name in ("Kestrel-9", "Glimmerwood-2", "Orchard-5"):
        assert mentions[name].type.value == "Benchmark", name


def test_names_a_model_is_trained_on_are_datasets(nlp):
    mentions, _ = _run(nlp, "The planner is pretrained on Quarrow-Text and then fine-tuned on Tarn-QA-2.")
    assert mentions["Quarrow-Text"].type.value == "Dataset"
    assert mentions["Tarn-QA-2"].type.value in ("Dataset", "Benchmark")
    mentions, _ = _run(nlp, "The planner is fine-tuned on Quorra-7B outputs.")
    assert mentions["Quorra-7B"].type.value == "Method"


def test_baselines_settings_and_models_are_not_data(nlp):
    mentions, _ = _run(nlp, "PlanKnit improves accuracy by 4% over KnotNet-2 on average.")
    assert mentions["KnotNet-2"].type.value == "Method"
    mentions, _ = _run(nlp, "We reach 91% accuracy with the planner in RouteKit-3.")
    assert mentions["RouteKit-3"].type.value == "Method"
    mentions, _ = _run(nlp, "On Quorra-16B-A3B, the planner improves accuracy by 4%.")
    assert mentions["Quorra-16B-A3B"].type.value == "Method"
    mentions, _ = _run(nlp, "We evaluate three datasets from Atlanta, Boston and Seattle.")
    assert "Boston" not in mentions


def test_latex_escapes_are_read_as_text(nlp):
    assert plain_text(r"an 85.5\% rate on A\&B, \textasciitilde 3x faster") == "an 85.5% rate on A&B, ~3x faster"
    mentions, _ = _run(nlp, r"The planner reaches an 85.5\% success rate on Kestrel-Plus and stays fast.")
    assert mentions["Kestrel-Plus"].type.value == "Benchmark"


def test_a_reported_metric_makes_on_x_an_evaluation(nlp):
    mentions, _ = _run(nlp, "On Quarrow-DEMAND, the planner achieves 3.10 PESQ with low latency.")
    assert mentions["Quarrow-DEMAND"].type.value == "Benchmark"
    mentions, _ = _run(nlp, "The cascade from KQ to RFX to NNZ achieves the best fit, with an RMSE of 2.1.")
    assert all(m.type.value == "Method" for m in mentions.values())


def test_model_families_and_processors_are_not_data_by_context(nlp):
    mentions, _ = _run(nlp, "We measure 91% accuracy on Qwen9-Lite, Flash-NPU and Kestrel-9.")
    assert mentions["Kestrel-9"].type.value == "Benchmark"
    assert mentions["Qwen9-Lite"].type.value == "Method"
    assert "Flash-NPU" not in mentions or mentions["Flash-NPU"].type.value == "Method"


def test_an_edition_stays_with_its_data_name(nlp):
    mentions, _ = _run(nlp, "Scores on the public Quarrow '24 benchmark rise by 3%.")
    assert mentions["Quarrow '24"].type.value == "Benchmark"


@pytest.mark.parametrize("abstract, name", [
    ("We report results on three KQ7 benchmark datasets for the planner.", "KQ7"),
    ("Static benchmark scores hide this failure of the planner.", "Static"),
    ("We validate the planner on a two-class dataset (Normal vs. Fallen) first.", "Normal"),
    ("We also release Quorl-9, a hand-checked Multi-Turn benchmark for planners.", "Multi-Turn"),
])
def test_words_that_describe_data_are_not_data_names(nlp, abstract, name):
    mentions, _ = _run(nlp, abstract)
    assert name not in mentions


def test_a_name_after_an_indefinite_article_can_still_be_data(nlp):
    mentions, _ = _run(nlp, "We are curating a large-scale QRZ-Streets dataset of annotated scenes.")
    assert mentions["QRZ-Streets"].type.value == "Dataset"


def test_a_known_benchmark_in_its_own_title_is_introduced(nlp):
    mentions, _ = _run(nlp, "It holds 130 tasks.", title="LIBERO: Benchmarking Knowledge Transfer for Robots")
    assert mentions["LIBERO"].type.value == "Benchmark" and mentions["LIBERO"].introduced


def test_copula_and_modifiers_before_a_data_word(nlp):
    mentions, _ = _run(nlp, "Kestrel-9 is a new benchmark for long plans.")
    assert mentions["Kestrel-9"].type.value == "Benchmark"
    mentions, _ = _run(nlp, "The planner is tuned on the Quarrow street scene dataset.")
    assert mentions["Quarrow"].type.value == "Dataset"
    mentions, _ = _run(nlp, "We release the Kestrel LM suites in three sizes.")
    assert mentions["Kestrel LM"].type.value == "Method"


def test_data_a_model_is_trained_on_written_as_a_suffix(nlp):
    mentions, _ = _run(nlp, "A Quarrow1M-trained encoder beats an RLX-trained one and a DPO-trained one.")
    assert mentions["Quarrow1M"].type.value == "Dataset"
    assert all(mentions[n].type.value == "Method" for n in ("RLX", "DPO") if n in mentions)


def test_a_challenge_name_and_curated_data(nlp):
    mentions, _ = _run(nlp, "We curate Tarnby-Talk, ten thousand dialogues. Scores on the Kestrel Challenge rise.")
    assert mentions["Tarnby-Talk"].type.value == "Dataset" and mentions["Tarnby-Talk"].introduced
    assert mentions["Kestrel Challenge"].type.value == "Benchmark"


def test_the_subject_after_an_opening_data_phrase_is_not_data(nlp):
    mentions, _ = _run(nlp, "On the Quarrow-5 test set, PlanKnit-2 reaches 25.1 BLEU.")
    assert mentions["Quarrow-5"].type.value == "Benchmark"
    assert mentions["PlanKnit-2"].type.value == "Method"
    mentions, _ = _run(nlp, "On two datasets, Quarrow-1 and Quarrow-2, the planner gains 3%.")
    assert mentions["Quarrow-1"].type.value == "Dataset"


def test_data_after_a_propose_cue_is_introduced_only_as_its_object(nlp):
    mentions, _ = _run(nlp, "We establish baselines by testing nine models on Quarrow's KestrelEval Malware benchmark.")
    assert not mentions["KestrelEval Malware"].introduced
    mentions, _ = _run(nlp, "We also introduce Tarn-QA, a benchmark of 5K questions.")
    assert mentions["Tarn-QA"].introduced


def test_an_english_word_does_not_match_an_all_caps_benchmark(nlp):
    mentions, _ = _run(nlp, "Pupils who study Math score 91% on MATH after a year.")
    assert mentions["MATH"].type.value == "Benchmark"
    assert "Math" not in mentions


def test_a_title_data_word_after_another_name_is_not_the_heads(nlp):
    mentions, _ = _run(nlp, "It checks captions at scale.", title="Zorblax: Validating the Quarrow1M Dataset at Scale")
    assert mentions["Zorblax"].type.value == "Method"
    mentions, _ = _run(nlp, "It holds ten thousand scenes.", title="Zorblax: A Street Scene Dataset")
    assert mentions["Zorblax"].type.value == "Dataset"


# ---- outperforms ----------------------------------------------------------------------

def test_a_class_word_the_paper_defines_names_that_thing_later(nlp):
    mentions, pairs = _run(nlp, "We compare Knot Logic Nets (KLN) with a Multi-Layer Perceptron (MLP). On parity, "
                                "KLN reaches 80% accuracy, outperforming the MLP baseline by 6%.")
    assert ("Knot Logic Nets", "Multi-Layer Perceptron") in pairs
    assert "MLP" not in mentions  # the later "MLP" is the defined long form, not a new entity
    _, pairs = _run(nlp, "KLN-2 reaches 80% accuracy, outperforming the MLP baseline by 6%.")
    assert pairs == set()  # undefined, "MLP" stays a class word


@pytest.mark.parametrize("abstract, expected", [
    ("We propose PlanKnit. PlanKnit does not outperform KnotNet-2 on short plans.", set()),
    ("We propose PlanKnit. No baseline outperforms PlanKnit on long plans.", set()),
    ("We propose PlanKnit. PlanKnit not only outperforms KnotNet-2 but is also faster.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. KnotNet-2 is outperformed by PlanKnit on long plans.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. While it trails GPT-9, PlanKnit outperforms KnotNet-2.", {("PlanKnit", "KnotNet-2")}),
    ("We propose KnitA-1 and KnitB-2. KnitA-1 and KnitB-2 consistently outperform KnotNet-2.",
     {("KnitA-1", "KnotNet-2"), ("KnitB-2", "KnotNet-2")}),
    ("We propose PlanKnit. Trained with GPT-9 and RouteKit-3, PlanKnit outperforms KnotNet-2.",
     {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. It beats KnotNet-2 and RouteKit-3, and exceeds Quorra-4 on two tasks.",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3"), ("PlanKnit", "Quorra-4")}),
    ("We propose PlanKnit. PlanKnit outperforms KnotNet-2 and competes with larger systems like Quorra-4.",
     {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit runs 3x faster than KnotNet-2 on long plans.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit outperforms KnotNet-2 and RouteKit-3 using fewer parameters.",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. PlanKnit outperforms KnotNet-2 and achieves 90% on Tarn-QA-2 like RouteKit-3.",
     {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit is more accurate than KnotNet-style planners.", set()),
    ("We propose PlanKnit. The distilled model reaches 71%, outperforming Quorra-5.4-Mini and RouteKit-3.",
     {("PlanKnit", "Quorra-5.4-Mini"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. Using GPT-9 as a judge, we find that PlanKnit outperforms KnotNet-2.",
     {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit outperforms strong planners (e.g., KnotNet-2, Quorrel) on long tasks.",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "Quorrel")}),
    # comparisons read backwards: the one that lags is the loser
    ("We propose PlanKnit. On long plans KnotNet-2 lags far behind PlanKnit.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. KnotNet-2 falls short of PlanKnit on long plans.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. KnotNet-2 underperforms PlanKnit on long plans.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit leads on every map, while KnotNet-2 lags behind.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. KnotNet-2 does not lag behind PlanKnit.", set()),
    # two scores side by side: the better one wins, lower when the measure is an error or a time
    ("We propose PlanKnit. PlanKnit solves 71.2% of the maps versus 64.0% for KnotNet-2.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit (31.2 ms) vs. KnotNet-2 (44.0 ms) in latency.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. PlanKnit (71.2) vs. KnotNet-2 (74.0) in accuracy.", {("KnotNet-2", "PlanKnit")}),
    ("We propose PlanKnit. PlanKnit uses 2.7M parameters compared with 9.5M for KnotNet-2.", set()),
    # comparatives: a lower-case name after "and" is one more loser; a reduction "by Nx (gloss) compared with"
    ("We propose PlanKnit. PlanKnit achieves 0.04 MSE (4.4x lower error than KnotNet-2 and iRouteKit).",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "iRouteKit")}),
    ("We propose PlanKnit. PlanKnit keeps F1 while reducing model size by 4.1x-9.5x (Light) compared with KnotNet-2 "
     "and RouteKit-3.", {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. PlanKnit achieves a 2x speedup against KnotNet-2.", {("PlanKnit", "KnotNet-2")}),
    # less of a cost "compared to" Y is a win; less of a good thing is not
    ("We propose PlanKnit. PlanKnit reduces both compute and peak memory by about 80% compared to KnotNet-2 with "
     "little overhead.", {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. Our planner turns faster, reducing tracking error compared to KnotNet-2, RouteKit-3, and "
     "simple baselines.", {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. PlanKnit reduces the success rate by 3% compared to KnotNet-2.", set()),
    # a ranking: "ahead of" a list of scored systems
    ("We propose PlanKnit. PlanKnit ranked first with 51.9% of points, ahead of KnotNet-2 (46.1%), RouteKit-3 "
     "(44.3%), and scored highest on most maps.", {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. Planning ahead of time, PlanKnit is slower.", set()),
    # capitalised names with a version are losers when the ranked list gives each a score
    ("We propose PlanKnit. PlanKnit ranked first with 51.9% of points, ahead of KnotNet-2 (46.1%), Quorra Ultra 3.1 "
     "(42.6%), and Vantel Sonnet 4.6 (37.3%).",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "Quorra Ultra 3.1"), ("PlanKnit", "Vantel Sonnet 4.6")}),
    ("We propose PlanKnit. PlanKnit ranks first on every map, followed by KnotNet-2 and RouteKit-3.",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. PlanKnit pretraining followed by KnotNet-2 tuning works well.", set()),
    ("We propose PlanKnit. Raters said PlanKnit is preferred over KnotNet-2 in 70% of cases.",
     {("PlanKnit", "KnotNet-2")}),
    # a name in the opening phrase is a setting, not the subject
    ("We propose PlanKnit. On an 18B KnotNet-2 model, PlanKnit improves the score by 4.0 points over RouteKit-3.",
     {("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit. Across KnotNet-2 and RouteKit-3 backbones, Quorra-4 consistently improves over Tarnet-5.",
     {("Quorra-4", "Tarnet-5")}),
    # "every model", "experiments show": the paper's own method as the implicit subject
    ("We propose PlanKnit. Across three seeds, every model outperforms the fixed KnotNet-2 baseline.",
     {("PlanKnit", "KnotNet-2")}),
    ("We propose PlanKnit. Across three seeds, all baseline models outperform KnotNet-2.", set()),
    ("We propose PlanKnit. Field experiments further show energy reductions of 2x compared with KnotNet-2.",
     {("PlanKnit", "KnotNet-2")}),
    ("We study planners. Field experiments further show energy reductions of 2x compared with KnotNet-2.", set()),
    # a contrast: the better side before "whereas", the worse side after it with a word that says so
    ("We compare planners. We find that KnotNet-2 keeps higher recall, whereas RouteKit-3 and Quorra-4 show "
     "significant drops.", {("KnotNet-2", "RouteKit-3"), ("KnotNet-2", "Quorra-4")}),
    ("We compare planners. KnotNet-2 keeps higher recall, whereas RouteKit-3 keeps higher precision.", set()),
    # "all baselines": the methods the paper says it compares with, not its parts
    ("We propose PlanKnit, which builds on Quorra-4. We compare PlanKnit against KnotNet-2 and RouteKit-3. "
     "PlanKnit outperforms all baselines.", {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We compare four kinds of models, including KnotNet-2 and RouteKit-3, and a new planner, PlanKnit, which "
     "combines Quorra-4 and KnotNet-2. Tests show that PlanKnit outperforms all baselines.",
     {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
    ("We propose PlanKnit, which builds on Quorra-4. PlanKnit outperforms all baselines.", set()),
    # "the design" / "the network" as subject: the paper's own system
    ("We propose PlanKnit. The design outperformed single-scale planners, such as KnotNet-2 (0.87) and a "
     "low-resolution RouteKit-3 (0.88).", {("PlanKnit", "KnotNet-2"), ("PlanKnit", "RouteKit-3")}),
])
def test_outperform_pairs(nlp, abstract, expected):
    _, pairs = _run(nlp, abstract)
    assert pairs == expected


def test_an_indefinite_title_case_artefact_is_a_name_and_the_papers_when_it_says_so(nlp):
    mentions, _ = _run(nlp, "We propose PlanKnit. Powered by a Masked Ridge Stitching Transformer, PlanKnit merges plans.")
    assert mentions["Masked Ridge Stitching Transformer"].rule == "cue.artefact"
    assert mentions["Masked Ridge Stitching Transformer"].role.value == "PROPOSES"
    # two capitalised words before the head, or no article, stay uncued topics
    mentions, _ = _run(nlp, "Earlier planners were Ridge Stitching Transformer designs for merging plans.")
    assert "Ridge Stitching Transformer" not in mentions


def test_we_refer_to_it_as_names_the_papers_own_thing(nlp):
    mentions, _ = _run(nlp, "Two gates decide when to stop. We refer to their combination as KNOT "
                            "(Knitted Ordering of Tracked-Plan Halting).")
    assert mentions["Knitted Ordering of Tracked-Plan Halting"].role.value == "PROPOSES"
    assert mentions["Knitted Ordering of Tracked-Plan Halting"].rule == "cue.named"


def test_a_possessive_inside_a_cued_name_stays(nlp):
    mentions, _ = _run(nlp, "We call the centralized policy Quorra's Router.")
    assert mentions["Quorra's Router"].role.value == "PROPOSES"
    # without a naming cue the possessor is an owner: "Quorra's PlanKnit" is PlanKnit
    mentions, _ = _run(nlp, "Results use Quorra's PlanKnit on long tasks.")
    assert "PlanKnit" in mentions and "Quorra's PlanKnit" not in mentions


def test_a_title_head_cased_unlike_the_gazetteer_entry_is_the_papers_own(nlp):
    # the gazetteer knows the MeSH vocabulary (data); "MESH" in a title is a new system of the paper
    mentions, _ = _run(nlp, "We propose MESH as a unified retrieval framework for ranking widgets.",
                       title="MESH: Scaling Up Widget Retrieval")
    assert mentions["MESH"].type.value == "Method" and mentions["MESH"].role.value == "PROPOSES"
    mentions, _ = _run(nlp, "We index abstracts with MeSH terms for ranking widgets.", title="MeSH: Widget Indexing")
    assert mentions["MeSH"].type.value != "Method"


def test_a_lowercase_proposal_that_is_a_clause_is_no_name(nlp):
    mentions, _ = _run(nlp, "We observe that the proposed strategy is particularly effective for long plans.")
    assert not any(" is " in name for name in mentions)
    mentions, _ = _run(nlp, "We propose knot plan folding, a planner for long tasks.")
    assert mentions["knot plan folding"].rule == "cue.propose_lowercase"


@pytest.mark.parametrize("name", ["PyTorch", "t-SNE", "Principal Component Analysis", "TensorRT", "Gated Linear Attention"])
def test_well_known_tools_and_techniques_are_in_the_gazetteer(nlp, name):
    mentions, _ = _run(nlp, f"The planner is compared using {name} on long tasks.")
    assert mentions[name].rule == "gazetteer" and mentions[name].role.value == "USES"


def test_a_conventional_name_and_a_known_family_size_are_not_the_papers_own(nlp):
    mentions, _ = _run(nlp, "We propose a planner that replaces the conventional QZRT with a learned router.")
    assert mentions["QZRT"].role.value == "USES"
    mentions, _ = _run(nlp, "We propose a planner that replaces the QZRT with a learned router.")
    assert mentions["QZRT"].role.value == "PROPOSES"  # without the cue word the rule reads it as new
    # a size of a known model family (a release the gazetteer does not list yet) is a model the paper uses
    mentions, _ = _run(nlp, "We propose a scoring pipeline that pairs a speech encoder with Qwen3.7-2B.")
    assert mentions["Qwen3.7-2B"].role.value == "USES"
    mentions, _ = _run(nlp, "We propose a scoring pipeline where DINOv2-Huge scores each frame.")
    assert mentions["DINOv2-Huge"].role.value == "USES"  # a variant word the lexicon does not strip


def test_a_known_method_before_architecture_is_that_method(nlp):
    mentions, _ = _run(nlp, "We use an encoder based on the Mamba architecture for long plans.")
    assert mentions["Mamba"].rule == "gazetteer"
    # an unknown capitalised phrase before a description word stays a description
    mentions, _ = _run(nlp, "We use an encoder based on the Ridge Stitching architecture for long plans.")
    assert "Ridge Stitching" not in mentions


def test_a_size_or_variant_after_a_model_name_stays_with_it(nlp):
    mentions, _ = _run(nlp, "Our planner beats Zorbla-Text 1B and GPT-2 small models on long plans.")
    assert "Zorbla-Text 1B" in mentions and "GPT-2 small" in mentions
    assert mentions["GPT-2 small"].role.value == "USES"  # a size of a known model is not the paper's own
    # several sizes after the name: the name is the family
    mentions, _ = _run(nlp, "Our planner beats Zorbla-Text 35B/122B on long plans.")
    assert "Zorbla-Text" in mentions
    # a variant word needs a versioned known model and an end of the name after it
    mentions, _ = _run(nlp, "Our planner beats GPT-2 small language models on long plans.")
    assert "GPT-2 small" not in mentions


def test_parts_defined_after_an_unnamed_proposal_are_the_papers_own(nlp):
    mentions, _ = _run(nlp, "We introduce a training-free planning framework for long tasks. "
                            "Ridge Verified Commit (RVC) decides when to stop. "
                            "Block-Wise Knot Commit (BKC) decides where to speed up.")
    assert mentions["Ridge Verified Commit"].role.value == "PROPOSES"
    assert mentions["Block-Wise Knot Commit"].role.value == "PROPOSES"
    assert mentions["Ridge Verified Commit"].rule == "cue.component"
    # once the proposal has a name, a later sentence-initial definition is not taken as its part by this rule
    mentions, _ = _run(nlp, "We introduce PlanKnit, a planning framework for long tasks. "
                            "Ridge Verified Commit (RVC) is a prior stopping rule.")
    assert mentions["Ridge Verified Commit"].role.value == "USES"


def test_facets_listed_after_a_proposal_are_not_methods(nlp):
    mentions, _ = _run(nlp, "We design an evaluation framework organized into three levels: Ridge Recall, "
                            "Knot Indexing, and Plan Reasoning.")
    assert not {"Ridge Recall", "Knot Indexing", "Plan Reasoning"} & set(mentions)
    mentions, _ = _run(nlp, "We design a planner with two parts: Ridge Stitching and Knot Folding.")
    assert mentions["Ridge Stitching"].role.value == "PROPOSES"  # parts of the paper's own method stay


def test_a_known_method_inside_a_title_case_run_of_the_title_is_found(nlp):
    mentions, _ = _run(nlp, "We study how planners merge plans.", title="PlanKnit: Exploit LayerNorm Drift Tracking for Planners")
    assert mentions["LayerNorm"].rule == "gazetteer" and mentions["LayerNorm"].role.value == "USES"
    mentions, _ = _run(nlp, "We study how planners merge plans.", title="PlanKnit: Leverage Ridge Signature Modeling for Planners")
    assert set(mentions) <= {"PlanKnit"}  # an unknown Title Case run of the title stays no name
