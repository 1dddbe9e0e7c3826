"""The pipeline wired end to end: files → articles → docs → facts → entities → dataset.

:func:`run` returns a :class:`BuildReport` with the dataset and what happened; the CLI
prints it. ``kg.build`` and ``kg.export`` are the short forms for library users.

:func:`update` is the incremental build behind ``kg build``: it reads what earlier builds
left in the output folder (``kg.state``), parses only new and changed articles, keeps every
entity's key, and writes the exports, the embedded store (``OUT/store/``) and the new state.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import ingest
from kg.engine import DEFAULT_BATCH_SIZE
from kg.errors import UsageError, ValidationError
from kg.graph.build import DEFAULT_BASE
from kg.model import Article, ArticleResult
from kg.resolve import Resolved, resolve
from kg.state import BuildState, ResultFiles

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass
class BuildReport:
    """What a build produced and met on the way: the resolved articles and entities, and the
    graph made of them (:attr:`dataset`).

    ``stages`` holds the seconds per stage (read, parse and extract, resolve, graph,
    validate, then export, store and state once written), plus the parse and extract
    seconds the workers reported (summed over workers). When validation runs beside the
    exports (``update``), "validate" is its own time and "validate (waited for)" the time
    the build waited for it after writing the exports.
    """

    resolved: Resolved
    articles: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    model: str = ""
    extracted: int = 0
    reused: int = 0
    replaced: tuple[str, ...] = ()
    state: BuildState | None = field(default=None, repr=False)
    written: list[Path] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    base: str = DEFAULT_BASE  # the namespace instance IRIs are minted under
    _dataset: Dataset | None = field(default=None, repr=False)
    _facts_by_kind: dict[str, int] | None = field(default=None, repr=False)

    @property
    def facts_by_kind(self) -> dict[str, int]:
        """How many facts of each kind (counted as the graph is written, or on first use)."""
        if self._facts_by_kind is None:
            self._facts_by_kind = count_facts(self.resolved.articles)
        return self._facts_by_kind

    @facts_by_kind.setter
    def facts_by_kind(self, counts: dict[str, int]) -> None:
        self._facts_by_kind = counts

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib dataset, built on first use: a named graph per article and
        their union as the default graph (``kg build`` writes its store without it)."""
        if self._dataset is None:
            from kg.graph.build import build_dataset

            self._dataset = build_dataset(self.resolved, base=self.base)
        return self._dataset


def run(paths: Iterable[str | Path], *, model: str | None = None, base: str | None = None,
        validate: bool = True, progress: Progress | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
        previous: BuildState | None = None, engine: str = "local", jobs: int | None = None,
        scheduler: str | None = None, spill: ResultFiles | None = None) -> BuildReport:
    """Build the knowledge graph of the articles under ``paths``.

    Args:
        paths: article files and folders.
        model: a spaCy pipeline name; the default English model when None.
        base: the namespace instance IRIs are minted under.
        validate: check the result against ``ontology/shapes.ttl``.
        progress: called after each parsed batch with (articles done, total to parse).
        batch_size: articles per spaCy batch and per task sent to a worker.
        previous: what earlier builds left (``kg.state.load_state``). Its articles stay in
            the build; an input with the same id and text is not parsed again, one with the
            same id and new text replaces it; entities keep the keys minted before. Results
            made with another extraction fingerprint are parsed again from their stored text.
        engine, jobs, scheduler: where the per-article stage runs (``kg.engine``): ``local``
            on ``jobs`` processes (all cores by default), or ``dask`` at ``scheduler`` (a local
            cluster of ``jobs`` workers when None). The output is the same on every engine.
        spill: where new extraction results go as they arrive, rather than into memory
            (:func:`update` passes one in the build folder's state); the report then reads
            every result from the files, one at a time.

    Raises:
        InputError: no article could be found.
        ModelError: no usable spaCy pipeline.
        UsageError: a bad engine option, or a Dask scheduler that cannot be reached.
        ValidationError: the graph breaks a SHACL shape (a bug: the report says where).
    """
    from kg.graph.build import count_by_type

    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    stages = Stopwatch()
    with stages("read"):
        files = ingest.find_article_files(paths)
        errors: list[str] = []
        articles = list(ingest.read_articles(files, errors))
    fingerprint = extraction_fingerprint(model)
    previous = previous or BuildState()
    fresh = previous.fingerprint == fingerprint
    kept = previous.results if fresh else {}
    if previous.results and not fresh:
        log.info("extraction changed since the last build: parsing its %d article(s) again", len(previous.results))
    kept_hashes = {article_id: r.article.sha256 for article_id, r in kept.items()}
    by_hash = {sha256: article_id for article_id, sha256 in kept_hashes.items()}
    todo: dict[str, Article] = {}
    reused, replaced = 0, []
    for article in articles:
        old = kept_hashes.get(article.id)
        if old == article.sha256:
            reused += 1
            continue
        if by_hash.get(article.sha256, article.id) != article.id:
            log.info("%s: same text as %s, already in the build; skipped", article.path, by_hash[article.sha256])
            continue
        if article.id in todo:
            log.warning("%s: another input file is also named %s; the later one is kept", article.path, article.id)
        if old is not None:
            replaced.append(article.id)
        todo[article.id] = article
    if not fresh:
        for article_id, result in sorted(previous.results.items()):
            todo.setdefault(article_id, result.article)

    extracted: dict[str, ArticleResult] | ResultFiles = spill if spill is not None else {}
    with stages("parse and extract"):
        model_name = _extract(list(todo.values()), extracted, model=model, progress=progress, batch_size=batch_size,
                              errors=errors, stages=stages, engine=engine, jobs=jobs, scheduler=scheduler)
    results = (extracted.including(kept) if isinstance(extracted, ResultFiles)
               else dict(sorted({**kept, **extracted}.items())))
    with stages("resolve"):
        resolved = resolve(results, minted=previous.minted)
    report = BuildReport(
        resolved=resolved, base=base or DEFAULT_BASE, articles=len(resolved.articles),
        entities_by_type=count_by_type(resolved.entities.values()), errors=errors,
        seconds=time.perf_counter() - started, model=model_name,
        extracted=len(extracted), reused=reused, replaced=tuple(r for r in replaced if r in extracted),
        state=BuildState(results=results, minted=resolved.minted, fingerprint=fingerprint),
        stages=stages.seconds,
    )
    if validate:
        from kg.graph.build import merged_graph
        from kg.graph.validate import format_violations
        from kg.graph.validate import validate as shacl

        with stages("graph"):
            dataset = report.dataset
        with stages("validate"):
            violations = shacl(merged_graph(dataset))
        if violations:
            raise ValidationError(format_violations(violations))
    return report


