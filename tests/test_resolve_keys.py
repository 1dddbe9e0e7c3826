"""kg.resolve with minted keys: an entity keeps the key an earlier build gave it.

Records are built by hand (no model), as in ``test_resolve.py``; each "build" is a call of
``resolve`` with the ``minted`` keys the previous call returned.
"""

from __future__ import annotations

import pytest
from test_resolve import article_result, fact, org, person

from kg.model import ArticleResult
from kg.resolve import MintedKey, resolve


def keys(results: list[ArticleResult], minted: dict[str, MintedKey] | None = None) -> tuple[dict[str, str], dict]:
    """Canonical name by key, and the minted keys, after resolving ``results``."""
    resolved = resolve(results, minted=minted)
    return {k: e.name for k, e in resolved.entities.items()}, resolved.minted


def test_without_minted_keys_the_result_is_as_before() -> None:
    results = [article_result("a.txt", person("p", "Marisol Quenby")),
               article_result("b.txt", person("q", "Tavish Ollerby"))]

    assert resolve(results).entities == resolve(results, minted={}).entities


def test_a_fuller_name_in_a_later_article_keeps_the_key() -> None:
    first = article_result("a.txt", person("p", "Quenby"), org("o", "Tidewater Ferry Company"),
                           facts=(fact("a.txt", "membership", "p", "o"),))
    names, minted = keys([first])
    assert names["person/quenby"] == "Quenby"

    later = article_result("b.txt", person("x", "Marisol Quenby"))
    names, minted = keys([first, later], minted)

    # One entity, its old key, its new (fuller) name; the fresh slug was never minted.
    assert names == {"person/quenby": "Marisol Quenby",
                     "organization/tidewater-ferry-company": "Tidewater Ferry Company"}
    assert "person/marisol-quenby" not in minted
    assert minted["person/quenby"].members == (("a.txt", "quenby"), ("b.txt", "marisol quenby"))
    # Without the earlier keys the same articles would get the fuller slug.
    assert "person/marisol-quenby" in keys([first, later])[0]


def test_keys_are_stable_when_nothing_changes() -> None:
    results = [article_result("a.txt", person("p", "Marisol Quenby"), person("q", "Quenby Vale")),
               article_result("b.txt", org("o", "Harbour Board", "HB"))]
    names, minted = keys(results)

    again, minted_again = keys(results, minted)

    assert again == names
    assert minted_again == minted


def test_a_new_entity_never_takes_a_key_another_entity_holds() -> None:
    first = article_result("a.txt", person("p", "Marisol Quenby"))
    _, minted = keys([first])
    # One word, so not the same person by the rules of resolve; the same slug all the same.
    other = article_result("b.txt", person("p", "Marisol-Quenby"))

    names, minted = keys([first, other], minted)

    assert names == {"person/marisol-quenby": "Marisol Quenby", "person/marisol-quenby-2": "Marisol-Quenby"}


def test_a_retired_key_is_kept_reserved_for_its_name() -> None:
    _, minted = keys([article_result("a.txt", person("p", "Ines Tarrago"))])

    # a.txt changed and names someone else: her key is not handed to anyone ...
    names, minted = keys([article_result("a.txt", person("p", "Odile Marchetti"))], minted)

    assert "person/ines-tarrago" not in names
    assert minted["person/ines-tarrago"].members == (("a.txt", "ines tarrago"),)


@pytest.mark.parametrize("name", ["Ines Tarrago", "Inés Tarragó", "Ines-Tarrago"])
def test_a_retired_key_comes_back_to_an_entity_of_the_same_name_or_slug(name: str) -> None:
    _, minted = keys([article_result("a.txt", person("p", "Ines Tarrago"))])
    # a.txt no longer names her; then c.txt does, in another article.
    _, minted = keys([article_result("a.txt", person("p", "Odile Marchetti"))], minted)

    names, _ = keys([article_result("a.txt", person("p", "Odile Marchetti")),
                     article_result("c.txt", person("p", name))], minted)

    assert names["person/ines-tarrago"] == name
    assert not any(k.startswith("person/ines-tarrago-") for k in names)


def test_a_variant_in_a_new_article_joins_the_existing_key() -> None:
    a = article_result("a.txt", person("p", "Marisol Quenby"))
    _, minted = keys([a])
    typo = article_result("c.txt", person("p", "Marisol Quenbyy"))

    names, minted = keys([a, typo], minted)

    assert list(names) == ["person/marisol-quenby"]
    assert ("c.txt", "marisol quenbyy") in minted["person/marisol-quenby"].members


def test_two_keys_merged_later_keep_the_better_supported_one() -> None:
    # "Quenby" alone is ambiguous while two full-named Quenbys exist: three keys.
    a = article_result("a.txt", person("p", "Quenby"))
    b = article_result("b.txt", person("p", "Marisol Quenby"))
    b2 = article_result("b2.txt", person("p", "Marisol Quenby"))
    c = article_result("c.txt", person("p", "Tomas Quenby"))
    names, minted = keys([a, b, b2, c])
    assert set(names) == {"person/quenby", "person/marisol-quenby", "person/tomas-quenby"}

    # c.txt changes and Tomas is gone: "Quenby" joins Marisol, whose key has more members.
    names, minted = keys([a, b, b2, article_result("c.txt", person("p", "Odile Marchetti"))], minted)

    assert names["person/marisol-quenby"] == "Marisol Quenby"
    assert "person/quenby" not in names
    assert set(minted) >= {"person/quenby", "person/tomas-quenby"}  # retired, never handed out again


@pytest.mark.parametrize("order", [0, 1])
def test_minted_keys_do_not_depend_on_article_order(order: int) -> None:
    results = [article_result("a.txt", person("p", "Quenby")), article_result("b.txt", person("x", "Marisol Quenby"))]
    _, minted = keys(results[:1])

    names, _ = keys(results if order == 0 else results[::-1], minted)

    assert names == {"person/quenby": "Marisol Quenby"}
