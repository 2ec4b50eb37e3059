"""The dashboard's charts, drawn with the report's SVG charts (:mod:`selaras.report.charts`) so the page and the
Rakor report show the same pictures; each returns markup ready for a template, or None when there is nothing
to draw (the page then says so instead of showing an empty frame)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from selaras.checks.data import PlanningData
from selaras.numbers import format_number
from selaras.report.charts import BarChart, render_chart
from selaras.report.format import compact_rupiah
from selaras.scores import ScoreCard
from selaras.scores.alignment import PENUNJANG
from selaras.scores.model import HEADLINE

__all__ = ["HEADLINE", "agency_chart", "pagu_chart", "trend_chart"]

Translate = Callable[..., str]
"""``t(key, **params)``: the page's translator."""
AGENCIES_SHOWN = 12


def _label(value: float | None) -> str:
    return "–" if value is None else format_number(value, decimals=1)


def _scores_chart(title: str, categories: Sequence[str], cards: Sequence[ScoreCard], t: Translate) -> Markup:
    values = tuple(tuple(card.scores[key].value for key in HEADLINE) for card in cards)
    chart = BarChart(
        title,
        tuple(categories),
        tuple(t(key) for key in HEADLINE),
        values,
        tuple(tuple(_label(value) for value in row) for row in values),
        maximum=100,
    )
    return Markup(render_chart(chart))  # the chart escapes every text it draws


def agency_chart(agencies: list[ScoreCard], data: PlanningData, t: Translate) -> Markup | None:
    """The :data:`AGENCIES_SHOWN` PD with the lowest scores (the mean of the three, :attr:`ScoreCard.overall`),
    lowest first: on a projector the room discusses those, not the best ones, nor the first by code."""
    scored = [card for card in agencies if card.overall is not None]
    if not scored:
        return None
    lowest = sorted(scored, key=lambda card: (card.overall or 0, card.pd or ""))[:AGENCIES_SHOWN]
    names = []
    for card in lowest:
        agency = data.get_pd(card.pemda, card.pd or "")
        names.append(agency.singkatan or agency.nama if agency else card.pd or "")
    return _scores_chart(t("chart-agencies", count=len(lowest)), names, lowest, t)


def trend_chart(trend: list[tuple[int, ScoreCard]], t: Translate) -> Markup | None:
    """One group of bars per Renja year; a single year is no trend, so nothing is drawn."""
    if len(trend) < 2:
        return None
    return _scores_chart(t("trend"), [str(year) for year, _ in trend], [card for _, card in trend], t)


def pagu_chart(overall: ScoreCard | None, t: Translate) -> Markup | None:
    """Where the pemda's pagu goes among the Asta Cita (through accepted links)."""
    totals = overall.pagu_per_target.get("asta_cita", {}) if overall else {}
    if not totals:
        return None
    # the misi in order, then belanja penunjang (program penunjang, attributed to no misi)
    ordered = sorted(totals.items(), key=lambda pair: (pair[0] == PENUNJANG, pair[0].removeprefix("AC").zfill(2)))
    chart = BarChart(
        t("chart-pagu"),
        tuple(t("belanja-penunjang") if label == PENUNJANG else label for label, _ in ordered),
        (t("pagu"),),
        tuple((float(pagu),) for _, pagu in ordered),
        tuple((compact_rupiah(pagu),) for _, pagu in ordered),
    )
    return Markup(render_chart(chart))  # the chart escapes every text it draws
