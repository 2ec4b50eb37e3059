"""``selaras demo``: build the sample province (or the national volume sample) into the database."""

from __future__ import annotations

from pathlib import Path

import typer

from selaras.cli.context import CliContext, cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json, progress_bar
from selaras.domain import DocumentKind
from selaras.ingest.service import ImportRequest, import_file
from selaras.reference.frameworks import national_frameworks
from selaras.reference.wilayah import PUSAT
from selaras.sample import SampleData, generate_national, generate_province, write_manifest
from selaras.store.bulk import save_all
from selaras.store.tenants import delete_pemda
from selaras.workbook.writer import write_plan, write_template

__all__ = ["demo"]


def _store(ctx: CliContext, data: SampleData) -> None:
    """Replace whatever the database held for these pemda with the freshly generated sample."""
    with ctx.database.session() as session:
        for pemda in data.pemda:
            delete_pemda(session, pemda.kode)
        save_all(session, pemda=data.pemda, perangkat_daerah=data.perangkat_daerah, plans=data.plans)


def _store_frameworks(ctx: CliContext) -> None:
    with ctx.database.session() as session:
        save_all(session, pemda=[PUSAT], perangkat_daerah=[], plans=national_frameworks())


def _roundtrip_sample_workbook(ctx: CliContext, data: SampleData, folder: Path) -> Path:
    """Export one provincial Renja as a Selaras workbook and import it back through the real importer."""
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


def demo(
    context: typer.Context,
    clean: bool = typer.Option(False, "--clean", help="Data yang sama tanpa cacat yang disengaja."),
    scale: str = typer.Option("province", "--scale", help="province (62 dan 14 kab/kota) atau national (546 pemda)."),
    as_json: bool = typer.Option(False, "--json", help="Ringkasan JSON."),
) -> None:
    """Bangun data sampel yang deterministik: provinsi 62 dengan 14 kabupaten/kota, beserta daftar cacatnya.

    Example: selaras demo            (sampel dengan cacat sengaja, dicantumkan di data/sample/defects.json)
             selaras demo --clean    (sampel yang sama tanpa cacat)
    """
    ctx = cli_context(context)
    if scale not in {"province", "national"}:
        raise typer.BadParameter("province | national", param_hint="--scale")
    folder = ctx.settings.data_dir / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    _store_frameworks(ctx)
    totals = {"pemda": 0, "pd": 0, "documents": 0, "items": 0, "defects": 0}
    with progress_bar(say("demo-building", ctx.lang, scope=scale), enabled=not as_json) as progress:
        samples = [generate_province(clean=clean)] if scale == "province" else generate_national()
        for done, data in enumerate(samples, start=1):
            _store(ctx, data)
            totals["pemda"] += len(data.pemda)
            totals["pd"] += len(data.perangkat_daerah)
            totals["documents"] += len(data.plans)
            totals["items"] += sum(len(plan.items) for plan in data.plans)
            totals["defects"] += len(data.defects)
            if scale == "province":
                write_manifest(data.defects, folder / "defects.json")
                workbook = _roundtrip_sample_workbook(ctx, data, folder)
            progress(done, 1 if scale == "province" else 546)
    if as_json:
        print_json({**totals, "folder": str(folder)})
        return
    console.print(say("demo-done", ctx.lang, **totals))
    console.print(say("demo-files", ctx.lang, path=folder.resolve()))
    if scale == "province":
        console.print(f"  {workbook.resolve()}")
