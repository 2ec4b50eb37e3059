"""The lines a planner reads about a plan's changes (``selaras diff``, ``import``, ``restore``)."""

from __future__ import annotations

from selaras.changes import KINDS, diff_lines
from selaras.domain.diff import Change, PlanDiff


def _diff(*kinds: str) -> PlanDiff:
    diff = PlanDiff()
    diff.changes.extend(
        Change(kind, f"1.02.02.2.01.000{i}", "sub_kegiatan", "Sub kegiatan") for i, kind in enumerate(kinds)
    )
    return diff


def test_the_counts_line_names_every_kind_of_change_including_lost_indicators() -> None:
    diff = _diff("indikator dihapus", "indikator dihapus", "kondisi awal", "pagu")
    assert diff_lines(diff, "id")[0] == "  1 pagu, 2 indikator dihapus, 1 kondisi awal"


def test_a_kind_outside_the_known_order_is_still_counted() -> None:
    assert "dipindah" not in KINDS
    assert diff_lines(_diff("dipindah"), "id")[0] == "  1 dipindah"


def test_counts_only_has_no_line_about_more_changes() -> None:
    diff = _diff("ditambah", "dihapus")
    assert diff_lines(diff, "id", limit=0) == ["  1 ditambah, 1 dihapus"]
    assert diff_lines(diff, "id", limit=1)[-1].startswith("  … dan 1 perubahan lain")
