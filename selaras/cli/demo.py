"""``selaras demo``: build the sample province (or the national volume sample) into the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from selaras.cli.context import CliContext, cli_context
from selaras.cli.database import store_frameworks
from selaras.cli.messages import say
from selaras.cli.output import console, print_json, progress_bar, stages
from selaras.domain import DocumentKind
from selaras.report.format import number

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from selaras.domain.realisasi import Realisasi
    from selaras.sample import SampleData

__all__ = ["demo"]

NATIONAL_PEMDA = 546
"""Pemda in the national volume sample (every provinsi and kab/kota in code order, first 546)."""


def _store(session: Session, data: SampleData, stored_one: Callable[[], None]) -> None:
    """Replace whatever the database held for these pemda with the freshly generated sample (plans and the
    Renja's realisasi) in the caller's transaction, calling ``stored_one`` after each pemda's plans.

    The pemda are removed first, so they go back in as new ones (``add_pemda``: ``COPY`` on PostgreSQL), and
    only documents with realisasi need it stored: the others have none left to replace."""
    from selaras.store.bulk import add_pemda
    from selaras.store.realisasi import replace_realisasi
    from selaras.store.tenants import delete_pemda

    realisasi: dict[str, list[Realisasi]] = {}
    for record in data.realisasi:
        realisasi.setdefault(record.document, []).append(record)
    for pemda in data.pemda:
        delete_pemda(session, pemda.kode)
    for pemda in data.pemda:
        own = [plan for plan in data.plans if plan.document.pemda == pemda.kode]
        agencies = [agency for agency in data.perangkat_daerah if agency.pemda == pemda.kode]
        add_pemda(session, pemda=[pemda], perangkat_daerah=agencies, plans=own)
        for plan in own:
            if plan.document.key in realisasi:
                replace_realisasi(session, pemda.kode, plan.document.key, realisasi[plan.document.key])
        stored_one()


def _ahead(samples: Iterator[SampleData], depth: int = 2) -> Iterator[SampleData]:
    """``samples``, generated in a thread up to ``depth`` pemda ahead of the caller.

    Storing a pemda is mostly waiting for PostgreSQL to take its rows, and a thread waiting on the database
    leaves the interpreter free: the next pemda is generated meanwhile instead of afterwards, so the two cores
    both work. An error in the generator is raised here; leaving the loop early stops the thread."""
    import threading
    from queue import Full, Queue

    queue: Queue[SampleData | BaseException | None] = Queue(maxsize=depth)
    stop = threading.Event()

    def put(value: SampleData | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                queue.put(value, timeout=0.1)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for sample in samples:
                if not put(sample):
                    return
        except BaseException as error:  # handed to the consuming thread, which raises it
            put(error)
            return
        put(None)

    worker = threading.Thread(target=produce, name="sampel-berikutnya", daemon=True)
    worker.start()
    try:
        while (value := queue.get()) is not None:
            if isinstance(value, BaseException):
                raise value
            yield value
    finally:
        stop.set()
        worker.join()


def _roundtrip_sample_workbook(ctx: CliContext, data: SampleData, folder: Path) -> Path:
    """Export one provincial Renja as a Selaras workbook and import it back through the real importer."""
    from selaras.ingest.service import ImportRequest, import_file
    from selaras.workbook.writer import write_plan, write_template

    renja = next(plan for plan in data.plans if plan.document.kind is DocumentKind.RENJA)
    path = folder / "contoh-renja.xlsx"
    write_plan(path, renja)
    write_template(folder / "templat-renja.xlsx", kind=DocumentKind.RENJA, period=renja.document.period)
    request = ImportRequest(
        path=path,
        pemda=renja.document.pemda,
        kind=renja.document.kind,
        period=renja.document.period,
        pd=renja.document.pd,
        version=renja.document.version,
        user="demo",
    )
    import_file(ctx.database, request, nomenclature=ctx.nomenclature)
    return path


def _rakor_report(ctx: CliContext, out: Path, *, show: bool) -> dict[str, Path]:
    """The Rakor report of the sample province, so a newcomer ends the demo with something to open."""
    from selaras.cli.report import produce_report

    with stages(ctx.lang, enabled=show) as stage:
        return produce_report(ctx, pemda="62", year=2026, out=out, stage=stage)


def demo(
    context: typer.Context,
    clean: bool = typer.Option(False, "--clean", help="Data yang sama tanpa cacat yang disengaja."),
    scale: str = typer.Option("province", "--scale", help="province (62 dan 14 kab/kota) atau national (546 pemda)."),
    as_json: bool = typer.Option(False, "--json", help="Ringkasan JSON."),
    report: bool = typer.Option(True, "--report/--no-report", help="Akhiri dengan laporan Rakor provinsi sampel."),
) -> None:
    """Bangun data sampel yang deterministik: provinsi 62 dengan 14 kabupaten/kota, beserta daftar cacatnya.

    Contoh: selaras demo            (sampel dengan cacat sengaja, dicantumkan di data/sample/defects.json)
             selaras demo --clean    (sampel yang sama tanpa cacat)
    """
    from selaras.sample import generate_national, generate_province, write_manifest
    from selaras.store.bulk import refresh_statistics

    ctx = cli_context(context)
    if scale not in {"province", "national"}:
        raise typer.BadParameter("province | national", param_hint="--scale")
    folder = ctx.settings.data_dir / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    store_frameworks(ctx)
    totals = {"pemda": 0, "pd": 0, "documents": 0, "items": 0, "defects": 0}
    province = generate_province(clean=clean) if scale == "province" else None
    # One transaction for the whole sample: Ctrl-C (or any failure) part-way leaves the previous sample whole,
    # never a country of which half is new and half is old or missing.
    with (
        progress_bar(say("demo-building", ctx.lang, scope=scale), enabled=not as_json) as progress,
        ctx.database.session() as session,
    ):
        expected = 15 if province is not None else NATIONAL_PEMDA

        def stored_one() -> None:
            totals["pemda"] += 1
            progress(totals["pemda"], expected)

        for data in [province] if province is not None else _ahead(generate_national()):
            _store(session, data, stored_one)
            totals["pd"] += len(data.perangkat_daerah)
            totals["documents"] += len(data.plans)
            totals["items"] += sum(len(plan.items) for plan in data.plans)
            totals["defects"] += len(data.defects)
        refresh_statistics(session)
    workbook = None
    if province is not None:
        write_manifest(province.defects, folder / "defects.json")
        workbook = _roundtrip_sample_workbook(ctx, province, folder)
    rakor = _rakor_report(ctx, folder.parent / "laporan", show=not as_json) if report and province else None
    if as_json:
        print_json({**totals, "folder": str(folder), **({"report": str(rakor["pdf"])} if rakor else {})})
        return
    console.print(say("demo-done", ctx.lang, **{name: number(count, ctx.lang) for name, count in totals.items()}))
    console.print(say("demo-files", ctx.lang, path=folder.resolve()))
    if workbook is not None:
        console.print(f"  {workbook.resolve()}")
    if rakor:
        console.print(say("demo-report", ctx.lang))
        for path in rakor.values():
            console.print(f"  {path.resolve()}")
