"""Documentation that is generated must match the code; documentation that is written must cover it."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from selaras.docs import write_docs
from selaras.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_generated_docs_are_up_to_date(tmp_path: Path) -> None:
    for generated in write_docs(tmp_path):
        checked_in = DOCS / generated.name
        assert checked_in.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
            f"docs/{generated.name} is stale: run `make docs`"
        )


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for field in fields(Settings):
        assert f"`{field.name}`" in text and f"SELARAS_{field.name.upper()}" in text, field.name


def test_readme_starts_with_the_two_commands() -> None:
    assert (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:2] == ["make demo", "make test"]


@pytest.mark.parametrize("document", sorted([*DOCS.glob("*.md"), ROOT / "README.md"]), ids=lambda path: path.name)
def test_relative_links_point_at_files(document: Path) -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
        assert (document.parent / target).exists(), f"{document.name} links to missing {target}"


def test_every_defect_kind_is_documented() -> None:
    from selaras.sample import DefectKind

    text = (DOCS / "sample.md").read_text(encoding="utf-8")
    assert all(f"`{kind.value}`" in text for kind in DefectKind)
