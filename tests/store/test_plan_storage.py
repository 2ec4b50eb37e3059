"""Plans survive a trip through the database unchanged, on SQLite and PostgreSQL."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import fields, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum

import pytest
from sqlalchemy import func, insert, select

from selaras.domain import Budget, ItemRef, Link, LinkKind, LinkOrigin, LinkStatus, Period, Plan, Rincian, RincianKind
from selaras.errors import NotFound
from selaras.reference.wilayah import get_pemda
from selaras.store import Database
from selaras.store.plan_rows import link_row
from selaras.store.plans import delete_plan, fingerprint, load_plan, save_plan
from selaras.store.summary import summarize
from selaras.store.tables import BudgetRincianRow, BudgetRow, ItemRow, LinkRow
from selaras.store.tenants import delete_pemda, ensure_pemda


@pytest.fixture
def budgeted_plan(renja_plan: Plan) -> Plan:
    """The Renja with a sub kegiatan carried out by a sub unit and its pagu broken down into rincian."""
    plan = deepcopy(renja_plan)
    sub = plan.items[3]
    sub.unit = "UPTD Balai Data dan Statistik"
    sub.rincian = [
        Rincian(2026, RincianKind.SUMBER_DANA, "PAD", "Pendapatan Asli Daerah", Decimal("499999999.90")),
        Rincian(2026, RincianKind.SUMBER_DANA, "DAU", "Dana Alokasi Umum", Decimal("0.10")),
        Rincian(2026, RincianKind.REKENING, "5.1.02.01.01.0024", "Belanja Alat/Bahan Kantor", Decimal("100000000")),
        Rincian(2026, RincianKind.REKENING, "5.2.02.05.01.0005", "Belanja Modal Laptop", Decimal("400000000")),
    ]
    return plan


def _store(database: Database, plan: Plan) -> str:
    with database.session() as session:
        ensure_pemda(session, get_pemda(plan.document.pemda))
        return save_plan(session, plan)


def test_saved_plan_loads_back_equal(database: Database, renja_plan: Plan) -> None:
    assert _store(database, renja_plan) == "created"
    with database.session() as session:
        loaded = load_plan(session, renja_plan.document.key)
    assert loaded == renja_plan


def test_unit_and_rincian_load_back_in_order(database: Database, budgeted_plan: Plan) -> None:
    _store(database, budgeted_plan)
    with database.session() as session:
        assert load_plan(session, budgeted_plan.document.key) == budgeted_plan
        assert session.scalar(select(func.count()).select_from(BudgetRincianRow)) == 4
        delete_plan(session, budgeted_plan.document.key)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(BudgetRincianRow)) == 0


def test_saving_the_same_plan_again_writes_nothing(database: Database, renja_plan: Plan) -> None:
    _store(database, renja_plan)
    with database.session() as session:
        before = session.scalar(select(func.max(ItemRow.id)))
    assert _store(database, renja_plan) == "unchanged"
    with database.session() as session:
        assert session.scalar(select(func.max(ItemRow.id))) == before


def test_changed_plan_replaces_items_and_keeps_incoming_links(database: Database, renja_plan: Plan) -> None:
    _store(database, renja_plan)
    changed = replace(renja_plan, items=[*renja_plan.items])
    changed.items[0] = replace(changed.items[0], budgets=[Budget(2026, Decimal("2000000000"))])
    assert _store(database, changed) == "replaced"
    with database.session() as session:
        assert load_plan(session, renja_plan.document.key) == changed
        assert session.scalar(select(func.count()).select_from(ItemRow)) == len(changed.items)


def test_fingerprint_ignores_decimal_scale(renja_plan: Plan) -> None:
    scaled = replace(renja_plan, items=[*renja_plan.items])
    scaled.items[0] = replace(scaled.items[0], budgets=[Budget(2026, Decimal("1500000000.00"))])
    assert fingerprint(scaled) == fingerprint(renja_plan)


def test_deleting_a_pemda_removes_only_its_rows(database: Database, budgeted_plan: Plan) -> None:
    other = replace(budgeted_plan, document=replace(budgeted_plan.document, pemda="62.71"), links=[])
    _store(database, budgeted_plan)
    _store(database, other)
    with database.session() as session:
        delete_pemda(session, "62")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(LinkRow)) == 0
        assert set(session.scalars(select(BudgetRow.pemda))) == {"62.71"}
        assert set(session.scalars(select(BudgetRincianRow.pemda))) == {"62.71"}
        assert load_plan(session, other.document.key) == other
        with pytest.raises(NotFound):
            load_plan(session, budgeted_plan.document.key)


def test_delete_plan_and_summary(database: Database, renja_plan: Plan) -> None:
    _store(database, renja_plan)
    with database.session() as session:
        summary = summarize(session, "62")
        assert summary.items_per_level == {"kegiatan": 1, "program": 1, "sub_kegiatan": 2}
        assert summary.indicators == 4 and summary.budgets == 6 and summary.links_per_status == {"accepted": 1}
        delete_plan(session, renja_plan.document.key)
    with database.session() as session:
        assert summarize(session).items_per_level == {}


def _different(value: object) -> object:
    """Some other value of the same kind, to prove a field takes part in the fingerprint."""
    if isinstance(value, Enum):
        members = list(type(value))
        return members[(members.index(value) + 1) % len(members)]
    if isinstance(value, Period):
        return Period(value.start - 1, value.end)
    if isinstance(value, ItemRef):
        return ItemRef(value.document, value.item + "x")
    if isinstance(value, datetime):
        return value + timedelta(minutes=1)
    if isinstance(value, dict):
        return {**value, 2031: Decimal(1)}
    if isinstance(value, bool | int | float | Decimal):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    return Decimal(7) if value is None else None


@pytest.mark.parametrize("record", ["document", "item", "indicator", "budget", "rincian", "link"])
def test_every_field_changes_the_fingerprint(budgeted_plan: Plan, record: str) -> None:
    def with_change(field_name: str) -> Plan:
        plan = deepcopy(budgeted_plan)
        targets = {
            "document": (plan, "document"),
            "item": (plan.items, 3),
            "indicator": (plan.items[3].indicators, 0),
            "budget": (plan.items[3].budgets, 1),
            "rincian": (plan.items[3].rincian, 2),
            "link": (plan.links, 0),
        }
        owner, slot = targets[record]
        current = getattr(owner, slot) if isinstance(slot, str) else owner[slot]
        changed = replace(current, **{field_name: _different(getattr(current, field_name))})
        if isinstance(slot, str):
            setattr(owner, slot, changed)
        else:
            owner[slot] = changed
        return plan

    sample = {
        "document": budgeted_plan.document,
        "item": budgeted_plan.items[3],
        "link": budgeted_plan.links[0],
        "indicator": budgeted_plan.items[3].indicators[0],
        "budget": budgeted_plan.items[3].budgets[1],
        "rincian": budgeted_plan.items[3].rincian[2],
    }[record]
    for field in fields(sample):  # type: ignore[arg-type]
        if field.name in {"indicators", "budgets", "rincian"}:
            continue  # records of their own, covered by their own case
        assert fingerprint(with_change(field.name)) != fingerprint(budgeted_plan), field.name


def test_replacing_a_plan_keeps_the_planners_link_decisions(database: Database, renja_plan: Plan) -> None:
    _store(database, renja_plan)
    source = renja_plan.document.key
    decided = Link(
        ItemRef(source, "5.01.02.1.01.0001"), ItemRef("00/ASTA_CITA/-/2025-2029/final", "AC7"),
        LinkKind.SUPPORTS, LinkOrigin.SUGGESTED, LinkStatus.ACCEPTED, 0.91, "verifikator",
    )  # fmt: skip
    orphan = replace(decided, source=ItemRef(source, "5.01.02.1.01.0002"), status=LinkStatus.REJECTED)
    with database.session() as session:
        session.execute(insert(LinkRow), [link_row("62", decided), link_row("62", orphan)])
    corrected = replace(renja_plan, items=renja_plan.items[:3])  # sub kegiatan 0002 dropped
    assert _store(database, corrected) == "replaced"
    with database.session() as session:
        links = load_plan(session, source).links
    assert decided in links and orphan not in links
    assert renja_plan.links[0] in links  # the imported link, restated by the plan
