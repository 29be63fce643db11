"""The typing decision for a method mention: a small logistic scorer over evidence,
instead of trusting whichever rule fired first.

Features (:func:`features`) are the rule that found the name, its shape (acronym,
inner capitals, digits, hyphen, words), how common its words are in English
(``wordfreq``), whether the paper defines it, how many sentences name it, whether the
title names it, a gazetteer hit, head words (technique, task) and cue words right
around it ("using X", "our X", "X model", "X dataset"). The weights are trained by
``bench/train_scorer.py`` (SciERC spans plus half A of both dev golds) and ship as
``data/scorer.json``; scoring is plain Python. The probability is the mention's
confidence; a mention below the shipped threshold is dropped as ``reject.scorer``.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from kg.extract.reject import FIELD_HEADS, zipf
from kg.extract.rules import _DATA_NAME

__all__ = ["features", "probability", "threshold", "CUES_BEFORE", "CUES_AFTER"]

# cue words, well-known in any methods section: what stands right before / after a name
CUES_BEFORE = (
    "our", "we", "using", "use", "uses", "used", "via", "with", "by", "based", "on", "of", "the", "a", "an",
    "and", "or", "than", "like", "as", "such", "including", "e.g.", "propose", "proposed", "introduce",
    "called", "named", "dubbed", "termed", "existing", "baseline", "baselines", "state-of-the-art",
    "in", "to", "for", "from", "into", "outperforms", "between", "vs", "versus", "language", "programming",
    "is", "are", "each", "per", "task", "problem", "field", "domain", "metric", "metrics", "measure", "models",
    "methods", "baselines", "frameworks", "architectures",
)
CUES_AFTER = (
    "model", "models", "framework", "method", "methods", "algorithm", "approach", "architecture", "network",
    "networks", "module", "layer", "loss", "attention", "agent", "system", "pipeline", "library", "toolkit",
    "platform", "language", "dataset", "datasets", "benchmark", "benchmarks", "corpus", "task", "tasks",
    "score", "metric", "problem", "theory", "theorem", "condition", "effect", "law", "and", "or", "is",
    "are", "outperforms", "achieves", "with", "on", "to", "of", "in", "for", "(", ")", ",", "-based",
    "family", "series", "variant", "variants", "backbone", "encoder", "decoder", "policy", "protocol",
    "process", "equation", "equations", "distribution", "data", "paradigm", "setting", "space",
)
# words anywhere in the sentence that say what kind of thing its names are
SENTENCE_WORDS = (
    "dataset", "datasets", "benchmark", "benchmarks", "corpus", "data", "hardware", "gpu", "device", "devices",
    "chip", "protocol", "standard", "format", "task", "tasks", "metric", "metrics", "score", "accuracy", "model",
    "models", "framework", "baseline", "baselines", "compared", "outperforms", "library", "trained", "fine-tuned",
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z\-.]*|[(),]")
_TECHNIQUE = re.compile(r"(?:ing|tion|sion|ment|model|net|network|former|er|or|search|descent|attention|"
                        r"regression|algorithm|method|framework|architecture|policy|loss|sampling|encoder)$", re.I)
# the heads of a field or task (reject.FIELD_HEADS) and of what a paper does or studies
_TASK = re.compile(r"(?:generation|retrieval|reasoning|prediction|estimation|analysis|problem|task|" + FIELD_HEADS + r")$",
                   re.I)
_CONCEPT = re.compile(r"(?:activations?|things|effects?|laws?|principles?|theor(?:y|em)s?|hypothes[ie]s|paradox|"
                      r"conditions?|phenomen(?:on|a)|property|properties|equations?|inequality|space|spaces|"
                      r"distributions?|functions?|matrix|matrices|problems?|games?|puzzles?|environment|"
                      r"environments|hardware|device|devices|protocols?|standard|format|language)$", re.I)


# a lower-case plural last word ("activations", "LLMs"); not "-ss", "-us", "-is" (loss, corpus, analysis)
_PLURAL_HEAD = re.compile(r"(?:[a-z]{2}|[A-Z]{2})(?<![su])(?<!ss)(?<!is)s$")
# what a name is right after a number says it is a metric or unit: "0.094 MAE", "12.6% PER", "3 GPUs"
_AFTER_NUMBER = re.compile(r"(?:\d[\d.,]*\s*%?|\d+(?:\.\d+)?\s*(?:x|×))\s*$")
# "Vision-Language-Action (VLA) models", "Key-Value (KV) cache": the definition names a modifier of a noun
_DEF_THEN = re.compile(r"^\s*\([^()]{1,20}\)\s*([a-z][a-z\-]+)")


def _whole_word_in(word: str, text: str) -> bool:
    at = text.find(word)
    while at >= 0:
        left = text[at - 1] if at > 0 else " "
        right = text[at + len(word)] if at + len(word) < len(text) else " "
        if not (left.isalnum() or left in "-_") and not (right.isalnum() or right in "-_"):
            return True
        at = text.find(word, at + 1)
    return False


def _words_around(sentence: str, name: str, aliases: list[str]) -> tuple[list[str], list[str], int]:
    """Up to three lower-cased tokens before the first mention of ``name`` (or an alias), two after, its offset."""
    at = -1
    for surface in (name, *aliases):
        at = sentence.find(surface)
        if at >= 0:
            length = len(surface)
            break
    if at < 0:
        low = sentence.lower().find(name.lower())
        if low < 0:
            return [], [], -1
        at, length = low, len(name)
    before = [t.lower() for t in _TOKEN.findall(sentence[max(0, at - 60):at])][-3:]
    tail = sentence[at + length:at + length + 40]
    after = [t.lower() for t in _TOKEN.findall(tail)][:2]
    if tail.startswith("-based"):
        after = ["-based", *after]
    return before, after, at


_CUES_BEFORE, _CUES_AFTER = frozenset(CUES_BEFORE), frozenset(CUES_AFTER)


@lru_cache(maxsize=1 << 14)
def _sentence_words(sentence: str) -> tuple[str, ...]:
    lowered = set(_TOKEN.findall(sentence.lower()))
    return tuple(w for w in SENTENCE_WORDS if w in lowered)


@lru_cache(maxsize=1 << 15)
def _name_features(name: str) -> tuple[tuple[str, float], ...]:
    """What the name's own letters say: shape, word frequency, head word."""
    f: dict[str, float] = {}
    words = name.split()
    parts = [p for w in words for p in w.split("-") if p]
    letters = [p for p in parts if any(c.isalpha() for c in p)]
    acronym = len(words) == 1 and sum(c.isupper() for c in name) >= 2 and not any(c.islower() for c in name)
    camel = any(re.search(r"[a-z][A-Z]|[A-Z]{2}[a-z]", w) for w in words)  # {2}, not {2,}: same answer, linear
    if acronym:
        f["acronym"] = 1.0
        if len(re.sub(r"[^A-Z]", "", name)) <= 2:
            f["acronym_short"] = 1.0
        elif len(re.sub(r"[^A-Z]", "", name)) >= 4:
            f["acronym_long"] = 1.0
    if camel:
        f["camel"] = 1.0
    if any(c.isdigit() for c in name):
        f["digit"] = 1.0
    if "-" in name:
        f["hyphen"] = 1.0
    f[f"words:{min(len(words), 3)}"] = 1.0
    if name[:1].islower():
        f["lower_start"] = 1.0
    if not acronym and not camel and not any(c.isdigit() for c in name) and all(p[:1].isupper() for p in letters):
        f["title_case"] = 1.0
    zipfs = [zipf(p.lower()) for p in letters] or [0.0]
    f["zipf_max"] = max(zipfs) / 8.0
    f["zipf_min"] = min(zipfs) / 8.0
    if all(z >= 3.0 for z in zipfs):
        f["all_common"] = 1.0
    last = parts[-1] if parts else name
    if len(words) > 1 or "-" in name:
        if _TECHNIQUE.search(last):
            f["head:technique"] = 1.0
        if _TASK.search(last):
            f["head:task"] = 1.0
        if _CONCEPT.search(last):
            f["head:concept"] = 1.0
        if " of " in name:
            f["of_inside"] = 1.0
    if _DATA_NAME.search(name) or re.search(r"\d+[KM]$", name):
        f["shape:data"] = 1.0
    if re.search(r"\w-to-\w", name):  # "Brain-to-Text", "Time-to-Collision": a mapping or a quantity
        f["to_compound"] = 1.0
    if name.count("-") >= 2 and len(words) == 1:  # "Vision-Language-Action", "User-to-Service-Account"
        f["hyphens:2+"] = 1.0
    if _PLURAL_HEAD.search(last) and not acronym and not any(c.isdigit() for c in name):  # "Positional embeddings", "GeLUs": a class, not one method
        f["plural_head"] = 1.0
    return tuple(f.items())