class Stopwatch:
    """Seconds spent per stage of a build, in the order the stages first ran.

    ``with stopwatch("resolve"): ...`` times a block; :meth:`add` records time measured
    elsewhere (the parse and extract seconds workers report).
    """

    def __init__(self, seconds: dict[str, float] | None = None) -> None:
        self.seconds = seconds if seconds is not None else {}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started)


def count_facts(articles: Iterable[ArticleResult]) -> dict[str, int]:
    """How many facts of each kind the articles hold."""
    return dict(sorted(Counter(f.kind for r in articles for f in r.facts).items()))


def _extract(articles: list[Article], results: dict[str, ArticleResult] | ResultFiles, *, model: str | None,
             progress: Progress | None, batch_size: int, errors: list[str], stages: Stopwatch, engine: str,
             jobs: int | None, scheduler: str | None) -> str:
    """Parse and extract ``articles`` on an engine into ``results`` (by article id); return
    the pipeline's label.

    Nothing is started (no model loaded, no worker) when there is nothing to parse. The
    workers' own parse and extract seconds are added to ``stages`` (summed over workers, so
    above the wall-clock time when several run at once).
    """
    from kg.engine import batches, make_engine, ordered_map, process_batch

    if not articles:
        return ""
    label, done = "", 0
    runner = make_engine(engine, jobs=jobs, address=scheduler, tasks=-(-len(articles) // batch_size))
    try:
        for batch in ordered_map(runner, process_batch, batches(articles, batch_size), model):
            for outcome in batch.outcomes:
                if outcome.result is not None:
                    results[outcome.article.id] = outcome.result
                else:
                    errors.append(outcome.error or f"{outcome.article.path}: not extracted")
            label = batch.model
            stages.add("nlp (workers)", batch.nlp_seconds)
            stages.add("extract (workers)", batch.extract_seconds)
            done += len(batch.outcomes)
            if progress:
                progress(done, len(articles))
    finally:
        runner.close()
    return label


def extraction_fingerprint(model: str | None = None) -> str:
    """What extraction results depend on: the spaCy pipeline and the extraction code.

    Stored with each build's state; results made under another fingerprint are stale.
    """
    from kg.nlp import resolve_model_name
    from kg.state import source_digest

    name = resolve_model_name(model)
    try:
        version = importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        meta = Path(name) / "meta.json"
        version = "sha256:" + hashlib.sha256(meta.read_bytes()).hexdigest()[:16] if meta.is_file() else "?"
    root = Path(__file__).parent
    code = source_digest(root / "extract", root / "lexicons", root / "nlp.py", root / "ingest.py",
                         root / "model.py")
    return f"{name}=={version} code:{code}"


def update(paths: Iterable[str | Path], out_dir: str | Path, *, fresh: bool = False,
           **options: object) -> BuildReport:
    """Build the articles under ``paths`` into ``out_dir``, adding to what is already there.

    Reads the state earlier builds left in ``out_dir`` (ignored when ``fresh``), runs
    :func:`run` with it and, when the build holds at least one article, writes the exports,
    the embedded store and the new state (see :func:`write_build`); ``report.written`` lists
    what was written. Two builds into one folder never run at once (the second fails).

    SHACL validation (``validate``, as :func:`run`) runs here while the exports are written,
    in a second process when there are cores for it; the exports replace the previous ones
    only once the graph conforms.

    Raises:
        InputError: no article could be found, the folder is being built by another process,
            or its state is unreadable.
        ModelError, ValidationError: as :func:`run` (the folder is left as it was).
    """
    from kg.state import load_state, locked, state_dir

    validate = bool(options.pop("validate", True))
    files = ingest.find_article_files(paths)  # fails before the output folder is touched
    with locked(out_dir):
        previous = BuildState() if fresh else load_state(out_dir)
        spill = ResultFiles.spilling_into(state_dir(out_dir))
        try:
            report = run(files, previous=previous, validate=False, spill=spill, **options)  # type: ignore[arg-type]
            if report.articles:
                report.written = write_build(report, out_dir, validate=validate)
        finally:
            spill.remove_spill()  # empty once the state is saved; else the build failed
    return report


def _remove_stale_temporaries(out: Path) -> None:
    """Remove the ``.<file>.*.tmp`` files a killed build left (``atomic_write``'s temporaries).

    Called with the folder's build lock held, so no other build is writing them. In ``out``
    only those of the exports are touched; the state folders are the build's own.
    """
    from kg.export import EXPORTERS
    from kg.state import ARTICLES_DIR, state_dir

    stale = [p for name in EXPORTERS for p in out.glob(f".{name}.*.tmp")]
    for folder in (state_dir(out), state_dir(out) / ARTICLES_DIR):
        stale.extend(folder.glob(".*.tmp"))
    for path in stale:
        if path.is_file():
            log.info("%s: removing a temporary file an interrupted build left", path)
            path.unlink(missing_ok=True)


def write_build(report: BuildReport, out_dir: str | Path, *, validate: bool = True,
                shapes: Path | None = None) -> list[Path]:
    """Write a build into ``out_dir``: the store (when its data changed), the exports, the state.

    Article by article, the graph goes into a new on-disk store (``kg.store.StagedStore``)
    and, with ``validate``, to SHACL validation against ``ontology/shapes.ttl`` (or
    ``shapes``) in a child process; the exports are then written from the store to temporary
    files. They are put in place only when the graph conforms, else they and the new store
    are removed and ValidationError is raised, leaving the folder as it was.

    The new store replaces ``out_dir/store`` only when the TriG written from it differs from
    the one the old store was built with, so re-running a build changes no byte anywhere.
    """
    from kg.export import StagedExports
    from kg.export.source import GraphSource
    from kg.export.tables import RowSpool
    from kg.graph.build import IRIs, article_graph
    from kg.graph.quads import article_quads
    from kg.graph.validate import BackgroundValidation, Violation, format_violations
    from kg.state import read_store_digest, save_state, write_store_digest
    from kg.store import STORE_DIR, StagedStore, is_store

    out = Path(out_dir)
    stages = Stopwatch(report.stages)  # the build's own stages go on in its report
    _remove_stale_temporaries(out)
    validation = BackgroundValidation(shapes=shapes) if validate else None
    store = StagedStore(out / STORE_DIR)
    rows = RowSpool()  # the tables' rows, made from each article's graph while it is at hand
    staged: StagedExports | None = None
    violations: list[Violation] = []
    try:
        with stages("graph"):
            iris = IRIs(report.base, role_labels=report.resolved.role_labels)
            facts: Counter[str] = Counter()
            for result in report.resolved.articles:  # read one at a time
                facts.update(f.kind for f in result.facts)
                graph = article_graph(result, iris)
                rows.add_article(graph)
                named, merged = article_quads(iris.article(result.article.id), graph)
                store.extend(named)
                store.extend(merged)
                if validation is not None:
                    validation.add(merged)
            store.flush()
            if validation is not None:
                validation.flush()
            report.facts_by_kind = dict(sorted(facts.items()))
        with stages("export"):
            staged = StagedExports.write(GraphSource(store.store, rows=rows), out)
        if validation is not None:
            with stages("validate (waited for)"):
                violations, seconds = validation.result()
            stages.add("validate", seconds)
    except BaseException:
        if staged is not None:
            staged.discard()
        store.discard()
        raise
    finally:
        rows.close()
        if validation is not None:
            validation.close()
    assert staged is not None  # written, or the error was raised above
    if violations:
        staged.discard()
        store.discard()
        raise ValidationError(format_violations(violations))
    written = staged.commit()
    with stages("store"):
        with (out / "graph.trig").open("rb") as trig:
            digest = hashlib.file_digest(trig, "sha256").hexdigest()
        if digest != read_store_digest(out) or not is_store(out / STORE_DIR):
            written.append(store.commit())
            write_store_digest(out, digest)
        else:
            store.discard()
    if report.state is not None:
        with stages("state"):
            save_state(out, report.state)
    return written


def build(paths: Iterable[str | Path], **options: object) -> Dataset:
    """Build and return the dataset of the articles under ``paths`` (see :func:`run`)."""
    return run(paths, **options).dataset  # type: ignore[arg-type]
