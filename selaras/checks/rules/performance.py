"""Performance orientation: programs judged by outcomes, indicators that can be measured and followed over
the plan period — a satuan, a kondisi awal (baseline), a target for every year, moving the intended way.

Subjects: every item of the Renstra and Renja of a provinsi or kabupaten/kota, and the sasaran of their
RPJMD. National framework documents are context, never subjects.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import item_location
from selaras.checks.registry import registry
from selaras.checks.text import normalize_name, similarity
from selaras.checks.thresholds import CheckContext
from selaras.domain import Direction, DocumentKind, Indicator, IndicatorKind, Item, ItemLevel, Plan

__all__ = ["has_quantity_word", "is_constant_by_nature", "is_cumulative", "is_unmeasurable"]

QUANTITY_WORDS = frozenset(
    {
        *("jumlah", "banyaknya", "persentase", "prosentase", "persen", "rasio", "indeks", "nilai", "tingkat"),
        *("angka", "proporsi", "rata", "cakupan", "capaian", "skor", "prevalensi", "laju", "luas", "panjang"),
        *("volume", "frekuensi", "kadar", "total", "derajat", "predikat", "peringkat", "opini"),
    }
)
"""Words that make an indicator a measure (``rata`` stands for ``rata-rata`` once punctuation is dropped)."""


@lru_cache(maxsize=1 << 16)  # indicator names repeat across PD and pemda
def has_quantity_word(name: str) -> bool:
    """Whether the indicator name says what is counted: a ``%`` sign, or a quantity word leading the name —
    as its first word, or right after an ``-nya`` state ("Meningkatnya jumlah ..."). A quantity word further
    on usually belongs to the subject ("penurunan angka stunting", "musrenbang tingkat kecamatan")."""
    words = normalize_name(name).split()
    return "%" in name or not QUANTITY_WORDS.isdisjoint(words[: 2 if _is_state(words) else 1])


def _is_state(words: list[str]) -> bool:
    return bool(words) and len(words[0]) > 5 and words[0].endswith("nya")


@lru_cache(maxsize=1 << 16)
def is_unmeasurable(name: str) -> bool:
    """A state phrased as an ``-nya`` noun ("Terlaksananya koordinasi", "Meningkatnya pelayanan",
    "Optimalnya ...") not followed by a quantity word: it says something happened, not how much.

    >>> is_unmeasurable("Terlaksananya penurunan angka stunting"), is_unmeasurable("Meningkatnya nilai SAKIP")
    (True, False)
    """
    return _is_state(normalize_name(name).split()) and not has_quantity_word(name)


def _subjects(data: PlanningData) -> Iterator[tuple[Plan, Item]]:
    """Renstra and Renja items, and RPJMD sasaran, of the regional pemda."""
    for kind in (DocumentKind.RPJMD, DocumentKind.RENSTRA, DocumentKind.RENJA):
        for plan in data.regional_plans(kind):
            for item in plan.items:
                if kind is not DocumentKind.RPJMD or item.level is ItemLevel.SASARAN:
                    yield plan, item


def _program_part(data: PlanningData) -> Iterator[tuple[Plan, Item]]:
    """Programs, kegiatan and sub kegiatan of the regional Renstra and Renja."""
    for plan, item in _subjects(data):
        if item.level.is_program_part and plan.document.kind is not DocumentKind.RPJMD:
            yield plan, item


def _indicators(data: PlanningData) -> Iterator[tuple[Plan, Item, Indicator]]:
    for plan, item in _subjects(data):
        for indicator in item.indicators:
            yield plan, item, indicator


_OUTPUT_LEVELS = (ItemLevel.KEGIATAN, ItemLevel.SUB_KEGIATAN)


def _names(indicators: list[Indicator]) -> str:
    return "; ".join(indicator.name for indicator in indicators)


@registry.register(
    code="SEL501",
    name="output-indicator-at-program",
    severity=FindingSeverity.PERINGATAN,
    title=("Indikator keluaran pada program", "Output indicator at a program"),
    message=(
        'Program {code} hanya diukur dengan indikator keluaran (output), antara lain "{indicator}".',
        'Program {code} is measured by output indicators only, among them "{indicator}".',
    ),
    suggestion=(
        'Ganti "{indicator}" pada program {code} dengan indikator hasil (outcome), mis. persentase atau indeks '
        "yang menunjukkan perubahan yang dituju; indikator keluaran cukup di kegiatan dan sub kegiatan.",
        'Replace "{indicator}" of program {code} with an outcome indicator, e.g. a percentage or index showing '
        "the intended change; output indicators belong to kegiatan and sub kegiatan.",
    ),
)
def output_indicator_at_program(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags each indicator of a Renstra or Renja program none of whose indicators is an outcome (all are of
    kind output); one finding per output indicator, located at it.

    Why: Permendagri 86/2017 measures a program by its outcome (hasil); a program measured by outputs only
    ("Jumlah dokumen") cannot show whether the money changed anything, and SAKIP evaluations mark it down.

    Example: program 5.01.02 in the Renja of Bappeda with the single indicator "Jumlah dokumen perencanaan
    (output)" — replace it with e.g. "Persentase usulan musrenbang yang terakomodasi (outcome)".
    """
    for plan, item in _program_part(data):
        indicators = item.indicators
        if item.level is ItemLevel.PROGRAM and indicators and all(i.kind is IndicatorKind.OUTPUT for i in indicators):
            for indicator in indicators:
                location = item_location(plan.document, item, indicator=indicator.name)
                yield Finding("SEL501", location, {"code": item.code or item.key, "indicator": indicator.name})


