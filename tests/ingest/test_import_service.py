"""import_file: all-or-nothing, idempotent, recorded — on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sipd_builders import SITUBONDO, build_ppu_renja, build_situbondo_renstra, read_csv, write_xlsx
from sqlalchemy import func, select

from selaras.domain import DocumentKind, Period, Plan
from selaras.errors import ImportFailed
from selaras.ingest.service import ImportRequest, import_file
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.store import Database
from selaras.store.plans import load_plan
from selaras.store.tables import DocumentRow, ImportRecordRow, ItemRow, PemdaRow
from selaras.workbook.writer import write_plan

RENSTRA = dict(
    pemda="35.12", kind=DocumentKind.RENSTRA, period=Period(2026, 2030), pd="BAPPERIDA", user="tester", create_pd=True
)


def _import(database: Database, path: Path, **overrides: object):  # type: ignore[no-untyped-def]
    request = ImportRequest(path=path, **{**RENSTRA, **overrides})  # type: ignore[arg-type]
    return import_file(database, request, nomenclature=bundled_nomenclature())


def _rows(database: Database, table: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


@pytest.fixture(scope="module")
def situbondo_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_situbondo_renstra(tmp_path_factory.mktemp("situbondo") / "renstra-bapperida.xlsx")


def test_situbondo_renstra_imports_with_the_counts_and_pagu_of_its_source(
    database: Database, situbondo_xlsx: Path
) -> None:
    result = _import(database, situbondo_xlsx)
    assert result.outcome == "created"
    assert result.documents[0].counts["items"] == {"program": 5, "kegiatan": 19, "sub_kegiatan": 94}
    source_indicators = sum(
        len(read_csv(SITUBONDO / name))
        for name in ("program.csv", "kegiatan_indikator.csv", "sub_kegiatan_indikator.csv")
    )
    assert result.documents[0].counts["indicators"] == source_indicators
    program_pagu = {str(year): 0.0 for year in range(2026, 2031)}
    for row in read_csv(SITUBONDO / "program.csv"):
        for year in program_pagu:
            program_pagu[year] += float(row[f"anggaran_{year}"] or 0)
    pagu = result.documents[0].counts["pagu"]
    assert isinstance(pagu, dict)
    assert pagu["program"] == pytest.approx(program_pagu)
    assert pagu["sub_kegiatan"] == pytest.approx(program_pagu)
    assert {w.code for w in result.warnings} == {"unknown-code"}  # imported anyway, flagged
    assert len([w for w in result.warnings if len(w.value.split(".")) == 6]) == 7  # the 7 newer sub kegiatan
    with database.session() as session:
        stored = load_plan(session, result.documents[0].document_key)
        assert stored.level_counts() == result.documents[0].counts["items"]
        record = session.scalars(select(ImportRecordRow)).one()
        assert (record.file_name, record.imported_by, record.file_format) == (
            "renstra-bapperida.xlsx",
            "tester",
            "sipd",
        )


def test_importing_the_same_file_twice_changes_nothing(database: Database, situbondo_xlsx: Path) -> None:
    first = _import(database, situbondo_xlsx)
    before = {table: _rows(database, table) for table in (DocumentRow, ItemRow, ImportRecordRow)}
    with database.session() as session:
        max_item = session.scalar(select(func.max(ItemRow.id)))
    second = _import(database, situbondo_xlsx)
    assert second.outcome == "unchanged" and second.documents[0].document_key == first.documents[0].document_key
    assert {table: _rows(database, table) for table in before} == before
    with database.session() as session:
        assert session.scalar(select(func.max(ItemRow.id))) == max_item


def test_a_file_with_errors_writes_nothing(database: Database, tmp_path: Path) -> None:
    bad = write_xlsx(
        tmp_path / "renja-rusak.xlsx",
        [
            ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan", "Pagu Indikatif"],
            ["5.01.02", "PROGRAM PERENCANAAN", "Persentase keselarasan", "100", "%", "1.000.000"],
            ["5.01.02.2.1", "Kode rusak", "Jumlah dokumen", "2", "Dokumen", "500.000"],
            ["5.01.02.2.01", "Kegiatan", "Jumlah dokumen", "dua", "Dokumen", "500.000"],
        ],
    )
    with pytest.raises(ImportFailed) as failure:
        _import(database, bad, kind=DocumentKind.RENJA, period=Period(2026, 2026))
    problems = {(p.code, p.row, p.column) for p in failure.value.problems}
    assert ("malformed-code", 3, "Kode") in problems
    assert ("not-a-number", 4, "Target") in problems
    assert all(problem.file == "renja-rusak.xlsx" for problem in failure.value.problems)
    for table in (PemdaRow, DocumentRow, ItemRow, ImportRecordRow):
        assert _rows(database, table) == 0


def test_an_exported_document_imports_back_identical(database: Database, tmp_path: Path, renja_plan: Plan) -> None:
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    document = renja_plan.document
    result = _import(database, path, pemda="62", kind=document.kind, period=document.period, pd=document.pd)
    assert result.file_format == "selaras" and result.documents[0].document_key == document.key
    with database.session() as session:
        assert load_plan(session, document.key) == renja_plan


def test_a_workbook_for_another_pemda_is_refused(database: Database, tmp_path: Path, renja_plan: Plan) -> None:
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    with pytest.raises(ImportFailed) as failure:
        _import(database, path, pemda="62.71", kind=DocumentKind.RENJA, period=Period(2026, 2026))
    mismatches = [(p.code, p.sheet, p.value) for p in failure.value.problems if p.code == "document-mismatch"]
    assert mismatches == [("document-mismatch", "Dokumen", "62")], [p.to_dict() for p in failure.value.problems]
    assert _rows(database, DocumentRow) == 0


def test_a_folder_that_is_not_a_selaras_csv_folder_says_so(database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "unduhan"
    folder.mkdir()
    (folder / "rekap.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        _import(database, folder, kind=DocumentKind.RENJA, period=Period(2026, 2026))
    [problem] = failure.value.problems
    assert problem.code == "not-selaras-folder" and "rekap.csv" in problem.message()
    assert _rows(database, DocumentRow) == 0


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda text: "Rencana Kerja Bappelitbang Tahun 2024\r\n\r\n" + text, id="title-row"),
        pytest.param(lambda text: "Rencana Kerja Tahun 2024;;;\r\n" + text, id="title-row-with-delimiters"),
        pytest.param(lambda text: text.replace("\r\n", "\r"), id="cr-line-endings"),
    ],
)
def test_a_semicolon_csv_imports_with_a_title_row_or_old_mac_line_endings(
    database: Database, tmp_path: Path, change: Callable[[str], str]
) -> None:
    """docs/import.md: a ``;`` CSV saved by an Indonesian Excel, title rows above the header ignored; a CSV with
    ``\\r`` line endings (old Mac Excel) crashed the reader."""
    plain = build_ppu_renja(tmp_path / "renja.csv")
    changed = tmp_path / "renja-changed.csv"
    changed.write_text(change(plain.read_text(encoding="utf-8")), encoding="utf-8")
    request = {"pemda": "64.09", "kind": DocumentKind.RENJA, "period": Period(2024, 2024), "pd": "Bappelitbang"}
    result = _import(database, changed, **request)
    assert result.documents[0].counts["items"] == {"program": 4, "kegiatan": 15, "sub_kegiatan": 45}
    assert {warning.code for warning in result.warnings} <= {"unknown-code", "pd-too-long"}


def test_a_pd_or_version_longer_than_its_column_is_refused_before_reading(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "renja.xlsx"
    path.write_bytes(b"")
    for overrides in ({"pd": "P" * 41}, {"version": "v" * 41}):
        with pytest.raises(ImportFailed) as failure:
            _import(database, path, kind=DocumentKind.RENJA, period=Period(2026, 2026), **overrides)
        [problem] = failure.value.problems
        assert problem.code == "too-long" and problem.params["expected"] == "40"


def test_a_file_of_the_other_pemda_level_says_so_first(database: Database, situbondo_xlsx: Path) -> None:
    """A kabupaten's Renstra imported for a province: every code is a kabupaten/kota one, and the first problem
    says the file seems to be another pemda's instead of leaving it to thousands of row-by-row lines."""
    with pytest.raises(ImportFailed) as refused:
        _import(database, situbondo_xlsx, pemda="62")
    first, *rest = refused.value.problems
    wrong = [problem for problem in rest if problem.code == "code-wrong-level"]
    assert first.code == "another-level" and first.row is None
    assert first.message() == (
        f"{len(wrong)} kode di berkas ini adalah kewenangan kabupaten/kota, sedangkan Kalimantan Tengah (62) adalah "
        "provinsi: berkas ini tampaknya milik pemda lain; periksa --pemda (atau pemda yang dipilih di halaman unggah)"
    )
    assert _rows(database, DocumentRow) == 0


def test_stray_codes_of_the_other_level_are_only_their_own_rows_galat(
    database: Database, situbondo_xlsx: Path, tmp_path: Path
) -> None:
    book = load_workbook(situbondo_xlsx)
    sub_kegiatan = re.compile(r"5\.0[15]\.\d\d\.2\.\d\d\.\d{4}")
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if changed < 2 and isinstance(cell.value, str) and sub_kegiatan.fullmatch(cell.value):
                    cell.value = cell.value[:8] + "1" + cell.value[9:]  # a provincial sub kegiatan code
                    changed += 1
    assert changed == 2
    book.save(tmp_path / "two-provincial-codes.xlsx")
    with pytest.raises(ImportFailed) as refused:
        _import(database, tmp_path / "two-provincial-codes.xlsx")
    codes = [problem.code for problem in refused.value.problems]
    assert codes.count("code-wrong-level") == 2 and "another-level" not in codes
