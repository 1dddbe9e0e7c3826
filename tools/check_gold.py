"""Check a gold file against the articles it annotates, for people writing gold by hand.

``kg eval`` already refuses a malformed gold file; this also reads each article and reports
what a careless annotation gets wrong: a document that is not in the folder, an entity none of
whose names the text writes, evidence that is not copied exactly, a quote whose first words are
not in the text. Whitespace and curly quotes are compared loosely; case too, for names only.

Usage (from the repository root)::

    python tools/check_gold.py GOLD.jsonl ARTICLES_DIR

Prints one line per problem (``GOLD.jsonl:LINE: doc: problem``) and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kg.errors import GoldError
from kg.evaluate import load_gold

_QUOTE_FORMS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _loose(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_FORMS)).strip()


def check(gold_path: Path, articles: Path) -> list[str]:
    try:
        docs = load_gold(gold_path)
    except GoldError as e:
        return [str(e)]
    problems: list[str] = []
    for doc in docs:
        where = f"{gold_path}:{doc.line}: {doc.doc}"
        path = articles / doc.doc
        try:
            text = _loose(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            problems.append(f"{where}: cannot read the article: {e}")
            continue
        lowered = text.lower()
        for entity in doc.entities:
            # Names and aliases are shared across documents, so one written form is enough.
            forms = (entity.name, *entity.aliases)
            if not any(_loose(form).lower() in lowered for form in forms):
                problems.append(f"{where}: entity {entity.id}: no name or alias is in the text")
        facts = (*doc.roles, *doc.memberships, *doc.criticisms, *doc.supports)
        for fact in facts:
            if fact.evidence and _loose(fact.evidence) not in text:
                problems.append(f"{where}: evidence not copied exactly: {fact.evidence[:60]!r}")
        for quote in doc.quotes:
            if _loose(quote.starts) not in text:
                problems.append(f"{where}: quote start not in the text: {quote.starts!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("articles", type=Path)
    args = parser.parse_args()
    problems = check(args.gold, args.articles)
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
