"""Efficiency: the same work budgeted twice in one pemda, and unit costs far above what peers pay.

Not here: the pagu of programs that support no priority. The alignment rule already flags the missing link
at the same program; a second finding with the amount would report one defect twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from statistics import median

from selaras.checks.budgeting import kind_label
from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.iku_matrix import satuan_key
from selaras.checks.locate import document_location, item_location
from selaras.checks.registry import registry
from selaras.checks.text import normalize_name, similarity
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, Indicator, Item, ItemLevel, NomenclatureCode, Plan, parse_code
from selaras.ingest.sections import SKPD_CODE

__all__ = ["robust_z"]

KECAMATAN = "7.01"
"""Bidang urusan of the kecamatan: every kecamatan runs the same sub kegiatan in its own area."""

FIRST_WORDS = 3
"""Sub kegiatan whose names share this many first words (or one kegiatan) are compared by name."""

OUTLIER_MARGIN = Decimal("1.5")
"""A unit cost is only an outlier above 1.5 × the median: when peers cluster tightly (small or zero MAD) the
z-score alone would flag differences nobody would question."""

PLANNED = (DocumentKind.RENSTRA, DocumentKind.RENJA)
"""The PD documents whose sub kegiatan are compared (each kind with its own kind)."""


_parse = lru_cache(maxsize=1 << 15)(parse_code)  # the same codes recur in every pemda


@dataclass(frozen=True, slots=True)
class _Entry:
    """A sub kegiatan in one PD's Renstra or Renja, in plan order."""

    order: int
    plan: Plan
    item: Item
    code: NomenclatureCode
    name: str
    """The item's name, normalized once for the comparisons."""
    letters: Counter[str]
    """How often each character occurs in ``name``: a cheap bound on the similarity of two names."""

    @property
    def pd(self) -> str:
        return self.plan.document.pd or ""

    @property
    def skpd(self) -> str:
        """The SKPD the PD belongs to: a sub unit stored as its own PD (a Puskesmas ``….0001`` of the Dinas
        Kesehatan ``….0000``, a Bagian of the Setda) is part of its SKPD, and one SKPD never duplicates itself."""
        pd = self.pd
        return pd[:-4] + "0000" if SKPD_CODE.match(pd) else pd


def _plan_groups(data: PlanningData) -> dict[tuple[str, str, str], list[Plan]]:
    """Regional Renstra and Renja by (pemda, kind, period), in load order: the plans compared together."""
    groups: dict[tuple[str, str, str], list[Plan]] = defaultdict(list)
    for kind in PLANNED:
        for plan in data.regional_plans(kind):
            groups[(plan.document.pemda, kind.value, str(plan.document.period))].append(plan)
    return groups


def _entries(plans: list[Plan]) -> list[_Entry]:
    """Sub kegiatan that could be duplicated: not program penunjang (every PD runs its own administration)
    and not kecamatan work (each kecamatan in its own area)."""
    entries: list[_Entry] = []
    for plan in plans:
        for item in plan.items:
            if item.level is not ItemLevel.SUB_KEGIATAN or not item.code:
                continue
            try:
                code = _parse(item.code)
            except ValueError:
                continue  # a malformed code is the nomenclature rules' finding
            if not code.is_penunjang and code.bidang_urusan != KECAMATAN:
                name = normalize_name(item.text)
                entries.append(_Entry(len(entries), plan, item, code, name, Counter(name)))
    return entries


def _may_be_alike(first: _Entry, second: _Entry, threshold: float) -> bool:
    """A cheap upper bound of :func:`similarity` — twice the characters the names share over their total
    length (difflib's quick ratio) — that rules most pairs out before the costly comparison."""
    total = len(first.name) + len(second.name)
    if 2 * min(len(first.name), len(second.name)) < threshold * total:
        return False
    return 2 * sum((first.letters & second.letters).values()) >= threshold * total


def _official_names_alike(first: _Entry, second: _Entry, context: CheckContext, jenis: str) -> bool:
    """Whether the nomenclature itself names the two codes near-identically (e.g. "Pembangunan Ruang
    Laboratorium Fisika" / "... Kimia"): then the similarity of the plans' names says nothing."""
    nomenclature = context.nomenclature
    official = nomenclature.lookup(first.code, jenis), nomenclature.lookup(second.code, jenis)
    if official[0] is None or official[1] is None:
        return False
    return similarity(official[0].name, official[1].name) >= context.thresholds.duplicate_similarity


