"""Deterministic sample data: one province with its kab/kota, or (for volume) the whole country.

Everything is drawn from ``random.Random`` seeded with text such as ``"2025/renstra/62.01/1.01.01"``:
each pemda and PD has its own stream, so adding defects (which happens after all plans exist) or
generating a subset never shifts the ids or values of anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from selaras.domain import Document, DocumentKind, Pemda, PemdaLevel, PerangkatDaerah, Plan
from selaras.domain.realisasi import Realisasi
from selaras.reference.wilayah import PUSAT, all_pemda, get_pemda, kabkota_of
from selaras.sample.agencies import agencies_for
from selaras.sample.agency_plans import AgencyPlans, PemdaSample, build_agency_plans, build_rkpd, tag_priorities
from selaras.sample.defects import Defect
from selaras.sample.documents import MEDIUM_PERIOD
from selaras.sample.injection import inject_defects
from selaras.sample.programs import catalog
from selaras.sample.provincial import GAPS, support_links, support_province
from selaras.sample.realisasi import sample_realisasi
from selaras.sample.regional import Regional, add_priorities, build_regional

__all__ = ["NATIONAL_PEMDA", "SampleData", "generate_national", "generate_province"]

NATIONAL_PEMDA = 546  # the pemda count the national volume test asks for (the code list holds 552)


@dataclass(slots=True)
class SampleData:
    """What the lead stores: pemda, their PD, all plans (links travel inside), the realisasi of the Renja
    (province sample only), and the seeded defects."""

    pemda: list[Pemda]
    perangkat_daerah: list[PerangkatDaerah]
    plans: list[Plan]
    defects: list[Defect] = field(default_factory=list)
    realisasi: list[Realisasi] = field(default_factory=list)


def _provincial_iku(province: Pemda, seed: int) -> dict[str, str]:
    """Role → key of the provincial IKU document, the target of kab/kota ``same_as`` links."""
    agencies = agencies_for(province, seed, catalog(province.nomenclature_level, seed).usable_bidang)
    return {
        agency.role.ident: Document(DocumentKind.IKU, province.kode, MEDIUM_PERIOD, pd=agency.pd.kode).key
        for agency in agencies
    }


def build_pemda(pemda: Pemda, *, seed: int, year: int, provincial_iku: dict[str, str]) -> PemdaSample:
    """All plans of one pemda: RPJPD, RPJMD (with priorities), each PD's Renstra/Renja/IKU, and the RKPD."""
    cat = catalog(pemda.nomenclature_level, seed)
    regional = build_regional(pemda, seed)
    used: set[str] = set()
    agencies: list[AgencyPlans] = [
        build_agency_plans(pemda, agency, regional, cat, used, seed=seed, year=year, provincial_iku=provincial_iku)
        for agency in agencies_for(pemda, seed, cat.usable_bidang)
    ]
    funded = {link.target.item for plans in agencies for link in plans.renja.links}
    priority_of = add_priorities(regional, seed, funded)
    tag_priorities(regional, agencies, priority_of)
    return PemdaSample(pemda, regional, agencies, build_rkpd(pemda, regional, agencies, priority_of, year))


def _collect(samples: list[PemdaSample], defects: list[Defect], realisasi: list[Realisasi] | None = None) -> SampleData:
    return SampleData(
        pemda=[sample.pemda for sample in samples],
        perangkat_daerah=[plans.agency.pd for sample in samples for plans in sample.agencies],
        plans=[plan for sample in samples for plan in sample.plans],
        defects=defects,
        realisasi=realisasi or [],
    )


def generate_province(provinsi: str = "62", *, clean: bool = False, seed: int = 2025, year: int = 2026) -> SampleData:
    """A province and all its kab/kota (``62``: Kalimantan Tengah and 14 kab/kota).

    With ``clean=False`` the defects of the manifest are seeded into otherwise identical data; ``clean=True``
    gives the same plans and realisasi (TW I-III of ``year``) without them. Either way the kab/kota RPJMD are
    linked to the province's priorities last (:mod:`selaras.sample.provincial`), so the manifest also lists the
    provincial priorities a kab/kota cannot support (none in the clean sample of 62).
    """
    province = get_pemda(provinsi)
    if province.level is not PemdaLevel.PROVINSI:
        raise ValueError(f"{provinsi} bukan kode provinsi (contoh: 62)")
    if year not in MEDIUM_PERIOD:
        raise ValueError(f"tahun {year} di luar periode RPJMD sampel {MEDIUM_PERIOD}")
    keys = _provincial_iku(province, seed)
    samples = [build_pemda(province, seed=seed, year=year, provincial_iku={})]
    samples.extend(build_pemda(k, seed=seed, year=year, provincial_iku=keys) for k in kabkota_of(provinsi))
    defects = None if clean else inject_defects(samples, seed=seed, year=year)
    unsupported = support_province(samples, seed=seed, gaps=0 if clean else GAPS)
    realisasi, watched = sample_realisasi(samples, seed=seed, year=year, defects=defects)
    return _collect(samples, [*(defects or []), *unsupported, *watched], realisasi)


def generate_national(*, seed: int = 2025, year: int = 2026) -> Iterator[SampleData]:
    """Volume data: the first 546 provinsi and kab/kota in code order, one :class:`SampleData` per pemda so
    memory stays bounded. Clean (no defects); kab/kota IKU still link to their province's IKU, and kab/kota RPJMD
    to their province's priorities (:mod:`selaras.sample.provincial`)."""
    codes = sorted(kode for kode in all_pemda() if kode != PUSAT.kode)[:NATIONAL_PEMDA]
    provincial: dict[str, dict[str, str]] = {}
    province: Regional | None = None
    for kode in codes:
        pemda = get_pemda(kode)
        parent = pemda.kode if pemda.level is PemdaLevel.PROVINSI else pemda.parent or ""
        if parent not in provincial:
            provincial = {parent: _provincial_iku(get_pemda(parent), seed)}
        keys = provincial[parent] if pemda.level.is_kabkota else {}
        sample = build_pemda(pemda, seed=seed, year=year, provincial_iku=keys)
        if pemda.level is PemdaLevel.PROVINSI:
            province = sample.regional
        elif province is not None and province.rpjmd.document.pemda == parent:
            sample.regional.rpjmd.links.extend(support_links(province, sample.regional).values())
        yield _collect([sample], [])
