"""The pipeline wired end to end: files → articles → docs → facts → entities → dataset.

:func:`run` returns a :class:`BuildReport` with the dataset and what happened; the CLI
prints it. ``kg.build`` and ``kg.export`` are the short forms for library users.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import ingest
from kg.errors import KGError, ValidationError
from kg.model import ArticleResult
from kg.resolve import Resolved, resolve

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


def run(paths: Iterable[str | Path], *, model: str | None = None, base: str | None = None,
        validate: bool = True, progress: Progress | None = None, batch_size: int = 32) -> BuildReport:
    """Build the knowledge graph of the articles under ``paths``.

    Args:
        paths: article files and folders.
        model: a spaCy pipeline name; the default English model when None.
        base: the namespace instance IRIs are minted under.
        validate: check the result against ``ontology/shapes.ttl``.
        progress: called after each article with (done, total).
        batch_size: articles per spaCy batch.

    Raises:
        InputError: no article could be found.
        ModelError: no usable spaCy pipeline.
        ValidationError: the graph breaks a SHACL shape (a bug: the report says where).
    """
    from kg.extract import extract_article
    from kg.graph.build import DEFAULT_BASE, build_dataset, count_by_type
    from kg.lexicons import load_lexicon
    from kg.nlp import load_pipeline, model_label

    started = time.perf_counter()
    files = ingest.find_article_files(paths)
    errors: list[str] = []
    articles = list(ingest.read_articles(files, errors))
    nlp = load_pipeline(model)
    lexicon = load_lexicon()
    results: list[ArticleResult] = []
    texts = ((a.text, a) for a in articles)
    for done, (doc, article) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=batch_size), 1):
        try:
            results.append(extract_article(doc, article, lexicon=lexicon))
        except KGError as e:
            errors.append(f"{article.path}: {e}")
        except Exception as e:  # one article's failure must not lose the others
            log.debug("extraction failed", exc_info=True)
            errors.append(f"{article.path}: extraction failed ({type(e).__name__}: {e})")
        if progress:
            progress(done, len(articles))
    resolved = resolve(results)
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
        seconds=time.perf_counter() - started, model=model_label(nlp),
    )


def build(paths: Iterable[str | Path], **options: object) -> Dataset:
    """Build and return the dataset of the articles under ``paths`` (see :func:`run`)."""
    return run(paths, **options).dataset  # type: ignore[arg-type]
