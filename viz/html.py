"""An offline HTML page for a graph payload.

vis-network's script and style sheet come from the pyvis package and are
inlined, so the page fetches nothing. The payload is embedded as JSON with
``<``, ``>`` and ``&`` escaped, and tooltips, legend and search results are
built with ``textContent``: a title like ``<img src=x onerror=alert(1)>`` is
shown, never run. Physics lays the graph out, then is switched off.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import write_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["script_json", "render_html", "write_html", "viz"]

_VIS = "lib/vis-9.1.2"

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>
 body { margin: 0; height: 100vh; overflow: hidden; font: 14px system-ui, sans-serif; color: #222; }
 #graph { position: absolute; left: 0; top: 0; bottom: 0; right: 400px; }
 #bar { position: absolute; top: 8px; left: 8px; z-index: 3; background: #fffe; padding: 8px 10px;
        border-radius: 6px; box-shadow: 0 1px 4px #0003; max-width: calc(100vw - 440px); }
 #bar label { margin-right: 8px; white-space: nowrap; }
 #bar .row { margin-top: 6px; }
 .swatch { display: inline-block; width: 11px; height: 11px; margin: 0 3px 0 2px; vertical-align: -1px; }
 .sw-dot { border-radius: 50%; } .sw-ellipse { border-radius: 40%; width: 15px; } .sw-diamond { transform: rotate(45deg) scale(.85); }
 .sw-triangle { width: 0; height: 0; background: none !important; border-left: 6px solid transparent; border-right: 6px solid transparent; border-bottom: 11px solid; }
 .edge { display: inline-block; width: 22px; vertical-align: 3px; margin: 0 3px 0 6px; }
 #search { width: 260px; }
 #results { list-style: none; margin: 4px 0 0 0; padding: 0; max-height: 40vh; overflow: auto; }
 #results li { padding: 3px 6px; cursor: pointer; border-radius: 4px; }
 #results li:hover, #results li.active { background: #e8f0fe; }
 #results .kind, .item .meta { color: #666; font-size: 11px; }
 #panel { position: absolute; top: 0; right: 0; bottom: 0; width: 392px; overflow: auto; border-left: 1px solid #ddd;
          background: #fafafa; padding: 10px 12px 10px 14px; box-sizing: border-box; }
 #panel h3 { margin: 4px 0; font-size: 15px; }
 #panel h4 { margin: 14px 0 4px 0; font-size: 13px; }
 #panel .kind { font-size: 11px; text-transform: uppercase; color: #666; letter-spacing: .05em; }
 #panel .sub { color: #555; }
 #panel .abstract { font-size: 13px; line-height: 1.4; }
 #panel ul { padding-left: 16px; margin: 4px 0; }
 #panel li { margin-bottom: 5px; }
 #panel blockquote { margin: 2px 0 0 0; padding-left: 8px; border-left: 3px solid #ddd; color: #555; font-size: 12px; }
 #panel a { margin-right: 10px; }
 .item { cursor: pointer; padding: 4px 6px; border-radius: 4px; list-style: none; margin-left: -16px; }
 .item:hover { background: #e8f0fe; } .item.off { cursor: default; color: #777; }
 .item .short { font-size: 12px; color: #555; }
 .tip { white-space: pre-wrap; max-width: 420px; font-size: 12px; }
</style>
</head>
<body>
<div id="graph"></div>
<div id="bar">
 <div id="legend"></div>
 <div class="row" id="edge-legend"></div>
 <div class="row"><input id="search" type="search" placeholder="Search a paper, method, dataset…" aria-label="Search" autocomplete="off">
  <button id="all" type="button">show all</button> <span id="years"></span></div>
 <ul id="results" role="listbox" aria-label="Search results"></ul>
 <div class="row" id="status">laying out…</div>
</div>
<div id="panel" role="complementary" aria-label="Details"><div id="card"></div><div id="side"></div><div id="facts"></div></div>
<script>__VIS_JS__</script>
<script id="payload" type="application/json">__PAYLOAD__</script>
<script>
(function () {
  "use strict";
  var started = performance.now();
  var payload = JSON.parse(document.getElementById("payload").textContent);
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; }
  function tip(text) { return el("div", text || "", "tip"); }
  function fold(s) { return String(s || "").normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, ""); }
  function short(s, n) { s = String(s || ""); return s.length <= n ? s : s.slice(0, n - 1).replace(/\\s+$/, "") + "…"; }
  var cards = {}, sides = {}, info = {}, adj = {};
  payload.nodes.forEach(function (n) {
    cards[n.id] = n.card; sides[n.id] = n.side || {}; adj[n.id] = [];
    info[n.id] = {label: n.group, title: n.card.title, year: n.year, abstract: n.card.abstract, names: n.names.map(fold), degree: n.value || 0, name: n.names[0]};
    delete n.card; delete n.side; n.title = tip(n.title);
  });
  payload.edges.forEach(function (e) { e.title = tip(e.title); if (adj[e.from] && adj[e.to]) { adj[e.from].push(e.to); adj[e.to].push(e.from); } });
  var shown = {};
  var legend = document.getElementById("legend");
  payload.legend.forEach(function (item) {
    var label = el("label"), box = el("input"), mark = el("span", "", "swatch sw-" + item.shape);
    box.type = "checkbox"; box.checked = true; box.dataset.kind = item.label; shown[item.label] = true;
    box.addEventListener("change", function () { shown[item.label] = box.checked; applyFilters(); });
    if (item.shape === "triangle") mark.style.borderBottomColor = item.color; else mark.style.background = item.color;
    label.appendChild(box); label.appendChild(mark); label.appendChild(document.createTextNode(item.label));
    legend.appendChild(label);
  });
  var present = {};
  payload.edges.forEach(function (e) { present[e.relation] = true; });
  var edgeLegend = document.getElementById("edge-legend");
  payload.edge_legend.forEach(function (s) {
    if (!present[s.relation] || s.relation === "AUTHORED") return;
    var line = el("span", "", "edge");
    line.style.borderTop = Math.max(1, s.width) + "px " + (s.dashes ? (s.dashes[0] <= 2 ? "dotted" : "dashed") : "solid") + " " + s.color;
    edgeLegend.appendChild(line); edgeLegend.appendChild(document.createTextNode(s.words));
  });
  var yearFrom = null, yearTo = null;
  if (payload.years.length) {
    var span = document.getElementById("years");
    span.appendChild(document.createTextNode(" years "));
    yearFrom = el("input"); yearTo = el("input");
    [yearFrom, yearTo].forEach(function (box, i) {
      box.type = "number"; box.min = payload.years[0]; box.max = payload.years[1]; box.value = payload.years[i];
      box.style.width = "64px"; box.setAttribute("aria-label", i ? "to year" : "from year");
      box.addEventListener("change", applyFilters);
      span.appendChild(box); if (!i) span.appendChild(document.createTextNode("–"));
    });
    span.appendChild(document.createTextNode(" (papers: lighter is older)"));
  }
  var nodes = new vis.DataSet(payload.nodes), edges = new vis.DataSet(payload.edges);
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, payload.options);
  var status = document.getElementById("status");
  function fitClear(options) {  // fit(), then leave the strip under the search bar free
    network.fit(Object.assign({animation: false}, options || {}));
    var bar = document.getElementById("bar").getBoundingClientRect();
    var box = document.getElementById("graph").getBoundingClientRect();
    var covered = bar.bottom - box.top + 8;
    if (covered <= 0 || covered >= box.height / 2) return;
    var scale = network.getScale() * (box.height - covered) / box.height, view = network.getViewPosition();
    network.moveTo({position: {x: view.x, y: view.y - covered / 2 / scale}, scale: scale, animation: false});
  }
  function stable() {
    if (document.body.getAttribute("data-stable")) return;
    network.setOptions({physics: false});
    fitClear();
    window.kgStableMs = performance.now() - started;
    document.body.setAttribute("data-stable", "true");
    status.textContent = nodes.length + " nodes, " + edges.length + " edges" + (payload.overview ? " (overview of a bigger graph)" : "");
  }
  if (payload.fixed_layout) { network.once("afterDrawing", stable); }
  else { network.once("stabilizationIterationsDone", stable); }
  var scope = null;  // ids kept by the current refocus, or null for everything
  function applyFilters() {
    var lo = yearFrom ? Number(yearFrom.value) : null, hi = yearTo ? Number(yearTo.value) : null;
    nodes.update(payload.nodes.map(function (n) {
      var outOfYears = n.year && lo !== null && (n.year < lo || n.year > hi);
      return {id: n.id, hidden: !shown[n.group] || Boolean(outOfYears) || Boolean(scope && !scope[n.id])};
    }));
  }
  function refocus(id) {
    if (!info[id]) return;
    scope = {}; scope[id] = true;
    adj[id].forEach(function (m) { scope[m] = true; });
    Object.keys(sides[id] || {}).forEach(function (k) { sides[id][k].forEach(function (it) { if (info[it[0]]) scope[it[0]] = true; }); });
    applyFilters();
    network.selectNodes([id]);
    fitClear({nodes: Object.keys(scope)});
    showCard(id);
    window.kgFocus = id;
    status.textContent = "showing " + info[id].name + " and " + (Object.keys(scope).length - 1) + " neighbours";
  }
  document.getElementById("all").addEventListener("click", function () { scope = null; applyFilters(); fitClear(); });
  function paperItem(id, note) {
    var known = info[id] || payload.papers[id] || {title: id};
    var li = el("li", null, "item" + (info[id] ? "" : " off"));
    li.dataset.id = id;
    li.appendChild(el("div", (known.year ? known.year + " · " : "") + known.title, "title"));
    var meta = [note];
    if (!info[id]) meta.push("not drawn here");
    li.appendChild(el("div", meta.filter(Boolean).join(" · "), "meta"));
    if (known.abstract) li.appendChild(el("div", short(known.abstract, 200), "short"));
    if (info[id]) li.addEventListener("click", function () { refocus(id); });
    return li;
  }
  var SIDE_TITLES = {prior: "Prior works (it builds on)", derivative: "Derivative works (build on it)", related: "Related papers",
                     "proposed by": "Proposed by", "used by": "Used by"};
  function showSide(id) {
    var side = document.getElementById("side"), lists = sides[id] || {};
    side.textContent = "";
    Object.keys(lists).forEach(function (k) {
      side.appendChild(el("h4", (SIDE_TITLES[k] || k) + " (" + lists[k].length + ")"));
      var ul = el("ul"); ul.className = "side-" + k.replace(" ", "-");
      if (!lists[k].length) ul.appendChild(el("li", k === "related" ? "none found" : "none in this graph", "meta"));
      lists[k].forEach(function (it) { ul.appendChild(paperItem(it[0], it[1])); });
      side.appendChild(ul);
    });
  }
  function showCard(id) {
    var c = cards[id], card = document.getElementById("card");
    card.textContent = "";
    if (!c) return;
    card.appendChild(el("div", c.kind + (c.year ? " · " + c.year : ""), "kind"));
    card.appendChild(el("h3", c.title));
    if (c.subtitle) card.appendChild(el("div", c.subtitle, "sub"));
    if (c.aliases.length) card.appendChild(el("div", "also: " + c.aliases.join(", "), "sub"));
    if (c.authors.length) {
      var by = el("p", "by " + c.authors.slice(0, 3).join(", ") + (c.authors.length > 3 ? " and " + (c.authors.length - 3) + " more" : ""), "authors");
      if (c.authors.length > 3) { var all = el("details"); all.appendChild(el("summary", "all authors")); all.appendChild(el("div", c.authors.join(", "))); by.appendChild(all); }
      card.appendChild(by);
    }
    if (c.links.length) {
      var links = el("p");
      c.links.forEach(function (link) {
        if (!/^https?:\\/\\//.test(link.url)) return;
        var a = el("a", link.label); a.href = link.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        links.appendChild(a);
      });
      card.appendChild(links);
    }
    if (c.abstract) {
      var ab = el("p", short(c.abstract, 700), "abstract");
      if (c.abstract.length > 700) { var more = el("button", "more"); more.type = "button"; more.addEventListener("click", function () { ab.textContent = c.abstract; }); ab.appendChild(more); }
      card.appendChild(ab);
    }
    var facts = document.getElementById("facts"), list = el("ul"), said = {};
    facts.textContent = "";
    c.facts.forEach(function (f) {
      var li = el("li"); li.appendChild(el("b", f.relation + " ")); li.appendChild(document.createTextNode(f.other + " (" + f.kind + ")"));
      f.sentences.forEach(function (s) { if (said[s]) return; said[s] = true; li.appendChild(el("blockquote", s)); });
      list.appendChild(li);
    });
    if (c.more_facts) list.appendChild(el("li", "… and " + c.more_facts + " more", "meta"));
    if (c.facts.length) { facts.appendChild(el("h4", "In this graph")); facts.appendChild(list); }
    showSide(id);
    window.kgCardId = id;
  }
  network.on("click", function (params) { if (params.nodes.length) showCard(params.nodes[0]); });
  network.on("doubleClick", function (params) { if (params.nodes.length) refocus(params.nodes[0]); });
  function lev(a, b, cap) {
    if (Math.abs(a.length - b.length) > cap) return cap + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i]; var best = i;
      for (j = 1; j <= b.length; j++) { cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)); if (cur[j] < best) best = cur[j]; }
      if (best > cap) return cap + 1;
      prev = cur;
    }
    return prev[b.length];
  }
  function search(q, limit) {
    var key = fold(q), hits = [];
    if (!key) return hits;
    var cap = key.length < 5 ? 1 : key.length < 10 ? 2 : 3;
    Object.keys(info).forEach(function (id) {
      var n = info[id], tier = null, dist = 0;
      n.names.forEach(function (name, i) {
        var t = null;
        if (name === key) t = (i === 0 || n.label === "Paper") ? 0 : 1;
        else if (name.indexOf(key) === 0) t = 2;
        else if (key.length >= 3 && n.label === "Paper" && name.indexOf(key) >= 0) t = 3;
        else { var d = lev(key, name, cap); if (d <= cap) { t = 4; dist = d; } }
        if (t !== null && (tier === null || t < tier)) tier = t;
      });
      if (tier !== null) hits.push({id: id, tier: tier, dist: dist});
    });
    hits.sort(function (a, b) {
      var x = info[a.id], y = info[b.id];
      return a.tier - b.tier || a.dist - b.dist || (x.label === "Author") - (y.label === "Author") ||
        x.name.length - y.name.length || y.degree - x.degree || (a.id < b.id ? -1 : 1);
    });
    return hits.slice(0, limit);
  }
  var box = document.getElementById("search"), results = document.getElementById("results");
  var TIER_NAMES = ["exact", "alias", "prefix", "in title", "did you mean"];
  function showResults() {
    var hits = search(box.value, 8);
    results.textContent = "";
    hits.forEach(function (h, i) {
      var li = el("li", null, i ? "" : "active"); li.setAttribute("role", "option"); li.dataset.id = h.id;
      li.appendChild(el("span", short(info[h.id].name, 70)));
      li.appendChild(el("span", " " + info[h.id].label + " · " + TIER_NAMES[h.tier], "kind"));
      li.addEventListener("click", function () { pick(h.id); });
      results.appendChild(li);
    });
    status.textContent = box.value.trim() ? (hits.length ? (hits[0].tier === 4 ? "did you mean " + info[hits[0].id].name + "?" : hits.length + " match(es)") : "no match") : "";
    return hits;
  }
  function pick(id) { results.textContent = ""; refocus(id); status.textContent = "found: " + info[id].name; }
  box.addEventListener("input", showResults);
  box.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var hits = showResults();
    if (hits.length) pick(hits[0].id);
  });
  if (payload.focus) { network.once("afterDrawing", function () { network.selectNodes([payload.focus]); showCard(payload.focus); }); }
  window.kgNetwork = network; window.kgFit = fitClear; window.kgNodes = nodes; window.kgShowCard = showCard; window.kgRefocus = refocus; window.kgSearch = search;
})();
</script>
</body>
</html>
"""


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _asset(name: str) -> str:
    return (resources.files("pyvis") / _VIS / name).read_text(encoding="utf-8")


