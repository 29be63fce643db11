"""Print a fixed-seed sample of top-1 related papers and prior/derivative links, to be judged by reading.

    python bench/sample_links.py OUT            # OUT: a folder `kg build … -f graph-json` wrote
    python bench/sample_links.py --build ../shared/seeds ../shared/corpora [--abstracts]

Draws ``random.Random(SEED).sample`` of the papers with an abstract (sorted by
id) and prints, for each, its top-1 related paper with the score and whether it
is "close"; then every ``BUILDS_ON``/``CITES`` link when there are at most
``--n`` of them, else a sample of ``--n`` drawn with the same seed, each with
the method it goes through, the sentence and the confidence. ``--abstracts``
prints both abstracts so the sample can be judged from this output alone. The
same graph always gives the same sample.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from pathlib import Path

SEED = 20261121


def _abstract(d: dict, width: int) -> str:
    text = " ".join(str(d.get("abstract") or d.get("abstract_zh") or "").split())
    return textwrap.shorten(text, width, placeholder=" …") if width else text


def sample_related(G, n: int = 20, seed: int = SEED) -> tuple[dict[str, int], list[tuple[str, dict]]]:
    """(coverage counts, [(paper, its top-1 related item)] for ``n`` papers drawn with ``seed`` from those
    with an abstract)."""
    from kg.related import RelatedIndex

    index = RelatedIndex(G)
    with_text = [p for p in index.papers if G.nodes[p].get("abstract") or G.nodes[p].get("abstract_zh")]
    tops = {p: (index.related(p, 1) or [None])[0] for p in with_text}
    counts = {"with an abstract": len(with_text), "with related papers": sum(t is not None for t in tops.values()),
              "with a close one": sum(bool(t and t["close"]) for t in tops.values())}
    drawn = random.Random(seed).sample(with_text, min(n, len(with_text)))
    return counts, [(p, tops[p]) for p in drawn]


def lineage_links(G, n: int = 20, seed: int = SEED) -> tuple[int, list[tuple[str, str, dict]]]:
    """(how many links there are, all of them or a sample of ``n``), sorted so the draw is reproducible."""
    links = sorted(((u, v, d) for u, v, d in G.edges(data=True) if d["type"] in ("BUILDS_ON", "CITES")),
                   key=lambda e: (e[0], e[1], e[2]["type"], e[2].get("via") or ""))
    return len(links), links if len(links) <= n else random.Random(seed).sample(links, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", type=Path, help="a build folder, or inputs with --build")
    parser.add_argument("--build", action="store_true", help="build the graph from INPUTS first")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--abstracts", action="store_true", help="print both abstracts in full")
    args = parser.parse_args()
    if args.build:
        from kg.build import build

        G = build(args.inputs).graph
    else:
        from kg.export.graph_json import read_graph

        G = read_graph(args.inputs[0])
    width = 0 if args.abstracts else 160
    papers = [p for p, d in G.nodes(data=True) if d["label"] == "Paper"]
    counts, sample = sample_related(G, args.n, args.seed)
    print(f"# {len(papers)} papers; seed {args.seed}; " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print("\n## top-1 related")
    for k, (p, top) in enumerate(sample, 1):
        d = G.nodes[p]
        print(f"\nR{k} {d['title']} ({d.get('year') or '?'}) [{p}]\n   {_abstract(d, width)}")
        if top is None:
            print("   -> none")
            continue
        o = G.nodes[top["id"]]
        print(f"   -> {o['title']} ({o.get('year') or '?'}) [{top['id']}] score {top['score']:.3f} "
              f"{'close' if top['close'] else 'loose'}; shared: {', '.join(top['shared']) or '-'}\n"
              f"   {_abstract(o, width)}")
    total, links = lineage_links(G, args.n, args.seed)
    print(f"\n## prior/derivative links: {total} in the graph, {len(links)} shown")
    for k, (u, v, d) in enumerate(links, 1):
        via = G.nodes[d["via"]]["name"] if d.get("via") in G else ""
        print(f"\nL{k} {G.nodes[u]['title']} ({G.nodes[u].get('year') or '?'}) [{u}]\n"
              f"   {_abstract(G.nodes[u], width)}\n"
              f"   {d['type']} {G.nodes[v]['title']} ({G.nodes[v].get('year') or '?'}) [{v}]\n"
              f"   {_abstract(G.nodes[v], width)}\n"
              f"   via {via!r}, confidence {d.get('confidence', 1.0)}, rule {d.get('rule', '')}\n"
              f"   sentence: {d.get('sentence') or ''}")


if __name__ == "__main__":
    main()
