"""Budget rules: sums, signs, and pagu that buys something measurable."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from factories import coded, data, indicator, plan, run_rendered

from selaras.checks.findings import Location
from selaras.checks.rules.budget import (
    budget_without_plan_indicators,
    child_pagu_exceeds_parent,
    indicator_without_pagu,
    negative_pagu,
    pagu_without_indicator,
    parent_pagu_exceeds_children,
)
from selaras.domain import DocumentKind, Item, Plan

PD = "1.02.01"
PROGRAM, KEGIATAN, SUB1, SUB2 = "1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"


def _renja(kegiatan: str = "300", sub1: str = "100", sub2: str = "200", *, measured: bool = True) -> Plan:
    def item(code: str, text: str, pagu: str) -> Item:
        return coded(code, text, indicators=[indicator()] if measured else [], pagu={2026: pagu})

    return plan(
        DocumentKind.RENJA,
        [
            item(PROGRAM, "Program Pemenuhan Upaya Kesehatan", "300"),
            item(KEGIATAN, "Penyediaan Layanan Kesehatan", kegiatan),
            item(SUB1, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", sub1),
            item(SUB2, "Pengelolaan Pelayanan Kesehatan Bayi", sub2),
        ],
        pd=PD,
    )


def test_child_pagu_exceeds_parent_is_reported_on_the_parent() -> None:
    renja = _renja(kegiatan="250")
    findings = run_rendered(child_pagu_exceeds_parent, data(renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL301", Location("62", renja.document.key, KEGIATAN, pd=PD, code=KEGIATAN, year=2026))
    ]
    assert findings[0].evidence == {
        "code": KEGIATAN,
        "parent": Decimal("250"),
        "children": Decimal("300"),
        "selisih": Decimal("50"),
        "year": 2026,
    }


def test_child_pagu_within_tolerance_or_equal_is_fine() -> None:
    assert run_rendered(child_pagu_exceeds_parent, data(_renja())) == []
    assert run_rendered(child_pagu_exceeds_parent, data(_renja(kegiatan="299.5"))) == []  # Rp 1 tolerance


def test_kegiatan_pagu_above_its_sub_kegiatan_is_reported_on_the_kegiatan() -> None:
    renja = _renja(sub1="50")  # kegiatan 300, sub kegiatan 50 + 200: Rp 50 allocated to no sub kegiatan
    findings = run_rendered(parent_pagu_exceeds_children, data(renja))
    assert [(f.code, f.location.item, f.location.year) for f in findings] == [("SEL308", KEGIATAN, 2026)]
    assert (findings[0].evidence["selisih"], findings[0].evidence["children_level"]) == (Decimal(50), "sub kegiatan")
    assert run_rendered(parent_pagu_exceeds_children, data(_renja())) == []
    assert run_rendered(parent_pagu_exceeds_children, data(_renja(kegiatan="300.5"))) == []  # Rp 1 tolerance


def test_a_kegiatan_budgeted_without_sub_kegiatan_pagu_is_not_compared() -> None:
    renja = _renja()
    for item in renja.items[2:]:
        item.budgets.clear()
    assert run_rendered(parent_pagu_exceeds_children, data(renja)) == []


def test_negative_pagu() -> None:
    renja = _renja(sub1="-100", kegiatan="100")
    findings = run_rendered(negative_pagu, data(renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL302", Location("62", renja.document.key, SUB1, pd=PD, code=SUB1, year=2026))
    ]
    assert findings[0].evidence == {"code": SUB1, "pagu": Decimal("-100"), "year": 2026}
    assert run_rendered(negative_pagu, data(_renja())) == []


def test_pagu_without_indicator() -> None:
    renja = _renja()
    renja.items[2].indicators.clear()
    findings = run_rendered(pagu_without_indicator, data(renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL303", Location("62", renja.document.key, SUB1, pd=PD, code=SUB1))
    ]
    assert findings[0].evidence["pagu"] == Decimal("100")
    assert run_rendered(pagu_without_indicator, data(_renja())) == []


def test_pagu_without_indicator_ignores_the_rkpd_and_zero_pagu() -> None:
    rkpd = plan(DocumentKind.RKPD, [coded(PROGRAM, "Program Pemenuhan Upaya Kesehatan", pagu={2026: "300"})])
    zero = plan(DocumentKind.RENJA, [coded(PROGRAM, "Program Pemenuhan Upaya Kesehatan", pagu={2026: "0"})], pd=PD)
    assert run_rendered(pagu_without_indicator, data(rkpd, zero)) == []


def test_indicator_without_pagu_only_on_renja_sub_kegiatan() -> None:
    renja = _renja(sub2="0", kegiatan="100")
    renja.items[0].budgets.clear()  # a program without its own pagu is not flagged
    findings = run_rendered(indicator_without_pagu, data(renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL304", Location("62", renja.document.key, SUB2, pd=PD, code=SUB2, year=2026))
    ]
    assert run_rendered(indicator_without_pagu, data(_renja())) == []


def test_an_apbd_without_its_renja_is_one_info_for_the_document() -> None:
    apbd = _renja(measured=False)
    apbd.document = replace(apbd.document, kind=DocumentKind.APBD, version="murni")
    [finding] = run_rendered(budget_without_plan_indicators, data(apbd))
    assert finding.location == Location("62", apbd.document.key, pd=PD, year=2026)
    assert (finding.evidence["count"], finding.evidence["pagu"]) == (2, Decimal(300))
    assert run_rendered(pagu_without_indicator, data(apbd)) == []  # never one finding per sub kegiatan
    assert run_rendered(budget_without_plan_indicators, data(apbd, _renja())) == []
