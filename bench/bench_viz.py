"""Time to a stable view of the HTML graph in headless Chromium.

    python bench/bench_viz.py [--nodes 5000]

Renders the seed graph, and a replicated graph grown to about --nodes nodes
(whose layout is computed beforehand with networkx, physics off), opens each
in Debian's chromium with Playwright (network blocked) and prints the time
from page start to the first stable drawing, plus the time to build the page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_build import SHARED, _replicate  # noqa: E402

from kg.build import build  # noqa: E402
from kg.viz.html import viz  # noqa: E402


def _stable_ms(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-stable]", timeout=300000)
        ms = float(page.evaluate("window.kgStableMs"))
        page.screenshot(path=str(path.with_suffix(".png")))
        browser.close()
        return ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        seeds = build([SHARED / "seeds"]).graph
        papers = max(300, int(args.nodes / max(seeds.number_of_nodes() / 301, 1)))
        big = build([_replicate(papers, tmp_path)]).graph
        for name, G in (("seeds", seeds), ("replicated", big)):
            start = time.perf_counter()
            path = viz(G, tmp_path / f"{name}.html")
            built = time.perf_counter() - start
            print(f"{name}: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges; page built in {built:.1f}s "
                  f"({path.stat().st_size / 1e6:.1f} MB); stable in Chromium after {_stable_ms(path) / 1000:.1f}s")


if __name__ == "__main__":
    main()
