"""Issue 6: bad input, interruptions and hostile text: keep working, lose nothing, run nothing.

https://github.com/newskg/newskg/issues/6 (``issues show 6``). One section per row of the
issue's table: each bad input is tried at the ingest level (fast, no model) and, where the
build as a whole is the point, through ``kg build`` (``slow``: loads the model). Binary and
large test files are generated here, under ``tmp_path``; none is committed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import InputError
from kg.ingest import (
    MAX_FILE_BYTES,
    MAX_PART_CHARS,
    decode,
    find_article_files,
    html_to_text,
    read_article,
    read_articles,
    split_article,
)
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.resolve import slugify

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
KG = [sys.executable, "-m", "kg.cli"]
SCHEMA = "https://schema.org/"
ID_BASE = "https://w3id.org/newskg/id/"
KG_NS = "https://w3id.org/newskg/ontology#"
EXPORTS = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "graph.graphml", "facts.csv")

# Invented articles (names, places and outlets are made up).
GOOD = ("Ferry Fares Frozen in Calloway Bay\n\n"
        "Harbour board chair Odile Marchetti froze ferry fares on Monday. Opposition leader Damir Kovalen "
        "criticised Marchetti over the delay.\n")
LATIN = ("Caf\u00e9 Owners in Z\u00fcrich Protest\n\n"
         "Se\u00f1or Jos\u00e9 M\u00fcller, head of the caf\u00e9 guild, said rents rose by \u00bd in a year.\n")
WINDOWS = ("Budget Row in Ostrova\n\n"
           "\u201cThe plan costs \u20ac5m \u2014 it\u2019s a farce,\u201d finance minister Lenka Varga said.\n")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected a one-line message, got: {text!r}"
    return lines[0]


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here (no binary fixture in the repository)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff"))
            + chunk(b"IEND", b""))


def tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document>Ferry fares</w:document>")
    return buffer.getvalue()


def tiny_sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "made.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.execute("INSERT INTO t VALUES ('ferry fares')")
    db.close()
    return path.read_bytes()


# --- encodings, line ends, NUL and control characters ------------------------------------


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        pytest.param(GOOD.encode("utf-8"), GOOD, "utf-8", id="utf-8"),
        pytest.param(LATIN.encode("utf-8"), LATIN, "utf-8", id="utf-8 non-ascii"),
        pytest.param(b"\xef\xbb\xbf" + LATIN.encode("utf-8"), LATIN, "utf-8 (byte-order mark)", id="utf-8 bom"),
        pytest.param(b"\xef\xbb\xbf\xef\xbb\xbf" + GOOD.encode("utf-8"), GOOD, "utf-8", id="utf-8 bom twice"),
        pytest.param(b"\xff\xfe" + LATIN.encode("utf-16-le"), LATIN, "utf-16-le (byte-order mark)", id="utf-16-le bom"),
        pytest.param(b"\xfe\xff" + WINDOWS.encode("utf-16-be"), WINDOWS, "utf-16-be (byte-order mark)",
                     id="utf-16-be bom"),
        pytest.param(LATIN.encode("utf-32"), LATIN, "utf-32", id="utf-32 bom"),
        pytest.param(GOOD.encode("utf-16-le"), GOOD, "utf-16-le (no byte-order mark)", id="utf-16-le no bom"),
        pytest.param(LATIN.encode("latin-1"), LATIN, "cp1252", id="latin-1"),
        pytest.param(WINDOWS.encode("cp1252"), WINDOWS, "cp1252", id="windows-1252"),
        pytest.param(("Short: caf\u00e9.\n").encode("latin-1"), "Short: caf\u00e9.\n", "cp1252", id="latin-1 short"),
        pytest.param(GOOD.replace("\n", "\r\n").encode("utf-8"), GOOD, "utf-8", id="crlf"),
        pytest.param(GOOD.replace("\n", "\r").encode("cp1252"), GOOD, "utf-8", id="cr"),
        pytest.param(WINDOWS.replace("\n", "\r\n").encode("cp1252"), WINDOWS, "cp1252", id="windows-1252 crlf"),
        pytest.param("Edda\u2028Vasquine spoke.\u2029Kovalen\x85left.\n".encode("utf-8"),
                     "Edda\nVasquine spoke.\n\nKovalen\nleft.\n", "utf-8", id="unicode line separators"),
        pytest.param(b"Ferry\x00 fares\x00 frozen.\n" + b"\x00" * 4096, "Ferry fares frozen.\n", "utf-8",
                     id="nul bytes and nul padding"),
        pytest.param(b"Bell\x07 and \x1b[1mbold\x1b[0m.\x0cNext page\x0bline\x7f\n" + GOOD.encode(),
                     "Bell and [1mbold[0m.\nNext page\nline\n" + GOOD, "utf-8", id="control characters"),
    ],
)
def test_encodings_are_detected_and_text_normalised(tmp_path: Path, caplog: pytest.LogCaptureFixture, data: bytes,
                                                    text: str, encoding: str) -> None:
    path = write(tmp_path / "story.txt", data)

    with caplog.at_level("INFO", logger="kg.ingest"):
        article = read_article(path)

    assert article.text == text
    assert article.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    # The detected encoding is logged at INFO (what `kg build --verbose` shows).
    assert any(str(path) in r.getMessage() and encoding in r.getMessage() for r in caplog.records), caplog.text


def test_the_same_story_in_four_encodings_is_one_article(tmp_path: Path) -> None:
    files = [
        write(tmp_path / "a-utf8.txt", WINDOWS),
        write(tmp_path / "b-cp1252.txt", WINDOWS.replace("\n", "\r\n").encode("cp1252")),
        write(tmp_path / "c-utf16.txt", WINDOWS.encode("utf-16")),
        write(tmp_path / "d-bom-nul.txt", b"\xef\xbb\xbf" + WINDOWS.encode("utf-8") + b"\x00\x00"),
    ]
    errors: list[str] = []

    articles = list(read_articles(files, errors))

    assert [a.id for a in articles] == ["a-utf8.txt"]
    assert errors == []


def test_html_page_with_its_charset_declared_is_decoded_by_it(tmp_path: Path) -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
            "<title>Ostrova</title></head><body><h1>Budget Row</h1><p>\u201cA farce,\u201d Varga said.</p>"
            "</body></html>")
    path = write(tmp_path / "page.txt", page.encode("cp1252"))

    assert read_article(path).text == "Budget Row\n\n\u201cA farce,\u201d Varga said.\n"


# --- binary files ---------------------------------------------------------------------------


def binary_files(tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    """File name -> (bytes, what the error must say)."""
    rng = random.Random(6)
    return {
        "photo.txt": (tiny_png(), "PNG image"),
        "scan.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01" + bytes(200), "JPEG image"),
        "anim.txt": (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04", "GIF image"),
        "report.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
        "story.docx.txt": (tiny_zip(), "ZIP archive"),
        "wire.txt": (gzip.compress(GOOD.encode("utf-8")), "gzip archive"),
        "tool.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(120), "executable"),
        "db.txt": (tiny_sqlite(tmp_path), "SQLite database"),
        "noise.txt": (bytes(rng.randrange(256) for _ in range(4096)), "control characters"),
        "mangled.txt": (b"\xff\xfe\x00\xd8bad!", "UTF-16-LE byte-order mark"),
    }


def test_binary_files_are_refused_in_one_line_each_and_the_build_goes_on(tmp_path: Path) -> None:
    bad = binary_files(tmp_path)
    paths = [write(tmp_path / "in" / name, data) for name, (data, _) in bad.items()]
    good = write(tmp_path / "in" / "zz-good.txt", GOOD)
    errors: list[str] = []

    articles = list(read_articles([*paths, good], errors))

    assert [a.id for a in articles] == ["zz-good.txt"]
    assert len(errors) == len(bad)
    for name, (_, what) in bad.items():
        [message] = [e for e in errors if f"/{name}:" in e]
        assert "\n" not in message
        assert what in message, message


def test_a_binary_file_given_by_name_is_refused_whatever_its_suffix(tmp_path: Path) -> None:
    png = write(tmp_path / "chart.png", tiny_png())

    with pytest.raises(InputError, match=r"chart\.png: not a text article \(it looks like a PNG image\)"):
        read_article(png)


# --- empty files ----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"", b"   \n\t\n  \n", b"\xef\xbb\xbf", b"\x00\x00\x00\x00", b"\r\n\r\n", b"\xff\xfe\x20\x00\n\x00",
    b"<!DOCTYPE html><html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
], ids=["empty", "whitespace", "bom only", "nul only", "crlf only", "utf-16 blank", "html without text"])
def test_empty_files_are_a_warning_naming_them_and_the_build_goes_on(tmp_path: Path, data: bytes) -> None:
    blank = write(tmp_path / "blank.txt", data)
    good = write(tmp_path / "good.txt", GOOD)
    errors: list[str] = []

    articles = list(read_articles([blank, good], errors))

    assert [a.id for a in articles] == ["good.txt"]
    assert errors == [f"{blank}: empty article, skipped"]


# --- HTML saved as an article ---------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<!-- saved from https://kestrel-gazette.example/ostrova -->
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Budget row deepens | Kestrel Gazette</title>
  <style>body { font: 12px sans-serif } p::after { content: "STYLE-TEXT" }</style>
  <script>window.dataLayer = []; document.write("SCRIPT-TEXT");</script>
  <script type="application/ld+json">{"@type": "NewsArticle", "headline": "JSON-LD-TEXT"}</script>
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
  <article>
    <header><p class="kicker">Politics</p><h1>Ostrova Budget Row Deepens</h1></header>
    <p>The Ostrovian finance minister   Lenka Varga
       accused the central bank of hiding its losses on Monday.</p>
    <p>Opposition leader Damir Kovalen defended the bank. &ldquo;The figures are sound,&rdquo;
       Kovalen told the <em>Kestrel&nbsp;Gazette</em> &amp; others.<br>He left at noon.</p>
    <noscript><p>NOSCRIPT-TEXT</p></noscript>
    <svg><title>SVG-TEXT</title><text>SVG-TEXT</text></svg>
    <script>var s = "</scr" + "ipt>"; alert("SCRIPT-TEXT-2");</script>
    <template><p>TEMPLATE-TEXT</p></template>
    <ul><li>First point.</li><li>Second point.</li></ul>
  </article>
  <aside>Most read: ASIDE-TEXT</aside>
  <form><button>FORM-TEXT</button></form>
  <footer>&copy; FOOTER-TEXT</footer>
  <script src="https://tracker.example/t.js"></script>
</body>
</html>
"""
PAGE_TEXT = (
    "Ostrova Budget Row Deepens\n\n"
    "Politics\n\n"
    "The Ostrovian finance minister Lenka Varga accused the central bank of hiding its losses on Monday.\n\n"
    "Opposition leader Damir Kovalen defended the bank. \u201cThe figures are sound,\u201d Kovalen told the "
    "Kestrel Gazette & others.\nHe left at noon.\n\n"
    "First point.\n\n"
    "Second point.\n"
)


