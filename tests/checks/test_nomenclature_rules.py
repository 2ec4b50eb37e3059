"""Nomenclature rules: codes that exist for the pemda's level in the list in force for the document's year,
with their names and standard indicators, in the PD's bidang."""

from __future__ import annotations

from factories import KOTA, YEAR, coded, data, indicator, pd, plan, run_rendered

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, Location
from selaras.checks.registry import RuleFunction, registry
from selaras.checks.rules.nomenclature import (
    code_outside_pd_bidang,
    indicator_not_standard,
    nomenclature_name_mismatch,
    replaced_code,
    unknown_code,
)
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, Item, Period, Plan
from selaras.reference.nomenclature_versions import bundled_versions

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


def test_a_wrong_program_code_is_reported_once_with_its_descendants_counted() -> None:
    wrong = _renja(
        coded("1.02.09", "Program Kesehatan Lainnya"),
        coded("1.02.09.2.01", "Kegiatan Kesehatan Lainnya"),
        *(coded(f"1.02.09.2.01.000{n}", f"Sub Kegiatan Kesehatan {n}") for n in range(1, 7)),
    )
    [finding] = run_rendered(unknown_code, data(wrong))
    assert (finding.location.item, finding.evidence["descendants"]) == ("1.02.09", 7)
    assert (
        registry.get("SEL401").render(finding, "en")[0].endswith(", nor are the 7 codes below it that start with it.")
    )


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


# --- the version in force ---------------------------------------------------------------------------------------

SIPD = "SIPD pemutakhiran 2027 (Kepmendagri 900.1.15.5-3406/2024 dst.)"
MEBEL = "1.01.02.2.01.0014"  # kab/kota: "Pengadaan Mebeluer Sekolah" in 2020, "Pengadaan Mebel Sekolah" in SIPD
DISDIK = "1.01.01"
ODMK = "1.02.02.1.02.0013"  # provinsi, 2020 only; SIPD replaced it by 1.02.02.1.02.0035


def _versioned(rule: RuleFunction, planning: PlanningData) -> list[Finding]:
    """The findings of a registered rule with the bundled versions in force by year, rendered in both languages."""
    found = list(rule(planning, CheckContext(YEAR, bundled_versions())))
    [registered] = [candidate for candidate in registry if candidate.check is rule]
    for finding in found:
        assert finding.code == registered.code
        for lang in ("id", "en"):
            assert "{" not in " ".join(registered.render(finding, lang))
    return found


def _renja_of(year: int, *items: Item, pemda: str = KOTA.kode, pd: str = DISDIK) -> Plan:
    return plan(DocumentKind.RENJA, list(items), pd=pd, pemda=pemda, period=Period(year, year))


def test_unknown_code_uses_the_list_in_force_for_the_document_year_and_names_it() -> None:
    added = coded("5.01.01.2.01.0008", "Penyelenggaraan Walidata Pendukung Statistik Sektoral Daerah")
    assert _versioned(unknown_code, data(_renja_of(2026, added))) == []
    old = _renja_of(2022, added)
    [finding] = _versioned(unknown_code, data(old))
    assert (finding.code, finding.location.document) == ("SEL401", old.document.key)
    assert finding.evidence["nomenclature"] == "Kepmendagri 050-3708/2020"
    removed = coded("1.01.02.2.01.0002", "Penambahan Ruang Kelas Baru")
    assert _versioned(unknown_code, data(_renja_of(2022, removed))) == []
    assert _versioned(unknown_code, data(_renja_of(2026, removed))) == []  # retired at some point before 2027
    [finding] = _versioned(unknown_code, data(_renja_of(2027, removed)))
    assert registry.get("SEL401").render(finding)[0] == (
        f"Kode 1.01.02.2.01.0002 (Penambahan Ruang Kelas Baru) tidak ada dalam nomenklatur {SIPD} untuk pemda "
        "kabupaten/kota."
    )


def test_a_name_right_in_any_version_is_not_a_mismatch() -> None:
    for year in (2022, 2026):
        for name in ("Pengadaan Mebel Sekolah", "Pengadaan Mebeluer Sekolah"):
            assert _versioned(nomenclature_name_mismatch, data(_renja_of(year, coded(MEBEL, name)))) == []


def test_a_mismatch_suggests_the_name_of_the_list_in_force() -> None:
    [new] = _versioned(nomenclature_name_mismatch, data(_renja_of(2026, coded(MEBEL, "Pengadaan Meja Guru"))))
    assert (new.evidence["reference"], new.evidence["nomenclature"]) == ("Pengadaan Mebel Sekolah", SIPD)
    assert registry.get("SEL402").render(new) == (
        f'Nama {MEBEL} "Pengadaan Meja Guru" berbeda dengan nama di nomenklatur {SIPD}: "Pengadaan Mebel Sekolah".',
        'Gunakan nama sesuai nomenklatur: "Pengadaan Mebel Sekolah".',
    )
    [old] = _versioned(nomenclature_name_mismatch, data(_renja_of(2022, coded(MEBEL, "Pengadaan Meja Guru"))))
    assert old.evidence["reference"] == "Pengadaan Mebeluer Sekolah"


