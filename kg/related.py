"""Related papers: what a paper's text and its named entities share with others.

Three cosine similarities over the corpus, computed once per graph in
:class:`RelatedIndex`: TF-IDF of title and abstract (English words with plurals
folded, neighbouring word pairs and, for Chinese text, character bigrams); a
topic similarity, the same words reduced by LSA (truncated SVD of the TF-IDF
matrix), so two papers on one topic match even when they share few rare words
("GUI agents" and "API-first agents"); and TF-IDF of the methods, datasets and
benchmarks a paper names. The score is
``(text + TOPIC_WEIGHT * topic) * (1 + ENTITY_BOOST * entities)``: shared
entities raise a match, but one shared slip ("eV") never makes two unrelated
papers related.

A shared entity counts by how much it says about the topic. Its IDF says how
rare it is in this corpus, but a few hundred papers cannot tell that MNIST or
GPT-4 is used everywhere; field knowledge can. An entity that is well known (in
kg's gazetteer of famous methods, datasets and benchmarks, or a model of a
family it names, such as Qwen3 or Llama-3.2) and that a paper only uses or
evaluates on keeps :data:`KNOWN_WEIGHT` of its weight in that paper's entity
vector (the vector's length is taken before, so the discount is not undone by
normalising). Two papers that both use MNIST thus share it at a quarter of its
weight; a paper that uses the method another paper proposes (its PROPOSES or
INTRODUCES statement) shares it at least at half, and a rare method used or
proposed by both counts in full.

Ties go to the paper sharing more entities, then the one closest in time, never
to the title that sorts first. Every paper with some text or topic overlap gets
related papers; each is marked ``close`` (score ≥ :data:`CLOSE_SCORE`) or loose,
since in a small, diverse corpus the nearest paper is not always a paper a reader
would accept. Needs scikit-learn (``pip install 'kg-papers[explore]'``).
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from kg.schema import ENTITY_LABELS

__all__ = ["ENTITY_BOOST", "KNOWN_WEIGHT", "TOPIC_WEIGHT", "TOPICS", "MIN_SCORE", "CLOSE_SCORE", "RelatedIndex",
           "related_papers", "singular", "tokens"]

ENTITY_BOOST = 1.0
KNOWN_WEIGHT = 0.5  # a well-known entity a paper only uses: its share of that paper's entity vector
TOPIC_WEIGHT = 0.1  # a topic cosine of .5 (a typical best match) weighs like a text cosine of .05
TOPICS = 100  # LSA dimensions (fewer in a small corpus)
MIN_SCORE = 0.02  # below this two papers are not called related
CLOSE_SCORE = 0.1  # at or above this they are "close"; below, "loose" (see notes on issue 9 for the judged sample)
_WORD = re.compile(r"[^\W\d_][\w\-]*[^\W_]|[^\W\d_]{2}", re.U)
_CJK = re.compile(r"[\u3400-\u9fff]+")
_STOP = frozenset("""a an and are as at be by can do for from has have how in into is it its of on or our over
such than that the their then these this those to via we what when which while with without within show shows
paper propose proposed approach method methods model models results based new using use used""".split())


def singular(word: str) -> str:
    """A plural folded onto its singular ("agents" → "agent", "strategies" → "strategy"), conservatively."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ias", "-s")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """English words (folded to lower case and singular, stop words out), pairs of neighbouring words
    ("federated learning"), and bigrams of Chinese characters."""
    words = [singular(w) for w in (m.group(0).lower() for m in _WORD.finditer(_CJK.sub(" ", text))) if w not in _STOP]
    out = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
    for run in _CJK.findall(text):
        out += [run[i : i + 2] for i in range(max(len(run) - 1, 1))]
    return out


def _text(d: dict[str, Any]) -> str:
    return " ".join(str(d.get(k) or "") for k in ("title", "abstract")) or " ".join(
        str(d.get(k) or "") for k in ("title_zh", "abstract_zh"))


