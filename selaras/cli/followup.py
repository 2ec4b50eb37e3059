"""``selaras followup``: the tindak lanjut of a pemda's findings — the open ones per PD with their PIC and
deadline, and ``assign`` to give one finding, or every open finding of a PD or rule, to a person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from selaras.cli.click_texts import LocalizedCommand, LocalizedGroup
from selaras.cli.context import CliContext, cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json

if TYPE_CHECKING:
    from selaras.store.followup import FollowUpItem

__all__ = ["build"]


def _items(ctx: CliContext, pemda: str | None) -> tuple[str, list[FollowUpItem]]:
    from selaras.cli.planning import analyse_pemda
    from selaras.store.followup import followup_items

    chosen, analysis = analyse_pemda(ctx, pemda, None)
    with ctx.database.session() as session:
        return chosen, followup_items(session, analysis.report.findings, chosen)


def _deadline(text: str | None) -> date | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date() if text else None
    except ValueError:
        raise typer.BadParameter(f"'{text}' bukan tanggal TTTT-BB-HH", param_hint="--deadline") from None


def show(
    context: typer.Context,
    pemda: str | None = typer.Option(None, "--pemda", help="Kode pemda (bawaan: pemda di basis data)."),
    pd: str | None = typer.Option(None, "--pd", help="Hanya PD ini (kode PD)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Temuan yang masih terbuka per PD, dengan PIC dan tenggatnya (yang lewat tenggat ditandai).

    Contoh: selaras followup --pemda 62 --pd 1.02.01
    """
    if context.invoked_subcommand is not None:
        return
    ctx = cli_context(context)
    chosen, items = _items(ctx, pemda)
    today = date.today()
    shown = sorted(
        (item for item in items if item.is_open and (pd is None or item.finding.location.pd == pd)),
        key=lambda i: (i.finding.location.pd, i.followup.deadline if i.followup else date.max, i.finding.code),
    )
    rows = [
        {
            "pd": item.finding.location.pd,
            "code": item.finding.code,
            "key": item.key,
            "item": item.finding.location.code or item.finding.location.item,
            "state": item.state.value,
            "assignee": item.followup.assignee if item.followup else None,
            "deadline": item.followup.deadline.isoformat() if item.followup else None,
            "overdue": item.overdue(today),
        }
        for item in shown
    ]
    if as_json:
        print_json({"pemda": chosen, "open": rows})
        return
    if not rows:
        console.print(say("followup-none", ctx.lang, pemda=chosen))
        return
    table = Table(title=say("followup-title", ctx.lang, pemda=chosen, count=len(rows)))
    for title in ("PD", "Aturan", "Kunci", "Item", "Keadaan", "PIC", "Tenggat"):
        table.add_column(title)
    for row in rows:
        due = row["deadline"] or "-"
        table.add_row(
            str(row["pd"] or "-"),
            str(row["code"]),
            str(row["key"])[:12],
            str(row["item"]),
            str(row["state"]),
            str(row["assignee"] or "-"),
            f"{due} {say('followup-overdue', ctx.lang)}" if row["overdue"] else str(due),
        )
    console.print(table)


def assign_command(
    context: typer.Context,
    to: str = typer.Option(..., "--to", help="Nama pengguna PIC (editor PD temuan, atau pengguna lain pemda)."),
    pemda: str | None = typer.Option(None, "--pemda", help="Kode pemda (bawaan: pemda di basis data)."),
    finding: str | None = typer.Option(None, "--finding", help="Kunci temuan (cukup awalannya, dari `followup`)."),
    pd: str | None = typer.Option(None, "--pd", help="Semua temuan terbuka PD ini."),
    rule: str | None = typer.Option(None, "--rule", help="Semua temuan terbuka aturan ini (mis. SEL203)."),
    deadline: str | None = typer.Option(
        None, "--deadline", help="TTTT-BB-HH (bawaan: penutupan tahap kalender berikutnya, atau 30 hari)."
    ),
) -> None:
    """Tugaskan temuan kepada seorang PIC dengan tenggat: satu temuan (--finding) atau sekaligus per PD/aturan.

    Contoh: selaras followup assign --pemda 62 --pd 1.02.01 --to dinkes --deadline 2026-04-15
    """
    from selaras.store.followup import assign_many

    ctx = cli_context(context)
    if not (finding or pd or rule):
        raise typer.BadParameter(say("followup-which", ctx.lang), param_hint="--finding/--pd/--rule")
    chosen, items = _items(ctx, pemda)
    findings = [item.finding for item in items if finding is None or item.key.startswith(finding)]
    user = f"cli:{ctx.settings.user or 'lokal'}"
    with ctx.database.session() as session:
        done = assign_many(
            session,
            findings,
            pemda=chosen,
            assignee=to,
            username=user,
            today=date.today(),
            deadline=_deadline(deadline),
            pd=pd,
            rule=rule,
        )
    console.print(say("followup-assigned", ctx.lang, count=len(done), to=to))


def build(guard: Callable[[Callable[..., Any]], Callable[..., Any]]) -> typer.Typer:
    """The ``followup`` command group, each command wrapped by ``guard`` (the app's exit codes)."""
    app = typer.Typer(
        cls=LocalizedGroup,
        help="Tindak lanjut temuan: tanpa subperintah mencetak temuan terbuka per PD dengan PIC dan tenggat; "
        "subperintah: assign (lihat docs/followup.md).\n\nContoh: selaras followup --pemda 62",
    )
    app.callback(invoke_without_command=True)(guard(show))
    app.command("assign", cls=LocalizedCommand)(guard(assign_command))
    return app
