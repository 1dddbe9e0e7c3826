"""Ingest: files and folders in, :class:`~kg.model.Article` records out."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt",)


def find_article_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of article files they hold.

    Args:
        paths: files (taken whatever their suffix) and folders (searched recursively for
            ``.txt`` files).

    Returns:
        The article files, sorted by path, each once.

    Raises:
        InputError: a path does not exist, or no article was found at all.
    """
    paths = list(paths)  # iterated twice: here and in the error message
    # Keyed by the resolved path, so one file named two ways ("a.txt", "/abs/a.txt") is kept once.
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.suffix in ARTICLE_SUFFIXES:
                    found.setdefault(p.resolve(), p)
        elif path.is_file():
            found.setdefault(path.resolve(), path)
        else:
            raise InputError(f"{path}: no such file or folder")
    if not found:
        raise InputError("no .txt articles found in " + ", ".join(str(p) for p in paths))
    return sorted(found.values())


def read_article(path: Path) -> Article:
    """Read one UTF-8 article; its id is the file name and its title the first line.

    Raises:
        InputError: the file cannot be read or is not UTF-8 text.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte {e.start})") from e
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip().split("\n", 2)
    first_line = lines[0].strip()
    # A headline is a short first line followed by a blank line (the corpus's layout).
    title = first_line if len(lines) == 3 and not lines[1].strip() and len(first_line) < 150 else None
    return Article(
        id=path.name,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=str(path),
        title=title,
    )


def read_articles(paths: Iterable[Path], errors: list[str]) -> Iterator[Article]:
    """Yield the readable, non-empty articles; append a one-line message per bad file.

    Articles with the same content as an earlier one are skipped, so each is built once.
    """
    seen: dict[str, str] = {}
    for path in paths:
        try:
            article = read_article(path)
        except InputError as e:
            errors.append(str(e))
            continue
        if not article.text.strip():
            errors.append(f"{path}: empty article, skipped")
            continue
        if article.sha256 in seen:
            log.info("%s: same text as %s, skipped", path, seen[article.sha256])
            continue
        seen[article.sha256] = article.id
        yield article
