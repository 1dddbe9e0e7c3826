"""kg.resolve: merging the articles' entities into one key per real-world entity.

Records are built by hand (no model): each article's entities have keys local to it, and
facts name those local keys; after resolution every key is ``<type path>/<slug>``.
"""

from __future__ import annotations

import itertools
import re

import pytest

from kg.model import Article, ArticleResult, Entity, EntityType, Evidence, Fact
from kg.resolve import Resolved, resolve, slugify


def article_result(article_id: str, *entities: tuple[str, EntityType, str, tuple[str, ...]],
                   facts: tuple[Fact, ...] = ()) -> ArticleResult:
    """An article whose entities are (local key, type, name, aliases)."""
    text = f"Text of {article_id}."
    return ArticleResult(
        article=Article(id=article_id, text=text, sha256=article_id.encode().hex()),
        entities=tuple(Entity(key=k, type=t, name=n, aliases=a) for k, t, n, a in entities),
        facts=facts,
    )


def person(key: str, name: str, *aliases: str) -> tuple[str, EntityType, str, tuple[str, ...]]:
    return (key, "Person", name, aliases)


def org(key: str, name: str, *aliases: str) -> tuple[str, EntityType, str, tuple[str, ...]]:
    return (key, "Organization", name, aliases)


def place(key: str, name: str, *aliases: str) -> tuple[str, EntityType, str, tuple[str, ...]]:
    return (key, "Place", name, aliases)


def fact(article_id: str, kind: str, subject: str, obj: str | None = None, **kw: object) -> Fact:
    sentence = f"A sentence of {article_id}."
    return Fact(kind=kind, subject=subject, object=obj,  # type: ignore[arg-type]
                evidence=Evidence(article_id, sentence, 0, len(sentence)), extractor="test.v1", **kw)


def keys_of(resolved: Resolved, type_: EntityType) -> set[str]:
    return {k for k, e in resolved.entities.items() if e.type == type_}


def test_same_name_in_two_articles_is_one_entity() -> None:
    resolved = resolve([
        article_result("a.txt", person("p1", "Marisol Quenby")),
        article_result("b.txt", person("x", "Marisol Quenby")),
    ])

    assert list(resolved.entities) == ["person/marisol-quenby"]
    assert resolved.entities["person/marisol-quenby"].name == "Marisol Quenby"
    for result in resolved.articles:
        assert [e.key for e in result.entities] == ["person/marisol-quenby"]


def test_names_differing_in_case_accents_and_apostrophes_are_one_entity() -> None:
    resolved = resolve([
        article_result("a.txt", person("p", "Aurélie D’Arcanne")),
        article_result("b.txt", person("p", "Aurelie D'Arcanne")),
    ])

    assert len(resolved.entities) == 1


def test_lone_surname_joins_the_only_full_name_carrying_it() -> None:
    resolved = resolve([
        article_result("a.txt", person("p", "Marisol Quenby")),
        article_result("b.txt", person("q", "Quenby"), org("o", "Tidewater Ferry Company"),
                       facts=(fact("b.txt", "membership", "q", "o"),)),
    ])

    assert keys_of(resolved, "Person") == {"person/marisol-quenby"}
    merged = resolved.entities["person/marisol-quenby"]
    assert merged.name == "Marisol Quenby"
    assert "Quenby" in merged.aliases
    # The second article's fact now names the merged person.
    (b,) = [r for r in resolved.articles if r.article.id == "b.txt"]
    assert b.facts[0].subject == "person/marisol-quenby"
    assert b.facts[0].object == "organization/tidewater-ferry-company"


def test_lone_surname_shared_by_two_full_names_stays_apart() -> None:
    resolved = resolve([
        article_result("a.txt", person("p", "Marisol Quenby")),
        article_result("b.txt", person("p", "Tobias Quenby")),
        article_result("c.txt", person("p", "Quenby")),
    ])

    assert keys_of(resolved, "Person") == {"person/marisol-quenby", "person/tobias-quenby", "person/quenby"}


def test_lone_surname_does_not_join_an_organisation_or_a_first_name() -> None:
    resolved = resolve([
        article_result("a.txt", person("p", "Halvard Brisk"), org("o", "Brisk Logistics")),
        article_result("b.txt", person("p", "Halvard")),
    ])

    assert keys_of(resolved, "Person") == {"person/halvard-brisk", "person/halvard"}


@pytest.mark.parametrize(
    "first, second, merged",
    [
        ("Marisol Quenby", "Marisol Quenbey", True),  # one letter added
        ("Ingrid Halvorsen", "Ingrid Halvorson", True),  # one letter changed
        ("Marisol Quenby", "Marisol Quimby", False),  # a different surname
        ("Marisol Quenby", "Teodora Quenbey", False),  # a different first name
        ("Ana Lee", "Ana Lei", False),  # surname too short to call a slip
    ],
)
def test_one_letter_slip_in_a_full_name_merges(first: str, second: str, merged: bool) -> None:
    resolved = resolve([
        article_result("a.txt", person("p", first)),
        article_result("b.txt", person("p", second)),
    ])

    assert len(resolved.entities) == (1 if merged else 2)


