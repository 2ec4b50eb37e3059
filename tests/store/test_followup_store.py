"""Tindak lanjut: a finding assigned to a person of its PD with a deadline (default from the planning calendar,
else 30 days), bulk assignment by PD or rule, closing and reopening through the response, every step audited."""

from __future__ import annotations

from datetime import date

import pytest

from selaras.checks.findings import Finding, Location
from selaras.domain import DocumentKind
from selaras.domain.calendar import regulation_template
from selaras.errors import NotFound
from selaras.reference.wilayah import get_pemda
from selaras.store import Database
from selaras.store.audit import list_audit
from selaras.store.calendar import apply_template, load_calendar
from selaras.store.followup import (
    assign,
    assign_many,
    assignable,
    close,
    default_deadline,
    followup_items,
    list_followups,
    ordered,
    overdue_counts,
    reopen,
)
from selaras.store.responses import ResponseState, finding_key
from selaras.store.tenants import ensure_pemda
from selaras.store.users import add_user

TODAY = date(2026, 3, 2)
RENJA = "62/RENJA/1.02.01/2026/final"
GALAT = Finding("SEL205", Location("62", RENJA, "1.02.02", "1.02.01", "1.02.02"), {})
SATUAN = Finding("SEL203", Location("62", RENJA, "1.02.03", "1.02.01", "1.02.03", "Persentase balita"), {})
OTHER_PD = Finding("SEL203", Location("62", "62/RENJA/2.07.01/2026/final", "2.07.02", "2.07.01", "2.07.02"), {})


@pytest.fixture
def people(database: Database) -> Database:
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        add_user(session, username="dinkes", password_hash="x", pemda="62", role="editor", pd="1.02.01")
        add_user(session, username="perindag", password_hash="x", pemda="62", role="editor", pd="2.07.01")
    return database


def test_without_a_calendar_the_deadline_is_thirty_days_away(people: Database) -> None:
    with people.session() as session:
        assert default_deadline(session, "62", TODAY) == date(2026, 4, 1)
        found = assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY)
    assert (found.assignee, found.deadline, found.assigned_by, found.pd) == (
        "dinkes",
        date(2026, 4, 1),
        "admin",
        "1.02.01",
    )


def test_the_default_deadline_is_the_next_close_of_the_documents_stage(people: Database) -> None:
    with people.session() as session:
        apply_template(session, "62", 2027, regulation_template(2027, provinsi=True), username="admin")
        windows = load_calendar(session, "62", 2027).windows
        renja = min(w.closes for w in windows if w.kind is DocumentKind.RENJA and w.closes >= TODAY)
        found = assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY)
    assert found.deadline == renja == date(2026, 3, 15)  # the Renja forum closes before the RKPD's


def test_an_explicit_deadline_wins_and_assigning_again_replaces_it(people: Database) -> None:
    with people.session() as session:
        assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY)
        assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY, deadline=date(2026, 3, 9))
        assert list_followups(session, "62")[finding_key(GALAT)].deadline == date(2026, 3, 9)
        entries = list_audit(session, ["62"], entity="finding_followup")
    assert [(e.action, e.old.get("deadline"), e.new["deadline"]) for e in entries] == [
        ("followup-assign", "2026-04-01", "2026-03-09"),
        ("followup-assign", None, "2026-04-01"),
    ]


def test_an_editor_of_another_pd_or_an_unknown_user_cannot_be_assigned(people: Database) -> None:
    with people.session() as session:
        with pytest.raises(NotFound, match=r"editor PD 2\.07\.01, bukan PD 1\.02\.01"):
            assign(session, GALAT, pemda="62", assignee="perindag", username="admin", today=TODAY)
        with pytest.raises(NotFound, match="pengguna siapa tidak ada atau tidak aktif di pemda 62"):
            assign(session, GALAT, pemda="62", assignee="siapa", username="admin", today=TODAY)


def test_bulk_assignment_by_pd_leaves_other_pd_and_settled_findings(people: Database) -> None:
    with people.session() as session:
        close(session, SATUAN, pemda="62", username="verif")
        done = assign_many(
            session,
            [GALAT, SATUAN, OTHER_PD],
            pemda="62",
            assignee="dinkes",
            username="admin",
            today=TODAY,
            pd="1.02.01",
        )
    assert [f.finding_key for f in done] == [finding_key(GALAT)]


