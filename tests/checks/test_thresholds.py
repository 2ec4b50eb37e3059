"""Thresholds: documented defaults, overridable from a TOML file, with clear errors for mistakes."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest

from selaras.checks.thresholds import Thresholds, load_thresholds, threshold_docs
from selaras.errors import ConfigurationError


def test_every_threshold_has_help_text() -> None:
    assert set(threshold_docs()) == {field.name for field in fields(Thresholds)}


def test_a_toml_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "ambang.toml"
    path.write_text("[thresholds]\ntarget_tolerance = 0.05\nunit_cost_z = 5\n", encoding="utf-8")
    loaded = load_thresholds(path)
    assert loaded.target_tolerance == Decimal("0.05") and loaded.unit_cost_z == 5.0
    assert loaded.name_similarity == Thresholds().name_similarity


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[thresholds]\ntarget_tolerence = 0.05\n", "ambang batas tidak dikenal: target_tolerence"),
        ("[thresholds]\nunit_cost_z = 'tinggi'\n", "unit_cost_z = 'tinggi' bukan float"),
        ("[thresholds\n", "tidak dapat dibaca"),
    ],
)
def test_mistakes_in_the_file_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "ambang.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        load_thresholds(path)
