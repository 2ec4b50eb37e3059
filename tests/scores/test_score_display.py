"""How a score shows: one decimal, but never a perfect 100,0 (or an empty 0,0) that the units deny."""

from __future__ import annotations

from selaras.scores.model import Score


def test_a_score_short_of_100_never_shows_as_100() -> None:
    assert Score("konsistensi", 2252, 2253).value == 99.9
    assert Score("konsistensi", 2253, 2253).value == 100.0
    assert Score("konsistensi", 1999.5, 2000).value == 99.9  # half a unit lost to a peringatan


def test_a_score_above_0_never_shows_as_0_and_others_round_as_usual() -> None:
    assert Score("konsistensi", 1, 3000).value == 0.1
    assert Score("konsistensi", 0, 3000).value == 0.0
    assert Score("konsistensi", 2, 3).value == 66.7
    assert Score("konsistensi", 0, 0).value is None
