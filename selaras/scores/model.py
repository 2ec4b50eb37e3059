"""The score records: a value with its numerator, denominator and the contributions behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["HEADLINE", "RPJMD_MISSING", "UNAVAILABLE", "Contribution", "Score", "ScoreCard"]

HEADLINE = ("keselarasan", "konsistensi", "orientasi_kinerja")
"""The three scores every table and chart shows; :attr:`ScoreCard.overall` is their mean."""

RPJMD_MISSING = "rpjmd-missing"
"""Why a regional alignment score is not computed: the pemda has no RPJMD sasaran or prioritas loaded, so its
Renja has nothing regional to be linked to (a Renja-only pemda scored 0,0, read at a Rakor as "nothing aligned")."""

UNAVAILABLE: dict[str, tuple[str, str]] = {
    RPJMD_MISSING: (
        "tidak dihitung: RPJMD belum dimuat (belum ada sasaran atau prioritas daerah untuk ditautkan)",
        "not computed: no RPJMD loaded (no regional sasaran or priority to link to yet)",
    ),
}
"""The reasons of :attr:`Score.unavailable` in Bahasa Indonesia and English, one text for every place that shows
them: the report (``unavailable-<reason>`` in ``report/texts.py``), the web (``web/i18n.py``) and the CLI."""


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
    the units that did not achieve, heaviest first.

    ``unavailable`` names (a key of :data:`UNAVAILABLE`) why a score cannot be computed although there are units:
    what they should reach is not loaded. Such a score scores nothing (``achieved`` and ``total`` 0, nothing
    lowering it), so a sum or a mean over cards leaves it out instead of counting it as 0."""

    key: str
    achieved: float
    total: float
    lowered_by: tuple[Contribution, ...] = ()
    unavailable: str | None = None

    @classmethod
    def not_computed(cls, key: str, reason: str) -> Score:
        """A score that cannot be computed, with the reason (a key of :data:`UNAVAILABLE`)."""
        return cls(key, 0.0, 0.0, unavailable=reason)

    @property
    def value(self) -> float | None:
        """The share to one decimal, as every table shows it. A score short of 100 never shows as 100,0 (nor
        a score above 0 as 0,0): 2252 of 2253 with a galat is 99,9, so a reader never closes the report on a
        perfect score that is not."""
        if self.total == 0 or self.unavailable is not None:
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
