"""Pattern rules over one sentence: name candidates, their kind and their role.

Every finding carries the name of the rule that produced it (``cue.propose``,
``acronym.definition``, ``context.benchmark`` …) so every edge in the graph can
say why it exists. Rules read English cue words and Chinese ones (提出, 基准,
数据集, 优于 …) around Latin-script names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.acronyms import find_definitions, find_reverse_definitions
from kg.extract.lexicon import Lexicon
from kg.extract.reject import (common_word, zipf, is_metric, lowercase_long_form_ok, rejection, score_measure,
                               strip_possessive, task_named)
from kg.ids import entity_key
from kg.model import EntityType

__all__ = ["Candidate", "find_candidates", "title_head_names", "outperform_pairs", "lagging_pairs", "score_pairs",
           "contrast_pairs", "SentenceCues", "cues_of"]

# ---- name candidates -------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+'’\-]*[A-Za-z0-9+]|[A-Za-z0-9]")
_VERSION = re.compile(
    r"^(v\d[\w.]*|V\d[\w.]*|\d+(\.\d+)*[a-z]?|Pro|Ultra|Mini|mini|Large|Base|Small|Medium|XL|XXL|"
    r"Turbo|Instruct|Chat|Plus|Max|Lite|Flash|Sonnet|Opus|Haiku|Nano|Next|Verified|Hard|Bench)$"
)
_SIZE = re.compile(r"^\d+(\.\d+)?[KMBTkmbt]$|^\d+[xX]\d+[BM]?$")
_BREAK_WORDS = {
    # capitalised function words and sentence openers that never start or join a name
    "The", "A", "An", "In", "On", "Of", "For", "To", "And", "Or", "But", "With", "By", "At", "As",
    "From", "We", "Our", "Us", "This", "These", "That", "Those", "Its", "It", "Their", "They",
    "However", "Moreover", "Furthermore", "Additionally", "Finally", "Specifically", "Then",
    "Here", "There", "Thus", "Hence", "Therefore", "While", "When", "Where", "Which", "What",
    "How", "Why", "Although", "Despite", "Since", "Because", "To", "Unlike", "Compared",
    "Existing", "Recent", "Previous", "Current", "Most", "Many", "Some", "Such", "Each",
    "Both", "All", "Experiments", "Extensive", "Results", "Code", "Our", "Overall", "First",
    "Second", "Third", "Secondly", "Thirdly", "Lastly", "Notably", "Importantly", "Instead",
    "Given", "Using", "Based", "Through", "Via", "Over", "Under", "After", "Before", "Beyond",
    "Toward", "Towards", "Inspired", "Motivated", "Building", "Leveraging", "Empirically",
    "Theoretically", "Experimental", "Comprehensive", "Code", "Data", "Project", "Page",
    "Yet", "Also", "Not", "No", "Only", "Even", "Still", "Further", "Besides", "Similarly",
    "Conversely", "Consequently", "Meanwhile", "Currently", "Recently", "Traditionally",
    "Nevertheless", "Nonetheless", "Indeed", "Is", "Are", "Can", "Do", "Does", "Should",
    "Will", "Would", "Could", "May", "Might", "Must", "Let", "Extensive", "New", "Novel",
    "Across", "Among", "Amongst", "Within", "Without", "Against", "Along", "Between", "During", "Upon",
    "Into", "Onto", "Throughout", "Versus", "Except", "Per",
}


_GERUND = re.compile(r"^[A-Z][a-z]{3,}ing$")


@lru_cache(maxsize=1 << 16)
def _kind(word: str) -> str:
    """'name' (inner capitals/digits/acronym), 'cap' (Capitalised), 'ver', 'size' or 'low'."""
    if _SIZE.match(word):
        return "size"
    core = word.replace("-", "").replace(".", "").replace("'", "").replace("’", "")
    has_digit = any(c.isdigit() for c in core)
    has_alpha = any(c.isalpha() for c in core)
    if word in _BREAK_WORDS:
        return "stop"
    if has_alpha and (any(c.isupper() for c in core[1:]) or (has_digit and not core.isdigit())):
        return "name"
    if core[:1].isupper():
        return "cap"
    if _VERSION.match(word):
        return "ver"
    return "low"


@dataclass
class Candidate:
    start: int  # char offsets in the sentence
    end: int
    text: str
    strong: bool  # has an inner capital, a digit, or several capitalised words
    capsonly: bool = False  # only Capitalised Words: a name only when a cue says so
    aliases: list[str] = field(default_factory=list)
    rule: str = "pattern.name"


def _spans(sentence: str) -> list[Candidate]:
    words = list(_WORD.finditer(sentence))
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        kind = _kind(words[i].group(0))
        if kind not in ("name", "cap") or _GERUND.match(words[i].group(0)):
            i += 1  # a name never starts with a verb: "Utilizing SimpleDC"
            continue
        j = i
        kinds = [kind]
        while j + 1 < len(words):
            gap = sentence[words[j].end() : words[j + 1].start()]
            nxt = words[j + 1].group(0)
            nk = _kind(nxt)
            if gap not in (" ", "-") or nk in ("low", "stop", "size"):
                break
            if nk == "ver" and not re.match(r"^(v?\d|V\d)", nxt) and kinds.count("cap") + kinds.count("name") == 0:
                break
            j += 1
            kinds.append(nk)
        start, end = words[i].start(), words[j].end()
        text = sentence[start:end]
        strong = "name" in kinds or kinds.count("cap") >= 2
        out.append(Candidate(start, end, text, strong, capsonly="name" not in kinds))
        i = j + 1
    return out


# URL/e-mail masking works token by token with string scans: linear on a token of any length
# (the single regex it replaces, (?:https?://|www\.)\S+|\S+@\S+\.\w+, was quadratic).
_TOKEN = re.compile(r"\S+")
_URL_START = re.compile(r"https?://|www\.")
_WORD_CHAR = re.compile(r"\w")
_ADJECTIVAL = re.compile(r"-(based|like|driven|guided|specific|aware|free|style|level|wise|augmented|"
                         r"extracted|generated|conditioned|centric|only|scale|sized|tuned|powered|enhanced|"
                         r"related|oriented|agnostic|dependent|independent|inspired|printed|integrated|"
                         r"theoretic|informed|intensive|friendly|ready|native|compatible|efficient|[a-z]+ed)$", re.I)
_MEASURE = re.compile(r"^\d[\d.,]*(?:[x×]|-?(?:bit|fold|shot|way|layer|dim|day|hour|step|round|class|level|"
                      r"core|node|gpu|token|k|m|b|times|x)s?)(?:\b|-|$)|^\d[\d.,]*-[a-z]+$|^\d[\d.]*[A-Za-z]{1,2}$", re.I)
_NOT_METHOD_AFTER = re.compile(r"^\s*[)）]?\s*(condition|assumption|inequality|theorem|lemma|bound|property|"
                               r"criterion|principle|distance|divergence|metric|score|dilemma|conjecture)s?\b|^\s*[)）]?\s*(条件|假设|定理|不等式|引理)", re.I)
_DESCRIPTION_AFTER = re.compile(r"^\s+(learning|architecture|framework|model|method|approach|network|module|system|"
                                r"algorithm|technique|strategy|mechanism|pipeline|paradigm|scheme|task|problem|"
                                r"setting|condition|dilemma|trade-off)s?\b")
def _lowercase_form(long_form: str, before: str) -> bool:
    """A long form written in lower case, also when only the sentence start capitalises it ("Positional embeddings (PE)")."""
    if long_form[:1].islower():
        return True
    rest = long_form.split(None, 1)[1:]
    return not before.strip() and bool(rest) and rest[0] == rest[0].lower() and long_form[1:].split()[0].islower()


# a one-word long form that is an adjective names a kind or a field, not a technique: "Neurosymbolic (NeSy)"
_ADJECTIVE_FORM = re.compile(r"[A-Z][a-z]{3,}(?:ic|al|ive|ous|ary)")
_ADJECTIVE_END = re.compile(r"[a-z](?:ent|ive|able|ible|ous|ful|less|ical)$")
# "… Kernel Alignment", "… Multimodal Agent": a phrase ending in a noun that only looks like an adjective
_NOUN_END = re.compile(r"\s\S*(?:ment|[Aa]gent|[Gg]radient|[Cc]omponent|[Cc]lient)s?$")
_PREFIXED = re.compile(r"^(multi|non|pre|post|cross|inter|intra|semi|self|sub|super|anti|meta)-", re.I)


_NAME_THEN_ADJECTIVAL = re.compile(r"^((?=[^\s-]*[A-Z0-9][^\s-]*[A-Z0-9])[^\s-]+)-(?:based|style|like|driven|mediated|hybrid|guided|"
                                   r"powered|enhanced|aware|specific|oriented|centric|assisted|augmented|inspired)"
                                   r"\s+\S")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ZH_GLOSS = re.compile(r"[\u4e00-\u9fff][（(]\s*([A-Z][A-Za-z0-9+.\-]*(?:\s+[A-Za-z0-9+.\-]+){1,7})\s*[)）]")


_ARCHITECTURE_AFTER = re.compile(r"\s+(?:architecture|model)(s?)\b")


def _known_then_model(name: str, after: str) -> bool:
    """ "the Mamba architecture", "Vision Transformer models" name the method; one word before a plural
    ("Qwen models") names a family of models."""
    m = _ARCHITECTURE_AFTER.match(after)
    return bool(m and (not m.group(1) or " " in name))


def _known_prefix(head: str, lexicon: Lexicon) -> bool:
    """A capitalised gazetteer method before an adjectival suffix: "Mamba-based", "Transformer-like"."""
    if not head[:1].isupper() or "-" in head:
        return False
    entry = lexicon.lookup(head)
    return entry is not None and entry.type is EntityType.METHOD


def _strippable(head: str, lexicon: Lexicon) -> bool:
    """A leading class acronym ("SOTA", "LLM") that is not part of the name after it."""
    return head.isupper() and head.isalpha() and lexicon.is_generic(head)


def _email_end(token: str) -> int:
    """End of ``name@host.tld`` at the start of ``token`` (0 if none): text, ``@``, at
    least one character, the last ``.`` followed by a word character, that word."""
    at = token.find("@", 1)
    if at < 0:
        return 0
    dot = len(token) - 1
    while dot > at + 1:
        dot = token.rfind(".", at + 2, dot)
        if dot < 0:
            return 0
        if dot + 1 < len(token) and _WORD_CHAR.match(token, dot + 1):
            end = dot + 1
            while end < len(token) and _WORD_CHAR.match(token, end):
                end += 1
            return end
    return 0


def _masked_spans(token: str) -> list[tuple[int, int]]:
    url = _URL_START.match(token)
    if url and url.end() < len(token):
        return [(0, len(token))]
    spans, start = [], 0
    email = _email_end(token)
    if email:
        spans.append((0, email))
        start = email
    url = _URL_START.search(token, start)
    if url and url.end() < len(token):
        spans.append((url.start(), len(token)))
    return spans


def mask_urls(sentence: str) -> str:
    """URLs and e-mail addresses blanked out (same length, so offsets hold)."""
    if "@" not in sentence and "://" not in sentence and "www." not in sentence:
        return sentence
    chars = list(sentence)
    for token in _TOKEN.finditer(sentence):
        for a, b in _masked_spans(token.group(0)):
            chars[token.start() + a : token.start() + b] = " " * (b - a)
    return "".join(chars)


_LOWER_WORD = re.compile(r"(?<![\w\-])[a-z][a-z\-]*[a-z]")
_LOWER_SUFFIX = re.compile(r"-(?:based|style|like|driven|guided|aware|augmented|enhanced|inspired|powered)$")


# a plural noun right after a lower-case technique makes it a modifier naming a kind of thing
_KIND_AFTER = re.compile(r"\s+(?:models|architectures|outputs|traces|abilities|capabilities|behaviou?rs|settings|"
                         r"regimes|paradigms|variants|families|layers|backbones)\b")


_OPENING_ADVERB = re.compile(r"[A-Z][a-z]+ly\s\S")
_NUMBER_MAP = re.compile(r"\d[\d.,]*[A-Za-z]?-to-\d[\d.,]*[A-Za-z]?$")  # "32-to-8", "4K-to-1K"
_SLASH_NUMBER = re.compile(r"/\d{1,3}(?![\w/.\-])")
_DOTTED_VERSION = re.compile(r"\s[1-9]\d?\.\d{1,2}(?:\s|$)")  # "4.8", "3.5"; not a score ("0.302")
_LOWER_TAIL = re.compile(r" ([a-z][a-z\-]*)(?: ([a-z][a-z\-]*))?")


def _with_lowercase_tail(sentence: str, cand: Candidate, lexicon: Lexicon) -> None:
    """Extend ``cand`` over the one or two lower-case words that complete a gazetteer method name."""
    m = _LOWER_TAIL.match(sentence, cand.end)
    if m is None:
        return
    for group in (2, 1):
        if m.group(group) is None:
            continue
        text = sentence[cand.start:m.end(group)]
        entry = lexicon.lookup(text) or (lexicon.lookup(text[:-1]) if text.endswith("networks") else None)
        if entry is not None and entry.type is EntityType.METHOD:  # also a plural: "Bayesian neural networks"
            cand.end, cand.text, cand.strong, cand.capsonly = m.end(group), text, True, False
            return


def _drop_first_word(cand: Candidate) -> None:
    """Cut the first word off ``cand`` and judge again whether what is left holds a name or only capitals."""
    head = cand.text.split(" ", 1)[0]
    cand.start, cand.text = cand.start + len(head) + 1, cand.text[len(head) + 1:]
    kinds = [_kind(w) for w in cand.text.split(" ")]
    cand.strong, cand.capsonly = "name" in kinds or kinds.count("cap") >= 2, "name" not in kinds


def lowercase_gazetteer(sentence: str, lexicon: Lexicon, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Gazetteer methods written in lower case: "we apply knowledge distillation", "chain-of-thought"."""
    stems = lexicon.lowercase_stems()
    original = sentence
    if sentence[:1].isupper() and sentence[1:2].islower():
        sentence = sentence[0].lower() + sentence[1:]  # "Knowledge distillation is …": the opener's capital
    texts = _LOWER_WORD.findall(sentence)
    if stems.isdisjoint(texts):
        return []  # most sentences: no word that starts such a name
    matches = list(_LOWER_WORD.finditer(sentence))
    hits = [i for i, t in enumerate(texts) if t in stems]
    phrases = lexicon.lowercase_phrases()
    out: list[Candidate] = []
    for i in hits:
        # "quantization-aware" starts a name itself; "chain-of-thought-based" counts as "chain-of-thought"
        for phrase in phrases.get(texts[i], ()) or phrases.get(_LOWER_SUFFIX.sub("", texts[i]), ()):
            n = len(phrase)
            if i + n > len(texts):
                continue
            last = texts[i + n - 1]
            core = _LOWER_SUFFIX.sub("", last)  # "chain-of-thought-based" counts as "chain-of-thought"
            if core != phrase[-1] or tuple(texts[i : i + n - 1]) != phrase[:-1]:
                continue
            start, end = matches[i].start(), matches[i + n - 1].start() + len(core)
            if sentence[start:end].count(" ") != n - 1:
                continue  # words not adjacent
            if _KIND_AFTER.match(sentence[end:end + 24]):
                break  # "in-context learning models", "chain-of-thought outputs": a kind of thing, not the technique
            if not any(a < end and start < b for a, b in taken):
                out.append(Candidate(start, end, original[start:end], True, rule="gazetteer.lowercase"))
                taken.append((start, end))
            break
    return out


