"""Which kab/kota carries each provincial IKU: the pairing behind the IKU rules and the synchronization matrix.

A provincial PD's counterpart in a kab/kota is any PD there sharing one of its bidang urusan. The matching
kab/kota IKU is the one an accepted ``same_as`` link ties to the provincial IKU, or else the counterpart
PD's IKU whose indicator name is most alike (at least ``name_similarity``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from selaras.checks.data import PlanningData
from selaras.checks.text import normalize_name, similarity
from selaras.checks.thresholds import Thresholds
from selaras.domain import Direction, DocumentKind, Indicator, Item, ItemRef, LinkKind, Plan

__all__ = [
    "IkuEntry",
    "IkuPairing",
    "SyncRow",
    "SyncStatus",
    "directions_opposite",
    "iku_pairings",
    "iku_sync_matrix",
    "province_pairings",
    "satuan_key",
]

_BIDANG = re.compile(r"^[1-9]\.\d{2}")
_PERCENT = {"%": "persen", "persentase": "persen", "prosen": "persen"}


class SyncStatus(StrEnum):
    """A kab/kota's state for one provincial IKU, worst first after "selaras" (the heat map's colours)."""

    SELARAS = "selaras"
    SATUAN_BERBEDA = "satuan berbeda"
    ARAH_BERBEDA = "arah berbeda"
    TIDAK_ADA = "tidak ada"
    TANPA_MITRA = "tidak ada PD mitra"


@dataclass(frozen=True, slots=True)
class IkuEntry:
    """One IKU: its document, its item and the item's (single) indicator."""

    plan: Plan
    item: Item
    indicator: Indicator

    @property
    def ref(self) -> ItemRef:
        return ItemRef(self.plan.document.key, self.item.key)


@dataclass(frozen=True, slots=True)
class IkuPairing:
    """A provincial IKU and one kab/kota: its counterpart PD codes and the matching IKU, if any."""

    provincial: IkuEntry
    kabkota: str
    counterparts: tuple[str, ...]
    match: IkuEntry | None

    @property
    def status(self) -> SyncStatus:
        if not self.counterparts and self.match is None:
            return SyncStatus.TANPA_MITRA
        if self.match is None:
            return SyncStatus.TIDAK_ADA
        if satuan_key(self.match.indicator.satuan) != satuan_key(self.provincial.indicator.satuan):
            return SyncStatus.SATUAN_BERBEDA
        if directions_opposite(self.provincial.indicator, self.match.indicator):
            return SyncStatus.ARAH_BERBEDA
        return SyncStatus.SELARAS


@dataclass(frozen=True, slots=True)
class SyncRow:
    """One row of the matrix: a provincial PD's IKU and a status per kab/kota (by kode, in kode order)."""

    pd: str
    pd_nama: str
    document: str
    item: str
    indicator: str
    satuan: str
    statuses: dict[str, SyncStatus]


def satuan_key(satuan: str) -> str:
    """A satuan as compared: case, spacing and punctuation ignored, ``%``/persen/persentase the same.

    >>> satuan_key(" Persen "), satuan_key("%"), satuan_key("Dokumen.")
    ('persen', 'persen', 'dokumen')
    """
    stripped = satuan.strip().casefold()
    return _PERCENT.get(stripped) or _PERCENT.get(normalize_name(stripped), normalize_name(stripped))


def _trend(indicator: Indicator) -> int:
    """+1, -1 or 0: where the targets end up against where they start (the baseline when there is one)."""
    series = ([] if indicator.baseline is None else [indicator.baseline]) + [
        value for _, value in sorted(indicator.targets.items())
    ]
    if len(series) < 2 or series[-1] == series[0]:
        return 0
    return 1 if series[-1] > series[0] else -1


def directions_opposite(first: Indicator, second: Indicator) -> bool:
    """Naik against turun as declared, or targets that actually move opposite ways."""
    declared = {first.direction, second.direction} == {Direction.NAIK, Direction.TURUN}
    return declared or _trend(first) * _trend(second) < 0


def _entries(plan: Plan) -> Iterator[IkuEntry]:
    for item in plan.items:
        if item.indicators:
            yield IkuEntry(plan, item, item.indicators[0])


