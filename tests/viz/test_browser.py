"""The HTML page in a real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; never ``playwright install``), with every network request blocked."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyvis")
playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)">'


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def _open(browser, path: Path, timeout_ms: int = 60000):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    requests, errors, dialogs = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-stable]", timeout=timeout_ms)
    return page, requests, errors, dialogs


@pytest.fixture(scope="module")
def hostile_page_file(tmp_path_factory, seed_build):
    import copy

    from kg.viz.html import viz

    G = copy.deepcopy(seed_build.graph)
    paper = next(n for n, d in sorted(G.nodes(data=True)) if d["label"] == "Paper")
    G.nodes[paper]["title"] = HOSTILE + " A Hostile Paper"
    path = tmp_path_factory.mktemp("viz") / "page.html"
    viz(G, path)
    return path, G


def test_page_renders_offline_every_node_and_no_errors(browser, hostile_page_file):
    path, G = hostile_page_file
    page, requests, errors, dialogs = _open(browser, path)
    assert requests == [] and errors == [] and dialogs == []
    drawn = page.evaluate("window.kgNetwork.body.nodeIndices.length")
    assert drawn == G.number_of_nodes()
    assert page.evaluate("window.kgNodes.length") == G.number_of_nodes()
    stable_ms = page.evaluate("window.kgStableMs")
    print(f"seed graph: {drawn} nodes stable after {stable_ms:.0f} ms")
    page.screenshot(path=str(path.with_suffix(".png")))
    page.context.close()


def _type(page, text: str) -> list[str]:
    page.fill("#search", "")
    page.type("#search", text)
    page.wait_for_function("document.querySelectorAll('#results li').length > 0")
    return page.eval_on_selector_all("#results li", "items => items.map(li => li.dataset.id)")


_SCREEN = """() => {
  var box = document.getElementById("graph").getBoundingClientRect(), out = {};
  var bar = document.getElementById("bar").getBoundingClientRect();
  var pos = window.kgNetwork.getPositions();
  Object.keys(pos).forEach(function (id) { var p = window.kgNetwork.canvasToDOM(pos[id]); out[id] = [p.x, p.y]; });
  return [[box.left, bar.bottom, box.right, box.bottom], out];
}"""


def test_full_page_shows_the_core_above_the_small_components_all_on_screen(browser, hostile_page_file):
    """No ring of small components around the core: the core is drawn on top, wide, and the small
    components in rows under it, every node on screen (and none under the search bar) at the zoom that
    fits the page."""
    import networkx as nx

    path, G = hostile_page_file
    page, _, errors, _ = _open(browser, path)
    (left, top, right, bottom), at = page.evaluate(_SCREEN)
    assert len(at) == G.number_of_nodes()
    assert all(left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1 for x, y in at.values())
    core = max(nx.connected_components(G.to_undirected(as_view=True)), key=len)
    rest = [n for n in G if n not in core]
    assert len(core) > 100 and len(rest) > 100
    assert max(at[n][1] for n in core) < min(at[n][1] for n in rest)
    core_width = max(at[n][0] for n in core) - min(at[n][0] for n in core)
    assert core_width > 0.4 * (right - left)
    assert errors == []
    page.context.close()


def test_type_ahead_finds_mamba_exactly_and_mamaba_fuzzily(browser, hostile_page_file):
    path, G = hostile_page_file
    page, _, errors, _ = _open(browser, path)
    ids = _type(page, "Mamba")
    assert ids[0] == "method:mamba" and len(ids) > 1  # exact first, then prefixes (Mamba-2, …)
    assert "exact" in page.text_content("#results li:first-child")
    ids = _type(page, "Mamaba")
    assert ids[0] == "method:mamba" and "did you mean" in page.text_content("#results li:first-child")
    assert page.text_content("#status").startswith("did you mean Mamba")
    page.press("#search", "Enter")
    page.wait_for_function("window.kgFocus === 'method:mamba'")
    assert page.text_content("#card h3") == "Mamba" and page.eval_on_selector_all("#results li", "l => l.length") == 0
    assert errors == []
    page.context.close()


def test_side_list_refocuses_the_view_and_the_card_shows_the_abstract(browser, hostile_page_file):
    path, G = hostile_page_file
    page, _, errors, _ = _open(browser, path)
    h3 = next(n for n, d in G.nodes(data=True) if d.get("title", "").startswith("Hungry Hungry Hippos"))
    page.evaluate(f"window.kgRefocus({json.dumps(h3)})")
    assert page.text_content("#card .abstract").startswith(G.nodes[h3]["abstract"][:200])
    assert page.text_content("#card h3").startswith("Hungry Hungry Hippos")
    items = page.eval_on_selector_all(".side-related li.item", "l => l.map(li => li.dataset.id)")
    assert len(items) >= 3 and h3 not in items
    target = items[0]
    page.click(f".side-related li.item[data-id={json.dumps(target)}]")
    page.wait_for_function(f"window.kgFocus === {json.dumps(target)}")
    assert page.text_content("#card h3") == G.nodes[target]["title"]
    visible = page.evaluate("window.kgNodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; })")
    neighbours = set(G.predecessors(target)) | set(G.successors(target))
    assert target in visible and set(visible) >= neighbours and len(visible) < G.number_of_nodes() / 2
    page.click("#all")
    assert page.evaluate("window.kgNodes.get({filter: function (n) { return n.hidden; }}).length") == 0
    assert errors == []
    page.context.close()


def test_hostile_title_does_not_execute(browser, hostile_page_file):
    path, G = hostile_page_file
    page, requests, errors, dialogs = _open(browser, path)
    hostile_id = next(n for n, d in G.nodes(data=True) if str(d.get("title", "")).startswith(HOSTILE))
    page.evaluate(f"window.kgShowCard({json.dumps(hostile_id)})")
    assert HOSTILE in page.text_content("#card h3")  # shown as text
    ids = _type(page, "A Hostile Paper")
    assert ids[0] == hostile_id and HOSTILE in page.text_content("#results li:first-child")
    page.press("#search", "Enter")
    page.wait_for_function(f"window.kgFocus === {json.dumps(hostile_id)}")
    related = page.eval_on_selector_all(".side-related li.item", "l => l.map(li => li.dataset.id)")
    if related:  # the hostile paper also appears in its neighbours' side lists
        page.click(f".side-related li.item[data-id={json.dumps(related[0])}]")
    assert page.evaluate("document.querySelectorAll('#panel img, #bar img').length") == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and requests == [] and errors == []
    page.context.close()


def test_type_filter_hides_nodes(browser, hostile_page_file):
    path, G = hostile_page_file
    page, _, errors, _ = _open(browser, path)
    page.uncheck("input[data-kind=Method]")
    hidden = page.evaluate("window.kgNodes.get({filter: function (n) { return n.hidden; }}).length")
    assert hidden == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Method")
    assert errors == []
    page.context.close()


def test_focus_view_renders(browser, seed_out, tmp_path):
    from kg.export.graph_json import read_graph
    from kg.viz.html import viz

    path = viz(read_graph(seed_out), tmp_path / "mamba.html", focus="Mamba", depth=2)
    page, requests, errors, _ = _open(browser, path)
    assert requests == [] and errors == []
    assert "Mamba" in page.text_content("#card h3")
    assert page.eval_on_selector_all(".side-used-by li.item", "l => l.length") > 0
    page.context.close()


def test_path_page_renders(browser, seed_out, tmp_path):
    from kg.export.graph_json import read_graph
    from kg.path import path as chain
    from kg.viz.html import viz_path

    G = read_graph(seed_out)
    result = chain(G, "Mamba", "Hungry Hungry Hippos")
    page, requests, errors, _ = _open(browser, viz_path(G, result, tmp_path / "path.html"))
    assert requests == [] and errors == []
    assert page.evaluate("window.kgNodes.length") == len(result["nodes"])
    page.context.close()