@pytest.mark.parametrize("name", ["ostrova.txt", "ostrova.html"])
def test_html_page_becomes_its_text_without_scripts_or_styles(tmp_path: Path, name: str) -> None:
    article = read_article(write(tmp_path / name, PAGE))

    assert article.text == PAGE_TEXT
    assert article.title == "Ostrova Budget Row Deepens"
    assert not re.search(r"[A-Z-]+-TEXT|alert|dataLayer|tracker|<|>", article.text)


@pytest.mark.parametrize("markup, text", [
    ("<html><title>Only a title</title></html>", "Only a title\n"),
    ("<body><p>One<p>Two</body>", "One\n\nTwo\n"),
    ("<html><body><pre>  keep\n    this</pre></body></html>", "  keep\n    this\n"),
    ("<html><body><h1>A</h1><h1>B</h1></body></html>", "A\n\nB\n"),
    ("<html><script>unclosed script <p>never text", ""),
    ("<html><body><p>a &lt;script&gt; tag, written as text</p>", "a <script> tag, written as text\n"),
    ("<html><body><p>&#0; &#xD800; &bogus; &amp</p>", "\ufffd \ufffd &bogus; &\n"),
    ("<html><body><svg/><p>after a self-closed svg</p><br/>x<hr/>y", "after a self-closed svg\n\nx\n\ny\n"),
    ("<html><body><div><nav><p>menu</div><p>story</p>", "story\n"),
], ids=["title only", "unclosed p", "pre", "two h1", "unclosed script", "escaped tags", "odd references",
        "self-closed", "unclosed nav"])
