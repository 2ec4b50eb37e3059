"""Plans and workbook edits shared by the workbook tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from selaras.domain import (
    Budget,
    Direction,
    Document,
    DocumentKind,
    DocumentStatus,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    LinkOrigin,
    LinkStatus,
    Period,
    Plan,
    Rincian,
    RincianKind,
)

CellValue = str | int | float | None
WIB = timezone(timedelta(hours=7))
PERIOD = Period(2025, 2029)


def rich_plan() -> Plan:
    """A Renstra of Dinas Pendidikan Kota Palangkaraya: tujuan → sasaran → program → kegiatan → sub kegiatan,
    several indicators per item (some without baseline or with gaps in the targets), budgets over several years
    and sources of funds, a sub kegiatan carried out by a sub unit with its pagu in rincian, and two links."""
    document = Document(
        DocumentKind.RENSTRA, "62.71", PERIOD, "1.01.01", "perubahan 1", DocumentStatus.FINAL, "Renstra Disdik"
    )
    tujuan = Item(
        "T1",
        ItemLevel.TUJUAN,
        "Meningkatnya kualitas pendidikan",
        order=1,
        indicators=[
            Indicator(
                "Indeks pendidikan",
                "indeks",
                IndicatorKind.OUTCOME,
                Decimal("0.725"),
                Direction.NAIK,
                {year: Decimal("0.73") + Decimal("0.005") * (year - 2025) for year in PERIOD.years},
            )
        ],
    )
    sasaran = Item(
        "T1.S1",
        ItemLevel.SASARAN,
        "Meningkatnya akses pendidikan dasar",
        parent="T1",
        order=1,
        indicators=[
            Indicator(
                "Angka partisipasi murni SD",
                "%",
                IndicatorKind.OUTCOME,
                None,
                Direction.NAIK,
                {2025: Decimal("97.5"), 2029: Decimal("99")},
            ),
            Indicator(
                "Angka putus sekolah",
                "%",
                IndicatorKind.OUTCOME,
                Decimal("0.125"),
                Direction.TURUN,
                {2027: Decimal("0.1")},
            ),
        ],
    )
    program = Item(
        "1.01.02",
        ItemLevel.PROGRAM,
        "PROGRAM PENGELOLAAN PENDIDIKAN",
        code="1.01.02",
        parent="T1.S1",
        order=1,
        pd="1.01.01",
        indicators=[Indicator("Persentase sekolah terakreditasi", "%", IndicatorKind.OUTCOME, Decimal("72.5"))],
        budgets=[Budget(year, Decimal("100000000000.00")) for year in PERIOD.years],
    )
    kegiatan = Item(
        "1.01.02.2.01",
        ItemLevel.KEGIATAN,
        "Pengelolaan Pendidikan Sekolah Dasar",
        code="1.01.02.2.01",
        parent="1.01.02",
        order=1,
        pd="1.01.01",
        budgets=[
            Budget(2025, Decimal("1234567.89"), Decimal("1200000"), "DAU"),
            Budget(2026, Decimal("1234567.89"), None, "DAU"),
            Budget(2026, Decimal("0.1"), None, "DAK Fisik"),
        ],
    )
    sub_kegiatan = Item(
        "1.01.02.2.01.0001",
        ItemLevel.SUB_KEGIATAN,
        "Pembangunan Unit Sekolah Baru (USB)",
        code="1.01.02.2.01.0001",
        parent="1.01.02.2.01",
        order=2,
        pd="1.01.01",
        lokasi="Kec. Jekan Raya",
        unit="UPTD SD Negeri 1 Palangka Raya",
        indicators=[
            Indicator(
                "Jumlah unit sekolah baru", "unit", IndicatorKind.OUTPUT, Decimal(0), Direction.NAIK, {2026: Decimal(2)}
            ),
            Indicator("Biaya per unit", "juta rupiah", IndicatorKind.OTHER, Decimal("12.5"), Direction.TETAP, {}),
        ],
        budgets=[Budget(2026, Decimal("2500000000"), Decimal("12.5"), "DAK Fisik")],
        rincian=[
            Rincian(2026, RincianKind.SUMBER_DANA, "DAK-F", "DAK Fisik", Decimal("2500000000")),
            Rincian(2026, RincianKind.REKENING, "5.1.02.01.01.0024", "Belanja Alat/Bahan Kantor", Decimal("0.5")),
            Rincian(2026, RincianKind.REKENING, "5.2.03.01.01.0001", "", Decimal("2499999999.5")),
        ],
    )
    links = [
        Link(
            ItemRef(document.key, "1.01.02"),
            ItemRef("62.71/RPJMD/-/2025-2029/final", "M1.T1.S1"),
            LinkKind.CASCADE,
            LinkOrigin.SUGGESTED,
            LinkStatus.ACCEPTED,
            0.8734,
            "Bappeda",
            datetime(2025, 3, 1, 10, 0, 0, 123456, tzinfo=WIB),
        ),
        Link(ItemRef(document.key, "T1.S1"), ItemRef("00/RPJMN/-/2025-2029/final", "PN4.S2")),
    ]
    return Plan(document, [tujuan, sasaran, program, kegiatan, sub_kegiatan], links)


def budget_plan(version: str = "murni") -> Plan:
    """:func:`rich_plan` as the APBD 2026 of the same PD: one year, pagu and rincian only, no indicators."""
    plan = rich_plan()
    plan.document = replace(plan.document, kind=DocumentKind.APBD, period=Period(2026, 2026), version=version)
    for item in plan.items:
        item.indicators = []
        item.budgets = [budget for budget in item.budgets if budget.year == 2026]
    plan.links = [replace(link, source=replace(link.source, document=plan.document.key)) for link in plan.links]
    return plan


def edit(path: Path, sheet: str, cells: dict[str, CellValue]) -> Path:
    """Overwrite cells (``{"B2": "x"}``) of a written workbook, as a planner would in Excel."""
    workbook = load_workbook(path)
    for coordinate, value in cells.items():
        workbook[sheet][coordinate] = value
    workbook.save(path)
    return path
