"""Named rejection classes: the things that look like names but are not methods,
datasets or benchmarks — metrics, tasks, organisations/platforms/hardware,
languages, units and numbers, class words, fragments of longer spans.

Each class is read from a word list in ``kg/extract/data/`` (well-known field
vocabulary) or is a shape test; :func:`rejection` names the first class a
candidate falls in, so every dropped candidate can say why.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kg.ids import fold

__all__ = ["rejection", "common_word", "zipf", "lowercase_long_form_ok", "strip_possessive", "CLASSES"]

CLASSES = ("reject.fragment", "reject.number", "reject.unit", "reject.metric", "reject.task",
           "reject.organisation", "reject.language", "reject.class_word", "reject.concept", "reject.standard",
           "reject.role", "reject.modality")


class _Vocabulary:
    """Folded terms and folded prefixes (lines ending in "*") of one word list."""

    def __init__(self, name: str, folded: bool = True) -> None:
        text = (resources.files("kg.extract") / "data" / name).read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
        key = fold if folded else (lambda s: s)
        self.terms = frozenset(key(t) for t in lines if not t.endswith("*"))
        self.prefixes = tuple(key(t[:-1]) for t in lines if t.endswith("*"))

    def __contains__(self, text: str) -> bool:
        k = fold(text)
        return bool(k) and (k in self.terms or (bool(self.prefixes) and k.startswith(self.prefixes)))


@lru_cache(maxsize=1)
def _vocab() -> dict[str, _Vocabulary]:
    return {name: _Vocabulary(f"{name}.txt") for name in ("metrics", "tasks", "organisations", "languages",
                                                             "standards")}


def is_metric(word: str) -> bool:
    """A metric or measure of kg/extract/data/metrics.txt: "PESQ", "AUROC", "BLEU-4"."""
    return word in _vocab()["metrics"]


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    text = (resources.files("kg.extract") / "data" / "units.txt").read_text(encoding="utf-8")
    return frozenset(t.strip() for t in text.splitlines() if t.strip() and not t.startswith("#"))


_FRAGMENT_EDGE = set("_#$^\\")  # "{…}" is LaTeX emphasis around a whole name: \\emph{X}
_LATEX_WORD = re.compile(r"^(times|cdot|simeq|approx|sim|leq|geq|mathbf|mathcal|mathrm|textbf|textit|text|frac|"
                         r"sqrt|sum|prod|log|exp|pm|mp|infty|alpha|beta|gamma|delta|epsilon|lambda|sigma|theta|mu|lesssim|gtrsim|propto|"
                         r"ll|gg|ell|partial|nabla|mathbb|operatorname)"
                         r"(?:[-\d]|$)")
_LATEX_RELATION = re.compile(r"^[A-Za-z]{0,2}(?:leq|geq|neq|approx|lesssim|gtrsim|sim)\d")  # "k\\leq7" → "kleq7"
_NUMBER_UNIT = re.compile(r"^\d[\d.,]*([A-Za-z][A-Za-z0-9-]*)$")
_RANGE = re.compile(r"^\d[\d.,]*\s*[-–]\s*\d[\d.,]*(?:[x×%]|\s?times)?$|^\d[\d.,]*[x×]$")
_WORD_NUMBER = re.compile(r"^[a-z]+-\d[\d.]*$")  # "layer-5"
_LATIN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]")  # a name cut inside a word: "Cramér-Rao" → "r-Rao"
_AT_K = re.compile(r"^[A-Za-z]+@(?:\d+|k)$")  # "Recall@20", "pass@k"
_METRIC_HEAD = re.compile(r"\s(?:error|rate|score|index|ratio|accuracy|distance|divergence|precision|recall|"
                          r"coefficient|metric|measure|correlation|deviation|factor)s?$", re.I)
_ORG_HEAD = re.compile(r"\s(?:committee|commission|bureau|board|government|ministry|court|parliament|agency|"
                       r"consortium|alliance|university|institute|hospital|foundation|inc\.?|ltd\.?|corporation|OS)$", re.I)
_PLURAL_CLASS = re.compile(r"(?:models|llms|lms|vlms|mllms|networks|nets|transformers|agents|methods|systems|"
                           r"architectures|frameworks|algorithms|approaches|techniques|baselines|policies|"
                           r"learners|classifiers|detectors|encoders|decoders|optimizers|solvers)$", re.I)
_REFERENCE = re.compile(r"^(?:Task|Track|Subtask|Phase|Stage|Step|Part|Level|Type|Case|Section|Figure|Fig|Table|"
                        r"Appendix|Eq|Equation|Theorem|Lemma|Definition|Algorithm|Setting|Scenario|Round|Day|Week)"
                        r"\s+(?:[A-Z]|\d+|[IVX]+)$")
_INNER_ADJECTIVAL = re.compile(r"(?:^|\s)(?=\S*[A-Z0-9]\S*[A-Z0-9])\S+-(?:based|style|like|driven|mediated|hybrid|guided|powered|enhanced|aware|specific|"
                               r"oriented|centric|assisted|augmented|inspired)\s+\S")
_NUMBERED_STANDARD = re.compile(r"^(?:RFC|ISO(?:/IEC)?|IEC|IEEE|ITU-T|ANSI|NIST\s+SP|FIPS)\s*\d[\d.\-:]*[a-z]?$")
_COMPETITION = re.compile(r"\b(?:Cup|Challenge|Competition|Olympiad|Hackathon|Shared\s+Task)\s+(?:19|20)\d\d$")
# a radio or radar band, a rank cut-off: "X-band SAR", "P-band BIOMASS", "sub-6 GHz", "Top-2", "Top-k"
_BAND = re.compile(r"^(?:[A-Z]{1,2}|[A-Z]u)-band\b|^sub-\d[\d.]*\s?[GMkT]?Hz$")
_TOP_K = re.compile(r"^(?:Top|Bottom)-(?:\d+|[kKnN])$")
# a recording or imaging modality written out: "Electroencephalography", "Optical Coherence Tomography"
_MODALITY_WORD = re.compile(r"(?:graphy|scopy)$")
_QUARTER = re.compile(r"^(?:19|20)\d\d[-\s]?[QH][1-4]$|^[QH][1-4][-\s]?(?:19|20)\d\d$")  # "2015Q1", "Q3 2024"
# an acronym with a role word: "LLM-planner", "RL-controller", "KV-cache" (a part or a role, not a name);
# size and variant words stay names ("BERT-base", "T5-large")
_ROLE_PHRASE = re.compile(r"^[A-Z][A-Z0-9]{1,5}-([a-z]{4,})$")
# a technique word keeps the name: "H3-attention", "DPO-tuning"
_TECHNIQUE_WORD = re.compile(r"(?:attention|search|tuning|training|learning|distillation|prompting|regression|sampling|"
                             r"decoding|pruning|quantization|quantisation|merging|routing|embedding|encoding|(?:former|net|mixer)s?)$")
_VARIANT_WORDS = frozenset(("base", "large", "small", "tiny", "mini", "medium", "huge", "giant", "nano", "micro",
                            "lite", "plus", "instruct", "chat", "coder", "math", "turbo", "preview", "distill",
                            "distilled", "uncased", "cased", "multilingual", "vision", "audio", "code"))
# a capitalised formal object, not a technique: "Directed Acyclic Graphs", "Partially Observable Markov Decision Process"
_FORMAL_OBJECT = re.compile(r"\s(?:Decision\s+Process(?:es)?|Graphs?|Automat(?:on|a)|Equations?|Theorems?|Lemmas?|"
                            r"Inequalit(?:y|ies)|Conjectures?|Hypothes[ie]s|Disorders?|Syndromes?|Diseases?)$")
# a well-known phenomenon or failure of training, not a technique: "Catastrophic Forgetting", "Mode Collapse",
# "Reward Hacking", "Covariate Shift", "Exposure Bias", "Over-smoothing"
_PHENOMENON = re.compile(r"\s(?:Forgetting|Collapse|Shift|Drift|Hacking|Leakage|Bias|Overfitting|Over-?smoothing|"
                         r"Over-?squashing|Sycophancy|Memori[sz]ation|Grokking|Hallucinations?|Phenomenon|Paradox|Dilemma)$",
                         re.I)
# an imaging or signal modality, alone or with a modifier: "3D CT", "Real-time EEG", "resting-state fMRI"
# (after an acronym it is part of a resource's name: "SNOMED CT")
_MODALITY = re.compile(r"(?:^|(?<![A-Z]{4})\s)(?:CT|MRI|fMRI|EEG|iEEG|ECG|EKG|EMG|PET|SPECT|OCT|MEG|X-ray|X-rays)$")
_METRIC_SUFFIX = re.compile(r"\S-(?:F1|Acc|EM|AUC|AUROC|mAP|BLEU|ROUGE(?:-[L12])?)$")  # "InsightExtraction-F1"
# a pathogen or an epidemic, not a technique: "COVID-19", "SARS-CoV-2"
_PATHOGEN = re.compile(r"^(?:COVID-19|SARS-CoV-2|SARS-CoV|MERS-CoV|H1N1|H5N1|HIV-1|HIV|Ebola|Zika|mpox)$")
_CAMEL_SCORE = re.compile(r"^[A-Z][A-Za-z]*[a-z]Score$")  # "BiasScore": a score, not a method
_QUANT_SETTING = re.compile(r"^W\d+A\d+(?:KV\d+)?$")  # "W4A4", "W4A4KV4": bit widths of a quantisation run
# a document, a law or a rule book, not a technique: "Foo Security Advisory", "EU AI Act", "Style Manual"
_DOCUMENT_HEAD = re.compile(r"\s(?:Bulletins?|Advisor(?:y|ies)|Manuals?|Handbooks?|Guidelines|Act|Regulations?|Directives?|"
                            r"Charter|Treaty|Code\s+of\s+Conduct|[Rr]eports?)$")
# a plural of a name written with inner capitals: "MoEs", "dLLMs", "GeLUs" (a class of things, like "SSMs")
_PLURAL_ACRONYM = re.compile(r"[a-z]?[A-Z][a-z]?(?:[A-Z0-9][a-z]?){0,4}[A-Z]s")  # also with a digit: "S4Ms"
# a combination of input modalities or attention streams: "Vision-Language-Action", "Audio-Visual", "Key-Value"
_MODALITY_WORDS = frozenset(("vision", "visual", "language", "linguistic", "action", "audio", "acoustic", "text",
                             "textual", "image", "video", "speech", "tactile", "touch", "sound", "motion", "depth",
                             "key", "value", "query"))
# what the word right after a name says it is: "the IPS metric", "a Wasserstein-type measure"
_METRIC_AFTER = re.compile(r"^\s+(?:(?:metric|measure|criterion|statistic)\b(?!-)|p-values?\b|test\s+statistics?\b)")
_RELEASE = re.compile(r"v?\d+(?:\.\d+)+")  # a dotted release number: "3.12", "v2.4.1"
# a BibTeX citation key left in the text: "zorblax2031graph" (surname, year, first title word)
_CITATION_KEY = re.compile(r"^[a-z]{2,}(?:19|20)\d\d[a-z]+$")
# a word whose capitals spell an acronym inside a long form: "PArameter", "BEhavior" (a fragment of that long form)
_SPELLING_CAPS = re.compile(r"^[A-Z]{2}[a-z]{3,}$")
# an event, not a technique: "Foo Planning Meeting", "Bar Workshop"
_EVENT_HEAD = re.compile(r"\s(?:Meeting|Workshop|Symposium|Conference|Summit|Colloquium)s?$")
# a metric with its sample count or cut-off: "FID-50k", "KID-10K", "NDCG-20" (the metric, computed one way)
_METRIC_COUNT = re.compile(r"^(.+)-\d+[kKM]?$")
# a processor pair or a memory-processor path: "CPU-GPU", "Host-NPU", "DRAM-FPGA" (hardware, never a method);
# the first part a processor or an everyday word
_HARDWARE_PAIR = re.compile(r"^(CPU|GPU|NPU|TPU|FPGA|DSP|ASIC|DRAM|SRAM|HBM|[A-Z]?[a-z]+)[-/](?:CPU|GPU|NPU|TPU|FPGA|DSP|ASIC)s?$")
# a count with a bound before it: "sub-30K-parameter", "over-100B", "under-1ms" (a size, not a name)
_BOUNDED_NUMBER = re.compile(r"^(?:sub|over|under|near|super|ultra|above|below)-\d\S*$", re.I)
# a stochastic process as a formal object, in any case: "continuous-time Markov chain", "Markov decision process"
_MARKOV_OBJECT = re.compile(r"\bMarkov\s+(?:chains?|(?:decision\s+|jump\s+)?process(?:es)?)$", re.I)
_CLASS_HEAD = re.compile(r"(?:models|llms|lms|vlms|mllms|language models|foundation models|transformers|agents)$", re.I)


def strip_possessive(text: str) -> tuple[int, str]:
    """ "JD.com's NetSim" → (offset of "NetSim", "NetSim"); a name rarely holds "'s "."""
    m = re.search(r"['’]s\s+(?=\S)", text)
    if m is None:
        return 0, text
    return m.end(), text[m.end():]


# an acronym right after a score is that score's measure: "0.094 MAE", "12.6% WER", "0.79 AUROC"
_SCORED_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_SCORE_BEFORE = re.compile(r"(?<![\w.])(?:\d+\.\d+|\d+(?:\.\d+)?\s?%)\s*$")


def score_measure(text: str, sentence: str, start: int) -> bool:
    """Whether ``text`` at ``sentence[start:]`` is an acronym that names what a number before it measures."""
    return bool(_SCORED_ACRONYM.fullmatch(text) and _SCORE_BEFORE.search(sentence[max(0, start - 16):start]))


# "the task of Symbolic Regression", "the problem of Graph Coloring": what follows names a task
_TASK_OF = re.compile(r"\b(?:tasks?|problems?)\s+of\s+(?:the\s+)?$", re.I)


def task_named(sentence: str, start: int) -> bool:
    """Whether the candidate at ``sentence[start:]`` is named as a task ("the task of X")."""
    return bool(_TASK_OF.search(sentence[max(0, start - 24):start]))


def rejection(text: str, sentence: str = "", start: int = 0, end: int | None = None,
              is_generic=None) -> str | None:
    """The rejection class of a candidate ``text`` at ``sentence[start:end]``, or None.

    ``is_generic`` (the lexicon's class-word test) lets "<language> NLP" and
    "HLA LLMs" be recognised as class words.
    """
    end = start + len(text) if end is None else end
    before = sentence[start - 1] if start > 0 and sentence else ""
    after = sentence[end] if sentence and end < len(sentence) else ""
    # fragments of a longer span the word pattern cut: "C$^2$KV", "snake_case", "Cramér-Rao" → "r-Rao"
    if before in _FRAGMENT_EDGE or after in _FRAGMENT_EDGE or _LATIN.match(before) or _LATIN.match(after) or (
        after == "/" and sentence[end + 1:end + 2].isdigit()  # "ViT-B/16" cut at the slash
    ):
        return "reject.fragment"
    words = text.split()
    if words and words[0] in _units() and re.search(r"\d\s*$", sentence[max(0, start - 12):start]):
        return "reject.unit"  # "16 GB RAM" → "GB RAM"
    why = _text_rejection(text)
    if why is None and sentence and _METRIC_AFTER.match(sentence[end:end + 16]):
        why = "reject.metric"  # "the IPS metric"
    if why is not None or is_generic is None or len(words) < 2:
        return why
    if words[0] in _vocab()["languages"] and is_generic(" ".join(words[1:])):
        return "reject.class_word"  # "Bangla NLP"
    if words[0] in _vocab()["languages"] and " ".join(words[1:]) in _vocab()["tasks"]:
        return "reject.task"  # "Arabic NER", "Hindi speech recognition": a task in one language
    if _CLASS_HEAD.search(text) and re.search(r"[A-Z].*[A-Z]", words[0]) and not is_generic(words[-1]):
        return None  # "ACRONYM Models" where the acronym is a name: not a class word
    if _CLASS_HEAD.search(text):
        return "reject.class_word"  # "HLA LLMs", "Diffusion Language Models", "Vision foundation models"
    return None


@lru_cache(maxsize=1 << 16)
def _text_rejection(text: str) -> str | None:
    """The context-free part of :func:`rejection` (cached: names repeat across papers)."""
    vocab = _vocab()
    if "--" in text or re.search(r"[A-Za-z0-9]\+[A-Za-z0-9]", text):
        return "reject.fragment"  # "Kullback--Leibler", "IMU+GPS"
    words = text.split()
    if _RANGE.match(text) or _WORD_NUMBER.match(text) or _LATEX_WORD.match(text) or _LATEX_RELATION.match(text) or (
        text[:1].isdigit() and re.search(r"-[a-z]{3,}", text)
    ):
        return "reject.number"  # "2.0-3.3x", "layer-5", "times10", "1-million-token"
    if _REFERENCE.match(text):
        return "reject.number"  # "Task B", "Stage 2", "Table 3"
    if _CITATION_KEY.match(text) or (_SPELLING_CAPS.match(text) and zipf(text.lower()) >= 3.0):
        return "reject.fragment"  # "zorblax2031graph", "PArameter"
    if _BOUNDED_NUMBER.match(text):
        return "reject.number"  # "sub-30K-parameter"
    if re.match(r"^[A-Z]-shaped\s", text):
        return "reject.fragment"  # "S-shaped VDMs": a description around a name
    if _INNER_ADJECTIVAL.search(text):
        return "reject.fragment"  # "MoE-style PEFT", "X-based UAV": a description around a name
    if re.match(r"^[a-z]+-[A-Z]", text) and common_word(text.split("-")[0].capitalize()):
        return "reject.fragment"  # "isotropic-Gaussian"
    parts = [w for part in words for w in part.split("-")]
    if all(w.isupper() and len(w) > 1 and zipf(w.lower()) >= 5.5 for w in parts):
        return "reject.class_word"  # "IF-THEN", "AND": shouted English words
    units = _units()
    for w in words:
        m = _NUMBER_UNIT.match(w)
        if m and (m.group(1) in units or m.group(1).lower() in ("x", "k", "m", "b", "b-parameter")):
            return "reject.unit"  # "41.49dB PSNR", "Samsung 28nm"
    if text in units and not text.isupper():
        return "reject.unit"
    if re.fullmatch(r"[A-Z]{2,}s", text) or _PLURAL_ACRONYM.fullmatch(text):
        return "reject.class_word"  # "SSMs", "SKUs": a plural acronym is a class of things
    last = words[-1] if words else text
    if _AT_K.match(text) or text in vocab["metrics"] or (len(words) > 1 and last in vocab["metrics"] and last.isupper()):
        return "reject.metric"
    if len(words) > 1 and (_METRIC_HEAD.search(text) or (words[0] in vocab["metrics"] and words[0].isupper()
                                                        and re.fullmatch(r"[\d.,%@]+", " ".join(words[1:])))):
        return "reject.metric"  # "Mean Per-Keypoint Position Error", "AUROC 1.000"
    if text in vocab["tasks"]:
        return "reject.task"
    if len(words) == 2 and words[0] in vocab["standards"] and _RELEASE.fullmatch(last):
        return "reject.standard"  # "OpenAPI 9.4.1"
    if text in vocab["standards"] or _NUMBERED_STANDARD.match(text) or _COMPETITION.search(text) or (
            len(words) > 1 and _DOCUMENT_HEAD.search(text)):
        return "reject.standard"  # "PKCE", "RFC 8693", "EOS", "KDD Cup 2026"
    if (_FORMAL_OBJECT.search(text) or _PHENOMENON.search(text)) and text[:1].isupper() \
            and not re.search(r"\s(?:on|for|with|via|over)\s", text):
        return "reject.concept"
    if _BAND.match(text):
        return "reject.unit"
    if _TOP_K.match(text):
        return "reject.number"
    if _PATHOGEN.match(text):
        return "reject.concept"
    if _QUARTER.match(text) or _QUANT_SETTING.match(text) or re.search(r"\s\d+s$", text):
        return "reject.number"  # "2015Q1", "W4A4KV4", "HTTP 500s"
    count = _METRIC_COUNT.match(text)
    if _CAMEL_SCORE.match(text) or _METRIC_SUFFIX.search(text) or (count and count.group(1) in vocab["metrics"]):
        return "reject.metric"  # "FairnessScore", "Foo-F1", "FID-50k"
    pair = _HARDWARE_PAIR.match(text)
    if pair and (pair.group(1).isupper() or zipf(pair.group(1).lower()) >= 4.0):
        return "reject.organisation"  # "CPU-GPU", "Host-NPU": hardware ("OULU-NPU" is a dataset's name)
    if _MARKOV_OBJECT.search(text):
        return "reject.concept"  # "continuous-time Markov chain": a formal object, not a technique
    parts = text.split("-")
    if _MODALITY.search(text) or _MODALITY_WORD.search(text) or (len(words) == 1 and len(parts) >= 2 and all(p.lower() in _MODALITY_WORDS for p in parts)):
        return "reject.modality"
    m = _ROLE_PHRASE.match(text)
    if m and m.group(1) not in _VARIANT_WORDS and not _TECHNIQUE_WORD.search(m.group(1)) and zipf(m.group(1)) >= 3.0:
        return "reject.role"
    if text in vocab["organisations"] or (len(words) > 1 and last in vocab["organisations"]) or (
            len(words) == 2 and words[0] in vocab["organisations"] and _RELEASE.fullmatch(last)):
        return "reject.organisation"  # also a platform's release: "Zorbuntu 22.04" when the platform is listed
    if len(words) > 1 and (_ORG_HEAD.search(text) or _EVENT_HEAD.search(text)):
        return "reject.organisation"  # "Federal Open Market Committee"
    if len(words) == 2 and words[0] in vocab["languages"] and _RELEASE.fullmatch(last):
        return "reject.language"  # "Python 3.12"
    if text in vocab["languages"] or (len(words) > 1 and last in vocab["languages"] and all(
            common_word(w, 2.0) for w in words[:-1])):
        return "reject.language"  # "Standard Colloquial Foo", "Modern Standard Arabic": a variety of a language
    pair = re.split(r"-to-|[-–/]", words[0]) if len(words) <= 3 else []
    if len(pair) >= 2 and all(p in vocab["languages"] for p in pair) and all(
            w.lower() in ("smt", "nmt", "mt", "translation", "data", "corpus", "pairs", "pair", "task") for w in words[1:]):
        return "reject.language"  # "Chinese-English", "Persian-Arabic SMT": a language pair, not a name
    if len(words) > 1 and text[:1].islower() and _PLURAL_CLASS.search(text):
        return "reject.class_word"  # "state-space models"
    return None


@lru_cache(maxsize=1 << 15)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1 << 15)
def common_word(word: str, threshold: float = 3.0) -> bool:
    """A single capitalised word that is common English ("Extractor", "Cascade"): a name only under a naming cue."""
    if " " in word or not word[:1].isupper() or any(c.isupper() or c.isdigit() for c in word[1:]):
        return False
    return zipf(word.lower()) >= threshold


_METHOD_HEAD = re.compile(r"(ing|tion|sion|ment|ance|ence|ure|ism|system|algorithm|model|architecture|framework|"
                          r"method|attention|transformer|search|descent|regression|estimator|encoder|decoder|policy|"
                          r"gradient|optimizer|adapter|embedding|scheme|distillation|prompting|sampler|network|"
                          r"inference|tuning|training|learning|machine|forest|tree|filter|kernel|operator|"
                          r"autoencoder|head|layer|loss|objective|cache|memory|graph|field|process|chain|game)$")


# heads of a field, task or activity, not of one technique: "in-memory computing", "physical-layer authentication"
FIELD_HEADS = r"exploration|computing|multiplication|authentication|assessment|intelligence|processing|" \
              r"engineering|screening|diagnosis|monitoring|recognition|detection|classification|translation|" \
              r"segmentation|understanding|answering|forecasting|analytics|restoration|anticipation|neuroscience|science|" \
              r"informatics|linguistics"
_FIELD_HEAD = re.compile(FIELD_HEADS)


def lowercase_long_form_ok(long_form: str) -> bool:
    """A lowercase acronym long form names a technique when its head is singular and technique-like.

    "adaptive Fourier decomposition" yes; "partial differential equations", "external memory access",
    "pushdown automaton", "design space exploration" no.
    """
    last = re.split(r"[\s\-]+", long_form.strip())[-1].lower()
    if last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return False
    if _FIELD_HEAD.fullmatch(last):  # "design space exploration", "in-memory computing": a field or task
        return False
    return bool(_METHOD_HEAD.search(last))
