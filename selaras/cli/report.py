"""``selaras report``: the Rakor report of a pemda as HTML, PDF and Excel, with what changed since the last one."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from selaras.cli.context import CliContext, cli_context
from selaras.cli.messages import say
from selaras.cli.output import Stage, console, no_stage, stages
from selaras.report.scope import Scope

if TYPE_CHECKING:
    from selaras.report.history import Snapshot

__all__ = ["print_written", "produce_report", "report"]


def _previous(out: Path, previous: Path | None) -> Snapshot | None:
    """The snapshot to compare with: ``--previous`` when given, else the one an earlier run left in ``out``."""
    from selaras.report.history import SNAPSHOT_NAME, load_snapshot

    if previous is not None:
        return load_snapshot(previous)
    existing = out / SNAPSHOT_NAME
    return load_snapshot(existing) if existing.exists() else None


def produce_report(
    ctx: CliContext,
    *,
    pemda: str | None,
    year: int | None,
    out: Path,
    scope: Scope = Scope.PROVINSI,
    previous: Path | None = None,
    config: Path | None = None,
    stage: Stage = no_stage,
) -> dict[str, Path]:
    """Check, score and write the report of ``pemda`` (default: the one in the database) for ``year``
    (default: its planning year) into ``out``; returns the files by format; ``stage`` hears of each step.
    ``selaras demo`` calls it too, so the sample always ends with a report to look at."""
    from selaras.cli.planning import analyse_pemda
    from selaras.report.model import build_report
    from selaras.report.render import write_report
    from selaras.store.rakor import load_rakor_context

    earlier = _previous(out, previous)
    chosen, analysis = analyse_pemda(ctx, pemda, year, config=config, stage=stage)
    family = [chosen, *(p.kode for p in analysis.data.regional_pemda() if p.parent == chosen and p.kode != chosen)]
    stage("stage-report")
    with ctx.database.session() as session:
        context = load_rakor_context(session, chosen, family, analysis.year, date.today())
    model = build_report(
        analysis.data,
        analysis.report,
        analysis.cards,
        analysis.registry,
        pemda=chosen,
        year=analysis.year,
        scope=scope,
        lang=ctx.lang,
        previous=earlier,
        generated=date.today().isoformat(),
        thresholds=analysis.thresholds,
        followups=context.followups,
        responses=context.responses,
        deadline=context.deadline,
        submissions=context.submissions,
    )
    return write_report(model, out, on_format=lambda name: stage("stage-write", format=name.upper()))


def print_written(ctx: CliContext, written: dict[str, Path], seconds: float) -> None:
    shown = f"{seconds:.1f}".replace(".", "," if ctx.lang == "id" else ".")
    console.print(say("report-written", ctx.lang, seconds=shown))
    for path in written.values():
        console.print(f"  {path.resolve()}")


def report(
    context: typer.Context,
    pemda: str = typer.Option(
        None,
        "--pemda",
        help="Provinsi (beserta kab/kotanya) atau kab/kota; bawaan: pemda di basis data bila hanya satu.",
    ),
    year: int = typer.Option(None, "--year", help="Tahun Renja yang dilaporkan; bawaan: tahun perencanaan terakhir."),
    scope: Scope = typer.Option(
        Scope.PROVINSI, "--scope", help="PD yang dirinci: provinsi, kabkota atau semua (ringkasan selalu semua)."
    ),
    out: Path = typer.Option(
        ..., "--out", help="Folder tujuan: laporan.html, laporan.pdf, laporan.xlsx, laporan.json."
    ),
    previous: Path = typer.Option(None, "--previous", help="laporan.json lama untuk bagian 'perubahan'."),
    config: Path = typer.Option(
        None, "--config", help="Berkas TOML dengan tabel [thresholds]; menggantikan pengaturan SELARAS_THRESHOLDS."
    ),
) -> None:
    """Tulis laporan Rakor (HTML, PDF, Excel) sebuah pemda: skor, temuan, grafik dan tindakan per PD.

    Contoh: selaras report --pemda 62 --year 2026 --scope provinsi --out laporan-rakor
    """

    ctx = cli_context(context)
    started = time.perf_counter()
    with stages(ctx.lang, enabled=True) as stage:
        written = produce_report(
            ctx, pemda=pemda, year=year, out=out, scope=scope, previous=previous, config=config, stage=stage
        )
    print_written(ctx, written, time.perf_counter() - started)
