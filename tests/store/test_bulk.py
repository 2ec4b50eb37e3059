"""Whole new pemda stored at once (``add_pemda``: COPY on PostgreSQL) give the same rows as plan-by-plan
storage (``save_all`` → ``save_plan``), ids aside."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from decimal import Decimal
from itertools import islice

import pytest
from sqlalchemy import func, select
from stored_rows import planning_rows

from selaras.domain import DocumentKind, ItemLevel, Plan, Rincian, RincianKind
from selaras.errors import StorageError
from selaras.reference.wilayah import get_pemda
from selaras.sample import SampleData, generate_national
from selaras.store import Database
from selaras.store.bulk import add_pemda, save_all
from selaras.store.changes import data_stamp
from selaras.store.plans import load_plans
from selaras.store.tables import BudgetRow, DocumentRow, IndicatorRow, ItemRow, LinkRow, PemdaRow
from selaras.store.tenants import delete_pemda


@pytest.fixture(scope="module")
def sample() -> SampleData:
    """The first pemda of the national sample (provinsi 11, ~2,700 items), with a Renja item of a sub unit whose
    pagu is broken down into rincian (the volume sample has neither)."""
    data = deepcopy(next(generate_national()))
    renja = next(plan for plan in data.plans if plan.document.kind is DocumentKind.RENJA)
    sub = next(item for item in renja.items if item.level is ItemLevel.SUB_KEGIATAN)
    sub.unit = "UPTD Balai Data dan Statistik"
    sub.rincian = [
        Rincian(2026, RincianKind.SUMBER_DANA, "PAD", "Pendapatan Asli Daerah", Decimal("1000000.50")),
        Rincian(2026, RincianKind.REKENING, "5.1.02.01.01.0024", "Belanja Alat/Bahan Kantor", Decimal("2500")),
    ]
    return data


def test_add_pemda_writes_the_rows_save_all_writes(database: Database, sample: SampleData) -> None:
    with database.session() as session:
        save_all(session, pemda=sample.pemda, perangkat_daerah=sample.perangkat_daerah, plans=sample.plans)
    with database.session() as session:
        one_by_one = planning_rows(session)
        stamp = data_stamp(session, "11")
        delete_pemda(session, "11")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(ItemRow)) == 0
        written = add_pemda(session, pemda=sample.pemda, perangkat_daerah=sample.perangkat_daerah, plans=sample.plans)
    assert written == len(sample.plans) > 100
    with database.session() as session:
        at_once = planning_rows(session)
        assert data_stamp(session, "11") != stamp  # the web's caches see the change
        assert load_plans(session) == sorted(sample.plans, key=lambda plan: plan.document.key)
        assert None not in session.scalars(select(DocumentRow.updated_at))
    assert at_once == one_by_one
    assert len(at_once["indicator_target"]) > 5000 and len(at_once["budget_rincian"]) == 2


def test_ids_drawn_for_new_pemda_leave_later_inserts_their_own(database: Database) -> None:
    """Rows written after a bulk load (an import, a web edit) are numbered after the rows COPY wrote."""
    first, second = islice(generate_national(), 1, 3)
    with database.session() as session:
        add_pemda(session, pemda=first.pemda, perangkat_daerah=first.perangkat_daerah, plans=first.plans[:5])
    with database.session() as session:
        save_all(session, pemda=second.pemda, perangkat_daerah=second.perangkat_daerah, plans=second.plans[:5])
    with database.session() as session:
        for row in (DocumentRow, ItemRow, IndicatorRow, BudgetRow, LinkRow):
            ids = {
                pemda: sorted(session.scalars(select(row.id).where(row.pemda == pemda))) for pemda in ("11.01", "11.02")
            }
            assert ids["11.01"] and ids["11.02"][0] > ids["11.01"][-1], row.__tablename__


def test_add_pemda_refuses_a_stored_pemda(database: Database, sample: SampleData) -> None:
    with database.session() as session:
        add_pemda(session, pemda=sample.pemda, perangkat_daerah=[], plans=sample.plans[:1])
    with (
        pytest.raises(StorageError, match="pemda 11 sudah ada di basis data; hapus dahulu"),
        database.session() as session,
    ):
        add_pemda(session, pemda=sample.pemda, perangkat_daerah=[], plans=[])


def test_add_pemda_refuses_plans_of_a_pemda_it_does_not_add(database: Database, sample: SampleData) -> None:
    stranger: Plan = replace(sample.plans[0], document=replace(sample.plans[0].document, pemda="62"))
    with pytest.raises(ValueError, match="milik pemda yang tidak ditambahkan: 62"), database.session() as session:
        add_pemda(session, pemda=[get_pemda("11")], perangkat_daerah=[], plans=[stranger])
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(PemdaRow)) == 0
