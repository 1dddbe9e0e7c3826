"""Incremental builds (``kg.pipeline.update``, ``kg build … --out DIR`` again): new articles are
added, unchanged ones are not parsed again, a changed one replaces its own named graph, keys
never change, and re-running changes no byte.

Most tests swap the NLP and extraction step for a fake that reads a toy line format (no
model, fast), since what is tested is the bookkeeping around it; one slow test does the same
with the real pipeline over the seeds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import kg.pipeline
from kg.cli import main
from kg.errors import InputError
from kg.graph.namespaces import KG, SCHEMA
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.pipeline import update
from kg.state import locked

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ID = "https://w3id.org/newskg/id/"
EXPORTS = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "graph.graphml", "facts.csv")


def toy_extract(article: Article) -> ArticleResult:
    """Lines ``person KEY Name words`` and ``criticises KEY KEY`` after the headline."""
    entities, facts = [], []
    offset = 0
    for line in article.text.split("\n"):
        words = line.split()
        if words[:1] == ["person"]:
            entities.append(Entity(words[1], "Person", " ".join(words[2:])))
        elif words[:1] == ["criticises"]:
            ev = Evidence(article.id, line, offset, offset + len(line))
            facts.append(Fact("criticises", words[1], ev, "toy.v1", object=words[2], confidence=0.5))
        offset += len(line) + 1
    return ArticleResult(article, tuple(entities), tuple(facts))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Replace NLP + extraction with :func:`toy_extract`; record the ids each build parses."""
    calls: list[list[str]] = []

    def fake(articles, results, *, model, progress, batch_size, errors, **engine):  # noqa: ANN001, ANN003, ANN202 - kg.pipeline._extract
        calls.append([a.id for a in articles])
        for a in articles:
            results[a.id] = toy_extract(a)
        return "toy" if articles else ""

    monkeypatch.setattr(kg.pipeline, "_extract", fake)
    return calls


def write(folder: Path, name: str, *lines: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join([name.upper(), "", *lines]) + "\n", encoding="utf-8")
    return path


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of a build folder but the store's database and the lock, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "store" not in p.relative_to(out).parts[:1] and p.name != ".lock"}


def named_graphs(out: Path) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    return {str(g.identifier): g for g in dataset.graphs() if str(g.identifier).startswith(ID + "article/")}


def test_rerunning_parses_nothing_and_changes_no_byte(tmp_path: Path, parsed: list[list[str]]) -> None:
    articles, out = tmp_path / "in", tmp_path / "out"
    write(articles, "a.txt", "person p Marisol Quenby", "person q Tavish Ollerby", "criticises p q")
    write(articles, "b.txt", "person x Odile Marchetti")
    first = update([articles], out)
    before, store_inode = snapshot(out), (out / "store").stat().st_ino

    again = update([articles], out)

    assert parsed == [["a.txt", "b.txt"], []]
    assert (first.extracted, again.extracted, again.reused) == (2, 0, 2)
    assert snapshot(out) == before
    assert set(before) >= {*EXPORTS, "state/build.json", "state/keys.json", "state/articles/a.txt.json"}
    # The store holds the same data, so it is not rewritten either.
    assert (out / "store").stat().st_ino == store_inode
    assert out / "store" not in again.written


def test_a_new_article_is_added_without_parsing_the_others(tmp_path: Path, parsed: list[list[str]]) -> None:
    out = tmp_path / "out"
    write(tmp_path / "in", "a.txt", "person p Marisol Quenby")
    update([tmp_path / "in"], out)
    write(tmp_path / "more", "c.txt", "person p Marisol Quenby", "person q Bram Oakes", "criticises q p")

    report = update([tmp_path / "more"], out)

    assert parsed[-1] == ["c.txt"]
    assert (report.articles, report.extracted, report.reused) == (2, 1, 0)
    assert set(named_graphs(out)) == {ID + "article/a-txt", ID + "article/c-txt"}
    merged = Graph().parse(out / "graph.ttl", format="turtle")
    assert (URIRef(ID + "person/bram-oakes"), KG.criticises, URIRef(ID + "person/marisol-quenby")) in merged


def test_a_changed_article_replaces_its_own_named_graph(tmp_path: Path, parsed: list[list[str]]) -> None:
    articles, out = tmp_path / "in", tmp_path / "out"
    write(articles, "a.txt", "person p Marisol Quenby", "person q Tavish Ollerby", "criticises p q")
    write(articles, "b.txt", "person x Odile Marchetti")
    update([articles], out)
    old_a, old_b = named_graphs(out)[ID + "article/a-txt"], named_graphs(out)[ID + "article/b-txt"]

    write(articles, "a.txt", "person p Marisol Quenby", "person r Ines Tarrago", "criticises r p")
    report = update([articles], out)

    graphs = named_graphs(out)
    assert parsed[-1] == ["a.txt"]
    assert report.replaced == ("a.txt",)
    new_a = graphs[ID + "article/a-txt"]
    hashes = set(new_a.objects(URIRef(ID + "article/a-txt"), KG.contentHash))
    assert hashes and hashes.isdisjoint(old_a.objects(URIRef(ID + "article/a-txt"), KG.contentHash))
    assert (URIRef(ID + "person/ines-tarrago"), KG.criticises, URIRef(ID + "person/marisol-quenby")) in new_a
    assert not any(URIRef(ID + "person/tavish-ollerby") in t for t in new_a)
    assert set(graphs[ID + "article/b-txt"]) == set(old_b)
    # The merged view follows: Tavish is gone from it too.
    merged = Graph().parse(out / "graph.ttl", format="turtle")
    assert (URIRef(ID + "person/tavish-ollerby"), None, None) not in merged