def _cross_pd_pairs(entries: list[_Entry]) -> Iterator[tuple[_Entry, _Entry]]:
    """(earlier, later) for every two of ``entries`` that belong to different SKPD."""
    by_pd: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_pd[entry.skpd].append(entry)
    for first, second in combinations(by_pd.values(), 2):
        for one in first:
            for other in second:
                yield (one, other) if one.order < other.order else (other, one)


def _duplicate_pairs(entries: list[_Entry], context: CheckContext, jenis: str) -> Iterator[tuple[_Entry, _Entry, str]]:
    """(earlier, later, "kode" or "nama") for each pair of different PD doing the same work."""
    by_code: dict[str, list[_Entry]] = defaultdict(list)
    buckets: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_code[entry.code.text].append(entry)
        buckets[("kegiatan", entry.code.text.rsplit(".", 1)[0])].append(entry)
        buckets[("words", " ".join(entry.name.split()[:FIRST_WORDS]))].append(entry)
    for same in by_code.values():
        yield from ((earlier, later, "kode") for earlier, later in _cross_pd_pairs(same))
    seen: set[tuple[int, int]] = set()
    threshold = context.thresholds.duplicate_similarity
    for bucket in buckets.values():
        for earlier, later in _cross_pd_pairs(bucket):
            pair = (earlier.order, later.order)
            if earlier.code == later.code or pair in seen:
                continue
            seen.add(pair)
            alike = _may_be_alike(earlier, later, threshold) and similarity(earlier.name, later.name) >= threshold
            if alike and not _official_names_alike(earlier, later, context, jenis):
                yield earlier, later, "nama"


