"""Ingest: files and folders in, :class:`~kg.model.Article` records out.

Real corpora are messy, so every file goes through the same checks before it becomes text:

1. **Size.** A file over :data:`MAX_FILE_BYTES` (20 MB) is refused before it is read, with a
   one-line error naming it and its size; the build goes on without it. News articles are a
   few kilobytes; a file that large is a dump or a mistake, and reading it whole would hold
   it in memory several times over (bytes, text, spaCy ``Doc``).
2. **Binary.** A file that starts with a known binary signature (PNG, JPEG, PDF, ZIP, ...) or
   whose decoded text is more than 5% control characters is refused ("not text").
3. **Encoding.** A byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else,
   for HTML, its ``<meta charset>``; else the guess of ``charset-normalizer``, preferring
   Windows-1252 when it reads the bytes as well as the guess does (short Western texts are
   otherwise often taken for Central European code pages); else Windows-1252, else Latin-1.
   The encoding used is logged at INFO (``kg build --verbose``).
4. **Normalisation.** CRLF, CR, NEL and U+2028 become LF, U+2029 a blank line; NUL bytes
   and other control characters are dropped (form feed and vertical tab end a line): they
   are never part of the story, and some export formats (XML, one-line literals) cannot
   hold them.
5. **HTML.** A page saved as an article (it starts with ``<!DOCTYPE html>``, ``<html>``,
   ``<head>`` or ``<body>``, or is named ``*.html``/``*.htm``) becomes its text: the headline
   (first ``<h1>``, else ``<title>``) on the first line, then one paragraph per block element;
   scripts, styles, navigation, asides and footers are dropped.
6. **Length.** An article longer than :data:`MAX_PART_CHARS` (100,000 characters) is split at
   paragraph boundaries into parts ``name#part1``, ``name#part2``, ..., each built as an
   article of its own, so that no text reaches spaCy above the size it parses in bounded
   memory (spaCy's ``nlp.max_length`` is 1,000,000 and it warns of roughly 1 GB per
   100,000 characters).

Bad files never stop a build: :func:`read_articles` reports each in one line and goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.model import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Files larger than this many bytes are refused without being read.
MAX_FILE_BYTES = 20_000_000
#: Articles longer than this many characters are split into parts (``name#part2``).
MAX_PART_CHARS = 100_000
#: Above this share of control characters (NUL aside), decoded bytes are taken for binary.
MAX_CONTROL_SHARE = 0.05

# How binary formats people rename or save by mistake begin, with what they are.
_SIGNATURE_PATTERNS = (
    (rb"\A\x89PNG\r\n\x1a\n", "a PNG image"),
    (rb"\A\xff\xd8\xff", "a JPEG image"),
    (rb"\AGIF8[79]a", "a GIF image"),
    (rb"\ARIFF....WEBP", "a WebP image"),
    (rb"\AII\*\x00|\AMM\x00\*", "a TIFF image"),
    (rb"\A%PDF-", "a PDF document"),
    (rb"\APK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)"),
    (rb"\A\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (rb"\A\{\\rtf", "an RTF document"),
    (rb"\A\x1f\x8b", "a gzip archive"),
    (rb"\ABZh[1-9]1AY&SY", "a bzip2 archive"),
    (rb"\A\xfd7zXZ\x00", "an xz archive"),
    (rb"\A7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (rb"\ARar!\x1a\x07", "a RAR archive"),
    (rb"\A\x7fELF", "an executable (ELF)"),
    (rb"\ASQLite format 3\x00", "an SQLite database"),
    (rb"\AOggS\x00", "an Ogg audio or video file"),
    (rb"\AID3[\x02-\x04]", "an MP3 audio file"),
    (rb"\A\x00\x00..ftyp", "an MP4 or QuickTime video"),
    (rb"\A\x00asm", "a WebAssembly module"),
)
_SIGNATURES = tuple((re.compile(pattern, re.DOTALL), what) for pattern, what in _SIGNATURE_PATTERNS)
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Control characters dropped from text: C0 and C1 except tab and newline (CR is handled before).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WESTERN = "cp1252"


@dataclass(frozen=True)
class Decoded:
    """A file's bytes as text: the text (normalised) and what was done to get it.

    Attributes:
        text: the text, with LF line ends and no control characters but tab and newline.
        encoding: the codec the bytes were read with (a Python codec name).
        html: whether the text was extracted from an HTML page.
    """

    text: str
    encoding: str
    html: bool = False


# --- finding files --------------------------------------------------------------------------


def find_article_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of article files they hold.

    Args:
        paths: files (taken whatever their suffix) and folders (searched recursively for
            ``.txt`` files). A broken symbolic link is listed too (inside a folder, when
            named ``*.txt``), so that reading it reports it instead of it vanishing silently.

    Returns:
        The article files, sorted by path, each once.

    Raises:
        InputError: a path does not exist or is neither a file nor a folder, or no article
            was found at all.
    """
    paths = list(paths)  # iterated twice: here and in the error message
    # Keyed by the resolved path, so one file named two ways ("a.txt", "/abs/a.txt") is kept once.
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.suffix not in ARTICLE_SUFFIXES:
                    continue
                if p.is_file() or (p.is_symlink() and not p.exists()):
                    found.setdefault(p.resolve(), p)
        elif path.is_file() or path.is_symlink():
            found.setdefault(path.resolve(), path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file or folder")
        else:
            raise InputError(f"{path}: no such file or folder")
    if not found:
        raise InputError("no .txt articles found in " + ", ".join(str(p) for p in paths))
    return sorted(found.values())


# --- bytes to text --------------------------------------------------------------------------


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """Read a file whole, refusing one over ``max_bytes`` before reading it.

    Args:
        path: the file.
        max_bytes: the largest size accepted; :data:`MAX_FILE_BYTES` when None.

    Raises:
        InputError: the file cannot be opened or read (missing, a folder, no permission), or
            is too large (the message gives its size and the limit).
    """
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        # A FIFO or device would block or never end: only regular files are opened.
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a folder, not an article file")
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file")
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise InputError(f"{path}: {_mb(size)} is over the {_mb(limit)} limit for one article file; "
                                 "split it into smaller files")
            data = f.read(size + 1)  # read(n) allocates n bytes at once: ask for what is there
            if len(data) > size:  # it grew since fstat: read on, within the limit
                data += f.read(limit + 1 - len(data))
    except FileNotFoundError as e:
        if path.is_symlink():
            raise InputError(f"{path}: broken symbolic link (its target {path.readlink()} does not exist)") from e
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or type(e).__name__})") from e
    if len(data) > limit:
        raise InputError(f"{path}: over the {_mb(limit)} limit for one article file (it grew while read); "
                         "split it into smaller files")
    return data


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def decode(data: bytes, *, name: str = "<bytes>", html: bool | None = None) -> Decoded:
    """Decode an article file's bytes into normalised text (see the module docstring).

    Args:
        data: the file's bytes.
        name: the file's name, for messages (and ``*.html`` names mark HTML).
        html: force (True) or forbid (False) HTML extraction; by default it is detected.

    Returns:
        The text, the encoding used and whether it was HTML.

    Raises:
        InputError: the bytes are binary (a known format or too many control characters),
            or carry a byte-order mark they do not follow.
    """
    for signature, what in _SIGNATURES:
        if signature.match(data):
            raise InputError(f"{name}: not a text article (it looks like {what}); skipped")
    text, encoding = _to_str(data, name=name)
    # Every line end becomes LF: CRLF, CR, NEL and the Unicode line and paragraph separators
    # (exports write one statement a line; a stray U+2028 inside a literal breaks TriG).
    # A second byte-order mark (saved twice) is a zero-width no-break space at the start: drop it.
    text = (text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n").replace("\u2028", "\n")
            .replace("\u2029", "\n\n").replace("\x00", "").lstrip("\ufeff"))
    controls = len(_CONTROLS.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError(f"{name}: not a text article ({controls} control characters in {len(text)}, "
                         f"read as {encoding}: binary data?); skipped")
    # Form and vertical tabs end a line; every other control character goes.
    text = _CONTROLS.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)
    is_html = html if html is not None else (name.lower().endswith(HTML_SUFFIXES) or looks_like_html(text))
    if is_html:
        text = html_to_text(text)
    return Decoded(text=text, encoding=encoding, html=is_html)


