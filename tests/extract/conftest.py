"""Run the extractors over a sentence of the test's own and read the facts by entity name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Extracted:
    """Entities by name and facts with names instead of keys."""

    entities: dict[str, tuple[str, tuple[str, ...]]]  # name → (type, aliases)
    roles: list[tuple[str, str, str | None, str, str | None, str | None]]
    memberships: list[tuple[str, str]]
    interactions: list[tuple[str, str, str, str | None]]
    quotes: list[tuple[str, str]]


@pytest.fixture(scope="session")
def extract(nlp):
    """A function: text → :class:`Extracted`, through the real pipeline and extractors."""
    from kg.extract import extract_article
    from kg.model import Article

    def run(text: str) -> Extracted:
        article = Article("test.txt", text, hashlib.sha256(text.encode()).hexdigest())
        result = extract_article(nlp(text), article)
        names = {e.key: e.name for e in result.entities}
        roles, memberships, interactions, quotes = [], [], [], []
        for f in result.facts:
            if f.kind == "role":
                roles.append((names[f.subject], f.role, names.get(f.object or ""), f.status, f.start, f.end))
            elif f.kind == "membership":
                memberships.append((names[f.subject], names[f.object]))
            elif f.kind in {"criticises", "supports"}:
                interactions.append((names[f.subject], names[f.object], f.kind, f.predicate))
            elif f.kind == "quote":
                quotes.append((names[f.subject], f.text))
        return Extracted({e.name: (e.type, e.aliases) for e in result.entities},
                         roles, memberships, interactions, quotes)

    return run
