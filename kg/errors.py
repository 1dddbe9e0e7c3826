"""The project's errors: one small tree, messages that say what, where and what to do."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error newskg raises on purpose."""


class InputError(KGError):
    """An input file or folder cannot be used (missing, unreadable, not text)."""


class ModelError(KGError):
    """No usable spaCy pipeline, or one that lacks a component the extractors need."""


class ValidationError(KGError):
    """The built graph violates the project's SHACL shapes."""

    def __init__(self, report: str) -> None:
        super().__init__("the graph does not conform to ontology/shapes.ttl:\n" + report)
        self.report = report


class GoldError(KGError):
    """A gold file is not valid JSONL in the format of gold/GUIDELINE.md."""


class QueryError(KGError):
    """A SPARQL query cannot be parsed or run."""


class StoreError(KGError):
    """A triple store or SPARQL endpoint cannot be reached, refuses a request or fails on it."""


class UsageError(KGError):
    """Options that do not go together, or an engine that cannot be reached."""