def _to_str(data: bytes, *, name: str) -> tuple[str, str]:
    """The bytes as text and the codec used (the order of the module docstring, step 3)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), f"{codec} (byte-order mark)"
            except UnicodeDecodeError as e:
                raise InputError(f"{name}: starts with a {codec.upper()} byte-order mark but byte "
                                 f"{e.start + len(bom)} is not {codec.upper()}; save it again as UTF-8") from e
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared), f"{declared} (declared by the HTML page)"
        except (UnicodeDecodeError, LookupError):
            pass
    guessed = _guess_encoding(data)
    if guessed is not None:
        try:
            return data.decode(guessed), f"{guessed} (detected)"
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode(_WESTERN), f"{_WESTERN} (fallback)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1 (fallback)"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark, told by where its NUL bytes fall.

    ASCII-range UTF-16 is half NUL bytes, all on odd offsets (little-endian) or all on even
    ones (big-endian); NUL padding or binary data spreads them over both.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    odd, even = data[1::2].count(0), data[0::2].count(0)
    half = len(data) // 2
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.3 * half and other <= 0.02 * half:
            try:
                return data.decode(codec), f"{codec} (no byte-order mark)"
            except UnicodeDecodeError:
                return None
    return None


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page declares in ``<meta charset>`` (in its first 4 KB), if known."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # An 8-bit page cannot declare a 16- or 32-bit encoding (HTML Standard, "prescan"): ignored.
    return None if codec.startswith(("utf-16", "utf-32", "utf-7")) else codec


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess at a legacy encoding, or None when it sees no text.

    Notes:
        For a short Western text, Windows-1250 and Windows-1252 often decode to the same
        string or score the same; the guess then falls on whichever the detector tried
        first. Windows-1252 is preferred whenever it scores as well (no more "mess", no less
        language coherence), since it is the legacy encoding of English and Western
        European news.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    if _WESTERN in best.could_be_from_charset:
        return _WESTERN
    western = next((m for m in matches if _WESTERN in m.could_be_from_charset), None)
    if western is None:
        western = from_bytes(data, cp_isolation=[_WESTERN]).best()
    if western is not None and western.chaos <= best.chaos and western.coherence >= best.coherence:
        return _WESTERN
    return str(best.encoding)


# --- HTML -----------------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page: it opens with a doctype or an html/head/body tag."""
    return _HTML_START.match(text[:4096]) is not None


