"""Validate: check a graph against the project's SHACL shapes (``ontology/shapes.ttl``)."""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass
from functools import cache
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = ONTOLOGY_DIR / "newskg.ttl"
# Below this many triples validation takes less than starting a validating process.
BACKGROUND_FROM_TRIPLES = 20_000


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
    violations = validate(Graph().parse(data=data, format="nt"), shapes=shapes)
    return violations, time.perf_counter() - started


class BackgroundValidation:
    """SHACL validation of a dataset's merged graph in a child process, started at once so
    that the build writes its files meanwhile; :meth:`result` waits for it, :meth:`close`
    stops it (a build that fails or is interrupted does not wait for it).

    On a single core, or for a graph too small to repay starting a process (about two
    seconds), it runs in this process when :meth:`result` is called.
    """

    def __init__(self, ntriples: bytes, *, shapes: Path | None = None) -> None:
        self._ntriples, self._shapes = ntriples, shapes
        self._pool: Pool | None = None
        self._pending: AsyncResult[tuple[list[Violation], float]] | None = None
        if (os.cpu_count() or 1) > 1 and ntriples.count(b"\n") >= BACKGROUND_FROM_TRIPLES:  # a triple a line
            # spawn, as the parsing engine: a fork of a process holding threads is unsafe.
            self._pool = multiprocessing.get_context("spawn").Pool(1)
            self._pending = self._pool.apply_async(validate_ntriples, (ntriples, shapes))

    def result(self) -> tuple[list[Violation], float]:
        """The violations (empty when the graph conforms) and the seconds validation took."""
        if self._pending is None:
            return validate_ntriples(self._ntriples, self._shapes)
        try:
            return self._pending.get()
        finally:
            self.close()

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
