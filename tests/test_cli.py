"""kg.cli: ``main(argv)`` run in this process; exit statuses, messages and output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# Invented articles (names, places and outlets are made up).
GOOD_ARTICLES = {
    "ostrova-budget.txt": (
        "Ostrova Budget Row Deepens\n\n"
        "The Ostrovian finance minister Lenka Varga accused the central bank of hiding its losses on Monday.\n\n"
        "Opposition leader Damir Kovalen defended the bank. \"The figures are sound,\" Kovalen told the "
        "Kestrel Gazette.\n"
    ),
    "port-velliane.txt": (
        "Mayor Backs Ferry Plan\n\n"
        "Odile Marchetti, the mayor of Port Velliane, praised the harbour board for its new ferry timetable.\n"
    ),
}
BROKEN_TTL = """\
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/newskg/id/person/ines-tarrago> a schema:Person ;
    schema:name "Ines Tarrago", "Inés Tarragó" ;
    rdfs:label "Ines Tarrago" .
"""


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected a one-line message, got: {text!r}"
    return lines[0]


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- build ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_build_seeds_writes_every_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"

    status = main(["build", str(SEEDS), "--out", str(out), "--quiet"])

    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert captured.out == ""
    assert captured.err == ""
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html"):
        assert (out / name).stat().st_size > 0
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 0


@pytest.mark.slow
def test_build_with_an_undecodable_file_exits_1_and_names_it(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    articles = write_articles(tmp_path / "articles")
    bad = articles / "mangled-wire.txt"
    # A UTF-8 byte-order mark the bytes after it do not follow.
    bad.write_bytes(b"\xef\xbb\xbfThe minister \xff\xfe said")
    out = tmp_path / "out"

    status = main(["build", str(articles), "--out", str(out), "--quiet"])

    captured = capsys.readouterr()
    assert status == 1
    assert "mangled-wire.txt" in captured.err
    assert not any(name in captured.err for name in GOOD_ARTICLES)
    # The good articles were still built.
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    identifiers = {str(o) for o in graph.objects(None, URIRef("https://schema.org/identifier"))}
    assert identifiers == set(GOOD_ARTICLES)


def test_build_on_a_missing_path_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-folder"

    status = main(["build", str(missing), "--out", str(tmp_path / "out"), "--quiet"])

    captured = capsys.readouterr()
    assert status == 2
    line = one_line(captured.err)
    assert line.startswith("kg: error:")
    assert str(missing) in line
    assert not (tmp_path / "out").exists()


def test_build_on_an_empty_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()

    status = main(["build", str(empty), "--out", str(tmp_path / "out"), "--quiet"])

    captured = capsys.readouterr()
    assert status == 2
    assert "no .txt articles" in one_line(captured.err)


@pytest.mark.slow
def test_build_where_no_file_is_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "only.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    status = main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"])

    captured = capsys.readouterr()
    assert status == 2
    assert "only.txt" in captured.err
    assert "no article could be built" in captured.err
    assert not (tmp_path / "out" / "graph.ttl").exists()


# --- query ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_graph(seeds_build) -> Path:
    return seeds_build.out_dir / "graph.ttl"


@pytest.fixture(scope="module")
def criticisms_rq(shared_dir: Path) -> Path:
    path = shared_dir / "sparql" / "criticisms.rq"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="module")
def criticism_count(seeds_graph: Path, contract_queries: dict[str, str]) -> int:
    return len(list(Graph().parse(seeds_graph, format="turtle").query(contract_queries["criticisms"])))


@pytest.mark.slow
def test_query_table_has_a_header_and_a_row_count(seeds_graph: Path, criticisms_rq: Path, criticism_count: int,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", str(seeds_graph), str(criticisms_rq)])

    captured = capsys.readouterr()
    assert status == 0, captured.err
    lines = captured.out.rstrip("\n").splitlines()
    assert lines[0].split() == ["source", "sourceName", "target", "targetName"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert criticism_count > 0
    assert lines[-1] == f"({criticism_count} rows)"
    assert len(lines) == criticism_count + 3


@pytest.mark.slow
def test_query_csv_parses(seeds_graph: Path, criticisms_rq: Path, criticism_count: int,
                          capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", str(seeds_graph), str(criticisms_rq), "--format", "csv"])

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert status == 0
    assert rows[0] == ["source", "sourceName", "target", "targetName"]
    assert len(rows) == criticism_count + 1
    assert all(len(row) == 4 and row[0].startswith("https://w3id.org/newskg/id/") for row in rows[1:])


@pytest.mark.slow
def test_query_json_parses(seeds_graph: Path, criticisms_rq: Path, criticism_count: int,
                           capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", str(seeds_graph), str(criticisms_rq), "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert isinstance(data, list) and len(data) == criticism_count
    assert all(set(row) == {"source", "sourceName", "target", "targetName"} for row in data)


@pytest.mark.slow
@pytest.mark.parametrize("export", ["graph.trig", "graph.jsonld"])
def test_query_gives_the_same_rows_over_every_rdf_export(seeds_build, criticisms_rq: Path, export: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    main(["query", str(seeds_build.out_dir / "graph.ttl"), str(criticisms_rq), "--format", "json"])
    expected = json.loads(capsys.readouterr().out)

    status = main(["query", str(seeds_build.out_dir / export), str(criticisms_rq), "--format", "json"])

    assert status == 0
    # Same rows, not doubled by TriG's named graphs repeating the default graph.
    assert json.loads(capsys.readouterr().out) == expected
    assert expected


@pytest.mark.slow
def test_query_text_with_project_prefixes_and_no_prefix_lines(seeds_graph: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", str(seeds_graph), "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:Person }",
                   "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert int(data[0]["n"]) > 0


@pytest.mark.slow
@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?x schema:name }",
    "SELEKT ?x WHERE { ?x ?y ?z }",
    "SELECT ?x WHERE { ?x ?y ?z ",
])
def test_query_syntax_error_exits_2_with_one_line(seeds_graph: Path, query: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", str(seeds_graph), query])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert one_line(captured.err).startswith("kg: error:")


def test_query_on_a_missing_graph_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["query", str(tmp_path / "absent.ttl"), "SELECT * WHERE { ?s ?p ?o }"])

    assert status == 2
    assert "absent.ttl" in one_line(capsys.readouterr().err)


# --- validate -------------------------------------------------------------------------------


@pytest.mark.slow
def test_validate_seeds_graph_exits_0(seeds_graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", str(seeds_graph)])

    captured = capsys.readouterr()
    assert status == 0, captured.out + captured.err
    assert "conforms" in captured.out


def test_validate_broken_graph_exits_2_and_lists_the_violation(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN_TTL, encoding="utf-8")

    status = main(["validate", str(broken)])

    captured = capsys.readouterr()
    assert status == 2
    assert "https://w3id.org/newskg/id/person/ines-tarrago" in captured.out
    assert "schema:name" in captured.out
    line = one_line(captured.err)
    assert "broken.ttl" in line and "1 SHACL violation" in line


def test_validate_unparsable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is <not turtle", encoding="utf-8")

    status = main(["validate", str(garbage)])

    assert status == 2
    assert "garbage.ttl" in capsys.readouterr().err


# --- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]])
def test_help_mentions_the_exit_statuses(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)

    out = capsys.readouterr().out
    assert info.value.code == 0
    assert "exit status" in out
    for status in ("0  done", "1  done, but some input files were skipped", "2  nothing done"):
        assert status in out
