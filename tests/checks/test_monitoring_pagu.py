"""Which pagu serapan is measured against (:func:`measured_pagu`): the year's budget of the PD when the pemda has
one loaded (APBD perubahan, else APBD murni, else KUA-PPAS), else the Renja's own pagu; targets stay the Renja's.

The first case is the real PPU Renja 2024's sub kegiatan 5.01.01.2.01.0001: Renja pagu Rp 1.000.000, APBD pagu
Rp 29.400.000, Rp 20.000.000 spent by TW II. Against the Renja it read as 2.000 % and the galat SEL905.
"""

from __future__ import annotations

from decimal import Decimal

from factories import PROVINSI, YEAR, coded, indicator, plan, run_rendered

from selaras.checks.monitoring import MonitoringData, PaguBasis, item_progress, measured_pagu, overview
from selaras.checks.registry import registry
from selaras.checks.rules import monitoring
from selaras.domain import Document, DocumentKind, Item, Period, Plan
from selaras.domain.realisasi import Realisasi

BAPPEDA = "5.01.0.00.0.00.01.0000"
DINKES = "1.02.0.00.0.00.01.0000"
SUB = "5.01.01.2.01.0001"
DOKUMEN = "Jumlah Dokumen"
JT = Decimal(1_000_000)


def _sub(pagu: str, *, code: str = SUB, target: str = "14", unit: str = "") -> Item:
    item = coded(code, "Penyusunan Dokumen Perencanaan", indicators=[indicator(DOKUMEN, targets={YEAR: target})])
    item.budgets = coded(code, "", pagu={YEAR: pagu}).budgets
    if unit:
        item.key, item.unit = f"{unit}/{code}", unit
    return item


def _budget(
    items: list[Item], *, kind: DocumentKind = DocumentKind.APBD, version: str = "murni", pd: str = BAPPEDA
) -> Plan:
    return Plan(Document(kind, PROVINSI.kode, Period(YEAR, YEAR), pd=pd, version=version), items)


def _data(renja: Plan, *budgets: Plan, spent: tuple[str, ...] = ("10000000", "10000000")) -> MonitoringData:
    """``renja`` with TW I and TW II realisasi of :data:`SUB` (rupiah of each quarter, 2 and 4 documents)."""
    records = [
        Realisasi(renja.document.key, SUB, tw, Decimal(money), {DOKUMEN: Decimal(2 * tw)})
        for tw, money in enumerate(spent, start=1)
    ]
    return MonitoringData([PROVINSI], [], [renja, *budgets], realisasi=records)


def _renja(*items: Item, pd: str = BAPPEDA) -> Plan:
    return plan(DocumentKind.RENJA, list(items), pd=pd)


def test_serapan_of_the_ppu_case_is_measured_against_the_apbd_not_the_renja() -> None:
    renja = _renja(_sub("1000000", target="14"))
    data = _data(renja, _budget([_sub("29400000", target="99")]))
    own = item_progress(data, renja, renja.items[0], YEAR, 2)
    assert (own.pagu, own.anggaran, own.serapan) == (Decimal(29_400_000), 20 * JT, Decimal("68.03"))
    assert own.basis.label == "APBD"
    assert own.indicators[0].target == Decimal(14)  # the Renja's target, not the budget's
    assert own.indicators[0].capaian == Decimal("42.86")  # 6 of 14 documents
    assert run_rendered(monitoring.realisasi_exceeds_pagu, data) == []
    seen = overview(data, YEAR)
    assert seen is not None and (seen.total.serapan, seen.total.basis) == (Decimal("68.03"), "APBD")


def test_without_a_budget_the_renja_pagu_is_used_as_before_and_the_finding_names_it() -> None:
    renja = _renja(_sub("1000000"))
    data = _data(renja)
    own = item_progress(data, renja, renja.items[0], YEAR, 2)
    assert (own.pagu, own.serapan, own.basis.label) == (JT, Decimal("2000.00"), "Renja")
    [finding] = run_rendered(monitoring.realisasi_exceeds_pagu, data)
    message, _ = registry.get("SEL905").render(finding, "id")
    assert "melebihi pagu Renja Rp 1.000.000 (2.000 %)" in message


