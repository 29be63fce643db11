"""Every extraction rule by name: what it reads, an example sentence and what the
example must yield. ``tests/test_rule_registry.py`` runs each example through the
real pipeline; ``kg eval --by-rule`` measures each rule on a gold; the measured
precision (``data/rule_precision.json``) sets the confidence of what it finds.

Examples are written for this registry (no abstract is quoted). ``expect`` is the
name an accept rule must produce with that rule, or the name a reject rule must
drop; ``role`` is the role the accept rule gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract import reject, rules

__all__ = ["Rule", "RULES", "by_name"]


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # "accept" (a mention), "relation" (an OUTPERFORMS pair) or "reject" (a dropped candidate)
    reads: str  # the pattern or word list the rule reads
    example: str  # abstract text written for the test
    expect: str  # accept: the name found; relation: "A > B"; reject: the name dropped
    role: str = ""  # accept: PROPOSES, USES, USES_DATASET or EVALUATES_ON
    title: str = "A study"  # the example paper's title


RULES: tuple[Rule, ...] = (
    # ---- accept: where a name comes from and which role it gets
    Rule("pattern.name", "accept", "a run of words with inner capitals or digits (rules._spans)",
         "The planner runs on top of FooNet-3 without changes.", "FooNet-3", "USES"),
    Rule("pattern.cued_name", "accept", "a lone capitalised word right after a propose/naming cue",
         "We propose a planner using Quorix as its search routine.", "Quorix", "USES"),
    Rule("pattern.sized_name", "accept", "one uncommon capitalised word right before a parameter count ('Zorvik 1.4B')",
         "The policy is distilled into Zorvik 1.4B for deployment.", "Zorvik 1.4B", "USES"),
    Rule("pattern.versioned_name", "accept", "capitalised words with a dotted release number, the first word not "
         "everyday English ('Zorvik Opus 4.8')", "The answers are graded by Zorvik Opus 4.8 and two humans.",
         "Zorvik Opus 4.8", "USES"),
    Rule("cue.listed", "accept", rules._LISTED.pattern,
         "The planner beats strong baselines such as Quorix, Vantel and Brimley on every map.", "Vantel", "USES"),
    Rule("pattern.zh_gloss", "accept", rules._ZH_GLOSS.pattern,
         "我们研究了梯度折叠方法（Folded Gradient Averaging）在小模型上的效果。", "Folded Gradient Averaging", "USES"),
    Rule("gazetteer", "accept", "kg/extract/data/gazetteer.jsonl",
         "The encoder is initialised from CLIP before training.", "CLIP", "USES"),
    Rule("gazetteer.lowercase", "accept", "multi-word gazetteer methods in lower case (Lexicon.lowercase_phrases)",
         "The small planner is trained with knowledge distillation from a larger one.", "knowledge distillation",
         "USES"),
    Rule("gazetteer+context.training", "accept", "a gazetteer benchmark in a training sentence",
         "The classifier is pretrained on CIFAR-10 images.", "CIFAR-10", "USES_DATASET"),
    Rule("acronym.definition", "accept", "Schwartz-Hearst long form (ACR), kg/extract/acronyms.py",
         "The solver relies on Sparse Ridge Folding (SRF) to stay stable.", "Sparse Ridge Folding", "USES"),
    Rule("acronym.reverse_definition", "accept", "ACR (Long Form), acronyms.find_reverse_definitions",
         "The solver relies on SRF (Sparse Ridge Folding) to stay stable.", "Sparse Ridge Folding", "USES"),
    Rule("title.head", "accept", "the title's 'X:' head (rules.title_head_names; 'xFoo:' with an inner capital too; "
         "the abstract's 'Foo v1' of a title head 'ABC Foo v1' is that head)",
         "This paper describes how the planner stitches partial plans.", "Zorblax", "PROPOSES",
         "Zorblax: Stitching Partial Plans"),
    Rule("title.data_head", "accept", "the title's 'X:' head when the tail says dataset/benchmark/evaluating",
         "It holds ten thousand annotated street scenes.", "Streetly", "USES_DATASET",
         "Streetly: A Dataset of Annotated Street Scenes"),
    Rule("own.variant", "accept", "a size variant (X-7B), one capitalised hyphen part (X-Lite, X-V1-Max of X-V1) or one "
         "capitalised word "
         "written onto it (SwiftX, proposal.own_compound) of a name the paper proposes",
         "We release Zorblax-7B for public use.", "Zorblax-7B", "PROPOSES", "Zorblax: Stitching Partial Plans"),
    Rule("cue.named", "accept", rules._NAMED.pattern + " (with 'we/our/this paper' or a propose cue in the sentence, or "
         "'a novel/new … called', rules._NEW_NAMED; 'the resulting <…> model X', rules._RESULTING)",
         "We build a planner called Plan Stitcher that merges partial plans.", "Plan Stitcher", "PROPOSES"),
    Rule("cue.passive_propose", "accept", rules._PASSIVE_PROPOSE.pattern,
         "To merge partial plans, a KnitPlan scheme is proposed.", "KnitPlan", "PROPOSES"),
    Rule("cue.propose", "accept", rules._PROPOSE.pattern + " | " + rules._CONTRIBUTION.pattern + " (every new name of "
         "the clause, not one behind 'using/with/for/as/… [lowercase modifiers]' unless defined after 'combines A (ACR) "
         "with', not one the clause uses (rules._USES_IN_CLAUSE) or relates (rules._RELATED), not one modifying the "
         "unnamed proposal ('X-grounded', 'an X validation pipeline': proposal.MODIFIES), not one listed with a name the "
         "clause uses, not a task or problem the paper poses "
         "(proposal.POSED_BEFORE/POSED_AFTER); Title Case words after the own acronym that spell it are its alias, "
         "proposal.own_expansion)",
         "In this paper, we propose GraphKnit for merging partial plans.", "GraphKnit", "PROPOSES"),
    Rule("cue.our", "accept", "'our (proposed|new) X'; Title Case X too when a class noun follows ('our Foo Bar module', "
         "rules.our_class)",
         "Results show that our proposed KnotNet3 merges plans quickly.", "KnotNet3", "PROPOSES"),
    Rule("cue.artefact", "accept", "'a/an <three Title Case words> <Transformer|Network|Model|…>' in a sentence with "
         "'we/our/this paper' or the paper's own name (rules.named_artefact)",
         "Powered by a Masked Ridge Stitching Transformer, the planner merges plans in this paper.",
         "Masked Ridge Stitching Transformer", "PROPOSES"),
    Rule("cue.appositive", "accept", rules._APPOSITIVE.pattern + " (at the sentence start) | " + rules._NEW_APPOSITIVE.pattern
         + " (anywhere)",
         "PlanWeave, a simple planner for partial plans, merges them quickly.", "PlanWeave", "PROPOSES"),
    Rule("cue.component", "accept", rules._COMPONENT.pattern + " (subject: the paper's own method, 'it', 'our X', "
         "'the/this model|agent|…' once the paper proposed something; the part an acronym definition or a Title Case "
         "phrase of two or more words); or a sentence-initial "
         "Title Case acronym definition after a sentence that proposed something without a name",
         "We propose GraphKnit for merging plans. GraphKnit comprises a Ridge Stitching Unit (RSU) that aligns them.",
         "Ridge Stitching Unit", "PROPOSES"),
    Rule("cue.title_echo", "accept", "the propose verb's object in lower case, written as a whole Title Case run in the "
         "title (proposal.ECHO, not a field, not a description a 'called/namely' name follows)",
         "We further introduce a ridge folding distillation (RFD) strategy that shrinks the planner.",
         "ridge folding distillation", "PROPOSES", "Small Planners via Ridge Folding Distillation"),
    Rule("cue.propose_lowercase", "accept", "'we propose <lowercase name>, a …'",
         "We propose gradient ridge folding, a regulariser for small models.", "gradient ridge folding", "PROPOSES"),
    Rule("context.data_word_after", "accept", rules._DATA_AFTER.pattern,
         "All models are trained on the Zentrix dataset of street scenes.", "Zentrix", "USES_DATASET"),
    Rule("context.data_word_before", "accept", rules._DATA_BEFORE.pattern,
         "Images come from the corpus Quarrow and are cleaned by hand.", "Quarrow", "USES_DATASET"),
    Rule("shape.data_name", "accept", rules._DATA_NAME.pattern,
         "Scores are reported on StreetQA for every model.", "StreetQA", "EVALUATES_ON"),
    Rule("context.evaluated_on", "accept", "'on X' in a sentence about evaluation scores",
         "The planner reaches 91% accuracy on TrelloMaze and stays fast.", "TrelloMaze", "EVALUATES_ON"),
    Rule("context.evaluated_list", "accept", rules._EVAL_LIST.pattern,
         "Experiments on Kestrel-9, Glimmerwood, and Orchard 2031 show steady gains for the planner.",
         "Kestrel-9", "EVALUATES_ON"),
    Rule("context.data_list", "accept", rules._DATA_LIST.pattern,
         "Scores are reported on four benchmarks (Kestrel-9, Glimmerwood, Orchard and Tarnby) for the planner.",
         "Tarnby", "EVALUATES_ON"),
    Rule("context.data_word_modified", "accept", rules._DATA_MODIFIED.pattern + " (after 'the/public/standard …')",
         "Scores are reported on the public Kestrel-9 street detection benchmark for the planner.", "Kestrel-9",
         "EVALUATES_ON"),
    Rule("context.split_of", "accept", rules._SPLIT_OF.pattern,
         "The planner is scored on the test split of Glimmerwood-2 after tuning.", "Glimmerwood-2", "EVALUATES_ON"),
    Rule("context.data_such_as", "accept", rules._DATA_SUCH.pattern,
         "Existing datasets in this area lack street names, such as Quarrow-1K, and are small.", "Quarrow-1K",
         "USES_DATASET"),
    Rule("context.trained_suffix", "accept", rules._TRAINED_SUFFIX.pattern + " after a name (not a bare acronym)",
         "A Quarrow1M-trained encoder labels the street scenes.", "Quarrow1M", "USES_DATASET"),
    Rule("cue.curated", "accept", rules._CURATED.pattern + " (the first name after a propose cue)",
         "We curate Tarnby-Talk, ten thousand dialogues with labels.", "Tarnby-Talk", "USES_DATASET"),
    Rule("context.trained_on", "accept", rules._TRAINED_ON.pattern,
         "The planner is pretrained on Quarrow-Text before any tuning.", "Quarrow-Text", "USES_DATASET"),
    # ---- relations
    Rule("cue.outperform", "relation", rules._OUTPERFORM.pattern + " | " + rules._OVER.pattern,
         "We propose GraphKnit for merging plans. GraphKnit outperforms PlanNet-2 by a wide margin.",
         "GraphKnit > PlanNet-2"),
    Rule("cue.compared_with", "relation", rules._COMPARED.pattern,
         "We propose GraphKnit for merging plans. Compared with PlanNet-2, GraphKnit achieves higher success.",
         "GraphKnit > PlanNet-2"),
    Rule("cue.comparative", "relation", rules._COMPARATIVE.pattern,
         "We propose GraphKnit for merging plans. GraphKnit runs 3x faster than PlanNet-2 on long plans.",
         "GraphKnit > PlanNet-2"),
    Rule("cue.lags_behind", "relation", rules._LAGS.pattern,
         "We propose GraphKnit for merging plans. On long plans PlanNet-2 lags far behind GraphKnit.",
         "GraphKnit > PlanNet-2"),
    Rule("cue.versus_score", "relation", rules._VERSUS_FOR.pattern + " | " + rules._VERSUS_PAREN.pattern,
         "We propose GraphKnit for merging plans. GraphKnit solves 71.2% of the maps versus 64.0% for PlanNet-2.",
         "GraphKnit > PlanNet-2"),
    Rule("cue.reduced_against", "relation", rules._REDUCED.pattern,
         "We propose GraphKnit for merging plans. GraphKnit reduces both compute and peak memory by 60% compared "
         "to PlanNet-2.", "GraphKnit > PlanNet-2"),
    Rule("cue.ahead_of", "relation", rules._AHEAD.pattern,
         "We propose GraphKnit for merging plans. GraphKnit ranked first with 71.2% of the maps solved, ahead of "
         "PlanNet-2 (64.0%).", "GraphKnit > PlanNet-2"),
    Rule("cue.every_own", "relation", rules._EVERY_OWN.pattern + " (subject: the paper's own method)",
         "We propose GraphKnit for merging plans. Across three seeds, every model outperforms the PlanNet-2 "
         "baseline.", "GraphKnit > PlanNet-2"),
    Rule("cue.results_show", "relation", rules._RESULTS_SHOW.pattern + " (subject: the paper's own method)",
         "We propose GraphKnit for merging plans. Deployment tests show energy reductions of 2x compared with "
         "PlanNet-2.", "GraphKnit > PlanNet-2"),
    Rule("cue.whereas_contrast", "relation", rules._CONTRAST.pattern + " then the names and " + rules._WORSE.pattern,
         "We compare three planners. PlanNet-3 keeps higher success on long maps, whereas Quorix-2 and Vantel-1 show "
         "large drops.", "PlanNet-3 > Vantel-1"),
    Rule("cue.all_baselines", "relation", rules._ALL_BASELINES.pattern + " after a cue; losers: "
         + rules._COMPARED_SLOT.pattern + " or rules._LISTED",
         "We propose GraphKnit for merging plans. We compare it against PlanNet-2 and Quorix-5. GraphKnit outperforms "
         "all baselines on long plans.", "GraphKnit > Quorix-5"),
    # ---- reject: what is dropped although it looks like a name
    Rule("reject.fragment", "reject", "a span cut at _ # $ ^ \\ or a letter, '--', 'A+B', 'X-based Y'",
         "The loss uses the Kull--Back term and the MoE-style PEFT layer.", "Kull--Back"),
    Rule("reject.number", "reject", "ranges, 'layer-5', LaTeX words, 'Task B', 'Top-2', a bounded count ('sub-20M-parameter')",
         "Results for Task B improve when the planner is run twice.", "Task B"),
    Rule("reject.unit", "reject", "kg/extract/data/units.txt after a number; a radio band ('X-band SAR', 'sub-6 GHz')",
         "The board has 16 GB RAM and runs the planner at 41.2dB SNR.", "GB RAM"),
    Rule("reject.metric", "reject", "kg/extract/data/metrics.txt; an acronym right after a score ('0.094 MAE', "
         "reject.score_measure); a name right before 'metric/measure/p-values' ('the QZR metric'); a metric with its "
         "sample count ('KID-20k')",
         "The planner improves nDCG and BERTScore over the baseline.", "BERTScore"),
    Rule("reject.task", "reject", "kg/extract/data/tasks.txt (tasks and fields: 'speech enhancement', 'HPC'); a name after 'the task/problem "
         "of' (reject.task_named)",
         "We study Text-to-SQL with a small planner.", "Text-to-SQL"),
    Rule("reject.organisation", "reject", "kg/extract/data/organisations.txt (also hardware, formats); an organisation head or 'X OS'; "
         "a processor pair ('Host-NPU')",
         "Training takes two days on one Nvidia A100 GPU.", "Nvidia A100 GPU"),
    Rule("reject.language", "reject", "kg/extract/data/languages.txt (natural, programming, formal logics: 'LTLf'); a variety "
         "('Modern Standard Arabic')",
         "Prompts are written in Bangla and translated by the planner.", "Bangla"),
    Rule("reject.class_word", "reject", "plural class heads ('X LLMs'), plurals of names ('MoEs', 'dLLMs'), '<language> NLP', "
         "shouted English words",
         "We study Hybrid Attention LLMs in depth.", "Hybrid Attention LLMs"),
    Rule("reject.mapping", "reject", "extractor._MAPPING (one 'A-to-B' word) with no cue, definition or gazetteer entry",
         "The planner converts RGB-to-Depth maps before each step.", "RGB-to-Depth"),
    Rule("reject.plain_hyphen", "reject", "extractor._PLAIN_HYPHEN with no cue, definition or known part",
         "The planner stays stable under Varga-Lindqvist damping.", "Varga-Lindqvist"),
    Rule("reject.concept", "reject", "a lowercase acronym long form whose head is not technique-like (also when only the "
         "sentence start capitalises it); a one-word adjectival long form ('Holographic (HoLo)'); a phenomenon ('Mode Collapse'); "
         "a Markov chain or process in any case",
         "The flow obeys partial differential equations (PDEs) everywhere.", "partial differential equations"),
    Rule("reject.standard", "reject", "kg/extract/data/standards.txt (also DSM/ICD manuals), 'RFC 1234', '<name> Cup 2031', "
         "documents ('… Security Advisory', '… Act')",
         "Users sign in through SSO and the planner ranks on the Zorblax Cup 2031 board.", "Zorblax Cup 2031"),
    Rule("reject.role", "reject", "an acronym with a common role word: 'LLM-planner', 'RL-controller'",
         "The RL-controller follows the plans of the planner.", "RL-controller"),
    Rule("reject.modality", "reject", "an imaging or signal modality, alone or with a modifier ('3D CT', 'Real-time EEG'), or "
         "a compound of modalities ('Vision-Language-Action', 'Key-Value'), a '-graphy/-scopy' word",
         "The planner reads Resting-state EEG recordings from the clinic.", "Resting-state EEG"),
    Rule("reject.data_description", "reject", "a word a data word follows after a count or 'a/an' ('three X benchmark "
         "datasets', 'a new X benchmark'), or one everyday English word ('Static benchmark'): rules._described",
         "Scores are reported on three KQ7 benchmark datasets for the planner.", "KQ7"),
    Rule("reject.scorer", "reject", "kg/extract/scorer.py with data/scorer.json: a method mention whose weighed "
         "evidence falls below the trained threshold",
         "We measure power with a DSP and an FPGA board; the ADC samples at 1 MHz.", "ADC"),
)

_BY_NAME = {r.name: r for r in RULES}
assert len(_BY_NAME) == len(RULES), "rule names are unique"
assert {r.name for r in RULES if r.kind == "reject"} >= set(reject.CLASSES)


def by_name(name: str) -> Rule | None:
    return _BY_NAME.get(name)
