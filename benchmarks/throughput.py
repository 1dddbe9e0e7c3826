"""Benchmark build throughput and memory against spaCy alone, on real news text.

The corpus is the articles of ``../shared/corpus/`` (read as ``kg build`` reads them),
repeated to the size wanted; every copy gets its own file and a last line of its own
("Copy 3."), so that no copy is skipped as a duplicate. In one run, on the same corpus, it
measures, each in a fresh process (so that each peak RSS is its own):

- ``nlp``: spaCy's ``nlp.pipe`` alone, with the pipeline ``kg build`` loads (same model, same
  components, same batch size), over every text, on 1 process and on ``--jobs`` processes
  (``n_process``);
- ``build``: ``kg build`` end to end (read, parse, extract, resolve, graph, SHACL validation,
  exports, store), with ``--jobs 1`` and ``--jobs N``;

and prints words/s for each, the ratio build/nlp at equal processes, the speed-up of
``--jobs N`` over ``--jobs 1``, peak RSS (the build process and, apart, its largest worker)
from the standard library's ``resource`` module, and the build's seconds per stage.

Run (from the project root)::

    .venv/bin/python benchmarks/throughput.py                      # 1,000 articles, 1 and 2 jobs
    .venv/bin/python benchmarks/throughput.py --articles 1000 10000 --jobs 2 --only build
    .venv/bin/python benchmarks/throughput.py --articles 300 --batch-sizes 8 32 128 --only nlp

This is a benchmark, not a test: it asserts nothing but that every run succeeds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def make_corpus(source: Path, count: int, folder: Path) -> int:
    """Write ``count`` articles into ``folder``, cycling over ``source``; return their words."""
    from kg.ingest import find_article_files, read_articles

    errors: list[str] = []
    texts = [a.text for a in read_articles(find_article_files([source]), errors)]
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(count):
        text = texts[i % len(texts)].rstrip("\n") + f"\n\nCopy {i // len(texts) + 1}.\n"
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    to_mb = 1 / 1024  # ru_maxrss is in KB on Linux
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * to_mb,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * to_mb}


def child_nlp(folder: Path, processes: int, batch_size: int, model: str | None) -> dict:
    """spaCy alone: load the pipeline as ``kg build`` does and ``nlp.pipe`` the texts."""
    from kg.ingest import find_article_files, read_articles
    from kg.nlp import load_pipeline

    errors: list[str] = []
    texts = [a.text for a in read_articles(find_article_files([folder]), errors)]
    started = time.perf_counter()  # model loading counts here as in kg build
    nlp = load_pipeline(model)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes))
    return {"seconds": time.perf_counter() - started, "tokens": tokens, "rss": peak_rss_mb()}


def child_build(folder: Path, jobs: int, batch_size: int, model: str | None, out: Path) -> dict:
    """``kg build`` end to end, as the CLI runs it (model loading included, like spaCy's)."""
    from kg.pipeline import update

    started = time.perf_counter()
    report = update([folder], out, fresh=True, model=model, jobs=jobs, batch_size=batch_size)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": report.articles, "stages": report.stages, "rss": peak_rss_mb(),
            "errors": len(report.errors)}


def run_child(*args: str) -> dict:
    """Run one measurement in a fresh interpreter and return what it printed (JSON)."""
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"measurement {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel runs (default 2)")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[32], help="spaCy batch sizes (default 32)")
    parser.add_argument("--only", choices=("nlp", "build"), help="measure only spaCy alone or only kg build")
    parser.add_argument("--single", action="store_true", help="skip the 1-process runs")
    parser.add_argument("--model", help="spaCy pipeline (default as kg build)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"source articles (default {CORPUS})")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, folder, processes, batch_size, *rest = args.child
        if kind == "nlp":
            result = child_nlp(Path(folder), int(processes), int(batch_size), args.model)
        else:
            result = child_build(Path(folder), int(processes), int(batch_size), args.model, Path(rest[0]))
        print(json.dumps(result))  # noqa: T201
        return 0

    process_counts = [args.jobs] if args.single or args.jobs == 1 else [1, args.jobs]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-throughput-") as tmp:
        for count in args.articles:
            folder = Path(tmp) / f"corpus-{count}"
            words = make_corpus(args.corpus, count, folder)
            print(f"\n{count} articles, {words:,} words (from {args.corpus})", flush=True)  # noqa: T201
            for batch_size in args.batch_sizes:
                found: dict[tuple[str, int], dict] = {}
                for processes in process_counts:
                    for kind in ("nlp", "build"):
                        if args.only and kind != args.only:
                            continue
                        extra = [str(Path(tmp) / f"out-{count}-{processes}-{batch_size}")] if kind == "build" else []
                        result = run_child(kind, str(folder), str(processes), str(batch_size), *extra)
                        found[(kind, processes)] = result
                        rate = words / result["seconds"]
                        rss = result["rss"]
                        print(f"  {kind:5} processes={processes} batch={batch_size}: {result['seconds']:7.1f} s  "  # noqa: T201
                              f"{rate:8,.0f} words/s  peak RSS {rss['self']:6.0f} MB"
                              f" (largest worker {rss['children']:.0f} MB)", flush=True)
                        if kind == "build":
                            stages = ", ".join(f"{k} {v:.1f}" for k, v in result["stages"].items())
                            print(f"        stages (s): {stages}", flush=True)  # noqa: T201
                        rows.append({"articles": count, "words": words, "kind": kind, "processes": processes,
                                     "batch_size": batch_size, **result})
                for processes in process_counts:
                    if ("nlp", processes) in found and ("build", processes) in found:
                        ratio = found[("nlp", processes)]["seconds"] / found[("build", processes)]["seconds"]
                        print(f"  ratio build/nlp words/s at {processes} process(es): {ratio:.2f}")  # noqa: T201
                for kind in ("nlp", "build"):
                    if (kind, 1) in found and (kind, args.jobs) in found and args.jobs > 1:
                        speedup = found[(kind, 1)]["seconds"] / found[(kind, args.jobs)]["seconds"]
                        print(f"  {kind} speed-up {args.jobs} processes over 1: {speedup:.2f}x")  # noqa: T201
    print("\n" + json.dumps(rows))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