@registry.register(
    code="SEL601",
    name="duplicate-sub-kegiatan",
    severity=FindingSeverity.PERINGATAN,
    title=("Sub kegiatan ganda antar-PD", "Sub kegiatan duplicated across PD"),
    message=(
        'Sub kegiatan {code} "{text}" juga ada di {other_kind} {other_pd_name} ({other_code} "{other_text}"): '
        "sama menurut {match}, kemiripan nama {similarity} %.",
        'Sub kegiatan {code} "{text}" also appears in the {other_kind} of {other_pd_name} ({other_code} '
        '"{other_text}"): same by {match}, names {similarity} % alike.',
    ),
    suggestion=(
        "Sepakati satu PD pelaksana sub kegiatan {code}; hapus dari {other_kind} PD lain atau bagi lingkupnya "
        "dengan jelas.",
        "Agree on one PD to carry out sub kegiatan {code}; remove it from the other {other_kind} or split the "
        "scope explicitly.",
    ),
)
def duplicate_sub_kegiatan(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan that the Renstra (or the Renja) of two different SKPD of one pemda both carry: the
    same code, or a near-identical name (``duplicate_similarity``) within one kegiatan or with the same first
    words. Each pair gives one finding at EACH of the two items (its document, item and PD), the evidence
    naming the other PD, the kind of document, why they look alike (``match``: kode or nama) and how alike
    the names are (``similarity``, %): either PD may be the one to give the work up, and each sees it in its
    own plan. Sub units of one SKPD (Puskesmas of the Dinas Kesehatan, Bagian of the Setda: items of one
    document, or PD whose SIPD unit code differs only in its last part) share its work and are never paired.
    Program penunjang (program 01, every PD's own administration), kecamatan sub kegiatan (bidang 7.01,
    each in its own area) and codes the nomenclature itself names near-identically (laboratorium fisika /
    kimia) are not duplicates.

    Why: two PD budgeting the same work spend twice for one result and blur who is accountable.

    Example: 2.16.02.2.01.0001 "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik" in the Renja 2026
    of Diskominfo and of the Sekretariat DPRD — one finding in each of the two Renja.
    """
    for (pemda, _kind, _period), plans in _plan_groups(data).items():
        owner = data.get_pemda(pemda)
        jenis = owner.nomenclature_level if owner else "kabupaten_kota"
        for earlier, later, match in _duplicate_pairs(_entries(plans), context, jenis):
            for this, other in ((earlier, later), (later, earlier)):
                agency = data.get_pd(pemda, other.pd)
                evidence = {
                    "code": this.code.text,
                    "text": this.item.text,
                    "other_pd": other.pd,
                    "other_pd_name": agency.nama if agency else other.pd,
                    "other_document": other.plan.document.key,
                    "other_code": other.code.text,
                    "other_text": other.item.text,
                    "other_kind": kind_label(other.plan.document.kind),
                    "match": match,
                    "similarity": round(100 * similarity(this.item.text, other.item.text)),
                }
                yield Finding("SEL601", item_location(this.plan.document, this.item), evidence)


@dataclass(frozen=True, slots=True)
class _Cost:
    plan: Plan
    item: Item
    indicator: Indicator
    value: Decimal


def robust_z(value: Decimal, middle: Decimal, mad: Decimal) -> float:
    """0.6745 · (x − median) / MAD, the modified z-score of Iglewicz and Hoaglin (MAD must not be 0)."""
    return 0.6745 * float(value - middle) / float(mad)


NOT_COUNTS = frozenset(
    {
        *("persen", "indeks", "index", "rupiah", "rp", "nilai", "skor", "poin", "rasio", "predikat", "opini"),
        *("peringkat", "level", "kategori", "status", "angka", "per", "tingkat"),
    }
)
"""Words of a satuan that measure a level, a share or money rather than count things: pagu divided by a
percentage or an index is no unit cost ("per" makes a rate: "per 1.000 penduduk")."""


def counts_things(satuan: str) -> bool:
    """Whether a satuan counts things (orang, unit, km, dokumen, paket …), so that pagu ÷ target is a price.

    >>> counts_things("Orang"), counts_things("%"), counts_things("Indeks"), counts_things("per 1.000 KH")
    (True, False, False, False)
    """
    key = satuan_key(satuan)
    return bool(key) and "%" not in satuan and NOT_COUNTS.isdisjoint(key.split())


def _countable(item: Item, year: int) -> Indicator | None:
    """The first indicator whose satuan counts things and that has a positive target in ``year``."""
    for indicator in item.indicators:
        target = indicator.target(year)
        if target is not None and target > 0 and counts_things(indicator.satuan):
            return indicator
    return None


def _costed(data: PlanningData, year: int) -> Iterator[tuple[Plan, Item, Indicator | None]]:
    """Regional Renstra and Renja sub kegiatan with pagu and indicators in ``year``, each with the indicator
    that prices it (None when no indicator counts things)."""
    for plan in (plan for kind in PLANNED for plan in data.regional_plans(kind)):
        if year not in plan.document.period:
            continue
        for item in plan.items:
            pagu = item.pagu(year)
            if item.level is ItemLevel.SUB_KEGIATAN and item.code and item.indicators and pagu and pagu > 0:
                yield plan, item, _countable(item, year)


def _unit_costs(data: PlanningData, year: int) -> dict[tuple[str, str, str, str], list[_Cost]]:
    """Pagu ÷ the target in ``year`` of the first indicator that counts things, per Renstra or Renja sub
    kegiatan, by (province, kind, code, satuan): each value is compared with the same kind of document of the
    other pemda."""
    groups: dict[tuple[str, str, str, str], list[_Cost]] = defaultdict(list)
    for plan, item, indicator in _costed(data, year):
        if indicator is None or item.code is None:
            continue
        province = plan.document.pemda.split(".")[0]  # Kemendagri codes: 62 provinsi, 62.71 one of its kota
        pagu, target = item.pagu(year) or Decimal(0), indicator.target(year) or Decimal(1)
        key = (province, plan.document.kind.value, item.code, satuan_key(indicator.satuan))
        groups[key].append(_Cost(plan, item, indicator, pagu / target))
    return groups


@registry.register(
    code="SEL602",
    name="unit-cost-outlier",
    severity=FindingSeverity.PERINGATAN,
    title=("Biaya satuan jauh di atas daerah lain", "Unit cost far above other pemda"),
    message=(
        "Biaya satuan sub kegiatan {code} tahun {year} Rp {unit_cost} per {satuan}, {ratio} kali median "
        "Rp {median} dari {peers} nilai sejenis di provinsi ini.",
        "Unit cost of sub kegiatan {code} in {year} is Rp {unit_cost} per {satuan}, {ratio} times the median "
        "Rp {median} of {peers} comparable values in this province.",
    ),
    suggestion=(
        'Periksa pagu {year} dan target "{indicator}" sub kegiatan {code}; sesuaikan pagu dengan standar '
        "harga atau perbaiki target bila salah ketik.",
        'Check the {year} pagu and the target of "{indicator}" of sub kegiatan {code}; align the pagu with the '
        "standard prices or correct a mistyped target.",
    ),
)
def unit_cost_outlier(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra or Renja sub kegiatan whose unit cost — pagu of the year under review ÷ the target that
    year of its first indicator whose satuan counts things (orang, unit, km, dokumen; never %, an index or
    rupiah: see ``unit-cost-not-computable``) — is far above the same kind of document of the other pemda of
    the province with the same code and satuan: robust z-score 0.6745·(x − median)/MAD above ``unit_cost_z``,
    with at least ``unit_cost_min_peers`` values, AND more than 1.5 × the median (when peers cluster tightly the
    z-score alone flags trivial differences; when MAD is 0 the 1.5 × margin decides alone). Only costs above
    the median are flagged: the concern is paying too much. Located at the item and the indicator whose target
    divides.

    Why: the same output bought at several times the price elsewhere points to a mark-up, a mistyped pagu or
    a target too small — all worth a question before the budget is agreed.

    Example: "Penyediaan Makanan Tambahan" at Rp 950.000 per Orang where eight kabupaten pay about Rp 150.000.
    """
    thresholds = context.thresholds
    for costs in _unit_costs(data, context.year).values():
        if len(costs) < thresholds.unit_cost_min_peers:
            continue
        values = [cost.value for cost in costs]
        middle = median(values)
        mad = median(abs(value - middle) for value in values)
        for cost in costs:
            z = robust_z(cost.value, middle, mad) if mad > 0 else None
            if cost.value > middle * OUTLIER_MARGIN and (z is None or z > thresholds.unit_cost_z):
                location = item_location(cost.plan.document, cost.item, indicator=cost.indicator.name)
                evidence = {
                    "code": cost.item.code,
                    "year": context.year,
                    "indicator": cost.indicator.name,
                    "satuan": cost.indicator.satuan,
                    "unit_cost": cost.value.quantize(Decimal("0.01")),
                    "median": middle.quantize(Decimal("0.01")),
                    "ratio": (cost.value / middle).quantize(Decimal("0.01")),
                    "z": None if z is None else round(z, 2),
                    "peers": len(costs),
                }
                yield Finding("SEL602", location, evidence)


@registry.register(
    code="SEL603",
    name="unit-cost-not-computable",
    severity=FindingSeverity.INFO,
    title=("Biaya satuan tidak dapat dihitung", "Unit cost cannot be computed"),
    message=(
        "{count} sub kegiatan berpagu di {kind} ini tahun {year} tidak memiliki indikator yang menghitung "
        "barang atau orang (mis. {example}: {satuan}); biaya satuannya tidak dibandingkan.",
        "{count} budgeted sub kegiatan of this {kind} in {year} have no indicator that counts things or people "
        "(e.g. {example}: {satuan}); their unit cost is not compared.",
    ),
    suggestion=(
        "Bila sub kegiatan menghasilkan keluaran yang dapat dihitung, tambahkan indikator keluaran bersatuan "
        "orang, unit, dokumen, km dan sejenisnya.",
        "Where a sub kegiatan produces a countable output, add an output indicator counted in people, units, "
        "documents, km and the like.",
    ),
)
def unit_cost_not_computable(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Reports once per Renstra or Renja how many of its sub kegiatan with pagu and indicators in the year under
    review have no indicator whose satuan counts things (only %, indexes, rupiah …), so that
    ``unit-cost-outlier`` skipped them. One finding per document, not per sub kegiatan: it explains a gap in
    the comparison, it is no defect of each item.

    Why: pagu ÷ "100 %" (an SPM coverage) is no price; comparing it between pemda would flag nonsense, and a
    reader should know which work was not compared.

    Example: Renja 2026 of Dinas Kesehatan: 14 sub kegiatan measured only in % (e.g. 1.02.02.2.01.0001).
    """
    skipped: dict[str, list[tuple[Plan, Item]]] = defaultdict(list)
    for plan, item, indicator in _costed(data, context.year):
        if indicator is None:
            skipped[plan.document.key].append((plan, item))
    for items in skipped.values():
        plan, first = items[0]
        evidence = {
            "count": len(items),
            "kind": kind_label(plan.document.kind),
            "year": context.year,
            "example": first.code,
            "satuan": first.indicators[0].satuan or "-",
        }
        yield Finding("SEL603", document_location(plan.document, year=context.year), evidence)
