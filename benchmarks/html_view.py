"""Benchmark the HTML view: time-to-interactive of synthetic graphs in headless Chromium.

For each size, a synthetic corpus is made of hand-written ``kg.model`` records (people,
organisations and places; about 1.5 facts linking two entities per entity: criticisms, support
and posts in organisations; plus some posts without organisation and quotes), built with
``kg.graph.build.build_dataset`` and rendered with ``kg.export.html.to_html``. Each page is then
opened from disk in headless Chromium (Playwright) several times.

Time-to-interactive is the wall-clock time from ``page.goto`` until the page sets
``window.__kgReady`` (vis-network reported ``stabilizationIterationsDone`` and physics was turned
off); the page's own ``__kgReady`` value (``performance.now()`` at that moment, i.e. since
navigation start) is printed beside it.

Run (from the project root; Chromium from Debian: ``apt-get install chromium``)::

    .venv/bin/python benchmarks/html_view.py                 # 200 and 2,000 nodes, 3 runs each
    .venv/bin/python benchmarks/html_view.py --sizes 500 --runs 5 --keep /tmp/pages

This is a benchmark, not a test: it asserts nothing but that each page becomes ready.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from kg.export.html import count_view_elements, to_html
from kg.graph.build import build_dataset
from kg.model import Article, ArticleResult, Entity, EntityType, Evidence, Fact
from kg.resolve import Resolved, slugify

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vel", "dor", "ui", "ne", "sa", "bri", "om", "tul", "ve", "an", "zo")
CRITICISM = ("criticises", "accuses", "blames", "condemns", "denounces", "mocks", "insults", "rejects",
             "demandsActionAgainst")
SUPPORT = ("supports", "praises", "endorses", "defends")
TITLES = ("Chair", "Minister", "Spokesperson", "Treasurer", "Director", "Leader", "Secretary")
ARTICLE_SIZE = 20  # facts per synthetic article


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_resolved(n_nodes: int, *, edges_per_node: float = 1.5, seed: int = 0) -> Resolved:
    """A resolved corpus of ``n_nodes`` entities and about ``edges_per_node * n_nodes`` edge facts.

    Args:
        n_nodes: entities (60 % people, 30 % organisations, 10 % places).
        edges_per_node: facts linking two entities per entity (half criticisms, a fifth support,
            the rest posts in an organisation or place).
        seed: the random seed; the same arguments give the same corpus.
    """
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    by_type: dict[str, list[str]] = {"Person": [], "Organization": [], "Place": []}
    for i in range(n_nodes):
        type_: EntityType = "Person" if i % 10 < 6 else "Organization" if i % 10 < 9 else "Place"
        if type_ == "Person":
            first, last = _word(rng, 2), _word(rng, 3)
            name, aliases = f"{first} {last} {i}", (f"{last} {i}",)
        else:
            name, aliases = f"{_word(rng, 3)} {'Union' if type_ == 'Organization' else 'Vale'} {i}", ()
        key = f"{type_.lower()}/{slugify(name)}"
        entities[key] = Entity(key, type_, name, aliases)
        by_type[type_].append(key)
    people, groups = by_type["Person"], by_type["Organization"] + by_type["Place"]
    keys = sorted(entities)

    specs: list[tuple[str, str, str | None, str | None]] = []  # (kind, subject, object, predicate)
    for _ in range(round(n_nodes * edges_per_node)):
        draw = rng.random()
        if draw < 0.5:
            specs.append(("criticises", rng.choice(people), rng.choice(keys), rng.choice(CRITICISM)))
        elif draw < 0.7:
            specs.append(("supports", rng.choice(people), rng.choice(keys), rng.choice(SUPPORT)))
        else:
            specs.append(("role", rng.choice(people), rng.choice(groups), None))
    for person in people[: len(people) // 5]:
        specs.append(("role", person, None, None))  # a post with no organisation
        specs.append(("quote", person, None, None))

    articles = []
    for a, start in enumerate(range(0, len(specs), ARTICLE_SIZE)):
        chunk = specs[start:start + ARTICLE_SIZE]
        sentences = []
        for kind, subject, obj, _ in chunk:
            target = entities[obj].name if obj else "the council"
            sentences.append(f"{entities[subject].name} {kind} {target} in a statement on day {len(sentences)}.")
        text = f"Synthetic article {a}\n\n" + " ".join(sentences)
        article = Article(id=f"synthetic-{a:05d}.txt", text=text, sha256=f"{a:064x}", title=f"Synthetic article {a}")
        facts, seen = [], set()
        offset = text.index("\n\n") + 2
        for (kind, subject, obj, predicate), sentence in zip(chunk, sentences, strict=True):
            evidence = Evidence(article.id, sentence, offset, offset + len(sentence))
            offset += len(sentence) + 1
            seen.update(k for k in (subject, obj) if k)
            if kind == "role":
                year = 2000 + rng.randrange(24)
                facts.append(Fact("role", subject, evidence, "roles.v1", object=obj, role=rng.choice(TITLES),
                                  status=rng.choice(("current", "former")), start=str(year),
                                  end=str(year + 3) if rng.random() < 0.5 else None, confidence=0.8))
            elif kind == "quote":
                facts.append(Fact("quote", subject, evidence, "quotes.v1", text=f"We said so on day {a}.",
                                  confidence=0.9))
            else:
                facts.append(Fact(kind, subject, evidence, "interactions.v1", object=obj,  # type: ignore[arg-type]
                                  predicate=predicate, confidence=0.7))
        articles.append(ArticleResult(article, tuple(entities[k] for k in sorted(seen)), tuple(facts)))
    # Entities no fact names still need an article that mentions them.
    named = {k for r in articles for k in (e.key for e in r.entities)}
    lonely = tuple(entities[k] for k in keys if k not in named)
    if lonely:
        article = Article(id="synthetic-lonely.txt", text="Others.", sha256="f" * 64)
        articles.append(ArticleResult(article, lonely, ()))
    return Resolved(entities=entities, articles=tuple(articles))


def measure(html_file: Path, browser: object, runs: int) -> list[tuple[float, float]]:
    """Open ``html_file`` ``runs`` times; (wall seconds to ready, page's own __kgReady ms) each time."""
    timings = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(html_file.as_uri())
        page.wait_for_function("() => window.__kgReady !== undefined", timeout=300_000, polling=10)
        wall = time.perf_counter() - started
        in_page = float(page.evaluate("window.__kgReady"))
        if errors or page.evaluate("kgView.physicsEnabled()"):
            raise RuntimeError(f"{html_file}: page errors {errors} or physics still on")
        timings.append((wall, in_page))
        context.close()
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000], help="entity counts (default 200 2000)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size (default 3)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser binary (default {CHROMIUM})")
    parser.add_argument("--keep", type=Path, help="write the pages here instead of a temporary folder")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for size in args.sizes:
            dataset = build_dataset(synthetic_resolved(size))
            started = time.perf_counter()
            page = to_html(dataset)
            render = time.perf_counter() - started
            nodes, edges = count_view_elements(dataset)
            path = out / f"graph-{size}.html"
            path.write_bytes(page)
            timings = measure(path, browser, args.runs)
            walls = [w for w, _ in timings]
            rows.append((size, nodes, edges, len(page) / 1024, render, statistics.median(walls), min(walls),
                         max(walls), statistics.median(p for _, p in timings)))
        browser.close()
    header = ("size", "nodes", "edges", "page KiB", "to_html s", "TTI median s", "TTI min s", "TTI max s",
              "__kgReady median ms")
    lines = [" | ".join(header), " | ".join("-" * len(h) for h in header)]
    for size, nodes, edges, kib, render, med, lo, hi, ready in rows:
        lines.append(f"{size} | {nodes} | {edges} | {kib:.0f} | {render:.2f} | {med:.2f} | {lo:.2f} | {hi:.2f} "
                     f"| {ready:.0f}")
    lines.append(f"({args.runs} runs each; Chromium {args.chromium}, headless, 1280x800)")
    print("\n".join(lines))  # noqa: T201 - a script: the table is its output
    return 0


if __name__ == "__main__":
    sys.exit(main())
