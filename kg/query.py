"""Query: run SPARQL over an exported graph file, a build's store or an HTTP endpoint, with
the project's prefixes known.

All three give a :class:`QueryResult` whose values are plain strings (an IRI, a literal's
lexical form, None when unbound) with the rows sorted, so answers from different stores
compare equal.

The contract queries (``shared/sparql/*.rq``) leave their prefixes to a separate file;
:func:`with_prefixes` puts in front every project prefix a query uses but does not
declare, so users can write ``kg:criticises`` without a PREFIX line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal

from kg.errors import InputError, QueryError
from kg.graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from kg.remote import Endpoint

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


_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def bind_parameters(query: str, parameters: Mapping[str, str]) -> str:
    """The query with each ``?name`` bound to a string, by a trailing ``VALUES`` clause.

    The values are written as escaped SPARQL string literals (quotes, backslashes and line
    breaks escaped), never pasted in as query text, so a value cannot change the query.

    Args:
        query: a SELECT or ASK query (SPARQL allows one ``VALUES`` block after it).
        parameters: variable names (without ``?``) and their string values.

    Raises:
        QueryError: a name is not a SPARQL variable name.

    Example:
        >>> print(bind_parameters("SELECT ?x WHERE { ?x ?p ?name }", {"name": 'Ann "A" Lee'}))
        SELECT ?x WHERE { ?x ?p ?name }
        VALUES (?name) { ("Ann \\"A\\" Lee") }
    """
    if not parameters:
        return query
    for name in parameters:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"--param {name!r}: not a SPARQL variable name (letters, digits and _)")
    names = " ".join(f"?{name}" for name in parameters)
    values = " ".join(Literal(value).n3() for value in parameters.values())
    return f"{query.rstrip()}\nVALUES ({names}) {{ ({values}) }}"


def read_query(query_or_path: str) -> str:
    """The query text: the file's contents when given a ``.rq`` path, else the text itself."""
    path = Path(query_or_path)
    looks_like_a_path = len(query_or_path) < 4096 and "\n" not in query_or_path
    if query_or_path.endswith((".rq", ".sparql")) or (looks_like_a_path and path.is_file()):
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
    rows = [tuple(None if value is None else str(value) for value in row) for row in result]
    return make_result(variables, rows, ordered=has_order_by(query))


def has_order_by(query: str) -> bool:
    """Whether the query orders its rows (``ORDER BY`` outside comments)."""
    return re.search(r"(?i)\border\s+by\b", re.sub(r"(?m)(^|\s)#.*$", " ", query)) is not None


def make_result(variables: tuple[str, ...], rows: list[tuple[str | None, ...]], *, ordered: bool = False
                ) -> QueryResult:
    """A :class:`QueryResult`: rows as the query ordered them, else sorted, so the order never varies."""
    if not ordered:
        rows = sorted(rows, key=lambda r: tuple(v or "" for v in r))
    return QueryResult(variables, tuple(rows))


def run_store_query(store_dir: str | Path, query: str) -> QueryResult:
    """Run a SELECT or ASK query over a build's embedded store (``OUT/store``), read-only.

    Its default graph is the merged view; each article's graph is a named graph.

    Raises:
        InputError: there is no store at ``store_dir``.
        QueryError: the query does not parse or is not a SELECT/ASK.
    """
    from kg.store import open_store, select

    variables, rows = select(open_store(store_dir), with_prefixes(query))
    return make_result(variables, rows, ordered=has_order_by(query))


def run_endpoint_query(endpoint: Endpoint, query: str, *, default_graphs: tuple[str, ...] = ()) -> QueryResult:
    """Run a SELECT or ASK query at a SPARQL endpoint over HTTP (SPARQL 1.1 Protocol).

    Args:
        endpoint: the query endpoint, with credentials if needed.
        query: the query; project prefixes it uses are declared for it.
        default_graphs: ``default-graph-uri`` values (e.g. the graph ``kg load --graph`` put
            the merged view in, on stores whose default graph is the union of all graphs).

    Raises:
        StoreError: the endpoint cannot be reached, refuses or fails the query.
    """
    from kg.remote import select

    variables, rows = select(endpoint, with_prefixes(query), default_graphs=default_graphs)
    return make_result(variables, rows, ordered=has_order_by(query))


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned text table, CSV or JSON."""
    if fmt == "json":
        records = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        return json.dumps(records, ensure_ascii=False, indent=2)
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
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
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
