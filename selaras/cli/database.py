"""``selaras init`` and ``selaras info``: the database itself."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.table import Table

from selaras.cli.context import CliContext, cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json
from selaras.reference.frameworks import national_frameworks
from selaras.reference.wilayah import PUSAT

__all__ = ["info", "init", "store_frameworks"]

FRAMEWORK_NAMES = "Asta Cita, RPJMN, RPJPN, TPB, SDG"
"""What :func:`national_frameworks` holds, as the user knows them (``init`` names them)."""


def store_frameworks(ctx: CliContext) -> tuple[int, int]:
    """Store the bundled national frameworks (the targets of ``selaras suggest``) under the central government;
    returns how many documents were written and how many were already stored as they are. Unchanged documents
    are skipped, so running it again is a no-op, and links into them (the planners' decisions) survive a newer
    bundled version."""
    from selaras.store.bulk import save_all

    plans = national_frameworks()
    with ctx.database.session() as session:
        written = save_all(session, pemda=[PUSAT], perangkat_daerah=[], plans=plans)
    return written, len(plans) - written


def init(context: typer.Context) -> None:
    """Buat basis data (atau naikkan ke skema terbaru), muat kerangka nasional (Asta Cita, RPJMN, RPJPN,
    TPB/SDG) sebagai sasaran `selaras suggest`, dan tampilkan lokasinya. Aman dijalankan ulang.

    Contoh: selaras init
    """
    ctx = cli_context(context)
    database = ctx.database
    written, unchanged = store_frameworks(ctx)
    console.print(say("db-ready", ctx.lang, url=database.engine.url.render_as_string(hide_password=True)))
    console.print(say("frameworks-loaded", ctx.lang, names=FRAMEWORK_NAMES, written=written, unchanged=unchanged))


def info(
    context: typer.Context,
    pemda: str = typer.Option(None, "--pemda", help="Hanya pemda ini (dan kab/kota-nya), misalnya 62."),
    documents: bool = typer.Option(False, "--documents", help="Daftar dokumen beserta kuncinya."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON untuk dibaca mesin."),
) -> None:
    """Isi basis data: pemda, perangkat daerah, dokumen per jenis, item per tingkat, tautan.

    Contoh: selaras info --pemda 62 --documents
    """
    from sqlalchemy import select

    from selaras.store.summary import summarize
    from selaras.store.tables import DocumentRow

    ctx = cli_context(context)
    with ctx.database.session() as session:
        summary = summarize(session, pemda)
        query = select(DocumentRow.key, DocumentRow.title).order_by(DocumentRow.key)
        if pemda:
            query = query.where((DocumentRow.pemda == pemda) | DocumentRow.pemda.startswith(f"{pemda}."))
        listed = [{"key": key, "title": title} for key, title in session.execute(query)] if documents else []
    if as_json:
        print_json({**asdict(summary), "documents": listed} if documents else asdict(summary))
        return
    table = Table("", "Jumlah" if ctx.lang == "id" else "Count", header_style="bold")
    table.add_row("pemda", str(summary.pemda))
    table.add_row("perangkat daerah", str(summary.perangkat_daerah))
    for kind, count in summary.documents_per_kind.items():
        table.add_row(f"dokumen {kind}", str(count))
    for level, count in summary.items_per_level.items():
        table.add_row(level.replace("_", " "), str(count))
    table.add_row("indikator", str(summary.indicators))
    table.add_row("anggaran (pagu per tahun)", str(summary.budgets))
    for status, count in summary.links_per_status.items():
        table.add_row(f"tautan {status}", str(count))
    table.add_row("impor", str(summary.imports))
    console.print(table)
    for row in listed:
        console.print(f"{row['key']}  {row['title']}")
