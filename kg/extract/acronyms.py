"""Acronym definitions, "long form (ACR)", after Schwartz & Hearst (2003).

The long form is the shortest run of words before the parenthesis whose
characters contain the acronym's letters in order, the first letter starting
a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["find_definitions", "find_reverse_definitions", "match_long_form"]

_PAREN = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9+.\-/]{0,14}?)(?:\s*[,;][^()]*)?\s*\)")
_WORD = re.compile(r"[\w'’+.\-/]+")


def _acronym_like(short: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", short)
    return (
        2 <= len(short) <= 15
        and len(letters) >= 2
        and sum(c.isupper() for c in short) >= 2
        and " " not in short
    )


def match_long_form(short: str, words: list[str]) -> int | None:
    """Index of the first word of the long form inside ``words``, or None."""
    chars = [c.lower() for c in short if c.isalnum()]
    if chars and chars[-1] == "s" and short[-1] == "s":  # plural acronym: LLMs
        chars = chars[:-1]
    text = " ".join(words).lower()
    s, t = len(chars) - 1, len(text) - 1
    while s >= 0:
        c = chars[s]
        while t >= 0 and (
            text[t] != c or (s == 0 and t > 0 and text[t - 1].isalnum())
        ):
            t -= 1
        if t < 0:
            return None
        s, t = s - 1, t - 1
    start_char = t + 1
    # map the char offset back to a word index
    position = 0
    for i, word in enumerate(words):
        if position + len(word) > start_char:
            return i
        position += len(word) + 1
    return None


def _initials_start(short: str, words: list[str]) -> int | None:
    """Index of the first word when the words right before the parenthesis spell the acronym
    with their initials (hyphen parts count: "Vision-Language-Action (VLA)"), or None."""
    letters = [c.lower() for c in short if c.isalpha()]
    if short.endswith("s"):  # plural acronym: LLMs
        letters = letters[:-1]
    if any(c.isdigit() for c in short) or len(letters) < 2:
        return None
    parts: list[tuple[int, str]] = [(i, p) for i, w in enumerate(words) for p in re.split(r"[-/]", w) if p]
    if len(parts) < len(letters):
        return None
    tail = parts[-len(letters):]
    if [p[0].lower() for _, p in tail] != letters:
        return None
    return tail[0][0]


_PAIR = re.compile(r"\(\s*([A-Za-z][^(),;]{3,80}?)\s*,\s*([A-Za-z][A-Za-z0-9+.\-/]{1,14})\s*\)")
_WIDE = str.maketrans({"（": "(", "）": ")", "，": ",", "；": ";"})


def find_definitions(sentence: str) -> Iterator[tuple[int, int, str, int, int, str]]:
    """(long_start, long_end, long_form, short_start, short_end, short) spans in ``sentence``.

    Both "long form (ACR)" and, as Chinese abstracts write it, "中文（Long Form, ACR）".
    """
    sentence = sentence.translate(_WIDE)  # same length: offsets hold
    for m in _PAIR.finditer(sentence):
        long_form, short = m.group(1).strip(), m.group(2)
        if _acronym_like(short) and match_long_form(short, long_form.split()) is not None:
            yield m.start(1), m.start(1) + len(long_form), long_form, m.start(2), m.end(2), short
    for m in _PAREN.finditer(sentence):
        short = m.group(1).rstrip(".")
        if not _acronym_like(short):
            continue
        before = sentence[: m.start()]
        words = list(_WORD.finditer(before))
        limit = min(len(short) + 5, len(short) * 2)
        window = words[-limit:]
        # stop at clause boundaries
        for i in range(len(window) - 1, -1, -1):
            gap = before[window[i].end() : window[i + 1].start()] if i + 1 < len(window) else ""
            if re.search(r"[,;:()\[\]]", gap):
                window = window[i + 1 :]
                break
        if not window:
            continue
        first = match_long_form(short, [w.group(0) for w in window])
        if first is None:
            continue
        spelled = _initials_start(short, [w.group(0) for w in window])
        if spelled is not None and spelled < first:
            first = spelled  # "Orbital Preference Optimization (OPO)", not "Optimization" (o-p-o inside one word)
        long_words = window[first:]
        if len(long_words) < 2 and "-" not in long_words[0].group(0):
            if len(long_words[0].group(0)) <= len(short):
                continue
        start, end = long_words[0].start(), long_words[-1].end()
        long_form = sentence[start:end]
        if long_form.lower() == short.lower():
            continue
        yield start, end, long_form, m.start(1), m.start(1) + len(short), short


_REVERSE = re.compile(r"\b([A-Z][A-Za-z0-9\-]{1,14})\s*\(\s*([A-Z][\w'’\-]*(?:\s+[\w'’\-]+){0,9})\s*\)")


def find_reverse_definitions(sentence: str) -> Iterator[tuple[int, int, str, int, int, str]]:
    """ "ACR (Long Form)": the acronym first, its capitalised long form in parentheses.

    Same tuple as :func:`find_definitions`; the long form must spell the acronym
    from its first word on.
    """
    for m in _REVERSE.finditer(sentence):
        short, long_form = m.group(1), m.group(2)
        if not _acronym_like(short) or len(long_form) <= len(short):
            continue
        words = long_form.split()
        if match_long_form(short, words) == 0 and long_form[:1].lower() == short[:1].lower():
            yield m.start(2), m.end(2), long_form, m.start(1), m.end(1), short
