from __future__ import annotations

from decimal import Decimal

import pytest

from selaras.domain import Budget, Document, DocumentKind, Item, ItemLevel, Period, Plan


def _plan() -> Plan:
    document = Document(DocumentKind.RENJA, "62", Period(2026, 2027), pd="5.01.01")
    return Plan(
        document,
        [
            Item("5.01.02", ItemLevel.PROGRAM, "Program Perencanaan"),
            Item(
                "5.01.02.2.01",
                ItemLevel.KEGIATAN,
                "Penyusunan Perencanaan",
                parent="5.01.02",
                budgets=[Budget(2026, Decimal("100"))],
            ),
            Item(
                "5.01.02.2.01.0001",
                ItemLevel.SUB_KEGIATAN,
                "Penyusunan RKPD",
                parent="5.01.02.2.01",
                budgets=[Budget(2027, Decimal("70")), Budget(2026, Decimal("40"), sumber_dana="DAU")],
            ),
            Item(
                "5.01.02.2.01.0002",
                ItemLevel.SUB_KEGIATAN,
                "Penyusunan Renja",
                parent="5.01.02.2.01",
                budgets=[Budget(2026, Decimal("60"))],
            ),
        ],
    )


def test_level_counts_lists_levels_in_plan_order_and_skips_empty_ones() -> None:
    counts = _plan().level_counts()
    assert counts == {"program": 1, "kegiatan": 1, "sub_kegiatan": 2}
    assert list(counts) == ["program", "kegiatan", "sub_kegiatan"]


def test_pagu_per_year_sums_one_level() -> None:
    assert _plan().pagu_per_year(ItemLevel.SUB_KEGIATAN) == {2026: Decimal("100"), 2027: Decimal("70")}


def test_pagu_per_year_of_all_budgeted_items_is_sorted_by_year() -> None:
    totals = _plan().pagu_per_year()
    assert totals == {2026: Decimal("200"), 2027: Decimal("70")}
    assert list(totals) == [2026, 2027]


def test_item_pagu_adds_up_several_sources_of_funds() -> None:
    item = Item(
        "1.02.02.2.01.0001",
        ItemLevel.SUB_KEGIATAN,
        "Pengelolaan Pelayanan Kesehatan",
        budgets=[
            Budget(2026, Decimal("1500000"), sumber_dana="DAU"),
            Budget(2026, Decimal("250000.50"), sumber_dana="DAK"),
            Budget(2027, Decimal("9")),
        ],
    )
    assert item.pagu(2026) == Decimal("1750000.50")
    assert item.pagu(2027) == Decimal("9")
    assert item.pagu(2028) is None


def test_item_lookup_and_children() -> None:
    plan = _plan()
    assert plan.item("5.01.02").text == "Program Perencanaan"
    assert [item.key for item in plan.children("5.01.02.2.01")] == ["5.01.02.2.01.0001", "5.01.02.2.01.0002"]
    assert [item.key for item in plan.children(None)] == ["5.01.02"]
    with pytest.raises(KeyError):
        plan.item("9.99")
