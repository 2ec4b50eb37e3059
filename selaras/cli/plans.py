"""``selaras template``, ``import`` and ``export``: plans in and out of the database."""

from __future__ import annotations

from pathlib import Path

import typer

from selaras.changes import diff_lines
from selaras.cli.context import CliContext, cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, error_console, print_json, print_problems, progress_bar
from selaras.domain import DocumentKind, Period
from selaras.errors import ImportFailed
from selaras.ingest.problems import ImportProblem, Severity

__all__ = ["export", "import_", "template"]

KIND_HELP = "Jenis dokumen: " + ", ".join(kind.value.lower() for kind in DocumentKind) + "."


def _kind(value: str) -> DocumentKind:
    try:
        return DocumentKind.parse(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' — {KIND_HELP}") from None


def _period(kind: DocumentKind, year: int | None, period: str | None, lang: str) -> Period:
    if year is not None and period is None:
        return Period(year, year)
    if period is not None and year is None:
        try:
            return Period.parse(period)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--period") from None
    raise typer.BadParameter(say("period-needed", lang), param_hint="--year / --period")


def template(
    context: typer.Context,
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    out: Path = typer.Option(..., "--out", help="Berkas .xlsx yang ditulis."),
    year: int = typer.Option(None, "--year", help="Tahun dokumen tahunan (Renja, RKPD, RKP)."),
    period: str = typer.Option(None, "--period", help="Periode dokumen lima/dua puluh tahunan, misalnya 2025-2029."),
) -> None:
    """Tulis buku kerja Selaras kosong untuk satu jenis dokumen, lengkap dengan petunjuk dan pilihan isian.

    Contoh: selaras template --kind renja --year 2026 --out renja-2026.xlsx
    """
    from selaras.workbook.writer import write_template

    ctx = cli_context(context)
    document_kind = _kind(kind)
    default = Period(2026, 2026) if document_kind.is_annual else Period(2025, 2029)
    chosen = default if year is None and period is None else _period(document_kind, year, period, ctx.lang)
    write_template(out, kind=document_kind, period=chosen)
    console.print(say("template-written", ctx.lang, kind=document_kind.value, path=out))


def import_(
    context: typer.Context,
    file: Path = typer.Argument(..., help="Berkas .xlsx/.csv (tabel SIPD atau buku kerja Selaras) atau folder CSV."),
    pemda: str = typer.Option(..., "--pemda", help="Kode pemda Kemendagri, misalnya 62 atau 81.04."),
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    pd: str = typer.Option(
        None,
        "--pd",
        help="Perangkat daerah pemilik (kode, nama atau singkatan). Tidak perlu bila berkas menyebut SKPD-nya "
        "(Rekap SIPD, Tabel IV.3 KUA-PPAS): tiap SKPD menjadi dokumennya sendiri; dengan --pd hanya SKPD itu.",
    ),
    new_pd: bool = typer.Option(False, "--pd-baru", help="Daftarkan --pd sebagai PD baru bila belum ada di pemda."),
    force: bool = typer.Option(
        False, "--force", help="Simpan juga bila isi berkas menyebut PD lain (SKPD atau bidang urusan); dicatat."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Baca dan bandingkan dengan yang tersimpan, tampilkan perubahannya; tidak menyimpan."
    ),
    year: int = typer.Option(None, "--year", help="Tahun dokumen tahunan, misalnya 2026."),
    period: str = typer.Option(None, "--period", help="Periode, misalnya 2025-2029."),
    version: str = typer.Option(
        None, "--version", help="Label versi: murni/perubahan (KUA-PPAS, APBD), rancangan/final/perubahan (rencana)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Ringkasan JSON: jumlah item, indikator, pagu, galat."),
) -> None:
    """Impor dokumen rencana atau anggaran; berkas bergalat tidak menyimpan apa pun, impor ulang tidak mengubah apa pun.

    Kode keluar 0: berhasil; 1: berkas bergalat (semua dicantumkan dengan berkas, lembar, baris, kolom);
    2: cara pakai salah; 130: dihentikan dengan Ctrl-C (tidak ada yang tersimpan).

    Contoh: selaras import rekap_2024.xlsx --pemda 81.04 --kind apbd --year 2024
    """
    from selaras.ingest.service import ImportRequest, import_file
    from selaras.ingest.upload_limits import check_unpacked_size

    ctx = cli_context(context)
    document_kind = _kind(kind)
    request = ImportRequest(
        path=file,
        pemda=pemda,
        kind=document_kind,
        period=_period(document_kind, year, period, ctx.lang),
        pd=pd,
        version=version,
        user=ctx.settings.user,
        create_pd=new_pd,
        force=force,
        dry_run=dry_run,
    )
    if file.is_file():  # a zip bomb is refused before anything unpacks it, as on the web
        check_unpacked_size(file, limit=ctx.settings.unpacked_limit_mb * 1_000_000)
    try:
        with progress_bar(say("reading", ctx.lang, file=file.name), enabled=not as_json) as progress:
            result = import_file(ctx.database, request, nomenclature=ctx.nomenclature, progress=progress)
    except ImportFailed as failure:
        _report_failure(failure.problems, file, ctx.lang, as_json)
        raise typer.Exit(1) from None
    if as_json:
        print_json(
            {
                "ok": True,
                "outcome": result.outcome,
                "format": result.file_format,
                **result.totals(),
                "documents": [
                    {"document": done.document_key, "pd": done.pd, "outcome": done.outcome, **done.counts}
                    for done in result.documents
                ],
                "errors": [],
                "warnings": [problem.to_dict(ctx.lang) for problem in result.warnings],
            }
        )
        return
    from selaras.reference.wilayah import time_zone
    from selaras.report.format import when

    zone = time_zone(pemda)
    unchanged = [done for done in result.documents if done.outcome == "unchanged" and done.previous_import]
    if len(result.documents) > 1 and len(unchanged) == len(result.documents):
        first = min(done.previous_import for done in unchanged if done.previous_import)
        console.print(say("all-unchanged", ctx.lang, documents=len(unchanged), when=when(first, ctx.lang, zone)))
        return
    for done in result.documents:
        if done.outcome == "unchanged" and done.previous_import is not None:
            at = when(done.previous_import, ctx.lang, zone)
            console.print(say("unchanged", ctx.lang, key=done.document_key, when=at))
            continue
        if dry_run:
            console.print(
                say("dry-run", ctx.lang, key=done.document_key, outcome=say(f"would-{done.outcome}", ctx.lang))
            )
            if done.diff is not None:
                for line in diff_lines(done.diff, ctx.lang):
                    console.print(line)
            continue
        console.print(
            say(
                "imported",
                ctx.lang,
                key=done.document_key,
                outcome=say(f"outcome-{done.outcome}", ctx.lang),
                items=_item_total(done.counts),
                indicators=done.counts["indicators"],
            )
        )
        if done.diff is not None:  # what the replacement changed, in counts and pagu: a wrong file shows at once
            for line in diff_lines(done.diff, ctx.lang, limit=0):
                console.print(line)
    if any(done.outcome == "replaced" for done in result.documents) and not dry_run:
        console.print(say("replaced-hint", ctx.lang))
    if len(result.documents) > 1:
        totals = result.totals()
        console.print(say("imported-total", ctx.lang, documents=len(result.documents), items=_item_total(totals)))
    if result.warnings:
        console.print(say("warnings", ctx.lang, count=len(result.warnings)))
        print_problems(result.warnings, ctx.lang, stderr=False)


def _item_total(counts: dict[str, object]) -> int:
    items = counts["items"]
    return sum(int(str(number)) for number in items.values()) if isinstance(items, dict) else 0


def _report_failure(problems: list[ImportProblem], file: Path, lang: str, as_json: bool) -> None:
    errors = [problem for problem in problems if problem.severity is Severity.GALAT]
    if as_json:
        warnings = [problem for problem in problems if problem.severity is not Severity.GALAT]
        print_json(
            {
                "ok": False,
                "errors": [problem.to_dict(lang) for problem in errors],
                "warnings": [problem.to_dict(lang) for problem in warnings],
            }
        )
        return
    error_console.print(say("import-failed", lang, count=len(errors), file=file.name), soft_wrap=True, markup=False)
    print_problems(problems, lang, stderr=True)


EXPORT_FORMATS = ("selaras", "permendagri86")


def export(
    context: typer.Context,
    document: str = typer.Argument(..., help="Kunci dokumen, lihat `selaras info --documents`."),
    out: Path = typer.Option(
        ..., "--out", help="Berkas .xlsx (permendagri86: .xlsx atau .pdf), atau folder bila --csv."
    ),
    csv: bool = typer.Option(False, "--csv", help="Tulis CSV (satu berkas per lembar) ke folder --out."),
    form: str = typer.Option(
        "selaras",
        "--format",
        help="selaras: buku kerja yang dapat diimpor kembali (bawaan); permendagri86: tabel resmi Renja (T-C.33) "
        "atau RKPD untuk dicetak dan ditandatangani, dengan kop, subtotal dan blok tanda tangan.",
    ),
    paper: str = typer.Option("a4", "--kertas", help="permendagri86: ukuran kertas lanskap, a4 atau f4."),
    place: str = typer.Option(
        "", "--tempat", help="permendagri86: tempat di atas tanda tangan, misalnya Palangka Raya."
    ),
    when: str = typer.Option(
        None, "--tanggal", help="permendagri86: tanggal di atas tanda tangan (teks bebas); bawaan hari ini."
    ),
) -> None:
    """Ekspor dokumen tersimpan: ke buku kerja Selaras (mengimpornya kembali menghasilkan dokumen yang sama persis),
    atau sebagai tabel resmi Permendagri 86/2017 (Renja, RKPD) dalam Excel atau PDF.

    Contoh: selaras export "62/RENJA/5.01.01/2026/final" --out renja.xlsx
    Contoh: selaras export "62/RENJA/5.01.01/2026/final" --format permendagri86 --out renja-t-c33.pdf --kertas f4
    """
    ctx = cli_context(context)
    chosen = form.strip().lower()
    if chosen not in EXPORT_FORMATS:
        raise typer.BadParameter(", ".join(EXPORT_FORMATS), param_hint="--format")
    if chosen == "permendagri86":
        if csv:
            raise typer.BadParameter(say("official-no-csv", ctx.lang), param_hint="--csv")
        _export_official(ctx, document, out, paper=paper, place=place, when=when)
        console.print(say("exported", ctx.lang, key=document, path=out))
        return
    from selaras.store.plans import load_plan
    from selaras.workbook.writer import write_csv_dir, write_plan

    with ctx.database.session() as session:
        plan = load_plan(session, document)
    if csv:
        write_csv_dir(out, plan)
    else:
        write_plan(out, plan)
    console.print(say("exported", ctx.lang, key=document, path=out))


def _export_official(ctx: CliContext, document: str, out: Path, *, paper: str, place: str, when: str | None) -> None:
    """The Renja or RKPD as its Permendagri 86/2017 table, Excel or PDF by the suffix of ``out``."""
    from selaras.report.official.load import document_table_kind, load_official_table
    from selaras.report.official.pdf import write_official_pdf
    from selaras.report.official.table import Paper
    from selaras.report.official.xlsx import write_official_xlsx

    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise typer.BadParameter(say("official-suffix", ctx.lang, path=out), param_hint="--out")
    try:
        size = Paper(paper.strip().lower())
    except ValueError:
        raise typer.BadParameter(", ".join(choice.value for choice in Paper), param_hint="--kertas") from None
    with ctx.database.session() as session:
        if document_table_kind(session, document) is None:
            kind = document.split("/")[1]  # a stored key reads pemda/KIND/pd/period/version
            raise typer.BadParameter(say("official-kind", ctx.lang, key=document, kind=kind), param_hint="DOCUMENT")
        table = load_official_table(session, document, nomenclature=ctx.nomenclature, place=place, when=when)
    if suffix == ".pdf":
        write_official_pdf(table, out, paper=size)
    else:
        write_official_xlsx(table, out, paper=size)
