"""The ``kg`` command line: each command is a thin layer over the library
function of the same name (``kg build`` → :func:`kg.pipeline.build`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from kg.export import DEFAULT_FORMATS, exporter_names

app = typer.Typer(help="Build and explore a knowledge graph of research papers.", no_args_is_help=True,
                  add_completion=False)
console = Console(stderr=True)


@app.command("build")
def build_cli(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of paper listings.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    fmt: Annotated[Optional[list[str]], typer.Option("--format", "-f", help="Outputs to write (repeatable): "
                                                      + ", ".join(exporter_names()))] = None,
    jsonld: Annotated[bool, typer.Option("--jsonld", help="Also write graph.jsonld.")] = False,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="Extra gazetteer JSONL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Load INPUTS, extract entities and relations, and write the graph to --out."""
    from kg.pipeline import build

    formats = list(fmt or DEFAULT_FORMATS) + (["jsonld"] if jsonld else [])
    unknown = sorted(set(formats) - set(exporter_names()))
    if unknown:
        raise typer.BadParameter(f"unknown format(s): {', '.join(unknown)}", param_hint="--format")
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="INPUTS")
    result = build(inputs, out, formats, [str(g) for g in gazetteer or []])
    summary = result.summary()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        _print_summary(summary, result.written, out)
    if not result.papers:
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
    rejected = summary["rejected"]
    if rejected:
        console.print(f"[yellow]{len(rejected)} record(s) rejected:[/]")
        for line in rejected:
            console.print(f"  {line}", markup=False, highlight=False)
    console.print(f"wrote {len(written)} files to {out}/", highlight=False)


@app.command("eval")
def eval_cli(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, one paper per line).")],
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of paper listings.")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and every extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="Extra gazetteer JSONL.")] = None,
) -> None:
    """Score the extraction on INPUTS against GOLD: precision, recall and F1 per category."""
    from kg.evaluate import evaluate

    report = evaluate(gold, inputs, [str(g) for g in gazetteer or []])
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=1))
    else:
        out = Console()
        for title, scores in [("overall", report.overall), *sorted(report.by_source.items())]:
            table = Table("category", "P", "R", "F1", "tp", "fp", "fn", title=f"{title}")
            for cat, s in scores.items():
                table.add_row(cat, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
            out.print(table)
        out.print(f"{report.matched_papers} gold papers matched; {len(report.unmatched_gold)} not found")
    if errors:
        for line in report.errors:
            typer.echo(line)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
