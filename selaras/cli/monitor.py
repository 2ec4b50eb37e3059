"""``selaras import-realisasi`` and ``selaras monitor``: realisasi per triwulan in, capaian and serapan out.

Thin shells: the import is :func:`selaras.ingest.realisasi.import_realisasi`, the figures come from
:mod:`selaras.checks.monitoring` and the early warnings from the SEL9xx rules.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from selaras.cli.context import CliContext, cli_context
from selaras.cli.messages import say
from selaras.cli.output import console, error_console, print_json, print_problems, stages
from selaras.domain.realisasi import Basis, roman
from selaras.errors import ImportFailed
from selaras.numbers import format_number, json_number

if TYPE_CHECKING:
    from selaras.checks.effectiveness import Effectiveness
    from selaras.checks.monitoring import ItemProgress, MonitoringData, Summary
    from selaras.domain import Item

__all__ = ["import_realisasi_command", "monitor"]


def import_realisasi_command(
    context: typer.Context,
    file: Path = typer.Argument(..., exists=True, help="Berkas realisasi (.xlsx, .xlsm, .csv)."),
    pemda: str = typer.Option(..., "--pemda", help="Kode pemda pemilik Renja, mis. 64.09."),
    year: int = typer.Option(..., "--year", help="Tahun Renja yang direalisasikan."),
    pd: str = typer.Option(None, "--pd", help="PD pemilik Renja (kode, nama atau singkatan)."),
    basis: Basis = typer.Option(
        None, "--basis", help="kumulatif (s.d. triwulan) atau triwulan; bawaan: menurut bentuk berkas."
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Impor realisasi kinerja dan anggaran per triwulan atas Renja yang sudah tersimpan.

    Contoh: selaras import-realisasi renja_sub_kegiatan.csv --pemda 64.09 --year 2024 --pd Bappelitbang
    """
    from selaras.ingest.realisasi import RealisasiRequest, import_realisasi

    ctx = cli_context(context)
    request = RealisasiRequest(file, pemda, year, pd=pd, basis=basis, user=ctx.settings.user)
    try:
        result = import_realisasi(ctx.database, request)
    except ImportFailed as failure:
        if as_json:
            print_json({"ok": False, "errors": [problem.to_dict(ctx.lang) for problem in failure.problems]})
        else:
            error_console.print(say("import-failed", ctx.lang, count=len(failure.problems), file=file.name))
            print_problems(failure.problems, ctx.lang, stderr=True)
        raise typer.Exit(1) from None
    quarters = ", ".join(roman(quarter) for quarter in result.quarters)
    if as_json:
        documents = [
            {"document": done.document_key, "outcome": done.outcome, **done.counts} for done in result.documents
        ]
        print_json(
            {
                "ok": True,
                "format": result.shape,
                "basis": result.basis.value,
                "quarters": list(result.quarters),
                "documents": documents,
            }
        )
        return
    for done in result.documents:
        key = "realisasi-unchanged" if done.outcome == "unchanged" else "realisasi-imported"
        console.print(
            say(
                key,
                ctx.lang,
                key=done.document_key,
                items=done.counts["items"],
                quarters=quarters,
                basis=result.basis.value,
            )
        )


def _monitoring_data(
    ctx: CliContext, pemda: str | None, year: int | None, quarter: int | None
) -> tuple[str, int, MonitoringData]:
    from selaras.checks.monitoring import MonitoringData
    from selaras.cli.planning import pemda_planning_data

    chosen, chosen_year, data = pemda_planning_data(ctx, pemda, year)
    assert isinstance(data, MonitoringData)  # load_planning_data loads the realisasi with the plans
    return chosen, chosen_year, replace(data, quarter=quarter)


def _percent(value: Decimal | None) -> str:
    return "-" if value is None else f"{format_number(value, decimals=2)} %"


