"""The real SIPD-RI exports of Kab. Buru 2024 import as they are, with the counts and totals of their SOURCE.md.

Figures were counted independently with openpyxl (tests/data/sipd-kab-buru-2024/SOURCE.md). The files are
read as planners download them: a flat Rekap of every SKPD and sub unit, a KUA-PPAS Tabel IV.3 with one sheet
per SKPD, and a flat list of sub kegiatan per SKPD.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from selaras.domain import Document, DocumentKind, ItemLevel, Period, Plan, RincianKind
from selaras.errors import ImportFailed
from selaras.ingest.flat import read_flat
from selaras.ingest.service import ImportRequest, ImportResult, import_file
from selaras.ingest.sipd import read_sipd
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.store import Database
from selaras.store.plans import load_plan
from selaras.store.tenants import list_perangkat_daerah

BURU = Path(__file__).parent.parent / "data" / "sipd-kab-buru-2024"
REKAP = BURU / "rekap_2024.xlsx"
TABEL_IV3 = BURU / "tabel_iv3_kua_ppas_2024.xlsx"
DAFTAR = BURU / "kua_ppas_sub_kegiatan_2024.xlsx"
KABKOTA = "kabupaten_kota"
YEAR = Period(2024, 2024)


def _import(database: Database, path: Path, kind: DocumentKind, **overrides: object) -> ImportResult:
    request = ImportRequest(**{"path": path, "pemda": "81.04", "kind": kind, "period": YEAR, **overrides})  # type: ignore[arg-type]
    return import_file(database, request, nomenclature=bundled_nomenclature())


def _levels(plans: list[Plan]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for plan in plans:
        for level, number in plan.level_counts().items():
            counts[level] = counts.get(level, 0) + number
    return counts


def _sub_kegiatan_pagu(plans: list[Plan]) -> Decimal:
    return sum((plan.pagu_per_year(ItemLevel.SUB_KEGIATAN).get(2024, Decimal(0)) for plan in plans), Decimal(0))


def test_the_rekap_becomes_one_plan_per_skpd_with_every_sub_unit_and_the_exact_total() -> None:
    document = Document(DocumentKind.APBD, "81.04", YEAR, version="murni")
    sections, problems = read_flat(REKAP, document=document, nomenclature=bundled_nomenclature(), jenis=KABKOTA)
    assert not [problem for problem in problems if problem.severity.value == "galat"]
    plans = [section.plan for section in sections]
    assert len(sections) == 42
    assert _levels(plans) == {"program": 258, "kegiatan": 706, "sub_kegiatan": 2191}
    assert _sub_kegiatan_pagu(plans) == Decimal("866035384427")
    units = {
        (section.skpd.kode if section.skpd else "", item.unit) for section in sections for item in section.plan.items
    }
    assert len(units) == 66  # 42 SKPD themselves and 24 sub units (Puskesmas, Bagian …)
    funded = [item for plan in plans for item in plan.items if item.level is ItemLevel.SUB_KEGIATAN and item.pagu(2024)]
    assert len(funded) == 1102


def test_a_rekap_sub_kegiatan_keeps_its_sumber_dana_and_rekening_summed() -> None:
    document = Document(DocumentKind.APBD, "81.04", YEAR)
    sections, _ = read_flat(REKAP, document=document, nomenclature=bundled_nomenclature(), jenis=KABKOTA)
    dikbud = next(section for section in sections if section.skpd and section.skpd.nama.startswith("Dinas Pendidikan"))
    item = dikbud.plan.item("1.01.02.2.01.0009")  # two rows: DAU and DAK Fisik, one rekening
    sumber = {line.nama: line.pagu for line in item.rincian if line.kind is RincianKind.SUMBER_DANA}
    rekening = {line.kode: line.pagu for line in item.rincian if line.kind is RincianKind.REKENING}
    assert sumber == {
        "DAU yang Ditentukan Penggunaannya Bidang Pendidikan": Decimal(180000000),
        "DAK Fisik-Bidang Pendidikan-Reguler-SD": Decimal(515455857),
    }
    assert rekening == {"5.2.03.01.01.0010": Decimal(695455857)}
    assert item.pagu(2024) == Decimal(695455857)
    assert dikbud.plan.item("1.01.02.2.01").pagu(2024) == sum(
        (child.pagu(2024) or Decimal(0) for child in dikbud.plan.children("1.01.02.2.01")), Decimal(0)
    )


def test_the_same_sub_kegiatan_under_several_sub_units_is_one_item_per_sub_unit() -> None:
    document = Document(DocumentKind.APBD, "81.04", YEAR)
    sections, problems = read_flat(REKAP, document=document, nomenclature=bundled_nomenclature(), jenis=KABKOTA)
    assert not [problem for problem in problems if problem.code == "duplicate"]
    dinkes = next(section for section in sections if section.skpd and section.skpd.nama == "Dinas Kesehatan")
    units = {item.unit for item in dinkes.plan.items if item.unit}
    assert len(units) >= 2
    keys = [item.key for item in dinkes.plan.items]
    assert len(keys) == len(set(keys))
    sub_unit_item = next(item for item in dinkes.plan.items if item.unit)
    assert sub_unit_item.key.endswith("/" + str(sub_unit_item.code))


def test_tabel_iv3_reads_every_sheet_with_its_skpd_indicators_and_pagu() -> None:
    document = Document(DocumentKind.KUA_PPAS, "81.04", YEAR, version="murni")
    sections, problems = read_sipd(TABEL_IV3, document=document, nomenclature=bundled_nomenclature(), jenis=KABKOTA)
    assert not [problem for problem in problems if problem.severity.value == "galat"]
    assert len(sections) == 43
    plans = [section.plan for section in sections]
    assert _levels(plans) == {"program": 216, "kegiatan": 612, "sub_kegiatan": 1845}
    assert _sub_kegiatan_pagu(plans) == Decimal("865656646136.27")
    first = sections[0]
    assert first.skpd is not None and (first.skpd.kode, first.skpd.nama) == (
        "1.01.2.22.0.00.01.0000",
        "Dinas Pendidikan dan Kebudayaan",
    )
    assert first.skpd.bidang_urusan == ("1.01", "2.22")
    assert first.plan.level_counts() == {"program": 7, "kegiatan": 19, "sub_kegiatan": 124}
    assert first.plan.pagu_per_year(ItemLevel.SUB_KEGIATAN) == {2024: Decimal("245747108528")}
    assert first.plan.indicator_count() == 161
    penunjang = first.plan.item("1.01.01")
    assert [(indicator.satuan, indicator.targets) for indicator in penunjang.indicators] == [
        ("%", {2024: Decimal(100)}),
        ("%", {2024: Decimal(100)}),
    ]
    placeholder = [problem for problem in problems if problem.code == "empty-marker"]
    assert {problem.severity.value for problem in placeholder} == {"peringatan"}
    assert sorted(str(problem.value) for problem in placeholder) == ["0"] * 18 + ["undefined"]  # none, not "0"
    assert not [
        i for plan in plans for item in plan.items for i in item.indicators if not any(c.isalpha() for c in i.name)
    ]


def test_the_flat_kua_ppas_list_derives_program_and_kegiatan_from_the_code() -> None:
    document = Document(DocumentKind.KUA_PPAS, "81.04", YEAR)
    sections, problems = read_flat(DAFTAR, document=document, nomenclature=bundled_nomenclature(), jenis=KABKOTA)
    assert not [problem for problem in problems if problem.severity.value == "galat"]
    assert len(sections) == 53
    plans = [section.plan for section in sections]
    assert _levels(plans)["sub_kegiatan"] == 1904
    dikbud = sections[0].plan
    kegiatan = dikbud.item("1.01.01.2.01")
    assert kegiatan.level is ItemLevel.KEGIATAN and kegiatan.parent == "1.01.01"
    assert kegiatan.text  # named from the nomenclature, not left blank


@pytest.mark.postgres
def test_importing_the_rekap_stores_a_document_per_skpd_and_a_reimport_changes_nothing(database: Database) -> None:
    result = _import(database, REKAP, DocumentKind.APBD)
    assert result.file_format == "sipd-daftar" and result.outcome == "created"
    assert len(result.documents) == 42
    assert result.totals()["items"] == {"program": 258, "kegiatan": 706, "sub_kegiatan": 2191}
    key = next(done.document_key for done in result.documents if done.pd == "1.01.2.22.0.00.01.0000")
    assert key == "81.04/APBD/1.01.2.22.0.00.01.0000/2024/murni"
    with database.session() as session:
        pds = list_perangkat_daerah(session, "81.04")
        stored = load_plan(session, key)
    assert len(pds) == 42
    assert any(rincian.kind is RincianKind.REKENING for item in stored.items for rincian in item.rincian)
    again = _import(database, REKAP, DocumentKind.APBD)
    assert again.outcome == "unchanged" and len(again.documents) == 42


@pytest.mark.postgres
def test_every_export_gives_the_same_42_pd_with_sub_units_inside_their_skpd(database: Database) -> None:
    """RSUD Namlea has its own sheet in the Tabel IV.3 and is a sub unit of Dinas Kesehatan in the Rekap; the
    list of sub kegiatan names 11 Bagian and Satuan as if they were SKPD. All three give the same PD."""
    documents = {
        kind.value: {done.pd for done in _import(database, path, kind, version=kind.value.lower()).documents}
        for path, kind in ((REKAP, DocumentKind.APBD), (TABEL_IV3, DocumentKind.KUA_PPAS))
    }
    assert len(documents["APBD"]) == 42 and documents["KUA_PPAS"] == documents["APBD"]
    daftar = {done.pd for done in _import(database, DAFTAR, DocumentKind.KUA_PPAS, version="daftar").documents}
    assert daftar <= documents["APBD"]
    with database.session() as session:
        assert len(list_perangkat_daerah(session, "81.04")) == 42
        dinkes = load_plan(session, "81.04/KUA_PPAS/1.02.0.00.0.00.01.0000/2024/kua_ppas")
    rsud = [item for item in dinkes.items if item.unit == "RSUD Namlea"]
    assert rsud and all(item.key.startswith("1.02.0.00.0.00.01.1000/") for item in rsud)


@pytest.mark.postgres
def test_pd_picks_its_own_sheet_and_a_file_of_another_skpd_is_refused(database: Database, tmp_path: Path) -> None:
    result = _import(database, TABEL_IV3, DocumentKind.KUA_PPAS, pd="Dinas Kesehatan")
    [done] = result.documents
    assert done.document_key == "81.04/KUA_PPAS/1.02.0.00.0.00.01.0000/2024/murni"
    one_sheet = _first_sheet_only(TABEL_IV3, tmp_path / "dikbud.xlsx")
    with pytest.raises(ImportFailed) as failure:
        _import(database, one_sheet, DocumentKind.KUA_PPAS, pd="Dinas Kesehatan")
    [problem] = failure.value.problems
    assert problem.code == "skpd-mismatch"
    assert "Dinas Pendidikan dan Kebudayaan" in problem.message() and "Dinas Kesehatan" in problem.message()


@pytest.mark.postgres
def test_a_pd_the_pemda_does_not_have_is_an_error_with_the_closest_names(database: Database, tmp_path: Path) -> None:
    _import(database, TABEL_IV3, DocumentKind.KUA_PPAS)
    renja = tmp_path / "renja.xlsx"
    _write(renja, [["Kode", "Uraian", "Pagu"], ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", 1000]])
    with pytest.raises(ImportFailed) as failure:
        _import(database, renja, DocumentKind.RENJA, pd="Dinas Kesehatn")
    [problem] = failure.value.problems
    assert problem.code == "pd-unknown" and "Dinas Kesehatan" in problem.params["closest"]
    with database.session() as session:
        assert len(list_perangkat_daerah(session, "81.04")) == 42  # no phantom PD
    done = _import(database, renja, DocumentKind.RENJA, pd="Dinas Kesehatan")
    assert done.documents[0].pd == "1.02.0.00.0.00.01.0000"


def _first_sheet_only(source: Path, target: Path) -> Path:
    book = load_workbook(source, read_only=True)
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return _write(target, rows)


def _write(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
