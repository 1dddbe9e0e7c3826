"""Engines: where the per-article stage (parse with spaCy, then extract) runs.

That stage is nearly all a build's time, and articles are independent of each other, so it is
the part that spreads out. Resolution, graph assembly and export need every article's result
and run once, in the calling process, on the merged results.

- ``local``, one job: in this process.
- ``local``, N jobs: N worker processes (``concurrent.futures``), each loading the model once.
- ``dask``: the workers of a Dask cluster (``dask.distributed``): the scheduler at
  ``address``, or, without one, a local cluster of N single-threaded worker processes.

Articles go out in batches of ``batch_size`` (each worker runs ``nlp.pipe`` over its batch
with that batch size, so every engine parses the very same batches), with at most two batches
per worker in flight, and results come back in input order: memory stays bounded however many
articles there are, and the output is byte-identical whatever the engine.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import KGError, UsageError

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.lexicons import Lexicon
    from kg.model import Article, ArticleResult

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
#: Articles per batch: ``nlp.pipe``'s batch size and the unit of work sent to a worker. Chosen
#: by measurement (benchmarks/throughput.py): larger batches were no faster and took more memory.
DEFAULT_BATCH_SIZE = 32


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Outcome:
    """One article's result, or the one-line error that kept it out of the build."""

    article: Article
    result: ArticleResult | None = None
    error: str | None = None


@dataclass(frozen=True)
class BatchOutcome:
    """A parsed and extracted batch: its outcomes in input order, and where the time went."""

    outcomes: tuple[Outcome, ...]
    model: str
    nlp_seconds: float
    extract_seconds: float


# Each worker process loads a pipeline once and keeps it for every batch it is given.
_PIPELINES: dict[str | None, tuple[Language, Lexicon, str]] = {}


def _pipeline(model: str | None) -> tuple[Language, Lexicon, str]:
    if model not in _PIPELINES:
        from kg.lexicons import load_lexicon
        from kg.nlp import load_pipeline, model_label

        nlp = load_pipeline(model)
        _PIPELINES[model] = (nlp, load_lexicon(), model_label(nlp))
    return _PIPELINES[model]


def process_batch(articles: Sequence[Article], model: str | None) -> BatchOutcome:
    """Parse and extract a batch of articles (the per-article stage, run on a worker).

    A failure inside one article's extraction becomes that article's error; the others go on.

    Raises:
        ModelError: the pipeline cannot be loaded (no article can be parsed).
    """
    from kg.extract import extract_article

    nlp, lexicon, label = _pipeline(model)
    docs = iter(nlp.pipe((a.text for a in articles), batch_size=max(len(articles), 1)))
    outcomes = []
    nlp_seconds = extract_seconds = 0.0
    for article in articles:
        started = time.perf_counter()
        doc = next(docs)
        parsed = time.perf_counter()
        try:
            outcome = Outcome(article, result=extract_article(doc, article, lexicon=lexicon))
        except KGError as e:
            outcome = Outcome(article, error=f"{article.path or article.id}: {e}")
        except Exception as e:  # one article's failure must not lose the others
            log.debug("extraction failed", exc_info=True)
            outcome = Outcome(article, error=f"{article.path or article.id}: extraction failed "
                                             f"({type(e).__name__}: {e})")
        outcomes.append(outcome)
        nlp_seconds += parsed - started
        extract_seconds += time.perf_counter() - parsed
    return BatchOutcome(tuple(outcomes), label, nlp_seconds, extract_seconds)


class _Result(Protocol):
    def result(self) -> Any: ...  # noqa: ANN401 - whatever the task returns


class Engine(Protocol):
    """Runs tasks somewhere; ``workers`` is how many run at once."""

    workers: int

    def submit(self, fn: Callable[..., Any], *args: object) -> _Result: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs each task at once, in this process."""

    workers = 1

    def submit(self, fn: Callable[..., Any], *args: object) -> _Result:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as e:
            future.set_exception(e)
        return future

    def close(self) -> None:
        pass


class ProcessEngine:
    """Worker processes on this machine (started fresh, not forked: spaCy and threads in the
    parent do not survive a fork safely)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, fn: Callable[..., Any], *args: object) -> _Result:
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """The workers of a Dask cluster: at ``address``, or a local cluster of ``workers`` processes."""

    def __init__(self, workers: int, address: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise UsageError("--engine dask needs Dask: pip install 'newskg[dask]'") from e
        self._cluster = None
        if address is None:
            # The scheduler serves HTTP (metrics) even with no dashboard: on a free port, so that
            # a cluster still shutting down, or anything else on 8787, is no clash.
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=":0")
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(address, timeout="30s")
            except OSError as e:
                raise UsageError(f"cannot reach the Dask scheduler at {address} ({e})") from e
        self.workers = max(sum(self._client.nthreads().values()), 1)

    def submit(self, fn: Callable[..., Any], *args: object) -> _Result:
        return self._client.submit(fn, *args, pure=False)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str = "local", *, jobs: int | None = None, address: str | None = None,
                tasks: int | None = None) -> Engine:
    """The engine to run on.

    Args:
        name: ``local`` or ``dask``.
        jobs: worker processes (local engine, or a local Dask cluster); all cores when None.
        address: a Dask scheduler (``tcp://host:8786``); a local cluster when None.
        tasks: how many tasks there will be, when known: a local run with one task (or one
            job) stays in this process, where starting workers would only cost time.
    """
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}; choose {' or '.join(ENGINES)}")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    workers = jobs or default_jobs()
    if name == "dask":
        return DaskEngine(workers, address)
    if address is not None:
        raise UsageError("--scheduler goes with --engine dask")
    workers = min(workers, tasks) if tasks is not None else workers
    return InlineEngine() if workers <= 1 else ProcessEngine(workers)


def ordered_map(engine: Engine, fn: Callable[..., Any], items: Iterable[Any], *args: object) -> Iterator[Any]:
    """``fn(item, *args)`` for each item on ``engine``, yielded in input order.

    At most two tasks per worker are in flight, so a long input is never all in memory.
    """
    pending: deque[_Result] = deque()
    for item in items:
        pending.append(engine.submit(fn, item, *args))
        if len(pending) >= 2 * engine.workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Consecutive slices of ``items``, each ``size`` long but the last."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
