"""Export: write a build as files (Turtle, TriG, JSON-LD, HTML, GraphML, CSV), atomically.

``EXPORTERS`` maps each file name to the function that writes it from a
:class:`~kg.export.source.GraphSource` (the build's store); every file goes through a
temporary beside it (:func:`write_temporary`), so an interrupted build leaves the previous
file intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph

from kg.export import html, rdf, tables
from kg.export.source import GraphSource


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    StagedExports([(write_temporary(path, data), path)]).commit()


def write_temporary(path: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """Write ``data`` (bytes, or a function writing to a binary file) to a new temporary file
    beside ``path`` (``.<name>.*.tmp``), synced to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, bytes):
                f.write(data)
            else:
                data(f)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _whole(render: Callable[[GraphSource], bytes]) -> rdf.Writer:
    """A writer for an export rendered whole (its size follows the entities and facts, not the triples)."""
    def write(source: GraphSource, out: BinaryIO) -> None:
        out.write(render(source))
    return write


EXPORTERS: dict[str, rdf.Writer] = {
    "graph.ttl": rdf.write_turtle,
    "graph.trig": rdf.write_trig,
    "graph.jsonld": rdf.write_jsonld,
    "graph.html": _whole(html.to_html),
    "graph.graphml": tables.write_graphml,
    "facts.csv": tables.write_facts_csv,
}
#: Exports serialised by pyoxigraph (Rust, GIL released) from the store, not by Python code.
NATIVE_EXPORTS = frozenset({"graph.ttl", "graph.trig"})


def export(data: Dataset | Graph | GraphSource, out_dir: str | Path, *,
           formats: tuple[str, ...] | None = None) -> list[Path]:
    """Write the exports of a build into ``out_dir``; return the paths written.

    Args:
        data: the built dataset (named graph per article, merged default graph), a graph
            (written as the merged graph), or a build's store.
        out_dir: the folder to write into (created if missing).
        formats: file names among ``EXPORTERS`` to write; all by default.
    """
    return StagedExports.write(data, out_dir, formats=formats).commit()


class StagedExports:
    """Exports written to temporary files beside their final paths, not yet in place.

    :meth:`commit` renames them over the previous exports, :meth:`discard` removes them: a
    build can write its files while it still checks the graph, and leave the previous
    exports untouched when the check fails.
    """

    def __init__(self, staged: list[tuple[Path, Path]]) -> None:
        self.staged = staged  # (temporary, final) pairs

    @classmethod
    def write(cls, data: Dataset | Graph | GraphSource, out_dir: str | Path, *,
              formats: tuple[str, ...] | None = None) -> StagedExports:
        """Write the exports of ``data`` (all ``EXPORTERS`` by default) to temporaries in ``out_dir``."""
        names = formats or tuple(EXPORTERS)
        for name in names:
            if name not in EXPORTERS:
                raise ValueError(f"unknown export {name!r}; choose from {', '.join(EXPORTERS)}")
        if not isinstance(data, GraphSource):
            with GraphSource.of(data) as source:
                return cls.write(source, out_dir, formats=names)
        out = Path(out_dir)

        def stage(name: str) -> Path:
            writer = EXPORTERS[name]
            return write_temporary(out / name, lambda f: writer(data, f))

        temporaries: dict[str, Path | Future[Path]] = {}
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-export") as native:
                for name in sorted(names, key=lambda n: n not in NATIVE_EXPORTS):  # the thread's first
                    temporaries[name] = native.submit(stage, name) if name in NATIVE_EXPORTS else stage(name)
            # Leaving the block waited for the thread: every future is done.
            return cls([(_written(temporaries[name]), out / name) for name in names])
        except BaseException:
            for temporary in temporaries.values():
                if isinstance(temporary, Future):
                    if temporary.exception() is not None:
                        continue  # nothing was left behind: write_temporary removed its file
                    temporary = temporary.result()
                temporary.unlink(missing_ok=True)
            raise

    def commit(self) -> list[Path]:
        """Put every export in place; return their paths. If a rename fails, the exports not
        yet in place are removed and the error raised."""
        try:
            for temporary, final in self.staged:
                os.replace(temporary, final)
        except BaseException:
            self.discard()
            raise
        return [final for _, final in self.staged]

    def discard(self) -> None:
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)


def _written(temporary: Path | Future[Path]) -> Path:
    return temporary.result() if isinstance(temporary, Future) else temporary
