"""Field knowledge shipped as data: the gazetteer of well-known methods,
datasets and benchmarks, and the class words that are never entities.

Users extend both with their own files (``--gazetteer FILE.jsonl``); every
line is validated and a bad one is reported as ``file:line: message``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.ids import entity_key
from kg.model import EntityType

__all__ = ["GazetteerEntry", "Lexicon", "load_lexicon", "generic_key", "technique_head"]

_GENERIC_MODIFIERS = {
    "pre-trained", "pretrained", "large", "deep", "modern", "standard", "existing", "traditional",
    "conventional", "recent", "current", "state-of-the-art", "powerful", "popular", "advanced",
    "general", "general-purpose", "open", "open-source", "proprietary", "closed-source", "small",
    "big", "frontier", "leading", "typical", "classical", "many", "most", "such", "these", "those",
}
_TASK_HEADS = {
    "learning", "tracking", "interpolation", "detection", "estimation", "segmentation", "recognition",
    "generation", "translation", "classification", "prediction", "forecasting", "retrieval", "answering",
    "understanding", "reasoning", "synthesis", "captioning", "summarization", "interaction", "interface",
    "planning", "navigation", "manipulation", "editing", "completion", "reconstruction",
    "rendering", "localization", "compression", "analysis", "problem", "task", "physic", "enhancement",
}
_SUFFIXES = ("based", "style", "like", "driven", "guided", "aware", "augmented", "enhanced", "inspired", "powered")
_LOWER_HEAD = re.compile(r"(learning|distillation|decoding|tuning|cloning|guidance|prompting|attention|descent|"
                         r"normalization|averaging|matching|flow|filter|forest|process|splatting|sampling|search|"
                         r"autoencoder|transformer|diffusion|optimization|estimation|regression|experts|field|"
                         r"thought|thoughts|consistency|means|net|simulation|decomposition|factorization|prediction|"
                         r"ensembles|network|clustering|probing|batching|pretraining|training|loss|estimator|algorithm|"
                         r"inference|boosting|smoothing|parallelism|checkpointing|forcing|dropout)$")
_VARIANT = re.compile(r"[-\s]+(\d+(\.\d+)?[BMKbmk]|\d+x\d+[BM]|Instruct|Chat|Base|it|hf|Preview|Turbo|"
                      r"small|medium|large|base|tiny|mini)$")


# a year's edition of a dataset or benchmark: "FooQA 2031", "FooQA-2031", "FooQA'31", "FooQA31"
_EDITION = re.compile(r"(.*[A-Za-z])(?:[\s\-]?(?:19|20)\d\d|['’]?\d\d)")


# a family word: the leading letters of a model name, then a version or size or nothing ("Qwen3", "GPT-4o", "Llama 2");
# not "Best-of-N" or "LLaVA-Bench" (no number after the word)
_FAMILY = re.compile(r"([A-Za-z]{3,})(?=$|\d|[-.\s][^\s]*\d)")
_FAMILY_OF = re.compile(r"([A-Za-z]{3,})(?=$|\d|[-.]\w)")  # a name of the family: "GPT-NeoX", "Qwen2.5"


@lru_cache(maxsize=1 << 12)
def _everyday(word: str) -> bool:
    """A frequent English word (wordfreq Zipf ≥ 4: "math", "drop", "race"; not "glue" or "zinc")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 4.0


def technique_head(name: str) -> bool:
    """Whether a name ends in a technique word ("Supervised Fine-Tuning", "Chain-of-Thought")."""
    return bool(_LOWER_HEAD.search(re.split(r"[\s\-]+", name.strip().lower())[-1]))


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()


