"""Resolve: one identifier per real-world entity across all articles.

Each article's extractor already merged its own mentions (surnames, typos, honorifics);
here the articles' entities are merged with each other: equal names, a name that is
another's alias (organisations and places), a one-letter slip in a full name, and a lone
surname that only one full-named person in the corpus carries. The canonical name is the
fullest, best-supported form; the key is a slug of it, so IRIs stay stable as articles
are added. What the corpus says of each person's party also settles one thing an article
alone could not: a criticism read from tone alone between people of one party is dropped.

Keys handed out by an earlier build (:class:`MintedKey`, kept by ``kg.state``) are honoured:
a merged entity takes the key its members had before, even when a later article gives it a
fuller name, so an incremental build never renames an IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz

from kg.lexicons import load_lexicon
from kg.model import TONE_EXTRACTOR, ArticleResult, Entity, EntityType, Fact

TYPE_PATHS: dict[EntityType, str] = {"Person": "person", "Organization": "organization", "Place": "place"}


@lru_cache(maxsize=65536)  # a corpus names the same people over and over
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
class MintedKey:
    """A key handed out by a build, remembered so that its entity keeps it in later builds.

    Attributes:
        key: the key, ``<type path>/<slug>`` (the instance IRI's path).
        type: the entity's type.
        name: the canonical name the entity had when last seen.
        members: the article entities merged under the key, as (article id, normalised name).
            Empty never: a key no entity claims any more keeps the members it last had, so
            the entity gets it back if its article returns.
    """

    key: str
    type: EntityType
    name: str
    members: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Resolved:
    """The corpus after resolution: global entities by key, and articles re-keyed to them.

    ``articles`` is a sequence in article-id order; from :func:`resolve` it re-keys each
    article when read, so a corpus's articles are never all in memory twice. ``minted`` is
    every key handed out so far (those of this resolution and the earlier ones passed in),
    for the next build to honour; ``role_labels`` the one label of each post (by the slug of
    its title): titles differing only in case share their commonest form.
    """

    entities: dict[str, Entity]
    articles: Sequence[ArticleResult]
    minted: dict[str, MintedKey] = field(default_factory=dict)
    role_labels: dict[str, str] = field(default_factory=dict)


class _Group:
    """Local entities found to be one entity; ``rank`` is its place in creation order."""

    def __init__(self, type_: EntityType, rank: int) -> None:
        self.type = type_
        self.rank = rank
        self.members: list[Entity] = []
        self.articles: list[str] = []  # the article of each member
        self.places: list[int] = []  # and its place among that article's entities

    def member_ids(self) -> set[tuple[str, str]]:
        return {(a, normalise(m.name)) for a, m in zip(self.articles, self.members, strict=True)}

    def names(self) -> set[str]:
        return {normalise(m.name) for m in self.members}

    def forms(self) -> set[str]:
        return self.names() | {normalise(a) for m in self.members for a in m.aliases}


def resolve(results: Mapping[str, ArticleResult] | Iterable[ArticleResult], *,
            minted: Mapping[str, MintedKey] | None = None) -> Resolved:
    """Merge the articles' entities and re-key every fact to the merged entities.

    Args:
        results: the per-article extraction results, in any order, or by article id (a
            mapping is read twice, one article at a time: once here, once when the resolved
            articles are read).
        minted: keys handed out by earlier builds (``Resolved.minted`` of the last one); an
            entity whose members held a key keeps it, and no new entity gets one of them.

    Returns:
        The global entities (key = ``<type path>/<slug>``), the articles whose entities and
        facts now use those keys, and every key minted so far. The result does not depend
        on the input order.
    """
    lexicon = load_lexicon()
    by_id = results if isinstance(results, Mapping) else {r.article.id: r for r in results}
    ids = sorted(by_id)
    locals_: list[tuple[str, int, Entity]] = []  # (article, place among its entities, entity)
    role_forms: dict[str, Counter[str]] = {}
    affiliations: list[tuple[str, int, int]] = []  # (article, place of the member, of the body)
    for article_id in ids:
        result = by_id[article_id]
        locals_.extend((article_id, i, e) for i, e in enumerate(result.entities))
        places = {e.key: i for i, e in enumerate(result.entities)}
        governments = [e.key for e in result.entities if _is_government(e)]
        for fact in result.facts:
            if fact.role:
                role_forms.setdefault(slugify(fact.role), Counter())[fact.role] += 1
            if fact.kind in {"role", "membership"} and fact.subject in places and fact.object in places:
                affiliations.append((article_id, places[fact.subject], places[fact.object or ""]))
            elif len(governments) == 1 and lexicon.serves_in_government(fact) and fact.subject in places:
                # A minister whose post names no body serves in the one government the article names.
                affiliations.append((article_id, places[fact.subject], places[governments[0]]))
    groups: list[_Group] = []
    by_form: dict[tuple[EntityType, str], _Group] = {}
    people = _PersonIndex()
    # Longer names first, so surnames and short forms find the full name already placed.
    locals_.sort(key=lambda x: (-len(x[2].name.split()), x[2].type, x[2].name, x[0], x[1]))
    for article_id, place, entity in locals_:
        group = _find_group(entity, by_form, people)
        if group is None:
            group = _Group(entity.type, len(groups))
            groups.append(group)
        group.members.append(entity)
        group.articles.append(article_id)
        group.places.append(place)
        for form in _indexed_forms(entity):
            by_form.setdefault((entity.type, form), group)
        if entity.type == "Person":
            people.add(entity.name, group)

    minted = dict(minted or {})
    keys = _assign_keys(groups, minted)
    for group in groups:
        key = keys[id(group)]
        minted[key] = MintedKey(key, group.type, _canonical(group), tuple(sorted(group.member_ids())))
    entities = dict(sorted((keys[id(g)], _merged_entity(g, keys[id(g)])) for g in groups))
    placed: dict[str, list[tuple[int, str]]] = {a: [] for a in ids}
    for group in groups:
        for article_id, place in zip(group.articles, group.places, strict=True):
            placed[article_id].append((place, keys[id(group)]))
    article_keys = {a: tuple(key for _, key in sorted(found)) for a, found in placed.items()}
    role_labels = {slug: max(forms, key=lambda t: (forms[t], t)) for slug, forms in sorted(role_forms.items())}
    sides = _sides(affiliations, article_keys, entities)
    return Resolved(entities=entities, articles=_ResolvedArticles(by_id, ids, article_keys, entities, sides),
                    minted=dict(sorted(minted.items())), role_labels=role_labels)


class _ResolvedArticles(Sequence[ArticleResult]):
    """The articles re-keyed to the global entities, each made from its result when read."""

    def __init__(self, results: Mapping[str, ArticleResult], ids: list[str],
                 keys: dict[str, tuple[str, ...]], entities: dict[str, Entity],
                 sides: Mapping[str, frozenset[str]]) -> None:
        self._results, self._ids, self._keys, self._entities = results, ids, keys, entities
        self._sides = sides

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index: int) -> ArticleResult:  # type: ignore[override] - no slices
        return self._resolved(self._ids[index])

    def __iter__(self) -> Iterator[ArticleResult]:
        return map(self._resolved, self._ids)

    def __eq__(self, other: object) -> bool:  # as a tuple of the same articles would be
        return (isinstance(other, Sequence) and len(self) == len(other)
                and all(a == b for a, b in zip(self, other, strict=True)))

    __hash__ = None  # type: ignore[assignment] - compared by value, like a list

    def _resolved(self, article_id: str) -> ArticleResult:
        r = self._results[article_id]
        mapping = dict(zip((e.key for e in r.entities), self._keys[article_id], strict=True))
        rekeyed = (_rekey(f, mapping) for f in r.facts
                   if f.subject in mapping and (f.object is None or f.object in mapping))
        facts = tuple(dict.fromkeys(f for f in rekeyed if not self._own_side(f)))
        locals_by_key: dict[str, list[Entity]] = defaultdict(list)
        for e in r.entities:
            locals_by_key[mapping[e.key]].append(e)
        article_entities = tuple(_article_view(self._entities[key], group)
                                 for key, group in sorted(locals_by_key.items()))
        return replace(r, entities=article_entities, facts=facts)

    def _own_side(self, fact: Fact) -> bool:
        """A criticism read from tone alone between people of one party or one government, or
        of a party or government by its own people ("Labour's X said Labour faced a tough
        fight", a minister on a fellow minister), as the corpus tells whose side each is on:
        read as campaign talk or an account of hard times, not an attack."""
        if fact.extractor != TONE_EXTRACTOR or fact.object is None:
            return False
        source = self._sides.get(fact.subject, frozenset())
        target = self._sides.get(fact.object, frozenset())
        return bool(source & target)


def _is_government(entity: Entity) -> bool:
    return entity.type == "Organization" and (entity.name == "government" or entity.name.endswith(" government"))


def _sides(affiliations: Iterable[tuple[str, int, int]], article_keys: Mapping[str, tuple[str, ...]],
             entities: Mapping[str, Entity]) -> dict[str, frozenset[str]]:
    """The sides each entity is on, across the corpus: the parties and governments it is of.
    A party or government is its own; a person is of those any article gives them a post or
    membership in (a minister, of the one government their article names)."""
    party_names = load_lexicon().parties()
    side_keys = {key for key, entity in entities.items() if entity.type == "Organization"
                 and (entity.name in party_names or entity.name.endswith(" Party") or _is_government(entity))}
    found: dict[str, set[str]] = {key: {key} for key in side_keys}
    for article_id, member, body in affiliations:
        body_key = article_keys[article_id][body]
        if body_key in side_keys:
            found.setdefault(article_keys[article_id][member], set()).add(body_key)
    return {key: frozenset(sides) for key, sides in found.items()}


# Written forms that stand for a different body in each article ("the government" is
# Iraq's in one story and Britain's in the next): never a link between articles.
ARTICLE_RELATIVE_FORMS = {"government"}


def _indexed_forms(entity: Entity) -> set[str]:
    """The forms under which other articles' entities may find this one."""
    forms = {normalise(entity.name)}
    if entity.type != "Person":
        forms |= {normalise(a) for a in entity.aliases} - ARTICLE_RELATIVE_FORMS
    return forms


class _PersonIndex:
    """The full names of the person groups so far, looked up by their shape rather than by
    scanning every group (which made resolution quadratic in the corpus).

    A full name is filed under its words but the last (the surname, which may be misspelt);
    the surnames apart, for a lone surname to find who carries it.
    """

    def __init__(self) -> None:
        self._by_forenames: dict[tuple[str, ...], dict[str, dict[int, _Group]]] = defaultdict(dict)
        self._by_surname: dict[str, dict[int, _Group]] = defaultdict(dict)

    def add(self, name: str, group: _Group) -> None:
        words = normalise(name).split()
        if len(name.split()) > 1 and words:
            self._by_forenames[tuple(words[:-1])].setdefault(words[-1], {})[group.rank] = group
            self._by_surname[words[-1]][group.rank] = group

    def same_full_name(self, name: str) -> _Group | None:
        """The earliest group with this full name, or with it but a surname one slip away
        (same other words; both surnames of four letters or more, 85% alike)."""
        words = normalise(name).split()
        found: dict[int, _Group] = {}
        for surname, groups in self._by_forenames.get(tuple(words[:-1]), {}).items():
            if surname == words[-1] or (min(len(surname), len(words[-1])) >= 4
                                        and fuzz.ratio(surname, words[-1]) >= 85):
                found.update(groups)
        return found[min(found)] if found else None

    def carriers(self, surname: str) -> list[_Group]:
        """The groups with a full name ending in ``surname`` (normalised)."""
        return list(self._by_surname.get(surname, {}).values())


def _find_group(entity: Entity, by_form: dict[tuple[EntityType, str], _Group],
                people: _PersonIndex) -> _Group | None:
    name = normalise(entity.name)
    if (entity.type, name) in by_form:
        return by_form[(entity.type, name)]
    if entity.type != "Person":
        for alias in sorted(entity.aliases):
            if normalise(alias) not in ARTICLE_RELATIVE_FORMS and (entity.type, normalise(alias)) in by_form:
                return by_form[(entity.type, normalise(alias))]
        return None
    if len(entity.name.split()) > 1:
        return people.same_full_name(entity.name)
    # A lone surname joins the only full-named person who carries it.
    carriers = people.carriers(name)
    return carriers[0] if len(carriers) == 1 else None


def _canonical(group: _Group) -> str:
    """The fullest form with the most support (mentions), alphabetical on a tie."""
    support: Counter[str] = Counter()
    for m in group.members:
        support[m.name] += m.mentions
    surnames = Counter(normalise(m.name) for m in group.members if len(m.name.split()) == 1)
    return max(support, key=lambda n: (min(len(n.split()), 3), support[n] + surnames[normalise(n.split()[-1])], n))


def _assign_keys(groups: list[_Group], minted: Mapping[str, MintedKey]) -> dict[int, str]:
    """A key for each group: the one its members held before, else a new one.

    Notes:
        Three passes. (1) Each earlier key goes to the group holding most of its old
        members (an entity merged from two keeps the better supported one). (2) A group
        that got none takes an unclaimed earlier key of its type and canonical name (its
        article changed but it is still named the same). (3) The rest get the slug of their
        canonical name: an unclaimed earlier key if it is exactly that slug, else the slug
        suffixed ``-2``, ``-3``, … past every key ever handed out.
    """
    ordered = sorted(groups, key=lambda g: (g.type, _canonical(g), sorted(g.forms())))
    rank = {id(g): i for i, g in enumerate(ordered)}
    holder: dict[tuple[str, str, str], str] = {}
    for key, record in sorted(minted.items()):
        for article_id, name in record.members:
            holder.setdefault((record.type, article_id, name), key)
    claims: list[tuple[int, str, int, _Group]] = []
    for group in ordered:
        votes = Counter(holder.get((group.type, a, n)) for a, n in group.member_ids())
        votes.pop(None, None)
        claims.extend((-n, key, rank[id(group)], group) for key, n in votes.items() if key is not None)
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for _, key, _, group in sorted(claims, key=lambda c: c[:3]):
        if id(group) not in keys and key not in taken:
            keys[id(group)] = key
            taken.add(key)
    by_name: dict[tuple[str, str], str] = {}
    for key, record in sorted(minted.items()):
        if key not in taken:
            by_name.setdefault((record.type, normalise(record.name)), key)
    reserved = set(minted) | taken
    for group in ordered:
        if id(group) in keys:
            continue
        earlier = by_name.pop((group.type, normalise(_canonical(group))), None)
        if earlier is not None and earlier not in taken:
            keys[id(group)] = earlier
            taken.add(earlier)
            continue
        base = f"{TYPE_PATHS[group.type]}/{slugify(_canonical(group))}"
        if base in minted and base not in taken:
            # An earlier key nobody holds any more, minted from this very name: take it back.
            keys[id(group)] = base
            taken.add(base)
            continue
        key, n = base, 1
        while key in reserved:
            n += 1
            key = f"{base}-{n}"
        keys[id(group)] = key
        reserved.add(key)
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
