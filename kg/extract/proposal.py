"""What the propose clause makes the paper's own: the names it only uses (means, modifiers, names listed with a
used one), the parts it brings in, the long form after the paper's own acronym, a variant written onto the own name,
and the title's technique the propose verb names in lower case.

``state`` is the extractor's per-paper state (its ``own``, ``found``, ``key``, ``add`` and ``lexicon``).
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract import rules
from kg.extract.acronyms import match_long_form
from kg.extract.reject import common_word
from kg.ids import entity_key
from kg.model import EntityType, Predicate

__all__ = ["MEANS", "MODIFIES", "POSED_BEFORE", "POSED_AFTER", "ECHO", "coordinated", "new_part", "own_compound",
           "own_expansion", "title_echo"]

# "we formulate X, a text-to-text task", "we introduce a novel problem: X": what the paper poses is no method
POSED_BEFORE = re.compile(r"\b(?:task|problem|setting|challenge)\s*(?::|,|called|named|termed|dubbed)?\s*$", re.I)
POSED_AFTER = re.compile(r"^\s*(?:\([^()]{1,20}\))?\s*,\s*(?:an?|the)\s+(?:[\w\-]+\s+){0,4}?(?:task|problem|setting)\b", re.I)
# a name the propose clause gives as a means, a source or a purpose ("using X", "based on a pretrained X", "for
# complex X tasks", "as a controlled X", "upon speech models (Xs)": lowercase words may stand between (a plural class
# before an acronym too), never "novel/new"
MEANS = re.compile(r"\b(using|uses|use|with|via|based on|on top of|from|of|like|such as|than|"
                   r"including|by|to|over|into|atop|upon|through|leveraging|utilizing|on|for|in|within|(?<!known\s)(?<!referred\sto\s)as)"
                   r"\s+(?:the\s+|a\s+|an\s+)?(?-i:(?:(?!(?:novel|new|proposed|our|own|first)\b)[a-z][\w\-]*\s+){0,2}"
                   r"(?:(?:[a-z][\w\-]*\s+){0,4}[a-z][\w\-]*[a-rt-z]s\s*\(\s*)?)$|"
                   r"(使用|利用|基于|采用|借助|通过)\s*$", re.I)
# "a map-agnostic X audit pipeline", "a Tip-of-Arm (ToA) subunit": a name followed by a lowercase noun that
# is not what the thing is (model, framework, …) modifies the unnamed proposal; verbs, plurals, participles,
# adjectives ("… System capable of", "… (AMR) agentic system") and function words after a name say nothing
_HEADS = (r"model|framework|architecture|approach|method|mechanism|algorithm|operator|module|network|system|agent|"
          r"pipeline|technique|strategy|scheme|policy|loss|layer|block|design|paradigm|library|toolkit|tool|platform|"
          r"benchmark|dataset|corpus|suite|protocol|language|engine|controller|planner|solver|optimizer|estimator|"
          r"classifier|detector|encoder|decoder|transformer|head|unit|cell|kernel|variant|family|series|version|"
          r"formulation|objective|regularizer|prior|attack|defen[cs]e|simulator|compiler|accelerator|chip|device")
MODIFIES = re.compile(r"(?:\s*\([^()]{1,20}\))?\s+(?!(?:" + _HEADS + r"|to|for|and|or|that|which|with|in|on|of|is|are|was|"
                      r"were|as|by|via|from|into|across|under|where|the|a|an|at|over|while|through|than|can|could|will|"
                      r"would|may|might|must|should|we|it|its|our|their|both|each|only|also|not|then|when|who|whose|"
                      r"within|without|between|among|upon|after|before|during|per|such|namely|so|if)\b)"
                      r"[a-z][a-z\-]*(?<!s)(?<!ed)(?<!ing)(?<!ly)(?<!ic)(?<!al)(?<!ble)(?<!ive)(?<!ous)(?<!ful)(?<!ary)"
                      r"(?<!ant)(?<!ent)\b(?!-)")
_COORDINATION_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|/|\s(?:and|or|&)\s+)")
_COMPOUND_PART = re.compile(r"[A-Z][a-z]{2,}")


def own_compound(state: Any, text: str) -> bool:
    """ "FlashFoo", "FooLite" of a paper that proposes Foo: one capitalised word written onto the paper's own name."""
    if " " in text or "-" in text:
        return False
    for own in state.own:
        hit = state.found.get(own)
        if hit is None or hit.type is not EntityType.METHOD or hit.role is not Predicate.PROPOSES:
            continue
        for name in (hit.name, *hit.aliases):
            if len(name) < 3 or " " in name or common_word(name) or sum(c.isupper() for c in name) < 2:
                continue
            if (text.endswith(name) and _COMPOUND_PART.fullmatch(text[: -len(name)])) or (
                    text.startswith(name) and _COMPOUND_PART.fullmatch(text[len(name):])):
                return True
    return False


_INDEFINITE_BEFORE = re.compile(r"\b(?:into|via|with|through|using|by)\s+an?\s+$", re.I)


