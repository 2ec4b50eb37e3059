"""``selaras calendar``: the planning calendar of a pemda — show it, set it from the regulation template, move
a stage's dates, reopen a closed stage, and sign a document off to its next stage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import typer
from rich.table import Table

from selaras.cli.click_texts import LocalizedCommand, LocalizedGroup
from selaras.cli.context import cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json
from selaras.domain import DocumentKind
from selaras.domain.calendar import Stage, regulation_template, stages_of
from selaras.reference.wilayah import get_pemda

__all__ = ["build"]

DUE_DAYS = 14
PEMDA = typer.Option(..., "--pemda", help="Kode pemda, misalnya 62 atau 62.71.")
YEAR_HELP = "Siklus: tahun pertama yang direncanakan dokumennya (bawaan: tahun depan, yang sedang disusun)."


def _year(year: int | None) -> int:
    return year or date.today().year + 1


def _who(context: typer.Context) -> str:
    return f"cli:{cli_context(context).settings.user or 'lokal'}"


def _kind_stage(kind: str, stage: str) -> tuple[DocumentKind, Stage]:
    try:
        chosen = DocumentKind.parse(kind)
    except ValueError:
        raise typer.BadParameter(f"jenis dokumen '{kind}' tidak dikenal", param_hint="--kind") from None
    names = ", ".join(step.value for step in stages_of(chosen)) or "-"
    try:
        step = Stage(stage.strip().lower())
    except ValueError:
        step = None
    if step is None or step not in stages_of(chosen):
        raise typer.BadParameter(f"{chosen.value} memiliki tahap: {names}", param_hint="--stage")
    return chosen, step


def show(
    context: typer.Context,
    pemda: str = typer.Option(None, "--pemda", help="Kode pemda (bawaan: satu-satunya pemda yang berkalender)."),
    year: int = typer.Option(None, "--year", help=YEAR_HELP),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Tampilkan kalender perencanaan satu siklus: tahapan, yang jatuh tempo dalam 14 hari, dan PD yang belum
    menyampaikan dokumennya; subperintah mengatur kalender.

    Contoh: selaras calendar --pemda 62 --year 2027
    """
    from selaras.store.calendar import due_soon, load_calendar, pending_submissions

    if context.invoked_subcommand is not None:
        return
    if pemda is None:
        pemda = _only_pemda(context)
    ctx, today, kode = cli_context(context), date.today(), get_pemda(pemda).kode
    chosen = _year(year)
    with ctx.database.session() as session:
        calendar = load_calendar(session, kode, chosen)
        due = due_soon(session, kode, today, DUE_DAYS)
        pending = pending_submissions(session, kode, chosen, today)
    if as_json:
        print_json(
            {
                "pemda": kode,
                "year": chosen,
                "today": today.isoformat(),
                "stages": [
                    {
                        "kind": w.kind.value,
                        "stage": w.stage.value,
                        "opens": w.opens.isoformat(),
                        "closes": w.closes.isoformat(),
                        "reopened_until": w.reopened_until.isoformat() if w.reopened_until else None,
                        "state": w.state(today),
                        "basis": w.basis,
                    }
                    for w in calendar.windows
                ],
                "due": [{"year": cycle, "kind": w.kind.value, "stage": w.stage.value} for cycle, w in due],
                "not_submitted": [
                    {"kind": s.window.kind.value, "stage": s.window.stage.value, "pd": s.pd, "late": s.late}
                    for s in pending
                ],
            }
        )
        return
    lang = ctx.lang
    if not calendar.windows:
        console.print(say("calendar-empty", lang, pemda=kode, year=chosen))
    else:
        table = Table(title=say("calendar-title", lang, pemda=kode, year=chosen), header_style="bold")
        for column in say("calendar-columns", lang).split("|"):
            table.add_column(column, overflow="fold")
        for w in calendar.windows:
            closes = w.closes.isoformat() + (f" (→ {w.reopened_until.isoformat()})" if w.reopened_until else "")
            table.add_row(w.title, w.opens.isoformat(), closes, w.state(today), w.basis)
        console.print(table)
    console.print(say("calendar-due", lang, days=DUE_DAYS, count=len(due)))
    for cycle, w in due:
        console.print(f"  {w.closes.isoformat()}  {w.title} {cycle}")
    console.print(say("calendar-pending", lang, count=len(pending)))
    for s in pending:
        late = say("calendar-late", lang) if s.late else ""
        console.print(f"  {s.window.title}: {s.pd or kode} {late}".rstrip())


def _only_pemda(context: typer.Context) -> str:
    from selaras.store.calendar import calendar_pemda

    with cli_context(context).database.session() as session:
        found = calendar_pemda(session)
    if len(found) != 1:
        listed = ", ".join(found) or "belum ada"
        raise typer.BadParameter(f"sebutkan pemda (pemda berkalender: {listed})", param_hint="--pemda")
    return found[0]


