"""``selaras scores``: the explainable scores of docs/scores.md, per pemda and per PD."""

from __future__ import annotations

import typer
from rich.table import Table

from selaras.checks.builtin import builtin_registry
from selaras.checks.run import run_checks
from selaras.checks.thresholds import CheckContext, load_thresholds
from selaras.cli.context import cli_context
from selaras.cli.output import console, print_json
from selaras.cli.planning import pemda_planning_data
from selaras.numbers import format_number
from selaras.scores import compute_scorecards
from selaras.scores.serialize import scorecard_to_dict

__all__ = ["scores"]

HEADLINE = ("keselarasan", "konsistensi", "orientasi_kinerja")


def _show(value: float | None) -> str:
    return "-" if value is None else format_number(value, decimals=1)


def scores(
    context: typer.Context,
    pemda: str = typer.Option("62", "--pemda", help="Provinsi (beserta kab/kotanya) atau kab/kota."),
    year: int = typer.Option(2026, "--year", help="Tahun Renja yang dinilai."),
    as_json: bool = typer.Option(False, "--json", help="Semua skor dengan pembilang, penyebut dan penyebabnya."),
    explain: int = typer.Option(10, "--explain", help="Berapa item penurun skor yang dicantumkan per skor (JSON)."),
    with_pd: bool = typer.Option(False, "--pd", help="Tampilkan juga skor per perangkat daerah."),
) -> None:
    """Hitung skor keselarasan, konsistensi, orientasi kinerja dan sinkronisasi IKU per pemda dan per PD.

    Example: selaras scores --pemda 62 --year 2026 --json
    """
    ctx = cli_context(context)
    registry = builtin_registry()
    data = pemda_planning_data(ctx, pemda, year)
    check_context = CheckContext(year, ctx.nomenclature, load_thresholds(None))
    report = run_checks(data, check_context, registry)
    cards = compute_scorecards(data, report, registry, year=year, thresholds=check_context.thresholds)
    if as_json:
        print_json([scorecard_to_dict(card, explain) for card in cards])
        return
    table = Table("Pemda", "PD", "Keselarasan", "Konsistensi", "Orientasi kinerja", header_style="bold")
    for card in cards:
        if card.pd is None or with_pd:
            table.add_row(card.pemda, card.pd or "-", *(_show(card.scores[key].value) for key in HEADLINE))
    console.print(table)
