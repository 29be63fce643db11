"""Queries with no server: SPARQL on pyoxigraph, Cypher on ladybug (embedded).

``query(folder, sparql=…)`` loads ``graph.ttl`` into an in-memory Oxigraph store
(the seed graph loads in ~30 ms) with the usual prefixes predeclared;
``query(folder, cypher=…)`` opens ``ladybug/graph.lbug`` read-only. Both stay
open for the next query on the same file (until it changes), so only the first
query of a process pays the load. Values come in as parameters: ``$name`` in
Cypher, a projected ``?name`` in SPARQL. ``bench/bench_queries.py`` times them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.output import check_current
from kg.schema import PREFIXES

__all__ = ["PREFIXES", "QueryResult", "query", "sparql_query", "cypher_query"]


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _version(path: Path) -> tuple[int, int]:
    """What tells one build's file from the next (a rebuild swaps a new file in): the cache key beside the path."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_ino


@lru_cache(maxsize=4)
def _store(path: str, version: tuple[int, int]) -> Any:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    return store


def _term_value(term: Any) -> Any:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "int", "long", "positiveInteger", "nonNegativeInteger"):
            return int(term.value)
        if kind in ("decimal", "double", "float"):
            return float(term.value)
        return term.value
    return term.value


def sparql_query(folder: str | Path, text: str, params: dict[str, Any] | None = None) -> QueryResult:
    import pyoxigraph as ox

    path = Path(folder) / "graph.ttl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run 'kg build … --out {folder}' first")
    check_current(Path(folder), "graph.ttl")
    store = _store(str(path), _version(path))
    substitutions = {ox.Variable(k): (v if isinstance(v, ox.NamedNode) else ox.Literal(v))
                     for k, v in (params or {}).items()}
    try:
        result = store.query(text, prefixes=PREFIXES, substitutions=substitutions or None)
    except SyntaxError as exc:  # pyoxigraph: "error at 1:40: expected …"
        message = str(exc)
        if "Prefix not found" in message:  # else a page of character classes
            message = (message.partition(": expected")[0] + ": a prefix that is not declared (predeclared: "
                       + ", ".join(f"{p}:" for p in PREFIXES) + "; declare others with PREFIX)")
        raise SyntaxError(f"SPARQL syntax {message}") from None
    except RuntimeError as exc:
        if "projection" in str(exc):
            raise ValueError(f"{exc}: Oxigraph binds a parameter only when the query projects it "
                             "(list ?name in SELECT, or use SELECT *)") from exc
        raise
    if isinstance(result, bool):
        return QueryResult(["result"], [[result]])
    if not hasattr(result, "variables"):  # CONSTRUCT / DESCRIBE: triples
        return QueryResult(["subject", "predicate", "object"],
                           [[_term_value(t.subject), _term_value(t.predicate), _term_value(t.object)] for t in result])
    columns = [v.value for v in result.variables]
    return QueryResult(columns, [[_term_value(row[c]) for c in columns] for row in result])


# what may hold a "$" that is not a parameter: strings, `quoted names`, comments
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_PARAMETER = re.compile(r"\$(\w+)")


def _check_parameters(text: str, params: dict[str, Any]) -> None:
    """ladybug reads a parameter given no value as null (and answers nothing): name it instead."""
    missing = sorted(set(_PARAMETER.findall(_NOT_CODE.sub(" ", text))) - set(params))
    if missing:
        raise ValueError(", ".join(f"${m}" for m in missing) + " has no value: give it with "
                         + " ".join(f"--param {m}=VALUE" for m in missing))


@lru_cache(maxsize=4)
def _connection(path: str, version: tuple[int, int]) -> Any:
    import ladybug

    db = ladybug.Database(path, read_only=True)
    return db, ladybug.Connection(db)


def cypher_query(folder: str | Path, text: str, params: dict[str, Any] | None = None) -> QueryResult:
    import ladybug  # noqa: F401 - first: without the engine, say so before looking for its file

    from kg.export.ladybug_db import DB_NAME

    path = Path(folder) / "ladybug" / DB_NAME
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run 'kg build … --out {folder}' with the query extra installed")
    check_current(Path(folder), f"ladybug/{DB_NAME}")
    _check_parameters(text, params or {})
    _, conn = _connection(str(path), _version(path))
    result = conn.execute(text, params or {})
    try:
        columns = result.get_column_names()
        return QueryResult(columns, [list(row) for row in result.get_all()])
    finally:
        result.close()


def query(folder: str | Path, sparql: str | None = None, cypher: str | None = None,
          params: dict[str, Any] | None = None) -> QueryResult:
    if (sparql is None) == (cypher is None):
        raise ValueError("give exactly one of sparql= or cypher=")
    if sparql is not None:
        return sparql_query(folder, sparql, params)
    return cypher_query(folder, cypher or "", params)
