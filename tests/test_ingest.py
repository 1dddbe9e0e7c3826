"""kg.ingest: finding article files, decoding them, titles, and skipping bad or repeated ones."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import find_article_files, read_article, read_articles

ARTICLE = "Ferry Fares Frozen in Calloway Bay\n\nThe harbour board of Calloway Bay froze ferry fares on Monday.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- find_article_files ---------------------------------------------------------------------


def test_folder_is_searched_recursively_and_sorted(tmp_path: Path) -> None:
    c = write(tmp_path / "c.txt", "Gamma.")
    a = write(tmp_path / "a.txt", "Alpha.")
    deep = write(tmp_path / "sub" / "deeper" / "b.txt", "Beta.")
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / "sub" / "data.csv", "x,y")

    assert find_article_files([tmp_path]) == sorted([a, c, deep])


def test_explicit_file_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    odd = write(tmp_path / "wire-story.text", "A story.")
    assert find_article_files([odd]) == [odd]


def test_file_named_twice_or_inside_a_named_folder_is_listed_once(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Alpha.")
    b = write(tmp_path / "b.txt", "Beta.")

    assert find_article_files([tmp_path, a, a, b, tmp_path]) == [a, b]


def test_same_file_spelled_relative_and_absolute_is_listed_once(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "news" / "a.txt", "Alpha.")
    monkeypatch.chdir(tmp_path)

    found = find_article_files(["news", tmp_path / "news", "news/a.txt"])

    assert len(found) == 1
    assert found[0].name == "a.txt"


def test_missing_path_raises_input_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    write(tmp_path / "ok.txt", "Fine.")

    with pytest.raises(InputError, match="gone.txt"):
        find_article_files([tmp_path / "ok.txt", missing])


def test_folder_without_txt_files_raises_input_error(tmp_path: Path) -> None:
    write(tmp_path / "readme.md", "nothing to read here")
    (tmp_path / "empty-sub").mkdir()

    with pytest.raises(InputError, match="no .txt articles") as info:
        find_article_files([tmp_path])
    assert str(tmp_path) in str(info.value)


def test_paths_may_be_any_iterable(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Alpha.")
    assert find_article_files(p for p in [tmp_path]) == [a]

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as info:
        find_article_files(p for p in [empty])
    assert str(empty) in str(info.value)


# --- read_article ---------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffQuiet Day in Osterlund\n\nNothing happened.".encode())

    article = read_article(path)

    assert not article.text.startswith("\ufeff")
    assert article.text.startswith("Quiet Day")
    assert article.title == "Quiet Day in Osterlund"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines_become_lf(tmp_path: Path, newline: str) -> None:
    text = ARTICLE.replace("\n", newline)
    path = write(tmp_path / "crlf.txt", text.encode("utf-8"))

    article = read_article(path)

    assert "\r" not in article.text
    assert article.text == ARTICLE
    # The hash is of the normalised text, so the same story saved on Windows is the same article.
    assert article.sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()


def test_latin1_bytes_are_read_not_refused(tmp_path: Path) -> None:
    # Issue 6: legacy encodings are detected (tests/test_bad_input.py has the full table).
    path = write(tmp_path / "latin1-story.txt", "Caf\xe9 owners in Marbeck protest".encode("latin-1"))

    assert read_article(path).text == "Caf\xe9 owners in Marbeck protest"


def test_bytes_breaking_their_byte_order_mark_raise_input_error_naming_the_file(tmp_path: Path) -> None:
    # A UTF-16 byte-order mark, then a lone high surrogate: no decoding of it is right.
    path = write(tmp_path / "mangled.txt", b"\xff\xfe\x00\xd8bad!")

    with pytest.raises(InputError, match="mangled.txt") as info:
        read_article(path)
    assert "UTF-16" in str(info.value)


def test_id_is_the_file_name_and_path_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "deep" / "2031-04-harbour.txt", ARTICLE)

    article = read_article(path)

    assert article.id == "2031-04-harbour.txt"
    assert article.path == str(path)


@pytest.mark.parametrize(
    "text, title",
    [
        ("Ferry Fares Frozen\n\nThe board froze fares.", "Ferry Fares Frozen"),
        ("\n\n  Ferry Fares Frozen  \n\nThe board froze fares.", "Ferry Fares Frozen"),
        # A "blank" line holding only spaces still separates the headline.
        ("Ferry Fares Frozen\n   \nThe board froze fares.", "Ferry Fares Frozen"),
        # A lone line with nothing after it is the whole article, not a headline.
        ("Ferry Fares Frozen\n\n", None),
        # No blank line after the first line: it is the first sentence, not a headline.
        ("The board froze fares.\nIt met on Monday.", None),
        ("The board froze fares on Monday in Calloway Bay.", None),
        # A first "line" as long as a paragraph is not a headline.
        ("word " * 60 + "\n\nSecond paragraph.", None),
    ],
)
def test_title_is_a_short_first_line_followed_by_a_blank_line(tmp_path: Path, text: str, title: str | None) -> None:
    assert read_article(write(tmp_path / "t.txt", text)).title == title


# --- read_articles --------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "   \n\t\n  \n", "\ufeff"])
def test_empty_or_blank_file_is_reported_and_skipped(tmp_path: Path, content: str) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    blank = write(tmp_path / "blank.txt", content.encode("utf-8"))
    errors: list[str] = []

    articles = list(read_articles([blank, good], errors))

    assert [a.id for a in articles] == ["good.txt"]
    assert len(errors) == 1
    assert "blank.txt" in errors[0]
    assert "empty" in errors[0]


def test_undecodable_file_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    bad = write(tmp_path / "bad.txt", b"\xff\xfe\x00\xd8bad!")
    errors: list[str] = []

    articles = list(read_articles([bad, good], errors))

    assert [a.id for a in articles] == ["good.txt"]
    assert len(errors) == 1 and "bad.txt" in errors[0]


def test_same_content_twice_gives_one_article(tmp_path: Path) -> None:
    first = write(tmp_path / "a-first.txt", ARTICLE)
    # Same story with a BOM and CRLF: after normalisation it is the same text.
    second = write(tmp_path / "b-copy.txt", ("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8"))
    other = write(tmp_path / "c-other.txt", "Another Story\n\nSomething else happened in Ruskvale.")
    errors: list[str] = []

    articles = list(read_articles([first, second, other], errors))

    assert [a.id for a in articles] == ["a-first.txt", "c-other.txt"]
    assert errors == []
