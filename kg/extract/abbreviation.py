"""How an acronym relates to a long form, for resolution.

``spells("LoRA", "Low-Rank Adaptation")`` is strict: every word of the long form
except small function words gives the acronym at least one letter, taken from
the start of a word or word part, a capital inside it, or right after the
previous letter ("RhyMix" ← "RHYthm MIXture"). ``sense_key`` is the long form
reduced to word stems, so "continual pretraining" and "continued pretraining"
are one sense and "Stable Diffusion" and "Speculative Decoding" are two.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_acronym", "spells", "sense_key", "agrees", "stems", "evidence_stems", "text_stems"]

_LONGEST = 120  # characters: no long form is longer, and the match below stays cheap

_STOP = frozenset({"of", "the", "a", "an", "for", "and", "in", "on", "to", "with", "from", "by", "via", "at", "as",
                   "or", "into", "over", "using", "based"})
_PARTS = re.compile(r"[\s\-–—/]+")
# stems too common in paper text to tell two senses apart
_GENERIC = frozenset({"model", "netwo", "learn", "metho", "syste", "large", "deep", "neura", "langu", "frame",
                      "algor", "appro", "archi", "data", "task", "train", "based", "using", "towar", "gener"})


@lru_cache(maxsize=1 << 16)
def is_acronym(name: str) -> bool:
    """A short token with at least two capitals: "SD", "LLMs", "vDiT", "GPT-4"."""
    letters = sum(c.isalpha() for c in name)
    return " " not in name.strip() and 2 <= len(name) <= 15 and letters >= 2 and sum(c.isupper() for c in name) >= 2


def _chars(short: str) -> str:
    chars = "".join(c.lower() for c in short if c.isalnum())
    if len(short) > 2 and short[-1] == "s" and short[-2].isupper():  # plural: LLMs, CAMs
        chars = chars[:-1]
    return chars


def _in_order(chars: str, lower: str) -> bool:
    """Every one of ``chars``, in order, somewhere in ``lower``: what any spelling needs."""
    rest = iter(lower)
    return all(c in rest for c in chars)


def _contains(long: str, chars: str) -> bool:
    """The long form names the acronym itself ("HDT-Net", "PaSa-GPT-4o"): a variant, not an expansion.
    A two-letter acronym counts only as a whole part ("MA" ← "Massive activations" stays)."""
    parts = [re.sub(r"[\W_]+", "", p.lower()) for p in _PARTS.split(long)]
    for i in range(len(parts)):
        rest = "".join(parts[i:])
        whole = any("".join(parts[i:j]) == chars for j in range(i + 1, len(parts) + 1))
        if rest.startswith(chars) and (len(chars) >= 3 or whole):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def spells(short: str, long: str) -> bool:
    """``long`` is the long form of the acronym ``short`` (strict; see the module doc)."""
    chars = _chars(short)
    text = long.strip()
    if not chars or len(text) > _LONGEST or not _in_order(chars, text.lower()):
        return False  # the cheap tests first: most pairs a caller tries fail here
    if len(_PARTS.split(text)) < 2 or _contains(text, chars):
        return False
    token = [-1] * len(text)  # index of the word of each character (-1: not a letter or digit)
    starts: set[int] = set()  # where a run may begin: a word or part start, a camel hump, a number
    stop: list[bool] = []
    for m in re.finditer(r"\S+", text):
        if not any(c.isalnum() for c in m.group(0)):
            continue
        fresh = True
        for i in range(m.start(), m.end()):
            c = text[i]
            if not c.isalnum():
                fresh = True
                part = re.match(r"\w*", text[i + 1:m.end()]).group(0)  # type: ignore[union-attr]
                if any(ch.isdigit() for ch in part) and token[i - 1] >= 0:  # "LLaMA-2": the number is a word
                    stop.append(False)
                continue
            token[i] = len(stop)
            camel = c.isupper() and i > m.start() and text[i - 1].islower()
            if fresh or camel or (c.isdigit() and not text[i - 1].isdigit()):
                starts.add(i)
            fresh = False
        stop.append(re.sub(r"[\W_]+", "", m.group(0).lower()) in _STOP)
        if stop[-1]:  # a function word gives at most its first letter ("CoT", not "MoFE")
            for i in range(m.start() + 1, m.end()):
                token[i] = -1
    lower = text.lower()

    def skippable(a: int, b: int) -> bool:  # every word strictly between a and b is a function word
        return all(stop[w] for w in range(a + 1, b))

    @lru_cache(maxsize=None)
    def go(k: int, p: int) -> bool:
        """chars[:k+1] matched with chars[k] at position p; can the rest match?"""
        if k == len(chars) - 1:
            return skippable(token[p], len(stop))
        for q in range(p + 1, len(text)):
            if token[q] < 0 or lower[q] != chars[k + 1]:
                continue
            if not (q in starts or q == p + 1) or not skippable(token[p], token[q]):
                continue
            if go(k + 1, q):
                return True
        return False

    return any(go(0, p) for p in range(len(text))
               if token[p] >= 0 and lower[p] == chars[0] and p in starts and skippable(-1, token[p]))


@lru_cache(maxsize=1 << 14)
def stems(long: str) -> tuple[str, ...]:
    """Content words of a long form, plural and ending cut: "Low-Rank Adapted" → (low, rank, adapt)."""
    out = []
    for w in _PARTS.split(long.lower()):
        w = re.sub(r"[^\w]", "", w)
        if not w or w in _STOP:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w[:5])
    return tuple(out)


def sense_key(long: str) -> tuple[str, ...]:
    return stems(long)


def agrees(long: str, others: list[str]) -> bool:
    """``long`` names the same thing as one of ``others`` (one's stems contain the other's);
    True when there is nothing to compare with."""
    if not others:
        return True
    mine = set(stems(long))
    return any(mine <= set(stems(o)) or set(stems(o)) <= mine for o in others)


@lru_cache(maxsize=1 << 14)
def evidence_stems(long: str) -> frozenset[str]:
    """The stems of a long form that can show, in another text, which sense is meant."""
    return frozenset(s for s in stems(long) if len(s) >= 4 and s not in _GENERIC)


def text_stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}