def find_candidates(sentence: str, lexicon: Lexicon, known: set[str], title: bool = False,
                    weak_ok: "Callable[[Candidate], bool] | None" = None, cue_at: int | None = None,
                    ignored: set[str] | None = None,
                    rejected: list[tuple[str, str]] | None = None) -> list[Candidate]:
    """Name candidates in one sentence, acronym definitions merged with their long form.

    ``known`` holds folded names the paper has already defined or proposed, so
    a plain capitalised word such as "Mamba" counts once the paper names it.
    """
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    definitions = list(find_definitions(sentence))
    spans = [(d[0], d[1]) for d in definitions] + [(d[3], d[4]) for d in definitions]
    forward = len(definitions)
    definitions += [d for d in (find_reverse_definitions(sentence) if "(" in sentence else ())
                    if not any(a < max(d[1], d[4]) and min(d[0], d[3]) < b for a, b in spans)]
    for index, (ls, le, long_form, ss, se, short) in enumerate(definitions):
        if _NOT_METHOD_AFTER.match(sentence[se:]):
            taken += [(ls, le), (ss, se)]
            continue  # "the Kurdyka-Lojasiewicz (KL) condition"
        if lexicon.is_generic(long_form) or (lexicon.is_generic(short) and long_form[:1].islower()) or (
            lexicon.is_task(long_form) and not lexicon.lookup(long_form) and (cue_at is None or ls < cue_at)
        ):
            taken += [(ls, le), (ss, se)]
            if ignored is not None:
                ignored.add(entity_key(short))
                if short.endswith("s"):
                    ignored.add(entity_key(short[:-1]))  # "PDEs" defined as a concept: "PDE" too  # later bare "GCIL" is the task too
            continue
        # a known acronym with a long form the gazetteer does not know is still weighed by its long form:
        # "this systematic technology assessment report (STAR)" is a document whatever a STaR method is
        why = None if lexicon.lookup(long_form) else (
            rejection(long_form, sentence, ls, le, lexicon.is_generic)
            or ("reject.metric" if rejection(short) == "reject.metric" else None)
            or ("reject.task" if task_named(sentence, ls) else None)
            or ("reject.concept" if _ADJECTIVE_FORM.fullmatch(long_form) else None)  # "Neurosymbolic (NeSy)"
            or ("reject.concept" if _lowercase_form(long_form, sentence[:ls]) and not lowercase_long_form_ok(long_form)
                 and not re.search(r"\w[A-Z]", long_form) else None))  # "moTion Predictor" spells its acronym
        if why == "reject.class_word" and long_form[:1].isupper() and ((cue_at is not None and ls >= cue_at) or named_before(sentence, ls)):
            why = None  # "we propose Large Content and Behavior Models (LCBMs)": the paper's own name
        if why is not None:
            taken += [(ls, le), (ss, se)]
            if ignored is not None:
                ignored.add(entity_key(short))
                if short.endswith("s"):
                    ignored.add(entity_key(short[:-1]))  # "PDEs" defined as a concept: "PDE" too
            if rejected is not None:
                rejected.append((why, long_form))
            continue
        found.append(Candidate(ls, le, long_form, True, aliases=[short],
                               rule="acronym.definition" if index < forward else "acronym.reverse_definition"))
        taken += [(ls, le), (ss - 1, se + 1)]
    if _HAN.search(sentence):  # "图像上的注意力提示（Attention Prompting on Image）": the whole gloss
        for m in _ZH_GLOSS.finditer(sentence):
            text = m.group(1)
            if any(a < m.end(1) and m.start(1) < b for a, b in taken) or lexicon.is_generic(text):
                continue
            if " " in text and not lexicon.is_task(text):
                found.append(Candidate(m.start(1), m.end(1), text, True, rule="pattern.zh_gloss"))
                taken.append((m.start(1), m.end(1)))
    found += lowercase_gazetteer(sentence, lexicon, taken)
    for cand in _spans(sentence):
        if any(a < cand.end and cand.start < b for a, b in taken):
            continue
        if cand.start == 0 and _OPENING_ADVERB.match(cand.text) and common_word(cand.text.split(" ", 1)[0]):
            _drop_first_word(cand)  # "Usually DPO needs …": the sentence's opening adverb
        while " " in cand.text and "-" in cand.text.split(" ", 1)[0] and (
                _MEASURE.match(cand.text.split(" ", 1)[0]) or _NUMBER_MAP.match(cand.text.split(" ", 1)[0])):
            _drop_first_word(cand)  # "a 31.7M-parameter FooNet-3": the size before the name is not part of it
        slash = _SLASH_NUMBER.match(sentence, cand.end) if not cand.capsonly else None
        if slash:  # "ViT-B/16", "FooAttention-3/4": a patch size or a pair of versions is part of the name
            cand.end, cand.text = slash.end(), sentence[cand.start:slash.end()]
        if cand.capsonly and _DOTTED_VERSION.search(cand.text) and zipf(cand.text.split(" ", 1)[0].lower()) < 4.0:
            cand.capsonly, cand.strong, cand.rule = False, True, "pattern.versioned_name"  # "Zorvik Opus 4.8": a release
        if entity_key(cand.text) in lexicon.capital_prefixes():
            _with_lowercase_tail(sentence, cand, lexicon)  # "Monte Carlo simulation", "Tucker decomposition"
        adjectival = _ADJECTIVAL.search(cand.text)
        if adjectival and " " not in cand.text and (re.search(r"[A-Z0-9].*[A-Z0-9]", cand.text[:adjectival.start()])
                                                    or _known_prefix(cand.text[:adjectival.start()], lexicon)):
            # "DAgger-like approaches", "GPT-4-based agents": the name before the suffix is used
            cand.end, cand.text, cand.strong, cand.capsonly = cand.start + adjectival.start(), \
                cand.text[:adjectival.start()], True, False
        elif adjectival or _MEASURE.match(cand.text):
            continue
        if cand.capsonly and _ADJECTIVE_END.search(cand.text) and not _NOUN_END.search(cand.text):
            continue  # "Sample Efficient": an adjective phrase
        if cand.capsonly and _DESCRIPTION_AFTER.match(sentence[cand.end:]) and not (
                _known_prefix(cand.text, lexicon) and _known_then_model(cand.text, sentence[cand.end:])) \
                and not our_class(sentence, cand):
            continue  # "a Cross-scale Feature fusion architecture": a description ("the Mamba architecture" is Mamba)
        if _PREFIXED.match(cand.text) and lexicon.is_generic(_PREFIXED.sub("", cand.text)):
            continue  # "multi-LLM", "non-LLM"
        while " " in cand.text and _strippable(cand.text.split(" ", 1)[0], lexicon):
            # "SOTA ZoeDepth", "LLM Qwen2.5-Math-7B": the class word is not part of the name
            head = cand.text.split(" ", 1)[0]
            cand.start += len(head) + 1
            cand.text = cand.text[len(head) + 1 :]
            cand.strong = _kind(cand.text) == "name" or cand.text.count(" ") >= 1
            cand.capsonly = cand.capsonly or _kind(cand.text) == "cap"
        head = _NAME_THEN_ADJECTIVAL.match(cand.text) if "-" in cand.text else None
        if head:  # "DETR-based 3D detectors", "MoE-style PEFT": the name is the part before the suffix
            cand.text, cand.end, cand.strong, cand.capsonly = head.group(1), cand.start + head.end(1), True, False
        # a possessive stays inside a name a naming cue gives: "We call the policy Zeno's Planner"
        shift, text = strip_possessive(cand.text) if ("'" in cand.text or "’" in cand.text) and not (
            named_before(sentence, cand.start) and re.fullmatch(r"[A-Z]\w+['’]s(?:\s[A-Z][\w\-]*)+", cand.text)) \
            else (0, cand.text)
        if shift:  # "FooBench's attack template": a known owner is named too
            owner = re.sub(r"['’]s\s*$", "", cand.text[:shift])
            entry = lexicon.lookup(owner) if " " not in owner else None
            if entry is not None:
                found.append(Candidate(cand.start, cand.start + len(owner), owner, True, rule="gazetteer"))
        cand.start += shift
        text = text.rstrip("'’")
        if text.endswith("'s"):
            text = text[:-2]
        cand.text = text
        cand.end = cand.start + len(text)
        key = entity_key(text)
        at_start = not sentence[: cand.start].strip()
        # a class word the paper itself defined ("Multi-Layer Perceptron (MLP)") names that thing later on
        if (lexicon.is_generic(text) and key not in known) or not key or key.isdigit() or (ignored and key in ignored):
            continue
        entry = lexicon.lookup(text)
        why = None if entry else rejection(text, sentence, cand.start, cand.end, lexicon.is_generic)
        if why is None and (entry is None or entry.type is EntityType.METHOD) and score_measure(text, sentence, cand.start):
            why = "reject.metric"  # "0.094 MAE": the measure of a score, also when the gazetteer knows a method so named
            if ignored is not None:
                ignored.add(key)  # "… entries on TP": the same measure later in the paper
        if why is None and entry is None and task_named(sentence, cand.start):
            why = "reject.task"  # "the task of Symbolic Regression"
        if why is not None:
            if rejected is not None:
                rejected.append((why, text))
            continue
        if lexicon.lookup(text) or key in known:
            cand.rule = "gazetteer" if lexicon.lookup(text) else "pattern.known_name"
            found.append(cand)
            continue
        if not cand.strong and " " not in text and _SIZE_AFTER.match(sentence[cand.end:cand.end + 12]) \
                and not common_word(text, 2.5):
            cand.strong, cand.capsonly, cand.rule = True, False, "pattern.sized_name"  # "Zorvik 1.4B": a model's size
        if not cand.strong:
            if weak_ok is not None and not title and weak_ok(cand):
                cand.rule = "cue.listed" if listed_after_class(sentence, cand.start) else "pattern.cued_name"
                found.append(cand)
            continue
        if title and (cand.capsonly or " " in text):
            # Title Case runs words together: "Exploit LayerNorm Drift Tracking" still names LayerNorm
            for m in re.finditer(r"\S+", text):
                word = m.group(0)
                entry = lexicon.lookup(word) if re.search(r"[a-z][A-Z]|\d", word) else None
                if entry is not None and entry.type is EntityType.METHOD:
                    found.append(Candidate(cand.start + m.start(), cand.start + m.end(), word, True, rule="gazetteer"))
            continue
        if at_start and " " not in text and "-" not in text and _kind(text) == "cap":
            continue
        found.append(cand)
    return _with_sizes(sentence, sorted(found, key=lambda c: c.start), lexicon)