def test_bulk_assignment_by_rule(people: Database) -> None:
    with people.session() as session:
        done = assign_many(
            session,
            [GALAT, SATUAN, OTHER_PD],
            pemda="62",
            assignee="perindag",
            username="admin",
            today=TODAY,
            rule="SEL203",
            pd="2.07.01",
        )
    assert [f.code for f in done] == ["SEL203"]


def test_close_and_reopen_move_the_state_and_are_audited(people: Database) -> None:
    with people.session() as session:
        assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY)
        close(session, GALAT, pemda="62", username="verif", comment="pagu sudah disesuaikan")
        [item] = followup_items(session, [GALAT], "62")
        assert (item.state, item.is_open, item.response and item.response.comment) == (
            ResponseState.SELESAI,
            False,
            "pagu sudah disesuaikan",
        )
        reopen(session, GALAT, pemda="62", username="verif")
        [item] = followup_items(session, [GALAT], "62")
        actions = [(e.username, e.action) for e in list_audit(session, ["62"])]
    assert item.state is ResponseState.TERBUKA and item.response and item.response.comment == "pagu sudah disesuaikan"
    assert actions[:3] == [("verif", "finding-terbuka"), ("verif", "finding-selesai"), ("admin", "followup-assign")]


def test_an_open_item_past_its_deadline_is_overdue_a_closed_one_is_not(people: Database) -> None:
    with people.session() as session:
        assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY, deadline=date(2026, 3, 5))
        [item] = followup_items(session, [GALAT, OTHER_PD], "62")[:1]
        assert item.overdue(date(2026, 3, 6)) and not item.overdue(date(2026, 3, 5))
        close(session, GALAT, pemda="62", username="verif")
        [item] = followup_items(session, [GALAT], "62")
    assert not item.overdue(date(2026, 3, 6))


def test_bulk_assignment_of_a_rule_to_an_editor_takes_only_their_pd(people: Database) -> None:
    with people.session() as session:
        done = assign_many(
            session,
            [GALAT, SATUAN, OTHER_PD],
            pemda="62",
            assignee="perindag",
            username="admin",
            today=TODAY,
            rule="SEL203",
        )
    assert [(f.code, f.pd) for f in done] == [("SEL203", "2.07.01")]


def test_only_the_pds_editors_and_other_roles_can_be_chosen(people: Database) -> None:
    with people.session() as session:
        add_user(session, username="verif", password_hash="x", pemda="62", role="verifikator", pd=None)
        add_user(session, username="lain", password_hash="x", pemda="63", role="verifikator", pd=None)
        for_dinkes = [user.username for user in assignable(session, "62", "1.02.01")]
        for_anyone = [user.username for user in assignable(session, "62")]
    assert for_dinkes == ["dinkes", "verif"]  # the PD's editor first; never another PD's editor or pemda
    assert for_anyone == ["dinkes", "perindag", "verif"]


def test_the_work_list_is_open_first_then_soonest_deadline_and_overdue_counts_per_pd(people: Database) -> None:
    with people.session() as session:
        assign(session, GALAT, pemda="62", assignee="dinkes", username="admin", today=TODAY, deadline=date(2026, 3, 20))
        assign(session, SATUAN, pemda="62", assignee="dinkes", username="admin", today=TODAY, deadline=date(2026, 3, 1))
        assign(
            session, OTHER_PD, pemda="62", assignee="perindag", username="admin", today=TODAY, deadline=date(2026, 2, 1)
        )
        close(session, OTHER_PD, pemda="62", username="verif")
        items = followup_items(session, [GALAT, SATUAN, OTHER_PD], "62")
        counts = overdue_counts(session, [GALAT, SATUAN, OTHER_PD], "62", TODAY)
        fixed = overdue_counts(session, [GALAT], "62", TODAY)  # SATUAN no longer comes out of the checks
    assert [item.finding for item in ordered(items)] == [SATUAN, GALAT, OTHER_PD]
    assert counts == {"1.02.01": 1}  # SATUAN is past its deadline; OTHER_PD is closed
    assert fixed == {}
