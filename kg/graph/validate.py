"""Validate: check a graph against the project's SHACL shapes (``ontology/shapes.ttl``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = ONTOLOGY_DIR / "newskg.ttl"


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


def validate(graph: Graph) -> list[Violation]:
    """Run the shapes over ``graph``; return the violations, sorted (empty when it conforms)."""
    from pyshacl import validate as shacl_validate

    # inplace: no copy of the data graph (the shapes hold no rules, so nothing is added to it).
    conforms, results, _ = shacl_validate(graph, shacl_graph=load_shapes(), inference="none",
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


def format_violations(violations: list[Violation], limit: int = 50) -> str:
    """A readable report: one line per violation (node, property, message)."""
    lines = [f"{v.severity}: {v.focus} {v.path}: {v.message}".replace("  ", " ") for v in violations[:limit]]
    if len(violations) > limit:
        lines.append(f"… and {len(violations) - limit} more")
    return "\n".join(lines)