def render_html(payload: dict[str, Any], title: str = "kg graph") -> str:
    import html
    import re

    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": _asset("vis-network.css"),
        "VIS_JS": _asset("vis-network.min.js"),
        "PAYLOAD": script_json(payload),
    }
    # one pass, so text inside the payload is never taken for a placeholder
    return re.sub(r"__(TITLE|VIS_CSS|VIS_JS|PAYLOAD)__", lambda m: values[m.group(1)], _TEMPLATE)


def _page(G: nx.MultiDiGraph, focus: str | None = None, depth: int = 2, types: list[str] | None = None,
          min_degree: int = 0, extra: list[str] | None = None) -> dict[str, Any]:
    """The payload for a view of ``G``: an ego view, the whole graph, or an overview when it is big."""
    from kg.related import RelatedIndex
    from kg.texts import restored_copy
    from kg.viz.payload import OVERVIEW_THRESHOLD, SIDE_LIMIT, graph_to_payload, overview, select_subgraph

    if focus is not None or extra or types or min_degree or len(G) <= OVERVIEW_THRESHOLD:
        G = restored_copy(G)  # texts a build keeps on disk (kg.texts) read back; the graph itself when in memory
    H = G.subgraph(extra).copy() if extra else select_subgraph(G, focus, depth, types, min_degree)
    summarised = focus is None and not extra and len(H) > OVERVIEW_THRESHOLD
    if summarised:
        H = restored_copy(overview(H))  # only the overview's texts are read back
    index = RelatedIndex(H if summarised else G)
    if focus is not None or extra:
        keep = set(H) | set(extra or [])
        if focus is not None and G.nodes[focus]["label"] == "Paper":
            from kg.explore import lineage_of

            prior, derivative = lineage_of(G, focus)
            keep |= {i["id"] for i in prior + derivative + index.related(focus, SIDE_LIMIT)}
        H = G.subgraph(keep).copy()
    payload = graph_to_payload(H, focus=focus, full=H if summarised else G, related=index, names=G)
    payload["overview"] = summarised
    return payload


