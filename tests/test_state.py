"""kg.state: extraction results and minted keys survive a round trip through OUT/state, byte-stably."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.resolve import MintedKey
from kg.state import (
    BuildState,
    load_state,
    locked,
    minted_from_json,
    minted_to_json,
    result_from_json,
    result_to_json,
    save_state,
    state_dir,
)

TEXT = "Ferry Row\n\nMayor Odile Marchetti, who led the board from 2019 to 2021, accused the “Tidewater” company."


def a_result(article_id: str = "ferry.txt", text: str = TEXT) -> ArticleResult:
    article = Article(id=article_id, text=text, sha256="f" * 64, path=f"in/{article_id}", title="Ferry Row")
    sentence = text.split("\n\n")[1]
    ev = Evidence(article_id, sentence, 11, 11 + len(sentence))
    return ArticleResult(
        article=article,
        entities=(Entity("p1", "Person", "Odile Marchetti", ("Marchetti", "Mayor Marchetti"), 2),
                  Entity("o1", "Organization", "Tidewater", (), 1)),
        facts=(Fact("role", "p1", ev, "roles.v1", object="o1", role="Mayor", status="former", start="2019",
                    end="2021", confidence=0.85),
               Fact("criticises", "p1", ev, "interactions.v1", object="o1", predicate="accuses", confidence=0.7),
               Fact("quote", "p1", ev, "quotes.v1", text="Tidewater")),
        warnings=("one warning",),
    )


def test_an_extraction_result_survives_json() -> None:
    result = a_result()

    data = json.loads(json.dumps(result_to_json(result)))

    assert result_from_json(data) == result


def test_minted_keys_survive_json() -> None:
    minted = {"person/odile-marchetti": MintedKey("person/odile-marchetti", "Person", "Odile Marchetti",
                                                  (("a.txt", "marchetti"), ("b.txt", "odile marchetti")))}

    assert minted_from_json(json.loads(json.dumps(minted_to_json(minted)))) == minted


def test_no_state_is_an_empty_state(tmp_path: Path) -> None:
    assert load_state(tmp_path / "never-built") == BuildState()


def test_save_then_load_gives_the_same_state_and_saving_again_writes_nothing(tmp_path: Path) -> None:
    state = BuildState(results={"ferry.txt": a_result(), "other.txt": a_result("other.txt", "Other\n\nText.")},
                       minted={"person/x": MintedKey("person/x", "Person", "X", (("ferry.txt", "x"),))},
                       fingerprint="model==1 code:abc")

    written = save_state(tmp_path, state)
    first = {p: p.read_bytes() for p in state_dir(tmp_path).rglob("*.json")}

    assert {p.name for p in written} == {"build.json", "keys.json", "ferry.txt.json", "other.txt.json"}
    assert load_state(tmp_path) == state
    assert save_state(tmp_path, state) == []
    assert {p: p.read_bytes() for p in state_dir(tmp_path).rglob("*.json")} == first
    # Deterministic JSON: sorted keys, indented, a final newline.
    build = (state_dir(tmp_path) / "build.json").read_text(encoding="utf-8")
    assert build == '{\n  "fingerprint": "model==1 code:abc",\n  "version": 1\n}\n'


def test_an_article_dropped_from_the_state_loses_its_file(tmp_path: Path) -> None:
    save_state(tmp_path, BuildState(results={"a.txt": a_result("a.txt"), "b.txt": a_result("b.txt")}))

    save_state(tmp_path, BuildState(results={"b.txt": a_result("b.txt")}))

    assert sorted(p.name for p in (state_dir(tmp_path) / "articles").iterdir()) == ["b.txt.json"]


def test_a_result_of_another_version_is_kept_for_parsing_again(tmp_path: Path) -> None:
    save_state(tmp_path, BuildState(results={"a.txt": a_result("a.txt")}, fingerprint="fp"))
    path = state_dir(tmp_path) / "articles" / "a.txt.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["facts"][0]["renamed_field"] = data["facts"][0].pop("confidence")
    path.write_text(json.dumps(data), encoding="utf-8")

    state = load_state(tmp_path)

    assert state.fingerprint == ""  # so every article is parsed again
    assert state.results["a.txt"].article == a_result("a.txt").article
    assert state.results["a.txt"].facts == ()


def test_an_unreadable_state_says_to_rebuild_fresh(tmp_path: Path) -> None:
    save_state(tmp_path, BuildState(results={"a.txt": a_result("a.txt")}, fingerprint="fp"))
    (state_dir(tmp_path) / "keys.json").write_text("{not json", encoding="utf-8")

    with pytest.raises(InputError, match="--fresh"):
        load_state(tmp_path)


def test_a_build_folder_is_locked_while_built(tmp_path: Path) -> None:
    with locked(tmp_path), pytest.raises(InputError, match="another kg build"), locked(tmp_path):
        pass
    with locked(tmp_path):  # released
        pass


def test_new_results_wait_in_their_own_folder_until_the_state_is_saved(tmp_path: Path) -> None:
    from kg.state import SPILL_PREFIX, ResultFiles

    save_state(tmp_path, BuildState(results={"a.txt": a_result("a.txt")}, fingerprint="fp"))
    before = load_state(tmp_path)
    new = ResultFiles.spilling_into(state_dir(tmp_path))
    new["b.txt"] = a_result("b.txt")
    results = new.including(before.results)

    assert dict(results) == {"a.txt": a_result("a.txt"), "b.txt": a_result("b.txt")}
    assert not (state_dir(tmp_path) / "articles" / "b.txt.json").exists()  # not before the save
    assert load_state(tmp_path) == before

    written = save_state(tmp_path, BuildState(results=results, fingerprint="fp"))
    new.remove_spill()

    assert [p.name for p in written] == ["b.txt.json"]
    assert load_state(tmp_path) == BuildState(results={"a.txt": a_result("a.txt"), "b.txt": a_result("b.txt")},
                                              fingerprint="fp")
    assert results["b.txt"] == a_result("b.txt")  # still readable, from its new place
    assert not list(state_dir(tmp_path).glob(SPILL_PREFIX + "*"))


def test_the_results_an_interrupted_build_left_are_removed_by_the_next(tmp_path: Path) -> None:
    from kg.state import SPILL_PREFIX, ResultFiles

    left = ResultFiles.spilling_into(state_dir(tmp_path))
    left["a.txt"] = a_result("a.txt")
    assert left.spill is not None and left.spill.is_dir()

    ResultFiles.spilling_into(state_dir(tmp_path))

    assert not left.spill.exists()
    assert len(list(state_dir(tmp_path).glob(SPILL_PREFIX + "*"))) == 1
