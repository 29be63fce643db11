"""The ``kg`` command line: each command is a thin layer over the library
function of the same name (``kg build`` → :func:`kg.build.build`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kg.export import DEFAULT_FORMATS, exporter_names, missing_extra
from kg.schema import LABELS, ROLE_FIELDS

app = typer.Typer(help="Build and explore a knowledge graph of research papers.", no_args_is_help=True,
                  add_completion=False)
# summaries, progress and errors go to stderr; results to stdout; emoji=False everywhere: ":fire:" in a title stays text
console = Console(stderr=True, emoji=False)


class _UserError(Exception):
    """A mistake in what the user asked: printed as one line, exit code 1."""

    kind = "UserError"  # its name under --json


# the pip extra (pyproject.toml) that brings each optional library
_EXTRAS = {"pyvis": "viz", "sklearn": "explore", "threadpoolctl": "explore", "neo4j": "neo4j", "pyoxigraph": "query",
           "ladybug": "query", "pyarrow": "query", "dask": "dask", "distributed": "dask", "bibtexparser": "bibtex",
           "pylatexenc": "bibtex"}


@contextmanager
def _user_errors(as_json: bool = False, also: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Turn the errors a user can cause (missing or corrupt files, a name not in the graph, an
    unreachable server, a bad output folder) into one ``error:`` line and exit code 1 — never a
    traceback. Under ``--json`` the error is a JSON object on stdout (with suggestions for a name
    not found)."""
    from kg.output import OutputError
    from kg.search import NotFound

    try:
        try:
            yield
        except ModuleNotFoundError as exc:  # an extra's library is not installed
            extra = _EXTRAS.get((exc.name or "").partition(".")[0])
            if extra is None:
                raise
            raise _UserError(f"{exc.name} is not installed: pip install 'kg-papers[{extra}]'") from exc
    except (_UserError, OutputError, LookupError, OSError, ValueError, RuntimeError, *also) as exc:
        message = str(exc) or type(exc).__name__
        if as_json:
            data = exc.as_dict() if isinstance(exc, NotFound) else {"error": getattr(exc, "kind", type(exc).__name__),
                                                                     "message": message}
            typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            console.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from exc


def _existing(paths: Iterable[Path], what: str) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint=what)


def _not_a_folder(output: Path) -> None:
    if output.is_dir():
        raise typer.BadParameter(f"{output} is a folder; give a file name, e.g. {output / 'view.html'}",
                                 param_hint="--output")


