"""The planning data of the pemda a command is about, or a usage error that says why there is none.

``check``, ``scores`` and ``report`` need plans of the pemda (or its kab/kota) covering the year asked for;
without them they would print an empty table and exit 0, which reads as "no problems". Saying what is missing
and which command fills it is more useful: exit code 2, like any other input the user has to correct.
"""

from __future__ import annotations

from selaras.checks.data import PlanningData
from selaras.cli.context import CliContext
from selaras.cli.messages import say
from selaras.errors import NotFound
from selaras.reference.wilayah import PUSAT, all_pemda
from selaras.store.planning import load_planning_data

__all__ = ["pemda_planning_data"]


def pemda_planning_data(ctx: CliContext, pemda: str, year: int) -> PlanningData:
    """What :func:`load_planning_data` gives for ``pemda``, provided it holds a regional plan covering ``year``.

    Raises :class:`NotFound` naming the problem: an unknown code, a pemda with no document yet, or documents
    only for other years (listing the periods there are).
    """
    with ctx.database.session() as session:
        data = load_planning_data(session, pemda)
    regional = [plan for plan in data.plans if plan.document.pemda != PUSAT.kode]
    if not regional:
        known = data.get_pemda(pemda) or all_pemda().get(pemda)
        if known is None or known.kode == PUSAT.kode:
            raise NotFound(say("pemda-unknown", ctx.lang, pemda=pemda))
        raise NotFound(say("pemda-empty", ctx.lang, pemda=pemda, nama=known.nama, year=year))
    if not any(year in plan.document.period for plan in regional):
        periods = ", ".join(sorted({str(plan.document.period) for plan in regional}))
        raise NotFound(say("pemda-no-year", ctx.lang, pemda=pemda, year=year, periods=periods))
    return data
