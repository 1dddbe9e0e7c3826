"""State: what a build leaves in ``OUT/state/`` so that the next build into ``OUT`` is incremental.

Three kinds of files, all JSON written deterministically (sorted keys, two-space indent, a
final newline) through :func:`kg.export.atomic_write`:

- ``state/build.json``: the format version and the *fingerprint* of the extraction (the spaCy
  pipeline and the source of ``kg/extract``, ``kg/lexicons``, ``kg/nlp.py`` and
  ``kg/ingest.py``). Results extracted under another fingerprint are stale and extracted again
  from their stored text.
- ``state/articles/<article id>.json``: one article's extraction result (its
  :class:`~kg.model.ArticleResult` before resolution, text included), so an unchanged
  article is never parsed again.
- ``state/keys.json``: every entity key handed out (:class:`~kg.resolve.MintedKey`), so an
  entity keeps its IRI across builds.

Nothing here runs NLP or builds graphs: the pipeline reads a :class:`BuildState`, decides, and
hands a new one back to be saved.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.resolve import MintedKey

log = logging.getLogger(__name__)

STATE_DIR = "state"
STATE_VERSION = 1
BUILD_FILE = "build.json"
KEYS_FILE = "keys.json"
ARTICLES_DIR = "articles"
STORE_DIGEST_FILE = "store.sha256"
LOCK_FILE = ".lock"


@dataclass
class BuildState:
    """What earlier builds into one folder left: extraction results, minted keys, fingerprint.

    Attributes:
        results: extraction results (entity keys local to each article) by article id.
        minted: every entity key handed out so far, by key.
        fingerprint: the extraction fingerprint the results were made with ("" when none).
    """

    results: dict[str, ArticleResult] = field(default_factory=dict)
    minted: dict[str, MintedKey] = field(default_factory=dict)
    fingerprint: str = ""


def state_dir(out_dir: str | Path) -> Path:
    """The state folder of a build folder."""
    return Path(out_dir) / STATE_DIR


def dumps(data: object) -> bytes:
    """JSON as the state files hold it: sorted keys, indented, UTF-8, newline-terminated."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# --- records <-> JSON -----------------------------------------------------------------------


def result_to_json(result: ArticleResult) -> dict[str, Any]:
    """An extraction result as plain JSON data (tuples become lists)."""
    return asdict(result)


def result_from_json(data: dict[str, Any]) -> ArticleResult:
    """The inverse of :func:`result_to_json`.

    Raises:
        KeyError, TypeError, ValueError: the data is not a result written by this version.
    """
    return ArticleResult(
        article=Article(**data["article"]),
        entities=tuple(Entity(**{**e, "aliases": tuple(e["aliases"])}) for e in data["entities"]),
        facts=tuple(Fact(**{**f, "evidence": Evidence(**f["evidence"])}) for f in data["facts"]),
        warnings=tuple(data.get("warnings", ())),
    )


def minted_to_json(minted: dict[str, MintedKey]) -> dict[str, Any]:
    """The key registry as JSON data, keyed by key."""
    return {"version": STATE_VERSION,
            "keys": {k: {"type": m.type, "name": m.name, "members": [list(x) for x in m.members]}
                     for k, m in sorted(minted.items())}}


def minted_from_json(data: dict[str, Any]) -> dict[str, MintedKey]:
    """The inverse of :func:`minted_to_json`."""
    return {key: MintedKey(key, value["type"], value["name"], tuple((a, n) for a, n in value["members"]))
            for key, value in data["keys"].items()}


# --- fingerprint ----------------------------------------------------------------------------


def source_digest(*paths: Path) -> str:
    """sha256 over the files under ``paths`` (names and bytes, in path order), ignoring caches."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    for file in files:
        if "__pycache__" in file.parts or file.suffix == ".pyc":
            continue
        digest.update(file.name.encode("utf-8") + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


# --- load and save --------------------------------------------------------------------------


def load_state(out_dir: str | Path) -> BuildState:
    """Read the state an earlier build left in ``out_dir`` (an empty state when there is none).

    Raises:
        InputError: a state file exists but cannot be read (the message says to rebuild with
            ``--fresh``).
    """
    folder = state_dir(out_dir)
    if not (folder / BUILD_FILE).is_file():
        return BuildState()
    try:
        build = json.loads((folder / BUILD_FILE).read_text(encoding="utf-8"))
        if build.get("version") != STATE_VERSION:
            log.warning("%s: state version %s, not %s: starting afresh", folder, build.get("version"), STATE_VERSION)
            return BuildState()
        fingerprint = str(build.get("fingerprint", ""))
        results = {}
        for path in sorted((folder / ARTICLES_DIR).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            try:
                result = result_from_json(data)
            except (KeyError, TypeError, ValueError):
                # Written by another version of the records: keep the article, parse it again.
                log.info("%s: an extraction result of another version; the article will be parsed again", path)
                result, fingerprint = ArticleResult(article=Article(**data["article"])), ""
            results[result.article.id] = result
        keys_path = folder / KEYS_FILE
        minted = minted_from_json(json.loads(keys_path.read_text(encoding="utf-8"))) if keys_path.is_file() else {}
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{folder}: unreadable build state ({type(e).__name__}: {e}); "
                         "rebuild with --fresh to start over") from e
    return BuildState(results=results, minted=minted, fingerprint=fingerprint)


def article_file(article_id: str) -> str:
    """The state file name of an article: its id (a file name already) plus ``.json``."""
    return article_id + ".json"


def save_state(out_dir: str | Path, state: BuildState) -> list[Path]:
    """Write ``state`` into ``out_dir/state``; only files whose bytes change are rewritten.

    Article files of articles no longer in ``state`` are removed. Returns the files written.
    """
    from kg.export import atomic_write

    folder = state_dir(out_dir)
    wanted: dict[Path, bytes] = {
        folder / BUILD_FILE: dumps({"version": STATE_VERSION, "fingerprint": state.fingerprint}),
        folder / KEYS_FILE: dumps(minted_to_json(state.minted)),
    }
    for article_id, result in state.results.items():
        wanted[folder / ARTICLES_DIR / article_file(article_id)] = dumps(result_to_json(result))
    written = []
    # build.json last: a state without it is no state, so an interrupted save is never half-read.
    for path in sorted(wanted, key=lambda p: (p.name == BUILD_FILE, str(p))):
        if not path.is_file() or path.read_bytes() != wanted[path]:
            atomic_write(path, wanted[path])
            written.append(path)
    articles = folder / ARTICLES_DIR
    if articles.is_dir():
        for path in articles.glob("*.json"):
            if path not in wanted:
                path.unlink()
    return written


def read_store_digest(out_dir: str | Path) -> str:
    """The sha256 of the TriG the build's store was last loaded from ("" when unknown)."""
    path = state_dir(out_dir) / STORE_DIGEST_FILE
    return path.read_text(encoding="ascii").strip() if path.is_file() else ""


def write_store_digest(out_dir: str | Path, digest: str) -> None:
    """Record that the store now holds the TriG whose sha256 is ``digest``."""
    from kg.export import atomic_write

    atomic_write(state_dir(out_dir) / STORE_DIGEST_FILE, (digest + "\n").encode("ascii"))


@contextlib.contextmanager
def locked(out_dir: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on a build folder, so two builds never write it at once.

    Raises:
        InputError: another build holds the lock.
    """
    folder = state_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise InputError(f"{Path(out_dir)}: another kg build is writing this folder; wait for it to end") from e
        yield
    finally:
        os.close(fd)
