"""IKU synchronization: every kab/kota PD that shares a bidang urusan with a provincial PD carries the
provincial PD's IKU, in the same satuan and moving the same way (pairing: ``selaras.checks.iku_matrix``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity, Location
from selaras.checks.iku_matrix import IkuEntry, IkuPairing, SyncStatus, province_pairings
from selaras.checks.locate import item_location
from selaras.checks.registry import registry
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, PemdaLevel

__all__: list[str] = []


def _pairings(data: PlanningData, context: CheckContext, status: SyncStatus) -> Iterator[IkuPairing]:
    """The pairings of every province loaded that end in ``status``."""
    threshold = context.thresholds.name_similarity
    for pemda in data.pemda:
        if pemda.level is PemdaLevel.PROVINSI:
            pairings = province_pairings(data, pemda.kode, threshold)
            yield from (pairing for pairing in pairings if pairing.status is status)


def _compared(pairing: IkuPairing, match: IkuEntry) -> tuple[Location, dict[str, object]]:
    """Location at the kab/kota IKU, with both indicators in the evidence."""
    provincial = pairing.provincial
    location = item_location(match.plan.document, match.item, indicator=match.indicator.name)
    evidence: dict[str, object] = {
        "indicator": match.indicator.name,
        "satuan": match.indicator.satuan,
        "direction": match.indicator.direction.value,
        "provinsi_indicator": provincial.indicator.name,
        "provinsi_satuan": provincial.indicator.satuan,
        "provinsi_direction": provincial.indicator.direction.value,
        "provinsi_document": provincial.plan.document.key,
        "provinsi_item": provincial.item.key,
    }
    return location, evidence


@registry.register(
    code="SEL701",
    name="iku-missing",
    severity=FindingSeverity.PERINGATAN,
    title=("IKU provinsi tidak ada di kab/kota", "Provincial IKU missing in a kab/kota"),
    message=(
        'IKU provinsi "{indicator}" ({provinsi_pd}) tidak ditemukan pada IKU PD mitra {pd} di {kabkota_name}.',
        'Provincial IKU "{indicator}" ({provinsi_pd}) has no match among the IKU of counterpart PD {pd} in '
        "{kabkota_name}.",
    ),
    suggestion=(
        'Tambahkan IKU "{indicator}" ({satuan}) pada IKU PD {pd} {kabkota_name}, atau tautkan IKU yang setara '
        "(same_as) bila namanya berbeda.",
        'Add the IKU "{indicator}" ({satuan}) to the IKU of PD {pd} of {kabkota_name}, or link the equivalent '
        "IKU (same_as) if it is named differently.",
    ),
)
def iku_missing(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a provincial IKU that a kab/kota does not carry although it has a counterpart PD (one sharing a
    bidang urusan with the provincial PD): no kab/kota IKU is tied to it by an accepted same_as link, and
    none of the counterpart PD's IKU has an indicator name alike enough (``name_similarity``).
    Location convention: one finding per counterpart PD — only the one with the provincial PD's own code when
    there is one (codes run bidang + number, so 1.02.02 is the same kind of agency, e.g. the RSUD, on both
    levels) — at the KAB/KOTA's IKU document of that PD (where the IKU should be; the key it would have when
    the PD has no IKU document yet), with the PROVINCIAL IKU's item key and indicator name (the item the
    kab/kota should add, keyed like the province's).

    Why: the provincial target is reached through the kab/kota; an IKU no kab/kota measures cannot be
    aggregated, monitored or credited to anyone.

    Example: Dinas Kesehatan Provinsi has IKU1 "Persentase balita stunting"; the Dinas Kesehatan of Kota
    Palangkaraya has no IKU like it — one finding at 62.71/IKU/1.02.01/2025-2029/final, item IKU1.
    """
    for pairing in _pairings(data, context, SyncStatus.TIDAK_ADA):
        provincial = pairing.provincial
        document = provincial.plan.document
        kabkota = data.get_pemda(pairing.kabkota)
        same_kind = document.pd in pairing.counterparts  # PD codes run bidang + number: 1.02.02 is the RSUD
        for pd in (document.pd,) if same_kind and document.pd else pairing.counterparts:
            existing = next(data.plans_of(DocumentKind.IKU, pemda=pairing.kabkota, pd=pd), None)
            expected = existing.document if existing else replace(document, pemda=pairing.kabkota, pd=pd)
            location = Location(
                pairing.kabkota, expected.key, provincial.item.key, pd, indicator=provincial.indicator.name
            )
            evidence = {
                "indicator": provincial.indicator.name,
                "satuan": provincial.indicator.satuan,
                "pd": pd,
                "provinsi_pd": document.pd or "",
                "provinsi_document": document.key,
                "kabkota": pairing.kabkota,
                "kabkota_name": kabkota.nama if kabkota else pairing.kabkota,
            }
            yield Finding("SEL701", location, evidence)


