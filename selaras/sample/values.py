"""Numbers of the sample: indicator trajectories, output counts and pagu from a stable unit cost.

A sub kegiatan's pagu is ``unit cost × target × a small jitter``. The unit cost comes from the codes alone
(``zlib.crc32``, never ``hash()``), so the same sub kegiatan costs about the same per unit in every pemda —
which is what lets a checker spot a unit-cost outlier at all.
"""

from __future__ import annotations

import math
import random
import zlib
from decimal import Decimal

from selaras.domain import Direction, Indicator, IndicatorKind
from selaras.sample.texts import IndicatorSpec

__all__ = [
    "MAX_PAGU",
    "MIN_PAGU",
    "output_counts",
    "pagu_for",
    "rupiah",
    "trajectory",
    "unit_cost",
]

MIN_PAGU = 50_000_000
MAX_PAGU = 5_000_000_000
_JITTER = 0.07  # a pemda's price differs from the common unit cost by at most ±7 % per year
_CONSTANT_COUNTS = (1, 2, 4, 8, 12, 16, 24)


def _fraction(text: str) -> float:
    return zlib.crc32(text.encode("utf-8")) / 0xFFFFFFFF


def unit_cost(code: str) -> float:
    """Rupiah per unit of output for a sub kegiatan code: 10 juta … 250 juta, set by its kegiatan
    (±8 % per sub kegiatan), so sub kegiatan of one kegiatan cost alike."""
    kegiatan = code.rsplit(".", 1)[0]
    return 10 ** (7.0 + 1.4 * _fraction(kegiatan)) * (0.92 + 0.16 * _fraction(code))


def _decimal(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{max(places, 0)}f}")


def rupiah(value: float) -> Decimal:
    """A pagu rounded down to whole thousands, the way RKA amounts are written."""
    return Decimal(int(value) // 1000 * 1000)


def _places(step: float) -> int:
    """Enough decimals to show one year's movement (0.015 → 3, 1.5 → 1, 2500 → 0)."""
    return max(0, 1 - math.floor(math.log10(step)))


def trajectory(
    rng: random.Random, spec: IndicatorSpec, years: range, kind: IndicatorKind, *, step_scale: float = 1.0
) -> Indicator:
    """An indicator with a baseline and a target for every year, moving strictly in its direction.

    Percentages stay below 100 and decreasing values above zero, so no target ever stalls or turns.
    """
    baseline = rng.uniform(spec.low, spec.high)
    step = spec.step * step_scale * rng.uniform(0.85, 1.15)
    count = len(years)
    if spec.direction is Direction.NAIK and spec.satuan == "%":
        step = min(step, (99.0 - baseline) / count)
    elif spec.direction is Direction.TURUN:
        step = min(step, baseline * 0.8 / count)
    sign = {Direction.NAIK: 1, Direction.TURUN: -1, Direction.TETAP: 0}[spec.direction]
    places = _places(step)
    return Indicator(
        name=spec.name,
        satuan=spec.satuan,
        kind=kind,
        baseline=_decimal(baseline, places),
        direction=spec.direction,
        targets={year: _decimal(baseline + sign * step * (i + 1), places) for i, year in enumerate(years)},
    )


def output_counts(rng: random.Random, cost: float, years: range, *, constant: bool) -> tuple[int, list[int]]:
    """Baseline and yearly targets of an output (whole units) whose pagu stays within 50 juta … 5 miliar.

    Constant outputs (documents, reports) repeat one count; growing ones rise by at least one unit a year.
    """
    low = MIN_PAGU / (cost * (1 - _JITTER))
    if constant:
        fitting = [q for q in _CONSTANT_COUNTS if low <= q <= MAX_PAGU / (cost * (1 + _JITTER))]
        count = rng.choice(fitting) if fitting else max(1, math.ceil(low))
        return count, [count] * len(years)
    high = MAX_PAGU / (cost * (1 + _JITTER)) - 8  # room for four yearly increments of two
    first = rng.randint(max(1, math.ceil(low)), max(1, math.ceil(low), min(20, int(high))))
    increment = 1 if first < 12 else 2
    return first - increment, [first + increment * i for i in range(len(years))]


def pagu_for(rng: random.Random, cost: float, count: int) -> Decimal:
    """Pagu of ``count`` units at ``cost``, with the pemda's own price jitter."""
    return rupiah(cost * count * rng.uniform(1 - _JITTER, 1 + _JITTER))