@registry.register(
    code="SEL502",
    name="kegiatan-without-output-indicator",
    severity=FindingSeverity.INFO,
    title=("Kegiatan tanpa indikator keluaran", "Kegiatan without an output indicator"),
    message=(
        "{level} {code} tidak memiliki indikator keluaran (output); indikatornya: {indicators}.",
        "{level} {code} has no output indicator; its indicators: {indicators}.",
    ),
    suggestion=(
        "Tambahkan indikator keluaran pada {level} {code}: apa yang dihasilkan, dengan satuan (mis. 12 Dokumen).",
        "Add an output indicator to {level} {code}: what it produces, with a unit (e.g. 12 Dokumen).",
    ),
)
def kegiatan_without_output_indicator(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra or Renja kegiatan or sub kegiatan that has indicators, none of them of kind output.

    Why: kegiatan and sub kegiatan are accountable for what they produce (keluaran); without an output
    indicator the link from money to product is missing. Items with no indicator at all are left to the
    budget rule on pagu without indicators.

    Example: sub kegiatan 5.01.02.2.01.0001 whose only indicator is "Indeks kepuasan masyarakat (outcome)".
    """
    for plan, item in _program_part(data):
        indicators = item.indicators
        if item.level in _OUTPUT_LEVELS and indicators and all(i.kind is not IndicatorKind.OUTPUT for i in indicators):
            evidence = {"level": item.level.label, "code": item.code or item.key, "indicators": _names(indicators)}
            yield Finding("SEL502", item_location(plan.document, item), evidence)


@registry.register(
    code="SEL503",
    name="indicator-satuan-missing",
    severity=FindingSeverity.GALAT,
    title=("Indikator tanpa satuan", "Indicator without a unit"),
    message=('Indikator "{indicator}" tidak memiliki satuan.', 'Indicator "{indicator}" has no unit (satuan).'),
    suggestion=(
        'Isi satuan indikator "{indicator}" (mis. %, Dokumen, Orang, Indeks).',
        'Fill in the unit of indicator "{indicator}" (e.g. %, Dokumen, Orang, Indeks).',
    ),
)
def indicator_satuan_missing(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an indicator with an empty satuan.

    Why: a target without a unit cannot be compared with the Renstra, the province or last year's realisation
    — "12" may be documents, percent or people.

    Example: "Jumlah dokumen perencanaan" with targets 12, 12, 13 and no satuan — write "Dokumen".
    """
    for plan, item, indicator in _indicators(data):
        if not indicator.satuan.strip():
            location = item_location(plan.document, item, indicator=indicator.name)
            yield Finding("SEL503", location, {"indicator": indicator.name})


@registry.register(
    code="SEL504",
    name="baseline-missing",
    severity=FindingSeverity.PERINGATAN,
    title=("Kondisi awal indikator kosong", "Indicator baseline missing"),
    message=(
        'Indikator "{indicator}" tidak memiliki kondisi awal (baseline).',
        'Indicator "{indicator}" has no baseline (kondisi awal).',
    ),
    suggestion=(
        'Isi kondisi awal "{indicator}" dengan capaian tahun {baseline_year} ({satuan}).',
        'Fill in the baseline of "{indicator}" with the {baseline_year} achievement ({satuan}).',
    ),
)
def baseline_missing(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an indicator of a multi-year plan (RPJMD sasaran, Renstra items) without a kondisi awal
    (baseline). A one-year Renja is not asked: its table (Permendagri 86/2017) has no kondisi awal column, the
    starting point of its targets is the Renstra's baseline and last year's realisation.

    Why: without the starting point nobody can tell whether the targets are ambitious, modest or already met,
    nor check that they move in the intended direction.

    Example: "Persentase jalan provinsi dalam kondisi mantap" in the Renstra 2025-2029 with targets but no
    kondisi awal — fill in the 2024 achievement.
    """
    for plan, item, indicator in _indicators(data):
        if indicator.baseline is None and len(plan.document.period.years) > 1:
            location = item_location(plan.document, item, indicator=indicator.name)
            evidence = {
                "indicator": indicator.name,
                "satuan": indicator.satuan,
                "baseline_year": plan.document.period.start - 1,
            }
            yield Finding("SEL504", location, evidence)


@registry.register(
    code="SEL505",
    name="target-year-missing",
    severity=FindingSeverity.GALAT,
    title=("Target tahunan indikator kosong", "Indicator target missing for a year"),
    message=(
        'Indikator "{indicator}" tidak memiliki target tahun {year} (periode dokumen {period}).',
        'Indicator "{indicator}" has no target for {year} (document period {period}).',
    ),
    suggestion=(
        'Isi target {year} untuk "{indicator}" ({satuan}).',
        'Fill in the {year} target of "{indicator}" ({satuan}).',
    ),
)
def target_year_missing(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags each year of the document's period for which an indicator has no target (for a one-year Renja,
    just that year). In a multi-year Renstra, a program, kegiatan or sub kegiatan is only expected to have a
    target in the years it is carried out: those with pagu or with a target of another of its indicators. An
    indicator that a kegiatan repeats from its sub kegiatan (SIPD rolls their outputs up) follows the years of
    the sub kegiatan that carry it, not the kegiatan's pagu, which may fund another sub kegiatan that year. A
    cumulative indicator ("kumulatif" in its name or satuan) and the strategic part (tujuan, sasaran) need a
    target in every year.

    Why: performance is agreed and evaluated year by year; a gap leaves that year's Renja, RKPD and
    evaluation without a yardstick. A sub kegiatan planned for two years of five (a one-off construction) has
    nothing to measure in the other three, so those are no gap.

    Example: a Renstra 2025-2029 indicator with targets for 2025-2028 only while the sub kegiatan has pagu in
    2029 too — one finding for 2029.
    """
    children: dict[str, dict[str | None, list[Item]]] = {}
    for plan, item, indicator in _indicators(data):
        period = plan.document.period
        if plan.document.key not in children:
            children[plan.document.key] = _children(plan)
        for year in sorted(_expected_years(plan, item, indicator, children[plan.document.key])):
            if indicator.target(year) is None:
                location = item_location(plan.document, item, indicator=indicator.name, year=year)
                evidence = {"indicator": indicator.name, "year": year, "period": str(period)}
                evidence["satuan"] = indicator.satuan
                yield Finding("SEL505", location, evidence)


def is_cumulative(indicator: Indicator) -> bool:
    """Whether the indicator adds up over the years ("... (kumulatif)"), so every year has a target."""
    return "kumulatif" in normalize_name(f"{indicator.name} {indicator.satuan}").split()


def _children(plan: Plan) -> dict[str | None, list[Item]]:
    """The plan's items by parent key, built once per plan."""
    found: dict[str | None, list[Item]] = {}
    for item in plan.items:
        found.setdefault(item.parent, []).append(item)
    return found


def _expected_years(plan: Plan, item: Item, indicator: Indicator, children: dict[str | None, list[Item]]) -> set[int]:
    """The years of the document in which ``indicator`` must have a target (see ``target-year-missing``)."""
    period = plan.document.period
    if len(period.years) == 1 or not item.level.is_program_part or is_cumulative(indicator):
        return set(period.years)
    name = normalize_name(indicator.name)
    carriers = [
        (child, own)
        for child in children.get(item.key, [])
        for own in child.indicators
        if normalize_name(own.name) == name
    ]
    if carriers:
        return set().union(*(_expected_years(plan, child, own, children) for child, own in carriers))
    return {
        year
        for year in period.years
        if (item.pagu(year) or 0) > 0 or any(other.target(year) is not None for other in item.indicators)
    }


def wrong_turn(indicator: Indicator, start: int) -> tuple[int, Decimal, int, Decimal] | None:
    """The first step (from year, from value, year, value) where the targets move against the indicator's
    direction, or None. Naik must not decrease and turun must not increase, both starting from the baseline
    (taken as the year before the period, ``start - 1``); tetap must hold one value over the target years —
    the baseline is not part of it, since a "tetap" target may first have to be reached."""
    series = sorted(indicator.targets.items())
    if indicator.baseline is not None and indicator.direction is not Direction.TETAP:
        series.insert(0, (start - 1, indicator.baseline))
    for (before, previous), (year, value) in pairwise(series):
        direction = indicator.direction
        if (
            (direction is Direction.NAIK and value < previous)
            or (direction is Direction.TURUN and value > previous)
            or (direction is Direction.TETAP and value != previous)
        ):
            return before, previous, year, value
    return None


@registry.register(
    code="SEL506",
    name="target-wrong-direction",
    severity=FindingSeverity.PERINGATAN,
    title=("Target bergerak berlawanan arah", "Targets move against the indicator's direction"),
    message=(
        'Indikator "{indicator}" berarah {direction}, tetapi targetnya berubah dari {from_value} ({from_year}) '
        "menjadi {value} ({year}).",
        'Indicator "{indicator}" should go {direction}, but its target moves from {from_value} ({from_year}) '
        "to {value} ({year}).",
    ),
    suggestion=(
        'Periksa target {year} "{indicator}" atau arah indikatornya (naik/turun/tetap).',
        'Check the {year} target of "{indicator}" or the indicator\'s direction (naik/turun/tetap).',
    ),
)
def target_wrong_direction(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an indicator whose targets turn against its direction: naik (higher is better) must not go down
    from the baseline through the years, turun (e.g. a poverty rate) must not go up, tetap must stay constant.
    One finding per indicator, at the first turn; the baseline counts as the year before the period. A naik
    or turun output that is not cumulative is left alone: it counts the year's products afresh (50 people
    trained in 2026, 40 in 2027), so a smaller count is a smaller plan, not a worse result.

    Why: a target that falls while the indicator should rise plans a worse result than today — usually a typo
    or a swapped direction, and either way the plan promises the opposite of its goal.

    Example: "Persentase penduduk miskin" (turun), baseline 5,2, targets 5,0 / 4,8 / 5,1 — it turns in 2027.
    """
    for plan, item, indicator in _indicators(data):
        yearly_count = indicator.kind is IndicatorKind.OUTPUT and not is_cumulative(indicator)
        if yearly_count and indicator.direction is not Direction.TETAP:
            continue
        turn = wrong_turn(indicator, plan.document.period.start)
        if turn is not None:
            from_year, from_value, year, value = turn
            location = item_location(plan.document, item, indicator=indicator.name)
            evidence = {
                "indicator": indicator.name,
                "direction": indicator.direction.value,
                "from_year": from_year,
                "from_value": from_value,
                "year": year,
                "value": value,
            }
            yield Finding("SEL506", location, evidence)


@registry.register(
    code="SEL507",
    name="unmeasurable-indicator",
    severity=FindingSeverity.PERINGATAN,
    title=("Indikator tidak terukur", "Unmeasurable indicator"),
    message=(
        'Indikator "{indicator}" menyatakan keadaan, bukan ukuran: tidak ada kata jumlah, persentase, '
        "indeks, rasio, dsb.",
        'Indicator "{indicator}" states a condition, not a measure: no word such as jumlah, persentase, indeks, rasio.',
    ),
    suggestion=(
        'Rumuskan ulang "{indicator}" sebagai ukuran, mis. "Persentase ..." atau "Jumlah ..." dengan satuan.',
        'Rephrase "{indicator}" as a measure, e.g. "Persentase ..." or "Jumlah ..." with a unit.',
    ),
)
def unmeasurable_indicator(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an indicator phrased as a state — a first word ending in -nya such as Terlaksananya, Meningkatnya,
    Tersedianya, Terwujudnya, Tercapainya, Terselenggaranya, Optimalnya — that carries no quantity word
    (jumlah, persentase, rasio, indeks, nilai, tingkat, angka, proporsi, rata-rata, cakupan, capaian, ...).

    Why: such an indicator is true or false at best; it cannot have yearly targets or be evaluated, which is
    what SAKIP and the Renja/RKPD evaluation require.

    Example: "Terlaksananya koordinasi perencanaan pembangunan" — write "Persentase rapat koordinasi
    perencanaan yang terlaksana (%)".
    """
    for plan, item, indicator in _indicators(data):
        if is_unmeasurable(indicator.name):
            location = item_location(plan.document, item, indicator=indicator.name)
            yield Finding("SEL507", location, {"indicator": indicator.name})


@registry.register(
    code="SEL508",
    name="indicator-restates-activity",
    severity=FindingSeverity.PERINGATAN,
    title=("Indikator hanya mengulang nama kegiatan", "Indicator merely restates the activity"),
    message=(
        'Indikator "{indicator}" hampir sama dengan nama {level} "{text}" (kemiripan {similarity}) dan tidak '
        "menyebut ukuran.",
        'Indicator "{indicator}" is nearly the name of the {level} "{text}" (similarity {similarity}) and '
        "names no measure.",
    ),
    suggestion=(
        'Ganti "{indicator}" dengan hal yang dihasilkan dan dapat dihitung, mis. "Jumlah dokumen ... yang '
        'disusun" dengan satuan.',
        'Replace "{indicator}" with what the activity produces, countably, e.g. "Jumlah dokumen ... yang '
        'disusun" with a unit.',
    ),
)
def indicator_restates_activity(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a program, kegiatan or sub kegiatan indicator that repeats the item's own name (similarity at
    least ``restated_similarity``) without any quantity word. Indicators already flagged as unmeasurable
    (SEL507) are not flagged again.

    Why: "Penyusunan Dokumen Perencanaan" as the indicator of the sub kegiatan of the same name measures
    nothing; the performance agreement then has no content.

    Example: sub kegiatan "Koordinasi Penyusunan Dokumen RKPD" with the indicator "Koordinasi penyusunan
    dokumen RKPD" — write "Jumlah dokumen RKPD yang disusun (Dokumen)".
    """
    threshold = context.thresholds.restated_similarity
    for plan, item, indicator in _indicators(data):
        if not item.level.is_program_part or has_quantity_word(indicator.name) or is_unmeasurable(indicator.name):
            continue
        score = similarity(indicator.name, item.text)
        if score >= threshold:
            location = item_location(plan.document, item, indicator=indicator.name)
            evidence = {
                "indicator": indicator.name,
                "text": item.text,
                "level": item.level.label,
                "similarity": round(score, 2),
            }
            yield Finding("SEL508", location, evidence)


CATEGORICAL_SATUAN = frozenset({"ya", "tidak", "ada", "opini", "predikat", "kategori", "status", "wtp"})
"""Satuan words of a yes/no or categorical indicator (Ya/Tidak, Ada, Opini, Predikat): its one value is the
whole target and holding it every year is the plan, not a copy."""
PERCENT_SATUAN = frozenset({"persen", "persentase", "prosentase"})
"""Satuan words of a share, written out as often as "%" in real Renstra tables."""
COPIED_MIN_YEARS = 3
"""Fewer equal targets than this are too short a series to call a copy."""


def is_constant_by_nature(indicator: Indicator) -> bool:
    """Whether equal targets are what the indicator means: an output (a yearly product counted afresh each
    year: 12 reports, 1 document), a yes/no or categorical indicator, or one held at its bound — 100 % for
    a rising share (SPM coverage), 0 for a falling count (zero maternal deaths)."""
    words = set(normalize_name(indicator.satuan).split())
    share = "%" in indicator.satuan or not PERCENT_SATUAN.isdisjoint(words)
    values = set(indicator.targets.values())
    at_bound = (indicator.direction is Direction.NAIK and share and values == {100}) or (
        indicator.direction is Direction.TURUN and values == {0}
    )
    return indicator.kind is IndicatorKind.OUTPUT or not CATEGORICAL_SATUAN.isdisjoint(words) or at_bound


@registry.register(
    code="SEL509",
    name="target-copied-across-years",
    severity=FindingSeverity.PERINGATAN,
    title=("Target sama setiap tahun", "Same target every year"),
    message=(
        'Indikator "{indicator}" berarah {direction}, tetapi targetnya {value} {satuan} pada setiap tahun '
        "{years} (kondisi awal {baseline}): target tampak disalin, tidak ada perubahan yang direncanakan.",
        'Indicator "{indicator}" should go {direction}, but its target is {value} {satuan} in every year '
        "{years} (baseline {baseline}): the target looks copied, no change is planned.",
    ),
    suggestion=(
        'Tetapkan target tahunan "{indicator}" yang bergerak {direction} dari kondisi awal menuju target akhir '
        "periode, atau ubah arahnya menjadi tetap bila nilai itu memang harus dipertahankan.",
        'Set yearly targets for "{indicator}" that move {direction} from the baseline to the end-of-period '
        "target, or make its direction tetap if that value is meant to be held.",
    ),
)
def target_copied_across_years(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an indicator of a multi-year plan (RPJMD sasaran, Renstra items) whose direction expects a
    change (naik or turun) but whose targets are one value in every year that has one (three years at
    least). Indicators constant by nature are left alone: outputs (a yearly count of
    documents or reports), yes/no and categorical indicators (Ya/Tidak, Opini WTP, Predikat) and values held
    at their bound (100 % SPM coverage, zero deaths).

    Why: a five-year target copied into every year plans no progress — the first year already promises the
    end of the period, or the last year no more than the first — so the yearly Renja, RKPD and evaluation
    have nothing to move towards. Copying one figure across the year columns is a common shortcut when a
    Renstra table is filled in a hurry.

    Example: "Persentase rumah tangga dengan akses air minum layak" (naik), kondisi awal 78,5, targets 85 in
    2025, 2026, 2027, 2028 and 2029 — set e.g. 80 / 81,5 / 82,5 / 84 / 85.
    """
    for plan, item, indicator in _indicators(data):
        period = plan.document.period
        if len(period.years) == 1 or indicator.direction is Direction.TETAP or is_constant_by_nature(indicator):
            continue
        values = [target for year in period.years if (target := indicator.target(year)) is not None]
        if len(values) >= COPIED_MIN_YEARS and len(set(values)) == 1:
            location = item_location(plan.document, item, indicator=indicator.name)
            evidence = {
                "indicator": indicator.name,
                "direction": indicator.direction.value,
                "value": values[0],
                "satuan": indicator.satuan,
                "years": str(period),
                "baseline": "-" if indicator.baseline is None else indicator.baseline,
            }
            yield Finding("SEL509", location, evidence)
