"""The extraction pipeline: ``spacy.blank("en")`` + sentencizer + the
``kg_mentions`` rule component, and ``extract_paper`` that turns one Paper into
an :class:`~kg.model.Extraction`.

No model is downloaded: the tokenizer and sentencizer ship with spaCy, the
rules and gazetteer ship with kg.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import proposal, rules, scorer
from kg.extract.acronyms import match_long_form
from kg.extract.confidence import confidence
from kg.extract.lexicon import Lexicon, load_lexicon, technique_head
from kg.extract.reject import common_word, zipf
from kg.ids import entity_key
from kg.model import EntityType, Extraction, Mention, Paper, Predicate, Relation

__all__ = ["make_nlp", "extract_paper", "extract_papers"]

_HEADING_WORDS = {"survey", "review", "tutorial", "overview", "position paper", "case study", "perspective", "report"}
_TITLE_DATA = re.compile(r"\b(dataset|benchmark|corpus|suite|test set|leaderboard|arena)s?\b", re.I)
_SIZE_SUFFIX = re.compile(r"[-\s]\d+(\.\d+)?[BMK]$")
_EVAL_NOUN = re.compile(r"\b(benchmarks?|datasets?|tasks?|scores?|accuracy|pass@\d+)\b|\d\s*%", re.I)
_DATA_USED = re.compile(r"\b(?:on|across|using|from|with|in|over)\s+(?:[\w'’\-]+\s+){0,2}$", re.I)
_STUDIED = re.compile(r"\b(?:stud(?:y|ies)|analys[ie]s|investigation|examination|evaluation|understanding|"
                      r"characteri[sz]ation|survey|review|exploration)\s+(?:of|on|into)\b", re.I)
_MEANS_BEFORE = re.compile(r"\b(?:with|using|via|by|from|of|on|in|to|for|than|over|and|under|through|like|"
                          r"including|such as)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_JOINED_WITH = re.compile(r"\b(?:combin|integrat|coupl|pair|fus)\w*\s+[^,;:]{2,80}\(\s*[A-Z][A-Za-z0-9\-]*\s*\)\s+with\s+$")
_WE = re.compile(r"\b(we|our)\b|我们|本文", re.I)
# one hyphenated word of plain parts: "Navier-Stokes", "non-Gaussian", "Zero-Shot" (eponyms, title case, adjectives)
# one word naming a mapping from one thing to another: "Sketch-to-Mesh", "Route-to-Plan", "Guest-to-Admin-Role"
_MAPPING = re.compile(r"[^\s\-]+(?:-[^\s\-]+)*-to-[^\s\-]+(?:-[^\s\-]+)*", re.I)
_PLAIN_HYPHEN = re.compile(r"(?:[A-Z][a-z]+|[a-z]{2,})(?:-[A-Z][a-z]+)+")


@dataclass
class _Found:
    name: str
    type: EntityType
    role: Predicate
    sentence: str
    rule: str
    aliases: list[str] = field(default_factory=list)
    introduced: bool = False
    benchmark_votes: int = 0
    support: int = 1  # sentences naming it


class _PaperState:
    """What one paper has said so far: its own names and its acronyms."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.found: dict[str, _Found] = {}  # key -> mention
        self.alias_of: dict[str, str] = {}  # key of alias -> key of mention
        self.own: set[str] = set()  # keys the paper proposes (title head, cues)
        self.ignored: set[str] = set()  # acronyms of tasks and class words
        self.subject: str | None = None  # first method named in the previous sentence
        self.own_data: dict[str, EntityType] = {}  # title-head names the title calls a dataset/benchmark
        self.ner_data: set[str] = set()  # names the NER component labelled DATASET
        self.wins: list[tuple[str, str, str, str]] = []  # (winner key, loser key, sentence, rule)
        self.compared: list[str] = []  # keys of methods the paper names as what it compares with
        self.rejected: list[tuple[str, str]] = []  # (rejection rule, text) of dropped candidates
        self.title = ""  # the paper's title, evidence for the scorer
        self.unnamed_proposal = False  # an abstract sentence proposed something it gave no name
        self.component_in = ""  # the sentence that named a part of that unnamed proposal
        self.in_title: set[str] = set()  # keys the title names (a name the abstract then proposes is still new)

    def key(self, name: str) -> str:
        k = entity_key(name)
        return self.alias_of.get(k, k)

    def add(self, cand: rules.Candidate, kind: EntityType, role: Predicate, sentence: str, rule: str,
            introduced: bool = False) -> _Found:
        key = self.key(cand.text)
        plurals = [a[:-1] for a in cand.aliases if re.fullmatch(r"[A-Z][A-Za-z0-9\-]*[A-Z0-9]s", a)]
        for alias in [*cand.aliases, *plurals]:  # "JEPAs" defines "JEPA" too
            akey = entity_key(alias)
            if akey in self.found and akey != key:  # "PRM" seen before "Process Reward Model (PRM)"
                old = self.found.pop(akey)
                role = _stronger(role, old.role)
            self.alias_of[akey] = key
        hit = self.found.get(key)
        if hit is None:
            hit = self.found[key] = _Found(cand.text, kind, role, sentence, rule, list(cand.aliases), introduced)
        else:
            if sentence != hit.sentence:
                hit.support += 1
            for alias in cand.aliases:
                if alias not in hit.aliases:
                    hit.aliases.append(alias)
            if len(cand.text) > len(hit.name) and cand.aliases:
                if hit.name not in hit.aliases:
                    hit.aliases.append(hit.name)
                hit.name = cand.text
            if _stronger(role, hit.role) != hit.role:
                hit.role, hit.sentence, hit.rule = role, sentence, rule
            hit.introduced |= introduced
            if kind is not EntityType.METHOD and hit.type is EntityType.METHOD and hit.role is not Predicate.PROPOSES:
                hit.type = kind
        if kind is EntityType.BENCHMARK:
            hit.benchmark_votes += 1
        return hit


def _same_sense(entry, named) -> bool:
    """Whether a gazetteer entry is the thing the paper names (its long form agrees), not a homonym."""
    if named is None:
        return False
    name = named.text if isinstance(named, rules.Candidate) else named.name
    keys = {entity_key(entry.name), *map(entity_key, entry.aliases)}
    return entity_key(name) in keys


