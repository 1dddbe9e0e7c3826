"""Resolve: one identifier per real-world entity across all articles.

Each article's extractor already merged its own mentions (surnames, typos, honorifics);
here the articles' entities are merged with each other: equal names, a name that is
another's alias (organisations and places), a one-letter slip in a full name, and a lone
surname that only one full-named person in the corpus carries. The canonical name is the
fullest, best-supported form; the key is a slug of it, so IRIs stay stable as articles
are added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from kg.model import ArticleResult, Entity, EntityType, Fact

TYPE_PATHS: dict[EntityType, str] = {"Person": "person", "Organization": "organization", "Place": "place"}


def normalise(name: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of a name, for comparison."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").casefold()
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def slugify(name: str) -> str:
    """A lower-case ASCII slug of letters, digits and hyphens; never empty."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return slug or "x-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Resolved:
    """The corpus after resolution: global entities by key, and articles re-keyed to them."""

    entities: dict[str, Entity]
    articles: tuple[ArticleResult, ...]


class _Group:
    """Local entities found to be one entity."""

    def __init__(self, type_: EntityType) -> None:
        self.type = type_
        self.members: list[Entity] = []

    def names(self) -> set[str]:
        return {normalise(m.name) for m in self.members}

    def forms(self) -> set[str]:
        return self.names() | {normalise(a) for m in self.members for a in m.aliases}

    def full_names(self) -> set[str]:
        return {m.name for m in self.members if len(m.name.split()) > 1}


def resolve(results: Iterable[ArticleResult]) -> Resolved:
    """Merge the articles' entities and re-key every fact to the merged entities.

    Args:
        results: the per-article extraction results, in any order.

    Returns:
        The global entities (key = ``<type path>/<slug>``) and the articles whose entities
        and facts now use those keys. The result does not depend on the input order.
    """
    articles = sorted(results, key=lambda r: r.article.id)
    groups: list[_Group] = []
    by_form: dict[tuple[EntityType, str], _Group] = {}
    local_to_group: dict[tuple[str, str], _Group] = {}
    # Longer names first, so surnames and short forms find the full name already placed.
    locals_ = [(r.article.id, e) for r in articles for e in r.entities]
    locals_.sort(key=lambda pair: (-len(pair[1].name.split()), pair[1].type, pair[1].name, pair[0]))
    for article_id, entity in locals_:
        group = _find_group(entity, groups, by_form)
        if group is None:
            group = _Group(entity.type)
            groups.append(group)
        group.members.append(entity)
        local_to_group[(article_id, entity.key)] = group
        for form in _indexed_forms(entity):
            by_form.setdefault((entity.type, form), group)

    keys = _assign_keys(groups)
    entities = {keys[id(g)]: _merged_entity(g, keys[id(g)]) for g in groups}
    resolved_articles = []
    for r in articles:
        mapping = {e.key: keys[id(local_to_group[(r.article.id, e.key)])] for e in r.entities}
        facts = tuple(dict.fromkeys(_rekey(f, mapping) for f in r.facts if f.subject in mapping
                                    and (f.object is None or f.object in mapping)))
        article_entities = tuple(sorted(
            {mapping[e.key]: _article_view(entities[mapping[e.key]], [x for x in r.entities if mapping[x.key] == mapping[e.key]])
             for e in r.entities}.values(),
            key=lambda e: e.key,
        ))
        resolved_articles.append(replace(r, entities=article_entities, facts=facts))
    return Resolved(entities=dict(sorted(entities.items())), articles=tuple(resolved_articles))


def _indexed_forms(entity: Entity) -> set[str]:
    """The forms under which other articles' entities may find this one."""
    forms = {normalise(entity.name)}
    if entity.type != "Person":
        forms |= {normalise(a) for a in entity.aliases}
    return forms


def _find_group(entity: Entity, groups: list[_Group], by_form: dict[tuple[EntityType, str], _Group]) -> _Group | None:
    name = normalise(entity.name)
    if (entity.type, name) in by_form:
        return by_form[(entity.type, name)]
    if entity.type != "Person":
        for alias in sorted(entity.aliases):
            if (entity.type, normalise(alias)) in by_form:
                return by_form[(entity.type, normalise(alias))]
        return None
    words = entity.name.split()
    if len(words) > 1:
        for group in groups:
            if group.type == "Person" and any(_same_full_name(entity.name, full) for full in group.full_names()):
                return group
        return None
    # A lone surname joins the only full-named person who carries it.
    carriers = [g for g in groups if g.type == "Person" and any(
        normalise(full.split()[-1]) == name for full in g.full_names())]
    return carriers[0] if len(carriers) == 1 else None


def _same_full_name(a: str, b: str) -> bool:
    pa, pb = normalise(a).split(), normalise(b).split()
    if pa == pb:
        return True
    if len(pa) != len(pb) or min(len(pa[-1]), len(pb[-1])) < 4:
        return False
    return pa[:-1] == pb[:-1] and fuzz.ratio(pa[-1], pb[-1]) >= 85


def _canonical(group: _Group) -> str:
    """The fullest form with the most support (mentions), alphabetical on a tie."""
    support: Counter[str] = Counter()
    for m in group.members:
        support[m.name] += m.mentions
    surnames = Counter(normalise(m.name) for m in group.members if len(m.name.split()) == 1)
    return max(support, key=lambda n: (min(len(n.split()), 3), support[n] + surnames[normalise(n.split()[-1])], n))


def _assign_keys(groups: list[_Group]) -> dict[int, str]:
    keys: dict[int, str] = {}
    used: dict[str, int] = defaultdict(int)
    ordered = sorted(groups, key=lambda g: (g.type, _canonical(g), sorted(g.forms())))
    for group in ordered:
        base = f"{TYPE_PATHS[group.type]}/{slugify(_canonical(group))}"
        used[base] += 1
        keys[id(group)] = base if used[base] == 1 else f"{base}-{used[base]}"
    return keys


def _merged_entity(group: _Group, key: str) -> Entity:
    name = _canonical(group)
    aliases = {m.name for m in group.members} | {a for m in group.members for a in m.aliases}
    aliases.discard(name)
    return Entity(key=key, type=group.type, name=name, aliases=tuple(sorted(aliases)),
                  mentions=sum(m.mentions for m in group.members))


def _article_view(entity: Entity, locals_: list[Entity]) -> Entity:
    """The global entity as one article writes it: its aliases are that article's forms."""
    forms = {m.name for m in locals_} | {a for m in locals_ for a in m.aliases}
    forms.discard(entity.name)
    return replace(entity, aliases=tuple(sorted(forms)), mentions=sum(m.mentions for m in locals_))


def _rekey(fact: Fact, mapping: dict[str, str]) -> Fact:
    return replace(fact, subject=mapping[fact.subject],
                   object=mapping[fact.object] if fact.object is not None else None)
