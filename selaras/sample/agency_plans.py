"""Renstra, Renja and IKU of a sample PD, and the RKPD that gathers a pemda's Renja programs.

* Renstra (2025-2029): tujuan ``T1`` and sasaran ``T1.S1``.. (the PD's IKU), then programs → kegiatan →
  sub kegiatan keyed by their codes; every program cascades to an RPJMD sasaran.
* Renja (one year): the same codes, indicators and satuan (some programs and sub kegiatan left out),
  targets equal to the Renstra target of that year, pagu at most the Renstra pagu of that year.
* IKU (2025-2029): ``IKU1``.. with one indicator each; a kab/kota IKU is ``same_as`` the provincial one of
  the same role.
* RKPD (one year): one item per PD program, keyed ``{pd}/{code}`` because two PD may run the same program,
  with the Renja program's indicator and pagu and a link to the regional priority its sasaran serves.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from selaras.domain import (
    Budget,
    Direction,
    DocumentKind,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    Pemda,
    Period,
    Plan,
    parse_code,
)
from selaras.sample.agencies import Agency
from selaras.sample.documents import MEDIUM_PERIOD, sample_document
from selaras.sample.programs import SUMBER_DANA, Catalog, pick_programs, program_items, summed
from selaras.sample.regional import Regional
from selaras.sample.texts import IndicatorSpec
from selaras.sample.values import rupiah, trajectory

__all__ = ["AgencyPlans", "PemdaSample", "build_agency_plans", "build_rkpd"]

_DROP_PROGRAM = 0.12  # share of Renstra programs a Renja leaves for later years
_DROP_SUB = 0.15


@dataclass(slots=True)
class AgencyPlans:
    """One PD's three documents."""

    agency: Agency
    renstra: Plan
    renja: Plan
    iku: Plan
    renja_keys: set[str] = field(default_factory=set)


@dataclass(slots=True)
class PemdaSample:
    """All plans of one pemda, kept apart so defects can be seeded where they belong."""

    pemda: Pemda
    regional: Regional
    agencies: list[AgencyPlans]
    rkpd: Plan

    @property
    def plans(self) -> list[Plan]:
        """RPJPD, RPJMD, each PD's Renstra, Renja and IKU, then the RKPD."""
        per_pd = [plan for plans in self.agencies for plan in (plans.renstra, plans.renja, plans.iku)]
        return [self.regional.rpjpd, self.regional.rpjmd, *per_pd, self.rkpd]


def _copy(indicator: Indicator, years: Iterable[int] | None = None) -> Indicator:
    """An independent copy, optionally cut down to ``years`` (a Renja keeps only its year)."""
    targets = indicator.targets if years is None else {y: indicator.targets[y] for y in years}
    return Indicator(
        indicator.name, indicator.satuan, indicator.kind, indicator.baseline, indicator.direction, dict(targets)
    )


def _for_year(item: Item, year: int, budgets: list[Budget]) -> Item:
    """A Renja copy of a Renstra item: same code, text and indicators, targets of ``year`` only."""
    indicators = [_copy(indicator, [year]) for indicator in item.indicators]
    return Item(item.key, item.level, item.text, code=item.code, parent=item.parent, order=item.order,
                indicators=indicators, budgets=budgets)  # fmt: skip


def _renja_items(rng: random.Random, renstra: list[Item], year: int) -> list[Item]:
    """The Renja program part: a subset of the Renstra codes, targets of ``year``, pagu ≤ the Renstra's."""
    only_year = range(year, year + 1)
    by_parent: dict[str | None, list[Item]] = {}
    for item in renstra:
        by_parent.setdefault(item.parent, []).append(item)
    kept: list[Item] = []
    for program in (item for item in renstra if item.level is ItemLevel.PROGRAM):
        if not parse_code(program.key).is_penunjang and rng.random() < _DROP_PROGRAM:
            continue
        program_copy = _for_year(program, year, [])
        kept.append(program_copy)
        kegiatan_copies: list[Item] = []
        for kegiatan in by_parent[program.key]:
            subs = [sub for sub in by_parent[kegiatan.key] if rng.random() >= _DROP_SUB] or by_parent[kegiatan.key][:1]
            sub_copies = []
            for sub in subs:
                share = 1.0 if rng.random() < 0.5 else rng.uniform(0.9, 1.0)
                pagu = rupiah(float(sub.pagu(year) or 0) * share)
                sub_copies.append(_for_year(sub, year, [Budget(year, pagu, sumber_dana=SUMBER_DANA)]))
            kegiatan_copies.append(_for_year(kegiatan, year, summed(sub_copies, only_year)))
            kept.extend([kegiatan_copies[-1], *sub_copies])
        program_copy.budgets = summed(kegiatan_copies, only_year)
    return kept


