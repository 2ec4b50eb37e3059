"""Kab/kota money reaching the governor's priorities: the figures of provincial_world, worked out in its docstring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import KABUPATEN, KOTA, YEAR
from provincial_world import JT, province_rpjmd_key, provincial_world

from selaras.checks.reach import rpjmd_priorities
from selaras.domain import ItemRef
from selaras.scores.provincial import kabkota_support

P1, P2 = ItemRef(province_rpjmd_key(), "P1"), ItemRef(province_rpjmd_key(), "P2")


def test_the_kabupaten_splits_a_program_serving_both_priorities_and_leaves_penunjang_out() -> None:
    data = provincial_world()
    found = kabkota_support(data, rpjmd_priorities(data, "62"), KABUPATEN.kode, YEAR)
    assert found.pagu == {P1: 350 * JT, P2: 250 * JT}
    assert (found.reaching, found.total) == (600 * JT, 700 * JT)
    assert found.share == pytest.approx(85.714, abs=0.001)
    assert found.stated == {P1, P2}


def test_the_kota_reaches_p1_through_its_own_priority_and_p2_not_at_all() -> None:
    data = provincial_world()
    found = kabkota_support(data, rpjmd_priorities(data, "62"), KOTA.kode, YEAR)
    assert found.pagu == {P1: 400 * JT}
    assert (found.reaching, found.total, found.share) == (400 * JT, 500 * JT, 80.0)
    assert found.stated == {P1}


def test_no_renja_in_the_year_means_no_share() -> None:
    data = provincial_world()
    found = kabkota_support(data, rpjmd_priorities(data, "62"), KOTA.kode, YEAR + 1)
    assert (found.pagu, found.reaching, found.total, found.share) == ({}, Decimal(0), Decimal(0), None)
