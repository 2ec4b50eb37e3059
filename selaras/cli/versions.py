"""``selaras versions``, ``restore`` and ``diff``: every state a document had, bringing one back, what changed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from selaras.changes import MAX_LINES, diff_lines
from selaras.checks.findings import Finding
from selaras.cli.context import cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, print_json
from selaras.domain import Plan

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from selaras.analysis import FindingChanges
    from selaras.domain.diff import PlanDiff

__all__ = ["diff", "restore", "versions"]


def versions(
    context: typer.Context,
    document: str = typer.Argument(..., help="Kunci dokumen, lihat `selaras info --documents`."),
    as_json: bool = typer.Option(False, "--json", help="Daftar versi sebagai JSON."),
) -> None:
    """Daftar versi dokumen: setiap impor, pemulihan, dan suntingan yang diganti, dengan siapa, kapan, berkas apa.

    Contoh: selaras versions "81.04/RENJA/1.02.0.00.0.00.01.0000/2024/final"
    """
    from selaras.store.plans import load_plan
    from selaras.store.versions import list_versions

    ctx = cli_context(context)
    with ctx.database.session() as session:
        load_plan(session, document)  # NotFound (exit 2) for an unknown key
        found = list_versions(session, document)
    if as_json:
        print_json(
            [
                {
                    "version": version.number,
                    "saved_at": version.saved_at.isoformat(),
                    "saved_by": version.saved_by,
                    "reason": version.reason,
                    "file": version.file_name,
                    "forced": version.forced,
                    **version.counts,
                }
                for version in found
            ]
        )
        return
    from selaras.reference.wilayah import time_zone
    from selaras.report.format import when

    if not found:
        console.print(say("no-versions", ctx.lang, key=document))
    for version in found:
        items = version.counts.get("items")
        total = sum(int(str(count)) for count in items.values()) if isinstance(items, dict) else 0
        console.print(
            say(
                "version-line",
                ctx.lang,
                number=version.number,
                when=when(version.saved_at, ctx.lang, time_zone(document.split("/")[0])),
                who=version.saved_by,
                reason=version.reason + (" --force" if version.forced else ""),
                file=version.file_name or "-",
                items=total,
            )
        )


def restore(
    context: typer.Context,
    document: str = typer.Argument(..., help="Kunci dokumen."),
    version: int = typer.Option(..., "--version", help="Nomor versi yang dipulihkan (lihat `selaras versions`)."),
) -> None:
    """Pulihkan satu versi dokumen persis seperti semula; isi saat ini disimpan dulu sebagai versi (bisa dibatalkan).

    Contoh: selaras restore "81.04/RENJA/1.02.0.00.0.00.01.0000/2024/final" --version 2
    """
    from selaras.domain.diff import diff_plans
    from selaras.store.audit import record_audit
    from selaras.store.plans import load_plan
    from selaras.store.versions import restore_version

    ctx = cli_context(context)
    user = ctx.settings.user
    with ctx.database.session() as session:
        before = load_plan(session, document)
        outcome = restore_version(session, document, version, user)
        after = load_plan(session, document)
        record_audit(
            session,
            pemda=after.document.pemda,
            username=user,
            action="restore",
            entity="document",
            entity_id=document,
            old=before.summary(),
            new={"version": version, "outcome": outcome, **after.summary()},
        )
    console.print(
        say("restored-unchanged" if outcome == "unchanged" else "restored", ctx.lang, key=document, version=version)
    )
    for line in diff_lines(diff_plans(before, after), ctx.lang):
        console.print(line)


def diff(
    context: typer.Context,
    document: str = typer.Argument(..., help="Kunci dokumen (yang lama, atau satu-satunya dengan --versi)."),
    other: str = typer.Argument(None, help="Kunci dokumen kedua (yang baru), mis. versi perubahan."),
    version: list[int] = typer.Option(
        None, "--versi", help="Nomor versi: satu (dibandingkan dengan isi saat ini) atau dua (lama lalu baru)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Perubahan sebagai JSON."),
    xlsx: Path = typer.Option(None, "--xlsx", help="Tulis perubahan ke berkas Excel ini."),
    findings: bool = typer.Option(
        True, "--temuan/--tanpa-temuan", help="Bandingkan juga temuan pemeriksaan (baru dan selesai)."
    ),
) -> None:
    """Apa yang berubah antara dua dokumen atau dua versi satu dokumen: butir, indikator, target, pagu, tautan,
    dan temuan pemeriksaan yang muncul atau selesai.

    Contoh: selaras diff "62/RENJA/1.02.01/2026/rancangan" "62/RENJA/1.02.01/2026/final"
    """
    from selaras.analysis import finding_changes, thresholds_for
    from selaras.domain.diff import diff_plans
    from selaras.store.planning import load_planning_data

    ctx = cli_context(context)
    with ctx.database.session() as session:
        old, new = _pair(session, document, other, version or [])
        data = load_planning_data(session, new.document.pemda) if findings else None
    numbers = version or []
    labels = (
        [document, other]
        if other
        else [
            f"{document} (versi {numbers[0]})",
            f"{document} ({'versi ' + str(numbers[1]) if len(numbers) == 2 else 'kini'})",
        ]
    )
    changes = diff_plans(old, new)
    found = None
    if data is not None:
        year = new.document.period.start
        found = finding_changes(
            data, old, new, year=year, nomenclature=ctx.nomenclature, thresholds=thresholds_for(ctx.settings)
        )
    if xlsx is not None:
        _write_xlsx(xlsx, changes, found, ctx.lang)
    if as_json:
        print_json({**_json(old, new, changes), **_findings_json(found, ctx.lang)})
        return
    console.print(say("diff-head", ctx.lang, old=labels[0], new=labels[1]))
    for line in diff_lines(changes, ctx.lang):
        console.print(line)
    if found is not None:
        console.print(say("diff-findings", ctx.lang, new=len(found.new), resolved=len(found.resolved)))
        for label, group in (("+", found.new), ("-", found.resolved)):
            for finding in group[:MAX_LINES]:
                console.print(f"  {label} {finding.code} {finding.location.item} {render_message(finding, ctx.lang)}")
    if xlsx is not None:
        console.print(say("diff-written", ctx.lang, path=xlsx))


def _pair(session: Session, document: str, other: str | None, numbers: list[int]) -> tuple[Plan, Plan]:
    from selaras.store.plans import load_plan
    from selaras.store.versions import load_version

    if other and numbers:
        raise typer.BadParameter("--versi hanya untuk satu dokumen", param_hint="--versi")
    if other:
        return load_plan(session, document), load_plan(session, other)
    if len(numbers) == 1:
        return load_version(session, document, numbers[0]), load_plan(session, document)
    if len(numbers) == 2:
        return load_version(session, document, numbers[0]), load_version(session, document, numbers[1])
    raise typer.BadParameter("sebutkan dokumen kedua, atau --versi N (satu atau dua kali)", param_hint="--versi")


def _json(old: Plan, new: Plan, changes: PlanDiff) -> dict[str, object]:
    return {
        "old": old.document.key,
        "new": new.document.key,
        "changes": [
            {
                "kind": change.kind,
                "item": change.item,
                "level": change.level,
                "text": change.text,
                "year": change.year,
                "indicator": change.indicator,
                "old": change.old,
                "new": change.new,
            }
            for change in changes.changes
        ],
        "pagu": {
            str(year): {"old": str(changes.pagu_old.get(year, "")), "new": str(changes.pagu_new.get(year, ""))}
            for year in sorted(changes.pagu_old.keys() | changes.pagu_new.keys())
        },
        "links_gained": [f"{link.source.item} -> {link.target}" for link in changes.links_gained],
        "links_lost": [f"{link.source.item} -> {link.target}" for link in changes.links_lost],
    }


def _findings_json(found: FindingChanges | None, lang: str) -> dict[str, object]:
    if found is None:
        return {}
    return {
        "findings_new": [_finding(finding, lang) for finding in found.new],
        "findings_resolved": [_finding(finding, lang) for finding in found.resolved],
    }


def _finding(finding: Finding, lang: str) -> dict[str, object]:
    return {"code": finding.code, "item": finding.location.item, "message": render_message(finding, lang)}


def render_message(finding: Finding, lang: str) -> str:
    """The finding's message as the rule writes it."""
    from selaras.checks.builtin import builtin_registry

    return builtin_registry().get(finding.code).render(finding, lang)[0]


def _write_xlsx(path: Path, changes: PlanDiff, found: FindingChanges | None, lang: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Perubahan"
    sheet.append(["Jenis", "Kunci Item", "Tingkat", "Uraian", "Tahun", "Indikator", "Lama", "Baru"])
    for change in changes.changes:
        sheet.append(
            [change.kind, change.item, change.level, change.text, change.year, change.indicator, change.old, change.new]
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    links = book.create_sheet("Tautan")
    links.append(["Perubahan", "Item Sumber", "Dokumen Tujuan", "Item Tujuan"])
    for label, group in (("hilang", changes.links_lost), ("baru", changes.links_gained)):
        for link in group:
            links.append([label, link.source.item, link.target.document, link.target.item])
    if found is not None:
        sheet = book.create_sheet("Temuan")
        sheet.append(["Perubahan", "Kode Aturan", "Item", "Pesan"])
        for state, findings in (("baru", found.new), ("selesai", found.resolved)):
            for finding in findings:
                sheet.append([state, finding.code, finding.location.item, render_message(finding, lang)])
    book.save(path)
