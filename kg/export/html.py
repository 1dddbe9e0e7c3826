"""HTML view: the graph as an interactive page (pyvis), one node per entity, one edge per fact."""

from __future__ import annotations

from rdflib import Dataset


def to_html(dataset: Dataset) -> bytes:
    """A placeholder page; the view is built in a later step."""
    return b"<!doctype html><title>newskg</title>"