def test_a_finding_against_the_budget_names_the_budget() -> None:
    renja = _renja(_sub("1000000"))
    data = _data(renja, _budget([_sub("400000000")]))  # 20 jt of 400 jt by TW II: 5 % where 45 % is expected
    [finding] = run_rendered(monitoring.absorption_behind_curve, data)
    assert finding.evidence["pagu"] == 400 * JT and finding.evidence["basis"] == "APBD"
    message, _ = registry.get("SEL901").render(finding, "en")
    assert "5 % of the Rp 400,000,000 APBD pagu" in message


def test_apbd_perubahan_wins_over_murni_and_kua_ppas_stands_in_for_a_missing_apbd() -> None:
    renja = _renja(_sub("1000000"))
    kua = _budget([_sub("25000000")], kind=DocumentKind.KUA_PPAS)
    murni = _budget([_sub("29400000")])
    perubahan = _budget([_sub("23330000")], version="perubahan")
    assert measured_pagu(_data(renja, kua), renja, renja.items[0], YEAR) == (
        25 * JT,
        PaguBasis(DocumentKind.KUA_PPAS, "murni"),
    )
    assert measured_pagu(_data(renja, kua, murni), renja, renja.items[0], YEAR)[0] == Decimal(29_400_000)
    pagu, basis = measured_pagu(_data(renja, kua, murni, perubahan), renja, renja.items[0], YEAR)
    assert (pagu, basis.label) == (Decimal(23_330_000), "APBD perubahan")


def test_the_budget_of_another_pd_leaves_the_renja_pagu() -> None:
    renja = _renja(_sub("1000000"))
    data = _data(renja, _budget([_sub("29400000")], pd=DINKES))
    assert measured_pagu(data, renja, renja.items[0], YEAR) == (JT, PaguBasis(DocumentKind.RENJA, "final"))


def test_the_budget_decides_which_sub_kegiatan_are_budgeted() -> None:
    """A sub kegiatan the APBD funds counts though the Renja left its pagu blank; one the APBD gives nothing has no
    money to absorb and is not monitored (the planning–budgeting comparison names it)."""
    dropped = "5.01.01.2.13.0005"
    renja = _renja(_sub("0"), _sub("250000000", code=dropped))
    data = _data(renja, _budget([_sub("29400000"), _sub("0", code=dropped)]))
    seen = overview(data, YEAR)
    assert seen is not None and [own.item.code for own in seen.items] == [SUB]
    assert seen.total.pagu == Decimal(29_400_000)


def test_sub_units_of_the_budget_add_up_unless_the_renja_follows_each() -> None:
    puskesmas = ("1.02.0.00.0.00.01.0014", "1.02.0.00.0.00.01.0015")
    budget = _budget([_sub("30000000", unit=puskesmas[0]), _sub("20000000", unit=puskesmas[1])], pd=DINKES)
    whole = _renja(_sub("10000000"), pd=DINKES)
    assert measured_pagu(_data(whole, budget), whole, whole.items[0], YEAR)[0] == 50 * JT
    split = _renja(_sub("5000000", unit=puskesmas[0]), _sub("5000000", unit=puskesmas[1]), pd=DINKES)
    data = _data(split, budget)
    assert [measured_pagu(data, split, item, YEAR)[0] for item in split.items] == [30 * JT, 20 * JT]


def test_a_pemda_with_and_without_a_budget_names_both() -> None:
    bappeda, dinkes = _renja(_sub("1000000")), _renja(_sub("1000000"), pd=DINKES)
    records = [Realisasi(renja.document.key, SUB, 1, 5 * JT, {}) for renja in (bappeda, dinkes)]
    data = MonitoringData([PROVINSI], [], [bappeda, dinkes, _budget([_sub("29400000")])], realisasi=records)
    seen = overview(data, YEAR)
    assert seen is not None
    assert [(summary.name, summary.basis) for summary in seen.per_pd] == [
        (f"62 {DINKES}", "Renja"),
        (f"62 {BAPPEDA}", "APBD"),
    ]
    assert (seen.total.pagu, seen.total.basis) == (Decimal(30_400_000), "APBD, Renja")
