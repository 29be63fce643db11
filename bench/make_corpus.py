"""A scale corpus: N papers (JSONL) generated from the real abstracts in ../shared.

    python bench/make_corpus.py --papers 100000 --out /tmp/corpus-100k.jsonl

The base papers are read at run time (seeds + corpora, merged), never copied into the
repo. Paper ``i`` is base paper ``i % B`` with its names rewritten: every word that
looks like a name — an acronym (VLM, ORM), a mixed-case or alphanumeric token (PixMo,
GPT-4o, 8-bit stays: it is lower-case) or a capitalised word the base corpus never writes
in lower case (Molmo) — gets a variant drawn per paper, so the entity set grows as a real
corpus's does instead of collapsing into the same methods. Names the shipped gazetteer
knows (BERT, ImageNet, GPT-4) are kept: every real paper shares them.

The variant of a name in copy ``c`` is ``floor(c * u**2)`` for a uniform ``u`` hashed
from (name, paper): low variants are common, so popular names recur across papers while
new ones keep appearing. Variant 0 is the original name; variant ``v`` rewrites each
letter after the first with one of the same case and class (vowel, consonant, digit),
so acronyms stay acronyms (a plural "s" stays) and the rules fire as they do on the original.
Authors are varied the same way. Output is deterministic for a given N.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_VOWELS = "aeiou"
_CONSONANTS = "bcdfghjklmnpqrstvwxz"


def _hash(*parts: object) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest(), "big")


def _namelike(word: str, lower_words: set[str]) -> bool:
    if len(word) < 2:
        return False
    if any(c.isupper() for c in word[1:]) or (any(c.isdigit() for c in word) and word[0].isupper()):
        return True
    return word[0].isupper() and word.lower() not in lower_words


def _mutate(word: str, variant: int) -> str:
    stem, plural = (word[:-1], "s") if len(word) > 2 and word.endswith("s") and word[-2].isupper() else (word, "")
    out = [stem[0]]
    for i, ch in enumerate(stem[1:], 1):
        h = _hash(word, variant, i)
        low = ch.lower()
        if low in _VOWELS:
            new = _VOWELS[h % len(_VOWELS)]
        elif low in _CONSONANTS:
            new = _CONSONANTS[h % len(_CONSONANTS)]
        elif ch.isdigit():
            new = str(h % 10)
        else:
            new = ch
        out.append(new.upper() if ch.isupper() else new)
    return "".join(out) + plural


class Varier:
    """Rewrites the names of one base corpus; ``vary(text, paper, copy)`` is deterministic."""

    def __init__(self, texts: list[str], known: set[str]) -> None:
        self.lower_words = {w for t in texts for w in _WORD.findall(t) if w.islower()}
        self.known = known  # entity keys of gazetteer names: kept as they are

    def _variant(self, word: str, paper: int, copy: int) -> int:
        u = (_hash(word, paper) % 1_000_003) / 1_000_003
        return int(copy * u * u)

    def vary(self, text: str | None, paper: int, copy: int) -> str | None:
        if not text or copy == 0:
            return text
        from kg.ids import entity_key

        def sub(m: re.Match[str]) -> str:
            word = m.group(0)
            if not _namelike(word, self.lower_words) or entity_key(word) in self.known:
                return word
            v = self._variant(word, paper, copy)
            return _mutate(word, v) if v else word

        return _WORD.sub(sub, text)


def base_papers() -> list:  # type: ignore[type-arg]
    from kg.loaders import load_paths
    from kg.merge import merge_records

    return merge_records(load_paths([SHARED / "seeds", SHARED / "corpora"]).records)


def make_corpus(n: int, path: Path) -> Path:
    from kg.extract.lexicon import load_lexicon

    base = base_papers()
    texts = [t for p in base for t in (p.title, p.abstract or "")]
    varier = Varier(texts, set(load_lexicon(()).entries))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            k = i % len(base)
            p, copy = base[k], i // len(base)
            vary = lambda s: varier.vary(s, i, copy)  # noqa: E731
            out.write(json.dumps({
                "id": f"{9000 + i // 100000:04d}.{i % 100000:05d}",
                "title": vary(p.title), "title_zh": vary(p.title_zh),
                "abstract": vary(p.abstract), "abstract_zh": vary(p.abstract_zh),
                "authors": [vary(a) for a in p.authors], "categories": p.categories,
                "year": p.year, "date": p.date,
            }, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(make_corpus(args.papers, args.out))


if __name__ == "__main__":
    main()
