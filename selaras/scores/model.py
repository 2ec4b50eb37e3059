"""The score records: a value with its numerator, denominator and the contributions behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["Contribution", "Score", "ScoreCard"]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One unit (item or indicator) that lowered a score, with why and how much weight it carries."""

    document: str
    item: str
    code: str
    text: str
    reason: str
    weight: float = 1.0
    indicator: str = ""


@dataclass(frozen=True, slots=True)
class Score:
    """``value`` = 100 × ``achieved`` / ``total`` (None when there is nothing to score); ``lowered_by`` lists
    the units that did not achieve, heaviest first."""

    key: str
    achieved: float
    total: float
    lowered_by: tuple[Contribution, ...] = ()

    @property
    def value(self) -> float | None:
        return None if self.total == 0 else round(100 * self.achieved / self.total, 1)


@dataclass(slots=True)
class ScoreCard:
    """The scores of one pemda (``pd`` None) or one PD for one year, and where its pagu goes."""

    pemda: str
    pd: str | None
    year: int
    scores: dict[str, Score] = field(default_factory=dict)
    pagu_per_target: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    """``{"asta_cita": {"AC4": pagu, ...}, "pn": {...}, "prioritas_daerah": {...}}``."""
