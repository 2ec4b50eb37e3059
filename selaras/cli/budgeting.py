"""``selaras anggaran``: konsistensi perencanaan–penganggaran of one pemda and year, and the shape of its budget.

A thin shell over :func:`selaras.checks.budgeting.analyse_budgeting`: load the pemda's plans, compare, and show
the result as tables, JSON (``selaras.checks.budgeting_serialize``) or a workbook.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from selaras.cli.context import cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json
from selaras.domain import DocumentKind
from selaras.errors import NotFound
from selaras.report.format import percent, rupiah

if TYPE_CHECKING:
    from selaras.checks.budgeting import BudgetingAnalysis, BudgetShape, Consistency, ItemMatch

__all__ = ["anggaran"]

STAGES = {"apbd": DocumentKind.APBD, "kua-ppas": DocumentKind.KUA_PPAS}


def _percent(share: Decimal | None, lang: str) -> str:
    return "–" if share is None else percent(share * 100, lang)


def _amount(value: Decimal | None, lang: str) -> str:
    return "–" if value is None else rupiah(value, lang)


def anggaran(
    context: typer.Context,
    pemda: str = typer.Option(..., "--pemda", help="Kode pemda Kemendagri, misalnya 81.04 (Kabupaten Buru)."),
    year: int = typer.Option(2026, "--year", help="Tahun anggaran (tahun RKPD/Renja yang dibandingkan)."),
    tahap: str = typer.Option(
        None, "--tahap", help="apbd atau kua-ppas (bawaan: APBD bila sudah ada, selain itu KUA-PPAS)."
    ),
    perubahan: bool = typer.Option(False, "--perubahan", help="Bandingkan versi perubahan, bukan versi murni."),
    rinci: bool = typer.Option(False, "--rinci", help="Cantumkan juga setiap sub kegiatan yang berbeda."),
    as_json: bool = typer.Option(False, "--json", help="Seluruh perbandingan sebagai JSON, per PD dan sub kegiatan."),
    xlsx: Path = typer.Option(None, "--xlsx", help="Tulis perbandingan ke berkas Excel ini."),
) -> None:
    """Konsistensi perencanaan–penganggaran: berapa bagian KUA-PPAS/APBD yang ada di Renja/RKPD tahun yang sama,
    berapa bagian rencana yang didanai, per PD dan pemda; serta porsi program penunjang, belanja modal dan
    sumber dana.

    Contoh: selaras anggaran --pemda 81.04 --year 2024 --xlsx anggaran-2024.xlsx
    """
    from selaras.checks.budgeting import analyse_budgeting, kind_label
    from selaras.checks.budgeting_serialize import budgeting_to_dict
    from selaras.store.planning import load_planning_data

    ctx = cli_context(context)
    if tahap is not None and tahap.lower() not in STAGES:
        raise typer.BadParameter("apbd | kua-ppas", param_hint="--tahap")
    stage = STAGES[tahap.lower()] if tahap is not None else None
    version = "perubahan" if perubahan else "murni"
    with ctx.database.session() as session:
        data = load_planning_data(session, pemda)
    analysis = analyse_budgeting(data, pemda, year, version=version, stage=stage)
    if analysis is None:
        wanted = "KUA-PPAS/APBD" if stage is None else kind_label(stage)
        raise NotFound(say("budget-none", ctx.lang, pemda=pemda, year=year, version=version, stage=wanted))
    if xlsx is not None:
        from selaras.report.budgeting_xlsx import write_budgeting_xlsx

        write_budgeting_xlsx(xlsx, analysis, lang=ctx.lang)
    if as_json:
        print_json(budgeting_to_dict(analysis))
        return
    _print(analysis, ctx.lang, rinci=rinci)
    if xlsx is not None:
        console.print(say("budget-written", ctx.lang, path=xlsx))


def _print(analysis: BudgetingAnalysis, lang: str, *, rinci: bool) -> None:
    from selaras.checks.budgeting import kind_label

    stage = kind_label(analysis.stage)
    console.print(
        say("budget-title", lang, pemda=analysis.pemda, year=analysis.year, stage=stage, version=analysis.version)
    )
    table = Table(*say("budget-columns", lang).split("|"), header_style="bold")
    for row in analysis.pds:
        plan = kind_label(row.plan.kind) if row.plan else say("budget-no-plan", lang)
        table.add_row(f"{row.pd}\n{plan}", *_cells(row.consistency, row.shape, lang, comparable=row.comparable))
    total = _cells(analysis.consistency, analysis.shape, lang, comparable=analysis.comparable)
    table.add_row(say("budget-total", lang), *total, style="bold")
    console.print(table)
    console.print(say("budget-legend", lang))
    _print_funds(analysis.shape, lang)
    if rinci:
        _print_differences(analysis, lang)


def _cells(consistency: Consistency, shape: BudgetShape, lang: str, *, comparable: bool) -> list[str]:
    """A PD with only one side shows no percentages of the other: 0 % would read as a finding."""
    return [
        f"{consistency.both} / {consistency.only_budget} / {consistency.only_plan}",
        rupiah(consistency.budget_pagu, lang),
        _percent(consistency.planned_share if comparable else None, lang),
        _percent(consistency.funded_share if comparable else None, lang),
        _percent(shape.penunjang_share, lang),
        _percent(shape.modal_share, lang),
    ]


def _print_funds(shape: BudgetShape, lang: str) -> None:
    if shape.modal_share is None:
        console.print(say("budget-no-rekening", lang))
    if not shape.has_sumber_dana:
        console.print(say("budget-no-sumber-dana", lang))
        return
    table = Table(*say("budget-fund-columns", lang).split("|"), header_style="bold")
    for fund in shape.sumber_dana:
        table.add_row(fund.kode, fund.nama, rupiah(fund.pagu, lang), _percent(fund.share, lang))
    console.print(table)


def _gap(match: ItemMatch) -> Decimal:
    plan = match.plan.pagu if match.plan else Decimal(0)
    budget = match.budget.pagu if match.budget else Decimal(0)
    return abs(budget - plan)


def _print_differences(analysis: BudgetingAnalysis, lang: str) -> None:
    """Sub kegiatan in one side only, or with a different pagu; the largest differences first."""
    from selaras.checks.budgeting import MatchStatus

    differing = [match for match in analysis.matches if match.status is not MatchStatus.BOTH or match.selisih]
    table = Table(*say("budget-item-columns", lang).split("|"), header_style="bold")
    for match in sorted(differing, key=_gap, reverse=True):
        table.add_row(
            match.pd,
            match.code,
            match.name,
            say(f"budget-status-{match.status.value}", lang),
            _amount(match.plan.pagu if match.plan else None, lang),
            _amount(match.budget.pagu if match.budget else None, lang),
        )
    console.print(table)
