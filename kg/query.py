"""Query: run SPARQL over an exported graph file, with the project's prefixes known.

The contract queries (``shared/sparql/*.rq``) leave their prefixes to a separate file;
:func:`with_prefixes` puts in front every project prefix a query uses but does not
declare, so users can write ``kg:criticises`` without a PREFIX line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, QueryError
from kg.graph.namespaces import PREFIXES

RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "ntriples", ".jsonld": "json-ld"}


@dataclass(frozen=True)
class QueryResult:
    """Variables and rows of a SELECT (an ASK gives one row with ``ask``)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def with_prefixes(query: str) -> str:
    """Prepend a PREFIX line for each project prefix used in ``query`` and not declared."""
    declared = {m.lower() for m in re.findall(r"(?im)^\s*prefix\s+([\w-]*):", query)}
    needed = [
        f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items())
        if p.lower() not in declared and re.search(rf"(?<![\w<#/]){re.escape(p)}:", query)
    ]
    return "\n".join([*needed, query]) if needed else query


def read_query(query_or_path: str) -> str:
    """The query text: the file's contents when given a ``.rq`` path, else the text itself."""
    path = Path(query_or_path)
    if query_or_path.endswith((".rq", ".sparql")) or (len(query_or_path) < 4096 and "\n" not in query_or_path and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"{path}: cannot read query ({e.strerror})") from e
    return query_or_path


def load_graph(graph_file: str | Path):  # noqa: ANN201 - rdflib Dataset
    """Parse a Turtle, TriG, N-Quads or JSON-LD file into an rdflib Dataset (union view)."""
    from rdflib import Dataset

    path = Path(graph_file)
    fmt = RDF_FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"{path}: unknown graph format; use one of {', '.join(RDF_FORMATS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not valid {fmt} ({e})") from e
    return dataset


def run_query(graph_file: str | Path, query: str) -> QueryResult:
    """Run a SELECT or ASK query over a graph file with rdflib.

    Raises:
        QueryError: the query does not parse or is not a SELECT/ASK.
    """
    dataset = load_graph(graph_file)
    try:
        result = dataset.query(with_prefixes(query))
    except Exception as e:
        raise QueryError(f"query failed: {e}") from e
    if result.type == "ASK":
        return QueryResult(("ask",), ((str(bool(result.askAnswer)).lower(),),))
    if result.type != "SELECT":
        raise QueryError(f"only SELECT and ASK queries are supported, not {result.type}")
    variables = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(None if value is None else str(value) for value in row) for row in result)
    return QueryResult(variables, tuple(sorted(rows, key=lambda r: tuple(v or "" for v in r))))


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned text table, CSV or JSON."""
    if fmt == "json":
        return json.dumps([dict(zip(result.variables, row)) for row in result.rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([[v or "" for v in row] for row in result.rows])
        return out.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose table, csv or json")
    cells = [list(result.variables)] + [[_short(v) for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)


def _short(value: str | None) -> str:
    """A cell: IRIs under known namespaces as prefixed names, newlines flattened."""
    if value is None:
        return ""
    for prefix, ns in PREFIXES.items():
        if value.startswith(str(ns)) and re.fullmatch(r"[\w.-]+", value[len(str(ns)):]):
            return f"{prefix}:{value[len(str(ns)):]}"
    return " ".join(value.split())