def test_html_to_text_edge_cases(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@pytest.mark.parametrize("text", [
    "Headline\n\nThe <html> tag starts every page.\n",
    "Why <body> language matters\n\nA story.\n",
    "x < y and y > z\n",
])
def test_plain_text_mentioning_tags_is_not_taken_for_html(text: str) -> None:
    assert decode(text.encode("utf-8"), name="a.txt").text == text


# --- size -----------------------------------------------------------------------------------


def write_big(path: Path, size: int) -> Path:
    block = (GOOD.replace("\n", " ") + "\n\n").encode("utf-8") * 200
    with path.open("wb") as f:
        while f.tell() < size:
            f.write(block[: size - f.tell()])
    return path


def test_a_50_mb_file_is_refused_with_its_size_without_being_read(tmp_path: Path) -> None:
    big = write_big(tmp_path / "dump.txt", 50_000_000)
    good = write(tmp_path / "good.txt", GOOD)
    errors: list[str] = []

    tracemalloc.start()
    try:
        articles = list(read_articles([big, good], errors))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [a.id for a in articles] == ["good.txt"]
    assert errors == [f"{big}: 50.0 MB is over the 20.0 MB limit for one article file; split it into smaller files"]
    assert peak < 2_000_000, f"reading used {peak} bytes: the file was read"


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", GOOD)
    size = path.stat().st_size

    assert read_article(path, max_bytes=size).text == GOOD
    with pytest.raises(InputError, match=r"a\.txt: 0\.0 MB is over the 0\.0 MB limit"):
        read_article(path, max_bytes=size - 1)
    assert MAX_FILE_BYTES == 20_000_000


def test_long_article_is_split_at_paragraphs_into_parts(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {i}: the harbour board of Calloway Bay met again and froze fares." for i in range(4000)]
    text = "Harbour Board Marathon\n\n" + "\n\n".join(paragraphs) + "\n"
    path = write(tmp_path / "long.txt", text)
    errors: list[str] = []

    parts = list(read_articles([path], errors))

    assert errors == []
    assert len(parts) >= 3
    assert [p.id for p in parts] == [f"long.txt#part{i}" for i in range(1, len(parts) + 1)]
    assert "".join(p.text for p in parts) == text
    assert all(len(p.text) <= MAX_PART_CHARS for p in parts)
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # cut between paragraphs
    assert [p.title for p in parts] == ["Harbour Board Marathon"] + [None] * (len(parts) - 1)
    assert all(p.sha256 == hashlib.sha256(p.text.encode()).hexdigest() and p.path == str(path) for p in parts)


@pytest.mark.parametrize("text, limit, cuts", [
    ("a" * 25, 10, ["a" * 10, "a" * 10, "a" * 5]),                     # one long token: cut anywhere
    ("one two three four", 9, ["one two ", "three ", "four"]),         # at spaces
    ("One. Two. Three.", 11, ["One. Two. ", "Three."]),                # after a sentence end
    ("ab\ncd\n\nef", 8, ["ab\ncd\n\n", "ef"]),                         # at a paragraph break first
    ("short", 5, ["short"]),
])
def test_split_article_cuts(text: str, limit: int, cuts: list[str]) -> None:
    article = Article(id="a.txt", text=text, sha256="0" * 64)

    assert [p.text for p in split_article(article, max_chars=limit)] == cuts


def test_a_text_over_spacys_max_length_reaches_it_in_parts_spacy_accepts(tmp_path: Path) -> None:
    # One paragraph of 1.2 million characters: spaCy refuses texts over nlp.max_length (1,000,000).
    path = write(tmp_path / "wall.txt", "".join(f"The board met on day {i} and froze fares. " for i in range(30_000)))
    errors: list[str] = []

    parts = list(read_articles([path], errors))

    assert errors == [] and len(parts) >= 12
    assert max(len(p.text) for p in parts) <= MAX_PART_CHARS < 1_000_000
    assert all(p.text.endswith(". ") for p in parts[:-1])


# --- files that cannot be read, paths that are not articles ----------------------------------


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="runs as root, for whom chmod 000 does not block reading (simulated below)")
def test_unreadable_file_is_reported_and_the_others_kept(tmp_path: Path) -> None:  # pragma: no cover - not as root
    locked = write(tmp_path / "locked.txt", GOOD)
    locked.chmod(0)
    good = write(tmp_path / "good.txt", LATIN)
    errors: list[str] = []

    assert [a.id for a in read_articles([locked, good], errors)] == ["good.txt"]
    assert errors == [f"{locked}: cannot read (Permission denied)"]


def test_permission_denied_is_reported_and_the_others_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated, since the suite may run as root: opening this one file fails as without permission.
    locked = write(tmp_path / "locked.txt", GOOD)
    good = write(tmp_path / "good.txt", LATIN)
    real_open = Path.open

    def open_(self: Path, *args: object, **kwargs: object):  # noqa: ANN202
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", open_)
    errors: list[str] = []

    assert [a.id for a in read_articles([locked, good], errors)] == ["good.txt"]
    assert errors == [f"{locked}: cannot read (Permission denied)"]


def test_folder_named_like_an_article_is_searched_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "x.txt").mkdir(parents=True)
    inside = write(folder / "x.txt" / "inside.txt", GOOD)
    (tmp_path / "empty.txt").mkdir()

    assert find_article_files([folder]) == [inside]
    with pytest.raises(InputError, match=r"no \.txt articles found in .*empty\.txt"):
        find_article_files([tmp_path / "empty.txt"])
    with pytest.raises(InputError, match=r"empty\.txt: is a folder, not an article file"):
        read_article(tmp_path / "empty.txt")


def test_broken_symlink_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    good = write(folder / "good.txt", GOOD)
    dangling = folder / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    errors: list[str] = []

    files = find_article_files([folder])
    articles = list(read_articles(files, errors))

    assert files == [dangling, good]
    assert [a.id for a in articles] == ["good.txt"]
    assert errors == [f"{dangling}: broken symbolic link (its target {tmp_path / 'nowhere.txt'} does not exist)"]
    # Named alone, it is listed and reported the same way (the pipeline lists files twice).
    assert find_article_files([dangling]) == [dangling]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = write(tmp_path / "good.txt", GOOD)

    assert find_article_files([tmp_path]) == [good]  # not listed from a folder
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file or folder"):
        find_article_files([fifo])
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file"):
        read_article(fifo)  # never opened: opening a FIFO blocks until a writer comes


