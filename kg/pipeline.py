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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import ingest
from kg.errors import KGError, ValidationError
from kg.model import Article, ArticleResult
from kg.resolve import Resolved, resolve
from kg.state import BuildState

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass
class BuildReport:
    """What a build produced and met on the way."""

    dataset: Dataset
    resolved: Resolved
    articles: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    facts_by_kind: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    model: str = ""
    extracted: int = 0
    reused: int = 0
    replaced: tuple[str, ...] = ()
    state: BuildState | None = field(default=None, repr=False)
    written: list[Path] = field(default_factory=list)


def run(paths: Iterable[str | Path], *, model: str | None = None, base: str | None = None,
        validate: bool = True, progress: Progress | None = None, batch_size: int = 32,
        previous: BuildState | None = None) -> BuildReport:
    """Build the knowledge graph of the articles under ``paths``.

    Args:
        paths: article files and folders.
        model: a spaCy pipeline name; the default English model when None.
        base: the namespace instance IRIs are minted under.
        validate: check the result against ``ontology/shapes.ttl``.
        progress: called after each parsed article with (done, total to parse).
        batch_size: articles per spaCy batch.
        previous: what earlier builds left (``kg.state.load_state``). Its articles stay in
            the build; an input with the same id and text is not parsed again, one with the
            same id and new text replaces it; entities keep the keys minted before. Results
            made with another extraction fingerprint are parsed again from their stored text.

    Raises:
        InputError: no article could be found.
        ModelError: no usable spaCy pipeline.
        ValidationError: the graph breaks a SHACL shape (a bug: the report says where).
    """
    from kg.graph.build import DEFAULT_BASE, build_dataset, count_by_type

    started = time.perf_counter()
    files = ingest.find_article_files(paths)
    errors: list[str] = []
    articles = list(ingest.read_articles(files, errors))
    fingerprint = extraction_fingerprint(model)
    previous = previous or BuildState()
    fresh = previous.fingerprint == fingerprint
    kept = dict(previous.results) if fresh else {}
    if previous.results and not fresh:
        log.info("extraction changed since the last build: parsing its %d article(s) again", len(previous.results))
    by_hash = {r.article.sha256: article_id for article_id, r in kept.items()}
    todo: dict[str, Article] = {}
    reused, replaced = 0, []
    for article in articles:
        old = kept.get(article.id)
        if old is not None and old.article.sha256 == article.sha256:
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

    extracted, model_name = _extract(list(todo.values()), model=model, progress=progress,
                                     batch_size=batch_size, errors=errors)
    results = {**kept, **extracted}
    resolved = resolve(results.values(), minted=previous.minted)
    dataset = build_dataset(resolved, base=base or DEFAULT_BASE)
    if validate:
        from kg.graph.build import merged_graph
        from kg.graph.validate import format_violations
        from kg.graph.validate import validate as shacl

        violations = shacl(merged_graph(dataset))
        if violations:
            raise ValidationError(format_violations(violations))
    facts = Counter(f.kind for r in resolved.articles for f in r.facts)
    return BuildReport(
        dataset=dataset, resolved=resolved, articles=len(resolved.articles),
        entities_by_type=count_by_type(resolved.entities.values()),
        facts_by_kind=dict(sorted(facts.items())), errors=errors,
        seconds=time.perf_counter() - started, model=model_name,
        extracted=len(extracted), reused=reused, replaced=tuple(r for r in replaced if r in extracted),
        state=BuildState(results=dict(sorted(results.items())), minted=resolved.minted, fingerprint=fingerprint),
    )


def _extract(articles: list[Article], *, model: str | None, progress: Progress | None, batch_size: int,
             errors: list[str]) -> tuple[dict[str, ArticleResult], str]:
    """Parse and extract ``articles``; the results by article id, and the pipeline's label.

    The spaCy pipeline is loaded only when there is something to parse.
    """
    if not articles:
        return {}, ""
    from kg.extract import extract_article
    from kg.lexicons import load_lexicon
    from kg.nlp import load_pipeline, model_label

    nlp = load_pipeline(model)
    lexicon = load_lexicon()
    results: dict[str, ArticleResult] = {}
    texts = ((a.text, a) for a in articles)
    for done, (doc, article) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=batch_size), 1):
        try:
            results[article.id] = extract_article(doc, article, lexicon=lexicon)
        except KGError as e:
            errors.append(f"{article.path}: {e}")
        except Exception as e:  # one article's failure must not lose the others
            log.debug("extraction failed", exc_info=True)
            errors.append(f"{article.path}: extraction failed ({type(e).__name__}: {e})")
        if progress:
            progress(done, len(articles))
    return results, model_label(nlp)


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

    Raises:
        InputError: no article could be found, the folder is being built by another process,
            or its state is unreadable.
        ModelError, ValidationError: as :func:`run`.
    """
    from kg.state import load_state, locked

    files = ingest.find_article_files(paths)  # fails before the output folder is touched
    with locked(out_dir):
        previous = BuildState() if fresh else load_state(out_dir)
        report = run(files, previous=previous, **options)  # type: ignore[arg-type]
        if report.articles:
            report.written = write_build(report, out_dir)
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


def write_build(report: BuildReport, out_dir: str | Path) -> list[Path]:
    """Write a build into ``out_dir``: the exports, the store (when its data changed), the state.

    The store (``out_dir/store``) is loaded from the TriG export just written, so the two
    always hold the same quads; it is rebuilt only when that TriG differs from the one it was
    last loaded from, so re-running a build changes no byte anywhere.
    """
    from kg.export import export
    from kg.state import read_store_digest, save_state, write_store_digest
    from kg.store import STORE_DIR, is_store, write_store

    out = Path(out_dir)
    _remove_stale_temporaries(out)
    written = export(report.dataset, out)
    trig = (out / "graph.trig").read_bytes()
    digest = hashlib.sha256(trig).hexdigest()
    store = out / STORE_DIR
    if digest != read_store_digest(out) or not is_store(store):
        write_store(trig, store)
        write_store_digest(out, digest)
        written.append(store)
    if report.state is not None:
        save_state(out, report.state)
    return written


def build(paths: Iterable[str | Path], **options: object) -> Dataset:
    """Build and return the dataset of the articles under ``paths`` (see :func:`run`)."""
    return run(paths, **options).dataset  # type: ignore[arg-type]
