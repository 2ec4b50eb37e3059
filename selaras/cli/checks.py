"""``selaras rules`` and ``selaras check``: run the synchronization rules over the database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from selaras.checks.findings import FindingSeverity
from selaras.cli.context import cli_context
from selaras.cli.output import console, print_json, stages
from selaras.i18n import pick

if TYPE_CHECKING:
    from selaras.checks.run import CheckReport

__all__ = ["check", "rules"]

SEVERITY_ORDER = [FindingSeverity.GALAT, FindingSeverity.PERINGATAN, FindingSeverity.INFO]


def rules(
    context: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Daftar semua aturan dengan kode permanen, nama, tingkat keparahan dan judulnya.

    Contoh: selaras rules
    """
    from selaras.checks.builtin import builtin_registry

    lang = cli_context(context).lang
    registry = builtin_registry()
    if as_json:
        print_json(
            [
                {"code": rule.code, "name": rule.name, "severity": rule.severity.value, "title": pick(rule.title, lang)}
                for rule in registry
            ]
        )
        return
    table = Table("Kode", "Nama", "Tingkat", "Judul", header_style="bold")
    for rule in registry:
        table.add_row(rule.code, rule.name, rule.severity.value, pick(rule.title, lang))
    console.print(table)


def _fails(report: CheckReport, fail_on: str | None) -> bool:
    if fail_on is None:
        return False
    threshold = SEVERITY_ORDER.index(FindingSeverity(fail_on))
    return any(report.count(severity) for severity in SEVERITY_ORDER[: threshold + 1])


def check(
    context: typer.Context,
    pemda: str = typer.Option(
        None,
        "--pemda",
        help="Provinsi (beserta kab/kotanya) atau kab/kota; bawaan: pemda di basis data bila hanya satu.",
    ),
    year: int = typer.Option(
        None,
        "--year",
        help="Tahun yang diperiksa: hanya temuan tentang tahun ini; bawaan: tahun Renja/RKPD/APBD terakhir pemda.",
    ),
    rule_codes: str = typer.Option(None, "--rules", help="Hanya aturan ini, dipisah koma: SEL201,SEL301."),
    as_json: bool = typer.Option(False, "--json", help="Temuan sebagai JSON (bentuk di docs/rules.md)."),
    xlsx: Path = typer.Option(None, "--xlsx", help="Tulis temuan ke berkas Excel ini."),
    fail_on: str = typer.Option(
        None, "--fail-on", help="Kode keluar 1 bila ada temuan setingkat ini: galat|peringatan|info."
    ),
    config: Path = typer.Option(
        None, "--config", help="Berkas TOML dengan tabel [thresholds]; menggantikan pengaturan SELARAS_THRESHOLDS."
    ),
) -> None:
    """Periksa rencana pemda: cascade, konsistensi, anggaran, nomenklatur, kinerja, efisiensi, sinkronisasi IKU.

    Contoh: selaras check --pemda 62 --year 2026 --fail-on galat
    """
    from selaras.checks.builtin import builtin_registry
    from selaras.checks.serialize import finding_to_dict
    from selaras.cli.planning import analyse_pemda

    ctx = cli_context(context)
    if fail_on is not None and fail_on not in {severity.value for severity in SEVERITY_ORDER}:
        raise typer.BadParameter("galat | peringatan | info", param_hint="--fail-on")
    registry = builtin_registry()
    codes = [code for code in rule_codes.split(",") if code.strip()] if rule_codes else None
    try:
        registry.select(codes)
    except KeyError as error:
        raise typer.BadParameter(f"aturan tidak dikenal: {error.args[0]}", param_hint="--rules") from None
    with stages(ctx.lang, enabled=not as_json) as stage:
        _, analysis = analyse_pemda(ctx, pemda, year, config=config, rules=codes, year_only=True, stage=stage)
    report = analysis.report
    findings = [finding_to_dict(finding, registry, ctx.lang) for finding in report.findings]
    if xlsx is not None:
        from selaras.report.findings_xlsx import write_findings_xlsx

        write_findings_xlsx(xlsx, findings, lang=ctx.lang)
    if as_json:
        print_json(findings)
    else:
        _print_summary(report, ctx.lang)
    if _fails(report, fail_on):
        raise typer.Exit(1)


def _print_summary(report: CheckReport, lang: str) -> None:
    table = Table("Kode", "Aturan", "Tingkat", "Temuan" if lang == "id" else "Findings", header_style="bold")
    for rule in report.rules:
        count = report.per_rule()[rule.code]
        table.add_row(rule.code, rule.name, rule.severity.value, str(count))
    console.print(table)
    totals = ", ".join(f"{report.count(severity)} {severity.value}" for severity in SEVERITY_ORDER)
    console.print(("Jumlah temuan: " if lang == "id" else "Total findings: ") + totals)