def _summary_dict(summary: Summary) -> dict[str, object]:
    from selaras.checks.monitoring import rating

    return {
        "name": summary.name,
        "items": summary.items,
        "pagu": json_number(summary.pagu),
        "pagu_basis": summary.basis,
        "anggaran": json_number(summary.anggaran),
        "serapan": json_number(summary.serapan),
        "capaian": json_number(summary.capaian),
        "rating": (band.value if (band := rating(summary.capaian)) else None),
    }


def _item_dict(own: ItemProgress) -> dict[str, object]:
    from selaras.checks.monitoring import rating

    return {
        "document": own.plan.document.key,
        "pd": own.pd,
        "code": own.item.code,
        "text": own.item.text,
        "triwulan": own.triwulan,
        "pagu": json_number(own.pagu),
        "pagu_basis": own.basis.label,
        "anggaran": json_number(own.anggaran),
        "serapan": json_number(own.serapan),
        "capaian": json_number(own.capaian),
        "rating": (band.value if (band := rating(own.capaian)) else None),
        "indicators": [
            {
                "name": indicator.indicator.name,
                "direction": indicator.indicator.direction.value,
                "target": json_number(indicator.target),
                "realised": json_number(indicator.realised),
                "capaian": json_number(indicator.capaian),
            }
            for indicator in own.indicators
        ],
    }


def _priority_dict(item: Item, found: Effectiveness | None) -> dict[str, object]:
    return {
        "code": item.key,
        "text": item.text,
        "items": found.items if found else 0,
        "pagu": json_number(found.pagu.quantize(Decimal(1))) if found else None,
        "anggaran": json_number(found.anggaran.quantize(Decimal(1))) if found else None,
        "serapan": json_number(found.serapan) if found else None,
        "capaian": json_number(found.capaian) if found else None,
        "rating": (band.value if found and (band := found.rating) else None),
        "effective": json_number(found.effective.quantize(Decimal(1))) if found else None,
        "effective_share": json_number(found.effective_share) if found else None,
    }


