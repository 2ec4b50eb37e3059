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
        """The share to one decimal, as every table shows it. A score short of 100 never shows as 100,0 (nor
        a score above 0 as 0,0): 2252 of 2253 with a galat is 99,9, so a reader never closes the report on a
        perfect score that is not."""
        if self.total == 0:
            return None
        shown = round(100 * self.achieved / self.total, 1)
        if self.achieved < self.total:
            shown = min(shown, 99.9)
        return max(shown, 0.1) if self.achieved > 0 else shown


@dataclass(slots=True)
class ScoreCard:
    """The scores of one pemda (``pd`` None) or one PD for one year, and where its pagu goes."""

    pemda: str
    pd: str | None
    year: int
    scores: dict[str, Score] = field(default_factory=dict)
    pagu_per_target: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    """``{"asta_cita": {"AC4": pagu, ...}, "pn": {...}, "prioritas_daerah": {...}}``."""