# Elements whose content is never article text: code, styling, embedded media and page chrome.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
                      "nav", "aside", "footer", "form", "button", "select", "textarea"})
# Elements that end a paragraph.
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                     "blockquote", "pre", "table", "tr", "article", "section", "header", "main", "figure",
                     "figcaption", "address", "hr", "body", "html", "caption"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})


class _TextExtractor(HTMLParser):
    """Collects an HTML page's visible text as paragraphs, its ``<title>`` and first ``<h1>``.

    Open elements are kept on a stack, so that an end tag closes the elements left open
    inside it (``<div><nav>menu</div>`` ends the skipped ``<nav>`` too), as browsers do.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self.h1: str | None = None
        self._open: list[str] = []  # open non-void elements, innermost last
        self._skipping = 0  # how many of them are skipped elements
        self._words: list[str] = []
        self._title: list[str] | None = None  # the words of an open <title>
        self._in_h1 = False
        self._pre = 0  # open <pre> elements: their whitespace is kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_startendtag(tag, attrs)
            return
        self._open.append(tag)
        if tag in _SKIPPED:
            self._skipping += 1
        if self._skipping:
            return
        if tag == "title":
            self._title = []
        elif tag in _BLOCKS:
            self._end_paragraph()
            if tag == "h1" and self.h1 is None:
                self._in_h1 = True
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <hr/>, <svg/>: a self-closed tag opens no element, not even a skipped one.
        if self._skipping:
            return
        if tag == "br":
            self._words.append("\n")
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:  # a stray end tag: at most it ends a paragraph
            if not self._skipping and tag in _BLOCKS:
                self._end_paragraph()
            return
        # A block ends its paragraph while its <pre> still counts (whitespace kept).
        text = self._end_paragraph() if not self._skipping and tag in _BLOCKS else None
        while self._open:
            closed = self._open.pop()
            self._skipping -= closed in _SKIPPED
            if closed == "pre" and self._pre:
                self._pre -= 1
            if closed == tag:
                break
        if self._skipping:
            return
        if text is None and tag in _BLOCKS:  # it was closed from inside a skipped element
            text = self._end_paragraph()
        if tag == "title" and self._title is not None:
            self.title = self.title or _squeeze("".join(self._title)) or None
            self._title = None
        elif tag == "h1" and self._in_h1:
            self.h1, self._in_h1 = _squeeze(text or "") or None, False

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._title is not None:
            self._title.append(data)
        else:
            self._words.append(data if self._pre else re.sub(r"\s+", " ", data))

    def _end_paragraph(self) -> str:
        """Close the paragraph being collected; return its text ("" when it had none)."""
        lines = "".join(self._words).split("\n")
        self._words = []
        text = "\n".join(line.rstrip() if self._pre else line.strip() for line in lines).strip("\n")
        if self._pre == 0:
            text = text.strip()
        if text.strip():
            self.paragraphs.append(text)
        return text

    def close(self) -> None:
        super().close()
        self._end_paragraph()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, laid out as the corpus's articles are.

    The headline (the first ``<h1>``, else the ``<title>``) comes first, then a blank line,
    then one paragraph per block element (``<p>``, ``<div>``, ``<li>``, ...), blank lines
    between them, in page order (the headline moved to the front). Scripts, styles,
    ``<noscript>``, templates, embedded media, navigation, asides, footers and forms are
    dropped; character references are decoded. Nothing is fetched.

    Args:
        markup: the page.

    Returns:
        The text, ending in a newline ("" when the page shows no text).

    Example:
        >>> html_to_text("<html><title>T</title><script>alert(1)</script><h1>Ferry fares</h1><p>A &amp; B.</p>")
        'Ferry fares\\n\\nA & B.\\n'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    paragraphs = list(parser.paragraphs)
    headline = parser.h1 or parser.title
    if headline:
        if headline in paragraphs:
            paragraphs.remove(headline)
        paragraphs.insert(0, headline)
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


# --- articles -------------------------------------------------------------------------------


def read_article(path: Path, *, max_bytes: int | None = None) -> Article:
    """Read one article file; its id is the file name and its title the first line.

    The bytes are checked and decoded as the module docstring says (size, binary, encoding,
    normalisation, HTML); the encoding used is logged at INFO.

    Args:
        path: the file.
        max_bytes: the largest file accepted; :data:`MAX_FILE_BYTES` when None.

    Raises:
        InputError: the file cannot be read, is too large, or is not text. The message is one
            line that starts with the path.
    """
    decoded = decode(read_bytes(path, max_bytes=max_bytes), name=str(path))
    log.info("%s: read as %s%s", path, decoded.encoding, ", text taken from HTML" if decoded.html else "")
    return make_article(decoded.text, id=path.name, path=str(path))


def make_article(text: str, *, id: str, path: str = "") -> Article:  # noqa: A002 - the record's field name
    """An :class:`Article` of normalised text: its content hash and headline filled in.

    A headline is a short first line followed by a blank line (the corpus's layout).
    """
    lines = text.strip().split("\n", 2)
    first_line = lines[0].strip()
    title = first_line if len(lines) == 3 and not lines[1].strip() and len(first_line) < 150 else None
    return Article(id=id, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), path=path,
                   title=title)


def split_article(article: Article, *, max_chars: int | None = None) -> list[Article]:
    """Split an article longer than ``max_chars`` into parts at paragraph boundaries.

    Args:
        article: the article.
        max_chars: the longest part; :data:`MAX_PART_CHARS` when None.

    Returns:
        ``[article]`` when it is short enough; else parts with ids ``<id>#part1``,
        ``<id>#part2``, ..., each at most ``max_chars`` long, whose texts are consecutive
        slices of the article's text (together, the whole of it). Only the first part keeps
        the headline. A paragraph longer than ``max_chars`` is cut after a sentence end,
        else at a space, else anywhere.
    """
    limit = MAX_PART_CHARS if max_chars is None else max_chars
    if limit < 1:
        raise ValueError(f"max_chars must be at least 1, not {limit}")
    if len(article.text) <= limit:
        return [article]
    parts = []
    for i, text in enumerate(_slices(article.text, limit), 1):
        part = make_article(text, id=f"{article.id}#part{i}", path=article.path)
        parts.append(part if i == 1 else replace(part, title=None))
    log.info("%s: %d characters, built as %d parts of at most %d", article.path or article.id, len(article.text),
             len(parts), limit)
    return parts


def _slices(text: str, limit: int) -> Iterator[str]:
    """Consecutive slices of ``text``, each at most ``limit`` long, cut at the best break.

    The best break is the last paragraph break, else line break, sentence end or space, in
    the second half of the window (so parts are not needlessly short); failing that, the
    last of any of them; failing that, the window's end.
    """
    separators = ("\n\n", "\n", ". ", " ")
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        breaks = [(window.rfind(sep), sep) for sep in separators]
        late = [(i, sep) for i, sep in breaks if i >= limit // 2]
        anywhere = [(i, sep) for i, sep in breaks if i > 0]
        if late or anywhere:
            i, sep = (late or [max(anywhere)])[0]
            cut = i + len(sep)
        else:
            cut = limit
        yield text[start:start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


def read_articles(paths: Iterable[Path], errors: list[str], *, max_bytes: int | None = None,
                  max_chars: int | None = None) -> Iterator[Article]:
    """Yield the readable, non-empty articles; append a one-line message per bad file.

    Articles with the same content as an earlier one are skipped, so each is built once.
    Long articles are yielded as their parts (:func:`split_article`).

    Args:
        paths: the article files (:func:`find_article_files`).
        errors: where a message is appended for each file skipped (unreadable, too large,
            binary, empty); each names the file.
        max_bytes: the largest file accepted; :data:`MAX_FILE_BYTES` when None.
        max_chars: the longest article before it is split; :data:`MAX_PART_CHARS` when None.
    """
    seen: dict[str, str] = {}
    for path in paths:
        try:
            article = read_article(path, max_bytes=max_bytes)
        except InputError as e:
            errors.append(str(e))
            continue
        if not article.text.strip():
            errors.append(f"{path}: empty article, skipped")
            continue
        for part in split_article(article, max_chars=max_chars):
            if not part.text.strip():
                continue
            if part.sha256 in seen:
                log.info("%s: same text as %s, skipped", part.id if part.id != path.name else path, seen[part.sha256])
                continue
            seen[part.sha256] = part.id
            yield part
