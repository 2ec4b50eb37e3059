"""The score records: a value with its numerator, denominator and the contributions behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["HEADLINE", "Contribution", "Score", "ScoreCard"]

HEADLINE = ("keselarasan", "konsistensi", "orientasi_kinerja")
"""The three scores every table and chart shows; :attr:`ScoreCard.overall` is their mean."""


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
    """``{"asta_cita": {"AC4": pagu, ..., "penunjang": pagu}, "pn": {...}, "prioritas_daerah": {...}}``."""

    @property
    def overall(self) -> float | None:
        """The mean of the :data:`HEADLINE` scores that can be computed: what ranks PD and pemda (the dashboard's
        lowest PD, the report's order), so one weak score is not hidden by sorting on another."""
        values = [value for key in HEADLINE if key in self.scores and (value := self.scores[key].value) is not None]
        return sum(values) / len(values) if values else None
