"""Nomenclature rules: codes that exist for the pemda's level, with their names, in the PD's bidang."""

from __future__ import annotations

from factories import KOTA, coded, data, pd, plan, run_rendered

from selaras.checks.findings import Location
from selaras.checks.rules.nomenclature import code_outside_pd_bidang, nomenclature_name_mismatch, unknown_code
from selaras.domain import DocumentKind, Item, Plan

DINKES = "1.02.01"
PROGRAM = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
SUB = "1.02.02.2.02.0001"  # kabupaten/kota only: "Pengelolaan Pelayanan Kesehatan Ibu Hamil"


def _renja(*items: Item, pemda: str = KOTA.kode) -> Plan:
    return plan(DocumentKind.RENJA, list(items), pd=DINKES, pemda=pemda)


def test_unknown_code_for_the_pemda_level() -> None:
    provincial = _renja(coded(SUB, "Pengelolaan Pelayanan Kesehatan Ibu Hamil"), pemda="62")
    findings = run_rendered(unknown_code, data(provincial))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL401", Location("62", provincial.document.key, SUB, pd=DINKES, code=SUB))
    ]
    assert findings[0].evidence["jenis"] == "provinsi"
    assert run_rendered(unknown_code, data(_renja(coded(SUB, "Pengelolaan Pelayanan Kesehatan Ibu Hamil")))) == []


def test_program_penunjang_is_found_under_its_placeholder() -> None:
    penunjang = _renja(coded("1.02.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"))
    assert run_rendered(unknown_code, data(penunjang)) == []
    assert run_rendered(nomenclature_name_mismatch, data(penunjang)) == []  # the reference name plus a qualifier


def test_nomenclature_name_mismatch() -> None:
    renja = _renja(coded(SUB, "Pengadaan Obat dan Vaksin"))
    findings = run_rendered(nomenclature_name_mismatch, data(renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL402", Location(KOTA.kode, renja.document.key, SUB, pd=DINKES, code=SUB))
    ]
    assert findings[0].evidence["reference"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert findings[0].evidence["name"] == "Pengadaan Obat dan Vaksin"


def test_an_added_word_is_a_mismatch_but_a_typo_is_not() -> None:
    added = _renja(coded(SUB, "Pengelolaan Pelayanan Kesehatan Ibu Hamil Tahap Lanjutan"))
    [finding] = run_rendered(nomenclature_name_mismatch, data(added))
    assert (finding.location.item, finding.evidence["reference"]) == (SUB, "Pengelolaan Pelayanan Kesehatan Ibu Hamil")
    typo = _renja(coded(SUB, "Pengelolaan Pelayanan Kesehatn Ibu Hamil"))
    assert run_rendered(nomenclature_name_mismatch, data(typo)) == []


def test_name_differing_only_in_case_and_punctuation_matches() -> None:
    renja = _renja(coded("1.02.02", PROGRAM.lower() + "."), coded(SUB, "PENGELOLAAN  PELAYANAN KESEHATAN IBU HAMIL"))
    assert run_rendered(nomenclature_name_mismatch, data(renja)) == []


def test_code_outside_pd_bidang_is_reported_at_the_highest_item() -> None:
    renja = _renja(
        coded("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN"),
        coded("1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar"),
        coded("1.02.02", PROGRAM),
    )
    agencies = [pd(DINKES, "Dinas Kesehatan", "1.02", pemda=KOTA.kode)]
    findings = run_rendered(code_outside_pd_bidang, data(renja, agencies=agencies))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL403", Location(KOTA.kode, renja.document.key, "1.01.02", pd=DINKES, code="1.01.02"))
    ]
    assert findings[0].evidence["bidang"] == "1.01"
    assert findings[0].evidence["held"] == "1.02"


def test_code_outside_pd_bidang_accepts_own_penunjang_and_skips_pd_without_bidang() -> None:
    renja = _renja(coded("1.02.01", "Program Penunjang"), coded("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN"))
    unrecorded = [pd(DINKES, "Dinas Kesehatan", pemda=KOTA.kode)]
    assert run_rendered(code_outside_pd_bidang, data(renja, agencies=unrecorded)) == []
    own = _renja(coded("1.02.01", "Program Penunjang"))
    assert (
        run_rendered(code_outside_pd_bidang, data(own, agencies=[pd(DINKES, "Dinkes", "1.02", pemda=KOTA.kode)])) == []
    )
