"""kg.export: the seeds' exports parse with rdflib and Oxigraph, agree, are byte-stable, and
are written atomically.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.export import EXPORTERS, atomic_write, export
from kg.graph.namespaces import SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FILES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "graph.graphml", "facts.csv")


def ox_triples(path: Path, fmt: pyoxigraph.RdfFormat) -> set[tuple[str, str, str]]:
    """The triples of a one-graph file as parsed by Oxigraph, as N-Triples term strings."""
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in pyoxigraph.parse(path=path, format=fmt)}


def rdflib_as_ox_strings(graph: Graph) -> set[tuple[str, str, str]]:
    """rdflib triples in Oxigraph's term syntax, so the two parsers' results can be compared."""
    return {tuple(t.n3() for t in triple) for triple in graph}  # type: ignore[misc]


@pytest.mark.slow
def test_every_export_is_written(seeds_build) -> None:
    assert sorted(p.name for p in seeds_build.written) == sorted(FILES) == sorted(EXPORTERS)
    for name in FILES:
        assert (seeds_build.out_dir / name).stat().st_size > 0
    # Nothing else is left in the folder (no temporary files).
    assert sorted(p.name for p in seeds_build.out_dir.iterdir()) == sorted(FILES)


@pytest.mark.slow
def test_turtle_parses_with_rdflib_and_oxigraph_alike(seeds_build) -> None:
    path = seeds_build.out_dir / "graph.ttl"
    graph = Graph().parse(path, format="turtle")

    oxi = ox_triples(path, pyoxigraph.RdfFormat.TURTLE)
    store = pyoxigraph.Store()
    store.load(path=path, format=pyoxigraph.RdfFormat.TURTLE)

    assert len(graph) > 100
    assert len(oxi) == len(graph) == len(store)
    assert oxi == rdflib_as_ox_strings(graph)


@pytest.mark.slow
def test_trig_has_one_named_graph_per_article_in_both_parsers(seeds_build) -> None:
    path = seeds_build.out_dir / "graph.trig"
    turtle = Graph().parse(seeds_build.out_dir / "graph.ttl", format="turtle")
    articles = {str(a) for a in turtle.subjects(RDF.type, SCHEMA.NewsArticle)}
    assert len(articles) == seeds_build.report.articles == len(list(SEEDS.glob("*.txt")))

    # Oxigraph
    by_graph: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for q in pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TRIG):
        name = "" if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else q.graph_name.value
        by_graph[name].add((str(q.subject), str(q.predicate), str(q.object)))
    assert set(by_graph) - {""} == articles
    union = set().union(*(t for name, t in by_graph.items() if name))
    assert by_graph[""] == union
    assert by_graph[""] == rdflib_as_ox_strings(turtle)

    # rdflib
    dataset = Dataset()
    dataset.parse(path, format="trig")
    default_id = dataset.default_graph.identifier
    named = {str(g.identifier): g for g in dataset.graphs() if g.identifier != default_id and len(g)}
    assert set(named) == articles
    assert set(dataset.default_graph) == set(turtle)
    for name, graph in named.items():
        assert rdflib_as_ox_strings(graph) == by_graph[name]
        assert (URIRef(name), RDF.type, SCHEMA.NewsArticle) in graph


@pytest.mark.slow
def test_jsonld_holds_the_same_triples_as_turtle(seeds_build) -> None:
    turtle = Graph().parse(seeds_build.out_dir / "graph.ttl", format="turtle")
    jsonld_path = seeds_build.out_dir / "graph.jsonld"
    jsonld = Graph().parse(jsonld_path, format="json-ld")

    assert len(jsonld) == len(turtle)
    assert rdflib_as_ox_strings(jsonld) == rdflib_as_ox_strings(turtle)
    assert ox_triples(jsonld_path, pyoxigraph.RdfFormat.JSON_LD) == rdflib_as_ox_strings(turtle)


def _build_in_subprocess(out: Path, hash_seed: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(out), "--quiet"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_exports_are_byte_identical_across_processes(tmp_path: Path, seeds_build) -> None:
    outs = {seed: tmp_path / f"hashseed-{seed}" for seed in ("1", "2")}
    procs = {seed: _build_in_subprocess(out, seed) for seed, out in outs.items()}
    for seed, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"PYTHONHASHSEED={seed}: {stderr.decode()}"

    for name in FILES:
        first = (outs["1"] / name).read_bytes()
        assert first, name
        assert first == (outs["2"] / name).read_bytes(), f"{name} differs between hash seeds"
        # ... and the same as this process's build of the same articles.
        assert first == (seeds_build.out_dir / name).read_bytes(), f"{name} differs from the in-process build"


# --- atomic_write ---------------------------------------------------------------------------


class Unwritable:
    """Not bytes: the write fails after the temporary file was created."""


def _fail_replace(src: object, dst: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("how", ["write fails", "rename fails"])
def test_atomic_write_keeps_the_previous_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 how: str) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"previous export\n")
    data: object = b"new export\n"
    if how == "write fails":
        data = Unwritable()
    else:
        monkeypatch.setattr(os, "replace", _fail_replace)

    with pytest.raises((TypeError, OSError)):
        atomic_write(target, data)  # type: ignore[arg-type]

    assert target.read_bytes() == b"previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_write_replaces_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "graph.ttl"

    atomic_write(target, b"one")
    atomic_write(target, b"two")

    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["graph.ttl"]


def test_atomic_write_gives_the_mode_a_plain_write_would(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"x")

    atomic_write(tmp_path / "atomic.txt", b"x")

    assert (tmp_path / "atomic.txt").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_export_rejects_an_unknown_format_by_listing_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graph.ttl") as info:
        export(Dataset(), tmp_path, formats=("graph.xml",))
    assert "graph.xml" in str(info.value)


def test_the_files_do_not_depend_on_the_order_triples_were_added_in() -> None:
    # Exports follow the on-disk store's order, not insertion order: a graph filled forwards
    # and one filled backwards give the same bytes.
    from rdflib import Literal

    from kg.export.rdf import to_jsonld, to_trig, to_turtle

    triples = [(URIRef(f"https://example.org/id/{i % 7}"), SCHEMA[p], Literal(f"value {i}"))
               for i in range(60) for p in ("name", "alternateName")]
    forwards, backwards = Graph(), Graph()
    for triple in triples:
        forwards.add(triple)
    for triple in reversed(triples):
        backwards.add(triple)
    for write in (to_turtle, to_trig, to_jsonld):
        assert write(forwards) == write(backwards)
    assert len(Graph().parse(data=to_turtle(forwards), format="turtle")) == len(triples)


@pytest.mark.parametrize("failing", ["graph.trig", "graph.html"])  # written in the thread, and beside it
def test_a_failing_export_leaves_the_previous_files_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      failing: str) -> None:
    from rdflib import Literal

    graph = Graph()
    graph.add((URIRef("https://example.org/id/a"), SCHEMA.name, Literal("A")))
    written = export(graph, tmp_path)
    before = {p.name: p.read_bytes() for p in written}

    def fail(source: object, out: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(EXPORTERS, failing, fail)
    graph.add((URIRef("https://example.org/id/b"), SCHEMA.name, Literal("B")))
    with pytest.raises(OSError, match="No space"):
        export(graph, tmp_path)

    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