def test_an_entity_keeps_its_iri_when_a_later_article_gives_a_fuller_name(tmp_path: Path,
                                                                         parsed: list[list[str]]) -> None:
    out = tmp_path / "out"
    write(tmp_path / "in", "a.txt", "person p Quenby")
    update([tmp_path / "in"], out)
    write(tmp_path / "more", "b.txt", "person p Marisol Quenby", "person q Bram Oakes", "criticises q p")

    update([tmp_path / "more"], out)

    merged = Graph().parse(out / "graph.ttl", format="turtle")
    quenby = URIRef(ID + "person/quenby")
    assert set(merged.objects(quenby, SCHEMA.name)) == {Literal("Marisol Quenby")}
    assert (URIRef(ID + "person/bram-oakes"), KG.criticises, quenby) in merged
    assert (URIRef(ID + "person/marisol-quenby"), None, None) not in merged


def test_a_changed_extraction_parses_every_article_again_from_the_state(tmp_path: Path, parsed: list[list[str]],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write(tmp_path / "in", "a.txt", "person p Marisol Quenby")
    write(tmp_path / "in", "b.txt", "person p Bram Oakes")
    update([tmp_path / "in"], out)
    real = kg.pipeline.extraction_fingerprint
    monkeypatch.setattr(kg.pipeline, "extraction_fingerprint", lambda model=None: real(model) + " (edited)")
    write(tmp_path / "more", "c.txt", "person p Odile Marchetti")

    report = update([tmp_path / "more"], out)  # a.txt and b.txt are not among the inputs

    assert sorted(parsed[-1]) == ["a.txt", "b.txt", "c.txt"]
    assert report.articles == 3


def test_fresh_builds_only_the_inputs(tmp_path: Path, parsed: list[list[str]]) -> None:
    out = tmp_path / "out"
    write(tmp_path / "in", "a.txt", "person p Marisol Quenby")
    update([tmp_path / "in"], out)
    write(tmp_path / "more", "c.txt", "person p Odile Marchetti")

    report = update([tmp_path / "more"], out, fresh=True)

    assert report.articles == 1
    assert set(named_graphs(out)) == {ID + "article/c-txt"}
    assert sorted(p.name for p in (out / "state" / "articles").iterdir()) == ["c.txt.json"]


def test_the_same_text_under_another_name_is_not_built_twice(tmp_path: Path, parsed: list[list[str]]) -> None:
    out = tmp_path / "out"
    path = write(tmp_path / "in", "a.txt", "person p Marisol Quenby")
    update([tmp_path / "in"], out)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "copy.txt").write_bytes(path.read_bytes())

    report = update([tmp_path / "more"], out)

    assert parsed[-1] == []
    assert report.articles == 1


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path, parsed: list[list[str]]) -> None:
    write(tmp_path / "in", "a.txt", "person p Marisol Quenby")

    with locked(tmp_path / "out"), pytest.raises(InputError, match="another kg build"):
        update([tmp_path / "in"], tmp_path / "out")


def test_an_interrupted_store_write_leaves_the_previous_store(tmp_path: Path, parsed: list[list[str]],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.query import run_store_query

    out = tmp_path / "out"
    write(tmp_path / "in", "a.txt", "person p Marisol Quenby")
    update([tmp_path / "in"], out)
    write(tmp_path / "in", "b.txt", "person p Bram Oakes")
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if Path(str(src)).name.startswith(".store.tmp-"):  # the new store's move into place
            raise OSError(28, "No space left on device")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError):
        update([tmp_path / "in"], out)
    monkeypatch.undo()

    result = run_store_query(out / "store", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }")
    assert result.rows == (("Marisol Quenby",),)
    assert [p.name for p in out.iterdir() if p.name.startswith(".store")] == []


@pytest.mark.slow
def test_rebuilding_the_seeds_loads_no_model_and_changes_no_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    before = snapshot(out)

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("the spaCy pipeline was loaded for articles already built")

    monkeypatch.setattr("kg.nlp.load_pipeline", no_model)
    status = main(["build", str(SEEDS), "--out", str(out)])

    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "parsed none, 2 unchanged" in captured.err
    assert snapshot(out) == before