_ORDER = [Predicate.PROPOSES, Predicate.INTRODUCES, Predicate.EVALUATES_ON, Predicate.USES_DATASET, Predicate.USES]


def _stronger(a: Predicate, b: Predicate) -> Predicate:
    return a if _ORDER.index(a) <= _ORDER.index(b) else b


_OWN_PRONOUN = re.compile(r"^\s*(?:it|our\s+[\w\-]+|the\s+proposed\s+[\w\-]+|(?:this|the)\s+(?:framework|method|model|approach|"
                          r"system|architecture|pipeline|design|agent))\b", re.I)


_VARIANT_TAIL = re.compile(r"-[A-Z][A-Za-z0-9]*")


def _own_hyphen_variant(state: _PaperState, text: str) -> bool:
    """ "Foo-Lite" of a paper that proposes Foo, "Foo-V1-Max" of one that proposes Foo-V1: one capitalised part
    after the paper's own name."""
    if " " in text:
        return False
    for at in [i for i, c in enumerate(text) if c == "-"]:
        head, tail = text[:at], text[at:]
        if _VARIANT_TAIL.fullmatch(tail) and state.key(head) in state.own and state.key(head) in state.found:
            return True
    return False


def _cue_start(sentence: str, cand: rules.Candidate) -> int:
    """Where a naming cue before ``cand`` ends: before the acronym of "ACR (Long Form)", else at the candidate."""
    if cand.rule == "acronym.reverse_definition" and cand.aliases:
        at = sentence.rfind(cand.aliases[0], 0, cand.start)
        return at if at >= 0 else cand.start
    return cand.start


def _names_own_thing(state: _PaperState, sentence: str) -> bool:
    """Whether ``sentence`` names one of the paper's own methods found so far."""
    for own in state.own:
        hit = state.found.get(own)
        if hit is not None and any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in [hit.name, *hit.aliases]):
            return True
    return False


def _own_subject(state: _PaperState, sentence: str, start: int) -> bool:
    """Whether the clause before ``start`` is the paper's own method comprising or using something."""
    verb = rules.component_verb(sentence, start)
    if verb is None or not (state.own or state.unnamed_proposal):
        return False  # "The model consists of …" names the paper's own parts once the paper has proposed something
    subject = sentence[:verb]
    if len(subject) > 80 or re.search(r"[,;:]", subject):
        return False
    if _OWN_PRONOUN.search(subject):
        return True
    for own in state.own:
        hit = state.found.get(own)
        if hit is not None and any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", subject) for n in [hit.name, *hit.aliases]):
            return True
    return False


