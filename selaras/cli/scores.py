"""``selaras scores``: the explainable scores of docs/scores.md, per pemda and per PD."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from selaras.cli.context import cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json, stages
from selaras.numbers import format_number
from selaras.scores.model import HEADLINE

__all__ = ["scores"]


def _show(value: float | None) -> str:
    return "-" if value is None else format_number(value, decimals=1)


def scores(
    context: typer.Context,
    pemda: str = typer.Option(
        None,
        "--pemda",
        help="Provinsi (beserta kab/kotanya) atau kab/kota; bawaan: pemda di basis data bila hanya satu.",
    ),
    year: int = typer.Option(
        None, "--year", help="Tahun Renja yang dinilai; bawaan: tahun perencanaan terakhir pemda."
    ),
    as_json: bool = typer.Option(False, "--json", help="Semua skor dengan pembilang, penyebut dan penyebabnya."),
    explain: int = typer.Option(10, "--explain", help="Berapa item penurun skor yang dicantumkan per skor (JSON)."),
    with_pd: bool = typer.Option(False, "--pd", help="Tampilkan juga skor per perangkat daerah."),
    config: Path = typer.Option(
        None, "--config", help="Berkas TOML dengan tabel [thresholds]; menggantikan pengaturan SELARAS_THRESHOLDS."
    ),
) -> None:
    """Hitung skor keselarasan, konsistensi, orientasi kinerja dan sinkronisasi IKU per pemda dan per PD.

    Contoh: selaras scores --pemda 62 --year 2026 --json
    """
    from selaras.cli.planning import analyse_pemda
    from selaras.scores.serialize import scorecard_to_dict

    ctx = cli_context(context)
    with stages(ctx.lang, enabled=not as_json) as stage:
        _, analysis = analyse_pemda(ctx, pemda, year, config=config, stage=stage)
        stage("stage-score")
        cards = analysis.cards
    if as_json:
        print_json([scorecard_to_dict(card, explain) for card in cards])
        return
    titles = {key: say(f"score-{key}", ctx.lang) for key in HEADLINE}
    table = Table("Pemda", "PD", *titles.values(), header_style="bold")
    for card in cards:
        if card.pd is None or with_pd:
            table.add_row(card.pemda, card.pd or "-", *(_show(card.scores[key].value) for key in HEADLINE))
    console.print(table)
    for card in cards:  # why a "-" is not computed, once per pemda (its PD share the reason)
        for key, title in titles.items() if card.pd is None else ():
            if (reason := card.scores[key].unavailable) is not None:
                why = say(f"unavailable-{reason}", ctx.lang)
                console.print(say("score-unavailable", ctx.lang, pemda=card.pemda, score=title, reason=why))