def template(
    context: typer.Context,
    pemda: str = PEMDA,
    year: int = typer.Option(None, "--year", help=YEAR_HELP),
    inauguration: str = typer.Option(
        None, "--pelantikan", help="Tanggal pelantikan kepala daerah (YYYY-MM-DD): menambahkan RPJMD dan Renstra."
    ),
) -> None:
    """Atur kalender satu siklus dari templat yang mengikuti peraturan (menggantikan tanggal yang ada).

    Contoh: selaras calendar template --pemda 62 --year 2027
    """
    from selaras.store.calendar import apply_template

    ctx, found = cli_context(context), get_pemda(pemda)
    chosen = _year(year)
    inaugurated = _date(inauguration, "--pelantikan") if inauguration else None
    windows = regulation_template(chosen, provinsi=not found.level.is_kabkota, inauguration=inaugurated)
    with ctx.database.session() as session:
        apply_template(session, found.kode, chosen, windows, username=_who(context))
    console.print(say("calendar-template", ctx.lang, pemda=found.kode, year=chosen, count=len(windows)))


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"'{text}' bukan tanggal (contoh: 2026-06-30)", param_hint=option) from None


def set_dates(
    context: typer.Context,
    pemda: str = PEMDA,
    year: int = typer.Option(None, "--year", help=YEAR_HELP),
    kind: str = typer.Option(..., "--kind", help="Jenis dokumen: rpjpd, rpjmd, renstra, rkpd, renja, kua_ppas, apbd."),
    stage: str = typer.Option(
        ..., "--stage", help="Tahap: rancangan_awal, forum, rancangan_akhir, penetapan, perubahan."
    ),
    opens: str = typer.Option(..., "--opens", help="Tanggal dibuka (YYYY-MM-DD)."),
    closes: str = typer.Option(..., "--closes", help="Tanggal ditutup, inklusif (YYYY-MM-DD)."),
) -> None:
    """Ubah tanggal buka dan tutup satu tahap.

    Contoh: selaras calendar set --pemda 62 --kind rkpd --stage penetapan --opens 2026-06-01 --closes 2026-06-25
    """
    from selaras.store.calendar import set_stage_dates

    ctx, kode = cli_context(context), get_pemda(pemda).kode
    chosen, step = _kind_stage(kind, stage)
    opened, closed = _date(opens, "--opens"), _date(closes, "--closes")
    with ctx.database.session() as session:
        window = set_stage_dates(
            session, kode, _year(year), chosen, step, opens=opened, closes=closed, username=_who(context)
        )
    console.print(say("calendar-set", ctx.lang, stage=window.title, dates=window.dates))


def reopen(
    context: typer.Context,
    pemda: str = PEMDA,
    year: int = typer.Option(None, "--year", help=YEAR_HELP),
    kind: str = typer.Option(..., "--kind", help="Jenis dokumen, misalnya renja."),
    stage: str = typer.Option(..., "--stage", help="Tahap yang dibuka kembali, misalnya rancangan_akhir."),
    until: str = typer.Option(..., "--until", help="Dibuka kembali sampai tanggal ini, inklusif (YYYY-MM-DD)."),
) -> None:
    """Buka kembali tahap yang sudah ditutup sampai suatu tanggal (tercatat di log audit).

    Contoh: selaras calendar reopen --pemda 62 --year 2027 --kind renja --stage rancangan_akhir --until 2026-07-10
    """
    from selaras.store.calendar import reopen_stage

    ctx, kode = cli_context(context), get_pemda(pemda).kode
    chosen, step = _kind_stage(kind, stage)
    with ctx.database.session() as session:
        window = reopen_stage(
            session, kode, _year(year), chosen, step, until=_date(until, "--until"), username=_who(context)
        )
    console.print(say("calendar-reopened", ctx.lang, stage=window.title, until=until))


def sign_off_command(
    context: typer.Context,
    document: str = typer.Argument(..., help="Kunci dokumen, misalnya 62/RENJA/1.02.01/2027/final."),
) -> None:
    """Verifikasi dokumen: pindahkan ke tahap berikutnya (tercatat di log audit).

    Contoh: selaras calendar sign-off 62/RENJA/1.02.01/2027/final
    """
    from selaras.store.calendar import sign_off

    ctx = cli_context(context)
    with ctx.database.session() as session:
        stage = sign_off(session, document, username=_who(context))
    console.print(say("calendar-signed-off", ctx.lang, document=document, stage=stage.value))


def build(guard: Callable[[Callable[..., Any]], Callable[..., Any]]) -> typer.Typer:
    """The ``calendar`` command group, each command wrapped by ``guard`` (the app's exit codes)."""
    app = typer.Typer(
        cls=LocalizedGroup,
        help="Kalender perencanaan: tahapan, batas waktu dan penguncian dokumen. Tanpa subperintah mencetak "
        "kalender; subperintah: template, set, reopen, sign-off (lihat docs/calendar.md).\n\n"
        "Contoh: selaras calendar --pemda 62 --year 2027",
    )
    app.callback(invoke_without_command=True)(guard(show))
    app.command("template", cls=LocalizedCommand)(guard(template))
    app.command("set", cls=LocalizedCommand)(guard(set_dates))
    app.command("reopen", cls=LocalizedCommand)(guard(reopen))
    app.command("sign-off", cls=LocalizedCommand)(guard(sign_off_command))
    return app