def _classify(state: _PaperState, sentence: str, cand: rules.Candidate, cues: rules.SentenceCues,
              first_after_cue: bool) -> None:
    lexicon = state.lexicon
    direct = lexicon.lookup(cand.text)
    own_sense = state.key(cand.text)  # the long form this paper defined the acronym as
    if direct is not None and own_sense != entity_key(cand.text) and not _same_sense(direct, state.found.get(own_sense)):
        direct = None  # the paper's own "Grouped-Query Attention (GQA)" wins over the gazetteer's GQA benchmark
    if direct is not None and own_sense in state.own and cand.text not in (direct.name, *direct.aliases):
        direct = None  # the title's "MESH" is the paper's own, not the gazetteer's "MeSH"
    entry = direct or next((e for e in map(lexicon.lookup, cand.aliases) if e is not None
                            and _same_sense(e, cand)), None)
    # a technique written in lower case is never a data name: "supervised fine-tuning data"
    kind, rule = rules.data_kind(sentence, cand) if cand.rule != "gazetteer.lowercase" else (None, "")
    if rule == "described":
        if entry is None and state.key(cand.text) not in state.own and not rules.named_before(sentence, cand.start):
            state.rejected.append(("reject.data_description", cand.text))
            return  # "a decoy-annotated Multi-Hop benchmark", "three L-band benchmark datasets": a description
        rule = ""
    if kind is not None and entry is not None and entry.type is EntityType.METHOD and technique_head(entry.name):
        kind, rule = None, ""  # "fixed SFT datasets": data made for a technique, not a data name
    if rule == "context.data_word_before" and state.key(cand.text) in state.own:
        kind, rule = None, ""  # "… on five benchmarks, SRTA …": the paper's own method stays a method
    if state.key(cand.text) in state.own_data:
        kind, rule = state.own_data[state.key(cand.text)], "title.data_head"
    elif kind is None and entry is None and state.key(cand.text) in state.ner_data:
        kind, rule = EntityType.DATASET, "model.ner"
    if kind is None and entry is not None:
        kind, rule = entry.type, ("gazetteer.lowercase" if cand.rule == "gazetteer.lowercase" else "gazetteer")
        # a training word near the name (not in a run-on sentence's other half) makes a benchmark training data
        near = sentence[max(0, cand.start - 100):cand.end + 100]
        if kind is EntityType.BENCHMARK and not rules.evaluated_on(sentence, cand) and re.search(r"\b(train|pre-?train|fine-?tun)\w*", near, re.I):
            kind, rule = EntityType.DATASET, "gazetteer+context.training"
    elif kind is None and rules.evaluated_on(sentence, cand) and state.key(cand.text) not in state.own \
            and not lexicon.model_family(cand.text) \
            and not rules.method_like(cand.text) \
            and state.found.get(state.key(cand.text)) is None \
            and (cues.is_zh or _EVAL_NOUN.search(sentence) or rules.scored_on(sentence, cand)):
        kind, rule = EntityType.BENCHMARK, "context.evaluated_on"
    elif kind is None and rules.evaluated_list(sentence, cand) and state.key(cand.text) not in state.own \
            and not lexicon.model_family(cand.text) \
            and not rules.method_like(cand.text) and state.found.get(state.key(cand.text)) is None:
        kind, rule = EntityType.BENCHMARK, "context.evaluated_list"  # a model size ("-7B") fails evaluated_list
    elif kind is None and entry is None and rules.trained_suffix(sentence, cand) and not lexicon.model_family(cand.text) \
            and not lexicon.is_generic(cand.text) and state.key(cand.text) not in state.own:
        kind, rule = EntityType.DATASET, "context.trained_suffix"
    elif kind is None and entry is None and first_after_cue and cues.propose_at is not None \
            and rules.curated(sentence, cues.propose_at, cand.start):
        kind, rule = EntityType.DATASET, "cue.curated"
    elif kind is None and entry is None and rules.trained_on(sentence, cand) and state.key(cand.text) not in state.own \
            and not lexicon.model_family(cand.text) \
            and not rules.method_like(cand.text) and state.found.get(state.key(cand.text)) is None:
        kind, rule = EntityType.DATASET, "context.trained_on"
    key = state.key(cand.text)
    named = rules.named_before(sentence, cand.start) or rules.proposed_passively(sentence, cand.end)
    part = cand.capsonly and " " in cand.text and entry is None and kind is None and _own_subject(state, sentence, cand.start)
    cued = key in state.own or first_after_cue or named or rules.loser_slot(sentence, cand.start) or (
        cand.capsonly and rules.our_class(sentence, cand)) or (
        cand.capsonly and rules.named_artefact(sentence, cand.text, cand.start)) or part or (
        entry is None and rules.new_appositive(sentence, cand.end))
    if cand.capsonly and kind is None and cand.rule == "pattern.name" and not cued:
        return  # "Physics Simulation", "Video Generation": capitalised, but no cue makes it a name
    if kind is None and entry is None and cand.rule == "pattern.name" and not cued and not cand.aliases \
            and _PLAIN_HYPHEN.fullmatch(cand.text) and not any(
                lexicon.lookup(part) or state.key(part) in state.found for part in cand.text.split("-")):
        state.rejected.append(("reject.plain_hyphen", cand.text))
        return  # "Cauchy-Schwarz", "non-Gaussian": a plain hyphenated word needs a cue, a definition or a known part
    if kind is None and entry is None and cand.rule == "pattern.name" and not cued and not cand.aliases \
            and _MAPPING.fullmatch(cand.text):
        state.rejected.append(("reject.mapping", cand.text))
        return  # "RGB-to-Depth", "User-to-Service": a mapping between two things needs a cue or a definition to be a name
    if cand.capsonly and entry is None and (rules.looks_like_org(cand.text) or (
        lexicon.is_task(cand.text) and not named and key not in state.own
    )):
        return  # "National Cancer Institute", "Lifelong Learning"
    if kind is None and entry is None and not cued and state.lexicon.is_task(cand.text) and " " in cand.text.strip():
        return  # "Multi-object Tracking": a task, not a method
    kind = kind or EntityType.METHOD
    rule = rule or cand.rule
    if kind is not EntityType.METHOD:
        rules.data_edition(sentence, cand)
    proposes = False
    base = _SIZE_SUFFIX.sub("", cand.text)
    if key in state.own:
        proposes, rule = True, (rule if rule == "title.data_head" else "title.head")
    elif base != cand.text and state.key(base) in state.own:
        proposes, rule = True, "own.variant"  # "PaSa-7B" of a paper that proposes PaSa
    elif entry is None and kind is EntityType.METHOD and (_own_hyphen_variant(state, cand.text)
                                                          or proposal.own_compound(state, cand.text)):
        proposes, rule = True, "own.variant"  # "Foo-Lite", "Foo-Sparse", "FlashFoo" of a paper that proposes Foo
    elif rules.prior_work(sentence, cand.start):
        proposes = False
    elif rules.names_own(sentence, _cue_start(sentence, cand)) and (_WE.search(sentence) or cues.propose_at is not None
                                                                    or rules.new_named(sentence, _cue_start(sentence, cand))):
        proposes, rule = True, "cue.named"
    elif entry is None and rules.resulting_named(sentence, cand.start):
        proposes, rule = True, "cue.named"  # "The resulting 7B model FooChem achieves …"
    elif rules.proposed_passively(sentence, cand.end) and entry is None:
        proposes, rule = True, "cue.passive_propose"
    elif first_after_cue and kind is not EntityType.METHOD and _DATA_USED.search(sentence[max(0, cand.start - 40):cand.start]):
        proposes = False  # "we establish baselines by testing models on Meta's FooEval benchmark": data the paper uses
    elif first_after_cue:
        proposes, rule = True, ("cue.curated" if rule == "cue.curated" else "cue.propose")
    elif (cand.rule.startswith("acronym.") and entry is None and _own_subject(state, sentence, cand.start)) or part:
        proposes, rule = True, "cue.component"  # "COC uses a Structured Context Window (SCW)": a new named part
    elif cand.rule == "acronym.definition" and entry is None and state.unnamed_proposal and cand.text[:1].isupper() \
            and not sentence[:cand.start].strip():
        proposes, rule = True, "cue.component"  # "We introduce a … framework. Quorum Gate Check (QGC) screens …"
        state.component_in = sentence  # the next part named so still belongs to the unnamed proposal
    elif entry is None and cand.capsonly and rules.named_artefact(sentence, cand.text, cand.start) and (
            _WE.search(sentence) or re.search(r"\b(?:this|the)\s+(?:paper|work|article)\b", sentence, re.I)
            or _names_own_thing(state, sentence)):
        proposes, rule = True, "cue.artefact"  # "Built on a Sparse Relational Memory Transformer, Zorblax …"
    elif re.search(r"\bour\s+(?:proposed\s+|new\s+|novel\s+)?$|我们的\s*$", sentence[: cand.start], re.I) and direct is None:
        proposes, rule = True, "cue.our"
    elif rules.appositive_after(sentence, cand.end) and sentence[: cand.start].strip() == "":
        proposes, rule = True, "cue.appositive"
    elif entry is None and rules.new_appositive(sentence, cand.end):
        proposes, rule = True, "cue.appositive"  # "… to design KnotMap, a novel heatmap method", "X, our joint tuning of …"
    if kind is EntityType.METHOD:
        role = Predicate.PROPOSES if proposes else Predicate.USES
        if proposes:
            state.own.add(key)
        state.add(cand, kind, role, sentence, rule)
    else:
        role = Predicate.EVALUATES_ON if kind is EntityType.BENCHMARK else Predicate.USES_DATASET
        state.add(cand, kind, role, sentence, rule, introduced=proposes)


