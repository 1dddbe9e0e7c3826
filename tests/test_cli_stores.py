"""kg.cli's store commands run in this process: ``build`` writes the store and state, ``query``
with one or two positionals, ``--store``, ``view`` opening a browser.

(``load`` and ``serve`` against real servers are in ``tests/stores/``; their error messages
in ``tests/test_remote.py``.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.store import is_store, write_store

ROOT = Path(__file__).resolve().parents[1]


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected a one-line message, got: {text!r}"
    return lines[0]


@pytest.fixture(scope="module")
def build_dir(seeds_build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds' Turtle export with the store ``kg build`` would write beside it."""
    folder = tmp_path_factory.mktemp("cli-build")
    shutil.copy(seeds_build.out_dir / "graph.ttl", folder / "graph.ttl")
    write_store((seeds_build.out_dir / "graph.trig").read_bytes(), folder / "store")
    return folder


@pytest.mark.slow
def test_build_writes_the_store_and_the_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"

    status = main(["build", str(ROOT / "seeds"), "--out", str(out)])

    err = capsys.readouterr().err
    assert status == 0, err
    assert is_store(out / "store")
    assert (out / "state" / "build.json").is_file() and (out / "state" / "keys.json").is_file()
    assert len(list((out / "state" / "articles").glob("*.json"))) == len(list((ROOT / "seeds").glob("*.txt")))
    assert "store" in err and "facts.csv" in err and "graph.graphml" in err


@pytest.mark.slow
def test_query_with_one_positional_runs_over_the_store(build_dir: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    query = "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }"
    main(["query", str(build_dir / "graph.ttl"), query, "--format", "json"])
    over_file = json.loads(capsys.readouterr().out)

    status = main(["query", query, "--store", str(build_dir / "store"), "--format", "json"])
    over_store = json.loads(capsys.readouterr().out)
    # With neither --store nor a file, exports/store under the working folder is used.
    (tmp := build_dir.parent / "cwd-for-default").mkdir(exist_ok=True)
    (tmp / "exports").mkdir(exist_ok=True)
    if not (tmp / "exports" / "store").exists():
        (tmp / "exports" / "store").symlink_to(build_dir / "store")
    monkeypatch.chdir(tmp)
    default_status = main(["query", query, "--format", "json"])
    over_default = json.loads(capsys.readouterr().out)

    assert (status, default_status) == (0, 0)
    assert over_store == over_file == over_default
    assert over_file


def test_query_with_no_store_says_how_to_make_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)

    status = main(["query", "SELECT * WHERE { ?s ?p ?o }"])

    line = one_line(capsys.readouterr().err)
    assert status == 2
    assert "exports/store: no store here" in line and "kg build" in line


@pytest.mark.parametrize("argv, message", [
    (["query", "a.ttl", "SELECT * {}", "extra"], "takes [GRAPH_FILE] QUERY"),
    (["query", "a.ttl", "SELECT * {}", "--store", "x"], "not both"),
    (["query", "SELECT * {}", "--default-graph", "urn:g"], "--default-graph goes with --endpoint"),
    (["query", "SELECT * {}", "--endpoint", "http://127.0.0.1:9/q", "--password", "p"], "--password needs --user"),
])
def test_query_usage_errors_exit_2_with_one_line(argv: list[str], message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    status = main(argv)

    assert status == 2
    assert message in one_line(capsys.readouterr().err)


def test_query_store_and_endpoint_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["query", "SELECT * {}", "--store", "x", "--endpoint", "http://127.0.0.1:9/q"])

    assert info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_query_at_an_unreachable_endpoint_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "5"])

    line = one_line(capsys.readouterr().err)
    assert status == 2
    assert line.startswith("kg: error: query: cannot connect to http://127.0.0.1:9/sparql")


@pytest.mark.slow
@pytest.mark.parametrize("opened", [True, False])
def test_view_writes_the_page_prints_its_path_and_opens_it(seeds_build, tmp_path: Path, opened: bool,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    urls: list[str] = []

    def fake_open(url: str) -> bool:
        urls.append(url)
        return opened

    monkeypatch.setattr("webbrowser.open", fake_open)
    page = tmp_path / "view.html"

    status = main(["view", str(seeds_build.out_dir / "graph.ttl"), "--out", str(page)])

    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.strip() == str(page)
    assert urls == [page.resolve().as_uri()]
    assert page.stat().st_size > 0
    assert ("no web browser found" in captured.err) is not opened


def test_view_of_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("webbrowser.open", lambda url: pytest.fail("nothing to open"))

    status = main(["view", str(tmp_path / "absent.ttl")])

    assert status == 2
    assert "absent.ttl" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("argv", [["query", "--help"], ["load", "--help"], ["serve", "--help"], ["view", "--help"]])
def test_new_commands_have_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)

    assert info.value.code == 0
    assert argv[0] in capsys.readouterr().out
