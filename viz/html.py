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
    from kg.pipeline import Build

__all__ = ["script_json", "render_html", "write_html"]

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
        border-radius: 6px; box-shadow: 0 1px 4px #0003; }
 #legend span { display: inline-block; margin-right: 10px; }
 #legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
 #graph { width: 100vw; height: 100vh; }
 #search { width: 220px; }
 .tip { white-space: pre-wrap; max-width: 420px; font-size: 12px; }
</style>
</head>
<body>
<div id="bar">
 <div id="legend"></div>
 <input id="search" type="search" placeholder="Search a node…" aria-label="Search a node">
 <span id="status"></span>
</div>
<div id="graph"></div>
<script>__VIS_JS__</script>
<script id="payload" type="application/json">__PAYLOAD__</script>
<script>
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("payload").textContent);
  function tip(text) { var d = document.createElement("div"); d.className = "tip"; d.textContent = text; return d; }
  payload.nodes.forEach(function (n) { n.title = tip(n.title || ""); });
  payload.edges.forEach(function (e) { e.title = tip(e.title || ""); });
  var legend = document.getElementById("legend");
  payload.legend.forEach(function (item) {
    var s = document.createElement("span"), dot = document.createElement("i");
    dot.style.background = item.color; s.appendChild(dot); s.appendChild(document.createTextNode(item.label));
    legend.appendChild(s);
  });
  var nodes = new vis.DataSet(payload.nodes), edges = new vis.DataSet(payload.edges);
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, payload.options);
  var status = document.getElementById("status");
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    document.body.setAttribute("data-stable", "true");
    status.textContent = nodes.length + " nodes, " + edges.length + " edges";
  });
  document.getElementById("search").addEventListener("change", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    if (!q) return;
    var hit = nodes.get({filter: function (n) { return String(n.label).toLowerCase().indexOf(q) >= 0 || String(n.id).toLowerCase() === q; }});
    if (hit.length) {
      network.selectNodes([hit[0].id]);
      network.focus(hit[0].id, {scale: 1.2, animation: false});
      status.textContent = "found: " + hit[0].label;
    } else { status.textContent = "no match"; }
  });
  window.kgNetwork = network; window.kgNodes = nodes;
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


def write_html(build: "Build", out: Path) -> list[Path]:
    from kg.viz.payload import graph_to_payload

    path = out / "graph.html"
    write_text(path, render_html(graph_to_payload(build.graph)))
    return [path]
