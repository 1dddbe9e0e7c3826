"""What the exports read: the graph in an on-disk Oxigraph store (and, from a build, its fact rows).

A build writes its graph article by article into a store (``kg.store.StagedStore``) and
exports from there; a dataset handed to ``kg.export`` is put into a temporary store first, so
both give the same bytes. The store is on disk, not in memory: its order (and so the order of
every file written from it) is the same whatever order the quads went in, and memory stays
flat however large the corpus.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import pyoxigraph
from rdflib import Dataset, Graph

from kg.export.index import default_graph
from kg.graph.quads import oxigraph_term

if TYPE_CHECKING:
    from kg.export.tables import RowSpool


class GraphSource:
    """A store holding the merged graph as its default graph (and, for a build, a named graph
    per article), with the rows of the tables when the build made them already.

    Made with :meth:`of` from an rdflib graph or dataset, it owns a temporary store that
    :meth:`close` (or leaving a ``with`` block) removes.
    """

    def __init__(self, store: pyoxigraph.Store, *, folder: Path | None = None, rows: RowSpool | None = None) -> None:
        self.store = store
        self.rows = rows  # the fact rows, when the build made them as it wrote the store
        self._folder = folder  # a temporary store's folder, removed on close

    @classmethod
    def of(cls, data: Dataset | Graph) -> GraphSource:
        """A temporary store holding ``data``: a dataset's graphs as they are, a graph as the default graph."""
        folder = Path(tempfile.mkdtemp(prefix="kg-export-"))
        source = cls(pyoxigraph.Store(str(folder)), folder=folder)
        try:
            source.store.bulk_extend(_quads(data))  # Oxigraph's bulk loader takes them in batches
            source.store.flush()
        except BaseException:
            source.close()
            raise
        return source

    @classmethod
    def reading(cls, data: Dataset | Graph | GraphSource) -> GraphSource:
        """``data`` as a source to read in a ``with`` block: a build's source (left open on
        leaving it), or a temporary store holding an rdflib graph or dataset (removed)."""
        if isinstance(data, GraphSource):
            return cls(data.store, rows=data.rows)  # owns no folder: closing it removes nothing
        return cls.of(data)

    def close(self) -> None:
        if self._folder is not None:
            del self.store  # closes the database before its folder goes
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> GraphSource:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def _quads(data: Dataset | Graph) -> Iterator[pyoxigraph.Quad]:
    default = pyoxigraph.DefaultGraph()
    if isinstance(data, Dataset):
        merged = default_graph(data)
        for s, p, o, context in data.quads((None, None, None, None)):
            identifier = getattr(context, "identifier", context)
            graph = default if identifier == merged.identifier else oxigraph_term(identifier)
            yield pyoxigraph.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), graph)
    else:
        for s, p, o in data:
            yield pyoxigraph.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), default)