_THAT = re.compile(r"\b(?:show[sn]?|showed|find|finds|found|demonstrated?|demonstrates|confirm(?:s|ed)?|reveal(?:s|ed)?|"
                   r"indicate[sd]?|suggest(?:s|ed)?|observe[sd]?|verif(?:y|ies|ied)|prove[sdn]?)\s+that\s", re.I)
# "The specialized model achieves …, outperforming X": a definite description of the paper's system as subject
_THE_SYSTEM = re.compile(r"^\s*the\s+(?:[\w\-]+\s+){0,2}(?:model|method|approach|framework|system|agent|pipeline|architecture|"
                         r"algorithm|policy|detector|planner|design|network|scheme)\b", re.I)
_OUR_SUBJECT = re.compile(r"^\s*our\s+(?!(?:results?|experiments?|analys[ie]s|findings|evaluations?|stud(?:y|ies)|empirical|"
                          r"extensive|experimental|theory|theoretical|work|paper)\b)", re.I)


def _outperform_cue(state: _PaperState, sentence: str, split: tuple[int, int, list[rules.Candidate], list[rules.Candidate]],
                    previous_subject: str | None, earlier: tuple[list[str], set[str]]) -> tuple[list[str], set[str]]:
    """The pairs one "outperforms" cue gives; returns (winners, losers so far) for the next cue in the sentence."""
    cue, cue_end, left, right = split
    left = [c for c in left if state.key(c.text) not in earlier[1]]  # "A beats B, and exceeds C": B is no subject
    that = None
    if "that" in sentence[:cue]:
        for that in _THAT.finditer(sentence, 0, cue):  # the last one before the cue
            pass
    if that:  # "Using A and B, we find that C outperforms D": the subject comes after "that"
        left = [c for c in left if c.start >= that.end()]
    passive = rules.outperformed_by(sentence, cue)
    if not passive:  # "On a 9B Foo model, X improves … over Y": a name in the opening phrase is a setting
        opening = rules.opening_end(sentence, sentence.rfind(";", 0, cue) + 1)
        left = [c for c in left if c.start >= opening]
    named_left = [c for c in left if state.key(c.text) in state.found
                  and state.found[state.key(c.text)].type is EntityType.METHOD]
    if not passive:
        # a name behind a preposition is a means or a setting, not the subject: "with X, …", "using X, …"
        left = [c for c in left if not _MEANS_BEFORE.search(sentence[max(0, c.start - 20):c.start])]
    known_left = [c for c in left if state.key(c.text) in state.found
                  and state.found[state.key(c.text)].type is EntityType.METHOD]
    # the subject: the paper's own method if one is named before the cue, else the first method
    # ("X, trained on D, outperforms Y"; "While A trails B, OurNet outperforms C")
    first = next((c for c in known_left if state.key(c.text) in state.own), known_left[0] if known_left else None)
    if first is not None and state.key(first.text) not in state.own and _OUR_SUBJECT.match(sentence):
        first = None  # "Our policy achieves an IPC speedup over X": the subject is the paper's own method
    winners = [] if first is None else [state.key(c.text) for c in _subjects(sentence, named_left, first, cue)]
    rule = rules.cue_rule(sentence, cue)
    if winners or passive:  # "A is outperformed by B": the winner comes after the cue, never carried over
        pass
    elif earlier[0] and not named_left:
        winners = earlier[0]  # "X cuts latency by 40% over A; by 30% over B": the same subject
    elif re.search(r"\b(it|this model|the model|the resulting model)\b|它|该模型", sentence[:cue], re.I) \
            and previous_subject is not None:
        winners = [previous_subject]  # "X achieves …. It outperforms Y": X
    elif re.search(r"\b(our|we|it|the proposed|this|these|its)\b|我们|该方法|本文|它", sentence[:cue], re.I) \
            or _THE_SYSTEM.match(sentence):
        winners = [k for k in state.found if k in state.own and state.found[k].type is EntityType.METHOD][:1]
    elif rules.every_own_subject(sentence, cue):  # "every model outperforms X": the paper's own systems
        winners = [k for k in state.found if k in state.own and state.found[k].type is EntityType.METHOD][:1]
        rule = "cue.every_own"
    elif not named_left and rules.results_show(sentence, cue):  # "Tests show 2x speedups over Y": the own method
        winners = [k for k in state.found if k in state.own and state.found[k].type is EntityType.METHOD][:1]
        rule = "cue.results_show"
    # a comparative is weaker evidence: "than MoE-style baselines" names a kind of baseline, not one beaten
    comparative = rules.comparative_cue(sentence, cue)
    losers = [state.key(c.text) for c in right if state.key(c.text) in state.found
              and not (comparative and re.match(r"-[a-z]", sentence[c.end:c.end + 2]))]
    if not losers and winners and rules.all_baselines(sentence, cue_end):  # "outperforms all baselines"
        losers = [k for k in state.compared if k not in winners and k not in state.own]
        rule = "cue.all_baselines"
    for w in winners:
        for loser in losers:
            if w != loser:
                state.wins.append((w, loser, sentence, rule))
    return winners, earlier[1] | set(losers)


_LOWER_NAME = re.compile(
    r"\b(?:[Ww]e (?:propose|present|introduce|develop)|[Oo]ur proposed|[Tt]he proposed)\s+"
    r"(?P<name>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){1,3})(?=\s*(?:,\s*(?:a|an|which|that)\s|\s+to\s|\s+into\s|\s+for\s|\s*\(|\s*[.;]?\s*$))")
_FACETS = re.compile(r"\b(?:levels|categories|dimensions|types|aspects|axes|tiers|facets|domains|scenarios|skills|"
                     r"capabilities|regimes|settings|themes|subtasks)\s*(?::|,?\s+(?:namely|including|such\s+as))[^:;]*$",
                     re.I)