# a model's size or variant written after its name: "HRM-Text 1B", "Qwen 3.5 4B", "GPT-2 small" (kept: a size is a
# distinct model, and the lexicon still resolves it to its family)
_SIZE_AFTER = re.compile(r"^\s\d+(?:\.\d+)?[BMK]\b(?![\-./]\w)")  # not "35B/122B": several sizes name the family
_VARIANT_AFTER = re.compile(r"^\s(?:small|medium|large|base|tiny|mini|XL|XXL)\b"
                            r"(?=\s*(?:[,.;:)]|and\b|or\b|models?\b|variants?\b|checkpoints?\b|$))")


def _with_sizes(sentence: str, found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    for i, cand in enumerate(found):
        if cand.rule.startswith("acronym"):
            continue
        tail = sentence[cand.end:cand.end + 12]
        m = _SIZE_AFTER.match(tail) or (_VARIANT_AFTER.match(tail) if re.search(r"\d", cand.text)
                                         and lexicon.lookup(cand.text) else None)
        nxt = found[i + 1].start if i + 1 < len(found) else len(sentence)
        if m and cand.end + m.end() <= nxt:
            cand.end += m.end()
            cand.text = sentence[cand.start:cand.end]
    return found


# ---- cues ---------------------------------------------------------------------

_PROPOSE = re.compile(
    r"\b(?:we|this (?:paper|work|study|article)|our (?:work|paper|approach|method|framework|model|system)|"
    r"here,? we|in this (?:paper|work),? we)\b"
    r"[^.;]{0,120}?\b(propose[sd]?|proposing|present(?:s|ed)?|introduce[sd]?|introducing|develop(?:s|ed)?|design(?:s|ed)?|devise[sd]?|"
    r"build(?!\s+(?:on|upon|from|atop|around))|built(?!\s+(?:on|upon|from|atop|around|with|using))|create[sd]?|construct(?:s|ed)?|curate[sd]?|collect(?:s|ed)?|release[sd]?|contribute[sd]?|"
    r"establish(?:es|ed)?|formulate[sd]?|describe[sd]?|put forward|offer(?:s|ed)?|unveil(?:s|ed)?|train(?:s|ed)?)\b",
    re.I,
)
_PROPOSE_ZH = re.compile(r"(?:我们|本文|本研究|该研究|这项工作|本工作)[^。；]{0,20}?(提出|介绍|推出|引入|开发|设计|构建|发布|创建|建立|打造)")
_NAMED = re.compile(r"\b(?:called|named|dubbed|termed|coined|namely|denoted|referred to|short for)(?:\s+as)?\s*[:\"“']?\s*$"
                    r"|\bwe\s+call\s+(?:it|them|this|these\s+\w+|our\s+\w+|the\s+\w+)?\s*$"
                    r"|\bwe\s+refer\s+to\s+(?:it|them|this|these|their|its|our|the)(?:\s+[\w\-]+){0,2}\s+as\s*$"
                    r"|\bwe\s+(?:name|term|dub|call)\s+(?:this|these|our|the|such\s+an?)(?:\s+[\w\-]+){1,2}\s*(?:as\s+)?$"
                    r"|\bour\s+(?:final\s+|proposed\s+|new\s+|novel\s+)?(?:model|method|approach|framework|algorithm|"
                    r"system|architecture|agent|pipeline|technique)\s*,?\s*$"
                    # "our lightweight input-side defense, FooNorm, …": modifiers, then what the thing is, then its name
                    r"|\bour\s+(?:[a-z][\w\-]*\s+){0,3}(?:model|method|approach|framework|algorithm|system|architecture|"
                    r"agent|pipeline|technique|defen[cs]e|attack|module|mechanism|strategy|scheme|policy|tool|solver|"
                    r"planner|optimizer|estimator|regularizer|loss)\s*,\s*$", re.I)
_PASSIVE_PROPOSE = re.compile(r"^[^,.;]{0,40}?\b(?:is|are)\s+(?:also\s+|further\s+|then\s+)?(?:proposed|introduced|presented|developed)\b", re.I)
_PRIOR = re.compile(r"\b(?:previously|prior|earlier|existing|original|recently|widely|well-known|popular|vanilla|off-the-shelf|"
                    r"conventional|traditional|standard|classical|"
                    r"our previous|the original)\s+(?:released\s+|proposed\s+|introduced\s+|developed\s+|used\s+|adopted\s+)?"
                    r"(?:[\w\-]+\s+){0,1}$", re.I)
# "…, which extends KnotLM and ZephyrFormer": names the new method extends or adapts are prior work ("combines" often
# joins the paper's own new parts)
_REUSED = re.compile(r"\b(?:extend|augment|adapt)\w*\s+(?:the\s+|a\s+|an\s+)?"
                     r"(?:[A-Z][\w\-.]*(?:\s+[A-Z][\w\-.]*)*(?:\s*,\s*(?:and\s+)?|\s+and\s+))*$")
_ORG = re.compile(r"\b(Institute|University|Universit|Center|Centre|Centers|Laboratory|Laboratories|Lab|Labs|Inc|Corporation|"
                  r"Company|Foundation|Council|Agency|Association|Society|Department|Ministry|Organization|"
                  r"Organisation|Academy|College|School|Hospital|Control and Prevention|Disease Control)\b")
_NAMED_ZH = re.compile(r"(?:称为|名为|命名为|简称|即)\s*[“\"]?\s*$")
_APPOSITIVE = re.compile(r"^\s*(?:,|:|—|–|\(|，|：)?\s*(?:an?|the)?\s*(?:novel|new|simple|unified|general|efficient|scalable|"
                         r"lightweight|first|open|large-scale|comprehensive|challenging|modular|principled|"
                         r"versatile|powerful|robust|training-free|plug-and-play|family)\b", re.I)
_DATA_AFTER = re.compile(r"^\s*(?:['’]\d{2}\s+)?(?:\([^)]*\)\s*)?(?:(?:,|,?\s+which\s+is|\s+(?:is|was))\s*(?:a|an|the)\s+(?:[\w\-]+\s+){0,4})?(?:-\s*)?(dataset|data set|corpus|benchmark|suite|test ?set|leaderboard|challenge|collection|arena|split|cohort)s?\b", re.I)
_DATA_BEFORE = re.compile(r"\b(dataset|data set|corpus|corpora|benchmark|suite|test ?set|leaderboard)s?\s*"
                          r"(?:,|:|-|–|—|\(|called|named|dubbed|,?\s*namely|,?\s*including|,?\s*such as)?\s*"
                          r"(?:(?:the\s+)?(?=[\w\-.]*(?-i:[A-Z0-9]))[\w\-.]+(?:\s[\w\-.]+)?"
                          r"(?:\s*[,&]|\s+(?:and|or)\b)\s*(?:and\s+)?){0,6}$", re.I)
_LIST_ITEM = r"[A-Z0-9][\w\-.+']*(?:\s+[A-Z0-9][\w\-.+']*){0,2}"
_LIST_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
_DATA_LIST_AFTER = re.compile(_LIST_JOIN + r"(?:" + _LIST_ITEM + _LIST_JOIN + r"){0,6}" + _LIST_ITEM +
                              r"\s+(datasets?|data\s+sets?|benchmarks?|corpus|corpora|suites?|test\s*sets?)\b")
# "… on four benchmarks (A, B, C and D)", "datasets such as A, B and C", "benchmarks, including A and B"
_DATA_LIST = re.compile(r"\b(datasets|data\s+sets|corpora|benchmarks|test\s*sets|suites|leaderboards)\s*"
                        r"(?:\(\s*|:\s*|,?\s*(?:including|such\s+as|namely|like|e\.g\.,?|i\.e\.,?|viz\.?)\s+\(?)"
                        r"(?:(?!(?:and|or)\s)[A-Za-z0-9][\w\-.+']*(?:\s(?!(?:and|or)\s)[\w\-.+']+){0,3}\s*(?:,\s*|;\s*|\s(?:and|or|&)\s)"
                        r"(?:and\s+|or\s+)?){0,8}$", re.I)
_DATA_ZH_AFTER = re.compile(r"^\s*(?:[(（][^)）]*[)）]\s*)?(?:[，,]\s*(?:一个|一种|一套|首个|新的)[^，。；,]{0,30}?)?(数据集|基准|评测|测评|语料|测试集|榜单)")
_DATA_ZH_BEFORE = re.compile(r"(数据集|基准|语料库|测试集|榜单)\s*[“\"「]?\s*$")
# names whose last part says what they are: "Content Behavior Corpus", "Mobile-Eval-E", "MMBench", "ScienceQA"
_DATA_NAME = re.compile(r"(?:(?<=\w)[\s\-]|(?<=[a-z0-9]))(Corpus|Bench|Benchmark|Eval|Dataset|Set|Data|DB|QA|Arena|Suite|"
                        r"Leaderboard|Challenge|Tree[Bb]ank|Sky\s+Survey)(?:[\s\-]?(?:[A-Z]|\d[\w.]*|v\d+|Pro|Lite|Hard|Verified))?$|"
                        r"(?<=[A-Za-z0-9])(Gym|World)(?:[\s\-]?(?:[A-Z]|\d[\w.]*|v\d+|Pro|Lite|Hard|Verified))?$")
_BENCH_WORD = re.compile(r"benchmark|suite|test ?set|leaderboard|arena|基准|评测|测评|测试集|榜单", re.I)
_EVAL_CONTEXT = re.compile(
    r"\b(evaluat\w*|achiev\w*|accuracy|score[sd]?|results?|outperform\w*|state-of-the-art|sota|"
    r"experiments?|perform\w*|surpass\w*|improv\w*|tested|benchmark\w*|pass@\d|top-1|f1|bleu|%)|"
    r"优于|超过|超越|表现|准确率|性能|评估|评测|结果|得分|达到|取得|基准",
    re.I,
)
_ON_BEFORE = re.compile(r"\b(on|across|to)\s+(?:the\s+|both\s+|several\s+|multiple\s+|popular\s+|standard\s+|challenging\s+)?"
                        r"(?:(?-i:[A-Z0-9][\w\-.]*(?:\s+[A-Z0-9][\w\-.]*){0,2})(?:,|\s+and|\s+or)\s+){0,6}$", re.I)
_ON_BEFORE_ZH = re.compile(r"(在|(?<![优高低大小多少超等好强弱])于|基于)\s*(?:[\w\-. ]+[、，,和及与]\s*){0,6}$")
_OUTPERFORM = re.compile(
    r"\b(out-?perform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|"
    r"improves? (?:up)?on|better than|superior to)\b",
    re.I,
)
# what a win reduces: a cost or an error (a reduction of accuracy or coverage is no win)
_COST = (r"(?:errors?|loss(?:es)?|latency|latencies|costs?|compute|computation|memory|footprint|size|parameters|flops|"
         r"energy|time|runtime|overhead|traffic|bandwidth|storage|perplexity|variance|drift|violations?)")
# "X reaches 5x higher throughput than Y", "X is 3x faster than Y": a comparative that says X is ahead
_COMPARATIVE = re.compile(r"\b(?:(?:higher|stronger|greater|faster|more\s+(?:accurate|efficient|robust|faithful))\b"
                          r"(?!\s+(?:error|loss|latency|cost|perplexity|memory|variance|bias|risk|than\s+(?:expected|chance)))"
                          r"[^.;,()]{0,50}?\b(?:than|compared\s+(?:to|with)|relative\s+to)|"
                          # "smaller accuracy degradation than X": less of something bad
                          r"(?:smaller|lower|less|fewer)\s+(?:[\w\-]+\s+){0,2}(?:errors?|loss(?:es)?|latency|degradation|cost|"
                          r"memory|perplexity|overhead|drop|forgetting|regret)\b[^.;,()]{0,40}?\bthan|"
                          r"(?:improvements?|gains?|speedups?|(?:latency|error|cost|memory|energy|time)\s+reductions?|"
                          # "reducing model size by 4x-9x (Light) compared with X": a figure range and a short gloss
                          r"reduc(?:es|ing|ed)\s+(?:the\s+)?(?:[\w\-]+\s+)?" + _COST + r"\s+by)\b"
                          r"(?:[^.;,()]|(?<=\d)\.(?=\d)|\([^()]{1,20}\)){0,60}?\b(?:compared\s+(?:to|with)|relative\s+to))\b", re.I)
_OVER = re.compile(r"\b(improves? over|(?:improvements?|gains?|speedups?|advantages?)\b[^.;,]{0,60}?\b(?:over|against)|"
                   # "reduces latency by 43% over X", "by 2.1 points over X"
                   r"by\s+(?:up\s+to\s+|about\s+|roughly\s+|~)?[\d.]+\s*(?:%|x|×|-?fold|times|points?|percentage\s+points?|pp)"
                   r"(?:\s+and\s+[\d.]+\s*(?:%|x|×|points?))?(?:\s+on\s+average)?\s+over)\b", re.I)
# "X reduces both compute and peak memory by 80% compared to Y", "reducing tracking error compared to Y": less of
# a cost or an error than Y
_REDUCED = re.compile(r"\b(?:reduc(?:es|ing|ed)|cut(?:s|ting)?|lower(?:s|ing|ed)|decreas(?:es|ing|ed))\s+"
                      r"(?:the\s+|both\s+|its\s+|their\s+)?(?:[\w\-]+\s+){0,3}?" + _COST +
                      r"(?:\s+(?:and|or)\s+(?:[\w\-]+\s+){0,3}?" + _COST + r")?\b"
                      r"(?:[^.;,()]|(?<=\d)\.(?=\d)){0,50}?\b(?:compared\s+(?:to|with)|relative\s+to)\b", re.I)
# "X ranked first, ahead of Y (46.1%) and Z (44.3%)": a ranking that puts X before Y
# "X ranks first, followed by Y", "X is preferred over Y by the raters"
_AHEAD = re.compile(r"\b(?:(?:well|far|clearly|just|slightly|comfortably)\s+)?ahead\s+of\b|\branks?\s+above\b|"
                    r"\b(?:rank(?:s|ed)?|place[sd]?|finish(?:es|ed)?|come[s]?|came)\s+first\b"
                    r"[^.;()]{0,60}?,?\s+followed\s+by\b|"
                    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?preferred\s+(?:over|to)\b", re.I)
_COMPARED = re.compile(r"^(?:compared (?:with|to)|relative to|in comparison (?:with|to)|against)\s+([^,;]{2,120}),\s*"
                       r"(?:our\s+|the proposed\s+|the new\s+)?(.{2,80}?)\s+(?:achieves|improves|yields|reduces|increases|"
                       r"obtains|delivers|gains|attains|boosts|cuts|shows|offers|is|runs)\b", re.I)
_OUTPERFORM_ZH = re.compile(r"(优于|超过|超越|胜过|击败|领先于|好于|比(?=[^，。；]{0,60}?(?:提升|提高|高出|更快|更好|更优|更强)))")


@dataclass(frozen=True)
class SentenceCues:
    propose_at: int | None  # char offset just after the propose verb
    is_zh: bool


def cues_of(sentence: str) -> SentenceCues:
    zh = bool(re.search(r"[\u4e00-\u9fff]", sentence))
    m = (_PROPOSE_ZH if zh else _PROPOSE).search(sentence)
    if m is None and zh:
        m = _PROPOSE.search(sentence)
    if m is None and not zh and "ontribution" in sentence:
        m = _CONTRIBUTION.search(sentence)  # "Our key contribution is the X, a route grammar for …"
    return SentenceCues(propose_at=m.end() if m else None, is_zh=zh)


def proposed_passively(sentence: str, end: int) -> bool:
    """ "an algorithm termed X is proposed", "a EpsMix algorithm is also proposed"."""
    return bool(_PASSIVE_PROPOSE.match(sentence[end:]))


def prior_work(sentence: str, start: int) -> bool:
    """ "our previously released FooSim", "the recently proposed X": earlier work, used here."""
    return bool(_PRIOR.search(sentence[max(0, start - 50) : start]))


def reused(clause: str) -> bool:
    """Whether a name right after ``clause`` is one the new method extends or adapts."""
    return bool(_REUSED.search(clause[-120:]))


# "we propose a planner that draws on two route solvers, A and B, as critics": what the proposal uses,
# up to the name, with no new thing ("a novel …", "called …") named in between
_USES_IN_CLAUSE = re.compile(r"\b(?:leverag(?:es?|ing)|utili[sz](?:es?|ing)|employ(?:s|ing)?|repurpos(?:es?|ing)|"
                             r"exploit(?:s|ing)?|harness(?:es|ing)?|rel(?:y|ies|ying)\s+on|(?:builds?|building|built|is\s+built)"
                             r"\s+(?:up)?on|draw(?:s|ing)?\s+on|adopt(?:s|ing)?|uses|using|driven\s+by|powered\s+by|"
                             # "…, outperforming the two best bots, namely X": what the proposal beats
                             r"out-?perform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|compared\s+(?:to|with)|"
                             r"versus|vs\.)\b"
                             r"(?P<rest>[^.;:()]{0,90})$", re.I)
_NEW_IN_REST = re.compile(r"\b(?:novel|new|our|proposed|called|named|dubbed|termed|propos\w*|introduc\w*|present\w*|"
                          r"design\w*|develop\w*|which|that)\b", re.I)


def used_in_clause(clause: str) -> bool:
    """Whether a name right after ``clause`` (the propose cue's clause up to the name) is one the proposal uses:
    "… a toolkit that reuses an idle sensor board, X, …", "… which draws on A and B as critics"."""
    m = _USES_IN_CLAUSE.search(clause[-140:])
    return m is not None and not _NEW_IN_REST.search(m.group("rest"))


# "We draw links between A, B and C": the names are what is related, not what is new
_RELATED = re.compile(r"\b(?:connections?|links?|relationships?|relations|equivalences?|correspondences?|"
                      r"comparisons?|contrasts?)\s+(?:among|between|across|of)\b[^.;:]*$", re.I)


def related_in_clause(clause: str) -> bool:
    """ "we draw links between A, B and C", "we present a comparison of A and B": prior names related."""
    return bool(_RELATED.search(clause[-140:]))


# "Our main contribution is the X, a …": a propose cue without "we … propose"
_CONTRIBUTION = re.compile(r"\b(?:main|central|key|primary|core|principal|major)\s+contributions?\s+"
                           r"(?:of\s+(?:this|the)\s+(?:paper|work|article)\s+)?(?:is|are|includes?|lies\s+in)\b", re.I)


_OUR_BEFORE = re.compile(r"\bour\s+(?:proposed\s+|new\s+|novel\s+)?$", re.I)
_CLASS_AFTER = re.compile(r"\s+(?:algorithm|method|module|framework|model|mechanism|strategy|architecture|pipeline|technique|"
                          r"loss|scheme|policy|layer|block|network|system|agent|approach|estimator|regularizer)s?\b")


def our_class(sentence: str, cand: Candidate) -> bool:
    """ "our Guided Drift algorithm": Title Case words between "our" and what the thing is name the paper's own."""
    return bool(_OUR_BEFORE.search(sentence[max(0, cand.start - 20) : cand.start])
                and _CLASS_AFTER.match(sentence, cand.end))


def looks_like_org(text: str) -> bool:
    return bool(_ORG.search(text))


def named_before(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 48) : start]
    return bool(_NAMED.search(before) or _NAMED_ZH.search(before))


_LISTED = re.compile(
    r"\b(?:models|methods|baselines|architectures|approaches|algorithms|frameworks|optimizers|LLMs|VLMs|techniques|"
    r"systems|variants|competitors|solvers|agents|detectors|backbones)\s*,?\s*\(?\s*(?:including|such as|like|"
    r"e\.g\.,?|namely)\s+(?:[A-Z][\w\-.]*(?:\s[\w\-.]+)?\s*,\s*(?:and\s+|or\s+)?|[A-Z][\w\-.]*\s+(?:and|or)\s+){0,6}$",
    re.I)


def listed_after_class(sentence: str, start: int) -> bool:
    """ "baselines such as Foo, Barnet and Quux": a name in a list a method class word introduces."""
    return bool(_LISTED.search(sentence[max(0, start - 140):start]))


_NAMELY = re.compile(r"\bnamely\s*[:\"“']?\s*$", re.I)
_OWN_NAMELY = re.compile(r"\b(?:our|a\s+new|a\s+novel|the\s+proposed|this\s+new)\s+(?:[\w\-]+\s+){0,2}"
                         r"(?!(?:tests?|experiments?|results?|evaluations?|settings?|work|paper|study|analys[ie]s|case|"
                         r"cases|suite|baselines?|comparisons?)\b)[\w\-]+\s*,?\s*namely\s*[:\"“']?\s*$", re.I)


# "a Sparse Relational Memory Transformer", "a Layered Contour Graph Network": a Title Case phrase of three
# or more words after "a/an" that ends in an architecture head names one built thing, not a topic
_ARTEFACT_HEAD = re.compile(r"(?:\s[A-Z][\w\-]*){2,}\s(?:Transformer|Network|Architecture|Autoencoder|Encoder|Decoder|"
                            r"Model|Module|Mechanism|Framework|Algorithm|Router|Planner|Optimizer|Agent|Engine|Controller|"
                            r"Retriever|Memory|Classifier|Generator|Verifier|Selector|Scheduler|Predictor|Tokenizer|"
                            r"Simulator)$")
_INDEFINITE = re.compile(r"\b[Aa]n?\s+$")


def named_artefact(sentence: str, cand_text: str, start: int) -> bool:
    """Whether the capitalised phrase ``cand_text`` at ``start`` is "a/an <Title Case words> <architecture head>"."""
    # the pattern ends at the head after two Title Case words, so the last three words decide (a search over the
    # whole span is quadratic in its length)
    tail = " ".join(cand_text.split()[-3:])
    return bool(_INDEFINITE.search(sentence[max(0, start - 4):start]) and _ARTEFACT_HEAD.search(" " + tail))


# "a novel hybrid framework, called X", "a new solver named X": what is new is given its name
_NEW_NAMED = re.compile(r"\b(?:a|an)\s+(?:novel|new)\s+(?:[\w\-]+\s+){0,3}?[\w\-]+\s*,?\s*"
                        r"(?:called|named|dubbed|termed|coined)\s*[:\"“']?\s*$", re.I)


def new_named(sentence: str, start: int) -> bool:
    """ "a novel framework, called X": a new thing's name, whoever the sentence's subject is."""
    return bool(_NEW_NAMED.search(sentence[max(0, start - 90) : start]))


# "The resulting 7B model FooChem achieves …": what the paper's procedure produced, named
_RESULTING = re.compile(r"\b(?:the|our)\s+resulting\s+(?:[\w\-]+\s+){0,2}?(?:model|method|system|agent|policy|framework|"
                        r"pipeline|detector|network|classifier|planner|solver|checkpoint)s?\s*,?\s*(?:called\s+|named\s+)?$", re.I)


def resulting_named(sentence: str, start: int) -> bool:
    """ "the resulting 7B model X": the model the paper's own procedure produced."""
    return bool(_RESULTING.search(sentence[max(0, start - 60) : start]))


def names_own(sentence: str, start: int) -> bool:
    """A naming cue for the paper's own thing: "called X", "our method, namely X"; not "the baselines, namely X"."""
    before = sentence[max(0, start - 90) : start]
    if _NAMELY.search(before):
        return bool(_OWN_NAMELY.search(before))
    return named_before(sentence, start)


_COMPONENT = re.compile(r"\b(?:consists?\s+of|comprises?|(?:is|are)\s+composed\s+of|introduces?|incorporates?|features?|"
                        r"contains?|includes?|uses|employs|(?:is|are)\s+equipped\s+with|(?:is|are)\s+built\s+around)\b"
                        r"[^.;]{0,160}$", re.I)


def component_verb(sentence: str, start: int) -> int | None:
    """Where the "consists of / introduces / uses" verb before ``start`` begins, if any: "X comprises a Y (ACR)"."""
    m = _COMPONENT.search(sentence[:start])
    return m.start() if m else None


def appositive_after(sentence: str, end: int) -> bool:
    return bool(_APPOSITIVE.match(sentence[end : end + 60]))


# "…, KnotMap, a novel heatmap method", "Double Knot, our joint tuning of …": an appositive that says the thing is new
_NEW_APPOSITIVE = re.compile(r"^\s*(?:\([^()]{1,20}\))?\s*,\s*(?:(?:an?|the)\s+(?:novel|new|first)\b|our\s+(?!(?:results?|"
                             r"experiments?|analys[ie]s|findings|evaluations?|stud(?:y|ies)|work|paper|baselines?)\b)"
                             # "…, our joint tuning of …" (no name of its own after "our": "…, our tuned Foo model achieves")
                             r"(?-i:(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*)\s*(?:of|for|with|that|which|to|,|\.|$))", re.I)


def new_appositive(sentence: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by ", a novel/new …" or ", our …" anywhere in the sentence."""
    return bool(_NEW_APPOSITIVE.match(sentence[end : end + 40]))


_DATA_WORDS = ("dataset", "data set", "benchmark", "corpus", "corpora", "suite", "test set", "testset", "leaderboard")


def _has_data_word(text: str) -> bool:
    return any(w in text for w in _DATA_WORDS)


# "three L-band benchmark datasets", "a decoy-annotated Multi-Hop benchmark": the word before the data word
# describes a kind of data, it does not name one
_COUNTED = re.compile(r"(?:\b(?:a|an|two|three|four|five|six|seven|eight|nine|ten|dozens?\s+of|several|multiple|many|"
                      r"various|numerous|diverse|other|some|few|more|most|all|any|each|these|those)|(?<![\w\-.])\d[\d,]*\+?)\s+"
                      r"(?:[\w\-]+\s+){0,2}$", re.I)


_OPENER = re.compile(r"\s*(?:on|in|across|for|from|using|with|over|under|at)\b[^,;]*$", re.I)


def _described(sentence: str, cand: Candidate, cue: re.Match[str]) -> bool:
    """ "on three L-band benchmark datasets", "Static benchmark evaluations", "(Normal vs. Fallen)": no data name."""
    if common_word(cand.text, 4.0):
        return True  # one everyday English word ("Static", "Normal", "Tanks") is not a data name on its own
    plural = cue.group(1).lower() == "corpora" or bool(re.match(r"s\b|\s+(?:datasets|benchmarks|corpora|suites|data\s+sets)\b",
                                                                sentence[cand.end + cue.end(1):]))
    counted = _COUNTED.search(sentence[max(0, cand.start - 40) : cand.start])
    # "a decoy-annotated Multi-Hop benchmark" describes; "a large-scale ADC-Robotics dataset" names
    plain = all(re.fullmatch(r"[A-Z][a-z]+", w) for w in re.split(r"[\s\-]+", cand.text))
    return bool(counted and (plural or (plain and counted.group(0).split()[0].lower() in ("a", "an"))))


# the edition or track after a data name: "BioASQ 13b", "Brain-to-Text '25", "FooQA 12b Task B"
_EDITION = re.compile(r"\s(?:\d{1,2}[a-z]|['’]\d{2})(?:\s+Task\s+[A-Z0-9]\b)?(?![\w'’\-])")


def data_edition(sentence: str, cand: Candidate) -> None:
    """Extend a data name over its edition ("BioASQ 13b"), which the span rules leave out as a model size."""
    m = _EDITION.match(sentence, cand.end) if cand.end < len(sentence) and sentence[cand.end] == " " else None
    if m:
        cand.end += m.end() - m.start()
        cand.text = sentence[cand.start : cand.end]


# "the CHB-MIT seizure detection benchmark", "the Foo open dataset": a name, then what it holds, then the data word
_DATA_MODIFIED = re.compile(r"\s+((?:(?!(?:model|method|architecture|framework|baseline|agent|system|pipeline)s?\b)"
                            r"[a-z][a-z\-]*(?<!ed)\s+){1,3})(dataset|benchmark|corpus|database|leaderboard|challenge)\b")
_THE_BEFORE = re.compile(r"\b(?:the|public|publicly\s+available|standard|canonical|official|widely[\s\-]used)\s+"
                         r"(?:[\w\-]+\s+){0,2}$", re.I)
# "existing datasets in this domain lack captions, such as FooSet": a data word, then (no other kind of thing) "such as"
_DATA_SUCH = re.compile(r"\b(?:datasets|data\s+sets|corpora|benchmarks|test\s*sets)\b"
                        r"(?:(?!\b(?:models?|methods?|baselines?|LLMs?|systems?|approaches|algorithms?|architectures?|"
                        r"tasks?|metrics?|tools?|agents?|frameworks?|techniques?)\b)[^.;:()]){0,140}?"
                        r"\b(?:such\s+as|including|e\.g\.,?)\s+(?:[A-Z0-9][\w\-.+']*(?:\s[\w\-.+']+)?\s*,\s*"
                        r"(?:and\s+|or\s+)?){0,6}$")
# "the test split of FooSet", "the training set of BarCorpus"
_SPLIT_OF = re.compile(r"\b(test|validation|dev|development|evaluation|held-out|training|train)\s+"
                       r"(?:set|split|subset|partition|portion)s?\s+of\s+(?:the\s+)?$", re.I)


# "a FooSet-trained model", "BarCorpus-pretrained encoders": the name before the suffix is training data
_TRAINED_SUFFIX = re.compile(r"-(?:pre-?trained|trained|fine-?tuned|finetuned)\b")
_CURATED = re.compile(r"\b(?:curate[sd]?|collect(?:s|ed)?|annotate[sd]?|compile[sd]?|crawl(?:s|ed)?|gather(?:s|ed)?|"
                      r"scrape[sd]?)\s+(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,3}?$", re.I)


def trained_suffix(sentence: str, cand: Candidate) -> bool:
    """ "a MedFoo-trained CLIP model": a name written with "-trained/-pretrained/-fine-tuned" after it."""
    return bool(_TRAINED_SUFFIX.match(sentence, cand.end)) and not re.fullmatch(r"[A-Z]{2,5}", cand.text)


def curated(sentence: str, propose_at: int, start: int) -> bool:
    """ "we curate FooSet", "we collect and annotate BarQA": a name a data-making verb introduces."""
    return bool(_CURATED.search(sentence[max(0, propose_at - 30) : start]))


def data_kind(sentence: str, cand: Candidate) -> tuple[EntityType | None, str]:
    """The kind the words around a candidate give it, with the rule name."""
    after = sentence[cand.end : cand.end + 40]
    before = sentence[max(0, cand.start - 40) : cand.start]
    cue = _DATA_AFTER.match(after) or _DATA_ZH_AFTER.match(after)
    if cue and re.search(r"(?:\bL?LMs?|\b[Mm]odels?)$", cand.text):
        return None, ""  # "Foo LM suites": a family of models
    if cue and not (cue.re is _DATA_AFTER and _described(sentence, cand, cue)):
        bench = bool(_BENCH_WORD.search(cue.group(1)))
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.data_word_after"
    if cue:
        return None, "described"
    cue = _DATA_BEFORE.search(before) or _DATA_ZH_BEFORE.search(before)
    if cue and common_word(cand.text, 4.0):
        return None, "described"  # "a two-class dataset (Normal vs. Fallen)"
    if cue and cue.re is _DATA_BEFORE and re.match(r"\s*,", before[cue.end(1):]) and cue.group(1) != "corpora" \
            and _OPENER.match(sentence[: cand.start - len(before) + cue.start()]):
        cue = None  # "On the FooSet test set, BarNet achieves …": after one data set, the clause's subject
    if cue:
        bench = bool(_BENCH_WORD.search(cue.group(1)))
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.data_word_before"
    ahead = sentence[cand.end : cand.end + 160].lower() if ("," in after or " and " in after or " or " in after) else ""
    cue = _DATA_LIST_AFTER.match(sentence, cand.end) if _has_data_word(ahead) else None
    if cue:  # "on FooQA, BarSet and Baz benchmarks": every item of the list, not only the last
        bench = bool(_BENCH_WORD.search(cue.group(1))) or bool(_EVAL_CONTEXT.search(sentence))
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.data_list"
    window = sentence[max(0, cand.start - 160) : cand.start]
    cue = _DATA_LIST.search(window) if ("(" in window or "," in window or ":" in window) \
        and _has_data_word(window.lower()) else None
    if cue:
        bench = bool(_BENCH_WORD.search(cue.group(1))) or bool(_EVAL_CONTEXT.search(sentence))
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.data_list"
    modified = _DATA_MODIFIED.match(sentence, cand.end) if _THE_BEFORE.search(before) else None
    if modified and not common_word(cand.text) and not model_shaped(sentence, cand):
        bench = modified.group(2) in ("benchmark", "leaderboard", "challenge")
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.data_word_modified"
    split = _SPLIT_OF.search(before) if " of " in before else None
    if split:
        bench = not split.group(1).lower().startswith("train")
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.split_of"
    window = sentence[max(0, cand.start - 240) : cand.start]
    such = _DATA_SUCH.search(window) if ("such as" in window or "including" in window or "e.g." in window) \
        and _has_data_word(window.lower()) else None
    if such:
        bench = bool(re.search(r"benchmark|test", such.group(0)[:12], re.I)) or bool(_EVAL_CONTEXT.search(sentence))
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "context.data_such_as"
    shape = _DATA_NAME.search(cand.text)
    if shape:
        bench = not re.match(r"(?i)corpus|data|dataset|set|db", shape.group(1) or shape.group(2))
        return (EntityType.BENCHMARK if bench else EntityType.DATASET), "shape.data_name"
    return None, ""


_METHOD_HEADS = re.compile(
    r"(models?|distillation|tuning|learning|optimi[sz]ation|attention|networks?|transformers?|search|sampling|"
    r"training|regression|descent|prompting|decoding|encoding|embeddings?|polic(y|ies)|algorithms?|methods?|"
    r"frameworks?|architectures?|estimation|inference|guidance|diffusion|agents?|encoders?|decoders?)$", re.I)


def method_like(name: str) -> bool:
    """Names whose head word makes them a technique, whatever context they sit in."""
    return bool(_METHOD_HEADS.search(name.strip()))


_EVAL_LIST = re.compile(
    r"\b(?i:experiments?|evaluations?|evaluated|evaluate|evaluating|tested|tests|testing|validated|validation|"
    r"results|benchmarked|state-of-the-art(?:\s+(?:results|performance))?)\s+"
    r"(?i:(?:conducted|performed|carried\s+out)\s+)?(?i:on|across)\s+(?:the\s+)?"
    r"(?:[A-Z0-9][\w\-.]*(?:\s+\d[\w.]*|(?:\s+[A-Z][\w\-.]*){1,2})?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,6}$")


_TRAINED_ON = re.compile(r"\b(?:(?:pre-?)?train(?:ed|ing)?|fine-?tun(?:ed|ing)|post-?train(?:ed|ing)|"
                         r"distill(?:ed|ing)|instruction-tun(?:ed|ing))\s+(?:\w+\s+){0,2}?(?:on|using)\s+"
                         r"(?:the\s+|a\s+mixture\s+of\s+|(?:about|over|roughly)\s+[\d.]+[KMBT]?\s+)?"
                         r"(?:[A-Z0-9][\w\-.]*(?:\s+[\w\-.]+)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)){0,4}$")


def trained_on(sentence: str, cand: Candidate) -> bool:
    """ "pretrained on FooCorpus and BarText", "fine-tuned on Baz-1M": the data a model is trained on."""
    window = sentence[max(0, cand.start - 100) : cand.start]
    if "rain" not in window and "tun" not in window and "distill" not in window:
        return False
    return not model_shaped(sentence, cand) and bool(_TRAINED_ON.search(window))


def evaluated_list(sentence: str, cand: Candidate) -> bool:
    """ "Experiments on Foo-1K, BarSet and Baz 2020 show …": a name in the list after an evaluation phrase."""
    window = sentence[max(0, cand.start - 160) : cand.start]
    if " on " not in window and " across " not in window:
        return False
    return bool(_EVAL_LIST.search(window)) and not model_shaped(sentence, cand)


_HARDWARE = re.compile(r"(?:^|[\s\-])(?:CPU|GPU|NPU|TPU|FPGA|ASIC|DSP|MCU|SoC|DRAM|SRAM|HBM|SSD)s?(?:$|[\s\-])")
_PARAMETER_COUNT = re.compile(r"(?:^|[\s\-])\d+(?:\.\d+)?[BbMm](?:$|[\s\-])")


def model_shaped(sentence: str, cand: Candidate) -> bool:
    """A name that reads as a model or a device, never as data: a parameter count ("Foo-16B-A3B", "bar-20b"), a
    modifier use ("GPT-style models") or a processor ("CPU-GPU", "Flash-NPU")."""
    return bool(_PARAMETER_COUNT.search(cand.text) or re.match(r"-[a-z]", sentence[cand.end : cand.end + 2])
                or _HARDWARE.search(cand.text))


_SCORE = re.compile(r"\b(?:state-of-the-art|SOTA|success\s+rates?|error\s+rates?|points|rank(?:ed|s)?|"
                    r"place|leaderboard)\b|\d\s*%", re.I)


def reports_score(sentence: str) -> bool:
    """Whether a sentence reports a result: a score, a rank, or a metric of data/metrics.txt ("3.32 PESQ")."""
    if _SCORE.search(sentence):
        return True
    return any(is_metric(w) for w in _WORD.findall(sentence) if w[:1].isupper() or w.isupper())


_TRANSFER = re.compile(r"\b(?:transfer|generali[sz]|appl|extend|adapt)\w*\s+(?:\w+\s+){0,2}$", re.I)


def scored_on(sentence: str, cand: Candidate) -> bool:
    """ "On FooSet, the model reaches 3.32 PESQ": a name right after "on/across" in a sentence that reports a score."""
    window = sentence[max(0, cand.start - 80) : cand.start]
    on = _ON_BEFORE.search(window)
    if on is None or (on.group(1).lower() == "to" and not _TRANSFER.search(window[: on.start()])):
        return False  # "GB to RF to NN": a chain, not data; "transfers to FooSet": data
    return reports_score(sentence)


_COMPARED_TO = re.compile(r"\b(?:compared|relative|similar|superior|inferior|comparable|close|equivalent|identical)"
                          r"\s*$", re.I)


def evaluated_on(sentence: str, cand: Candidate) -> bool:
    before = sentence[max(0, cand.start - 80) : cand.start]
    on = _ON_BEFORE.search(before) or _ON_BEFORE_ZH.search(before)
    if on and on.group(1).lower() == "to" and _COMPARED_TO.search(before[: on.start()]):
        return False  # "40% less memory compared to FooNet": what is compared with, not evaluated on
    return bool(on and _EVAL_CONTEXT.search(sentence)) and not model_shaped(sentence, cand)


def title_head_names(title: str) -> list[str]:
    """Names a title announces as its own: "Mamba: …", "Molmo and PixMo: …"."""
    head, sep, _ = title.partition(":")
    if not sep or len(head) > 60:
        return []
    names = [n.strip() for n in re.split(r"\s+(?:and|&)\s+|,\s*", head) if n.strip()]
    good = []
    for name in names:
        words = name.split()
        # "xHC: …", "mFoo-Net: …": a lowercase first letter is still a name when a capital follows inside the word
        if len(words) > 4 or not all(w[:1].isupper() or w[:1].isdigit() or _kind(w) == "name" for w in words):
            return []
        if len(words) > 1 and not any(_kind(w) == "name" for w in words):
            return []  # "Deep Learning: …" is a heading, not a name
        good.append(name)
    return good


_NEGATED = re.compile(r"\b(?:not(?!\s+only\b)|never|fails?\s+to|failed\s+to|cannot|can't|rarely|seldom|nor)\s+(?:\w+\s+){0,2}$|"
                      r"(?:并未|没有|未能|不能|无法|并不|不)\s*$", re.I)
_NO_SUBJECT = re.compile(r"^\s*(?:no|none\s+of\s+the)\s|^[^,;]*\bno\s+(?:other\s+|evaluated\s+|single\s+|existing\s+)?"
                         r"(?:model|method|baseline|system|approach)s?\b[^,;]*$", re.I)
_NEW_PREDICATE = re.compile(r"\b(?:and|but|while|whereas|yet)\s+(?:[a-z]+ly\s+|also\s+|further\s+|still\s+|even\s+)?(?:compet|match|rival|trail|lag|approach|remain|"
                            r"perform|achiev|reach|stay|fall|is\b|are\b|was\b|were\b|shows?\b|runs?\b|obtain|yield|"
                            r"demonstrat|improv|reduc|sets?\b|establish|generaliz|requir|uses?\b|using\b|deliver|maintain|"
                            r"provid|enabl|offer|preserv|scal|generat)", re.I)
_INNER_DOT = re.compile(r"(?<=\w)\.(?=\w)")  # "GPT-5.4", "Qwen2.5": a version, not a full stop
_ABBREVIATION_DOTS = re.compile(r"\b(?:e\.g|i\.e|vs|etc|al|cf)\.", re.I)
_PASSIVE_CUE = re.compile(r"^\s*by\b", re.I)


_LOSER_SLOT = re.compile(r"\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|better\s+than|superior\s+to|"
                         r"ahead\s+of|"  # "ahead of A (46.1%), B (44.3%) and C (42.6%)": a ranked list with scores
                         r"by\s+[\d.]+\s*(?:%|x|×|points?)(?:\s+and\s+[\d.]+\s*(?:%|x|×|points?))?\s+over)\s+"
                         r"(?:[^.;:]{0,60}?(?:\bsuch\s+as|\bincluding|\blike|\be\.g\.,?|\bnamely)\s+|\(\s*e\.g\.,?\s*)?"
                         r"(?:[\w\-.]+(?:\s*\([\d.,%\s]{1,12}\)|(?:\s+[\w\-.]+){0,2}\s*\([\d.,%\s]{1,12}\))?"
                         r"(?:,\s*(?:and\s+)?|\s+and\s+)){0,4}$", re.I)


def loser_slot(sentence: str, start: int) -> bool:
    """Whether ``start`` is where an "outperforms" cue names what it beats: "outperforming baselines such as X, Y"."""
    window = sentence[max(0, start - 120) : start]
    if not any(w in window for w in ("perform", "urpass", "beat", "than", "uperior", "over", "ahead")):
        return False
    return bool(_LOSER_SLOT.search(window))


def comparative_cue(sentence: str, cue_start: int) -> bool:
    """Whether the cue at ``cue_start`` is a comparative ("higher … than", "reduces latency … compared to")
    rather than a verb of beating."""
    return _COMPARATIVE.match(sentence, cue_start) is not None or _REDUCED.match(sentence, cue_start) is not None


def cue_rule(sentence: str, cue_start: int) -> str:
    """The registered rule of the cue at ``cue_start``."""
    if _COMPARATIVE.match(sentence, cue_start):
        return "cue.comparative"
    if _REDUCED.match(sentence, cue_start):
        return "cue.reduced_against"
    if _AHEAD.match(sentence, cue_start):
        return "cue.ahead_of"
    return "cue.outperform"


# "On a 9B Foo model, X improves …", "Across A and B backbones, X …": an opening phrase sets the scene; a
# name in it is a setting, not the subject of the clause after its comma
_OPENING = re.compile(r"\s*(?:on|in|across|for|under|at|with|using|over|among|from|within|after)\b"
                      r"[^,;:]{0,100},\s", re.I)


def opening_end(sentence: str, clause_start: int) -> int:
    """Where the clause's opening prepositional phrase ends (its comma), or ``clause_start`` if it has none."""
    m = _OPENING.match(sentence, clause_start)
    return m.end() if m else clause_start


# "every model outperforms X", "each of our variants beats X", "all three configurations surpass X": every
# system of the paper, so the paper's own method
_EVERY_OWN = re.compile(r"\b(?:every|each|all)\s+(?:of\s+)?(?:our\s+|the\s+|its\s+|these\s+)?"
                        r"(?:(?!(?:baselines?|other|competing|prior|previous|existing|compared|reference|tested|"
                        r"evaluated|open|proprietary)\b)[\w\-]+\s+){0,2}?"
                        r"(?:models?|variants?|configurations?|versions?|sizes?|checkpoints?|instantiations?|"
                        r"settings?)\s+"
                        r"(?:(?:\w+ly|also|still|all)\s+)*$", re.I)


# "Deployment experiments further show energy reductions of 2x compared with Y": a result with no system named is
# the paper's own method's
_RESULTS_SHOW = re.compile(r"^\s*(?:[\w\-]+\s+){0,2}?(?:experiments?|results?|evaluations?|tests|measurements|"
                           r"benchmarks|simulations|studies)\s+(?:\w+ly\s+|also\s+|further\s+)?"
                           r"(?:show|demonstrate|reveal|"
                           r"confirm|indicate|yield)s?\s+(?:that\s+)?[^,;:()]{0,80}$", re.I)


def results_show(sentence: str, cue_start: int) -> bool:
    """Whether the cue sits in "Experiments show <result> compared with Y", with no subject named before it."""
    return bool(_RESULTS_SHOW.match(sentence[:cue_start]))


def every_own_subject(sentence: str, cue_start: int) -> bool:
    """Whether the cue's subject is "every model" / "each of our variants": all the paper's own systems."""
    return bool(_EVERY_OWN.search(sentence[max(0, cue_start - 80):cue_start]))


_PASSIVE_BEATEN = re.compile(r"(?:outperformed|surpassed|beaten|exceeded|bettered)\b", re.I)


def outperformed_by(sentence: str, cue_start: int) -> bool:
    """ "X is outperformed by Y": the cue reads backwards."""
    m = _PASSIVE_BEATEN.match(sentence, cue_start)
    return bool(m and _PASSIVE_CUE.match(sentence[m.end() :]) and re.search(r"\b(?:is|are|was|were|be|been|being|get|gets)\s+"
                                                                         r"(?:\w+\s+)?$", sentence[:cue_start], re.I))


def outperform_pairs(sentence: str, cands: list[Candidate],
                     start: int = 0) -> tuple[int, int, list[Candidate], list[Candidate]] | None:
    """Split candidates around the first "outperforms" cue at or after ``start``: (cue start, cue end, left side,
    right side). The left side of a later cue starts at ``start`` ("A beats B, and exceeds C")."""
    m = _OUTPERFORM.search(sentence, start)
    comparative = _COMPARATIVE.search(sentence, start) if (" than " in sentence or "compared " in sentence
                                                           or "relative to" in sentence) else None
    if comparative is not None and (m is None or comparative.start() < m.start()):
        m = comparative
    reduced = _REDUCED.search(sentence, start) if ("compared " in sentence or "relative to" in sentence) else None
    if reduced is not None and (m is None or reduced.start() < m.start()):
        m = reduced
    ahead = _AHEAD.search(sentence, start) if ("ahead" in sentence or "above" in sentence or "followed" in sentence
                                                or "preferred" in sentence) else None
    if ahead is not None and (m is None or ahead.start() < m.start()):
        m = ahead
    m = m or (_OVER.search(sentence, start) if " over " in sentence or " against " in sentence else None) or _OUTPERFORM_ZH.search(sentence, start)
    if not m:
        return None
    if _NEGATED.search(sentence[max(0, m.start() - 40) : m.start()]) or _NO_SUBJECT.search(sentence[: m.start()]):
        return None  # "does not outperform", "no model outperforms X"
    clause = max(sentence.rfind(";", 0, m.start()), sentence.rfind("；", 0, m.start()), start - 1)
    if m.re is _COMPARATIVE or m.re is _REDUCED:  # "A, …, B is 3x faster than C": the subject is in its own clause
        clause = max(clause, sentence.rfind(",", 0, m.start()), sentence.rfind(")", 0, m.start()))
    if outperformed_by(sentence, m.start()):  # "Y is outperformed by X (and Z)": winners after "by"
        by = sentence.index("by", m.end()) + 2
        end = re.search(r"\b(on|in|across|while|with|under|at|when|for)\b|[;,.]", sentence[by:])
        winners = [c for c in cands if by <= c.start and c.end <= by + (end.start() if end else len(sentence))]
        losers = [c for c in cands if clause < c.start and c.end <= m.start()]
        return (m.start(), m.end(), winners, losers) if winners and losers else None
    tail = sentence[m.end() :]
    # the dots of "e.g." and "vs." end no clause (same length, so offsets hold)
    masked = _INNER_DOT.sub("_", _ABBREVIATION_DOTS.sub(lambda a: a.group(0).replace(".", "_"), tail)) if "." in tail else tail
    stop = re.search(r"\b(on|in|across|by|while|with|under|at|when|for)\b|[;.。；]|在", masked)
    limit = m.end() + (stop.start() if stop else len(tail))
    clause_end = _NEW_PREDICATE.search(masked)  # "outperforms A and achieves SOTA on B": B is not beaten
    limit = min(limit, m.end() + clause_end.start()) if clause_end else limit
    if m.re is _COMPARATIVE or m.re is _REDUCED:  # "… compared to A and up to 3x higher …": a new clause
        # … but "than A and iTransformer": a name after "and" is one more loser
        starts = {c.start for c in cands}
        more = next((a for a in re.finditer(r"\band\s+(?=[a-z0-9])", masked) if m.end() + a.end() not in starts), None)
        limit = min(limit, m.end() + more.start()) if more else limit
    # "…, outperforming models with more parameters, including X, Y and Z": the list counts
    listed = re.search(r"\b(including|such as|like|e\.g\.,?|namely)\s|包括|例如|如", tail)
    if listed and _NEW_PREDICATE.search(tail[: listed.start()]):
        listed = None  # "outperforms A and competes with models like B": B is not beaten
    if listed and m.end() + listed.start() >= limit:
        end = re.search(r"[;。；]", tail[listed.end():])
        list_start = m.end() + listed.end()
        list_end = list_start + (end.start() if end else len(tail) - listed.end())
    else:
        list_start = list_end = -1
    left = [c for c in cands if clause < c.start and c.end <= m.start()]
    right = [c for c in cands if m.end() <= c.start < limit or list_start <= c.start < list_end]
    return m.start(), m.end(), left, right


def compared_pairs(sentence: str, cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]] | None:
    """ "Compared with X and Y, our Z achieves …": (winners Z, losers X, Y)."""
    m = _COMPARED.match(sentence)
    if not m:
        return None
    losers = [c for c in cands if m.start(1) <= c.start and c.end <= m.end(1)]
    winners = [c for c in cands if m.start(2) <= c.start and c.end <= m.end(2)]
    return winners, losers


# "Y lags behind X", "Y falls short of X", "Y underperforms X": the cue reads backwards;
# "X leads on every task, while Y lags behind": the winner is the first name of the main clause
_LAGS = re.compile(r"\b(?:lag(?:s|ged|ging)?\s+(?:\w+\s+)?behind|trail(?:s|ed|ing)?(?:\s+behind)?|"
                   r"underperform(?:s|ed|ing)?|f(?:all|alls|ell|alling)\s+(?:\w+\s+)?short\s+of)\b", re.I)
_WHILE = re.compile(r"[,;]?\s*\b(?:while|whereas)\s+$", re.I)


def _cue_in_clause(cue: re.Pattern[str], sentence: str) -> tuple[re.Match[str], int] | None:
    """Where ``cue`` matches ``sentence`` (None when a negation stands just before it), and where its clause
    starts: the last comma or semicolon before it (-1: the sentence's start)."""
    m = cue.search(sentence)
    if not m or _NEGATED.search(sentence[max(0, m.start() - 40):m.start()]):
        return None
    return m, max(sentence.rfind(",", 0, m.start()), sentence.rfind(";", 0, m.start()))


def _last_before(cands: list[Candidate], clause: int, cue: int) -> list[Candidate]:
    """The last name of the clause before the cue (a list of at most one)."""
    return [c for c in cands if clause < c.start and c.end <= cue][-1:]


def lagging_pairs(sentence: str, cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]] | None:
    """ "Y lags behind X" → (winners X, losers Y); "X …, while Y lags behind" → (X, Y)."""
    found = _cue_in_clause(_LAGS, sentence)
    if found is None:
        return None
    m, clause = found
    losers = _last_before(cands, clause, m.start())
    stop = re.search(r"\b(?:on|in|across|by|while|with|under|at|when|for)\b|[;,.]", sentence[m.end():])
    limit = m.end() + (stop.start() if stop else len(sentence) - m.end())
    winners = [c for c in cands if m.end() <= c.start and c.end <= limit][:1]
    if not winners and clause >= 0 and _WHILE.search(sentence[:min(c.start for c in losers)] if losers else ""):
        winners = [c for c in cands if c.end <= clause][:1]  # "X leads, while Y lags behind"
    return (winners, losers) if winners and losers else None


