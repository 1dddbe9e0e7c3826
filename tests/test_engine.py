"""Engines: the per-article stage on this process, on worker processes and on a Dask cluster,
with the same output byte for byte."""

from __future__ import annotations

import hashlib
import math
import shutil
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from kg.engine import InlineEngine, ProcessEngine, batches, make_engine, ordered_map, process_batch
from kg.errors import UsageError
from kg.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# Everything a build writes but the store (a database whose files are not meant to compare).
COMPARED = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "graph.graphml", "facts.csv",
            "state/build.json", "state/keys.json")


class CountingEngine(InlineEngine):
    """Runs tasks only when their result is asked for, recording how many wait at most."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.waiting = 0
        self.most_waiting = 0

    def submit(self, fn: Callable[..., Any], *args: object) -> Any:  # noqa: ANN401
        engine = self
        engine.waiting += 1
        engine.most_waiting = max(engine.most_waiting, engine.waiting)

        class Later:
            def result(self) -> Any:  # noqa: ANN401
                engine.waiting -= 1
                return fn(*args)

        return Later()


def test_ordered_map_keeps_input_order_and_two_tasks_per_worker_in_flight() -> None:
    engine = CountingEngine(workers=3)

    out = list(ordered_map(engine, pow, range(20), 2))

    assert out == [n ** 2 for n in range(20)]
    assert engine.most_waiting == 6


def test_ordered_map_on_worker_processes_keeps_order() -> None:
    engine = ProcessEngine(2)
    try:
        assert list(ordered_map(engine, math.factorial, range(30))) == [math.factorial(n) for n in range(30)]
    finally:
        engine.close()


def test_inline_engine_carries_a_task_error_to_its_result() -> None:
    future = InlineEngine().submit(math.sqrt, -1)

    assert isinstance(future, Future)
    with pytest.raises(ValueError, match="math domain error"):
        future.result()


@pytest.mark.parametrize(("items", "size", "expected"), [
    (list(range(5)), 2, [[0, 1], [2, 3], [4]]),
    (list(range(4)), 4, [[0, 1, 2, 3]]),
    ([], 3, []),
])
def test_batches(items: list[int], size: int, expected: list[list[int]]) -> None:
    assert [list(b) for b in batches(items, size)] == expected


def test_one_task_or_one_job_stays_in_this_process() -> None:
    assert isinstance(make_engine("local", jobs=4, tasks=1), InlineEngine)
    assert isinstance(make_engine("local", jobs=1, tasks=50), InlineEngine)


@pytest.mark.parametrize(("options", "message"), [
    ({"name": "spark"}, "unknown engine 'spark'"),
    ({"jobs": 0}, "--jobs must be at least 1"),
    ({"address": "tcp://127.0.0.1:8786"}, "--scheduler goes with --engine dask"),
])
def test_bad_engine_options_are_usage_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        make_engine(**options)


@pytest.mark.slow
def test_a_failing_article_is_an_error_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.extract

    texts = {"good.txt": "Mayor Ilse Brandt praised the council.", "bad.txt": "Senator Omar Vale spoke."}
    articles = [Article(name, text, hashlib.sha256(text.encode()).hexdigest(), path=f"in/{name}")
                for name, text in texts.items()]
    real = kg.extract.extract_article

    def failing(doc, article, **kwargs):  # noqa: ANN001, ANN202
        if article.id == "bad.txt":
            raise RuntimeError("boom")
        return real(doc, article, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_article", failing)

    batch = process_batch(articles, None)

    good, bad = batch.outcomes
    assert good.result is not None and good.error is None
    assert bad.result is None and bad.error == "in/bad.txt: extraction failed (RuntimeError: boom)"
    assert batch.nlp_seconds > 0 and batch.extract_seconds > 0


def build(inputs: list[Path], out: Path, *options: str) -> dict[str, bytes]:
    from kg.cli import main

    assert main(["build", *map(str, inputs), "--out", str(out), "--quiet", *options]) == 0
    return {name: (out / name).read_bytes() for name in COMPARED}


@pytest.mark.slow
def test_worker_processes_give_the_bytes_of_one_process(tmp_path: Path) -> None:
    one = build([SEEDS], tmp_path / "one", "--jobs", "1")
    two = build([SEEDS], tmp_path / "two", "--jobs", "2", "--batch-size", "1")

    assert two == one


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_bytes_of_the_local_engine(tmp_path: Path, shared_dir: Path) -> None:
    pytest.importorskip("distributed", reason="Dask is installed by `make test` (newskg[dask])")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((shared_dir / "corpus").rglob("*.txt"))[:200]:
        shutil.copy(path, corpus / path.name)

    local = build([SEEDS, corpus], tmp_path / "local", "--jobs", "2", "--batch-size", "16")
    dask = build([SEEDS, corpus], tmp_path / "dask", "--engine", "dask", "--jobs", "2", "--batch-size", "16")

    assert [name for name in COMPARED if dask[name] != local[name]] == []
    assert b"article/000-838c28f78ec84cb6-txt" in local["graph.trig"]  # the seeds are in
    assert local["graph.trig"].count(b"a schema:NewsArticle") >= 150


@pytest.mark.parametrize("options", [["--jobs", "0"], ["--batch-size", "0"], ["--scheduler", "tcp://127.0.0.1:1"]])
def test_kg_build_refuses_bad_engine_options_in_one_line(tmp_path: Path, options: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    status = main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet", *options])

    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.startswith("kg: error: ") and "\n" not in err
    assert not (tmp_path / "out" / "graph.ttl").exists()
