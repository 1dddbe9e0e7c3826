"""State: what a build leaves in ``OUT/state/`` so that the next build into ``OUT`` is incremental.

Three kinds of files, all JSON written deterministically (sorted keys, two-space indent, a
final newline) through :func:`kg.export.atomic_write`:

- ``state/build.json``: the format version and the *fingerprint* of the extraction (the spaCy
  pipeline and the source of ``kg/extract``, ``kg/lexicons``, ``kg/nlp.py`` and
  ``kg/ingest.py``). Results extracted under another fingerprint are stale and extracted again
  from their stored text.
- ``state/articles/<article id>.json``: one article's extraction result (its
  :class:`~kg.model.ArticleResult` before resolution, text included), so an unchanged
  article is never parsed again. A build keeps its results in these files rather than in
  memory (:class:`ResultFiles`): new ones go to a folder of its own (``state/.results-*``) as
  they arrive and are moved into ``state/articles/`` when the build is saved.
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
import shutil
import tempfile
from collections.abc import Iterator, Mapping
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
SPILL_PREFIX = ".results-"


@dataclass
class BuildState:
    """What earlier builds into one folder left: extraction results, minted keys, fingerprint.

    Attributes:
        results: extraction results (entity keys local to each article) by article id: a
            dict, or the state's own files (:class:`ResultFiles`) for a build into a folder.
        minted: every entity key handed out so far, by key.
        fingerprint: the extraction fingerprint the results were made with ("" when none).
    """

    results: Mapping[str, ArticleResult] = field(default_factory=dict)
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


class ResultFiles(Mapping[str, ArticleResult]):
    """Extraction results kept as state files and read back one at a time, by article id.

    A corpus's results do not all fit in memory as objects, and the state has to hold them
    on disk anyway. Loaded state points at ``state/articles/``; setting an item writes a new
    result into the build's own folder (:meth:`spilling_into`), which :func:`save_state`
    moves into place (:meth:`move_into`) and :meth:`remove_spill` removes when the build
    fails. Iteration is in article-id order.
    """

    def __init__(self, files: Mapping[str, Path] | None = None, *, spill: Path | None = None) -> None:
        self._files = dict(files or {})
        self.spill = spill

    @classmethod
    def spilling_into(cls, folder: str | Path) -> ResultFiles:
        """An empty set whose new results go to a new folder in ``folder`` (``.results-*``).

        Folders an interrupted build left there are removed first: call it with the build
        folder locked (:func:`locked`).
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for leftover in folder.glob(SPILL_PREFIX + "*"):
            log.info("%s: removing the results of an interrupted build", leftover)
            shutil.rmtree(leftover, ignore_errors=True)
        return cls(spill=Path(tempfile.mkdtemp(prefix=SPILL_PREFIX, dir=folder)))

    def __setitem__(self, article_id: str, result: ArticleResult) -> None:
        if self.spill is None:
            raise ValueError("these results have no folder for new ones")
        path = self.spill / article_file(article_id)
        path.write_bytes(dumps(result_to_json(result)))
        self._files[article_id] = path

    def including(self, earlier: Mapping[str, ArticleResult]) -> ResultFiles:
        """These results plus those of ``earlier`` whose article is not among them."""
        files = dict(earlier._files) if isinstance(earlier, ResultFiles) else {}
        merged = ResultFiles({**files, **self._files}, spill=self.spill)
        if not isinstance(earlier, ResultFiles):
            for article_id, result in earlier.items():
                if article_id not in self._files:
                    merged[article_id] = result
        return merged

    def encoded(self, article_id: str) -> bytes:
        """The article's result as its state file holds it."""
        return self._files[article_id].read_bytes()

    def __getitem__(self, article_id: str) -> ArticleResult:
        data = json.loads(self.encoded(article_id))
        try:
            return result_from_json(data)
        except (KeyError, TypeError, ValueError):
            # Written by another version of the records (load_state has said the build must
            # parse again): the article alone.
            return ArticleResult(article=Article(**data["article"]))

    def __contains__(self, article_id: object) -> bool:  # without reading the file
        return article_id in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._files))

    def __len__(self) -> int:
        return len(self._files)

    def move_into(self, folder: Path) -> list[Path]:
        """Put the new results' files into ``folder`` (the state's articles), replacing older
        ones only when their bytes differ; return the files that changed."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for article_id, path in sorted(self._files.items()):
            target = folder / path.name
            if path == target:
                continue
            if target.is_file() and target.read_bytes() == path.read_bytes():
                path.unlink()
            else:
                os.replace(path, target)
                written.append(target)
            self._files[article_id] = target
        return written

    def remove_spill(self) -> None:
        """Remove the folder of new results (empty once moved into place)."""
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)


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
        files = {}
        for path in sorted((folder / ARTICLES_DIR).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            try:
                result_from_json(data)
            except (KeyError, TypeError, ValueError):
                # Written by another version of the records: keep the article, parse it again.
                log.info("%s: an extraction result of another version; the article will be parsed again", path)
                fingerprint = ""
            files[str(data["article"]["id"])] = path
        keys_path = folder / KEYS_FILE
        minted = minted_from_json(json.loads(keys_path.read_text(encoding="utf-8"))) if keys_path.is_file() else {}
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{folder}: unreadable build state ({type(e).__name__}: {e}); "
                         "rebuild with --fresh to start over") from e
    return BuildState(results=ResultFiles(files), minted=minted, fingerprint=fingerprint)


def article_file(article_id: str) -> str:
    """The state file name of an article: its id (a file name already) plus ``.json``."""
    return article_id + ".json"


def save_state(out_dir: str | Path, state: BuildState) -> list[Path]:
    """Write ``state`` into ``out_dir/state``; only files whose bytes change are rewritten.

    Article files of articles no longer in ``state`` are removed. Returns the files written.
    """
    from kg.export import atomic_write

    folder = state_dir(out_dir)
    articles = folder / ARTICLES_DIR
    written = []
    if isinstance(state.results, ResultFiles):
        written.extend(state.results.move_into(articles))
    wanted: dict[Path, bytes | None] = {articles / article_file(a): None for a in state.results}
    if not isinstance(state.results, ResultFiles):
        wanted.update((articles / article_file(a), dumps(result_to_json(r))) for a, r in state.results.items())
    wanted[folder / KEYS_FILE] = dumps(minted_to_json(state.minted))
    # build.json last: a state without it is no state, so an interrupted save is never half-read.
    wanted[folder / BUILD_FILE] = dumps({"version": STATE_VERSION, "fingerprint": state.fingerprint})
    for path, data in wanted.items():
        if data is not None and (not path.is_file() or path.read_bytes() != data):
            atomic_write(path, data)
            written.append(path)
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
