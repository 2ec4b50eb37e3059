"""The planning calendar: stage order, the regulation template's deadlines, locking windows, who is late."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from selaras.domain import Document, DocumentKind, Period
from selaras.domain.calendar import (
    PlanningCalendar,
    Stage,
    StageWindow,
    format_day,
    lock_message,
    next_stage,
    regulation_template,
    submissions,
)


def _deadline(windows: list[StageWindow], kind: DocumentKind, stage: Stage = Stage.PENETAPAN) -> date:
    return next(w.closes for w in windows if w.kind is kind and w.stage is stage)


def test_the_annual_template_keeps_the_legal_deadlines() -> None:
    windows = regulation_template(2027, provinsi=False)
    assert _deadline(windows, DocumentKind.RKPD) == date(2026, 6, 30)
    assert _deadline(windows, DocumentKind.RENJA) == date(2026, 7, 31)
    assert _deadline(windows, DocumentKind.KUA_PPAS, Stage.RANCANGAN_AWAL) == date(2026, 7, 14)
    assert _deadline(windows, DocumentKind.KUA_PPAS) == date(2026, 8, 14)
    assert _deadline(windows, DocumentKind.APBD, Stage.FORUM) == date(2026, 11, 30)
    assert _deadline(windows, DocumentKind.APBD) == date(2026, 12, 31)
    assert _deadline(windows, DocumentKind.APBD, Stage.PERUBAHAN) == date(2027, 9, 30)
    assert {w.kind for w in windows} == {
        DocumentKind.RKPD,
        DocumentKind.RENJA,
        DocumentKind.KUA_PPAS,
        DocumentKind.APBD,
    }


def test_the_musrenbang_of_a_province_follows_those_of_its_kabupaten() -> None:
    kabupaten = regulation_template(2027, provinsi=False)
    provinsi = regulation_template(2027, provinsi=True)
    assert _deadline(kabupaten, DocumentKind.RKPD, Stage.FORUM) == date(2026, 3, 31)
    assert _deadline(provinsi, DocumentKind.RKPD, Stage.FORUM) == date(2026, 4, 30)


def test_the_medium_term_plans_count_from_the_inauguration() -> None:
    windows = regulation_template(2025, provinsi=True, inauguration=datetime(2025, 2, 20, 10, 0))
    assert _deadline(windows, DocumentKind.RPJMD) == date(2025, 8, 20)  # six months (UU 23/2014)
    assert _deadline(windows, DocumentKind.RENSTRA) == date(2025, 9, 20)  # one month after the RPJMD
    assert _deadline(windows, DocumentKind.RPJPD) == date(2024, 8, 31)  # 2025-2045 due in August 2024
    assert DocumentKind.RPJPD not in {w.kind for w in regulation_template(2026, provinsi=True)}


def test_every_template_window_names_its_basis_and_stages_follow_each_other() -> None:
    windows = regulation_template(2025, provinsi=False, inauguration=date(2025, 2, 20))
    assert all(w.basis for w in windows)
    for kind in {w.kind for w in windows}:
        mine = [w for w in windows if w.kind is kind and w.stage is not Stage.PERUBAHAN]
        assert [w.stage for w in mine] == sorted((w.stage for w in mine), key=list(Stage).index)
        assert all(a.opens <= b.opens for a, b in itertools.pairwise(mine))


def test_sign_off_order_and_the_budget_stages() -> None:
    assert next_stage(DocumentKind.RENJA, Stage.RANCANGAN_AWAL) is Stage.FORUM
    assert next_stage(DocumentKind.KUA_PPAS, Stage.FORUM) is Stage.PENETAPAN
    assert next_stage(DocumentKind.RENJA, Stage.PERUBAHAN) is None
    assert Stage.FORUM.label(DocumentKind.RENJA) == "Forum PD"
    assert Stage.FORUM.label(DocumentKind.RKPD) == "Musrenbang"
    assert Stage.FORUM.label(DocumentKind.APBD) == "Pembahasan DPRD"


WINDOW = StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AKHIR, date(2026, 5, 1), date(2026, 6, 30))


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2026, 4, 30), "belum dibuka"),
        (date(2026, 5, 1), "dibuka"),
        (date(2026, 6, 30), "dibuka"),
        (date(2026, 7, 1), "ditutup"),
    ],
)
def test_a_stage_is_open_between_its_dates_inclusive(day: date, state: str) -> None:
    assert WINDOW.state(day) == state
    assert WINDOW.is_open(day) is (state == "dibuka")


def test_a_reopened_stage_is_open_until_the_day_given() -> None:
    reopened = StageWindow(WINDOW.kind, WINDOW.stage, WINDOW.opens, WINDOW.closes, reopened_until=date(2026, 7, 10))
    assert reopened.state(date(2026, 7, 10)) == "dibuka kembali"
    assert reopened.state(date(2026, 7, 11)) == "ditutup"


def test_a_stage_cannot_close_before_it_opens() -> None:
    with pytest.raises(
        ValueError, match=r"^tahap Penetapan RKPD ditutup \(1 Mei 2026\) sebelum dibuka \(2 Mei 2026\)$"
    ):
        StageWindow(DocumentKind.RKPD, Stage.PENETAPAN, date(2026, 5, 2), date(2026, 5, 1))


def test_the_lock_message_names_the_stage_and_its_dates() -> None:
    document = Document(DocumentKind.RENJA, "62", Period(2027, 2027), pd="1.02.01")
    assert format_day(date(2026, 8, 17)) == "17 Agustus 2026"
    assert lock_message(document, WINDOW, date(2026, 7, 2)) == (
        "dokumen 62/RENJA/1.02.01/2027/final terkunci: tahap Rancangan akhir Renja 2027 "
        "(1 Mei 2026 s.d. 30 Juni 2026) sudah ditutup; impor dan perubahan hanya dapat dilakukan selama tahapnya "
        "dibuka — minta admin Bappeda membuka kembali tahap ini bila masih perlu diubah"
    )


def test_submissions_list_who_has_not_reached_each_opened_stage() -> None:
    windows = (
        StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AWAL, date(2026, 1, 2), date(2026, 2, 15)),
        StageWindow(DocumentKind.RENJA, Stage.FORUM, date(2026, 2, 16), date(2026, 3, 15)),
        StageWindow(DocumentKind.RKPD, Stage.RANCANGAN_AWAL, date(2026, 1, 2), date(2026, 2, 28)),
        StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AKHIR, date(2026, 5, 1), date(2026, 6, 30)),
    )
    calendar = PlanningCalendar("62", 2027, windows)
    reached = {(DocumentKind.RENJA, "A"): Stage.FORUM, (DocumentKind.RENJA, "B"): Stage.RANCANGAN_AWAL}
    found = submissions(calendar, agencies=["A", "B", "C"], reached=reached, day=date(2026, 3, 1))
    assert [(s.window.kind.value, s.window.stage.value, s.pd, s.late) for s in found] == [
        ("RENJA", "rancangan_awal", "C", True),
        ("RKPD", "rancangan_awal", None, True),
        ("RENJA", "forum", "B", False),
        ("RENJA", "forum", "C", False),
    ]
    assert calendar.due_within(date(2026, 3, 1)) == [windows[1]]