@registry.register(
    code="SEL702",
    name="iku-satuan-mismatch",
    severity=FindingSeverity.PERINGATAN,
    title=("Satuan IKU berbeda dengan provinsi", "IKU unit differs from the province's"),
    message=(
        'Satuan IKU "{indicator}" adalah {satuan}, sedangkan IKU provinsi "{provinsi_indicator}" memakai '
        "{provinsi_satuan}.",
        'IKU "{indicator}" is measured in {satuan} while the provincial IKU "{provinsi_indicator}" uses '
        "{provinsi_satuan}.",
    ),
    suggestion=(
        'Ubah satuan IKU "{indicator}" menjadi {provinsi_satuan} (sesuaikan targetnya) agar dapat dijumlahkan '
        "ke capaian provinsi.",
        'Change the unit of IKU "{indicator}" to {provinsi_satuan} (converting its targets) so it adds up to '
        "the provincial achievement.",
    ),
)
def iku_satuan_mismatch(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a kab/kota IKU matched to a provincial IKU (accepted same_as link or alike name) whose satuan
    differs — ignoring case, spacing, and ``%`` versus persen. Located at the kab/kota IKU, with its indicator.

    Why: the province sums or averages the kab/kota achievements; a different unit (Orang against %) makes
    that impossible and hides whether the targets agree.

    Example: the province measures "Persentase rumah tangga dengan akses air minum layak" in %, Kabupaten
    Kotawaringin Barat in "Rumah Tangga".
    """
    for pairing in _pairings(data, context, SyncStatus.SATUAN_BERBEDA):
        if pairing.match is not None:
            location, evidence = _compared(pairing, pairing.match)
            yield Finding("SEL702", location, evidence)


@registry.register(
    code="SEL703",
    name="iku-direction-opposite",
    severity=FindingSeverity.PERINGATAN,
    title=("Arah target IKU berlawanan dengan provinsi", "IKU targets move against the province's"),
    message=(
        'IKU "{indicator}" berarah {direction}, berlawanan dengan IKU provinsi "{provinsi_indicator}" '
        "({provinsi_direction}) atau targetnya bergerak ke arah sebaliknya.",
        'IKU "{indicator}" goes {direction}, against the provincial IKU "{provinsi_indicator}" '
        "({provinsi_direction}), or its targets move the other way.",
    ),
    suggestion=(
        'Samakan arah dan kecenderungan target IKU "{indicator}" dengan IKU provinsi ({provinsi_direction}).',
        'Align the direction and target trend of IKU "{indicator}" with the provincial IKU ({provinsi_direction}).',
    ),
)
def iku_direction_opposite(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a kab/kota IKU matched to a provincial IKU, with the same satuan, whose direction is the opposite
    (naik against turun) or whose targets move the other way (from baseline to the last target one rises
    while the other falls). A satuan mismatch is reported by SEL702 instead. Located at the kab/kota IKU.

    Why: if the province plans to lower the stunting rate while a kabupaten plans it higher, the provincial
    target cannot be reached; usually one of them swapped the direction or mistyped a target.

    Example: provincial "Persentase penduduk miskin" 5,0 → 4,2 (turun); Kota Palangkaraya 3,1 → 3,6.
    """
    for pairing in _pairings(data, context, SyncStatus.ARAH_BERBEDA):
        if pairing.match is not None:
            location, evidence = _compared(pairing, pairing.match)
            yield Finding("SEL703", location, evidence)
