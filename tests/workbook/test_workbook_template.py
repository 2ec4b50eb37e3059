"""The empty template: sheets, Indonesian headers, dropdowns, text-formatted code columns, instructions."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from workbook_samples import PERIOD, edit

from selaras.domain import DocumentKind, ItemLevel, Period
from selaras.ingest.selaras_workbook import is_selaras_workbook, read_workbook
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.workbook.schema import sheets
from selaras.workbook.writer import write_template

NOMENCLATURE = bundled_nomenclature()


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "templat-renstra.xlsx", kind=DocumentKind.RENSTRA, period=PERIOD)


def _validations(sheet: Worksheet) -> dict[str, str]:
    """Column letter → the list a dropdown offers."""
    return {
        str(validation.sqref).split(":")[0].rstrip("0123456789"): str(validation.formula1)
        for validation in sheet.data_validations.dataValidation
    }


def test_template_has_the_sheets_and_headers_in_bahasa_indonesia(template: Path) -> None:
    book = load_workbook(template)
    assert book.sheetnames == ["Petunjuk", "Dokumen", "Item", "Indikator", "Anggaran", "Rincian", "Tautan"]
    assert [cell.value for cell in book["Item"][1]] == [
        "Kunci",
        "Kunci Induk",
        "Tingkat",
        "Kode Nomenklatur",
        "Uraian",
        "Kode PD",
        "Lokasi",
        "Urutan",
        "Sub Unit",
    ]
    assert [cell.value for cell in book["Rincian"][1]] == [
        "Kunci Item",
        "Tahun",
        "Jenis Rincian",
        "Kode",
        "Nama",
        "Pagu",
    ]
    indikator = [cell.value for cell in book["Indikator"][1]]
    assert indikator[:6] == ["Kunci Item", "Nama Indikator", "Satuan", "Jenis Indikator", "Kondisi Awal", "Arah"]
    assert indikator[6:] == ["Target 2025", "Target 2026", "Target 2027", "Target 2028", "Target 2029"]
    for spec in sheets(PERIOD):
        assert [cell.value for cell in book[spec.name][1]] == spec.headers
        assert book[spec.name].freeze_panes == "A2"


def test_annual_template_has_one_target_column(tmp_path: Path) -> None:
    path = write_template(tmp_path / "renja.xlsx", kind=DocumentKind.RENJA, period=Period(2026, 2026))
    headers = [cell.value for cell in load_workbook(path)["Indikator"][1]]
    assert [header for header in headers if str(header).startswith("Target")] == ["Target 2026"]


def test_every_fixed_value_column_has_a_dropdown(template: Path) -> None:
    book = load_workbook(template)
    assert _validations(book["Dokumen"]) == {
        "A": '"RPJPN,RPJMN,ASTA_CITA,RKP,RPJPD,RPJMD,RENSTRA,RKPD,RENJA,IKU,KUA_PPAS,APBD,FRAMEWORK"',
        "F": '"draft,final,archived"',
    }
    assert _validations(book["Item"]) == {"C": '"' + ",".join(level.value for level in ItemLevel) + '"'}
    assert _validations(book["Indikator"]) == {"D": '"outcome,output,lainnya"', "F": '"naik,turun,tetap"'}
    assert _validations(book["Anggaran"]) == {}
    assert _validations(book["Rincian"]) == {"C": '"sumber_dana,rekening"'}
    assert _validations(book["Tautan"]) == {
        "D": '"cascade,supports,same_as"',
        "E": '"manual,suggested,imported"',
        "F": '"proposed,accepted,rejected"',
    }
    dropdown = book["Item"].data_validations.dataValidation[0]
    assert str(dropdown.sqref) == "C2:C1048576"


def test_code_columns_are_formatted_as_text(template: Path) -> None:
    item = load_workbook(template)["Item"]
    assert [item.column_dimensions[letter].number_format for letter in "ABCDEFGHI"] == [
        "@",
        "@",
        "General",
        "@",
        "@",
        "@",
        "@",
        "General",
        "@",
    ]


def test_dokumen_row_is_prefilled_with_kind_and_period(template: Path) -> None:
    row = [cell.value for cell in load_workbook(template)["Dokumen"][2]]
    assert row == ["RENSTRA", None, None, "2025-2029", "final", "draft", None]


@pytest.mark.parametrize("kind", [DocumentKind.KUA_PPAS, DocumentKind.APBD])
def test_budget_stage_template_starts_as_murni(tmp_path: Path, kind: DocumentKind) -> None:
    path = write_template(tmp_path / "apbd.xlsx", kind=kind, period=Period(2026, 2026))
    row = [cell.value for cell in load_workbook(path)["Dokumen"][2]]
    assert row == [kind.value, None, None, "2026", "murni", "draft", None]


def test_petunjuk_explains_every_sheet_and_column(template: Path) -> None:
    texts = {str(cell.value) for row in load_workbook(template)["Petunjuk"].iter_rows() for cell in row if cell.value}
    for spec in sheets(PERIOD):
        assert f"Lembar {spec.name} (atau berkas {spec.csv_name})" in texts
        assert set(spec.headers) <= texts
    assert any("1.234.567,50" in text for text in texts)
    assert any("Pilihan: naik, turun, tetap" in text for text in texts)


def test_unfilled_template_asks_for_the_pemda(template: Path) -> None:
    plan, problems = read_workbook(template, nomenclature=NOMENCLATURE)
    assert plan is None
    assert [(p.code, p.sheet, p.row, p.column) for p in problems] == [("required", "Dokumen", 2, "Kode Pemda")]


def test_filled_template_imports(template: Path) -> None:
    edit(template, "Dokumen", {"B2": "62.71", "C2": "1.01.01"})
    edit(template, "Item", {"A2": "1.01.02", "C2": "Program", "D2": "1.01.02", "E2": "PROGRAM PENGELOLAAN PENDIDIKAN"})
    edit(template, "Anggaran", {"A2": "1.01.02", "B2": 2026, "C2": "Rp 1.500.000.000"})
    plan, problems = read_workbook(template, nomenclature=NOMENCLATURE)
    assert problems == []
    assert plan is not None
    assert plan.document.key == "62.71/RENSTRA/1.01.01/2025-2029/final"
    assert [(item.key, item.level, item.order) for item in plan.items] == [("1.01.02", ItemLevel.PROGRAM, 1)]
    assert plan.pagu_per_year() == {2026: 1_500_000_000}


def test_a_template_is_recognised_as_a_selaras_workbook(template: Path, tmp_path: Path) -> None:
    assert is_selaras_workbook(template)
    other = tmp_path / "sipd.xlsx"
    edit(template, "Item", {}).rename(other)
    book = load_workbook(other)
    book["Item"].title = "Rekap"
    book.save(other)
    assert not is_selaras_workbook(other)
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan zip")
    assert not is_selaras_workbook(tmp_path / "rusak.xlsx")