class RelatedIndex:
    """Similarity of every paper in ``G`` to every other, queried one paper at a time."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        try:
            from sklearn.feature_extraction.text import TfidfVectorizer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("related papers need scikit-learn: pip install 'kg-papers[explore]'") from exc

        self.G = G
        self.papers = sorted(n for n, d in G.nodes(data=True) if d["label"] == "Paper")
        self.row = {p: i for i, p in enumerate(self.papers)}
        # the title counts twice: it says what the paper is about in the fewest words
        texts = [f"{G.nodes[p].get('title') or ''}. {_text(G.nodes[p])} {G.nodes[p].get('title_zh') or ''}"
                 for p in self.papers]
        self.entities = [sorted({v for _, v in G.out_edges(p) if G.nodes[v]["label"] in ENTITY_LABELS})
                         for p in self.papers]
        max_df = 0.5 if len(texts) >= 20 else 1.0  # in a tiny corpus every shared word is "common"
        text_vectorizer = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, max_df=max_df)
        self.text = self._fit(text_vectorizer, texts)
        ent_vectorizer = TfidfVectorizer(analyzer=lambda ids: ids, min_df=2)
        self.ent = self._weigh_known(self._fit(ent_vectorizer, self.entities), ent_vectorizer)
        self.text_t, self.ent_t = self.text.T.tocsr(), self.ent.T.tocsr()  # transposed once, not per query
        self.topic = _lsa(_single_words(self.text, text_vectorizer))

    def _fit(self, vectorizer: Any, docs: list[Any]) -> Any:
        try:
            return vectorizer.fit_transform(docs).tocsr()
        except ValueError:  # empty vocabulary: nothing to compare
            import scipy.sparse

            return scipy.sparse.csr_matrix((len(docs), 1))

    def _weigh_known(self, X: Any, vectorizer: Any) -> Any:
        """``X`` (unit rows) with each well-known entity a paper only uses scaled by :data:`KNOWN_WEIGHT`."""
        import numpy as np

        known = {j: e for e, j in getattr(vectorizer, "vocabulary_", {}).items() if _well_known(self.G.nodes[e])}
        if not known:
            return X
        X = X.copy()
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        for k in np.flatnonzero(np.isin(X.indices, list(known))).tolist():
            paper, entity = self.papers[rows[k]], known[X.indices[k]]
            if not _OWN & {d["type"] for d in self.G[paper][entity].values()}:  # only used, not its own
                X.data[k] *= KNOWN_WEIGHT
        return X

    def scores(self, pid: str) -> tuple[Any, Any, Any]:
        """(text, topic, entity) cosine of ``pid`` with every paper, 0 with itself."""
        import numpy as np

        i = self.row[pid]
        text = (self.text[i] @ self.text_t).toarray().ravel()
        ent = (self.ent[i] @ self.ent_t).toarray().ravel()
        topic = np.clip(self.topic @ self.topic[i], 0.0, None) if self.topic is not None else np.zeros_like(text)
        text[i] = ent[i] = topic[i] = 0.0
        return text, topic, ent

    def related(self, pid: str, limit: int = 10) -> list[dict[str, Any]]:
        import numpy as np

        if pid not in self.row:
            return []
        text, topic, ent = self.scores(pid)
        score = (text + TOPIC_WEIGHT * topic) * (1 + ENTITY_BOOST * ent)
        candidates = (score >= MIN_SCORE).nonzero()[0]
        if len(candidates) > 3 * limit:  # keep the best, and every paper tied with the last one kept
            floor = np.partition(score[candidates], -3 * limit)[-3 * limit]
            candidates = candidates[score[candidates] >= floor]
        mine = set(self.entities[self.row[pid]])
        year = self.G.nodes[pid].get("year")

        def key(j: int) -> tuple[float, int, int, str]:
            other = self.G.nodes[self.papers[j]].get("year")
            gap = abs(year - other) if year and other else 99
            return (-round(float(score[j]), 6), -len(mine & set(self.entities[j])), gap, self.papers[j])

        out = []
        for j in sorted(candidates.tolist(), key=key)[:limit]:
            other = self.papers[j]
            d = self.G.nodes[other]
            shared = sorted(self.G.nodes[e]["name"] for e in mine & set(self.entities[j]))
            out.append({"id": other, "title": d["title"], "year": d.get("year"), "score": round(float(score[j]), 3),
                        "text": round(float(text[j]), 3), "topic": round(float(topic[j]), 3),
                        "entities": round(float(ent[j]), 3), "shared": shared, "close": bool(score[j] >= CLOSE_SCORE)})
        return out


_OWN = frozenset({"PROPOSES", "INTRODUCES"})  # the paper's own contribution, not a use of it


def _well_known(d: dict[str, Any]) -> bool:
    """An entity of the shipped gazetteer (MNIST, ImageNet, GSM8K, GPT-4, LoRA …) or, for a method, a model of
    a family the gazetteer names (Qwen3-8B, Llama-3.2): field knowledge that it is widely used."""
    from kg.extract.lexicon import load_lexicon

    lexicon = load_lexicon()
    names = [d["name"], *d.get("aliases", [])]
    return any(lexicon.lookup(n) for n in names) or (d["label"] == "Method" and lexicon.model_family(d["name"]))


def _single_words(X: Any, vectorizer: Any) -> Any:
    """The columns of ``X`` that are single words found in two papers or more, rows at unit length
    (what a TF-IDF of single words with ``min_df=2`` gives, without tokenizing again)."""
    from sklearn.preprocessing import normalize

    try:
        names = vectorizer.get_feature_names_out()
    except AttributeError:  # the vocabulary was empty
        return X[:, :0]
    df = (X > 0).sum(axis=0).A1
    keep = [j for j, name in enumerate(names) if " " not in name and df[j] >= 2]
    return normalize(X[:, keep]) if keep else X[:, :0]


def _lsa(words: Any) -> Any:
    """Rows of ``words`` (TF-IDF) reduced to at most :data:`TOPICS` LSA dimensions, unit length; None when
    the corpus is too small to have topics."""
    import numpy as np

    k = min(TOPICS, words.shape[0] - 1, words.shape[1] - 1)
    if k < 2 or words.nnz == 0:
        return None
    from sklearn.decomposition import TruncatedSVD
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):  # threaded BLAS on a busy machine is 10-50x slower here
        Z = TruncatedSVD(n_components=k, random_state=0).fit_transform(words)
    norms = np.linalg.norm(Z, axis=1, keepdims=True)
    return np.divide(Z, norms, out=np.zeros_like(Z), where=norms > 0)


def related_papers(G: nx.MultiDiGraph, pid: str, limit: int = 10, index: RelatedIndex | None = None) -> list[dict[str, Any]]:
    """The papers most related to ``pid``, best first, each with its score and the entities they share."""
    return (index or RelatedIndex(G)).related(pid, limit)