def write_html(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    path = out / "graph.html"
    write_text(path, render_html(_page(G)))
    return [path]


def viz(G: "nx.MultiDiGraph", output: str | Path, focus: str | None = None, depth: int = 2,
        types: list[str] | None = None, min_degree: int = 0) -> Path:
    """Write an offline HTML view of ``G`` (or of the part around ``focus``) to ``output``.

    Raises :class:`kg.search.NotFound` (with suggestions) when ``focus`` matches nothing.
    """
    from kg.search import resolve

    focus_id = resolve(G, focus) if focus else None
    title = f"kg: {G.nodes[focus_id].get('name') or G.nodes[focus_id].get('title')}" if focus_id else "kg graph"
    payload = _page(G, focus_id, depth, types, min_degree)
    if len(G) and not payload["nodes"]:
        raise ValueError(f"nothing to draw: no node is left with types {','.join(types) if types else 'all'} and "
                         f"min_degree {min_degree} (lower --min-degree or widen --types); no page written")
    return write_text(Path(output), render_html(payload, title=title))


def viz_path(G: "nx.MultiDiGraph", result: dict[str, Any], output: str | Path) -> Path:
    """A focus page for a :func:`kg.path.path` chain: the chain's nodes and their direct links."""
    ids = [n["id"] for n in result["nodes"]]
    title = f"kg: {result['nodes'][0]['name']} → {result['nodes'][-1]['name']}"
    payload = _page(G, ids[0], extra=ids)
    return write_text(Path(output), render_html(payload, title=title))
