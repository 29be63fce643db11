"""Page build time, time to a stable view and redraw time per frame of the HTML graph.

    python bench/bench_viz.py [--sizes 5000,100000] [--no-browser]

Renders the seed graph (built from ../shared/seeds) and synthetic graphs of the
given numbers of papers (a fixed-seed generator: Zipf-distributed methods,
datasets and benchmarks, authors, years, abstracts from a Zipfian vocabulary,
a few BUILDS_ON links), opens each page in Debian's chromium with Playwright
(network blocked) and prints: the time to write the page, its size and node
count, the time from page start to the first stable drawing, and the mean time
of a synchronous redraw (``network.redraw()``) over 20 frames.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def synthetic_graph(papers: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph shaped like a real build: ~0.4 entities and ~1 author node per paper, Zipf usage."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(20000)]
    weights = [1 / (i + 1) for i in range(len(words))]
    n_entities = max(50, papers * 2 // 5)
    kinds = ["Method"] * 7 + ["Dataset"] * 2 + ["Benchmark"]
    G = nx.MultiDiGraph()
    entities = []
    for i in range(n_entities):
        kind = kinds[i % len(kinds)]
        eid = f"{kind.lower()}:e{i}"
        G.add_node(eid, label=kind, id=eid, name=f"{kind[:1]}-{i}", aliases=[])
        entities.append(eid)
    e_weights = [1 / (i + 1) ** 0.9 for i in range(n_entities)]
    authors = max(10, papers)
    for p in range(papers):
        pid = f"arxiv:{2000 + p % 9000:04d}.{p:05d}"
        year = 2015 + p * 12 // max(papers, 1)
        abstract = " ".join(rng.choices(words, weights, k=60))
        G.add_node(pid, label="Paper", id=pid, title=f"Paper {p}: " + " ".join(rng.choices(words, weights, k=8)),
                   abstract=abstract, year=year)
        for position in range(1, rng.randint(1, 4) + 1):
            aid = f"author:a{rng.randrange(authors)}"
            if aid not in G:
                G.add_node(aid, label="Author", id=aid, name=aid[7:], aliases=[])
            G.add_edge(aid, pid, key="AUTHORED", type="AUTHORED", position=position)
        for eid in set(rng.choices(entities, e_weights, k=rng.randint(1, 6))):
            kind = G.nodes[eid]["label"]
            rel = "USES" if kind == "Method" else "USES_DATASET" if kind == "Dataset" else "EVALUATES_ON"
            G.add_edge(pid, eid, key=rel, type=rel, paper=pid, sentence=f"We use {G.nodes[eid]['name']}.", rule="r")
        if rng.random() < 0.05:
            eid = rng.choice(entities)
            G.add_edge(pid, eid, key="PROPOSES", type="PROPOSES", paper=pid, sentence="We propose it.", rule="r")
        if p > 10 and rng.random() < 0.1:
            older = f"arxiv:{2000 + (q := rng.randrange(p)) % 9000:04d}.{q:05d}"
            G.add_edge(pid, older, key="BUILDS_ON|x", type="BUILDS_ON", via=entities[0], paper=pid, sentence="s",
                       rule="r", confidence=0.9)
    return G


_REDRAW = """() => {
  var n = 0; window.kgNetwork.on("afterDrawing", function () { n += 1; });
  var t = performance.now();
  for (var i = 0; i < 20; i++) window.kgNetwork.redraw();
  return [(performance.now() - t) / 20, n];
}"""


def _in_browser(path: Path) -> tuple[float, float, int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(path.as_uri(), timeout=600000)
        page.wait_for_selector("body[data-stable]", state="attached", timeout=600000)
        stable = float(page.evaluate("window.kgStableMs"))
        redraw, frames = page.evaluate(_REDRAW)
        page.screenshot(path=str(path.with_suffix(".png")))
        browser.close()
        return stable, float(redraw), int(frames)


def main() -> None:
    from kg.viz.html import viz

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000,100000", help="synthetic graph sizes, in papers")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep", type=Path, help="folder to keep the pages and screenshots in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        from kg.build import build

        graphs = [("seeds", lambda: build([SHARED / "seeds"]).graph)]
        graphs += [(f"synthetic-{n}", lambda n=n: synthetic_graph(int(n))) for n in args.sizes.split(",") if n]
        for name, make in graphs:
            G = make()
            start = time.perf_counter()
            path = viz(G, folder / f"{name}.html")
            built = time.perf_counter() - start
            drawn = path.read_text(encoding="utf-8").count('"shape": ')
            line = (f"{name}: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges; page built in {built:.1f}s "
                    f"({path.stat().st_size / 1e6:.1f} MB, ~{drawn:,} nodes drawn)")
            if not args.no_browser:
                stable, redraw, frames = _in_browser(path)
                line += f"; stable after {stable / 1000:.2f}s; redraw {redraw:.1f} ms/frame ({frames} frames drawn)"
            print(line, flush=True)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
