"""The report model: its numbers are the data's and the scores', its texts follow the language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from report_world import AGENCY, LINKED_PAGU, UNLINKED_PAGU, Small

from selaras.errors import ConfigurationError
from selaras.report.history import Snapshot, load_snapshot, save_snapshot
from selaras.report.model import RakorReport, Table


def _table(report: RakorReport, title: str) -> Table:
    [found] = [table for _, table in report.tables() if table.title == title]
    return found


def test_sections_are_numbered_one_to_ten_with_indonesian_titles(small: Small) -> None:
    report = small.report()
    assert [section.number for section in report.sections] == list(range(1, 11))
    assert report.sections[0].title == "Ringkasan eksekutif"
    assert report.sections[4].title == "Sinkronisasi IKU"
    assert small.report("en").sections[0].title == "Executive summary"


def test_pagu_per_asta_cita_is_the_score_cards(small: Small) -> None:
    report = small.report()
    [pd_card] = [card for card in small.cards if card.pd == AGENCY]
    shares = _table(report, "Porsi pagu per misi Asta Cita")
    by_mission = {row[0]: row[2] for row in shares.rows}
    assert by_mission["AC4"] == pd_card.pagu_per_target["asta_cita"]["AC4"] == Decimal(LINKED_PAGU)
    assert sum(by_mission.values()) == shares.total[2]  # type: ignore[index]
    assert {row[0]: row[3] for row in shares.rows}["AC4"] == 100.0


def test_matrix_counts_items_and_pagu_per_mission(small: Small) -> None:
    matrix = _table(small.report(), "Matriks PD × misi Asta Cita (jumlah item dan pagu)")
    headers = [column.title for column in matrix.columns]
    [row] = matrix.rows
    assert row[headers.index("AC4 item")] == 1  # the linked sub kegiatan; the unlinked program reaches nothing
    assert row[headers.index("AC4 pagu")] == Decimal(LINKED_PAGU)
    assert row[headers.index("AC1 pagu")] is None  # blank, not a wall of zeros
    assert matrix.total is not None and matrix.total[headers.index("AC4 pagu")] == Decimal(LINKED_PAGU)


def test_regional_coverage_marks_the_unfunded_priority(small: Small) -> None:
    targets = _table(small.report(), "Misi, sasaran dan prioritas RPJMD")
    status = {row[0]: (row[3], row[4], row[5]) for row in targets.rows}
    assert status["M1.T1.S1"] == (1, Decimal(LINKED_PAGU), "tercakup")
    assert status["M1"][2] == "tercakup"  # served through its sasaran
    assert status["P1"] == (0, Decimal(0), "tanpa program")


def test_unaligned_pagu_lists_the_unlinked_program(small: Small) -> None:
    unaligned = _table(small.report(), "Pagu yang tidak mendukung prioritas")
    assert [(row[2], row[4]) for row in unaligned.rows] == [("1.02.03", Decimal(UNLINKED_PAGU))]


def test_headline_scores_match_the_pemda_card(small: Small) -> None:
    report = small.report()
    [card] = [card for card in small.cards if card.pemda == "62" and card.pd is None]
    headline = _table(report, "Skor utama per pemda")
    row = next(row for row in headline.rows if row[0] == "62")
    assert row[2] == card.scores["keselarasan"].value == pytest.approx(75.0)  # 1,5 of 2 M pagu linked, both ways
    assert report.snapshot.scores["62"]["keselarasan"] == card.scores["keselarasan"].value


def test_pd_card_has_scores_findings_and_actions(small: Small) -> None:
    [cards] = [section for section in small.report().sections if section.key == "kartu"]
    [card] = cards.subsections
    assert card.title.startswith("Dinas Kesehatan")
    actions = [block for block in card.blocks if getattr(block, "items", ())]
    assert any("1.02.03" in item for block in actions for item in block.items)  # type: ignore[union-attr]


def test_changes_since_the_previous_snapshot(small: Small) -> None:
    current = small.report().snapshot
    before = Snapshot("62", 2025, "provinsi", "2025-03-01", {"62": {**current.scores["62"], "keselarasan": 50.0}})
    report = small.report(previous=before)
    changes = _table(report, "Skor yang berubah")
    assert ("Kalimantan Tengah", "Keselarasan", 50.0, 75.0, 25.0) in changes.rows
    assert "Belum ada laporan sebelumnya" in small.report().sections[0].blocks[-1].text  # type: ignore[union-attr]


def test_snapshot_round_trips_and_a_bad_file_is_a_clear_error(small: Small, tmp_path: Path) -> None:
    snapshot = small.report().snapshot
    save_snapshot(snapshot, tmp_path / "laporan.json")
    assert load_snapshot(tmp_path / "laporan.json") == snapshot
    (tmp_path / "rusak.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"rusak\.json"):
        load_snapshot(tmp_path / "rusak.json")


def test_every_text_exists_in_both_languages_without_placeholders_left(small: Small) -> None:
    for lang in ("id", "en"):
        report = small.report(lang)
        for section, table in report.tables():
            texts = [section.title, table.title, *(column.title for column in table.columns)]
            assert not [text for text in texts if "{" in text], texts


def test_documents_submitted_late_are_listed_in_section_one(small: Small) -> None:
    from datetime import date

    from selaras.domain import DocumentKind
    from selaras.domain.calendar import Stage, StageWindow, Submission

    window = StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AKHIR, date(2026, 7, 1), date(2026, 7, 31))
    agency = small.data.perangkat_daerah[0]
    late = Submission(window, agency.kode, Stage.RANCANGAN_AWAL, late=True)
    due = Submission(window, "9.99.99", None, late=False)  # still open: not late, not listed
    table = _table(small.report(submissions=[late, due]), "Dokumen yang terlambat disampaikan")
    assert table.rows == [(agency.nama, "Rancangan akhir Renja", "31 Juli 2026", "Rancangan awal")]
    assert not any(
        getattr(block, "title", "") == "Dokumen yang terlambat disampaikan"
        for block in small.report().sections[0].blocks
    )


def test_changes_since_the_previous_report_list_findings_and_items_per_pd(small: Small) -> None:
    from dataclasses import replace

    current = small.report().snapshot
    assert current.findings and current.items  # the Renja of the year is in the snapshot
    [(document, items)] = list(current.items.items())
    first_key, (_, text, pd) = next(iter(items.items()))
    new_key, new_finding = next(iter(current.findings.items()))
    old_findings = {key: value for key, value in current.findings.items() if key != new_key}
    old_findings["sudah-selesai"] = {"pd": pd, "code": "SEL504", "item": first_key, "message": "Tanpa kondisi awal."}
    old_items = {**items, first_key: ["lama", text, pd], "9.99.99": ["x", "Program yang dihapus", pd]}
    previous = replace(current, findings=old_findings, items={document: old_items})
    report = small.report(previous=previous)
    findings = _table(report, "Temuan yang selesai dan yang baru, per PD")
    assert {(row[1], row[2]) for row in findings.rows} == {("selesai", "SEL504"), ("baru", new_finding["code"])}
    changed = _table(report, "Butir Renja/RKPD/anggaran tahun ini yang berubah, per PD")
    assert {(row[1], row[2]) for row in changed.rows} == {("diubah", first_key), ("dihapus", "9.99.99")}


def test_a_kota_report_covers_its_own_agencies_and_has_no_kabkota_spread(small: Small) -> None:
    from factories import KOTA, YEAR

    from selaras.checks.builtin import builtin_registry
    from selaras.report.model import build_report

    report = build_report(
        small.data, small.checks, small.cards, builtin_registry(), pemda=KOTA.kode, year=YEAR, generated="2026-03-01"
    )
    assert report.subtitle.endswith("Cakupan PD: perangkat daerah Kota Palangkaraya")
    [scores] = [block for block in report.front.blocks if isinstance(block, Table) and block.title.startswith("Skor")]
    assert scores.title == "Skor utama"
    assert [column.title for column in scores.columns] == ["Skor", "Kota Palangkaraya"]
    province = small.report()
    assert province.subtitle.endswith("Cakupan PD: perangkat daerah provinsi")
    [spread] = [block for block in province.front.blocks if isinstance(block, Table) and block.title.startswith("Skor")]
    assert spread.title == "Skor utama dan sebarannya di kab/kota" and len(spread.columns) == 5
