"""The ready queries in ``queries/``: each runs over the seeds' build (the Turtle export with
rdflib, and the embedded store with Oxigraph, alike) and gives a sensible, non-empty answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import QueryResult, bind_parameters, read_query, run_query, run_store_query
from kg.store import write_store

pytestmark = pytest.mark.slow

QUERIES = Path(__file__).resolve().parents[1] / "queries"
NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))
CRITICISES = {"criticises", "accuses", "blames", "condemns", "denounces", "mocks", "insults", "rejects",
              "demandsActionAgainst"}
SUPPORTS = {"supports", "praises", "endorses", "defends"}


@pytest.fixture(scope="module")
def seeds_store(seeds_build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store((seeds_build.out_dir / "graph.trig").read_bytes(), tmp_path_factory.mktemp("q") / "store")


@pytest.fixture(scope="module")
def answers(seeds_build, seeds_store: Path) -> dict[str, QueryResult]:
    results = {}
    for name in NAMES:
        query = read_query(str(QUERIES / f"{name}.rq"))
        results[name] = run_query(seeds_build.out_dir / "graph.ttl", query)
        assert run_store_query(seeds_store, query) == results[name], f"{name}: the store answers differently"
    return results


def rows(result: QueryResult) -> list[dict[str, str | None]]:
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def test_the_folder_holds_the_promised_queries() -> None:
    assert set(NAMES) >= {"criticisms-with-evidence", "posts", "person-evidence", "criticised-by-party",
                          "quotes-by-person", "supports"}


@pytest.mark.parametrize("name", NAMES)
def test_every_query_answers_over_the_seeds(name: str, answers: dict[str, QueryResult]) -> None:
    result = answers[name]

    assert result.rows, f"queries/{name}.rq answers nothing over the seeds"
    assert all(v is not None and v.strip() for row in rows(result) for k, v in row.items()
               if k not in ("organisation", "start", "end"))


def test_criticisms_come_with_their_act_and_sentence(answers: dict[str, QueryResult], seeds_build) -> None:
    texts = {a.article.id: a.article.text for a in seeds_build.report.resolved.articles}
    for row in rows(answers["criticisms-with-evidence"]):
        assert row["act"] in CRITICISES
        assert row["sentence"] in texts[row["article"]]


def test_supports_come_with_their_act(answers: dict[str, QueryResult]) -> None:
    assert {row["act"] for row in rows(answers["supports"])} <= SUPPORTS


def gold_names(shared_dir: Path) -> tuple[list[dict], dict[str, set[str]]]:
    """The seeds' gold records and each gold entity's written forms (name and aliases) by id."""
    records = [json.loads(line) for line in (shared_dir / "gold" / "seeds.jsonl").read_text("utf-8").splitlines()
               if line.strip()]
    return records, {e["id"]: {e["name"], *e["aliases"]} for r in records for e in r["entities"]}


def test_posts_name_a_post_and_a_status(answers: dict[str, QueryResult], shared_dir: Path) -> None:
    found = rows(answers["posts"])
    records, names = gold_names(shared_dir)
    gold = {(name, f["role"].lower()) for r in records for f in r["roles"] if f["required"]
            for name in names[f["person"]]}

    assert {row["status"] for row in found} <= {"current", "former", "unknown", "unknownStatus"}
    assert gold & {(row["personName"], (row["post"] or "").lower()) for row in found}


def test_person_evidence_is_all_about_the_person_named(answers: dict[str, QueryResult], seeds_build) -> None:
    found = rows(answers["person-evidence"])
    assert {row["side"] for row in found} == {"subject", "object", "speaker"}
    assert {"holdsPost", "said"} <= {row["relation"] for row in found}
    texts = {a.article.id: a.article.text for a in seeds_build.report.resolved.articles}
    assert all(row["sentence"] in texts[row["article"]] for row in found)


def test_person_evidence_for_one_name_keeps_that_person_only(answers: dict[str, QueryResult], seeds_build) -> None:
    everyone = rows(answers["person-evidence"])
    busiest = max(sorted({r["personName"] for r in everyone}),
                  key=lambda name: sum(r["personName"] == name for r in everyone))
    surname = busiest.split()[-1]  # any written form of the name will do
    query = bind_parameters(read_query(str(QUERIES / "person-evidence.rq")), {"name": surname})

    found = rows(run_query(seeds_build.out_dir / "graph.ttl", query))

    assert found == [r for r in everyone if r["personName"] == busiest]


def test_people_criticised_by_members_of_one_party(answers: dict[str, QueryResult], seeds_build,
                                                   shared_dir: Path) -> None:
    everyone = rows(answers["criticised-by-party"])
    records, names = gold_names(shared_dir)
    # Members in the gold: by a membership or by a post in the organisation.
    members = {(org, person) for r in records for f in r["memberships"] + r["roles"] if f.get("org")
               for org in names[f["org"]] for person in names[f["person"]]}
    party = everyone[0]["partyName"]
    query = bind_parameters(read_query(str(QUERIES / "criticised-by-party.rq")), {"party": party})

    found = rows(run_query(seeds_build.out_dir / "graph.ttl", query))

    assert found == [r for r in everyone if r["partyName"] == party]
    assert {row["act"] for row in everyone} <= CRITICISES
    # The critics are members of the organisation in the gold too.
    assert {(r["partyName"], r["criticName"]) for r in everyone} <= members


@pytest.mark.parametrize("value", ['" } ?s ?p ?o { "', "x\\\" . } SELECT * { ?s ?p ?o } #", "line\nbreak", "'"])
def test_a_hostile_parameter_is_a_string_not_query_text(seeds_build, value: str) -> None:
    query = bind_parameters(read_query(str(QUERIES / "person-evidence.rq")), {"name": value})

    assert run_query(seeds_build.out_dir / "graph.ttl", query).rows == ()


def test_a_parameter_name_must_be_a_variable_name() -> None:
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        bind_parameters("SELECT * { ?s ?p ?o }", {"o } DELETE": "x"})


def test_quotes_by_person_keep_reading_order(answers: dict[str, QueryResult], seeds_build) -> None:
    found = rows(answers["quotes-by-person"])
    speakers = [row["speakerName"] for row in found]
    assert speakers == sorted(speakers)
    texts = {a.article.id: a.article.text for a in seeds_build.report.resolved.articles}
    for speaker, article in {(r["speakerName"], r["article"]) for r in found}:
        quotes = [r["text"] for r in found if (r["speakerName"], r["article"]) == (speaker, article)]
        positions = [texts[article].find(q) for q in quotes]
        assert positions == sorted(positions)


def test_kg_query_param_binds_a_name(seeds_build, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    ttl, rq = str(seeds_build.out_dir / "graph.ttl"), str(QUERIES / "quotes-by-person.rq")
    main(["query", ttl, rq, "--format", "json"])
    everyone = json.loads(capsys.readouterr().out)
    speaker = everyone[0]["speakerName"]

    status = main(["query", ttl, rq, "--param", f"speakerName={speaker}", "--format", "json"])

    assert status == 0
    assert json.loads(capsys.readouterr().out) == [row for row in everyone if row["speakerName"] == speaker]


@pytest.mark.parametrize("param", ["speakerName", "speaker name=X"])
def test_kg_query_refuses_a_malformed_param_in_one_line(seeds_build, param: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    status = main(["query", str(seeds_build.out_dir / "graph.ttl"), str(QUERIES / "quotes-by-person.rq"),
                   "--param", param])

    err = capsys.readouterr().err.strip()
    assert status == 2
    assert "--param" in err and "\n" not in err