# "X reaches 71.2% accuracy versus 64.0% for Y", "X attains 71.2, compared to 64.0 for Y",
# "X (71.2) vs. Y (64.0)": two scores side by side; the better one wins (lower when the measure is an error)
_SCORE_NUM = r"(\d+(?:\.\d+)?)\s*(?:%|[a-zA-Z]{1,3}\b)?"
_VERSUS_FOR = re.compile(_SCORE_NUM + r"[^.;()]{0,40}?,?\s+(?:versus|vs\.?|compared\s+(?:to|with))\s+" + _SCORE_NUM +
                         r"\s+(?:\w+\s+){0,2}?(?:for|by|of|with)\s+(?:the\s+)?$", re.I)
_VERSUS_PAREN = re.compile(r"^\s*\(\s*" + _SCORE_NUM + r"\s*\)\s*(?:,\s*)?(?:versus|vs\.?|compared\s+(?:to|with)|over)\s+$", re.I)
_LOWER_IS_BETTER = re.compile(r"\b(?:error|errors|loss|latency|perplexity|ppl|wer|cer|per|mae|mse|rmse|fid|cost|time|"
                              r"memory|energy|runtime|regret|distance)\b", re.I)


_NOT_A_SCORE = re.compile(r"\b(?:parameters?|params|tokens|flops|gflops|size|layers|samples|examples|steps|epochs)\b|"
                          r"\d(?:\.\d+)?\s?[KMBT]\b", re.I)


