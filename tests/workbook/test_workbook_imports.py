"""The workbook package writes the format and imports nothing from the importers, which read it back."""

from __future__ import annotations

import ast
from pathlib import Path

import selaras.workbook


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_workbook_does_not_import_ingest() -> None:
    package = Path(selaras.workbook.__file__).parent
    offending = {
        f"{path.name}: {module}"
        for path in package.glob("*.py")
        for module in _imported_modules(path)
        if module == "selaras.ingest" or module.startswith("selaras.ingest.")
    }
    assert offending == set()