def features(name: str, aliases: list[str], rule: str, proposes: bool, sentence: str, support: int,
             title: str, gazetteer: bool, task: bool = False, near_known: bool = False,
             compared: bool = False, generic_head: bool = False, family: bool = False) -> dict[str, float]:
    """The evidence about one method mention, as named feature values (absent = 0).

    ``near_known``: another name in its sentence is a gazetteer method ("X, LoRA and Y");
    ``compared``: it is one side of an outperforms statement ("X outperforms Y");
    ``generic_head``: its last word is a class word of the lexicon ("Heterogeneous AI", "Edge LLM");
    ``family``: it starts with the family word of a gazetteer model ("Qwen9.1", "GPT-7-mini")."""
    f: dict[str, float] = {"bias": 1.0, f"rule:{rule}": 1.0}
    f.update(_name_features(name))
    flags = {"proposes": proposes, "defined": bool(aliases), "gazetteer": gazetteer, "task_head": task,
             "near_known": near_known, "compared": compared, "family": family and not gazetteer}
    f.update((key, 1.0) for key, on in flags.items() if on)
    if support >= 2:
        f["support:2+"] = 1.0
    if support >= 3:
        f["support:3+"] = 1.0
    if any(_whole_word_in(s, title) for s in (name, *aliases) if s):
        f["in_title"] = 1.0
    before, after, at = _words_around(sentence, name, aliases)
    if aliases and len(name.split()) == 1 and "-" not in name:  # a one-word long form: "Neurosymbolic (NS)"
        f["defined_one_word"] = 1.0
    if aliases and len(name.split()) >= 2 and f.get("title_case"):  # "Ridge Alignment Network (RAN)": a named technique's form
        f["defined_title_case"] = 1.0
    if aliases and name[:1].islower():  # "in-memory computing (IMC)": a defined lower-case term, often a field
        f["defined_lower"] = 1.0
    if generic_head and not f.get("camel") and not f.get("digit"):  # "Heterogeneous AI", not "MotionFlow Transformer"
        f["generic_head"] = 1.0
    if at > 0 and _AFTER_NUMBER.search(sentence[max(0, at - 12):at]):
        f["after_number"] = 1.0
    if aliases and at >= 0:
        then = _DEF_THEN.match(sentence[at + len(name):at + len(name) + 60])
        if then:
            f["def_then:" + (then.group(1) if then.group(1) in _CUES_AFTER else "other")] = 1.0
    if at == 0:
        f["sentence_start"] = 1.0
    if at > 0:
        left = sentence[max(0, at - 8):at].rstrip()[-1:]
        right = sentence[at + len(name):at + len(name) + 8].lstrip()[:1]
        if left in ",(" and right in ",)" and left + right != "()":
            f["in_list"] = 1.0
    for w in _sentence_words(sentence):
        f[f"sentence:{w}"] = 1.0
    if before[-2:] == ["such", "as"]:  # "methods such as X": an example of a kind, not "as" of a role ("as input")
        before = before[:-2] + ["such_as"]
        f["before:such_as"] = 1.0
    for w in before:
        if w in _CUES_BEFORE:
            f[f"before:{w}"] = 1.0
    for w in after:
        if w in _CUES_AFTER:
            f[f"after:{w}"] = 1.0
    return f


@lru_cache(maxsize=1)
def _model() -> dict:
    text = (resources.files("kg.extract") / "data" / "scorer.json").read_text(encoding="utf-8")
    return json.loads(text)


def threshold() -> float:
    return float(_model()["threshold"])


def probability(feats: dict[str, float]) -> float:
    """The trained model's probability that the mention is a method the guideline would list."""
    weights = _model()["weights"]
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
