"""Importing realisasi per triwulan: the real PPU flat export, the Permendagri 86 evaluation table and the Selaras
Realisasi sheet, against the stored PPU Renja 2024; refusals are located and store nothing."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from realisasi_builders import EVALUASI_ROWS, build_evaluasi, build_realisasi_sheet
from sipd_builders import RENJA_HEADER, RENJA_PPU, renja_rows, write_xlsx

from selaras.domain import DocumentKind, Period
from selaras.domain.realisasi import Basis, Realisasi, Verifikasi
from selaras.errors import ImportFailed
from selaras.ingest.realisasi import RealisasiRequest, import_realisasi
from selaras.ingest.service import ImportRequest, import_file
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.store import Database
from selaras.store.audit import list_audit
from selaras.store.realisasi import load_realisasi
from selaras.store.realisasi_review import enter_realisasi, load_states, review_realisasi, state_of

RENJA = "64.09/RENJA/Bappelitbang/2024/final"
FLAT = RENJA_PPU / "renja_sub_kegiatan.csv"


@pytest.fixture
def renja(database: Database, tmp_path: Path) -> Database:
    # the real "BADAN PERENCANAAN, PENELITIAN DAN PENGEMBANGAN" overflows item.pd (40) on PostgreSQL: shortened
    short = [[*row[:7], "Bappelitbang" if row[7] else None] if len(row) == 8 else row for row in renja_rows()]
    path = write_xlsx(tmp_path / "renja-ppu-2024.xlsx", [RENJA_HEADER, *short], title="Renja 2024")
    request = ImportRequest(path, "64.09", DocumentKind.RENJA, Period(2024, 2024), pd="Bappelitbang", create_pd=True)
    import_file(database, request, nomenclature=bundled_nomenclature())
    return database


def _stored(database: Database) -> dict[tuple[str, int], Realisasi]:
    with database.session() as session:
        return {(record.item, record.triwulan): record for record in load_realisasi(session, ["64.09"])}


def _problems(error: pytest.ExceptionInfo[ImportFailed]) -> list[tuple[int | None, str | None, str, str]]:
    return [(problem.row, problem.column, problem.code, problem.value) for problem in error.value.problems]


def test_the_real_ppu_export_is_read_as_cumulative_figures(renja: Database) -> None:
    result = import_realisasi(renja, RealisasiRequest(FLAT, "64.09", 2024))
    assert (result.shape, result.basis, result.quarters) == ("daftar", Basis.KUMULATIF, (1, 2))
    assert [(document.document_key, document.outcome) for document in result.documents] == [(RENJA, "stored")]
    assert result.documents[0].counts == {"items": 45, "kinerja": 90, "anggaran": {"1": 10000000, "2": 10000000}}
    stored = _stored(renja)
    name = "Jumlah Dokumen Perencanaan Perangkat Daerah"
    assert stored["5.01.01.2.01.0001", 1] == Realisasi(RENJA, "5.01.01.2.01.0001", 1, Decimal(10000000), {name: 1})
    assert stored["5.01.01.2.01.0001", 2] == Realisasi(RENJA, "5.01.01.2.01.0001", 2, Decimal(10000000), {name: 5})
    assert ("5.01.01.2.01.0001", 3) not in stored  # zero in every row: TW III not reported yet


def test_importing_the_same_file_twice_changes_nothing(renja: Database) -> None:
    import_realisasi(renja, RealisasiRequest(FLAT, "64.09", 2024))
    again = import_realisasi(renja, RealisasiRequest(FLAT, "64.09", 2024))
    assert [document.outcome for document in again.documents] == ["unchanged"]
    assert len(_stored(renja)) == 90


def test_per_quarter_basis_keeps_the_figures_as_written(renja: Database) -> None:
    import_realisasi(renja, RealisasiRequest(FLAT, "64.09", 2024, basis=Basis.TRIWULAN))
    assert _stored(renja)["5.01.01.2.01.0001", 2].anggaran == Decimal(20000000)


def test_the_permendagri_evaluation_table_is_read_per_quarter(renja: Database, tmp_path: Path) -> None:
    result = import_realisasi(renja, RealisasiRequest(build_evaluasi(tmp_path / "evaluasi.xlsx"), "64.09", 2024))
    assert (result.shape, result.basis, result.quarters) == ("evaluasi", Basis.TRIWULAN, (1, 2, 3, 4))
    stored = _stored(renja)
    musrenbang = {"Jumlah Usulan yang Terverifikasi oleh Kecamatan": Decimal(25)}
    assert stored["5.01.02.2.01.0006", 2] == Realisasi(RENJA, "5.01.02.2.01.0006", 2, Decimal(9000000), musrenbang)
    # the table shortens the item's only indicator; "1" and "1 Dokumen" are both read as 1
    assert list(stored["5.01.02.2.01.0001", 3].kinerja.values()) == [Decimal(1)]
    assert stored["5.01.02.2.01.0001", 3].anggaran == Decimal(250000000)
    assert stored["5.01.02", 2] == Realisasi(RENJA, "5.01.02", 2, Decimal(900000000), {})
    assert ("5.01.02.2.01.0006", 4) not in stored  # TW IV columns are empty


def test_the_selaras_realisasi_sheet(renja: Database, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["5.01.01.2.01.0001", "I", "Jumlah Dokumen Perencanaan Perangkat Daerah", 3, None],
        ["5.01.01.2.01.0001", 1, None, None, "12.500.000"],
    ]
    path = build_realisasi_sheet(tmp_path / "realisasi.xlsx", rows)
    result = import_realisasi(renja, RealisasiRequest(path, "64.09", 2024, pd="Bappelitbang"))
    assert (result.shape, result.quarters) == ("selaras", (1,))
    name = "Jumlah Dokumen Perencanaan Perangkat Daerah"
    assert _stored(renja)["5.01.01.2.01.0001", 1] == Realisasi(
        RENJA, "5.01.01.2.01.0001", 1, Decimal(12500000), {name: 3}
    )


def test_an_item_not_in_the_stored_renja_is_named_and_nothing_is_stored(renja: Database, tmp_path: Path) -> None:
    rows = [*EVALUASI_ROWS[:3], ["5.01.02.2.01.0099", "Sub kegiatan lain", "Jumlah laporan", *[None] * 4, 1, 500]]
    with pytest.raises(ImportFailed) as error:
        import_realisasi(renja, RealisasiRequest(build_evaluasi(tmp_path / "evaluasi.xlsx", rows), "64.09", 2024))
    assert _problems(error) == [(11, "Kode", "realisasi-item-unknown", "5.01.02.2.01.0099")]
    assert error.value.problems[0].message() == (
        "'5.01.02.2.01.0099' tidak ada dalam Renja 2024 yang tersimpan (64.09/RENJA/Bappelitbang/2024/final); "
        "periksa kodenya atau impor ulang Renja yang memuatnya"
    )
    assert _stored(renja) == {}


def test_a_falling_cumulative_figure_and_a_bad_number_are_located(renja: Database, tmp_path: Path) -> None:
    text = FLAT.read_text(encoding="utf-8").replace(",1,10000000,6,20000000,", ",1,10000000,6,5000000,", 1)
    text = text.replace(",0,0,0,0,0,0,0,0,43,", ",0,sepuluh,0,0,0,0,0,0,43,", 1)
    path = tmp_path / "renja_sub_kegiatan.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as error:
        import_realisasi(renja, RealisasiRequest(path, "64.09", 2024))
    assert _problems(error) == [
        (3, "nilai_realisasi_tw1", "not-a-number", "sepuluh"),
        (2, "nilai_realisasi_tw2", "realisasi-decreasing", "5.000.000"),
    ]
    assert "--basis triwulan" in error.value.problems[1].message()


def test_realisasi_without_a_stored_renja_is_refused(database: Database, tmp_path: Path) -> None:
    path = shutil.copy(FLAT, tmp_path / "realisasi.csv")
    with pytest.raises(ImportFailed) as error:
        import_realisasi(database, RealisasiRequest(Path(path), "64.09", 2024))
    assert [problem.code for problem in error.value.problems] == ["realisasi-no-renja"]


def test_an_import_is_submitted_and_keeps_the_figures_it_replaced_in_the_audit_log(
    renja: Database, tmp_path: Path
) -> None:
    """CLI and web import alike: what is stored is diajukan; the same figures again keep a verifikator's
    decision; a file imported again after a figure was changed puts the file's figure back, resubmitted."""
    sub = "5.01.01.2.01.0001"
    import_realisasi(renja, RealisasiRequest(FLAT, "64.09", 2024, user="importir"))
    with renja.session() as session:
        states = load_states(session, "64.09")
        assert {state.state for state in states.values()} == {Verifikasi.DIAJUKAN}
        assert len(states) == 90 and states[RENJA, sub, 1].updated_by == "importir"
        review_realisasi(
            session, "64.09", (RENJA, sub, 1), Verifikasi.DIVERIFIKASI, comment="", expected_version=1, username="v"
        )
    again = import_realisasi(renja, RealisasiRequest(shutil.copy(FLAT, tmp_path / "lagi.csv"), "64.09", 2024))
    assert [document.outcome for document in again.documents] == ["unchanged"]
    with renja.session() as session:
        assert state_of(load_states(session, "64.09"), RENJA, sub, 1).state is Verifikasi.DIVERIFIKASI
        enter_realisasi(
            session, "64.09", Realisasi(RENJA, sub, 1, Decimal(1), {}), expected_version=2, username="dinas"
        )
    back = import_realisasi(renja, RealisasiRequest(FLAT, "64.09", 2024, user="importir"))
    assert [document.outcome for document in back.documents] == ["stored"]
    assert _stored(renja)[sub, 1].anggaran == Decimal(10000000)
    with renja.session() as session:
        assert state_of(load_states(session, "64.09"), RENJA, sub, 1).state is Verifikasi.DIAJUKAN
        audit = list_audit(session, ["64.09"], entity="realisasi")
    assert [entry.action for entry in audit] == [
        "realisasi-import",
        "realisasi-diajukan",
        "realisasi-diverifikasi",
        "realisasi-import",
    ]
    assert audit[0].old[f"{sub} TW I"] == {"anggaran": "1"}  # the web figure the file replaced
    assert audit[3].old == {} and audit[3].new["file"] == "renja_sub_kegiatan.csv"