@dataclass
class Lexicon:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)  # key of name or alias
    generic: frozenset[str] = frozenset()

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry of a name, also through size/variant suffixes (Llama-3.1-70B-Instruct → Llama 3.1) and,
        for data, through a year's edition ("FooQA 2031", "FooQA'31", "FooQA31" → FooQA)."""
        entry = self.entries.get(entity_key(name))
        while entry is None:
            shorter = _VARIANT.sub("", name)
            if shorter == name or not shorter:
                edition = _EDITION.fullmatch(name)
                entry = self.entries.get(entity_key(edition.group(1))) if edition else None
                return entry if entry is not None and entry.type is not EntityType.METHOD else None
            name = shorter
            entry = self.entries.get(entity_key(name))
        if entry.type is not EntityType.METHOD and name.isalpha() and not name.isupper() \
                and name.upper() in (entry.name, *entry.aliases) and _everyday(name.lower()):
            return None  # "Math", "Drop", "Davis": the English word, not the MATH, DROP or DAVIS benchmark
        return entry

    def model_family(self, name: str) -> bool:
        """Whether a name starts with the family word of a gazetteer method ("DeepSeek-V2-Lite" after
        "DeepSeek-V3", "Qwen3-8B" after "Qwen"): a model of that family, never data."""
        head = _FAMILY_OF.match(name)
        if head is None:
            return False
        families = self.__dict__.get("_families")
        if families is None:
            families = self.__dict__["_families"] = frozenset(
                m.group(1).lower() for e in self.entries.values() if e.type is EntityType.METHOD
                for s in (e.name, *e.aliases) if (m := _FAMILY.match(s)))
        return head.group(1).lower() in families

    def is_generic(self, name: str) -> bool:
        """A class word, also behind lowercase modifiers ("pre-trained language models")."""
        if generic_key(name) in self.generic:
            return True
        words = name.split()
        for i in range(1, len(words)):
            if words[i - 1].lower() not in _GENERIC_MODIFIERS:
                break
            if generic_key(" ".join(words[i:])) in self.generic:
                return True
        return False

    def is_task(self, name: str) -> bool:
        """A task or field ("video frame interpolation", "Multi-object Tracking"), not a method."""
        last = re.split(r"[\s\-]+", name.strip())[-1].lower()
        return generic_key(last) in _TASK_HEADS

    def add(self, entry: GazetteerEntry) -> None:
        for surface in (entry.name, *entry.aliases):
            self.entries.setdefault(entity_key(surface), entry)
        self.__dict__.pop("_lower", None)
        self.__dict__.pop("_stems", None)
        self.__dict__.pop("_families", None)
        self.__dict__.pop("_prefixes", None)

    def capital_prefixes(self) -> frozenset[str]:
        """Keys of the capitalised first words of method names that go on in lower case ("Monte Carlo" of
        "Monte Carlo simulation", "Tucker" of "Tucker decomposition"): where a span may need the words after it."""
        cached = self.__dict__.get("_prefixes")
        if cached is None:
            out = set()
            for entry in self.entries.values():
                if entry.type is not EntityType.METHOD:
                    continue
                for surface in (entry.name, *entry.aliases):
                    words = surface.split()
                    caps = [w for w in words if w[:1].isupper()]
                    if 1 <= len(caps) < len(words) and words[:len(caps)] == caps and words[-1].islower():
                        out.add(entity_key(" ".join(caps)))
            cached = self.__dict__["_prefixes"] = frozenset(out)
        return cached

    def lowercase_stems(self) -> frozenset[str]:
        """Every lowercase phrase's first word, also with an adjectival suffix ("chain-of-thought-based"):
        a cheap pre-test against the sentence's lowercase words."""
        cached = self.__dict__.get("_stems")
        if cached is None:
            first = set(self.lowercase_phrases())
            cached = self.__dict__["_stems"] = frozenset(first | {f"{w}-{s}" for w in first for s in _SUFFIXES})
        return cached

    def lowercase_phrases(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """First word → the word tuples of method names a paper may write in lower case
        ("knowledge distillation", "chain-of-thought"): several plain words, with a technique
        head or hyphens; proper names ("Segment Anything", "Code Llama") are left out."""
        cached = self.__dict__.get("_lower")
        if cached is not None:
            return cached
        out: dict[str, set[tuple[str, ...]]] = {}
        for entry in self.entries.values():
            if entry.type is not EntityType.METHOD:
                continue
            for surface in (entry.name, *entry.aliases):
                words = tuple(surface.lower().split())
                parts = re.split(r"[\s\-]+", surface)
                if len(parts) < 2 or not all(re.fullmatch(r"[A-Za-z][a-z]*", w) for w in parts):
                    continue
                if len(words) > 1 and not _LOWER_HEAD.search(words[-1]):
                    continue
                out.setdefault(words[0], set()).add(words)
        self.__dict__["_lower"] = result = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}
        return result


def generic_key(name: str) -> str:
    key = entity_key(name)
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def _parse_gazetteer(lines: list[str], source: str) -> tuple[list[GazetteerEntry], list[str]]:
    entries, errors = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
            if "type" in row and row["type"] not in {t.value for t in EntityType}:
                raise ValueError(f"type {row['type']!r} is not one of {', '.join(t.value for t in EntityType)}")
            if isinstance(row.get("aliases"), str):
                raise TypeError("aliases is a list of names, not one string")
            entry = GazetteerEntry(
                name=str(row["name"]),
                type=EntityType(row["type"]),
                aliases=tuple(str(a) for a in row.get("aliases", [])),
            )
        except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError) as exc:
            reason = f"no {exc} field" if isinstance(exc, KeyError) else str(exc)
            errors.append(f"{source}:{number}: bad gazetteer entry ({reason})")
            continue
        entries.append(entry)
    return entries, errors


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The packaged lexicon plus the user's gazetteer files (theirs win)."""
    data = resources.files("kg.extract") / "data"
    lexicon = Lexicon()
    files = [(str(Path(p)), Path(p).read_text(encoding="utf-8")) for p in extra]
    files.append(("gazetteer.jsonl", (data / "gazetteer.jsonl").read_text(encoding="utf-8")))
    for source, text in files:
        entries, errors = _parse_gazetteer(text.splitlines(), source)
        if errors:
            raise ValueError("\n".join(errors))
        for entry in entries:
            lexicon.add(entry)
    generic = (data / "generic.txt").read_text(encoding="utf-8").splitlines()
    lexicon.generic = frozenset(
        generic_key(g) for g in generic if g.strip() and not g.startswith("#")
    )
    return lexicon