def new_part(state: Any, sentence: str, cand: rules.Candidate) -> bool:
    """ "… externalizes memories into an Episodic Scene Store", "… via a Graph Route Scorer": a Title Case phrase of
    plain words no one has named before, brought in with "a/an", is a part of what the clause proposes."""
    return bool(" " in cand.text and all(w[:1].isupper() for w in cand.text.split()) and not cand.aliases
                and _INDEFINITE_BEFORE.search(sentence, 0, cand.start)
                and state.lexicon.lookup(cand.text) is None and state.key(cand.text) not in state.found
                and not state.lexicon.is_generic(cand.text) and not state.lexicon.is_task(cand.text))


def coordinated(sentence: str, cands: list[rules.Candidate]) -> list[list[rules.Candidate]]:
    """Runs of names joined only by "," "/" "and" "or": "A, B/C and D" is one run."""
    groups: list[list[rules.Candidate]] = []
    for c in cands:
        if groups and _COORDINATION_GAP.fullmatch(sentence[groups[-1][-1].end:c.start]):
            groups[-1].append(c)
        else:
            groups.append([c])
    return [g for g in groups if len(g) > 1]


ECHO = re.compile(r"\s+(?:(?:a|an|the)\s+)?(?:(?:novel|new|simple|general|principled)\s+)?"
                   r"(?P<name>[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+){1,3}?)"
                   r"(?=\s*(?:\([^()]{1,20}\)\s*)?(?:[,.;]|$|(?:strategy|method|technique|approach|framework|mechanism|"
                   r"scheme|algorithm|objective|loss|module|paradigm)\b))")
# a run starts at a word's start and takes whole words (possessive): linear on a title of any length
_TITLE_RUN = re.compile(r"(?<![\w\-])[A-Z][\w\-]*+(?:\s+[A-Z][\w\-]*+){1,3}")
_ECHO_NAMED_AFTER = re.compile(r"\s*(?:[a-z]+\s*)?,?\s*(?:called|named|namely|dubbed|termed)\b")


def title_echo(state: Any, sentence: str, propose_at: int, title: str) -> None:
    """ "Ridge Folding Distillation for …" as the title, "we further introduce a ridge folding distillation (RFD)
    strategy" in the abstract: what the propose verb names in lower case, as the title writes it in Title Case (a whole
    run of capitalised words), is the paper's own technique."""
    m = ECHO.match(sentence, propose_at)
    if m is None:
        return
    name = m.group("name")
    if name.lower() not in {r.group(0).lower() for r in _TITLE_RUN.finditer(title)}:
        return
    if state.lexicon.is_generic(name) or state.lexicon.lookup(name) or state.key(name) in state.found:
        return
    after = sentence[m.end("name"):m.end("name") + 40]
    if _ECHO_NAMED_AFTER.match(after):
        return  # "a novel route ordering approach, namely X": the name comes after the description
    if state.lexicon.is_task(name) and not re.match(r"\s*(?:\([^()]{1,20}\)\s*)?,\s*(?:a|an|which|that)\s", after):
        return  # "a general map building framework": a field the framework serves
    cand = rules.Candidate(m.start("name"), m.end("name"), name, True, rule="cue.title_echo")
    state.own.add(state.key(name))
    state.add(cand, EntityType.METHOD, Predicate.PROPOSES, sentence, "cue.title_echo")


_EXPANSION_GAP = re.compile(r"\s*(?::|,\s*(?:an?|the)?)\s*")


def own_expansion(state: Any, sentence: str, own: rules.Candidate, cand: rules.Candidate) -> int:
    """ "FOO: Fast Object Ordering, a …", "FOO, a Fast Object Orderer for …": Title Case words right after the paper's
    own acronym-like name whose words, to the end of the clause, spell it, are its long form (kept as its alias).
    Returns where that long form ends in ``sentence`` (-1 when ``cand`` starts none)."""
    if " " not in cand.text or cand.aliases or not _EXPANSION_GAP.fullmatch(sentence, own.end, cand.start) \
            or not all(w[:1].isupper() for w in cand.text.split()):
        return -1
    key = state.key(own.text)
    hit = state.found.get(key)
    if key not in state.own or hit is None or hit.type is not EntityType.METHOD:
        return -1
    if " " in own.text or sum(c.isupper() for c in own.text) < 2 or own.text[0].lower() != cand.text[0].lower():
        return -1
    clause = re.split(r"[,;:.()]", sentence[cand.start:])[0].split()
    # the fewest words from the candidate on that spell the whole name: "Fast Object Ordering via One full-pass Sweep"
    sizes = [k for k in range(len(cand.text.split()), len(clause) + 1) if match_long_form(own.text, clause[:k]) == 0]
    last_letter = [c for c in own.text.lower() if c.isalnum()][-1]
    # the word the last letter starts, else the first word that holds it: "… Multi-Depot Planning", not "… Multi-De(p)ot"
    size = next((k for k in sizes if clause[k - 1][:1].lower() == last_letter), sizes[0] if sizes else None)
    if size is None:
        return -1
    long_form = " ".join(clause[:size])
    if long_form not in hit.aliases:
        hit.aliases.append(long_form)
    state.alias_of[entity_key(long_form)] = state.alias_of[entity_key(cand.text)] = key
    last = list(re.finditer(r"\S+", sentence[cand.start:]))[size - 1]
    return cand.start + last.start() + len(clause[size - 1])