def test_organisation_alias_in_another_article_merges() -> None:
    resolved = resolve([
        article_result("a.txt", org("o", "Civic Planning Syndicate", "CPS")),
        article_result("b.txt", org("o", "CPS")),
    ])

    assert list(resolved.entities) == ["organization/civic-planning-syndicate"]
    entity = resolved.entities["organization/civic-planning-syndicate"]
    assert entity.name == "Civic Planning Syndicate"
    assert entity.aliases == ("CPS",)


def test_the_government_of_one_article_is_not_that_of_another() -> None:
    # "the government" is a written form of each article's own government.
    resolved = resolve([
        article_result("a.txt", org("o", "Ruritanian government", "government")),
        article_result("b.txt", org("o", "government")),
    ])

    assert set(resolved.entities) == {"organization/ruritanian-government", "organization/government"}


def test_organisation_and_place_with_the_same_name_stay_apart() -> None:
    resolved = resolve([
        article_result("a.txt", org("o", "Marrowgate"), place("l", "Marrowgate")),
    ])

    assert set(resolved.entities) == {"organization/marrowgate", "place/marrowgate"}


def test_person_alias_is_not_used_to_merge_other_people() -> None:
    # "Tobias" is a written form of one person; another article's lone "Tobias" is not him.
    resolved = resolve([
        article_result("a.txt", person("p", "Tobias Rennard", "Tobias")),
        article_result("b.txt", person("p", "Tobias")),
    ])

    assert len(keys_of(resolved, "Person")) == 2


def test_keys_are_type_path_slash_slug() -> None:
    resolved = resolve([
        article_result("a.txt", person("p", "Zoë Ångström-Vey"), org("o", "Northern Tin Workers’ Union"),
                       place("l", "São Vicente do Norte")),
    ])

    assert set(resolved.entities) == {
        "person/zoe-angstrom-vey",
        "organization/northern-tin-workers-union",
        "place/sao-vicente-do-norte",
    }
    for key, entity in resolved.entities.items():
        assert entity.key == key
        assert re.fullmatch(r"(person|organization|place)/[a-z0-9-]+", key)


def test_distinct_entities_with_the_same_slug_get_distinct_keys() -> None:
    resolved = resolve([
        article_result("a.txt", org("o", "Ridge-Line Media")),
        article_result("b.txt", org("o", "Ridge Line Media!")),
    ])

    assert len(resolved.entities) == len(set(resolved.entities)) == 2
    assert "organization/ridge-line-media" in resolved.entities


def test_facts_whose_entities_are_unknown_are_dropped_and_duplicates_collapse() -> None:
    good = fact("a.txt", "criticises", "p", "q", predicate="accuses")
    resolved = resolve([
        article_result("a.txt", person("p", "Odile Marchetti"), person("q", "Tavish Ollerby"),
                       facts=(good, good, fact("a.txt", "criticises", "p", "ghost"))),
    ])

    (only,) = resolved.articles[0].facts
    assert (only.subject, only.object) == ("person/odile-marchetti", "person/tavish-ollerby")


def test_result_does_not_depend_on_input_order() -> None:
    results = [
        article_result("a.txt", person("p", "Marisol Quenby"), org("o", "Civic Planning Syndicate", "CPS"),
                       facts=(fact("a.txt", "role", "p", "o", role="chair"),)),
        article_result("b.txt", person("p", "Quenby"), org("o", "CPS"), person("t", "Tobias Rennard"),
                       facts=(fact("b.txt", "criticises", "t", "p"),)),
        article_result("c.txt", person("p", "Marisol Quenbey"), place("l", "Calloway Bay")),
        article_result("d.txt", person("p", "Tobias Rennard"), org("o", "Ridge Line Media")),
    ]
    expected = resolve(results)

    for permutation in itertools.permutations(results):
        assert resolve(permutation) == expected
    assert set(expected.entities) == {
        "person/marisol-quenby", "person/tobias-rennard", "organization/civic-planning-syndicate",
        "organization/ridge-line-media", "place/calloway-bay",
    }


# --- slugify --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Marisol Quenby", "marisol-quenby"),
        ("Zoë Ångström", "zoe-angstrom"),
        ("O'Neill “Red” Farrow", "o-neill-red-farrow"),
        ("  --Harbour   Board--  ", "harbour-board"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
    ],
)
def test_slugify_examples(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name",
    ["", "   ", "..", "../", "/", "🙂🙂", "محمد العلي", "שלום", "東京都", "“”", "\u202e\u202d", "x" * 500,
     "../../" * 30 + "root"],
)
def test_slugify_is_never_empty_and_only_lower_ascii_digits_and_hyphens(name: str) -> None:
    slug = slugify(name)

    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert "/" not in slug and ".." not in slug
    assert len(slug) <= 80


def test_slugify_keeps_names_without_ascii_letters_apart() -> None:
    names = ["🙂", "🙃", "محمد", "שלום", "東京"]

    assert len({slugify(n) for n in names}) == len(names)
    assert slugify("🙂") == slugify("🙂")


