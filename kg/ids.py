"""Identity: arXiv ids, folded keys and the stable node ids built from them.

Every id is a pure function of the input text, so the same input always gives
the same ids (and the same files).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["parse_arxiv_id", "fold", "title_key", "identity_key", "paper_id", "entity_key", "node_id"]

# New-style ids (2007+): YYMM.NNNN(N), optional version; old style: archive/YYMMNNN.
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
# Starts only where a run of letters/hyphens starts, so a long run is scanned once (linear time).
_ARXIV_OLD = re.compile(r"(?<![a-z\-])\b([a-z\-]++(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_LONGEST_BARE_ID = 40  # a bare id is accepted only when it is (nearly) the whole text
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([^\s?#)\]]+)", re.I)


def parse_arxiv_id(text: str | None) -> str | None:
    """The arXiv id in an abs/pdf URL, an ``arXiv:`` tag or a bare id, without version.

    >>> parse_arxiv_id("http://arxiv.org/pdf/2409.17146v1")
    '2409.17146'
    >>> parse_arxiv_id("arXiv:hep-th/9901001v2")
    'hep-th/9901001'
    """
    if not text:
        return None
    text = text.strip()
    m = _ARXIV_URL.search(text)
    candidate = m.group(1) if m else re.sub(r"^arxiv:\s*", "", text, flags=re.I)
    candidate = re.sub(r"\.pdf$", "", candidate)
    if not m and len(candidate) > _LONGEST_BARE_ID:
        return None
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        found = pattern.search(candidate)
        if found and (m or found.group(0) == candidate or len(candidate) <= 24):
            return found.group(1)
    return None


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive key of a string.

    Letters of any script are kept, so Chinese names still get a key.
    """
    if not text.isascii():  # ASCII has no decompositions and no combining marks: nothing to strip
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text.casefold())


def title_key(title: str) -> str:
    """The folded title; empty for a title of punctuation or symbols only."""
    return fold(title)


def identity_key(title: str) -> str:
    """What makes two titles the same paper: the folded title, or for a title with no
    letters or digits (which folds to nothing) the exact title, so such titles never
    share one id. (The loaders reject such titles; this keeps records built by hand apart.)"""
    return title_key(title) or f"raw:{' '.join(title.split())}"


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def paper_id(arxiv_id: str | None, title: str, doi: str | None = None, openalex_id: str | None = None) -> str:
    """``arxiv:2409.17146`` when the arXiv id is known, else ``doi:…``, else ``openalex:W…``,
    else a hash of the title key."""
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    if doi:
        return f"doi:{doi.lower()}"
    if openalex_id:
        return f"openalex:{openalex_id}"
    return f"title:{_short_hash(identity_key(title))}"


def entity_key(name: str) -> str:
    """Variants that differ only in case, hyphens or spaces share a key (GPT-4o ≡ GPT4o)."""
    return fold(name)


def node_id(kind: str, name: str) -> str:
    """Stable id of an Author/Method/Dataset/Benchmark node, e.g. ``method:gpt4o``.

    The key keeps only word characters, so it is always safe in an IRI path
    segment once percent-encoded; very long keys are shortened with a hash.
    """
    key = fold(name) or _short_hash(name)
    if len(key) > 80:
        key = key[:64] + "-" + _short_hash(key)
    return f"{kind.lower()}:{key}"
