"""Audit entity resolution: duplicates, wrong merges, and facts that move when papers are added.

    python bench/resolution_audit.py [--seeds DIR] [--corpus FILE] [--show]

Builds the seeds alone and the seeds plus the corpus, then reports on the larger graph:

- **duplicates**: an acronym entity and the long form it abbreviates kept apart, either in
  one paper (the paper names both and links to two entities) or across papers (the acronym
  is its own entity although exactly one other entity carries it as an alias and spells it
  out), by the strict acronym test of ``kg.extract.abbreviation.spells``;
- **wrong merges**: one entity joining long forms that expand the same acronym differently
  (a paper's own definition swallowed by the gazetteer's sense counts: "context-free grammar
  (CFG)" inside Classifier-Free Guidance), and one entity joining different model sizes
  ("Llama-3-8B" and "Llama-3-70B");
- **stability**: seed papers whose extracted edges (role → target id and name) differ between
  the two builds, split into edges re-pointed to another entity (another id) and edges whose
  entity kept its id but is now spelled differently (a new paper wrote "LLaMA-3-8B" for
  "Llama3-8B"); BUILDS_ON and CITES are inferred from other papers by design and are left out.

To audit another revision, run this script with ``PYTHONPATH`` set to that checkout (plus a
copy of ``kg/extract/abbreviation.py``, the one module the detectors borrow) and pass
``--seeds``/``--corpus`` explicitly.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
ROLES = ("PROPOSES", "USES", "USES_DATASET", "EVALUATES_ON", "INTRODUCES")
SIZE = re.compile(r"(?<![A-Za-z0-9.])(\d+x)?\d+(\.\d+)?[BM](?![A-Za-z])", re.I)
TUNE = re.compile(r"[-\s_]+(instruct|chat|base|it|hf)\b", re.I)


def _acronym(name: str) -> bool:
    from kg.extract.abbreviation import is_acronym

    return is_acronym(name)


def _expands(short: str, long: str) -> bool:
    """``long`` is the long form of ``short`` (strict: every content word gives a letter)."""
    from kg.extract.abbreviation import spells

    return spells(short, long)


def _surfaces(node: dict[str, Any]) -> list[str]:
    return [node["name"], *node.get("aliases", [])]


def paper_facts(G: Any, pid: str) -> dict[str, set[tuple[str, str]]]:
    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _, target, data in G.out_edges(pid, data=True):
        if data["type"] in ROLES:
            facts[data["type"]].add((target, G.nodes[target]["name"]))
    for u, v, data in G.edges(data=True):
        if data["type"] == "OUTPERFORMS" and data.get("paper") == pid:
            facts["OUTPERFORMS"].add((f"{u} > {v}", f"{G.nodes[u]['name']} > {G.nodes[v]['name']}"))
    return dict(facts)


def stability(small: Any, large: Any) -> list[tuple[str, str, set[Any], set[Any]]]:
    """(paper, role, only in the small build, only in the large build) for every fact that moved."""
    moved = []
    for pid, data in small.nodes(data=True):
        if data["label"] != "Paper":
            continue
        a, b = paper_facts(small, pid), paper_facts(large, pid)
        for role in sorted(set(a) | set(b)):
            if a.get(role, set()) != b.get(role, set()):
                before, after = a.get(role, set()), b.get(role, set())
                moved.append((pid, role, before - after, after - before))
    return moved


def duplicates(G: Any) -> list[tuple[str, str, str]]:
    """(kind, acronym entity, long-form entity) pairs that look like one entity kept as two."""
    entities = {n: d for n, d in G.nodes(data=True) if d["label"] in ("Method", "Dataset", "Benchmark")}
    carriers: dict[str, set[str]] = defaultdict(set)  # folded alias -> entities carrying it
    from kg.ids import fold

    for nid, d in entities.items():
        for s in _surfaces(d):
            carriers[fold(s)].add(nid)
    found = set()
    for pid, d in G.nodes(data=True):
        if d["label"] != "Paper":
            continue
        targets = {t for _, t, e in G.out_edges(pid, data=True) if e["type"] in ROLES and t in entities}
        for x in targets:
            if not _acronym(entities[x]["name"]):
                continue
            for y in targets:
                if x != y and any(_expands(entities[x]["name"], s) for s in _surfaces(entities[y])):
                    found.add(("same paper", x, y))
    for x, d in entities.items():
        if not _acronym(d["name"]):
            continue
        others = {y for y in carriers[fold(d["name"])] - {x}
                  if any(_expands(d["name"], s) for s in _surfaces(entities[y]))}
        if len(others) == 1:
            y = next(iter(others))
            if ("same paper", x, y) not in found:
                found.add(("across papers", x, y))
    return sorted(found)


def wrong_merges(build: Any) -> list[tuple[str, str, list[str]]]:
    """(kind, entity, evidence) for entities that join different expansions or different sizes."""
    from kg.extract.abbreviation import agrees
    from kg.extract.lexicon import load_lexicon
    from kg.ids import fold

    lexicon = load_lexicon()
    G = build.graph

    def gazetteer_longs(surface: str) -> list[str]:
        entry = lexicon.entries.get(fold(surface))
        return [] if entry is None else [s for s in (entry.name, *entry.aliases) if len(s.split()) > 1 or "-" in s]

    expansions: dict[tuple[str, str], set[str]] = defaultdict(set)  # (entity, acronym) -> long forms
    for ex in build.extractions:
        for m in ex.mentions:
            for alias in m.aliases:
                target = _target(build, ex.paper_id, m)
                if target is not None and _expands(alias, m.name):
                    expansions[(target, alias)].add(m.name)
    out = []
    for (nid, acr), longs in sorted(expansions.items()):
        node = G.nodes[nid]
        # the entity's own long forms: its name, its aliases spelling the acronym, the gazetteer's
        known = set(longs) | {s for s in _surfaces(node) if len(s.split()) > 1 and _expands(acr, s)}
        known |= {s for s in gazetteer_longs(node["name"]) if _expands(acr, s)}
        ordered = sorted(known)
        # two expansions disagree when neither's words contain the other's ("Stable Diffusion" /
        # "Speculative Decoding"; "Process Reward Model" / "Process-supervised Reward Model" agree)
        if any(not agrees(a, [b]) for i, a in enumerate(ordered) for b in ordered[i + 1:]):
            out.append(("expansions", nid, ordered))
    for nid, d in sorted(G.nodes(data=True)):
        if d["label"] != "Method":
            continue
        sized = {}
        for s in _surfaces(d):
            sizes = tuple(sorted(m.group(0).upper() for m in SIZE.finditer(s)))
            base = fold(TUNE.sub("", SIZE.sub("", s)))
            sized.setdefault(base, set()).add(sizes)
        # one family under several sizes, or a family and its sized variant, in one entity
        if any(len(v) > 1 for v in sized.values()):
            out.append(("sizes", nid, _surfaces(d)))
    return out


def _target(build: Any, paper: str, mention: Any) -> str | None:
    try:
        return build.resolution.entity_of(mention.type, mention.name, paper).id
    except TypeError:  # before resolution was per paper
        return build.resolution.entity_of(mention.type, mention.name).id
    except KeyError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(SHARED / "seeds"))
    parser.add_argument("--corpus", default=str(SHARED / "corpora" / "arxiv-2026-07-08.jsonl"))
    parser.add_argument("--show", action="store_true", help="list every finding")
    args = parser.parse_args()
    from kg.build import build

    small = build([args.seeds])
    large = build([args.seeds, args.corpus])
    moved = stability(small.graph, large.graph)
    dups = duplicates(large.graph)
    wrong = wrong_merges(large)
    by_kind: dict[str, int] = defaultdict(int)
    for kind, *_ in dups + wrong:
        by_kind[kind] += 1
    print(f"papers: seeds {len(small.papers)}, seeds+corpus {len(large.papers)}")
    by_id = {p for p, _, gone, new in moved if {i for i, _ in gone} != {i for i, _ in new}}
    print(f"seed papers whose edges moved: {len(by_id)} to another entity, "
          f"{len({p for p, *_ in moved} - by_id)} only to another spelling of the same entity id")
    print(f"duplicate groups: {len(dups)} "
          f"(same paper {by_kind['same paper']}, across papers {by_kind['across papers']})")
    print(f"wrong merges: {len(wrong)} (expansions {by_kind['expansions']}, sizes {by_kind['sizes']})")
    if args.show:
        for pid, role, gone, new in moved:
            print(f"moved {pid} {role}: -{sorted(n for _, n in gone)} +{sorted(n for _, n in new)}")
        for kind, x, y in dups:
            print(f"dup   {kind:13} {large.graph.nodes[x]['name']!r} / {large.graph.nodes[y]['name']!r}")
        for kind, nid, evidence in wrong:
            print(f"merge {kind:10} {nid}: {evidence}")


if __name__ == "__main__":
    main()
