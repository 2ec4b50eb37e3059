"""Findings as an Excel sheet planners can filter and assign (``selaras check --xlsx``)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

__all__ = ["write_findings_xlsx"]

COLUMNS = {
    "id": (
        "Kode",
        "Aturan",
        "Tingkat",
        "Pemda",
        "PD",
        "Dokumen",
        "Item",
        "Kode Nomenklatur",
        "Indikator",
        "Tahun",
        "Pesan",
        "Saran",
    ),
    "en": (
        "Code",
        "Rule",
        "Severity",
        "Pemda",
        "Agency",
        "Document",
        "Item",
        "Nomenclature code",
        "Indicator",
        "Year",
        "Message",
        "Suggestion",
    ),
}
FIELDS = (
    "code",
    "rule",
    "severity",
    "pemda",
    "pd",
    "document",
    "item",
    "item_code",
    "indicator",
    "year",
    "message",
    "suggestion",
)
WIDTHS = (9, 28, 11, 8, 12, 34, 22, 20, 36, 7, 70, 60)


def write_findings_xlsx(path: Path, findings: list[dict[str, object]], *, lang: str = "id") -> None:
    """One row per finding (the JSON fields), with a frozen, filterable header."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Temuan" if lang == "id" else "Findings"
    sheet.append(COLUMNS["id" if lang == "id" else "en"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for finding in findings:
        sheet.append([finding[name] for name in FIELDS])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.save(path)