_CLAUSE_VERB = re.compile(r"\s(?:is|are|was|were|be|been|can|could|will|would|may|might|should|must|has|have|had|does|"
                          r"do|did|achieves?|yields?|shows?|reduces?|improves?|outperforms?|enables?|remains?|performs?)\b")
_NAME_TAIL = re.compile(r"^\s+(?:on|of|for|with|via)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}")


def _lowercase_names(state: _PaperState, sentence: str) -> None:
    """ "We propose progressive radiance distillation, an inverse rendering method" """
    for m in _LOWER_NAME.finditer(sentence):
        name = m.group("name")
        if state.lexicon.is_generic(name) or state.lexicon.is_task(name) or name.split()[0] in ("a", "an", "the", "to"):
            continue
        if _CLAUSE_VERB.search(name):
            continue  # "the proposed strategy is particularly effective", "the proposed architecture achieves up": a clause
        cand = rules.Candidate(m.start("name"), m.end("name"), name, True, rule="cue.propose_lowercase")
        state.own.add(state.key(name))
        state.add(cand, EntityType.METHOD, Predicate.PROPOSES, sentence, "cue.propose_lowercase")


_BARE_ACRONYM = re.compile(r"[A-Z][A-Z0-9\-]{1,9}s?|(?=(?:[a-z]*[A-Z]){3})[A-Z][A-Za-z]{2,9}")  # "SRTA", "AdaDSF"
_FUNCTION_WORDS = {"of", "on", "for", "and", "the", "with", "via", "in", "to", "a", "an", "by", "from"}


