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
 body { margin: 0; font: 14px system-ui, sans-serif; color: #222; }
 #bar { position: absolute; top: 8px; left: 8px; z-index: 2; background: #fffe; padding: 8px 10px;
        border-radius: 6px; box-shadow: 0 1px 4px #0003; max-width: 46vw; }
 #bar label { margin-right: 8px; white-space: nowrap; }
 #bar i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin: 0 3px 0 2px; vertical-align: -1px; }
 #bar .row { margin-top: 6px; }
 #graph { width: 100vw; height: 100vh; }
 #search { width: 220px; }
 #card { position: absolute; top: 8px; right: 8px; bottom: 8px; width: 360px; z-index: 2; overflow: auto;
         background: #fffffff2; border-radius: 6px; box-shadow: 0 1px 4px #0003; padding: 10px 14px; display: none; }
 #card h3 { margin: 4px 0; font-size: 15px; }
 #card .kind { font-size: 11px; text-transform: uppercase; color: #666; letter-spacing: .05em; }
 #card .sub { color: #555; }
 #card ul { padding-left: 16px; }
 #card li { margin-bottom: 6px; }
 #card blockquote { margin: 2px 0 0 0; padding-left: 8px; border-left: 3px solid #ddd; color: #555; font-size: 12px; }
 #card a { margin-right: 10px; }
 .tip { white-space: pre-wrap; max-width: 420px; font-size: 12px; }
</style>
</head>
<body>
<div id="bar">
 <div id="legend"></div>
 <div class="row"><input id="search" type="search" placeholder="Search a node…" aria-label="Search a node">
  <span id="years"></span></div>
 <div class="row" id="status">laying out…</div>
</div>
<div id="card" role="dialog" aria-label="Node details"></div>
<div id="graph"></div>
<script>__VIS_JS__</script>
<script id="payload" type="application/json">__PAYLOAD__</script>
<script>
(function () {
  "use strict";
  var started = performance.now();
  var payload = JSON.parse(document.getElementById("payload").textContent);
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function tip(text) { return el("div", text || "", "tip"); }
  var cards = {};
  payload.nodes.forEach(function (n) { cards[n.id] = n.card; delete n.card; n.title = tip(n.title); });
  payload.edges.forEach(function (e) { e.title = tip(e.title); });
  var shown = {};
  var legend = document.getElementById("legend");
  payload.legend.forEach(function (item) {
    var label = el("label"), box = el("input"), dot = el("i");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = item.label; shown[item.label] = true;
    box.addEventListener("change", function () { shown[item.label] = box.checked; applyFilters(); });
    dot.style.background = item.color;
    label.appendChild(box); label.appendChild(dot); label.appendChild(document.createTextNode(item.label));
    legend.appendChild(label);
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
  }
  var nodes = new vis.DataSet(payload.nodes), edges = new vis.DataSet(payload.edges);
  var options = payload.options;
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, options);
  var status = document.getElementById("status");
  function stable() {
    if (document.body.getAttribute("data-stable")) return;
    network.setOptions({physics: false});
    window.kgStableMs = performance.now() - started;
    document.body.setAttribute("data-stable", "true");
    status.textContent = nodes.length + " nodes, " + edges.length + " edges";
  }
  if (payload.fixed_layout) { network.once("afterDrawing", stable); }
  else { network.once("stabilizationIterationsDone", stable); }
  function applyFilters() {
    var lo = yearFrom ? Number(yearFrom.value) : null, hi = yearTo ? Number(yearTo.value) : null;
    nodes.update(payload.nodes.map(function (n) {
      var outOfYears = n.year && lo !== null && (n.year < lo || n.year > hi);
      return {id: n.id, hidden: !shown[n.group] || Boolean(outOfYears)};
    }));
  }
  function showCard(id) {
    var c = cards[id], card = document.getElementById("card");
    card.textContent = "";
    if (!c) { card.style.display = "none"; return; }
    var close = el("button", "×"); close.style.float = "right"; close.setAttribute("aria-label", "close");
    close.addEventListener("click", function () { card.style.display = "none"; });
    card.appendChild(close);
    card.appendChild(el("div", c.kind + (c.year ? " · " + c.year : ""), "kind"));
    card.appendChild(el("h3", c.title));
    if (c.subtitle) card.appendChild(el("div", c.subtitle, "sub"));
    if (c.aliases.length) card.appendChild(el("div", "also: " + c.aliases.join(", "), "sub"));
    if (c.authors.length) card.appendChild(el("p", c.authors.join(", ")));
    if (c.links.length) {
      var links = el("p");
      c.links.forEach(function (link) {
        if (!/^https?:\/\//.test(link.url)) return;
        var a = el("a", link.label); a.href = link.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        links.appendChild(a);
      });
      card.appendChild(links);
    }
    var list = el("ul");
    c.facts.forEach(function (f) {
      var li = el("li"); li.appendChild(el("b", f.relation + " ")); li.appendChild(document.createTextNode(f.other + " (" + f.kind + ")"));
      if (f.sentence) { var q = el("blockquote", f.sentence); q.title = "rule: " + f.rule; li.appendChild(q); }
      list.appendChild(li);
    });
    card.appendChild(list);
    card.style.display = "block";
  }
  network.on("click", function (params) { if (params.nodes.length) showCard(params.nodes[0]); });
  document.getElementById("search").addEventListener("change", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    if (!q) return;
    var hit = nodes.get({filter: function (n) { return !n.hidden && (String(n.label).toLowerCase().indexOf(q) >= 0 || String(n.id).toLowerCase() === q); }});
    if (hit.length) {
      network.selectNodes([hit[0].id]);
      network.focus(hit[0].id, {scale: 1.2, animation: false});
      showCard(hit[0].id);
      status.textContent = "found: " + hit[0].label;
    } else { status.textContent = "no match"; }
  });
  if (payload.focus) { network.once("afterDrawing", function () { network.selectNodes([payload.focus]); showCard(payload.focus); }); }
  window.kgNetwork = network; window.kgNodes = nodes; window.kgShowCard = showCard;
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


def write_html(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    from kg.viz.payload import graph_to_payload

    path = out / "graph.html"
    write_text(path, render_html(graph_to_payload(G)))
    return [path]


def viz(G: "nx.MultiDiGraph", output: str | Path, focus: str | None = None, depth: int = 2,
        types: list[str] | None = None, min_degree: int = 0) -> Path:
    """Write an offline HTML view of ``G`` (or of the part around ``focus``) to ``output``."""
    from kg.explore import find_node
    from kg.viz.payload import graph_to_payload, select_subgraph

    focus_id = None
    if focus:
        focus_id = find_node(G, focus)
        if focus_id is None:
            raise LookupError(f"nothing in the graph matches {focus!r}")
    H = select_subgraph(G, focus_id, depth, types, min_degree)
    title = f"kg: {G.nodes[focus_id].get('name') or G.nodes[focus_id].get('title')}" if focus_id else "kg graph"
    return write_text(Path(output), render_html(graph_to_payload(H, focus=focus_id), title=title))
