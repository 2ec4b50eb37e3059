"""The pemda and year a command is about, their planning data and their analysis, or a usage error that says
why there is none.

``check``, ``scores`` and ``report`` need plans of the pemda (or its kab/kota) covering the year asked for;
without them they would print an empty table and exit 0, which reads as "no problems". Saying what is missing
and which command fills it is more useful: exit code 2, like any other input the user has to correct.

Without ``--pemda`` the command is about the pemda in the database, when there is one (a province counts
with its kab/kota); without ``--year``, about the year that pemda is planning now
(:func:`selaras.analysis.planning_year`). Neither defaults to the sample's 62 and 2026.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from selaras.checks.data import PlanningData
from selaras.cli.context import CliContext
from selaras.cli.messages import say
from selaras.cli.output import Stage, no_stage
from selaras.errors import NotFound
from selaras.reference.wilayah import PUSAT, all_pemda

if TYPE_CHECKING:
    from selaras.analysis import Analysis

__all__ = ["analyse_pemda", "pemda_planning_data", "stored_pemda"]


def stored_pemda(ctx: CliContext) -> list[str]:
    """The regional pemda holding documents, a province standing for its kab/kota: what ``--pemda`` can be."""
    from sqlalchemy import select

    from selaras.store.tables import DocumentRow

    with ctx.database.session() as session:
        codes = set(session.scalars(select(DocumentRow.pemda).distinct())) - {PUSAT.kode}
    return sorted({code.split(".")[0] if code.split(".")[0] in codes else code for code in codes})


def _default_pemda(ctx: CliContext) -> str:
    stored = stored_pemda(ctx)
    if len(stored) == 1:
        return stored[0]
    if not stored:
        raise NotFound(say("pemda-none", ctx.lang))
    known = all_pemda()
    choices = ", ".join(f"{code} ({known[code].nama})" if code in known else code for code in stored)
    raise NotFound(say("pemda-choose", ctx.lang, choices=choices))


def pemda_planning_data(ctx: CliContext, pemda: str | None, year: int | None) -> tuple[str, int, PlanningData]:
    """``pemda`` (default: the one in the database), ``year`` (default: its planning year) and what
    :func:`load_planning_data` gives for it, provided it holds a regional plan covering that year.

    Raises :class:`NotFound` naming the problem: no pemda or several to choose from, an unknown code, a pemda
    with no document yet, no annual document to tell the year, or documents only for other years (listing the
    periods there are).
    """
    from selaras.analysis import planning_year
    from selaras.store.planning import load_planning_data

    chosen = pemda or _default_pemda(ctx)
    with ctx.database.session() as session:
        data = load_planning_data(session, chosen)
    regional = [plan for plan in data.plans if plan.document.pemda != PUSAT.kode]
    if not regional:
        known = data.get_pemda(chosen) or all_pemda().get(chosen)
        if known is None or known.kode == PUSAT.kode:
            raise NotFound(say("pemda-unknown", ctx.lang, pemda=chosen))
        placeholder = "TAHUN" if ctx.lang == "id" else "YEAR"
        raise NotFound(say("pemda-empty", ctx.lang, pemda=chosen, nama=known.nama, year=year or placeholder))
    if year is None:
        year = planning_year(data, chosen)
        if year is None:
            raise NotFound(say("pemda-no-planning-year", ctx.lang, pemda=chosen))
    if not any(year in plan.document.period for plan in regional):
        periods = ", ".join(sorted({str(plan.document.period) for plan in regional}))
        raise NotFound(say("pemda-no-year", ctx.lang, pemda=chosen, year=year, periods=periods))
    return chosen, year, data


def analyse_pemda(
    ctx: CliContext,
    pemda: str | None,
    year: int | None,
    *,
    config: Path | None = None,
    rules: Iterable[str] | None = None,
    year_only: bool = False,
    stage: Stage = no_stage,
) -> tuple[str, Analysis]:
    """The pemda a command is about and its :func:`selaras.analysis.analyse` run, with the thresholds of the
    settings (``--config`` overriding them); ``stage`` is told when loading and checking begin."""
    from selaras.analysis import analyse, thresholds_for
    from selaras.checks.builtin import builtin_registry

    codes = list(rules) if rules is not None else None
    stage("stage-load")
    chosen, chosen_year, data = pemda_planning_data(ctx, pemda, year)
    thresholds = thresholds_for(ctx.settings, config)
    stage("stage-check", rules=len(codes) if codes is not None else len(builtin_registry()))
    result = analyse(
        data, year=chosen_year, nomenclature=ctx.nomenclature, thresholds=thresholds, rules=codes, year_only=year_only
    )
    return chosen, result