def test_a_replaced_code_names_its_successor() -> None:
    renja = _renja_of(2026, coded(ODMK, "Pengelolaan Pelayanan Kesehatan ODMK"), pemda="62", pd=DINKES)
    [finding] = _versioned(replaced_code, data(renja))
    assert (finding.code, finding.location) == (
        "SEL404",
        Location("62", renja.document.key, ODMK, pd=DINKES, code=ODMK),
    )
    successor = "1.02.02.1.02.0035 (Pengelolaan Pelayanan Kesehatan Orang yang berisiko Masalah Kesehatan Jiwa)"
    assert registry.get("SEL404").render(finding) == (
        f"Sub kegiatan {ODMK} (Pengelolaan Pelayanan Kesehatan ODMK) sudah diganti dalam nomenklatur {SIPD} "
        f"dengan {successor}.",
        f"Ganti {ODMK} dengan penggantinya: {successor}.",
    )
    assert _versioned(unknown_code, data(renja)) == []  # said once, by the rule that knows the successor
    in_2022 = _renja_of(2022, coded(ODMK, "Pengelolaan Pelayanan Kesehatan ODMK"), pemda="62", pd=DINKES)
    assert _versioned(replaced_code, data(in_2022)) == []


def test_a_budget_adopted_before_the_current_list_keeps_the_codes_sipd_accepted_then() -> None:
    """A 2024 APBD is SIPD's record of that year's codes: it is not renumbered; the next plan is told instead."""
    renumbered = coded("1.03.10.2.01.0032", "Pembangunan Jalan")
    for kind in (DocumentKind.APBD, DocumentKind.KUA_PPAS):
        budget = plan(kind, [renumbered], pd="1.03.01", pemda=KOTA.kode, period=Period(2024, 2024))
        assert _versioned(replaced_code, data(budget)) == []
        assert _versioned(unknown_code, data(budget)) == []  # said by neither rule
    assert len(_versioned(replaced_code, data(_renja_of(2024, renumbered, pd="1.03.01")))) == 1
    current = plan(DocumentKind.APBD, [renumbered], pd="1.03.01", pemda=KOTA.kode, period=Period(2027, 2027))
    assert len(_versioned(replaced_code, data(current))) == 1  # a budget under the current list must use it


STANDARD = "Jumlah Sekolah Baru yang Telah Dibangun"


def test_a_renumbered_code_names_the_code_that_carries_its_name_now() -> None:
    renumbered = coded("1.03.10.2.01.0032", "Pembangunan Jalan")  # a 2021-2024 code, in neither bundled list
    renja = _renja_of(2024, renumbered, pd="1.03.01")
    [finding] = _versioned(replaced_code, data(renja))
    assert finding.evidence["successor"].endswith("(Pembangunan Jalan)")
    assert not finding.evidence["successor"].startswith("1.03.10.2.01.0032")
    assert _versioned(unknown_code, data(renja)) == []
    unknown = coded("1.03.10.2.01.0099", "Pekerjaan yang tidak ada di daftar mana pun")
    [finding] = _versioned(unknown_code, data(_renja_of(2024, unknown, pd="1.03.01")))
    assert finding.code == "SEL401"


def test_a_sub_kegiatan_without_the_standard_indicator_gets_it_suggested() -> None:
    usb = "1.01.02.2.01.0001"
    without = coded(usb, "Pembangunan Unit Sekolah Baru (USB)")
    other = coded(usb, "Pembangunan Unit Sekolah Baru (USB)", indicators=[indicator("Persentase sekolah layak", "%")])
    kegiatan = coded("1.01.02.2.01", "Pengelolaan Pendidikan SD", indicators=[indicator("Jumlah sekolah", "Unit")])
    renja = _renja_of(2026, kegiatan, without)
    [missing] = _versioned(indicator_not_standard, data(renja))
    assert (missing.code, missing.location) == (
        "SEL405",
        Location(KOTA.kode, renja.document.key, usb, pd=DISDIK, code=usb),
    )
    assert registry.get("SEL405").render(missing) == (
        f"Sub kegiatan {usb} (Pembangunan Unit Sekolah Baru (USB)) tidak memakai indikator standar nomenklatur "
        f'{SIPD}: "{STANDARD}" (satuan Unit); tertulis: -.',
        f'Gunakan indikator standar "{STANDARD}" dengan satuan Unit.',
    )
    [different] = _versioned(indicator_not_standard, data(_renja_of(2026, other)))
    assert different.evidence["found"] == '"Persentase sekolah layak"'
    assert _versioned(indicator_not_standard, data(_renja_of(2026, without))) == []  # a layout with no indicators


def test_the_standard_indicator_in_other_words_or_an_older_list_is_not_flagged() -> None:
    usb = "1.01.02.2.01.0001"
    standard = coded(usb, "Pembangunan USB", indicators=[indicator("jumlah sekolah baru yang dibangun", "Unit")])
    assert _versioned(indicator_not_standard, data(_renja_of(2026, standard))) == []
    no_metadata = coded(usb, "Pembangunan Unit Sekolah Baru (USB)")
    assert _versioned(indicator_not_standard, data(_renja_of(2022, no_metadata))) == []  # 2020 has no indicators
    kegiatan = coded("1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar")
    assert _versioned(indicator_not_standard, data(_renja_of(2026, kegiatan))) == []