def _link_own_acronym(state: _PaperState, cand: rules.Candidate) -> None:
    """An undefined acronym spelling the initials of a name the paper proposes is that name: "SRTA" after
    "we propose Self-Routed Tensor Adapters"."""
    if not state.own or cand.aliases or not _BARE_ACRONYM.fullmatch(cand.text):
        return
    key = entity_key(cand.text)
    if key in state.found or key in state.alias_of:
        return
    letters = "".join(c for c in re.sub(r"s$", "", cand.text) if c.isalpha()).lower()
    for own in sorted(state.own):
        hit = state.found.get(own)
        if hit is None or hit.type is not EntityType.METHOD or hit.role is not Predicate.PROPOSES:
            continue
        words = [w for w in re.split(r"[\s\-]+", hit.name) if w[:1].isalpha()]
        if len(words) < 2:
            continue
        spelled = {"".join(w[0] for w in words).lower(),
                   "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS).lower()}
        # "AdaDSF": its capitals are the initials ("Adaptive Depth Sparse Framework"); "LLaMA" of "LLaMA-Adapter" is not
        capitals = "".join(c for c in cand.text if c.isupper()).lower()
        if letters in spelled or (not cand.text.isupper() and capitals in spelled
                                  and match_long_form(cand.text, words) == 0):
            state.alias_of[key] = own
            hit.aliases.append(cand.text)
            return


def _link_own_suffix(state: _PaperState, cand: rules.Candidate) -> None:
    """A name the title gives with a prefix is that name: "Foo v1" in the abstract of "ABC Foo v1: …"."""
    key = entity_key(cand.text)
    if key in state.found or key in state.alias_of or cand.aliases:
        return
    for own in sorted(state.own & state.in_title):
        hit = state.found.get(own)
        if hit is not None and hit.type is EntityType.METHOD and hit.name.endswith(" " + cand.text) \
                and len(hit.name.split()) - len(cand.text.split()) == 1:
            state.alias_of[key] = own
            hit.aliases.append(cand.text)
            return


def _sentence(state: _PaperState, sentence: str, title: bool = False,
              model_spans: list[tuple[int, int, str]] | None = None) -> None:
    sentence = rules.mask_urls(sentence)
    cues = rules.cues_of(sentence)
    if not title:
        _lowercase_names(state, sentence)
        if cues.propose_at is not None:
            proposal.title_echo(state, sentence, cues.propose_at, plain_text(state.title))
    known = set(state.found) | set(state.alias_of) | state.own
    own_count = len(state.own)
    def weak_ok(c: rules.Candidate) -> bool:
        """A lone capitalised word is a name when a cue points right at it."""
        right_after_cue = cues.propose_at is not None and re.fullmatch(
            r"[\s,:]*(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,3}?(?:called|named|dubbed|termed)?\s*|\s*",
            sentence[cues.propose_at:c.start], re.I) is not None and c.start >= cues.propose_at
        return bool(right_after_cue or rules.named_before(sentence, c.start) or rules.data_kind(sentence, c)[0]
                    or rules.listed_after_class(sentence, c.start)
                    or (rules.loser_slot(sentence, c.start) and not common_word(c.text))
                    or (rules.evaluated_list(sentence, c) and not common_word(c.text)))

    cands = rules.find_candidates(sentence, state.lexicon, known, title=title, weak_ok=weak_ok,
                                  cue_at=cues.propose_at, ignored=state.ignored, rejected=state.rejected)
    for start, end, label in model_spans or []:
        # a model span counts when it looks like a name and no rule found it already
        text = sentence[start:end]
        if any(c.start < end and start < c.end for c in cands) or not re.search(r"[A-Z0-9]", text[1:] or text):
            continue
        if state.lexicon.is_generic(text) or state.lexicon.is_task(text):
            continue
        cands.append(rules.Candidate(start, end, text, True, rule="model.ner"))
        if label == "DATASET":
            state.ner_data.add(state.key(text))
    cands.sort(key=lambda c: c.start)
    for cand in cands:
        _link_own_acronym(state, cand)
        _link_own_suffix(state, cand)
    first_group: set[int] = set()
    if cues.propose_at is not None:
        # every new name in the rest of the clause is the paper's own, unless it is
        # introduced as a tool ("using X", "based on X") or is a well-known name
        used: set[int] = set()  # names of the clause the proposal uses (a name listed with one of them is used too)
        for c in cands:
            if c.start < cues.propose_at:
                continue
            before = sentence[max(cues.propose_at, c.start - 70):c.start]
            clause = sentence[cues.propose_at:c.start]
            if proposal.MEANS.search(before):
                if not (rules.named_before(sentence, c.start) or (
                        c.rule == "acronym.definition" and _JOINED_WITH.search(sentence[cues.propose_at:c.start]))
                        or proposal.new_part(state, sentence, c)):
                    used.add(id(c))
                    continue  # "which combines A (ACR) with B (BCR)": a part defined here joins the new method
            if re.match(r"-[a-z]", sentence[c.end:c.end + 2]) and not rules.named_before(sentence, c.start):
                continue  # "an OCR-grounded pipeline", "a GPT-4-based judge": the name modifies what is new
            if proposal.MODIFIES.match(sentence, c.end) and not rules.named_before(sentence, c.start) \
                    and state.key(c.text) not in state.in_title:
                used.add(id(c))
                continue  # "an X validation pipeline", "an X and SFT workflow": the name modifies what is new
            if (rules.used_in_clause(clause) or rules.related_in_clause(clause)) and not rules.names_own(sentence, c.start):
                used.add(id(c))
                continue  # "a pipeline that reuses a spare board, X", "links between A and B"
            key = state.key(c.text)
            if state.lexicon.lookup(c.text) or (key in state.found and key not in state.own
                                                and key not in state.in_title) or (
                    state.lexicon.model_family(c.text)):  # "… with Qwen3.5-2B", "Claude Opus 4.7": a known family
                used.add(id(c))
                continue
            if _FACETS.search(sentence[cues.propose_at:c.start]) and c.capsonly:
                continue  # "a framework with three levels: Plan Review, …": facets, not methods
            if _STUDIED.search(sentence[cues.propose_at:c.start]):
                continue  # "we present a study of X": X is what is studied, not what is new
            if proposal.POSED_BEFORE.search(sentence[cues.propose_at:c.start]) or proposal.POSED_AFTER.match(sentence[c.end:]):
                continue  # "we formulate X, a speech-to-text task": a task the paper poses, not a method
            if rules.reused(sentence[cues.propose_at:c.start]) and not rules.named_before(sentence, c.start):
                used.add(id(c))
                continue  # "we propose X, which extends A": A is prior work
            if common_word(c.text) and not rules.named_before(sentence, c.start):
                continue  # "we design an Extractor": an English word, not a name
            first_group.add(id(c))
        # "a KD and PTQ workflow", "among A, B/C and D": a name listed with one the proposal uses is used too
        in_clause = [c for c in cands if c.start >= cues.propose_at]
        for group in proposal.coordinated(sentence, in_clause):
            if any(id(c) in used for c in group):
                first_group -= {id(c) for c in group if not rules.named_before(sentence, c.start)}
    previous, expansion_end = None, -1
    for cand in cands:
        if cand.start < expansion_end:
            continue
        if previous is not None and not title:
            expansion_end = proposal.own_expansion(state, sentence, previous, cand)
            if expansion_end > cand.start:
                continue  # "We present FOO: Fast Object Ordering, …": the own name's long form, one entity
        previous = cand
        if rules.named_before(sentence, cand.start):  # "named Attention Prompting on Image"
            tail = _NAME_TAIL.match(sentence[cand.end:])
            if tail:
                cand.end += tail.end()
                cand.text = sentence[cand.start:cand.end]
        _classify(state, sentence, cand, cues, id(cand) in first_group)
    if title:  # "FOOBAR the Plans: …" then "We propose FOOBAR, …": the title named it first, the cue owns it
        state.in_title |= {state.key(c.text) for c in cands}
    else:
        own_before = own_count
        state.unnamed_proposal = (cues.propose_at is not None and len(state.own) == own_before) or (
            state.unnamed_proposal and (len(state.own) == own_before or state.component_in == sentence))
    previous_subject = state.subject
    methods_here = [state.key(c.text) for c in cands if state.key(c.text) in state.found
                    and state.found[state.key(c.text)].type is EntityType.METHOD]
    state.subject = methods_here[0] if methods_here else None
    lowered = sentence.lower()
    if methods_here and ("compar" in lowered or "baseline" in lowered or "vs." in lowered or "versus" in lowered):
        for c in cands:  # "we compare X against A and B": what a later "outperforms all baselines" beats
            key = state.key(c.text)
            if key in methods_here and key not in state.compared and rules.compared_slot(sentence, c.start):
                state.compared.append(key)
    compared = rules.compared_pairs(sentence, cands)
    if compared is not None:
        winners = [state.key(c.text) for c in compared[0] if state.key(c.text) in state.found][:1]
        for w in winners:
            for c in compared[1]:
                if state.key(c.text) in state.found and state.key(c.text) != w:
                    state.wins.append((w, state.key(c.text), sentence, "cue.compared_with"))
    for rule, pairs in (("cue.lags_behind", rules.lagging_pairs(sentence, cands)),
                        ("cue.versus_score", rules.score_pairs(sentence, cands)),
                        ("cue.whereas_contrast", rules.contrast_pairs(sentence, cands)
                         if "whereas" in lowered or "while" in lowered else None)):
        for w in [state.key(c.text) for c in (pairs or ([], []))[0] if state.key(c.text) in state.found]:
            for loser in [state.key(c.text) for c in pairs[1] if state.key(c.text) in state.found]:
                if loser != w:
                    state.wins.append((w, loser, sentence, rule))
    start, previous = 0, ([], set())  # a later cue without a subject of its own keeps the winners before it
    while (split := rules.outperform_pairs(sentence, cands, start)) is not None:
        start = split[1]
        previous = _outperform_cue(state, sentence, split, previous_subject, previous)


_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")
_ADVERBS_ONLY = re.compile(r"\s*(?:(?:\w+ly|both|all|each|also|still|further|even)\s+)*")


def _subjects(sentence: str, names: list[rules.Candidate], head: rules.Candidate, cue: int) -> list[rules.Candidate]:
    """The coordinated subject right before the cue when ``head`` is in it ("A and B consistently outperform C"),
    else ``head`` alone."""
    if not names or not _ADVERBS_ONLY.fullmatch(sentence[names[-1].end:cue]):
        return [head]
    group, joins = [names[-1]], []
    for a, b in zip(reversed(names[:-1]), reversed(names[1:])):
        gap = sentence[a.end:b.start]
        has_and = "and" in gap or "&" in gap
        # "A, B and C": the join nearest the cue carries the "and", the earlier ones are commas
        if not _COORDINATION.fullmatch(gap) or has_and != (not joins):
            break
        group.append(a)
        joins.append(gap)
    if len(group) > 1 and head in group:
        return sorted(group, key=lambda c: c.start)
    return [head]


_TITLE_EVAL = re.compile(r"\s*(?:an?\s+)?(evaluating|benchmarking|assessing|measuring|testing)\b", re.I)


def _title_long_form(name: str, tail: str) -> str | None:
    """The run of capitalised words in the title's tail that spells the head acronym."""
    if not (name.isupper() or sum(c.isupper() for c in name) >= 3) or " " in name:
        return None
    words = re.findall(r"[A-Z][\w\-]*(?:\s+(?:of|for|and|the|in|on|with|to|via)\s+[A-Z][\w\-]*|\s+[A-Z][\w\-]*)*", tail)
    for run in words:
        first = match_long_form(name, run.split())
        if first is None:
            continue
        letters, taken = [c.lower() for c in name if c.isalnum()], []
        for word in run.split()[first:]:  # up to the word holding the acronym's last letter
            taken.append(word)
            for c in word.lower():
                if letters and c == letters[0]:
                    letters.pop(0)
            if not letters:
                return " ".join(taken)
    return None


def _title_heads(title: str, lexicon: Lexicon, data: bool = False) -> list[str]:
    """The title's own names; a known dataset or benchmark counts when the title says it is one ("LIBERO:
    Benchmarking …" is the paper that makes LIBERO)."""
    def known(n: str) -> bool:
        entry = lexicon.lookup(n)
        if entry is not None and n not in (entry.name, *entry.aliases):
            return False  # "MESH: Widget Retrieval …" is not the MeSH vocabulary: a differently cased head is new
        return entry is not None and not (data and entry.type is not EntityType.METHOD)
    return [
        n for n in rules.title_head_names(title)
        if not lexicon.is_generic(n) and n.lower() not in _HEADING_WORDS and not known(n)
    ]


@Language.factory("kg_mentions", default_config={"gazetteers": []})
def make_kg_mentions(nlp: Language, name: str, gazetteers: list[str]) -> "KgMentions":
    return KgMentions(load_lexicon(tuple(gazetteers)))


class KgMentions:
    """Runs the rules sentence by sentence and leaves the paper's findings on ``doc.user_data``.

    The title is passed as ``doc.user_data["kg_title"]`` so its "X: …" head is known
    before the abstract is read.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        state: _PaperState = doc.user_data.get("kg_state") or _PaperState(self.lexicon)
        title = bool(doc.user_data.get("kg_is_title"))
        ents = list(doc.ents)  # empty unless a trained NER ran before this component
        full = doc.text  # built from the tokens on every access: read it once
        bounds = [(0, len(full), 0, len(doc))] if title else \
            [(sent.start_char, sent.end_char, sent.start, sent.end) for sent in doc.sents]
        for start_char, end_char, start, end in bounds:
            raw = full[start_char:end_char]  # a slice: Span.text would build every Token
            text = raw.strip()
            shift = start_char + (len(raw) - len(raw.lstrip()))
            model_spans = [(e.start_char - shift, e.end_char - shift, e.label_) for e in ents
                           if start <= e.start and e.end <= end]
            _sentence(state, text, title=title, model_spans=model_spans)
        doc.user_data["kg_state"] = state
        return doc


def make_nlp(gazetteers: tuple[str, ...] = (), ner_model: str | Path | None = None) -> Language:
    """spacy.blank("en") + sentencizer (+ a trained NER, see ``kg train-ner``) + the rules."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "。", "！", "？", "；"]})
    if ner_model is not None:
        nlp.add_pipe("ner", source=spacy.load(ner_model))
    nlp.add_pipe("kg_mentions", config={"gazetteers": list(gazetteers)})
    return nlp


_LATEX_STYLE = re.compile(r"\\(?:textbf|textit|textsc|textsf|texttt|textrm|emph|mathrm|mathbf|mathit|mathsf|mathtt|"
                          r"text|underline)\s*\{([^{}]*)\}")
_LATEX_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}")
_LATEX_INNER = re.compile(r"(?<=[A-Za-z0-9])\$[\^_]\{?([A-Za-z0-9]{1,3})\}?\$(?=[A-Za-z0-9])")  # "C$^2$KV"
_LATEX_BRACES = re.compile(r"(?<![A-Za-z])\{([^{}\\$]*)\}")


