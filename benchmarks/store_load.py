"""Benchmark loading a build into triple stores and querying it there.

For a ``kg build`` output folder, this starts each store on 127.0.0.1 at a free port with its
data in a temporary folder (``kg.servers``, as ``tests/stores/`` does: ``oxigraph serve`` from
the PyPI package ``oxigraph``, and Debian's ``virtuoso-t`` with an ini of its own), then

- times ``kg load`` (``kg.remote.load_build``: one Graph Store ``PUT`` per article graph, then
  the merged view), first into the empty store and again (a reload, which replaces);
- times every contract query (``shared/sparql``) and every ready query (``queries/``) over
  HTTP (``kg.query.run_endpoint_query``), the median of ``--runs`` runs, and checks its rows
  equal rdflib's over ``graph.ttl`` (or, with ``--reference embedded``, the embedded store's:
  rdflib's query engine takes minutes on a corpus);
- times the same queries over the build's embedded store (``OUT/store``, read-only
  pyoxigraph, opened per query as ``kg query`` does) and over ``graph.ttl`` with rdflib
  (parse included, as ``kg query FILE`` does; parse time shown apart).

Run (from the project root)::

    .venv/bin/python benchmarks/store_load.py exports/
    .venv/bin/python benchmarks/store_load.py /tmp/corpus-build --reference embedded

This is a benchmark, not a test: it prints a table and fails only if a store gives rows that
differ from rdflib's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from kg.errors import StoreError
from kg.query import read_query, run_endpoint_query, run_store_query, with_prefixes
from kg.remote import Endpoint, load_build
from kg.servers import ASK, free_port, oxigraph_command, running, virtuoso_command
from kg.store import is_store

ROOT = Path(__file__).resolve().parents[1]
SHARED_SPARQL = ROOT.parent / "shared" / "sparql"
MERGED_GRAPH = "urn:newskg:benchmark:merged"


def say(line: str) -> None:
    print(line, flush=True)  # noqa: T201 - a script: the table is its output


@contextmanager
def oxigraph(folder: Path) -> Iterator[tuple[Endpoint, Endpoint, list[str], tuple[str, ...], float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(oxigraph_command(folder, port), folder, f"{base}/query?{ASK}", timeout=120) as (_, started):
        yield Endpoint(f"{base}/store", timeout=600), Endpoint(f"{base}/query", timeout=600), [], (), started


@contextmanager
def virtuoso(folder: Path) -> Iterator[tuple[Endpoint, Endpoint, list[str], tuple[str, ...], float]]:
    http_port, sql_port = free_port(), free_port()
    base = f"http://127.0.0.1:{http_port}"
    with running(virtuoso_command(folder, http_port, sql_port), folder, f"{base}/sparql?{ASK}",
                 timeout=120) as (_, started):
        yield (Endpoint(f"{base}/sparql-graph-crud-auth", user="dba", password="dba", timeout=600),
               Endpoint(f"{base}/sparql", timeout=600), [MERGED_GRAPH], (MERGED_GRAPH,), started)


STORES: dict[str, Callable[[Path], object]] = {"oxigraph": oxigraph, "virtuoso": virtuoso}


def median_seconds(run: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def queries() -> dict[str, str]:
    prefixes = (SHARED_SPARQL / "prefixes.rq").read_text(encoding="utf-8") if SHARED_SPARQL.is_dir() else ""
    found = {f"sparql/{p.stem}": prefixes + "\n" + p.read_text(encoding="utf-8")
             for p in sorted(SHARED_SPARQL.glob("*.rq")) if p.name != "prefixes.rq"}
    found.update({f"queries/{p.stem}": read_query(str(p)) for p in sorted((ROOT / "queries").glob("*.rq"))})
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="a kg build output folder (graph.ttl, graph.trig, store/)")
    parser.add_argument("--stores", nargs="+", choices=tuple(STORES), default=list(STORES))
    parser.add_argument("--runs", type=int, default=3, help="runs per query (the median is shown)")
    parser.add_argument("--reference", choices=("rdflib", "embedded"), default="rdflib",
                        help="whose answers the stores must give: rdflib's over graph.ttl (default), or, for "
                             "builds where rdflib's query engine takes minutes, the embedded store's")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    turtle = Graph().parse(args.build / "graph.ttl", format="turtle")
    parse_seconds = time.perf_counter() - started
    trig = args.build / "graph.trig"
    say(f"build: {args.build} ({len(turtle)} triples in the merged graph, "
        f"graph.trig {trig.stat().st_size / 1e6:.1f} MB)")
    say(f"rdflib: parsing graph.ttl takes {parse_seconds:.2f} s (not counted below)")
    expected: dict[str, set[tuple[str | None, ...]]] = {}
    table: dict[str, dict[str, str]] = {}
    for name, query in queries().items():
        table[name] = {}
        if args.reference == "rdflib":
            seconds, result = median_seconds(lambda q=query: list(turtle.query(with_prefixes(q))), args.runs)
            expected[name] = {tuple(None if v is None else str(v) for v in row) for row in result}  # type: ignore[union-attr]
            table[name]["rdflib"] = f"{seconds * 1000:.0f}"
        if is_store(args.build / "store"):
            seconds, got = median_seconds(lambda q=query: run_store_query(args.build / "store", q), args.runs)
            expected.setdefault(name, set(got.rows))  # type: ignore[attr-defined]
            assert set(got.rows) == expected[name], f"{name}: the embedded store answers differently"  # type: ignore[attr-defined]
            table[name]["embedded"] = f"{seconds * 1000:.0f}"
        table[name]["rows"] = str(len(expected[name]))

    columns = ["rows", "rdflib", "embedded"]
    for store in args.stores:
        if store == "virtuoso" and shutil.which("virtuoso-t") is None:
            say("virtuoso: virtuoso-t not installed, skipped")
            continue
        with tempfile.TemporaryDirectory(prefix=f"bench-{store}-") as tmp, \
                STORES[store](Path(tmp)) as (graph_store, sparql, load_graph, default_graphs, ready):  # type: ignore[attr-defined]
            graph = load_graph[0] if load_graph else None
            first = load_build(args.build, graph_store, graph=graph)
            again = load_build(args.build, graph_store, graph=graph)
            say(f"{store}: ready in {ready:.1f} s; kg load {first.graphs} graphs, {first.triples} triples, "
                  f"{first.bytes / 1e6:.1f} MB: {first.seconds:.2f} s into the empty store, "
                  f"{again.seconds:.2f} s again (replacing)")
            for name, query in queries().items():
                seconds, result = median_seconds(
                    lambda q=query: run_endpoint_query(sparql, q, default_graphs=default_graphs), args.runs)
                assert set(result.rows) == expected[name], f"{store}: {name} answers differently"  # type: ignore[attr-defined]
                table[name][store] = f"{seconds * 1000:.0f}"
            columns.append(store)

    say(f"\nquery times in ms (median of {args.runs}); rows equal {args.reference}'s everywhere\n")
    say("| query | " + " | ".join(columns) + " |")
    say("|---|" + "---:|" * len(columns))
    for name, cells in table.items():
        say(f"| {name} | " + " | ".join(cells.get(c, "–") for c in columns) + " |")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except StoreError as e:  # a server that did not start: its log's tail, no traceback
        sys.exit(f"store_load: {e}")