@pytest.mark.parametrize("setup, message", [
    (lambda d: d / "missing", "missing: no such file or folder"),
    (lambda d: (d / "empty").mkdir() or d / "empty", "no .txt articles found in"),
    (lambda d: write(d / "notes" / "readme.md", "not an article").parent, "no .txt articles found in"),
], ids=["missing path", "empty folder", "folder without articles"])
def test_nothing_to_build_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], setup,
                                                message: str) -> None:
    target = setup(tmp_path)

    status = main(["build", str(target), "--out", str(tmp_path / "out"), "--quiet"])

    assert status == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith("kg: error:") and message in line and str(target) in line
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_when_every_file_is_bad_the_build_exits_2_naming_each(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bad"
    write(folder / "photo.txt", tiny_png())
    write(folder / "blank.txt", "  \n")
    write_big(folder / "dump.txt", MAX_FILE_BYTES + 1)

    status = main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"])

    err = capsys.readouterr().err
    assert status == 2
    for name in ("photo.txt", "blank.txt", "dump.txt"):
        assert len([line for line in err.splitlines() if name in line]) == 1, err
    assert err.rstrip().endswith("kg: error: no article could be built")
    assert not (tmp_path / "out" / "graph.ttl").exists()


# --- a whole build over a folder of bad and good files (one process, as a user runs it) ------


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``kg build --verbose`` in a subprocess over a folder holding every kind of bad file."""
    folder = tmp_path_factory.mktemp("mixed")
    inputs = folder / "in"
    write(inputs / "good.txt", GOOD)
    write(inputs / "repeat-of-good.txt", b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    write(inputs / "latin.txt", LATIN.encode("latin-1"))
    write(inputs / "windows.txt", WINDOWS.replace("\n", "\r\n").encode("cp1252"))
    write(inputs / "utf16.txt", HOSTILE_ARTICLE.encode("utf-16"))
    write(inputs / "nul.txt", b"Quiet Day in Osterlund\n\nNothing happened in Osterlund.\n" + bytes(512))
    write(inputs / "page.txt", PAGE)
    write(inputs / "separators.txt", SEPARATORS)
    write(inputs / "photo.txt", tiny_png())
    write(inputs / "blank.txt", " \r\n\t")
    write_big(inputs / "dump.txt", 50_000_000)
    (inputs / "gone.txt").symlink_to(folder / "nowhere.txt")
    out = folder / "out"
    process = subprocess.run([*KG, "build", str(inputs), "--out", str(out), "--verbose", "--quiet"],
                             capture_output=True, text=True, timeout=300, cwd=ROOT)
    return out, process


# U+2028 inside a sentence once made the TriG export invalid and the store load crash the build.
SEPARATORS = ("Budget Row\n\nOpposition leader Damir Kovalen criticised Governor Edda\u2028Vasquine over the plan."
              "\u2029Kovalen left.\n")
# Names and sentences with quotes, backslashes, ">", emoji, right-to-left text and zero-width characters.
HOSTILE_ARTICLE = (
    "Harbour \"Row\" \\ <Calloway> \U0001f6a2\n\n"
    "Opposition leader Damir Kovalen criticised Governor Edda Vasquine over the \"Harbour > Bill\" on Tuesday.\n\n"
    "\u201cThis is a \\ disaster \U0001f92f,\u201d Kovalen said of the plan.\n\n"
    "Foreign minister \u05e9\u05e8\u05d4 \u05dc\u05d5\u05d9 praised "
    "\u064a\u0648\u0633\u0641 \u0627\u0644\u0639\u0644\u064a and Ze\u200bro Wi\u200ddth for the deal.\n\n"
    "Mayor O'Brien-\"Smith\" backed Vasquine \u202eevil\u202c again.\n"
)


@pytest.mark.slow
def test_bad_files_are_skipped_one_line_each_and_good_ones_built(mixed_build) -> None:
    out, process = mixed_build
    errors = [line for line in process.stderr.splitlines() if line.startswith("kg: ")]

    assert process.returncode == 1, process.stderr
    assert len(errors) == 4, errors
    assert any("photo.txt: not a text article (it looks like a PNG image)" in e for e in errors)
    assert any("blank.txt: empty article, skipped" in e for e in errors)
    assert any("dump.txt: 50.0 MB is over the 20.0 MB limit" in e for e in errors)
    assert any("gone.txt: broken symbolic link" in e for e in errors)
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    ids = {str(o) for o in graph.objects(None, URIRef(SCHEMA + "identifier"))}
    # The copy (BOM, CRLF) is the same article: built once, under the first name.
    assert ids == {"good.txt", "latin.txt", "windows.txt", "utf16.txt", "nul.txt", "page.txt", "separators.txt"}


@pytest.mark.slow
def test_verbose_build_reports_each_files_encoding(mixed_build) -> None:
    _, process = mixed_build

    for name, encoding in [("good.txt", "utf-8"), ("latin.txt", "cp1252"), ("windows.txt", "cp1252"),
                           ("utf16.txt", "utf-16-le (byte-order mark)"), ("page.txt", "text taken from HTML"),
                           ("repeat-of-good.txt", "utf-8 (byte-order mark)")]:
        assert re.search(rf"INFO kg\.ingest: \S*/{re.escape(name)}: read as .*{re.escape(encoding)}", process.stderr), \
            (name, process.stderr)
    assert re.search(r"repeat-of-good\.txt: same text as good\.txt", process.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("name, text", [
    ("latin.txt", LATIN), ("windows.txt", WINDOWS), ("utf16.txt", HOSTILE_ARTICLE), ("page.txt", PAGE_TEXT),
    ("nul.txt", "Quiet Day in Osterlund\n\nNothing happened in Osterlund.\n"),
    ("separators.txt", SEPARATORS.replace("\u2028", "\n").replace("\u2029", "\n\n")),
])
def test_articles_in_other_encodings_are_built_from_their_true_text(mixed_build, name: str, text: str) -> None:
    out, _ = mixed_build
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    [article] = graph.subjects(URIRef(SCHEMA + "identifier"), Literal(name))

    assert str(graph.value(article, URIRef(KG_NS + "contentHash"))) == hashlib.sha256(text.encode()).hexdigest()
    assert str(graph.value(article, URIRef(SCHEMA + "headline"))) == text.split("\n", 1)[0]


@pytest.mark.slow
def test_hostile_article_gives_valid_iris_and_exports_every_parser_reads(mixed_build) -> None:
    out, _ = mixed_build
    check_exports(out)
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    names = {str(n) for n in graph.objects(None, URIRef(SCHEMA + "name"))}

    assert "Damir Kovalen" in names and "Edda Vasquine" in names  # the article was read and parsed


def check_exports(out: Path, *, names: set[str] | None = None) -> None:
    """Every RDF export of ``out`` parses with rdflib and pyoxigraph into the same graph; IRIs
    are from the safe alphabet; the tables parse; labels hold ``names`` exactly."""
    ttl = (out / "graph.ttl").read_bytes()
    graph = Graph().parse(data=ttl, format="turtle")
    assert len(list(pyoxigraph.parse(ttl, format=pyoxigraph.RdfFormat.TURTLE))) == len(graph) > 0

    trig = (out / "graph.trig").read_bytes()
    dataset = Dataset()
    dataset.parse(data=trig, format="trig")
    quads = list(pyoxigraph.parse(trig, format=pyoxigraph.RdfFormat.TRIG))
    assert len(quads) == len(list(dataset.quads((None, None, None, None))))
    assert isomorphic(Graph() + dataset.default_graph, graph)

    jsonld = (out / "graph.jsonld").read_bytes()
    json.loads(jsonld)
    assert isomorphic(Graph().parse(data=jsonld, format="json-ld"), graph)
    assert len(list(pyoxigraph.parse(jsonld, format=pyoxigraph.RdfFormat.JSON_LD))) == len(graph)

    ET.fromstring((out / "graph.graphml").read_bytes())
    rows = list(csv.reader(io.StringIO((out / "facts.csv").read_text(encoding="utf-8"))))
    assert rows and all(len(row) == len(rows[0]) for row in rows)

    safe = re.compile(re.escape(ID_BASE) + r"[a-z]+/[a-z0-9-]+\Z")
    for node in {n for triple in graph for n in triple if isinstance(n, URIRef)}:
        assert not str(node).startswith(ID_BASE) or safe.match(str(node)), node
    if names is not None:
        assert names <= {str(n) for n in graph.objects(None, URIRef(SCHEMA + "name"))}


# --- the same article twice -----------------------------------------------------------------


@pytest.mark.slow
def test_the_same_article_twice_is_one_article_in_the_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    write(inputs / "a.txt", GOOD)
    write(inputs / "sub" / "a-again.txt", GOOD.replace("\n", "\r\n").encode("utf-16"))
    out = tmp_path / "out"

    status = main(["build", str(inputs), str(inputs / "a.txt"), "--out", str(out), "--quiet"])

    assert status == 0, capsys.readouterr().err
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(set(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                  URIRef(SCHEMA + "NewsArticle")))) == 1


# --- long articles end to end ---------------------------------------------------------------


@pytest.mark.slow
def test_a_long_article_is_built_as_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("kg.ingest.MAX_PART_CHARS", 300)  # instead of a 100,000-character article
    body = "".join(f"In meeting {i}, opposition leader Damir Kovalen criticised Odile Marchetti again.\n\n"
                   for i in range(8))
    write(tmp_path / "in" / "long.txt", GOOD + "\n" + body + HOSTILE_ARTICLE)
    out = tmp_path / "out"

    status = main(["build", str(tmp_path / "in"), "--out", str(out), "--quiet"])

    assert status == 0, capsys.readouterr().err
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    ids = sorted(str(o) for o in graph.objects(None, URIRef(SCHEMA + "identifier")))
    assert len(ids) >= 3 and ids == [f"long.txt#part{i}" for i in range(1, len(ids) + 1)]
    check_exports(out)


# --- one article failing inside extraction ---------------------------------------------------


@pytest.mark.slow
def test_an_exception_in_one_articles_extraction_is_reported_and_the_rest_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import kg.extract

    real = kg.extract.extract_article

    def flaky(doc, article, **kwargs):  # noqa: ANN001, ANN202
        if article.id == "cursed.txt":
            raise RuntimeError("extractor bug")
        return real(doc, article, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_article", flaky)
    write(tmp_path / "in" / "cursed.txt", LATIN)
    write(tmp_path / "in" / "good.txt", GOOD)
    out = tmp_path / "out"

    status = main(["build", str(tmp_path / "in"), "--out", str(out), "--quiet"])

    err = capsys.readouterr().err
    assert status == 1
    line = one_line(err)
    assert "cursed.txt" in line and "RuntimeError: extractor bug" in line
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert {str(o) for o in graph.objects(None, URIRef(SCHEMA + "identifier"))} == {"good.txt"}


# --- hostile names: IRIs, exports, labels (no model) -----------------------------------------

HOSTILE_NAMES = {
    "Person": [
        'Jo "The Hammer" O\'Brien', "Back\\slash \\u0041 \\n Smith", "Greater > Lesser <Jr>", "Ada \U0001f984 Quill",
        "\u064a\u0648\u0633\u0641 \u0627\u0644\u0639\u0644\u064a", "\u05e9\u05e8\u05d4 \u05dc\u05d5\u05d9",
        "Ze\u200bro Wi\u200ddth\u2060\ufeff", "Over\u202eride\u202c Name", '"""Triple""" Quote', "x" * 300,
        "'; DROP GRAPH <urn:x> ; #", "}} @prefix evil: <http://evil.example/> .", "\u4e2d\u6587 \u540d\u5b57",
        "Tab\tand Tab",
    ],
    "Organization": ["<script>alert(1)</script> Party", "A&B \u201cQuoted\u201d Org", "\U0001f1fa\U0001f1e6 Union"],
    "Place": ["R\u00e9publique \u00e0 \u00ab Guillemets \u00bb", "\u0645\u0635\u0631"],
}
HOSTILE_SENTENCE = 'He said "\\" > \U0001f92f \u202e\u200b <b>bold</b> ]]> }} """ \' ; #'


def hostile_resolved():  # noqa: ANN201 - kg.resolve.Resolved
    """Every hostile name as an entity of one article, with facts between them, resolved."""
    from kg.resolve import resolve

    text = "Hostile names\n\n" + HOSTILE_SENTENCE + "\n"
    start = text.index(HOSTILE_SENTENCE)
    ev = Evidence("hostile\u202e.txt", HOSTILE_SENTENCE, start, start + len(HOSTILE_SENTENCE))
    entities = []
    for kind, names in HOSTILE_NAMES.items():
        entities.extend(Entity(f"{kind}:{i}", kind, name, (name + " \u2019alias\u2019",))
                        for i, name in enumerate(names))
    people = [e.key for e in entities if e.type == "Person"]
    orgs = [e.key for e in entities if e.type == "Organization"]
    places = [e.key for e in entities if e.type == "Place"]
    facts = []
    for a, b in zip(people, people[1:], strict=False):
        facts.append(Fact("criticises", a, ev, "interactions.v1", object=b, predicate="accuses", confidence=0.7))
        facts.append(Fact("supports", b, ev, "interactions.v1", object=a, confidence=0.6))
        facts.append(Fact("quote", a, ev, "quotes.v1", text=HOSTILE_SENTENCE + a, confidence=0.9))
    for i, person in enumerate(people):
        facts.append(Fact("role", person, ev, "roles.v1", object=(orgs + places)[i % 5],
                          role=['Minister for "Quotes" & <Tags>', "\u0648\u0632\u064a\u0631", "\U0001f451"][i % 3],
                          status="current", start="2019", end="2023", confidence=0.8))
        if (orgs + places)[i % 5] != orgs[(i + 1) % 3]:  # else two facts of one statement (see the report)
            facts.append(Fact("membership", person, ev, "roles.membership.v1", object=orgs[(i + 1) % 3],
                              confidence=0.6))
    article = Article(id="hostile\u202e.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                      title="Hostile names")
    return resolve([ArticleResult(article, tuple(entities), tuple(facts))])


def test_hostile_names_give_safe_iris_valid_exports_and_exact_labels(tmp_path: Path) -> None:
    from kg.export import export
    from kg.graph.build import build_dataset, merged_graph
    from kg.graph.validate import validate

    resolved = hostile_resolved()
    dataset = build_dataset(resolved)
    export(dataset, tmp_path)

    assert validate(merged_graph(dataset)) == []
    all_names = {name for names in HOSTILE_NAMES.values() for name in names}
    check_exports(tmp_path, names=all_names)
    # Each name is its own entity: no two collapse onto one IRI.
    assert len(resolved.entities) == len(all_names)


def test_a_name_broken_over_two_lines_is_the_same_in_trig_as_in_turtle(tmp_path: Path) -> None:
    # Hard-wrapped text ("... Governor Edda\nVasquine ...") gives names and sentences with a line break.
    from kg.export import export
    from kg.graph.build import build_dataset
    from kg.resolve import resolve

    text = "Governor Edda\nVasquine spoke.\n"
    ev = Evidence("wrapped.txt", text.strip(), 0, len(text.strip()))
    result = ArticleResult(Article("wrapped.txt", text, hashlib.sha256(text.encode()).hexdigest()),
                           (Entity("e", "Person", "Edda\nVasquine"),),
                           (Fact("quote", "e", ev, "quotes.v1", text="spoke\nand spoke", confidence=0.9),))
    export(build_dataset(resolve([result])), tmp_path, formats=("graph.ttl", "graph.trig", "graph.jsonld",
                                                                 "graph.graphml", "facts.csv"))

    check_exports(tmp_path, names={"Edda\nVasquine"})


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_names_holding_other_line_separators_give_valid_trig(tmp_path: Path, separator: str) -> None:
    # Ingest turns these into LF, but graphs come from elsewhere too (library users, old state).
    from kg.export import export
    from kg.graph.build import build_dataset
    from kg.resolve import resolve

    name = f"Edda{separator}Vasquine"
    text = f"Governor {name} spoke.\n"
    ev = Evidence("sep.txt", text.strip(), 0, len(text.strip()))
    result = ArticleResult(Article("sep.txt", text, hashlib.sha256(text.encode()).hexdigest()),
                           (Entity("e", "Person", name),),
                           (Fact("quote", "e", ev, "quotes.v1", text=f"one{separator}two", confidence=0.9),))
    export(build_dataset(resolve([result])), tmp_path, formats=("graph.ttl", "graph.trig", "graph.jsonld",
                                                                 "graph.graphml", "facts.csv"))

    check_exports(tmp_path, names={name})


def test_one_claim_read_twice_in_a_sentence_still_gives_a_valid_graph() -> None:
    from kg.graph.build import build_dataset, merged_graph
    from kg.graph.validate import format_violations, validate
    from kg.resolve import resolve

    text = "Kovalen criticised Vasquine on Monday and criticised Vasquine again on Tuesday."
    ev = Evidence("twice.txt", text, 0, len(text))
    people = (Entity("k", "Person", "Damir Kovalen"), Entity("v", "Person", "Edda Vasquine"))
    facts = (Fact("criticises", "k", ev, "interactions.v1", object="v", confidence=0.8),
             Fact("criticises", "k", ev, "interactions.v1", object="v", confidence=0.6))
    article = Article("twice.txt", text, hashlib.sha256(text.encode()).hexdigest())

    violations = validate(merged_graph(build_dataset(resolve([ArticleResult(article, people, facts)]))))

    assert violations == [], format_violations(violations)


@pytest.mark.parametrize("name", [n for names in HOSTILE_NAMES.values() for n in names]
                         + ["", " ", "---", "\x00", "a" * 500, "Ünïcödé", "\U0001f600" * 3])
def test_slugify_keeps_to_a_safe_alphabet(name: str) -> None:
    slug = slugify(name)

    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert 0 < len(slug) <= 80
    assert slugify(name) == slug


# --- nothing runs: the HTML view of hostile text ---------------------------------------------

PAYLOADS = (
    "<script>alert('kg-pwn-1')</script>",
    "<img src=x onerror=alert('kg-pwn-2')>",
    "<a href=\"javascript:alert('kg-pwn-3')\">click</a>",
    "</script><script>alert('kg-pwn-4')</script>",
    "<!--<script>alert('kg-pwn-5')//-->",
    "\" onmouseover=\"alert('kg-pwn-6')\" x=\"",
    "<svg onload=alert('kg-pwn-7')>",
    "]]></script><iframe src=javascript:alert('kg-pwn-8')>",
)


def test_html_view_keeps_every_payload_inside_the_escaped_json(tmp_path: Path) -> None:
    from kg.export.html import to_html
    from kg.graph.build import build_dataset
    from kg.resolve import resolve

    sentence = "Ada Quill accused Bram Oakes: " + " ".join(PAYLOADS)
    text = PAYLOADS[0] + "\n\n" + sentence + "\n"
    ev = Evidence("evil.txt", sentence, text.index(sentence), text.index(sentence) + len(sentence))
    entities = (
        Entity("p1", "Person", "Ada " + PAYLOADS[1] + " Quill", tuple(PAYLOADS[2:5])),
        Entity("p2", "Person", PAYLOADS[3] + " Bram Oakes", (PAYLOADS[5],)),
        Entity("o1", "Organization", PAYLOADS[6] + " Guild", (PAYLOADS[7],)),
    )
    facts = (
        Fact("criticises", "p1", ev, "interactions.v1", object="p2", predicate="accuses", confidence=0.9),
        Fact("supports", "p2", ev, "interactions.v1", object="p1", confidence=0.6),
        Fact("role", "p1", ev, "roles.v1", object="o1", role=PAYLOADS[0] + " leader", status="former",
             start="2019", end="2023", confidence=0.8),
        Fact("quote", "p2", ev, "quotes.v1", text=" ".join(PAYLOADS), confidence=0.9),
    )
    article = Article("evil.txt", text, hashlib.sha256(text.encode()).hexdigest(), title=PAYLOADS[0])
    page = to_html(build_dataset(resolve([ArticleResult(article, entities, facts)]))).decode("utf-8")

    blocks = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert len(blocks) == 1
    data = blocks[0]
    outside = page.replace(data, "")
    # Outside the data block, no payload at all; inside it, no character that could end it.
    assert "kg-pwn" not in outside
    assert not re.search(r"[<>&]", data)
    assert "<script>alert" not in page and "onerror=alert" not in outside
    # Every script, handler or javascript: link on the page is one the page of no data has too.
    empty = to_html(Dataset()).decode("utf-8")
    [empty_data] = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', empty, re.DOTALL)
    for marker in ("<script", "</script", "onerror", "onload", "onmouseover", "javascript:", "<img", "<iframe"):
        assert outside.lower().count(marker) == empty.replace(empty_data, "").lower().count(marker), marker
    # The payloads are still there, as text: labels stay readable.
    decoded = json.dumps(json.loads(data), ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in decoded, payload


# --- a bad --gold file -----------------------------------------------------------------------

MINIMAL_TTL = f"<{ID_BASE}article/a-txt> a <{SCHEMA}NewsArticle> ; <{SCHEMA}identifier> \"a.txt\" .\n"
GOOD_GOLD = '{"doc": "a.txt", "entities": [{"id": "ada", "type": "Person", "name": "Ada Quill"}]}'


@pytest.mark.parametrize("gold, where, reason", [
    (GOOD_GOLD + "\n{not json\n", ":2:", "not valid JSON"),
    ("\n\n" + GOOD_GOLD[:-1] + "\n", ":3:", "not valid JSON"),
    ("[1, 2]\n", ":1:", "expected a JSON object, found list"),
    ('{"entities": []}\n', ":1:", 'missing "doc"'),
    ('{"doc": "a.txt"}\n', ":1:", 'missing "entities"'),
    ('{"doc": "a.txt", "entities": {}}\n', ":1:", '"entities" must be a list'),
    ('{"doc": "", "entities": []}\n', ":1:", '"doc" must be a non-empty string'),
    ('{"doc": "a.txt", "entities": [], "criticisms": [{"source": "ada", "target": "bo"}]}\n', ":1:",
     'refers to "ada"'),
    (GOOD_GOLD + "\n" + GOOD_GOLD + "\n", ":2:", "already annotated on line 1"),
    ("\n  \n", "", "no documents"),
], ids=["bad json line 2", "truncated line 3", "not an object", "no doc", "no entities", "entities not a list",
        "empty doc", "undeclared entity", "doc twice", "no documents"])
def test_bad_gold_file_exits_2_naming_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], gold: str,
                                               where: str, reason: str) -> None:
    graph = write(tmp_path / "graph.ttl", MINIMAL_TTL)
    gold_file = write(tmp_path / "gold.jsonl", gold)

    status = main(["eval", str(graph), "--gold", str(gold_file)])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    line = one_line(captured.err)
    assert f"{gold_file}{where}" in line and reason in line, line


@pytest.mark.parametrize("data", [tiny_png(), b"\xff\xfe\x00\xd8"], ids=["png", "not utf-8"])
def test_binary_gold_file_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    graph = write(tmp_path / "graph.ttl", MINIMAL_TTL)
    gold_file = write(tmp_path / "gold.jsonl", data)

    status = main(["eval", str(graph), "--gold", str(gold_file)])

    assert status == 2
    assert str(gold_file) in one_line(capsys.readouterr().err)


# --- SHACL: each main shape fires on a hand-broken graph -------------------------------------

VALID_TTL = """\
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix article: <https://w3id.org/newskg/id/article/> .
@prefix person: <https://w3id.org/newskg/id/person/> .
@prefix organization: <https://w3id.org/newskg/id/organization/> .
@prefix role: <https://w3id.org/newskg/id/role/> .
@prefix activity: <https://w3id.org/newskg/id/activity/> .
@prefix membership: <https://w3id.org/newskg/id/membership/> .
@prefix statement: <https://w3id.org/newskg/id/statement/> .
@prefix quote: <https://w3id.org/newskg/id/quote/> .

article:a-txt a schema:NewsArticle ; schema:identifier "a.txt" ; schema:headline "Lantern Guild feud" ;
    schema:mentions person:ada-quill , person:bram-oakes .
person:ada-quill a schema:Person ; schema:name "Ada Quill" ; rdfs:label "Ada Quill" .
person:bram-oakes a schema:Person ; schema:name "Bram Oakes" ; rdfs:label "Bram Oakes" .
organization:lantern-guild a schema:Organization ; schema:name "Lantern Guild" ; rdfs:label "Lantern Guild" .
role:mayor a org:Role ; skos:prefLabel "Mayor" .
activity:interactions-v1 a prov:Activity ; rdfs:label "interactions.v1" ;
    kg:extractorName "interactions" ; kg:extractorVersion "v1" .
activity:quotes-v1 a prov:Activity ; rdfs:label "quotes.v1" ; kg:extractorName "quotes" ; kg:extractorVersion "v1" .

membership:m1 a org:Membership ;
    org:member person:bram-oakes ;
    org:role role:mayor ;
    org:organization organization:lantern-guild ;
    kg:status kg:current ;
    prov:wasDerivedFrom article:a-txt .

person:ada-quill kg:criticises person:bram-oakes ; kg:accuses person:bram-oakes .
statement:s1 a rdf:Statement ;
    rdf:subject person:ada-quill ; rdf:predicate kg:accuses ; rdf:object person:bram-oakes ;
    prov:wasDerivedFrom article:a-txt ;
    kg:evidence "Ada Quill accused Bram Oakes of fraud." ;
    kg:startOffset 20 ; kg:endOffset 58 ;
    kg:confidence 0.8 ;
    prov:wasGeneratedBy activity:interactions-v1 .

quote:q1 a schema:Quotation ;
    schema:creator person:ada-quill ;
    schema:text "It is a farce" ;
    schema:isPartOf article:a-txt ;
    prov:wasDerivedFrom article:a-txt ;
    kg:evidence "\\u201cIt is a farce,\\u201d Quill said." ;
    kg:startOffset 59 ; kg:endOffset 90 ;
    kg:confidence 0.9 ;
    prov:wasGeneratedBy activity:quotes-v1 .
"""
ADA, BRAM = f"{ID_BASE}person/ada-quill", f"{ID_BASE}person/bram-oakes"


@pytest.mark.parametrize("old, new, focus, message", [
    ('schema:name "Bram Oakes" ; ', "", BRAM, "must have exactly one schema:name"),
    ('rdfs:label "Bram Oakes" .', 'rdfs:label "Bram Oakes", "B. Oakes" .', BRAM, "exactly one non-empty rdfs:label"),
    ("org:member person:bram-oakes ;", "", f"{ID_BASE}membership/m1", "must have exactly one org:member"),
    ("kg:status kg:current ;", "kg:status kg:retired ;", f"{ID_BASE}membership/m1", "exactly one kg:status"),
    ('kg:evidence "Ada Quill accused Bram Oakes of fraud." ;', "", f"{ID_BASE}statement/s1",
     "at least one kg:evidence"),
    ("schema:creator person:ada-quill ;", "", f"{ID_BASE}quote/q1", "exactly one schema:creator"),
    ("kg:confidence 0.8 ;", "kg:confidence 1.5 ;", f"{ID_BASE}statement/s1", "kg:confidence, an xsd:decimal in [0, 1]"),
    ("kg:confidence 0.9 ;", "kg:confidence -0.1 ;", f"{ID_BASE}quote/q1", "kg:confidence, an xsd:decimal in [0, 1]"),
    ("kg:confidence 0.8 ;", "kg:confidence 8.0e-1 ;", f"{ID_BASE}statement/s1", "not an xsd:double"),
    ("kg:startOffset 20 ;", "kg:startOffset 80 ;", f"{ID_BASE}statement/s1", "less than kg:endOffset"),
    ("person:ada-quill kg:criticises person:bram-oakes ; kg:accuses", "person:ada-quill kg:accuses",
     "", "no kg:criticises towards it"),
    ("kg:criticises person:bram-oakes ; kg:accuses person:bram-oakes .", "kg:criticises person:bram-oakes .",
     "", "reifies a triple"),
    ('schema:identifier "a.txt" ;', "", f"{ID_BASE}article/a-txt", "exactly one schema:identifier"),
    ("prov:wasGeneratedBy activity:quotes-v1 .", ".", f"{ID_BASE}quote/q1", "exactly one prov:wasGeneratedBy"),
], ids=["entity without name", "entity with two labels", "membership without member", "unknown status",
        "statement without evidence", "quotation without creator", "confidence above 1", "confidence below 0",
        "confidence a double", "offsets in the wrong order", "finer kind without criticises",
        "statement not asserted", "article without identifier", "quotation without extractor"])
def test_each_shape_fires_on_a_hand_broken_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str,
                                                 new: str, focus: str, message: str) -> None:
    assert VALID_TTL.count(old) == 1, old
    broken = write(tmp_path / "broken.ttl", VALID_TTL.replace(old, new))

    status = main(["validate", str(broken)])

    captured = capsys.readouterr()
    assert status == 2
    assert message in captured.out, captured.out
    assert focus in captured.out
    line = one_line(captured.err)
    assert "broken.ttl" in line and "SHACL violation" in line


