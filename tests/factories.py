"""Small builders for rule tests: readable one-liners for pemda, PD, items, indicators, plans and links."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding
from selaras.checks.registry import RuleFunction, registry
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.domain import (
    Budget,
    Direction,
    Document,
    DocumentKind,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    LinkStatus,
    Pemda,
    PemdaLevel,
    PerangkatDaerah,
    Period,
    Plan,
    parse_code,
)
from selaras.reference.nomenclature import bundled_nomenclature

PROVINSI = Pemda("62", "Kalimantan Tengah", PemdaLevel.PROVINSI, "00")
KOTA = Pemda("62.71", "Kota Palangkaraya", PemdaLevel.KOTA, "62")
RPJMD_PERIOD = Period(2025, 2029)
YEAR = 2026

LEVELS = {
    "program": ItemLevel.PROGRAM,
    "kegiatan": ItemLevel.KEGIATAN,
    "sub_kegiatan": ItemLevel.SUB_KEGIATAN,
}


def indicator(
    name: str = "Jumlah dokumen perencanaan",
    satuan: str = "Dokumen",
    *,
    kind: IndicatorKind = IndicatorKind.OUTPUT,
    baseline: str | None = "1",
    direction: Direction = Direction.NAIK,
    targets: dict[int, str] | None = None,
) -> Indicator:
    """An indicator; targets default to 2025-2029 rising by one from the baseline."""
    values = targets if targets is not None else {year: str(2 + year - 2025) for year in RPJMD_PERIOD.years}
    return Indicator(
        name,
        satuan,
        kind,
        None if baseline is None else Decimal(baseline),
        direction,
        {year: Decimal(value) for year, value in values.items()},
    )


def coded(
    code: str,
    text: str,
    *,
    indicators: list[Indicator] | None = None,
    pagu: dict[int, str] | None = None,
    pd: str | None = None,
) -> Item:
    """A program, kegiatan or sub kegiatan item keyed by its code; the parent key follows from the code."""
    parsed = parse_code(code)
    level = parsed.level.item_level
    assert level is not None, code
    parent = parsed.parent
    return Item(
        code,
        level,
        text,
        code=code,
        parent=None if level is ItemLevel.PROGRAM or parent is None else parent.text,
        pd=pd,
        indicators=indicators or [],
        budgets=[Budget(year, Decimal(value)) for year, value in (pagu or {}).items()],
    )


def strategic(key: str, level: ItemLevel, text: str, *, parent: str | None = None, **extra: object) -> Item:
    """A visi/misi/tujuan/sasaran/prioritas item with an outline key such as ``M1.T1.S1``."""
    return Item(key, level, text, parent=parent, **extra)  # type: ignore[arg-type]


def document(kind: DocumentKind, *, pemda: str = "62", pd: str | None = None, period: Period | None = None) -> Document:
    default = Period(YEAR, YEAR) if kind.is_annual else RPJMD_PERIOD
    return Document(kind, pemda, period or default, pd=pd)


def plan(kind: DocumentKind, items: list[Item], *, links: list[Link] | None = None, **where: object) -> Plan:
    return Plan(document(kind, **where), items, links or [])  # type: ignore[arg-type]


def link(
    source: Plan,
    source_item: str,
    target: Plan | str,
    target_item: str,
    *,
    kind: LinkKind = LinkKind.CASCADE,
    status: LinkStatus = LinkStatus.ACCEPTED,
) -> Link:
    target_key = target if isinstance(target, str) else target.document.key
    return Link(ItemRef(source.document.key, source_item), ItemRef(target_key, target_item), kind, status=status)


def pd(kode: str, nama: str, *bidang: str, pemda: str = "62") -> PerangkatDaerah:
    return PerangkatDaerah(pemda, kode, nama, "", tuple(bidang))


def data(*plans: Plan, pemda: list[Pemda] | None = None, agencies: list[PerangkatDaerah] | None = None) -> PlanningData:
    return PlanningData(pemda or [PROVINSI, KOTA], agencies or [], list(plans))


KABUPATEN = Pemda("62.01", "Kabupaten Kotawaringin Barat", PemdaLevel.KABUPATEN, "62")


def iku_item(number: int, name: str, satuan: str = "%", **measure: object) -> Item:
    """IKU item ``IKU{number}`` (level sasaran) with its single outcome indicator; ``measure`` goes to
    :func:`indicator` (baseline, direction, targets)."""
    single = indicator(name, satuan, kind=IndicatorKind.OUTCOME, **measure)  # type: ignore[arg-type]
    return Item(f"IKU{number}", ItemLevel.SASARAN, name, indicators=[single])


def run_rule(rule: RuleFunction, planning: PlanningData, *, year: int = YEAR, **thresholds: object) -> list[Finding]:
    """The findings of one rule function over ``planning``, with default thresholds except those given."""
    context = CheckContext(year, bundled_nomenclature(), replace(Thresholds(), **thresholds))  # type: ignore[arg-type]
    return list(rule(planning, context))


def run_rendered(rule: RuleFunction, planning: PlanningData, **options: object) -> list[Finding]:
    """:func:`run_rule` for a registered rule, also checking that every finding carries the rule's code and
    that its message and suggestion fill completely from the evidence in both languages."""
    found = run_rule(rule, planning, **options)  # type: ignore[arg-type]
    [registered] = [candidate for candidate in registry if candidate.check is rule]
    for finding in found:
        assert finding.code == registered.code
        for lang in ("id", "en"):
            text = " ".join(registered.render(finding, lang))
            assert "{" not in text, f"{registered.code} leaves a placeholder unfilled: {text}"
    return found


ASTA_CITA_KEY = "00/ASTA_CITA/-/2025-2029/final"
RPJMN_KEY = "00/RPJMN/-/2025-2029/final"


def rkpd_coded(pd_kode: str, code: str, text: str, *, pagu: dict[int, str] | None = None) -> Item:
    """An RKPD program-part item: keyed ``{pd}/{code}`` (the same code recurs for several PD), carrying its PD."""
    item = coded(code, text, pagu=pagu, pd=pd_kode)
    item.key = f"{pd_kode}/{code}"
    item.parent = None if item.parent is None else f"{pd_kode}/{item.parent}"
    return item