@app.command("build")
def build_cli(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of paper listings.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    fmt: Annotated[Optional[list[str]], typer.Option("--format", "-f", help="Outputs to write (repeatable, or a,b): "
                                                      + ", ".join(exporter_names()))] = None,
    jsonld: Annotated[bool, typer.Option("--jsonld", help="Also write graph.jsonld.")] = False,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="Extra gazetteer JSONL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    ner_model: Annotated[Optional[Path], typer.Option("--ner-model", help="A model from 'kg train-ner'.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Extraction processes (default: every core).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every paper again; ignore --out/cache.")] = False,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Extract on a Dask cluster: tcp://HOST:8786.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Extract on a Dask LocalCluster of N processes.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a graph with papers even by an empty one.")] = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Leave out statements less likely than this (0–1).")] = 0.0,
) -> None:
    """Load INPUTS, extract entities and relations, and write the graph to --out.

    The summary (records, papers, nodes and edges by type, rejected records as file:line) goes to stderr; with --json it goes to stdout as JSON."""
    from kg.build import build

    fmt = [name.strip() for names in fmt or [] for name in names.split(",") if name.strip()]  # -f a,b = -f a -f b
    formats = list(fmt) if fmt else [f for f in DEFAULT_FORMATS if missing_extra(f) is None]  # the others: below
    formats += ["jsonld"] if jsonld else []
    unknown = sorted(set(formats) - set(exporter_names()))
    if unknown:
        raise typer.BadParameter(f"unknown format(s): {', '.join(unknown)}", param_hint="--format")
    for name in formats if fmt else DEFAULT_FORMATS:
        if missing_extra(name):
            hint = f"pip install 'kg-papers[{missing_extra(name)}]'"
            if fmt:
                raise typer.BadParameter(f"{name} needs {hint}", param_hint="--format")
            console.print(f"not writing {name}: it needs {hint}", markup=False, highlight=False, soft_wrap=True)
    if scheduler is not None and workers is not None:
        raise typer.BadParameter("give --scheduler (a running cluster) or --workers (a local one), not both",
                                 param_hint="--scheduler / --workers")
    _existing(inputs, "INPUTS")
    _existing(gazetteer or [], "--gazetteer")
    if ner_model is not None:
        _existing([ner_model], "--ner-model")
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} is a file; give a folder", param_hint="--out")
    with _user_errors(as_json):
        result = build(inputs, out, formats, [str(g) for g in gazetteer or []], ner_model, force=force,
                       min_confidence=min_confidence, jobs=jobs, cache=not no_cache,
                       scheduler=scheduler, workers=workers)
    summary = result.summary()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        _print_summary(summary, result.written, out)
    if not result.papers:
        if not as_json:
            why = ("every record was rejected (listed above)" if summary["rejected"]
                   else "no file found in INPUTS (hidden files and the files of kg builds are skipped)")
            console.print(f"[red]error:[/] no paper in the input: {why}", highlight=False)
        raise typer.Exit(code=1)


def _print_summary(summary: dict, written: list[Path], out: Path) -> None:  # type: ignore[type-arg]
    console.print(f"[bold]{summary['records']}[/] records → [bold]{summary['papers']}[/] papers")
    table = Table("nodes", "count", "edges", "count", box=None)
    nodes, edges = list(summary["nodes"].items()), list(summary["edges"].items())
    for i in range(max(len(nodes), len(edges))):
        n = nodes[i] if i < len(nodes) else ("", "")
        e = edges[i] if i < len(edges) else ("", "")
        table.add_row(n[0], str(n[1]), e[0], str(e[1]))
    console.print(table)
    for name, f in summary.get("files", {}).items():
        console.print(f"  {name}: {f['records']} records = {f['papers']} papers + {f['merged']} merged "
                      f"+ {f['rejected']} rejected", markup=False, highlight=False, soft_wrap=True)
    rejected = summary["rejected"]
    if rejected:
        console.print(f"[yellow]{len(rejected)} record(s) rejected:[/]")
        for line in rejected:
            console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    console.print(f"wrote {len(written)} files to {out}/", highlight=False, markup=False)


