"""The defect manifest: every kind is seeded, each one is really there, and it is the only change."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from selaras.domain import Direction, DocumentKind, Indicator, IndicatorKind, Item, ItemLevel, ItemRef, LinkKind, Plan
from selaras.domain.realisasi import Cumulative, cumulative, is_additive
from selaras.reference.wilayah import get_pemda
from selaras.sample import Defect, DefectKind, SampleData, read_manifest, write_manifest
from selaras.sample.programs import nomenclature


class Index:
    """Plans of a sample by document key, and its realisasi, with the lookups the oracles below need."""

    def __init__(self, data: SampleData) -> None:
        self.plans = {plan.document.key: plan for plan in data.plans}
        self.realisasi = data.realisasi

    def item(self, document: str | None, key: str | None) -> Item | None:
        plan = self.plans.get(document or "")
        return next((item for item in plan.items if item.key == key), None) if plan else None

    def indicator(self, document: str | None, key: str | None, name: str | None) -> Indicator | None:
        item = self.item(document, key)
        return next((i for i in item.indicators if i.name == name), None) if item else None

    def reached(self, defect: Defect) -> tuple[Item, Cumulative]:
        """The Renja item of a monitoring defect and its realisation up to TW III."""
        item = self.item(defect.document, defect.item)
        assert item is not None
        records = [r for r in self.realisasi if (r.document, r.item) == (defect.document, defect.item)]
        return item, cumulative(records, item.indicators, 3)

    def linked(self, defect: Defect, kind: LinkKind | None = None) -> list[str]:
        return [
            link.target.document
            for link in self.plans[defect.document].links
            if link.source.item == defect.item and (kind is None or link.kind is kind)
        ]


def _moves_against(indicator: Indicator) -> bool:
    values = [indicator.targets[year] for year in sorted(indicator.targets)]
    sign = 1 if indicator.direction is Direction.NAIK else -1
    return any((b - a) * sign < 0 for a, b in pairwise(values))


def _pagu_exceeds(index: Index, defect: Defect) -> bool:
    mine, theirs = index.item(defect.document, defect.item), index.item(defect.counterpart, defect.item)
    year = defect.year or 0
    return bool(mine and theirs and (mine.pagu(year) or 0) > (theirs.pagu(year) or 0))


def _children_exceed(index: Index, defect: Defect) -> bool:
    plan, year = index.plans[defect.document], defect.year or 0
    item = index.item(defect.document, defect.item)
    children = sum((child.pagu(year) or Decimal(0) for child in plan.children(defect.item)), Decimal(0))
    return item is not None and children > (item.pagu(year) or 0)


def _duplicated(index: Index, defect: Defect) -> bool:
    return index.item(defect.document, defect.item) is not None and any(
        plan.document.kind is DocumentKind.RENSTRA
        and plan.document.pemda == defect.pemda
        and plan.document.pd != defect.pd
        and any(item.key == defect.item for item in plan.items)
        for plan in index.plans.values()
    )


def _unit_cost(plan: Plan, key: str) -> Decimal | None:
    item = next((item for item in plan.items if item.key == key), None)
    if item is None or not item.indicators:
        return None
    return (item.pagu(2026) or Decimal(0)) / item.indicators[0].targets[2026]


def _cost_outlier(index: Index, defect: Defect) -> bool:
    others = [
        cost
        for plan in index.plans.values()
        if plan.document.kind is DocumentKind.RENSTRA and plan.document.pemda != defect.pemda
        if (cost := _unit_cost(plan, defect.item or "")) is not None
    ]
    mine = _unit_cost(index.plans[defect.document], defect.item or "")
    return mine is not None and len(others) >= 2 and mine >= 6 * statistics.median(others)


def _unfunded(index: Index, defect: Defect) -> bool:
    rkpd = next(
        p for p in index.plans.values() if p.document.kind is DocumentKind.RKPD and p.document.pemda == defect.pemda
    )
    supported = {(link.target.document, link.target.item) for link in rkpd.links}
    return index.item(defect.document, defect.item) is not None and (defect.document, defect.item) not in supported


def _unsupported(index: Index, defect: Defect) -> bool:
    """The governor's priority is there and the kab/kota's RPJMD (the counterpart) links nothing to it."""
    links = index.plans[defect.counterpart or ""].links
    target = (defect.document, defect.item)
    return index.item(*target) is not None and all((link.target.document, link.target.item) != target for link in links)


def _reference_name(defect_item: Item | None) -> str | None:
    entry = nomenclature().lookup(defect_item.code or "") if defect_item else None
    return entry.name if entry else None


def _serapan(index: Index, defect: Defect) -> Decimal:
    item, reached = index.reached(defect)
    return reached.anggaran / (item.pagu(2026) or 1)


def _performance_behind(index: Index, defect: Defect) -> bool:
    item, reached = index.reached(defect)
    indicator = next(i for i in item.indicators if i.name == defect.indicator)
    realised, target = reached.kinerja.get(indicator.name, Decimal(0)), indicator.target(2026) or Decimal(0)
    if indicator.direction is Direction.TURUN:
        return realised > target * Decimal("1.15")
    return realised < target * Decimal("0.6")


def _costly(index: Index, defect: Defect) -> bool:
    """Rupiah per output realised well above rupiah per output planned (the clean sample delivers ahead of its
    spending, so it is never above)."""
    item, reached = index.reached(defect)
    counted = next(i for i in item.indicators if is_additive(i))
    realised, target = reached.kinerja.get(counted.name, Decimal(0)), counted.target(2026) or Decimal(1)
    return bool(realised) and reached.anggaran / realised > Decimal("1.3") * (item.pagu(2026) or 0) / target


Oracle = Callable[[Index, Defect], bool]
ORACLES: dict[DefectKind, Oracle] = {
    DefectKind.LINK_MISSING: lambda x, d: x.item(d.document, d.item) is not None and not x.linked(d),
    DefectKind.RENJA_TARGET_DIFFERS: lambda x, d: (
        (mine := x.indicator(d.document, d.item, d.indicator)) is not None
        and (theirs := x.indicator(d.counterpart, d.item, d.indicator)) is not None
        and mine.targets[d.year or 0] != theirs.targets[d.year or 0]
    ),
    DefectKind.SATUAN_MISMATCH: lambda x, d: (
        (mine := x.indicator(d.document, d.item, d.indicator)) is not None
        and (theirs := x.indicator(d.counterpart, d.item, d.indicator)) is not None
        and mine.satuan != theirs.satuan
    ),
    DefectKind.RENJA_PAGU_EXCEEDS_RENSTRA: _pagu_exceeds,
    DefectKind.CHILD_PAGU_EXCEEDS_PARENT: _children_exceed,
    DefectKind.DUPLICATE_SUB_KEGIATAN: _duplicated,
    DefectKind.OUTPUT_INDICATOR_AT_PROGRAM: lambda x, d: (
        (i := x.indicator(d.document, d.item, d.indicator)) is not None and i.kind is IndicatorKind.OUTPUT
    ),
    DefectKind.BASELINE_MISSING: lambda x, d: (
        (i := x.indicator(d.document, d.item, d.indicator)) is not None and i.baseline is None
    ),
    DefectKind.TARGET_YEAR_MISSING: lambda x, d: (
        (i := x.indicator(d.document, d.item, d.indicator)) is not None and d.year not in i.targets
    ),
    DefectKind.TARGET_WRONG_DIRECTION: lambda x, d: (
        (i := x.indicator(d.document, d.item, d.indicator)) is not None and _moves_against(i)
    ),
    DefectKind.TARGET_COPIED_ACROSS_YEARS: lambda x, d: (
        (i := x.indicator(d.document, d.item, d.indicator)) is not None
        and i.direction is not Direction.TETAP
        and len(i.targets) >= 3
        and len(set(i.targets.values())) == 1
    ),
    DefectKind.UNMEASURABLE_INDICATOR: lambda x, d: (
        (i := x.indicator(d.document, d.item, d.indicator)) is not None
        and i.satuan == ""
        and i.name.startswith("Terlaksananya")
    ),
    DefectKind.NOMENCLATURE_NAME_MISMATCH: lambda x, d: (
        (item := x.item(d.document, d.item)) is not None and _reference_name(item) not in (None, item.text)
    ),
    DefectKind.UNKNOWN_CODE: lambda x, d: (
        x.item(d.document, d.item) is not None and not nomenclature().exists(d.item or "")
    ),
    DefectKind.IKU_SATUAN_MISMATCH: lambda x, d: (
        (mine := x.indicator(d.document, d.item, d.indicator)) is not None
        and (theirs := x.indicator(d.counterpart, d.item, d.indicator)) is not None
        and mine.satuan != theirs.satuan
    ),
    DefectKind.IKU_MISSING: lambda x, d: (
        x.item(d.document, d.item) is None and x.indicator(d.counterpart, d.item, d.indicator) is not None
    ),
    DefectKind.PRIORITY_UNFUNDED: _unfunded,
    DefectKind.PROVINCIAL_PRIORITY_UNSUPPORTED: _unsupported,
    DefectKind.MISI_UNLINKED: lambda x, d: (
        x.item(d.document, d.item) is not None and "RPJPD" not in "".join(x.linked(d, LinkKind.CASCADE))
    ),
    DefectKind.UNIT_COST_OUTLIER: _cost_outlier,
    DefectKind.PAGU_WITHOUT_INDICATOR: lambda x, d: (
        (item := x.item(d.document, d.item)) is not None and bool(item.budgets) and not item.indicators
    ),
    DefectKind.ABSORPTION_BEHIND_CURVE: lambda x, d: _serapan(x, d) < Decimal("0.6"),
    DefectKind.PERFORMANCE_BEHIND_CURVE: _performance_behind,
    DefectKind.BUDGET_WITHOUT_PROGRESS: lambda x, d: (
        _serapan(x, d) >= Decimal("0.25") and not any(x.reached(d)[1].kinerja.values())
    ),
    DefectKind.PROGRESS_WITHOUT_BUDGET: lambda x, d: (
        not x.reached(d)[1].anggaran and bool(x.reached(d)[1].kinerja.get(d.indicator or ""))
    ),
    DefectKind.REALISASI_EXCEEDS_PAGU: lambda x, d: _serapan(x, d) > 1,
    DefectKind.REALISED_UNIT_COST_OUTLIER: _costly,
}


@pytest.fixture(scope="module")
def indexes(clean_sample: SampleData, defective_sample: SampleData) -> tuple[Index, Index]:
    return Index(clean_sample), Index(defective_sample)


def test_every_kind_is_seeded_several_times_over_the_province_and_kabkota(defective_sample: SampleData) -> None:
    kinds = {kind: [d for d in defective_sample.defects if d.kind is kind] for kind in DefectKind}
    assert all(len(found) >= 3 for found in kinds.values()), {k.value: len(v) for k, v in kinds.items()}
    assert {d.pemda for d in defective_sample.defects} >= {"62", "62.01", "62.71"}
    assert len({d.pemda for d in defective_sample.defects}) >= 10
    assert all(kind.description and kind.description[0].isupper() for kind in DefectKind)


def test_clean_sample_has_no_manifest(clean_sample: SampleData) -> None:
    assert clean_sample.defects == []


def test_each_defect_is_really_there_and_absent_from_the_clean_sample(
    defective_sample: SampleData, indexes: tuple[Index, Index]
) -> None:
    clean, defective = indexes
    assert set(ORACLES) == set(DefectKind)
    for defect in defective_sample.defects:
        assert ORACLES[defect.kind](defective, defect), defect
        assert not ORACLES[defect.kind](clean, defect), defect


def test_each_location_names_an_existing_document_item_and_indicator(
    defective_sample: SampleData, indexes: tuple[Index, Index]
) -> None:
    clean, defective = indexes
    for defect in defective_sample.defects:
        plan = defective.plans[defect.document]
        owner = get_pemda(defect.pemda).parent if defect.kind is DefectKind.PROVINCIAL_PRIORITY_UNSUPPORTED else None
        assert (plan.document.pemda, plan.document.pd) == (owner or defect.pemda, defect.pd)
        where = clean if defect.kind is DefectKind.IKU_MISSING else defective
        item = where.item(defect.document, defect.item)
        assert item is not None, defect
        if defect.indicator is not None:
            assert where.indicator(defect.document, defect.item, defect.indicator) is not None, defect
        if defect.year is not None:
            assert defect.year in plan.document.period
        if defect.counterpart is not None:
            assert defect.counterpart in defective.plans
        if defect.replaces is not None:
            assert clean.item(defect.document, defect.replaces) is not None


def _fingerprints(data: SampleData) -> dict[tuple[str, str], str]:
    """Everything stored about an item, including the links leaving it, keyed by (document, item)."""
    prints: dict[tuple[str, str], str] = {}
    for plan in data.plans:
        links: dict[str, list[str]] = {}
        for link in plan.links:
            links.setdefault(link.source.item, []).append(repr(link))
        for item in plan.items:
            prints[(plan.document.key, item.key)] = repr(item) + "".join(sorted(links.get(item.key, [])))
    return prints


def test_clean_and_defective_samples_differ_exactly_at_the_manifest_locations(
    clean_sample: SampleData, defective_sample: SampleData
) -> None:
    assert [p.document for p in clean_sample.plans] == [p.document for p in defective_sample.plans]
    assert clean_sample.perangkat_daerah == defective_sample.perangkat_daerah
    before, after = _fingerprints(clean_sample), _fingerprints(defective_sample)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    expected: set[tuple[str, str]] = set()
    for defect in (defect for defect in defective_sample.defects if not defect.kind.monitoring):
        if defect.kind is DefectKind.PROVINCIAL_PRIORITY_UNSUPPORTED:  # the kab/kota item whose link was left out
            target = ItemRef(defect.document, defect.item or "")
            rpjmd = next(plan for plan in clean_sample.plans if plan.document.key == defect.counterpart)
            expected |= {(rpjmd.document.key, link.source.item) for link in rpjmd.links if link.target == target}
            continue
        touched = defect.counterpart if defect.kind is DefectKind.RENJA_PAGU_EXCEEDS_RENSTRA else defect.document
        expected.add((touched or "", defect.item or ""))
        if defect.replaces:
            expected.add((defect.document, defect.replaces))
    assert changed == expected
    locations = [(d.pemda, d.document, d.item, d.indicator, d.year) for d in defective_sample.defects]
    assert len(set(locations)) == len(locations)


def test_realisasi_differ_only_at_the_defects(clean_sample: SampleData, defective_sample: SampleData) -> None:
    before, after = ({repr(r): r for r in sample.realisasi} for sample in (clean_sample, defective_sample))
    changed = {
        (record.document, record.item) for key in before.keys() ^ after.keys() for record in [{**before, **after}[key]]
    }
    monitored = {(d.document, d.item or "") for d in defective_sample.defects if d.kind.monitoring}
    planned = {(d.document, d.item or "") for d in defective_sample.defects if not d.kind.monitoring}
    assert monitored <= changed
    assert changed - monitored <= planned  # a changed Renja target changes what its realisation is drawn from
    assert {record.triwulan for record in before.values()} == {1, 2, 3}


def test_manifest_round_trips_through_json(defective_sample: SampleData, tmp_path: Path) -> None:
    path = tmp_path / "cacat.json"
    write_manifest(defective_sample.defects, path)
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["format"] == "selaras-sample-defects" and body["version"] == 1
    assert body["defects"][0]["kind"] == defective_sample.defects[0].kind.value
    assert read_manifest(path) == defective_sample.defects


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "tidak dapat dibaca"),
        ('{"format": "other", "version": 1, "defects": []}', "bukan manifest"),
        ('{"format": "selaras-sample-defects", "version": 2, "defects": []}', "versi manifest 2"),
        ('{"format": "selaras-sample-defects", "version": 1, "defects": [{"kind": "typo"}]}', "cacat ke-1"),
        (
            '{"format": "selaras-sample-defects", "version": 1, "defects": '
            '[{"kind": "iku-missing", "pemda": "62", "document": "d", "detail": "x", "year": "2026"}]}',
            "'year'",
        ),
    ],
)
def test_reading_a_broken_manifest_names_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rusak.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as raised:
        read_manifest(path)
    assert "rusak.json" in str(raised.value)


def test_renja_program_links_stay_for_the_rkpd(defective_sample: SampleData) -> None:
    """Only a missing link may touch a Renja program, so the RKPD never disagrees with the Renja on pagu."""
    renja = {
        (p.document.pemda, f"{p.document.pd}/{item.key}"): item.pagu(2026)
        for p in defective_sample.plans
        if p.document.kind is DocumentKind.RENJA
        for item in p.items
        if item.level is ItemLevel.PROGRAM
    }
    rkpd = {
        (p.document.pemda, item.key): item.pagu(2026)
        for p in defective_sample.plans
        if p.document.kind is DocumentKind.RKPD
        for item in p.items
    }
    assert rkpd == renja