def monitor(
    context: typer.Context,
    pemda: str = typer.Option(None, "--pemda", help="Kode pemda (provinsi beserta kab/kota-nya)."),
    year: int = typer.Option(None, "--year", help="Tahun Renja yang dipantau."),
    quarter: int = typer.Option(
        None, "--quarter", min=1, max=4, help="Triwulan 1-4; bawaan: triwulan terakhir yang dilaporkan."
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
    xlsx: Path = typer.Option(None, "--xlsx", help="Tulis tabel pemantauan ke berkas .xlsx ini."),
) -> None:
    """Capaian kinerja dan serapan anggaran per sub kegiatan, PD dan pemda, dengan peringatan dini (SEL9xx).

    Contoh: selaras monitor --pemda 62 --year 2026 --quarter 3
    """
    from selaras.checks.builtin import builtin_registry
    from selaras.checks.effectiveness import effectiveness, followed_priorities
    from selaras.checks.monitoring import item_progress, monitored_items, rating, summarise
    from selaras.checks.run import run_checks
    from selaras.checks.serialize import finding_to_dict
    from selaras.checks.thresholds import CheckContext

    ctx = cli_context(context)
    with stages(ctx.lang, enabled=not as_json) as stage:
        stage("stage-load")
        chosen, chosen_year, data = _monitoring_data(ctx, pemda, year, quarter)
        stage("stage-monitor")
        progress = []
        for plan, item in monitored_items(data, chosen_year):
            reached = quarter or data.reported_quarter(plan.document.key)
            if reached is not None:
                progress.append(item_progress(data, plan, item, chosen_year, reached))
        per_pd: dict[str, list[ItemProgress]] = {}
        for own in progress:
            per_pd.setdefault(f"{own.plan.document.pemda} {own.pd}", []).append(own)
        summaries = [summarise(name, items) for name, items in sorted(per_pd.items())]
        total = summarise(chosen, progress)
        registry = builtin_registry()
        codes = [rule.code for rule in registry if rule.family == "monitoring"]
        stage("stage-check", rules=len(codes))
        checked = run_checks(data, CheckContext(chosen_year, ctx.nomenclature), registry, codes)
        found = effectiveness(data, progress)
    priorities = [(item, found.get(ref)) for ref, item in followed_priorities(data, chosen)]
    if as_json:
        print_json(
            {
                "pemda": chosen,
                "year": chosen_year,
                "quarter": quarter,
                "total": _summary_dict(total),
                "pd": [_summary_dict(summary) for summary in summaries],
                "items": [_item_dict(own) for own in progress],
                "priorities": [_priority_dict(item, own) for item, own in priorities],
                "findings": [finding_to_dict(finding, registry, ctx.lang) for finding in checked.findings],
            }
        )
        return
    if not progress:
        console.print(say("monitor-none", ctx.lang, pemda=chosen, year=chosen_year))
        return
    table = Table(*say("monitor-columns", ctx.lang).split("|"))
    for summary in [*summaries, total]:
        band = rating(summary.capaian)
        table.add_row(
            summary.name,
            str(summary.items),
            format_number(summary.pagu),
            summary.basis,
            format_number(summary.anggaran),
            _percent(summary.serapan),
            _percent(summary.capaian),
            band.value if band else "-",
        )
    console.print(table)
    console.print(_priority_table(priorities, ctx.lang))
    console.print(say("monitor-findings", ctx.lang, count=len(checked.findings)))
    for finding in checked.findings:
        message, _ = registry.get(finding.code).render(finding, ctx.lang)
        console.print(f"  {finding.code}  {message}", markup=False, highlight=False)
    if xlsx is not None:
        _write_xlsx(xlsx, progress, priorities)
        console.print(say("monitor-written", ctx.lang, path=xlsx))


def _priority_table(priorities: list[tuple[Item, Effectiveness | None]], lang: str) -> Table:
    table = Table(*say("monitor-priority-columns", lang).split("|"), title=say("monitor-priorities", lang))
    for item, found in priorities:
        band = found.rating if found else None
        table.add_row(
            item.key,
            item.text,
            str(found.items if found else 0),
            format_number(found.pagu) if found else "-",
            format_number(found.anggaran) if found else "-",
            _percent(found.serapan if found else None),
            _percent(found.capaian if found else None),
            band.value if band else "-",
            _percent(found.effective_share if found else None),
        )
    return table


def _write_xlsx(path: Path, progress: list[ItemProgress], priorities: list[tuple[Item, Effectiveness | None]]) -> None:
    from openpyxl import Workbook

    from selaras.checks.monitoring import rating

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pemantauan"
    sheet.append(
        [
            "Dokumen",
            "PD",
            "Kode",
            "Sub Kegiatan",
            "Triwulan",
            "Pagu",
            "Dasar pagu",
            "Realisasi",
            "Serapan (%)",
            "Capaian (%)",
            "Kategori",
        ]
    )
    for own in progress:
        band = rating(own.capaian)
        sheet.append(
            [
                own.plan.document.key,
                own.pd,
                own.item.code,
                own.item.text,
                roman(own.triwulan),
                own.pagu,
                own.basis.label,
                own.anggaran,
                own.serapan,
                own.capaian,
                band.value if band else "",
            ]
        )
    effect = book.create_sheet("Efektivitas prioritas")
    effect.append(
        [
            "Kode",
            "Prioritas",
            "Item",
            "Pagu",
            "Realisasi",
            "Serapan (%)",
            "Capaian (%)",
            "Kategori",
            "Realisasi capaian >= tinggi",
            "Porsi efektif (%)",
        ]
    )
    for item, found in priorities:
        if found is None:
            effect.append([item.key, item.text, 0])
            continue
        band = found.rating
        effect.append(
            [
                item.key,
                item.text,
                found.items,
                found.pagu.quantize(Decimal(1)),
                found.anggaran.quantize(Decimal(1)),
                found.serapan,
                found.capaian,
                band.value if band else "",
                found.effective.quantize(Decimal(1)),
                found.effective_share,
            ]
        )
    book.save(path)
