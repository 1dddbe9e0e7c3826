"""Store: the build as an on-disk Oxigraph store (``OUT/store/``), queried without a server.

The store holds every article's named graph and the merged view as its default graph. A build
writes it article by article into a temporary folder beside the target (:class:`StagedStore`),
writes the exports from it, and swaps it in by renaming, so an interrupted build leaves the
previous store readable. ``kg serve`` puts an HTTP SPARQL endpoint in front of it with
Oxigraph's own server.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph

from kg.errors import InputError, QueryError

log = logging.getLogger(__name__)

STORE_DIR = "store"
DEFAULT_STORE = Path("exports") / STORE_DIR
DEFAULT_BIND = "127.0.0.1:7878"
_TMP_PREFIX = f".{STORE_DIR}.tmp-"
_OLD_PREFIX = f".{STORE_DIR}.old-"


def is_store(path: Path) -> bool:
    """Whether ``path`` looks like an Oxigraph (RocksDB) store folder."""
    return (path / "CURRENT").is_file()


class StagedStore:
    """A new store for ``path``, built in a temporary folder beside it (``.store.tmp-*``).

    Quads go in with :meth:`extend` (buffered, loaded in large chunks); :meth:`commit` swaps
    the new store in by renaming (the previous one is moved aside first and removed last), and
    :meth:`discard` removes it, leaving the previous store as it was. Leftovers of an
    interrupted earlier write are removed when a new one starts.
    """

    def __init__(self, path: Path, *, chunk: int = 200_000) -> None:
        self.path = path
        parent = path.parent
        parent.mkdir(parents=True, exist_ok=True)
        for leftover in [*parent.glob(_TMP_PREFIX + "*"), *parent.glob(_OLD_PREFIX + "*")]:
            shutil.rmtree(leftover, ignore_errors=True)
        self._folder = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=parent))
        self.store = pyoxigraph.Store(str(self._folder))
        self._chunk = chunk
        self._pending: list[pyoxigraph.Quad] = []

    def extend(self, quads: Iterable[pyoxigraph.Quad]) -> None:
        self._pending.extend(quads)
        if len(self._pending) >= self._chunk:
            self.flush()

    def flush(self) -> None:
        """Load the buffered quads; the store then holds everything given so far."""
        if self._pending:
            self.store.bulk_extend(self._pending)
            self._pending = []
        self.store.flush()

    def commit(self) -> Path:
        """Put the new store in place of the old one; return its path."""
        from kg.export import umask

        self.flush()
        del self.store  # closes the database, so the folder can be moved
        tmp, path = self._folder, self.path
        try:
            os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes it private; give it a plain mkdir's mode
            old = None
            if path.exists():
                old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX, dir=path.parent))
                os.rmdir(old)
                os.rename(path, old)
            try:
                os.rename(tmp, path)
            except BaseException:
                if old is not None:
                    os.rename(old, path)  # put the previous store back
                raise
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return path

    def discard(self) -> None:
        """Remove the new store; the previous one stays as it was."""
        self.__dict__.pop("store", None)
        shutil.rmtree(self._folder, ignore_errors=True)


def write_store(trig: bytes, path: Path) -> Path:
    """Replace the store at ``path`` with one holding the quads of ``trig`` (see :class:`StagedStore`).

    Raises:
        SyntaxError, OSError: the TriG does not parse or the folder cannot be written.
    """
    staged = StagedStore(path)
    try:
        staged.store.bulk_load(trig, pyoxigraph.RdfFormat.TRIG)
    except BaseException:
        staged.discard()
        raise
    return staged.commit()


def open_store(path: str | Path) -> pyoxigraph.Store:
    """Open a build's store read-only (other readers, such as ``kg serve``, may share it).

    Raises:
        InputError: there is no store at ``path`` (the message says how to make one).
    """
    path = Path(path)
    if not is_store(path):
        raise InputError(f"{path}: no store here; build one with `kg build ARTICLES --out {path.parent}/` "
                         "or give a graph file, --store DIR or --endpoint URL")
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as e:
        raise InputError(f"{path}: cannot open the store ({e})") from e


def select(store: pyoxigraph.Store, query: str) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    """Run a SELECT or ASK query; its variables and rows, each value as a plain string.

    IRIs give their IRI, literals their lexical form, unbound variables None (as rdflib's
    ``str()`` of a term does), so answers compare with rdflib's.

    Raises:
        QueryError: the query does not parse, fails, or is not a SELECT or ASK.
    """
    try:
        result = store.query(query)
    except (SyntaxError, OSError, ValueError) as e:
        raise QueryError(f"query failed: {e}") from e
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ("ask",), [(str(bool(result)).lower(),)]
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported, not CONSTRUCT or DESCRIBE")
    variables = tuple(v.value for v in result.variables)
    rows = [tuple(None if (term := solution[v]) is None else term.value for v in variables) for solution in result]
    return variables, rows


def oxigraph_server() -> str:
    """The ``oxigraph`` server program: beside this Python (a venv's ``bin/``), else on PATH.

    Raises:
        InputError: it is not installed (the message names the package).
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise InputError("the oxigraph server is not installed; run: pip install oxigraph==" + pyoxigraph.__version__)
    return found


def serve_command(store: str | Path, bind: str = DEFAULT_BIND) -> list[str]:
    """The command line of a read-only SPARQL server over ``store`` (Oxigraph's own server).

    Raises:
        InputError: no store at ``store`` or no ``oxigraph`` program.
    """
    path = Path(store)
    if not is_store(path):
        raise InputError(f"{path}: no store here; build one with `kg build ARTICLES --out {path.parent}/`")
    return [oxigraph_server(), "serve-read-only", "--location", str(path), "--bind", bind]


def serve(store: str | Path, bind: str = DEFAULT_BIND) -> int:
    """Run the read-only SPARQL server over ``store`` until it stops or is interrupted.

    Returns:
        The server's exit status (0 after an interrupt).
    """
    command = serve_command(store, bind)
    log.info("running %s", " ".join(command))
    process = subprocess.Popen(command)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (a service manager, kill) stops the server too, not only Ctrl-C.
    previous = signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
    try:
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop_process(process)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def stop_process(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop a server process: SIGTERM, then SIGKILL if it is still there after ``timeout`` s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
