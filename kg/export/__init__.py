"""Export: write a built dataset as files (Turtle, TriG, JSON-LD, HTML, GraphML, CSV), atomically.

``EXPORTERS`` maps each file name to the function that writes it; every writer goes through
:func:`atomic_write`, so an interrupted build leaves the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset

from kg.export import html, rdf, tables


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    StagedExports([(write_temporary(path, data), path)]).commit()


def write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (``.<name>.*.tmp``), synced to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


EXPORTERS: dict[str, Callable[[Dataset], bytes]] = {
    "graph.ttl": rdf.to_turtle,
    "graph.trig": rdf.to_trig,
    "graph.jsonld": rdf.to_jsonld,
    "graph.html": html.to_html,
    "graph.graphml": tables.to_graphml,
    "facts.csv": tables.to_facts_csv,
}


def export(dataset: Dataset, out_dir: str | Path, *, formats: tuple[str, ...] | None = None) -> list[Path]:
    """Write the dataset's exports into ``out_dir``; return the paths written.

    Args:
        dataset: the built dataset (named graph per article, merged default graph).
        out_dir: the folder to write into (created if missing).
        formats: file names among ``EXPORTERS`` to write; all by default.
    """
    return StagedExports.write(dataset, out_dir, formats=formats).commit()


class StagedExports:
    """Exports written to temporary files beside their final paths, not yet in place.

    :meth:`commit` renames them over the previous exports, :meth:`discard` removes them: a
    build can write its files while it still checks the graph, and leave the previous
    exports untouched when the check fails.
    """

    def __init__(self, staged: list[tuple[Path, Path]]) -> None:
        self.staged = staged  # (temporary, final) pairs

    @classmethod
    def write(cls, dataset: Dataset, out_dir: str | Path, *, formats: tuple[str, ...] | None = None) -> StagedExports:
        """Write the exports of ``dataset`` (all ``EXPORTERS`` by default) to temporaries in ``out_dir``."""
        out = Path(out_dir)
        staged = cls([])
        try:
            for name in formats or tuple(EXPORTERS):
                if name not in EXPORTERS:
                    raise ValueError(f"unknown export {name!r}; choose from {', '.join(EXPORTERS)}")
                staged.staged.append((write_temporary(out / name, EXPORTERS[name](dataset)), out / name))
        except BaseException:
            staged.discard()
            raise
        return staged

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