def build_agency_plans(
    pemda: Pemda,
    agency: Agency,
    regional: Regional,
    cat: Catalog,
    used: set[str],
    *,
    seed: int,
    year: int,
    provincial_iku: Mapping[str, str],
) -> AgencyPlans:
    """Renstra, Renja and IKU of one PD; ``used`` collects the pemda's sub kegiatan codes taken so far and
    ``provincial_iku`` maps a role to the provincial IKU document key (empty for the province itself)."""
    pd, role = agency.pd, agency.role
    rng = random.Random(f"{seed}/renstra/{pemda.kode}/{pd.kode}")
    years = MEDIUM_PERIOD.years
    renstra_doc = sample_document(DocumentKind.RENSTRA, pemda, MEDIUM_PERIOD, pd.nama, pd.kode)
    renja_doc = sample_document(DocumentKind.RENJA, pemda, Period(year, year), pd.nama, pd.kode)
    iku_doc = sample_document(DocumentKind.IKU, pemda, MEDIUM_PERIOD, pd.nama, pd.kode)

    iku_indicators = [trajectory(rng, spec.indicator, years, IndicatorKind.OUTCOME) for spec in role.iku]
    tujuan_spec = IndicatorSpec(
        f"Persentase Capaian Indikator Kinerja Utama {pd.singkatan}", "%", Direction.NAIK, 80.0, 88.0, 2.0
    )
    strategic = [
        Item(
            "T1",
            ItemLevel.TUJUAN,
            f"Meningkatkan kinerja dan kualitas layanan {pd.nama}",
            indicators=[trajectory(rng, tujuan_spec, years, IndicatorKind.OUTCOME)],
        )
    ]
    strategic.extend(
        Item(f"T1.S{n}", ItemLevel.SASARAN, spec.sasaran, parent="T1", order=n, indicators=[_copy(indicator)])
        for n, (spec, indicator) in enumerate(zip(role.iku, iku_indicators, strict=True), start=1)
    )
    programs = program_items(rng, pick_programs(role, pd.bidang_urusan, cat, used, rng), years)
    rpjmd = regional.rpjmd.document.key
    links = [
        Link(
            ItemRef(renstra_doc.key, "T1"), ItemRef(rpjmd, regional.sasaran_for(pd.bidang_urusan[0])), LinkKind.CASCADE
        )
    ]
    sasaran_of: dict[str, str] = {}
    for program in (item for item in programs if item.level is ItemLevel.PROGRAM):
        code = parse_code(program.key)
        sasaran_of[program.key] = regional.sasaran_for(code.bidang_urusan or "", penunjang=code.is_penunjang)
        links.append(
            Link(ItemRef(renstra_doc.key, program.key), ItemRef(rpjmd, sasaran_of[program.key]), LinkKind.CASCADE)
        )

    renja_items = _renja_items(random.Random(f"{seed}/renja/{pemda.kode}/{pd.kode}"), programs, year)
    renja_links = [
        Link(ItemRef(renja_doc.key, item.key), ItemRef(rpjmd, sasaran_of[item.key]), LinkKind.CASCADE)
        for item in renja_items
        if item.level is ItemLevel.PROGRAM
    ]

    iku_items = [
        Item(f"IKU{n}", ItemLevel.SASARAN, spec.sasaran, order=n, indicators=[indicator])
        for n, (spec, indicator) in enumerate(zip(role.iku, iku_indicators, strict=True), start=1)
    ]
    iku_links = [
        Link(ItemRef(iku_doc.key, item.key), ItemRef(provincial_iku[role.ident], item.key), LinkKind.SAME_AS)
        for item in iku_items
        if role.ident in provincial_iku
    ]
    return AgencyPlans(
        agency,
        renstra=Plan(renstra_doc, strategic + programs, links),
        renja=Plan(renja_doc, renja_items, renja_links),
        iku=Plan(iku_doc, iku_items, iku_links),
        renja_keys={item.key for item in renja_items},
    )


def build_rkpd(
    pemda: Pemda, regional: Regional, agencies: list[AgencyPlans], priority_of: Mapping[str, str], year: int
) -> Plan:
    """The RKPD: every PD's Renja programs (key ``{pd}/{code}``), tagged with the priority of their sasaran."""
    rpjmd_key = regional.rpjmd.document.key
    document = sample_document(DocumentKind.RKPD, pemda, Period(year, year))
    items: list[Item] = []
    links: list[Link] = []
    for plans in agencies:
        pd = plans.agency.pd.kode
        sasaran = {link.source.item: link.target.item for link in plans.renja.links if link.kind is LinkKind.CASCADE}
        for program in (item for item in plans.renja.items if item.level is ItemLevel.PROGRAM):
            key = f"{pd}/{program.key}"
            items.append(
                Item(
                    key,
                    ItemLevel.PROGRAM,
                    program.text,
                    code=program.code,
                    order=len(items) + 1,
                    pd=pd,
                    indicators=[_copy(i) for i in program.indicators],
                    budgets=[Budget(b.year, b.pagu, sumber_dana=b.sumber_dana) for b in program.budgets],
                )
            )
            priority = priority_of.get(sasaran[program.key])
            if priority is not None:
                links.append(Link(ItemRef(document.key, key), ItemRef(rpjmd_key, priority)))
    return Plan(document, items, links)


def tag_priorities(regional: Regional, agencies: list[AgencyPlans], priority_of: Mapping[str, str]) -> None:
    """Tag each Renja program with the prioritas daerah its RPJMD sasaran serves, as planners tag sub kegiatan
    in SIPD; the priority in turn supports a PN, so Renja money can be traced to national priorities."""
    rpjmd = regional.rpjmd.document.key
    for plans in agencies:
        for link in list(plans.renja.links):
            priority = priority_of.get(link.target.item)
            if priority is not None:
                plans.renja.links.append(Link(link.source, ItemRef(rpjmd, priority), LinkKind.SUPPORTS))