_LATEX_ESCAPE = re.compile(r"\\([%&_#]|textasciitilde(?:\{\})?\s?|textendash(?:\{\})?|textemdash(?:\{\})?)")
_LATEX_ESCAPES = {"textasciitilde": "~", "textendash": "–", "textemdash": "—"}


def _unescape(m: re.Match[str]) -> str:
    word = m.group(1).replace("{}", "").strip()
    return _LATEX_ESCAPES.get(word, word)


_LATEX_ACCENT = re.compile(r"\\([\"'`^~])\{?([A-Za-z])\}?")


def plain_text(text: str) -> str:
    """LaTeX markup around words dropped: "\\textbf{Foo}" → "Foo", "{\\textsf{ACR}\\xspace}" → "ACR", "C$^2$KV" → "C2KV"."""
    if "\\" not in text and "$" not in text:
        return text
    text = _LATEX_ESCAPE.sub(_unescape, text)  # "85.5\\%" → "85.5%"
    text = _LATEX_HREF.sub(r"\1", text)
    text = _LATEX_ACCENT.sub(r"\2", text)  # 'T\\"ULU' → "TULU": names are matched folded, accents aside
    previous = None
    while previous != text:  # nested styles: \\textbf{\\emph{X}}
        previous, text = text, _LATEX_STYLE.sub(r"\1", text)
    text = _LATEX_INNER.sub(r"\1", text.replace("\\xspace", ""))
    return _LATEX_BRACES.sub(r"\1", text)


