"""The layering of DESIGN.md / STYLE.md, checked by reading each module's imports with ``ast``.

``graph/`` and ``export/`` never import spaCy or the extractors; ``model`` imports neither
spaCy nor rdflib; only ``cli`` prints. Imports inside functions and ``TYPE_CHECKING`` blocks
count too: a layer that names a module depends on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module ``path`` imports, absolute, including ``from x import y`` as ``x`` and ``x.y``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args and isinstance(node.args[0], ast.Constant)):
            found.add(str(node.args[0].value))
    return found


def imports_any(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    root = next(p for p in path.parents if p.name == "kg")
    return sorted(m for m in imports(path, root) if any(m == f or m.startswith(f + ".") for f in forbidden))


def print_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"]


def in_package(sub: str) -> list[Path]:
    return [p for p in MODULES if p.relative_to(PACKAGE).parts[0] == sub]


def test_the_scanner_sees_imports_and_prints() -> None:
    # Guards the checks below against passing because the scanner finds nothing.
    assert len(MODULES) > 10
    assert "spacy" in imports(PACKAGE / "nlp.py")
    assert imports_any(PACKAGE / "extract" / "__init__.py", ("kg.extract",))
    assert imports_any(PACKAGE / "graph" / "build.py", ("rdflib",))
    assert print_calls(PACKAGE / "cli.py")


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    root = tmp_path / "kg"
    path = root / "graph" / "build.py"
    path.parent.mkdir(parents=True)
    path.write_text("from ..extract import roles\nfrom . import namespaces\n", encoding="utf-8")

    assert imports(path, root) == {"kg.extract", "kg.extract.roles", "kg.graph", "kg.graph.namespaces"}
    assert imports_any(path, ("kg.extract",))  # a relative import of the extractors is caught too


@pytest.mark.parametrize("path", in_package("graph") + in_package("export"), ids=module_name)
def test_graph_and_export_never_import_spacy_or_the_extractors(path: Path) -> None:
    assert imports_any(path, ("spacy", "kg.extract", "kg.nlp")) == []


@pytest.mark.parametrize("path", in_package("graph") + in_package("export"), ids=module_name)
def test_graph_and_export_never_import_the_stages_that_drive_them(path: Path) -> None:
    assert imports_any(path, ("kg.cli", "kg.pipeline", "kg.ingest")) == []


def test_model_imports_neither_spacy_nor_rdflib() -> None:
    assert imports_any(PACKAGE / "model.py", ("spacy", "rdflib", "pyoxigraph", "pyshacl")) == []


def test_only_the_cli_prints() -> None:
    printers = {module_name(p): print_calls(p) for p in MODULES if p.name != "cli.py" or p.parent != PACKAGE}

    assert {name: lines for name, lines in printers.items() if lines} == {}