def score_pairs(sentence: str, cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]] | None:
    """Two methods' scores side by side: (winners, losers) by which score is better."""
    if not re.search(r"\b(?:versus|vs|compared)\b", sentence, re.I):
        return None
    if _NOT_A_SCORE.search(sentence):
        return None  # "2.77M parameters compared with 9.52M for Y": a size, not a result
    lower_better = bool(_LOWER_IS_BETTER.search(sentence))
    for i, a in enumerate(cands):
        for b in cands[i + 1:i + 3]:
            between = sentence[a.end:b.start]
            m = _VERSUS_FOR.search(between)
            if m:  # "A reaches 71.2% … versus 64.0% for B"
                x, y = float(m.group(1)), float(m.group(2))
            else:  # "A (71.2) vs. B (64.0)"
                m = _VERSUS_PAREN.match(between)
                after = re.match(r"\s*\(\s*" + _SCORE_NUM + r"\s*\)", sentence[b.end:])
                if not m or not after:
                    continue
                x, y = float(m.group(1)), float(after.group(1))
            if x != y:
                return ([a], [b]) if (x < y) == lower_better else ([b], [a])
    return None


# "A maintains higher reliability, whereas B and C exhibit significant inconsistencies": a better side, then the
# names of the worse side and a word that says they are worse
_CONTRAST = re.compile(r"\b(?:higher|better|stronger|superior|greater|more\s+(?:accurate|robust|stable|reliable|"
                       r"consistent))\b[^.;,]{0,60},?\s+(?:whereas|while)\s+", re.I)