def test_the_unbroken_graph_conforms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", str(write(tmp_path / "valid.ttl", VALID_TTL))])

    captured = capsys.readouterr()
    assert status == 0, captured.out
    assert "conforms" in captured.out


# --- nothing lost: a build killed mid-way ----------------------------------------------------


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in EXPORTS}


def check_whole(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Every export is the previous or the new version, byte for byte, and parses; the store opens."""
    for name in EXPORTS:
        data = (out / name).read_bytes()
        assert data in (old[name], new[name]), f"{name} is neither the previous nor the new version"
    Graph().parse(out / "graph.ttl", format="turtle")
    Dataset().parse(out / "graph.trig", format="trig")
    json.loads((out / "graph.jsonld").read_bytes())
    visible_temps = [p.name for p in out.iterdir() if p.name.endswith(".tmp") and not p.name.startswith(".")]
    assert visible_temps == []
    store = out / "store"
    if (store / "CURRENT").is_file():
        assert len(pyoxigraph.Store.read_only(str(store))) > 0


def kill_when(command: list[str], ready) -> bool:  # noqa: ANN001 - a predicate
    """Start ``command``; SIGKILL it as soon as ``ready()`` holds. True if it was killed."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                               start_new_session=True)
    try:
        while process.poll() is None:
            if ready():
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.0002)
        return False
    finally:
        if process.poll() is None:  # pragma: no cover - only if the test itself fails mid-way
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.mark.slow
def test_a_build_killed_mid_way_leaves_previous_or_new_exports_whole(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    if len(seeds) < 2:
        pytest.skip(f"needs two seed articles in {SEEDS}")
    for i, seed in enumerate(seeds):
        for folder in ["all"] + (["first"] if i == 0 else []):
            (tmp_path / folder).mkdir(exist_ok=True)
            shutil.copy(seed, tmp_path / folder / seed.name)
    base = tmp_path / "base"
    assert run_kg("build", str(tmp_path / "first"), "--out", str(base), "--quiet").returncode == 0
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    started = time.monotonic()
    assert run_kg("build", str(tmp_path / "all"), "--out", str(reference), "--quiet").returncode == 0
    seconds = time.monotonic() - started
    old, new = snapshot(base), snapshot(reference)
    assert all(old[name] != new[name] for name in ("graph.ttl", "graph.trig", "graph.jsonld"))

    def first_temp_file(out: Path):  # noqa: ANN202
        def ready() -> bool:
            with os.scandir(out) as entries:
                return any(e.name.startswith(".") and ".tmp" in e.name for e in entries)
        return ready

    def replaced(out: Path, name: str):  # noqa: ANN202
        inode = (out / name).stat().st_ino
        return lambda: (out / name).stat().st_ino != inode

    def after(delay: float):  # noqa: ANN202
        deadline = time.monotonic() + delay
        return lambda: time.monotonic() >= deadline

    triggers = {
        "first temporary file": first_temp_file,
        "graph.ttl replaced": lambda out: replaced(out, "graph.ttl"),
        "graph.jsonld replaced": lambda out: replaced(out, "graph.jsonld"),
        "after 90%": lambda out: after(0.9 * seconds),
    }
    killed = []
    for i, (label, trigger) in enumerate(triggers.items()):
        out = tmp_path / f"killed-{i}"
        shutil.copytree(base, out)
        if kill_when([*KG, "build", str(tmp_path / "all"), "--out", str(out), "--quiet"], trigger(out)):
            killed.append(label)
        check_whole(out, old, new)

    assert len(killed) >= 3, f"only killed at {killed}"
    # Nothing lost: the next build over the interrupted folder completes with the new exports.
    out = tmp_path / "killed-0"
    assert run_kg("build", str(tmp_path / "all"), "--out", str(out), "--quiet").returncode == 0
    assert snapshot(out) == new


@pytest.mark.slow
def test_a_build_removes_temporary_files_a_killed_build_left(tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", GOOD)
    out = tmp_path / "out"
    stale = [write(out / ".graph.ttl.k2j4l0xq.tmp", "@prefix broken"), write(out / ".facts.csv.abc.tmp", "x,")]

    assert main(["build", str(tmp_path / "in"), "--out", str(out), "--quiet"]) == 0
    assert [p.name for p in stale if p.exists()] == []
