"""Shared fixtures: ONE spaCy pipeline and ONE build of the seed articles per test session.

Tests that use ``nlp`` or ``seeds_build`` are marked ``slow``; everything else runs without
the model. The contract queries live in the sibling ``shared/`` checkout (``shared/sparql``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SPARQL = SHARED / "sparql"


def pytest_configure(config: pytest.Config) -> None:
    """Ignore the deprecation warnings rdflib 7.6 raises from its OWN internals.

    ``filterwarnings = error`` stays on for everything else; these filters match only
    warnings attributed to rdflib's modules, so a use of the deprecated API in ``kg/``
    still fails the suite.
    """
    # rdflib's ConjunctiveGraph methods read Dataset.default_context on every add/query/parse:
    # https://github.com/RDFLib/rdflib/issues/3475 (fix proposed in rdflib#3477).
    config.addinivalue_line(
        "filterwarnings", r"ignore:Dataset\.default_context is deprecated:DeprecationWarning:rdflib\.")
    # rdflib's TriG and JSON-LD parsers still build a ConjunctiveGraph internally.
    config.addinivalue_line(
        "filterwarnings", r"ignore:ConjunctiveGraph is deprecated:DeprecationWarning:rdflib\.plugins\.")


@dataclass(frozen=True)
class SeedsBuild:
    """The seeds built once: the pipeline's report and the folder the exports went to."""

    out_dir: Path
    written: tuple[Path, ...]
    # kg.pipeline.BuildReport; out of the repr, since rdflib's Dataset repr warns (deprecated identifier).
    report: object = field(repr=False)


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once (``kg.nlp.load_pipeline``)."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> SeedsBuild:
    """``kg.run`` over ``seeds/`` once, exported with ``kg.export`` into a session temp dir."""
    import kg

    if not any(SEEDS.glob("*.txt")):
        pytest.skip(f"no seed articles in {SEEDS}")
    report = kg.run([SEEDS])
    out_dir = tmp_path_factory.mktemp("seeds-export")
    written = kg.export(report.dataset, out_dir)
    return SeedsBuild(report=report, out_dir=out_dir, written=tuple(written))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared checkout beside the project (contract queries, gold)."""
    if not SPARQL.is_dir():
        pytest.skip(f"shared contract folder not found at {SPARQL} (expected beside the project)")
    return SHARED


@pytest.fixture(scope="session")
def contract_queries(shared_dir: Path) -> dict[str, str]:
    """Each contract query by name (file stem), with ``prefixes.rq`` put in front."""
    sparql = shared_dir / "sparql"
    prefixes_file = sparql / "prefixes.rq"
    if not prefixes_file.is_file():
        pytest.skip(f"{prefixes_file} not found")
    prefixes = prefixes_file.read_text(encoding="utf-8")
    queries = {
        path.stem: prefixes + "\n" + path.read_text(encoding="utf-8")
        for path in sorted(sparql.glob("*.rq"))
        if path.name != "prefixes.rq"
    }
    if not queries:
        pytest.skip(f"no contract queries in {sparql}")
    return queries
