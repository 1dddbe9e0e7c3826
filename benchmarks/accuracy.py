"""Benchmark extraction quality: build each gold set's articles and score them with ``kg eval``.

The gold sets (``benchmarks/gold/``, in the format of ``../shared/gold/GUIDELINE.md``):

- ``seeds``: the two seed articles and ``../shared/gold/seeds.jsonl``;
- ``bbc-dev``, ``bbc-test``: 204 and 170 of the BBC articles of ``../shared/corpus/`` (2004-05),
  annotated by hand; the articles are read from the corpus, never copied here, and the gold
  keeps no evidence sentences (the last 50 of ``bbc-test`` were annotated and scored once
  after the rules they test were written);
- ``outlets-dev``, ``outlets-test``: 16 and 32 articles written for this project in the
  styles of other outlets, countries and years (Guardian, AP, The Hindu, ABC Australia, CBC,
  Deutsche Welle, RTÉ, Politico Europe, Mail & Guardian, Straits Times, NDTV, NPR …), with
  invented people in real institutions (``gold/outlets/``).

Rules were studied against the ``-dev`` sets only; the ``-test`` sets were scored without
reading their misses, to estimate quality on articles never seen.

Run (from the project root)::

    .venv/bin/python benchmarks/accuracy.py                 # every set
    .venv/bin/python benchmarks/accuracy.py bbc-test outlets-test --misses

Prints F1 per fact kind (precision and recall for criticisms) and, with ``--misses``, the
scorer's list of missed and wrong facts. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "benchmarks" / "gold"
SETS = {
    "seeds": (SHARED / "gold" / "seeds.jsonl", SHARED / "seeds"),
    "bbc-dev": (GOLD / "bbc-dev.jsonl", SHARED / "corpus" / "bbc-politics"),
    "bbc-test": (GOLD / "bbc-test.jsonl", SHARED / "corpus" / "bbc-politics"),
    "outlets-dev": (GOLD / "outlets-dev.jsonl", GOLD / "outlets"),
    "outlets-test": (GOLD / "outlets-test.jsonl", GOLD / "outlets"),
}
KINDS = ("persons", "organisations", "roles", "memberships", "criticisms", "supports", "quotes")


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def score(name: str, jobs: int, misses: bool) -> dict:
    """Build the set's articles (only those its gold annotates) and score the graph."""
    gold, articles = SETS[name]
    docs = [json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix=f"kg-accuracy-{name}-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for doc in docs:
            (folder / doc).symlink_to(articles / doc)
        out = Path(tmp) / "out"
        built = kg("build", str(folder), "--out", str(out), "--fresh", "--quiet", "--no-validate", "--jobs", str(jobs))
        if built.returncode != 0:
            raise SystemExit(f"{name}: kg build failed:\n{built.stderr}")
        evaluated = kg("eval", "--gold", str(gold), "--format", "json", str(out / "graph.ttl"))
        if evaluated.returncode != 0:
            raise SystemExit(f"{name}: kg eval failed:\n{evaluated.stderr}")
        report = json.loads(evaluated.stdout)
        if misses:
            shown = kg("eval", "--gold", str(gold), str(out / "graph.ttl"))
            print(f"== {name}\n{shown.stdout}")  # noqa: T201
    return {**report, "articles": len(docs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="SET", help=f"gold sets to score: {', '.join(SETS)} (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="kg build --jobs (default 2)")
    parser.add_argument("--misses", action="store_true", help="print each set's missed and wrong facts")
    args = parser.parse_args()
    if unknown := [name for name in args.sets if name not in SETS]:
        parser.error(f"unknown set(s): {', '.join(unknown)}; choose from {', '.join(SETS)}")
    rows = []
    for name in args.sets or list(SETS):
        report = score(name, args.jobs, args.misses)
        scores = report["scores"]
        crit = scores["criticisms"]
        rows.append([name, str(report["articles"]), *(f"{scores[k]['f1']:.3f}" for k in KINDS),
                     f"{crit['precision']:.3f}/{crit['recall']:.3f}", f"{report['role_org_accuracy']:.3f}"])
    header = ["set", "articles", *KINDS, "crit P/R", "role org"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))  # noqa: T201


if __name__ == "__main__":
    main()