_WORSE = re.compile(r"^[^.;,]{0,50}?\b(?:lower|worse|weaker|poor(?:er|ly)?|inconsisten\w*|degrad\w*|drops?|fail\w*|"
                    r"struggl\w*|collaps\w*|diverg\w*|unstable|instabilit\w*)\b", re.I)
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")


def contrast_pairs(sentence: str, cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]] | None:
    """ "A shows higher X, whereas B and C show lower X" → (winners A, losers B, C)."""
    found = _cue_in_clause(_CONTRAST, sentence)
    if found is None:
        return None
    m, clause = found
    winners = _last_before(cands, clause, m.start())
    losers, at = [], m.end()
    for c in cands:  # the coordinated names right after "whereas"
        if c.start < m.end():
            continue
        if c.start != at and not (losers and _JOIN.fullmatch(sentence[at:c.start])):
            break
        losers.append(c)
        at = c.end
    if not winners or not losers or not _WORSE.match(sentence[at:]):
        return None
    return winners, losers


# "outperforms all baselines", "beats every competing method": every method the paper compares with
_ALL_BASELINES = re.compile(r"\s+(?:all|every|each\s+of\s+the)\s+(?:the\s+)?(?:other\s+|competing\s+|compared\s+|"
                            r"evaluated\s+|considered\s+|tested\s+|strong\s+|existing\s+)?(?:[\w\-]+\s+)?"
                            r"(?:baselines?|methods|models|approaches|counterparts|competitors|alternatives|"
                            r"systems)\b", re.I)
_COMPARED_SLOT = re.compile(r"\b(?:against|compar(?:e|es|ed|ing)\s+(?:[\w\-]+\s+){0,4}?(?:with|to|against))\s+"
                            r"(?:the\s+)?"
                            r"(?:[\w\-.]+(?:\s+[\w\-.]+)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)){0,6}$", re.I)
_COMPARING = re.compile(r"\b(?:compar\w*|baselines?|versus|vs\.)", re.I)


def all_baselines(sentence: str, cue_end: int) -> bool:
    """Whether the cue ending at ``cue_end`` beats "all baselines" / "every competing method" without naming them."""
    return bool(_ALL_BASELINES.match(sentence, cue_end))


def compared_slot(sentence: str, start: int) -> bool:
    """Whether ``start`` is a name the paper compares with: "compared X against A, B and C", "we compare …
    models, including A and B", "baselines such as A"."""
    if not _COMPARING.search(sentence):
        return False
    return bool(_COMPARED_SLOT.search(sentence[max(0, start - 140):start])) or listed_after_class(sentence, start)