STRICTER_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:test:PersonBorn> a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property [ sh:path schema:birthDate ; sh:minCount 1 ; sh:message "every person needs a birth date" ] .
"""


@pytest.mark.parametrize("in_background", [False, True], ids=["in-process", "in-a-child-process"])
def test_a_graph_breaking_the_shapes_leaves_the_previous_build_as_it_was(
        tmp_path: Path, parsed: list[list[str]], monkeypatch: pytest.MonkeyPatch, in_background: bool) -> None:
    import kg.graph.validate
    from kg.errors import ValidationError
    from kg.pipeline import run, write_build

    children: list[str] = []
    spawn = kg.graph.validate.multiprocessing.get_context("spawn")

    class RecordingContext:  # the spawn context, recording what is sent to a child
        def Pool(self, processes: int):  # noqa: N802, ANN202 - multiprocessing's name
            pool = spawn.Pool(processes)
            apply_async = pool.apply_async

            def recording(fn, args):  # noqa: ANN001, ANN202
                children.append(fn.__name__)
                return apply_async(fn, args)
            pool.apply_async = recording  # type: ignore[method-assign]
            return pool

    monkeypatch.setattr(kg.graph.validate.multiprocessing, "get_context", lambda method: RecordingContext())
    if in_background:  # validate beside the exports however small the graph
        monkeypatch.setattr(kg.graph.validate, "BACKGROUND_FROM_TRIPLES", 0)
        monkeypatch.setattr(kg.graph.validate.os, "cpu_count", lambda: 2)

    src, out = tmp_path / "src", tmp_path / "out"
    write(src, "a.txt", "person ada Ada Quill", "person bo Bo Lind", "criticises ada bo")
    update([src], out)
    before = snapshot(out)
    write(src, "b.txt", "person cy Cy Moss", "criticises cy ada")
    report = run([src])
    shapes = tmp_path / "stricter.ttl"
    shapes.write_text(STRICTER_SHAPES, encoding="utf-8")
    with pytest.raises(ValidationError, match="birth date"):
        write_build(report, out, shapes=shapes)
    assert snapshot(out) == before  # no export replaced, no temporary left
    assert not list(out.glob(".*.tmp"))
    write_build(report, out)  # the project's own shapes: it conforms and is written
    assert snapshot(out)["graph.ttl"] != before["graph.ttl"]
    assert children == (["validate_ntriples"] * 3 if in_background else [])  # the first build and both writes


def test_the_streamed_build_writes_what_the_library_export_of_its_dataset_writes(
        tmp_path: Path, parsed: list[list[str]]) -> None:
    # kg build streams article graphs into its store and exports from there; kg.export puts a
    # dataset into a store first. Both must give the same bytes, and the store the same quads.
    import pyoxigraph

    from kg.export import export
    from kg.pipeline import run

    src, out, library = tmp_path / "src", tmp_path / "out", tmp_path / "library"
    write(src, "a.txt", "person ada Ada Quill", "person bo Bo Lind", "criticises ada bo")
    write(src, "b.txt", "person cy Cy Moss", "person ada Ada Quill", "criticises cy ada")
    update([src], out)
    export(run([src]).dataset, library)
    for name in EXPORTS:
        assert (out / name).read_bytes() == (library / name).read_bytes(), name
    store = pyoxigraph.Store.read_only(str(out / "store"))
    trig = set(pyoxigraph.parse(path=out / "graph.trig", format=pyoxigraph.RdfFormat.TRIG))
    assert set(store) == trig
    assert len(trig) > 20


def test_validation_in_chunks_finds_a_breakage_in_the_last_article(
        tmp_path: Path, parsed: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    # Every article is a chunk of its own, validated in a child process; only the last
    # article's person breaks the shape.
    import kg.graph.validate
    from kg.errors import ValidationError
    from kg.pipeline import run, write_build

    monkeypatch.setattr(kg.graph.validate, "CHUNK_TRIPLES", 1)
    monkeypatch.setattr(kg.graph.validate, "MAX_PENDING_CHUNKS", 1)
    monkeypatch.setattr(kg.graph.validate.os, "cpu_count", lambda: 2)
    src, out = tmp_path / "src", tmp_path / "out"
    for name, key in (("a.txt", "ann"), ("b.txt", "ben"), ("c.txt", "cyd")):
        write(src, name, f"person {key} {key.title()} Vell")
    shapes = tmp_path / "only-cyd.ttl"
    shapes.write_text(f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:test:CydBorn> a sh:NodeShape ;
    sh:targetNode <{ID}person/cyd-vell> ;
    sh:property [ sh:path schema:birthDate ; sh:minCount 1 ; sh:message "Cyd needs a birth date" ] .
""", encoding="utf-8")
    with pytest.raises(ValidationError, match="Cyd needs a birth date"):
        write_build(run([src], validate=False), out, shapes=shapes)
    assert not out.exists() or not any(p.name.endswith(".tmp") or p.name.startswith(".store") for p in out.iterdir())