_LINE_BREAK_HYPHEN = re.compile(r"\b([a-z]{2,})- ([a-z]{2,})\b")


def _dehyphenate(text: str) -> str:
    """A word split at a line break joined again: "neural machine trans- lation" → "translation"
    ("pre- and post-training" stays: "preand" is no word)."""
    if "- " not in text:
        return text

    def join(m: re.Match[str]) -> str:
        whole = m.group(1) + m.group(2)
        return whole if zipf(whole) >= 2.5 and zipf(m.group(2)) < zipf(whole) + 2 else m.group(0)
    return _LINE_BREAK_HYPHEN.sub(join, text)


def _zh_sentences(text: str) -> str:
    # the sentencizer splits on "。" only when it is its own token; make sure it is
    return re.sub(r"([。！？；])", r"\1 ", text)


def extract_paper(paper: Paper, nlp: Language, rejected: list[tuple[str, str]] | None = None,
                  scored: list[tuple[str, list[str], dict[str, float], float]] | None = None) -> Extraction:
    """The paper's mentions and relations; ``rejected`` (if given) receives (rejection rule, text) of dropped names,
    ``scored`` (name, aliases, features, probability) of every method mention the scorer weighed, kept or not."""
    component: KgMentions = nlp.get_pipe("kg_mentions")  # type: ignore[assignment]
    state = _PaperState(component.lexicon)
    state.title = paper.title
    if rejected is not None:
        state.rejected = rejected
    title = plain_text(paper.title)
    tail = title.partition(":")[2]
    data_word = _TITLE_DATA.search(tail) or _TITLE_EVAL.match(tail)
    named = re.search(r"\bthe\s+(\S+)\s+$", tail[: data_word.start()]) if data_word else None
    if named and rules._kind(named.group(1)) == "name":
        data_word = None  # "Theia: … Validation of the Incidents1M Dataset": the data word belongs to the name before it
    for name in _title_heads(title, component.lexicon, data=data_word is not None):
        state.own.add(entity_key(name))
        long_form = _title_long_form(name, tail)
        if long_form:  # "SPORD: A Simulation-Propose-then-OR-Dispose Approach …": one name, two forms
            state.alias_of[entity_key(long_form)] = entity_key(name)
        if data_word:  # "Kelpie: A Multilingual Reasoning Dataset"
            bench = data_word.group(1).lower() in ("evaluating", "benchmarking", "assessing", "measuring", "testing",
                                                   "benchmark", "suite", "test set", "leaderboard", "arena")
            state.own_data[entity_key(name)] = EntityType.BENCHMARK if bench else EntityType.DATASET
    texts = [title, _dehyphenate(plain_text(paper.abstract or "")), _zh_sentences(plain_text(paper.abstract_zh or ""))]
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        doc = nlp.make_doc(text)
        doc.user_data["kg_state"] = state
        doc.user_data["kg_is_title"] = i == 0
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    return _to_extraction(paper.id, state, scored)


def _method_probability(state: _PaperState, key: str, found: _Found, role: Predicate,
                        known_sentences: set[str], compared: set[str]) -> tuple[dict[str, float], float]:
    lexicon = state.lexicon
    known = any(lexicon.lookup(s) is not None for s in (found.name, *found.aliases))
    feats = scorer.features(found.name, found.aliases, found.rule, role is Predicate.PROPOSES, found.sentence,
                            found.support, state.title, known, lexicon.is_task(found.name),
                            near_known=not known and found.sentence in known_sentences, compared=key in compared,
                            generic_head=len(found.name.split()) > 1 and lexicon.is_generic(found.name.split()[-1]),
                            family=lexicon.model_family(found.name))
    return feats, scorer.probability(feats)


def _to_extraction(paper_id: str, state: _PaperState,
                   scored: list[tuple[str, list[str], dict[str, float], float]] | None = None) -> Extraction:
    mentions, dropped = [], set()
    known_sentences = {f.sentence for f in state.found.values()
                       if f.type is EntityType.METHOD and f.rule.startswith("gazetteer")}
    compared = {state.key(k) for w, loser, _, _ in state.wins for k in (w, loser)}
    for key, found in state.found.items():
        kind, role = found.type, found.role
        if kind is not EntityType.METHOD:
            kind = EntityType.BENCHMARK if found.benchmark_votes else EntityType.DATASET
            role = Predicate.EVALUATES_ON if kind is EntityType.BENCHMARK else Predicate.USES_DATASET
            conf = confidence(found.rule, found.support)
        else:
            if role not in (Predicate.PROPOSES, Predicate.USES):
                role = Predicate.USES
            feats, p = _method_probability(state, key, found, role, known_sentences, compared)
            if scored is not None:
                scored.append((found.name, list(found.aliases), feats, p))
            if p < scorer.threshold():  # the evidence, weighed, says it is not a method name
                state.rejected.append(("reject.scorer", found.name))
                dropped.add(id(found))
                continue
            conf = round(p, 3)
        mentions.append(Mention(type=kind, name=found.name, aliases=found.aliases, role=role,
                                introduced=found.introduced and kind is not EntityType.METHOD,
                                sentence=found.sentence, rule=found.rule, confidence=conf))
    relations, seen = [], set()
    for w, loser, sentence, rule in state.wins:
        a, b = state.found.get(state.key(w)), state.found.get(state.key(loser))
        if a is None or b is None or a is b or id(a) in dropped or id(b) in dropped or (a.name, b.name) in seen:
            continue
        if a.type is EntityType.METHOD and b.type is EntityType.METHOD:
            seen.add((a.name, b.name))
            relations.append(Relation(predicate=Predicate.OUTPERFORMS, subject=a.name, object=b.name,
                                      sentence=sentence, rule=rule, confidence=confidence(rule)))
    return Extraction(paper_id=paper_id, mentions=mentions, relations=relations)


def extract_papers(papers: list[Paper], gazetteers: tuple[str, ...] = (),
                   ner_model: str | Path | None = None) -> list[Extraction]:
    nlp = make_nlp(gazetteers, ner_model)
    return [extract_paper(p, nlp) for p in papers]
