"""Local triple-store servers to load a build into: ``oxigraph serve`` (the PyPI package
``oxigraph``) and Debian's Virtuoso (``virtuoso-t``), each on 127.0.0.1 at free ports with its
data and its log (``server.log``) in a folder of its own.

The store tests (``tests/stores/``) and ``benchmarks/store_load.py`` start their servers here.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from kg.errors import StoreError
from kg.store import oxigraph_server, stop_process

#: Virtuoso's configuration: every file in its folder, both ports on the loopback.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
"""
#: A SPARQL query that any store answers at once: whether a server is up.
ASK = "query=ASK%7B%7D"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def log_tail(path: Path, lines: int = 30) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path, *, timeout: float) -> float:
    """Poll ``url`` until it answers 200; return the seconds that took.

    Raises:
        StoreError: the server exited or did not answer in ``timeout`` s (with its log's tail).
    """
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise StoreError(f"the server exited with status {process.returncode}:\n{log_tail(log)}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise StoreError(f"the server did not answer {url} within {timeout:g} s:\n{log_tail(log)}")


@contextmanager
def running(command: list[str], folder: Path, ready_url: str, *,
            timeout: float) -> Iterator[tuple[subprocess.Popen[bytes], float]]:
    """Run a server in ``folder`` (its log in ``server.log``) until the block ends; yield the
    process and the seconds it took to answer ``ready_url``.

    Raises:
        StoreError: as :func:`wait_until_answering` (the server is stopped).
    """
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C.UTF-8"})
    try:
        yield process, wait_until_answering(ready_url, process, log, timeout=timeout)
    finally:
        stop_process(process, timeout=30)


def oxigraph_command(folder: Path, port: int) -> list[str]:
    """``oxigraph serve`` over a store in ``folder/data``: Graph Store at ``/store``, SPARQL at ``/query``."""
    return [oxigraph_server(), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"]


def virtuoso_command(folder: Path, http_port: int, sql_port: int, program: str = "virtuoso-t") -> list[str]:
    """Virtuoso with :data:`VIRTUOSO_INI` written into ``folder``: SPARQL at ``/sparql``, Graph
    Store at ``/sparql-graph-crud-auth`` (digest authentication, dba/dba)."""
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port, folder=folder), encoding="utf-8")
    return [program, "+foreground", "+configfile", "virtuoso.ini"]
