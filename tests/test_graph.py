"""make_graph on hand-made papers and extractions: role remaps, INTRODUCES, OUTPERFORMS, CITES."""

from __future__ import annotations

from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import resolve_entities
from kg.graph import make_graph
from kg.model import EntityType, Extraction, Mention, Paper, Predicate, Relation

A, B, C = "arxiv:2601.00001", "arxiv:2601.00002", "arxiv:2601.00003"


def _mention(name: str, kind: EntityType, role: Predicate, **kw) -> Mention:  # type: ignore[no-untyped-def]
    return Mention(type=kind, name=name, role=role, sentence=f"A sentence naming {name}.", rule="test.rule", **kw)


def _graph(extractions: list[Extraction], papers: list[Paper] | None = None):  # type: ignore[no-untyped-def]
    papers = papers or [Paper(id=pid, title=f"Paper {pid}", sources=[f"in.jsonl:{i}"])
                        for i, pid in enumerate((A, B, C), start=1)]
    return make_graph(papers, extractions, resolve_entities(extractions, load_lexicon()))


def _edges(G, type_: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(u, G.nodes[v].get("name", v)) for u, v, d in G.edges(data=True) if d["type"] == type_}


def test_data_roles_follow_the_corpus_wide_type():
    # two papers call Zorblex a benchmark, one a dataset: it is one Benchmark, and every paper evaluates on it
    G = _graph([
        Extraction(paper_id=A, mentions=[_mention("Zorblex", EntityType.BENCHMARK, Predicate.EVALUATES_ON)]),
        Extraction(paper_id=B, mentions=[_mention("Zorblex", EntityType.BENCHMARK, Predicate.EVALUATES_ON)]),
        Extraction(paper_id=C, mentions=[_mention("Zorblex", EntityType.DATASET, Predicate.USES_DATASET)]),
    ])
    assert _edges(G, "EVALUATES_ON") == {(A, "Zorblex"), (B, "Zorblex"), (C, "Zorblex")}
    assert _edges(G, "USES_DATASET") == set()
    assert [d["label"] for _, d in G.nodes(data=True) if d.get("name") == "Zorblex"] == ["Benchmark"]


def test_introduced_data_gets_introduces_and_methods_never_do():
    G = _graph([Extraction(paper_id=A, mentions=[
        _mention("Quillset", EntityType.DATASET, Predicate.USES_DATASET, introduced=True),
        _mention("Quillnet", EntityType.METHOD, Predicate.PROPOSES, introduced=True),
        _mention("Otherset", EntityType.DATASET, Predicate.USES_DATASET),
    ])])
    assert _edges(G, "INTRODUCES") == {(A, "Quillset")}
    assert _edges(G, "USES_DATASET") == {(A, "Quillset"), (A, "Otherset")}
    assert _edges(G, "PROPOSES") == {(A, "Quillnet")}


def test_every_extracted_edge_keeps_its_provenance():
    G = _graph([Extraction(paper_id=A, mentions=[_mention("Quillnet", EntityType.METHOD, Predicate.PROPOSES)])])
    (_, _, data), = [e for e in G.edges(data=True) if e[2]["type"] == "PROPOSES"]
    assert (data["paper"], data["sentence"], data["rule"]) == (A, "A sentence naming Quillnet.", "test.rule")


def test_outperforms_is_one_edge_per_paper_and_never_a_self_loop():
    def ex(pid: str) -> Extraction:
        return Extraction(
            paper_id=pid,
            mentions=[_mention("Quillnet", EntityType.METHOD, Predicate.PROPOSES),
                      _mention("Brambleformer", EntityType.METHOD, Predicate.USES),
                      _mention("quillnet", EntityType.METHOD, Predicate.USES)],
            relations=[Relation(predicate=Predicate.OUTPERFORMS, subject="Quillnet", object="Brambleformer",
                                sentence="Quillnet beats Brambleformer.", rule="test.outperform"),
                       Relation(predicate=Predicate.OUTPERFORMS, subject="Quillnet", object="quillnet",
                                sentence="Quillnet beats quillnet.", rule="test.outperform")])

    G = _graph([ex(A), ex(B)])
    wins = [(G.nodes[u]["name"].lower(), G.nodes[v]["name"], d["paper"]) for u, v, d in G.edges(data=True)
            if d["type"] == "OUTPERFORMS"]  # Quillnet ≡ quillnet: which spelling names it is resolution's choice
    assert sorted(wins) == [("quillnet", "Brambleformer", A), ("quillnet", "Brambleformer", B)]


def test_cites_only_between_papers_of_the_input():
    papers = [Paper(id=A, title="First", arxiv_id="2601.00001", references=["arxiv:2601.00002", "arxiv:9999.99999"],
                    sources=["x:1"]),
              Paper(id=B, title="Second", arxiv_id="2601.00002", doi="10.1/abc", references=["doi:10.1/abc"],
                    sources=["x:2"])]
    G = _graph([], papers)
    assert {(u, v) for u, v, d in G.edges(data=True) if d["type"] == "CITES"} == {(A, B)}  # no self-citation


def test_drop_below_removes_weak_statements_and_orphaned_entities():
    from kg.graph import drop_below

    G = _graph([Extraction(paper_id=A, mentions=[_mention("Quillnet", EntityType.METHOD, Predicate.PROPOSES),
                                                 _mention("Brambleformer", EntityType.METHOD, Predicate.USES)])])
    for _, v, d in G.edges(data=True):
        d["confidence"] = 0.9 if G.nodes[v].get("name") == "Quillnet" else 0.3
    drop_below(G, 0.5)
    assert _edges(G, "PROPOSES") == {(A, "Quillnet")} and _edges(G, "USES") == set()
    assert not [n for n, d in G.nodes(data=True) if d.get("name") == "Brambleformer"]
    assert A in G  # papers stay


def test_drop_below_leaves_no_lineage_through_a_dropped_entity():
    # B's title names Quillnet (B's own contribution), A uses it: A BUILDS_ON B via Quillnet. The link's
    # confidence is rounded (0.29996 → 0.3), so a threshold of 0.3 drops every statement naming Quillnet
    # but not the link: the link would run through an entity the graph no longer has.
    from kg.graph import drop_below

    papers = [Paper(id=A, title="Using it", year=2025, sources=["in.jsonl:1"]),
              Paper(id=B, title="Quillnet: a sketch", year=2024, sources=["in.jsonl:2"])]
    G = _graph([Extraction(paper_id=A, mentions=[_mention("Quillnet", EntityType.METHOD, Predicate.USES,
                                                          confidence=0.29996)]),
                Extraction(paper_id=B, mentions=[_mention("Quillnet", EntityType.METHOD, Predicate.PROPOSES,
                                                          confidence=0.2)])], papers)
    (via, confidence), = [(d["via"], d["confidence"]) for _, _, d in G.edges(data=True) if d["type"] == "BUILDS_ON"]
    assert confidence == 0.3 and via in G
    drop_below(G, 0.3)
    assert via not in G and not [e for e in G.edges(data=True) if e[2]["type"] == "BUILDS_ON"]
