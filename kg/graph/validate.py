"""Validate: check a graph against the project's SHACL shapes (``ontology/shapes.ttl``)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = ONTOLOGY_DIR / "newskg.ttl"
# Below this many triples validation takes less than starting a validating process.
BACKGROUND_FROM_TRIPLES = 20_000
# Triples (of whole articles) validated at once, and chunks queued for the child at most:
# validating is slower than writing the graph, and a build that waits for the child at every
# chunk loses the time it gains by validating beside; 8 chunks hold about 30 MB of N-Triples.
CHUNK_TRIPLES = 25_000
MAX_PENDING_CHUNKS = 8
XSD_STRING = str(XSD.string)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, and the shape's message."""

    focus: str
    path: str
    message: str
    severity: str


@cache
def load_shapes() -> Graph:
    """The project's shapes graph, parsed once."""
    return Graph().parse(SHAPES_PATH, format="turtle")


def validate(graph: Graph, *, shapes: Path | None = None) -> list[Violation]:
    """Run the shapes (``ontology/shapes.ttl`` unless ``shapes`` names another file) over
    ``graph``; return the violations, sorted (empty when it conforms)."""
    from pyshacl import validate as shacl_validate

    shapes_graph = load_shapes() if shapes is None else Graph().parse(shapes, format="turtle")
    # inplace: no copy of the data graph (the shapes hold no rules, so nothing is added to it).
    conforms, results, _ = shacl_validate(graph, shacl_graph=shapes_graph, inference="none",
                                          advanced=True, allow_warnings=True, inplace=True)
    if conforms:
        return []
    def value(result: object, p: object) -> str:
        found = results.value(result, p)
        return "" if found is None else str(found)

    violations = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.add(Violation(
            focus=value(result, SH.focusNode), path=value(result, SH.resultPath),
            message=value(result, SH.resultMessage),
            severity=value(result, SH.resultSeverity).rpartition("#")[2],
        ))
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))


def validate_ntriples(data: bytes, shapes: Path | None = None) -> tuple[list[Violation], float]:
    """:func:`validate` for a graph written as N-Triples, with the seconds it took: what a
    build's validating child process is given (a parsed graph would not cross processes)."""
    started = time.perf_counter()
    violations = validate(parse_ntriples(data), shapes=shapes)
    return violations, time.perf_counter() - started


def parse_ntriples(data: bytes) -> Graph:
    """An rdflib graph of N-Triples ``data``, parsed by Oxigraph: twice as fast as rdflib's
    own parser, as each distinct term is made once (a chunk repeats its predicates, classes
    and entities thousands of times)."""
    graph = Graph()
    terms: dict[pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal, URIRef | BNode | Literal] = {}

    def term(node: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> URIRef | BNode | Literal:
        found = terms.get(node)
        if found is None:
            if isinstance(node, pyoxigraph.NamedNode):
                found = URIRef(node.value)
            elif isinstance(node, pyoxigraph.BlankNode):
                found = BNode(node.value)
            elif node.language:
                found = Literal(node.value, lang=node.language)
            elif node.datatype.value == XSD_STRING:  # a plain literal, as rdflib reads one
                found = Literal(node.value)
            else:
                found = Literal(node.value, datatype=URIRef(node.datatype.value))
            terms[node] = found
        return found

    triples = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in triples)  # type: ignore[arg-type]
    return graph


class BackgroundValidation:
    """SHACL validation of a build's merged graph, chunk by chunk, in a child process, so that
    the build goes on writing its graph and files meanwhile; :meth:`result` waits for it,
    :meth:`close` stops it (a build that fails or is interrupted does not wait for it).

    Triples come in article by article (:meth:`add`) and are validated in chunks of about
    ``CHUNK_TRIPLES`` whole articles: memory stays flat however large the build. Each chunk
    holds its articles' entities, posts and provenance nodes with them, so every shape sees
    what it checks; only a contradiction between two chunks about one shared node (which the
    graph builder cannot make: it writes a shared node the same way in every article) would
    go unseen.

    On a single core, or for a graph too small to repay starting a process (about two
    seconds), it runs in this process when :meth:`result` is called.
    """

    def __init__(self, *, shapes: Path | None = None) -> None:
        self._shapes = shapes
        self._buffer: list[pyoxigraph.Quad | pyoxigraph.Triple] = []
        self._pool: Pool | None = None
        self._pending: deque[AsyncResult[tuple[list[Violation], float]]] = deque()
        self._done: list[tuple[list[Violation], float]] = []
        self._added = 0

    def add(self, triples: Iterable[pyoxigraph.Quad | pyoxigraph.Triple]) -> None:
        """Add an article's triples (quads in the default graph); a full chunk goes to the child."""
        before = len(self._buffer)
        self._buffer.extend(triples)
        self._added += len(self._buffer) - before
        if len(self._buffer) >= CHUNK_TRIPLES:
            self._submit()

    def flush(self) -> None:
        """Send what is left to the child: every triple has been added."""
        if self._buffer and (self._pool is not None or self._added >= BACKGROUND_FROM_TRIPLES):
            self._submit()

    def _take_chunk(self) -> bytes:
        """The triples added since the last chunk, as N-Triples; the buffer starts afresh."""
        chunk = pyoxigraph.serialize(self._buffer, format=pyoxigraph.RdfFormat.N_QUADS)
        self._buffer = []
        return chunk

    def _submit(self) -> None:
        chunk = self._take_chunk()
        if (os.cpu_count() or 1) < 2:
            self._done.append(validate_ntriples(chunk, self._shapes))
            return
        if self._pool is None:
            # spawn, as the parsing engine: a fork of a process holding threads is unsafe.
            self._pool = multiprocessing.get_context("spawn").Pool(1)
        while len(self._pending) >= MAX_PENDING_CHUNKS:  # the child is behind: wait, rather than queue the graph
            self._done.append(self._pending.popleft().get())
        self._pending.append(self._pool.apply_async(validate_ntriples, (chunk, self._shapes)))

    def result(self) -> tuple[list[Violation], float]:
        """The violations (empty when the graph conforms) and the seconds validation took."""
        try:
            if self._buffer:
                self._done.append(validate_ntriples(self._take_chunk(), self._shapes))
            while self._pending:
                self._done.append(self._pending.popleft().get())
        finally:
            self.close()
        violations = sorted({v for found, _ in self._done for v in found}, key=lambda v: (v.focus, v.path, v.message))
        return violations, sum(seconds for _, seconds in self._done)

    def close(self) -> None:
        """Stop the child process, finished or not."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def format_violations(violations: list[Violation], limit: int = 50) -> str:
    """A readable report: one line per violation (node, property, message)."""
    lines = [f"{v.severity}: {v.focus} {v.path}: {v.message}".replace("  ", " ") for v in violations[:limit]]
    if len(violations) > limit:
        lines.append(f"… and {len(violations) - limit} more")
    return "\n".join(lines)
