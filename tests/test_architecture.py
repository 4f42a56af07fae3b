"""Dependencies run one way: ingest <- graph <- dashboard. Checked on the source, by AST."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def test_packages_exist() -> None:
    for pkg in ("ingest", "graph", "dashboard", "tikg"):
        assert (REPO / pkg / "__init__.py").is_file()


@pytest.mark.parametrize("path", _modules("ingest"), ids=lambda p: str(p.relative_to(REPO)))
def test_ingest_imports_no_graph_neo4j_or_streamlit(path: Path) -> None:
    bad = _top(_imports(path)) & {"graph", "neo4j", "streamlit", "dashboard"}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", _modules("graph"), ids=lambda p: str(p.relative_to(REPO)))
def test_graph_imports_no_dashboard_or_streamlit(path: Path) -> None:
    bad = _top(_imports(path)) & {"dashboard", "streamlit"}
    assert not bad, f"{path} imports {bad}"


def test_settings_module_imports_no_stage() -> None:
    bad = _top(_imports(REPO / "tikg" / "settings.py")) & {"ingest", "graph", "dashboard", "neo4j"}
    assert not bad


def test_ingest_uses_only_settings_from_tikg() -> None:
    for path in _modules("ingest"):
        for name in _imports(path):
            if name.split(".")[0] == "tikg":
                assert name == "tikg.settings", f"{path} imports {name}"


def test_dashboard_pages_never_import_neo4j() -> None:
    pages = sorted((REPO / "dashboard").rglob("*.py"))
    for path in pages:
        if path.name == "connection.py":
            continue  # the one wrapper that owns the driver
        assert "neo4j" not in _top(_imports(path)), f"{path} imports neo4j"


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import neo4j\nfrom graph.db import open_driver\nimport streamlit as st\n")
    assert _top(_imports(probe)) == {"neo4j", "graph", "streamlit"}