def _bidang_of(data: PlanningData, pemda: str, pd: str) -> set[str]:
    """The PD's bidang urusan; without a PD record, the bidang its code starts with (``1.02.01`` → 1.02)."""
    record = data.get_pd(pemda, pd)
    if record is not None and record.bidang_urusan:
        return set(record.bidang_urusan)
    match = _BIDANG.match(pd)
    return {match.group(0)} if match else set()


def _kabkota(data: PlanningData, provinsi: str) -> list[str]:
    codes = {
        p.kode for p in data.pemda if p.level.is_kabkota and (p.parent == provinsi or p.kode.startswith(provinsi + "."))
    }
    return sorted(codes)


def iku_pairings(data: PlanningData, provinsi: str, name_similarity: float) -> Iterator[IkuPairing]:
    """For every IKU of the province's PD, one pairing per kab/kota of the province, in kab/kota kode order."""
    kabkota = _kabkota(data, provinsi)
    pd_by_bidang: dict[tuple[str, str], set[str]] = defaultdict(set)
    for agency in data.perangkat_daerah:
        for code in _bidang_of(data, agency.pemda, agency.kode):
            pd_by_bidang[(agency.pemda, code)].add(agency.kode)
    iku_by_pd: dict[tuple[str, str], list[IkuEntry]] = defaultdict(list)
    for plan in data.plans_of(DocumentKind.IKU):
        iku_by_pd[(plan.document.pemda, plan.document.pd or "")].extend(_entries(plan))
    for plan in data.plans_of(DocumentKind.IKU, pemda=provinsi):
        bidang = _bidang_of(data, provinsi, plan.document.pd or "")
        for provincial in _entries(plan):
            linked = _linked(data, provincial)
            for kode in kabkota:
                counterparts = tuple(sorted({pd for b in bidang for pd in pd_by_bidang.get((kode, b), ())}))
                match = linked.get(kode) or _by_name(
                    provincial, [e for pd in counterparts for e in iku_by_pd.get((kode, pd), [])], name_similarity
                )
                yield IkuPairing(provincial, kode, counterparts, match)


def province_pairings(data: PlanningData, provinsi: str, name_similarity: float) -> list[IkuPairing]:
    """:func:`iku_pairings` built once per data, province and threshold: the IKU rules and the matrix of
    one run share it."""

    def build(data: PlanningData) -> list[IkuPairing]:
        return list(iku_pairings(data, provinsi, name_similarity))

    return data.derived(f"iku_pairings/{provinsi}/{name_similarity}", build)


def _linked(data: PlanningData, provincial: IkuEntry) -> dict[str, IkuEntry]:
    """Kab/kota IKU tied to the provincial one by an accepted same_as link, by kab/kota kode."""
    found: dict[str, IkuEntry] = {}
    for link in data.accepted_links_to(provincial.ref):
        plan, item = data.plan(link.source.document), data.item(link.source)
        if link.kind is LinkKind.SAME_AS and plan is not None and item is not None and item.indicators:
            found.setdefault(plan.document.pemda, IkuEntry(plan, item, item.indicators[0]))
    return found


def _by_name(provincial: IkuEntry, candidates: list[IkuEntry], threshold: float) -> IkuEntry | None:
    """The candidate whose indicator name is most like the provincial one, if alike enough."""
    name = normalize_name(provincial.indicator.name)
    best, best_score = None, threshold
    for candidate in candidates:
        if normalize_name(candidate.indicator.name) == name:
            return candidate
        score = similarity(provincial.indicator.name, candidate.indicator.name)
        if score >= best_score:
            best, best_score = candidate, score
    return best


def iku_sync_matrix(data: PlanningData, provinsi: str = "62", thresholds: Thresholds | None = None) -> list[SyncRow]:
    """Per provincial PD and IKU (in document order), the status of each kab/kota of the province."""
    rows: dict[ItemRef, SyncRow] = {}
    threshold = (thresholds or Thresholds()).name_similarity
    for pairing in province_pairings(data, provinsi, threshold):
        provincial = pairing.provincial
        row = rows.get(provincial.ref)
        if row is None:
            pd = provincial.plan.document.pd or ""
            agency = data.get_pd(provinsi, pd)
            indicator = provincial.indicator
            row = SyncRow(
                pd,
                agency.nama if agency else pd,
                provincial.ref.document,
                provincial.item.key,
                indicator.name,
                indicator.satuan,
                {},
            )
            rows[provincial.ref] = row
        row.statuses[pairing.kabkota] = pairing.status
    return list(rows.values())
