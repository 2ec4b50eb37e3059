"""Editing everything a finding can ask for in one item: indicator name, satuan, baseline, direction, a target
for a missing year, adding and removing an indicator (the document kept as a version first), pagu for a year
without one; on both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import coded, indicator, plan
from sqlalchemy import select

from selaras.domain import Direction, DocumentKind, Pemda, PemdaLevel, PerangkatDaerah
from selaras.store import Database
from selaras.store.audit import list_audit
from selaras.store.bulk import save_all
from selaras.store.items import IndicatorChange, ItemChanges, NewIndicator, edit_item, load_item
from selaras.store.locking import InvalidEdit
from selaras.store.tables import ItemRow
from selaras.store.versions import list_versions

KEY = "62/RENSTRA/1.02.01/2025-2029/final"


@pytest.fixture
def item_id(database: Database) -> int:
    """A Renstra program of 2025-2029 with one indicator whose 2027 target is missing, and pagu for 2025 only."""
    program = coded(
        "1.02.02",
        "PROGRAM PEMENUHAN UPAYA KESEHATAN",
        indicators=[indicator("Angka harapan hidup", "Tahun", targets={2025: "70", 2026: "70.5"})],
        pagu={2025: "1000"},
    )
    with database.session() as session:
        save_all(
            session,
            pemda=[Pemda("62", "Kalimantan Tengah", PemdaLevel.PROVINSI, "00")],
            perangkat_daerah=[PerangkatDaerah("62", "1.02.01", "Dinas Kesehatan", "Dinkes", ("1.02",))],
            plans=[plan(DocumentKind.RENSTRA, [program], pd="1.02.01")],
        )
        return int(session.scalar(select(ItemRow.id).where(ItemRow.key == "1.02.02")))


def test_the_form_knows_the_period_and_each_indicator(database: Database, item_id: int) -> None:
    with database.session() as session:
        item = load_item(session, item_id)
    assert item.years == (2025, 2026, 2027, 2028, 2029)
    assert item.unbudgeted_years == [2026, 2027, 2028, 2029]
    line = item.indicators[0]
    assert (line.satuan, line.baseline, line.direction) == ("Tahun", Decimal("1"), "naik")


def test_indicator_description_missing_year_and_new_pagu_are_saved_and_audited(
    database: Database, item_id: int
) -> None:
    changes = ItemChanges(
        indicators={0: IndicatorChange(name="Umur harapan hidup", satuan="tahun", baseline=Decimal("69.5"))},
        targets={0: {2027: Decimal("71")}},
        new_pagu={2026: Decimal("2500")},
    )
    with database.session() as session:
        version = edit_item(session, item_id, 1, changes, username="dinkes")
    with database.session() as session:
        item = load_item(session, item_id)
        entry = list_audit(session, ["62"], entity="item")[0]
    assert version == 2
    line = item.indicators[0]
    assert (line.name, line.satuan, line.baseline, line.direction) == (
        "Umur harapan hidup",
        "tahun",
        Decimal("69.5"),
        "naik",
    )
    assert line.targets[2027] == Decimal("71")
    assert [(budget.year, budget.pagu) for budget in item.budgets] == [(2025, Decimal("1000")), (2026, Decimal("2500"))]
    new = entry.new
    assert new["satuan[Angka harapan hidup]"] == "tahun"
    assert new["target[Angka harapan hidup][2027]"] == "71"
    assert new["pagu[2026]"] == "2500"


def test_a_changed_target_replaces_the_stored_one(database: Database, item_id: int) -> None:
    with database.session() as session:  # the target row is found by its key (indicator, year and pemda)
        edit_item(session, item_id, 1, ItemChanges(targets={0: {2026: Decimal("71.5")}}), username="dinkes")
    with database.session() as session:
        assert load_item(session, item_id).indicators[0].targets == {2025: Decimal("70"), 2026: Decimal("71.5")}


def test_adding_and_removing_indicators_keeps_a_version_first(database: Database, item_id: int) -> None:
    added = NewIndicator(
        "Persentase fasyankes terakreditasi", "%", Decimal("40"), Direction.NAIK, {2026: Decimal("50")}
    )
    with database.session() as session:
        edit_item(session, item_id, 1, ItemChanges(added=(added,)), username="dinkes")
    with database.session() as session:
        item = load_item(session, item_id)
        versions_before = len(list_versions(session, KEY))
    assert [line.name for line in item.indicators] == ["Angka harapan hidup", "Persentase fasyankes terakreditasi"]
    assert item.indicators[1].targets == {2026: Decimal("50")}

    with database.session() as session:
        edit_item(session, item_id, 2, ItemChanges(removed=frozenset({0})), username="dinkes")
    with database.session() as session:
        item = load_item(session, item_id)
        versions = list_versions(session, KEY)
    assert [line.name for line in item.indicators] == ["Persentase fasyankes terakreditasi"]
    assert len(versions) == versions_before + 1
    assert versions[-1].reason == "suntingan"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (ItemChanges(targets={0: {2031: Decimal("1")}}), "di luar periode"),
        (ItemChanges(new_pagu={2025: Decimal("1")}), "sudah punya pagu tahun 2025"),
        (ItemChanges(indicators={0: IndicatorChange(name="  ")}), "nama indikator tidak boleh kosong"),
        (ItemChanges(added=(NewIndicator("Baru", targets={2030: Decimal("1")}),)), "di luar periode"),
        (ItemChanges(removed=frozenset({3})), "tidak punya indikator ke-4"),
    ],
)
def test_an_impossible_edit_is_refused_and_changes_nothing(
    database: Database, item_id: int, changes: ItemChanges, message: str
) -> None:
    with pytest.raises(InvalidEdit, match=message), database.session() as session:
        edit_item(session, item_id, 1, changes, username="dinkes")
    with database.session() as session:
        item = load_item(session, item_id)
    assert item.version == 1
    assert [line.name for line in item.indicators] == ["Angka harapan hidup"]