@app.command("eval")
def eval_cli(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, one paper per line).")],
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of paper listings.")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and every extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="Extra gazetteer JSONL.")] = None,
    by_rule: Annotated[bool, typer.Option("--by-rule", help="Also print precision and count per rule.")] = False,
    half: Annotated[Optional[str], typer.Option("--half", help="Score one fixed half of GOLD only: A or B.")] = None,
) -> None:
    """Score the extraction on INPUTS against GOLD: precision, recall and F1 per category."""
    from kg.evaluate import evaluate

    if half is not None and half.upper() not in ("A", "B"):
        raise typer.BadParameter("--half takes A or B")
    _existing([gold], "GOLD")
    _existing(inputs, "INPUTS")
    _existing(gazetteer or [], "--gazetteer")
    with _user_errors(as_json):
        report = evaluate(gold, inputs, [str(g) for g in gazetteer or []], half=half)
        if not report.matched_papers:
            raise _UserError(f"none of the {len(report.unmatched_gold)} gold papers of {gold} is in the inputs")
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=1))
    else:
        out = Console(emoji=False)
        for title, scores in [("overall", report.overall), *sorted(report.by_source.items())]:
            table = Table("category", "P", "R", "F1", "tp", "fp", "fn", title=escape(title))
            for cat, s in scores.items():
                table.add_row(cat, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
            out.print(table)
        out.print(f"{report.matched_papers} gold papers matched; {len(report.unmatched_gold)} not found")
        if by_rule:
            for cat, rules in report.by_rule.items():
                table = Table("rule", "P", "tp", "fp", "n", title=f"{cat} by rule")
                for rule, s in sorted(rules.items(), key=lambda kv: (-(kv[1].tp + kv[1].fp), kv[0])):
                    table.add_row(Text(rule), f"{s.precision:.3f}", str(s.tp), str(s.fp), str(s.tp + s.fp))
                out.print(table)
    if errors:
        for line in report.errors:
            typer.echo(line)


@app.command("query")
def query_cli(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Folder written by 'kg build'.")] = Path("out"),
    sparql: Annotated[Optional[str], typer.Option("--sparql", help="A SPARQL query (prefixes kg:, rdfs:, dcterms: … predeclared).")] = None,
    cypher: Annotated[Optional[str], typer.Option("--cypher", help="A Cypher query (embedded ladybug, no server).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE, bound as $NAME / ?NAME (repeatable); digits bind as an integer.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL or Cypher query on a built graph, with no server."""
    import csv
    import sys

    from kg.query import query

    if (sparql is None) == (cypher is None):
        raise typer.BadParameter("give exactly one of --sparql or --cypher")
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("choose table, csv or json", param_hint="--format")
    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise typer.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        params[name] = int(value) if value.lstrip("-").isdigit() else value
    with _user_errors(fmt == "json", also=(SyntaxError,)):
        result = query(graph, sparql=sparql, cypher=cypher, params=params)
    if fmt == "json":
        typer.echo(json.dumps(result.records(), ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (list, dict)) else v for v in row]
                         for row in result.rows)  # a list cell as JSON, not Python's repr
    else:
        table = Table(*(escape(c) for c in result.columns))  # escape, Text: a value is shown as it is, never as markup
        for row in result.rows:
            table.add_row(*(Text("" if v is None else str(v)) for v in row))
        Console(emoji=False).print(table)
        console.print(f"{len(result.rows)} row(s)")


@app.command("viz")
def viz_cli(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Folder written by 'kg build'.")] = Path("out"),
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph-view.html"),
    focus: Annotated[Optional[str], typer.Option("--focus", help="A paper or entity to centre the view on.")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Hops around --focus.")] = 2,
    types: Annotated[Optional[str], typer.Option("--types", help="Node types to draw, e.g. Paper,Method.")] = None,
    min_degree: Annotated[int, typer.Option("--min-degree", min=0, help="Keep the k-core: nodes with at least this many links among those kept.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Report the result (or the error) as JSON.")] = False,
) -> None:
    """Write an interactive offline HTML graph: the whole graph or an ego view."""
    from importlib.util import find_spec

    from kg.export.graph_json import read_graph
    from kg.viz.html import viz

    _not_a_folder(output)
    kinds = [t.strip() for t in types.split(",")] if types else None
    unknown = sorted(set(kinds or []) - {lab.name for lab in LABELS})
    if unknown:
        raise typer.BadParameter(f"unknown type(s): {', '.join(unknown)}", param_hint="--types")
    with _user_errors(as_json):
        if missing_extra("html") or find_spec("sklearn") is None:
            raise _UserError("kg viz needs pyvis and scikit-learn: pip install 'kg-papers[viz]'")
        path = viz(read_graph(graph), output, focus, depth, kinds, min_degree)
    if as_json:
        typer.echo(json.dumps({"wrote": str(path)}))
    else:
        console.print(f"wrote {path}", highlight=False, markup=False)


@app.command("explore")
def explore_cli(
    query: Annotated[str, typer.Argument(help="A title, an arXiv id, or a method/dataset/benchmark name.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Folder written by 'kg build'.")] = Path("out"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """What came before, what builds on it, what is related: for a paper or an entity."""
    from kg.explore import explore
    from kg.export.graph_json import read_graph

    with _user_errors(as_json):
        result = explore(read_graph(graph), query)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    _print_exploration(result)


@app.command("path")
def path_cli(
    a: Annotated[str, typer.Argument(help="A paper or entity (title, arXiv id or name).")],
    b: Annotated[str, typer.Argument(help="Another paper or entity.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Folder written by 'kg build'.")] = Path("out"),
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Also write the chain as an HTML page.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the chain as JSON.")] = False,
) -> None:
    """The shortest meaningful chain between A and B (hubs cost more), in words."""
    import networkx as nx

    from kg.export.graph_json import read_graph
    from kg.path import describe, path

    if output is not None:
        _not_a_folder(output)
    with _user_errors(as_json, also=(nx.NetworkXNoPath,)):
        G = read_graph(graph)
        result = path(G, a, b)
    if output is not None:
        from kg.viz.html import viz_path

        viz_path(G, result, output)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        Console(emoji=False, soft_wrap=True).print(describe(result), highlight=False, markup=False)
    if output is not None:
        console.print(f"wrote {output}", highlight=False, markup=False)


def _print_exploration(r: dict) -> None:  # type: ignore[type-arg]
    out = Console(emoji=False, soft_wrap=True)
    year = lambda i: f" ({i['year']})" if i.get("year") else ""  # noqa: E731
    names = lambda items: ", ".join(escape(i["name"]) for i in items)  # noqa: E731
    # every value from the graph goes through escape(): "[citation needed]" in a title is text, not markup
    if r["kind"] == "Paper":
        out.print(f"[bold]{escape(r['title'])}[/]{year(r)}  {escape(r['id'])}", highlight=False)
        if r.get("authors"):
            out.print("  by " + ", ".join(r["authors"]), highlight=False, markup=False)
        for key in ("url", "pdf_url", "code_url"):
            if r.get(key):
                out.print(f"  {key}: {r[key]}", highlight=False, markup=False)
        if r.get("abstract"):
            out.print(f"  {r['abstract']}", highlight=False, markup=False)
        for role in ROLE_FIELDS.values():
            if r[role]:
                out.print(f"[bold]{role}[/]: " + names(r[role]), highlight=False)
        for title, key in (("prior works", "prior_works"), ("derivative works", "derivative_works")):
            out.print(f"[bold]{title}[/] ({len(r[key])})")
            for i in r[key]:
                how = "cites" if i["cites"] else f"via {', '.join(i['via'])} (confidence {i['confidence']:.2f})"
                out.print(f"  {i['title']}{year(i)} — {how}", highlight=False, markup=False)
        out.print("[bold]related[/] (score: title+abstract TF-IDF and LSA topic, raised by shared rare entities)")
        for i in r["related"]:
            shared = f" — shares {', '.join(i['shared'])}" if i["shared"] else ""
            loose = "" if i["close"] else " (loosely related)"
            out.print(f"  {i['score']:.2f}  {i['title']}{year(i)}{loose}{shared}", highlight=False, markup=False)
    elif r["kind"] == "Author":
        out.print(f"[bold]{escape(r['name'])}[/] (Author)", highlight=False)
        for i in r["papers"]:
            out.print(f"  {i['title']}{year(i)}", highlight=False, markup=False)
    else:
        out.print(f"[bold]{escape(r['name'])}[/] ({r['kind']})"
                  + (f" also: {escape(', '.join(r['aliases']))}" if r["aliases"] else ""), highlight=False)
        for title, key in (("proposed by", "proposed_by"), ("introduced by", "introduced_by"), ("used by", "used_by")):
            if r[key]:
                out.print(f"[bold]{title}[/] ({len(r[key])})")
                for i in r[key]:
                    out.print(f"  {i['title']}{year(i)}", highlight=False, markup=False)
        if r["benchmarks"]:
            out.print("[bold]on benchmarks[/]: " + ", ".join(f"{escape(b['name'])} ({b['papers']})" for b in r["benchmarks"]),
                      highlight=False)
        for title, key in (("outperforms", "outperforms"), ("outperformed by", "outperformed_by")):
            if r[key]:
                out.print(f"[bold]{title}[/]: " + names(r[key]), highlight=False)


@app.command("train-ner")
def train_ner_cli(
    scierc: Annotated[Path, typer.Option("--scierc", help="SciERC train.json (DyGIE format).")],
    tdmsci: Annotated[Path, typer.Option("--tdmsci", help="TDMSci train CoNLL file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the trained spaCy pipeline.")] = Path("ner-model"),
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = 10,
    seed: Annotated[int, typer.Option("--seed")] = 0,
) -> None:
    """Train the Method/Dataset NER component on SciERC and TDMSci train splits (use with kg build --ner-model)."""
    from kg.extract.ner import read_scierc, read_tdmsci, train_ner

    _existing([scierc], "--scierc")
    _existing([tdmsci], "--tdmsci")
    with _user_errors():
        sentences = read_scierc(scierc) + read_tdmsci(tdmsci)
        train_ner(sentences, out, epochs=epochs, seed=seed)
    console.print(f"trained on {len(sentences)} sentences; wrote {out}/", highlight=False, markup=False)


push_app = typer.Typer(help="Load a built graph into a database server.", no_args_is_help=True)
app.add_typer(push_app, name="push")


@push_app.command("neo4j")
def push_neo4j_cli(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Folder written by 'kg build'.")] = Path("out"),
    uri: Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="bolt:// or neo4j:// address.")] = "bolt://localhost:7687",
    user: Annotated[str, typer.Option("--user", envvar="NEO4J_USER")] = "neo4j",
    password: Annotated[str, typer.Option("--password", envvar="NEO4J_PASSWORD", prompt=True, hide_input=True)] = "",
    database: Annotated[Optional[str], typer.Option("--database", envvar="NEO4J_DATABASE")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 1000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Sessions sending batches at once.")] = 1,
) -> None:
    """Push the graph in --graph to Neo4j (or any Bolt server) idempotently, in parameterised batches."""
    if uri.partition("://")[0] not in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"):
        raise typer.BadParameter(f"{uri!r}: give a bolt:// or neo4j:// address (+s, +ssc for TLS)", param_hint="--uri")
    from rich.progress import Progress

    from kg.export.graph_json import read_graph

    with _user_errors():
        from neo4j.exceptions import AuthError as Neo4jAuthError
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        from kg.export.neo4j import push_neo4j

        G = read_graph(graph)
        try:
            with Progress(console=console, transient=True) as bar:
                task = bar.add_task("pushing", total=G.number_of_nodes() + G.number_of_edges())
                result = push_neo4j(G, uri, user, password, database, batch_size,
                                    progress=lambda what, n: bar.update(task, advance=n, description=what),
                                    checkpoint=graph / "cache" / "push-neo4j.json", workers=workers)
        except (ServiceUnavailable, Neo4jAuthError, Neo4jError) as exc:
            raise _UserError(f"{uri}: {exc}") from exc
    if result.resumed:
        console.print(f"resumed an interrupted push: {result.resumed} batches were already committed")
    console.print(f"pushed {sum(result.nodes.values())} nodes and {sum(result.relationships.values())} "
                  f"relationships in {result.seconds:.1f}s ({result.rows / max(result.seconds, 1e-9):,.0f} rows/s)")
    for name, count in {**result.nodes, **result.relationships}.items():
        console.print(f"  {name}: {count}", highlight=False)


def main() -> None:
    import signal
    import sys

    # a terminated build unwinds like Ctrl-C: its staging folder is removed, --out is untouched
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    app()


if __name__ == "__main__":
    main()