def test_a_post_written_in_two_cases_takes_its_commonest_form() -> None:
    resolved = resolve([
        article_result("a.txt", person("p", "Marisol Quenby"),
                       facts=(fact("a.txt", "role", "p", role="Harbour Minister"),
                              fact("a.txt", "role", "p", role="harbour minister", status="former"))),
        article_result("b.txt", person("p", "Tobiah Wrenfield"),
                       facts=(fact("b.txt", "role", "p", role="harbour minister"),)),
    ])

    assert resolved.role_labels == {"harbour-minister": "harbour minister"}


def test_resolved_articles_are_made_from_the_results_when_read() -> None:
    results = {r.article.id: r for r in [
        article_result("a.txt", person("p", "Marisol Quenby"), facts=(fact("a.txt", "quote", "p", text="Yes."),)),
        article_result("b.txt", person("q", "Quenby"), org("o", "Harbour Board")),
    ]}
    reads: list[str] = []

    class Counting(dict):  # type: ignore[type-arg]
        def __getitem__(self, key: str) -> ArticleResult:
            reads.append(key)
            return super().__getitem__(key)

    resolved = resolve(Counting(results))
    assert sorted(reads) == ["a.txt", "b.txt"]  # once each, for the entities

    (b,) = [r for r in resolved.articles if r.article.id == "b.txt"]

    assert sorted(reads) == ["a.txt", "a.txt", "b.txt", "b.txt"]
    assert [e.key for e in b.entities] == ["organization/harbour-board", "person/marisol-quenby"]
    assert resolved.articles == resolve(list(results.values())).articles
    assert len(resolved.articles) == 2 and resolved.articles[0].article.id == "a.txt"


def test_tone_criticism_within_a_party_the_corpus_knows_is_dropped() -> None:
    from dataclasses import replace

    from kg.extract.tone import EXTRACTOR as TONE

    def tone(subject: str, obj: str) -> Fact:
        return replace(fact("b.txt", "criticises", subject, obj, predicate="criticises"), extractor=TONE)

    resolved = resolve([
        # One article says whose side each is on ...
        article_result("a.txt", person("p", "Odile Marchetti"), person("q", "Tavish Ollerby"),
                       org("l", "Labour Party"),
                       facts=(fact("a.txt", "membership", "p", "l"), fact("a.txt", "role", "q", "l", role="MP"))),
        # ... another only reads their words' tone.
        article_result("b.txt", person("p", "Odile Marchetti"), person("q", "Tavish Ollerby"),
                       person("r", "Inge Varga"), org("l", "Labour Party"), org("g", "Green Party"),
                       facts=(tone("p", "l"), tone("p", "q"), tone("p", "g"), tone("p", "r"),
                              fact("b.txt", "criticises", "p", "q", predicate="accuses"))),
    ])
    b = next(r for r in resolved.articles if r.article.id == "b.txt")
    found = {(f.object, f.extractor) for f in b.facts}
    assert found == {("organization/green-party", TONE), ("person/inge-varga", TONE),
                     ("person/tavish-ollerby", "test.v1")}


def test_tone_criticism_within_one_government_is_dropped() -> None:
    from dataclasses import replace

    from kg.extract.tone import EXTRACTOR as TONE

    def tone(article_id: str, subject: str, obj: str) -> Fact:
        return replace(fact(article_id, "criticises", subject, obj, predicate="criticises"), extractor=TONE)

    resolved = resolve([
        # Two ministers of the one government their article names ...
        article_result("a.txt", person("p", "Odile Marchetti"), person("q", "Tavish Ollerby"),
                       org("g", "UK government", "government"),
                       facts=(fact("a.txt", "role", "p", role="Home Secretary", status="current"),
                              fact("a.txt", "role", "q", role="Chancellor", status="current"))),
        # ... a shadow minister; a former minister; a minister where no government is named.
        article_result("b.txt", person("r", "Inge Varga"), person("s", "Bram Tollis"), person("t", "Ada Quill"),
                       facts=(fact("b.txt", "role", "r", role="shadow Home Secretary", status="current"),
                              fact("b.txt", "role", "s", role="Foreign Secretary", status="former"),
                              fact("b.txt", "role", "t", role="Health Secretary", status="current"))),
        article_result("c.txt", person("p", "Odile Marchetti"), person("q", "Tavish Ollerby"),
                       person("r", "Inge Varga"), person("s", "Bram Tollis"), person("t", "Ada Quill"),
                       org("g", "UK government", "government"),
                       facts=(tone("c.txt", "p", "q"), tone("c.txt", "q", "g"), tone("c.txt", "r", "g"),
                              tone("c.txt", "s", "p"), tone("c.txt", "t", "p"))),
    ])
    c = next(r for r in resolved.articles if r.article.id == "c.txt")
    found = {(f.subject, f.object) for f in c.facts}
    assert found == {("person/inge-varga", "organization/uk-government"),
                     ("person/bram-tollis", "person/odile-marchetti"),
                     ("person/ada-quill", "person/odile-marchetti")}
