"""The clean province sample: shape, determinism and the invariants a checker relies on."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import islice, pairwise

from selaras.domain import Direction, DocumentKind, Item, ItemLevel, LinkKind, LinkStatus, Plan, parse_code
from selaras.reference.wilayah import all_pemda, get_pemda
from selaras.sample import SampleData, generate_national, generate_province
from selaras.sample.documents import ASTA_CITA_KEY, RPJMN_KEY
from selaras.sample.generator import NATIONAL_PEMDA
from selaras.sample.programs import COUNTABLE
from selaras.sample.programs import nomenclature as sample_nomenclature
from selaras.sample.values import MAX_PAGU, MIN_PAGU

MEASURABLE = re.compile(
    r"^(Jumlah|Persentase|Indeks|Nilai|Angka|Rasio|Tingkat|Rata-rata|Usia|Laju|Prevalensi|PDRB|Skor|Level|Luas)\b"
)
FRAMEWORK_TARGETS = {(ASTA_CITA_KEY, f"AC{n}") for n in range(1, 9)} | {(RPJMN_KEY, f"PN{n}") for n in range(1, 9)}


def plans_of(data: SampleData, kind: DocumentKind) -> list[Plan]:
    return [plan for plan in data.plans if plan.document.kind is kind]


def test_same_seed_gives_the_same_sample(defective_sample: SampleData) -> None:
    again = generate_province("62")
    assert again.plans == defective_sample.plans
    assert again.defects == defective_sample.defects
    assert again.perangkat_daerah == defective_sample.perangkat_daerah


def test_another_seed_gives_other_values() -> None:
    default, other = next(generate_national()), next(generate_national(seed=7))
    assert [p.document.key for p in default.plans[:2]] == [p.document.key for p in other.plans[:2]]
    assert default.plans[1].items != other.plans[1].items


def test_province_and_its_fourteen_kabkota_each_with_25_to_40_pd(clean_sample: SampleData) -> None:
    assert [p.kode for p in clean_sample.pemda][:2] == ["62", "62.01"]
    assert len(clean_sample.pemda) == 15
    per_pemda = Counter(pd.pemda for pd in clean_sample.perangkat_daerah)
    assert set(per_pemda) == {p.kode for p in clean_sample.pemda}
    assert all(25 <= count <= 40 for count in per_pemda.values()), per_pemda
    kinds_per_pd = Counter((p.document.pemda, p.document.pd, p.document.kind) for p in clean_sample.plans)
    for pd in clean_sample.perangkat_daerah:
        for kind in (DocumentKind.RENSTRA, DocumentKind.RENJA, DocumentKind.IKU):
            assert kinds_per_pd[(pd.pemda, pd.kode, kind)] == 1, (pd, kind)
    for pemda in clean_sample.pemda:
        for kind in (DocumentKind.RPJPD, DocumentKind.RPJMD, DocumentKind.RKPD):
            assert kinds_per_pd[(pemda.kode, None, kind)] == 1
    assert len({p.document.key for p in clean_sample.plans}) == len(clean_sample.plans)


def test_documents_are_labelled_as_samples_and_pd_codes_follow_their_first_bidang(clean_sample: SampleData) -> None:
    assert all(plan.document.title.startswith("[SAMPEL] ") for plan in clean_sample.plans)
    visi = [plan.item("V").text for plan in plans_of(clean_sample, DocumentKind.RPJPD)]
    assert visi[0].startswith("[SAMPEL] Terwujudnya Kalimantan Tengah yang") and visi[0].endswith("2045")
    assert any("Kotawaringin Barat" in text for text in visi)
    for pd in clean_sample.perangkat_daerah:
        assert re.fullmatch(re.escape(pd.bidang_urusan[0]) + r"\.\d{2}", pd.kode), pd


def test_parent_pagu_is_exactly_the_sum_of_its_children(clean_sample: SampleData) -> None:
    for plan in clean_sample.plans:
        for item in plan.items:
            if item.level not in (ItemLevel.PROGRAM, ItemLevel.KEGIATAN) or plan.document.kind is DocumentKind.RKPD:
                continue
            children = list(plan.children(item.key))
            assert children, (plan.document.key, item.key)
            for year in plan.document.period.years:
                total = sum((child.pagu(year) or Decimal(0) for child in children), Decimal(0))
                assert item.pagu(year) == total, (plan.document.key, item.key, year)


def test_sub_kegiatan_pagu_is_realistic_and_its_unit_cost_agrees_across_pemda(clean_sample: SampleData) -> None:
    unit_costs: dict[str, list[Decimal]] = defaultdict(list)
    for plan in plans_of(clean_sample, DocumentKind.RENSTRA):
        for item in plan.items:
            if item.level is ItemLevel.SUB_KEGIATAN:
                assert all(MIN_PAGU <= b.pagu <= MAX_PAGU for b in item.budgets), item
                target = item.indicators[0].targets[2026]
                unit_costs[item.key].append((item.pagu(2026) or Decimal(0)) / target)
    shared = {code: costs for code, costs in unit_costs.items() if len(costs) >= 3}
    assert len(shared) > 100
    for code, costs in shared.items():
        middle = statistics.median(costs)
        assert all(abs(cost / middle - 1) <= Decimal("0.3") for cost in costs), code


def test_renja_repeats_the_renstra_for_its_year(clean_sample: SampleData) -> None:
    renstra = {(p.document.pemda, p.document.pd): p for p in plans_of(clean_sample, DocumentKind.RENSTRA)}
    left_out = 0
    for renja in plans_of(clean_sample, DocumentKind.RENJA):
        source = renstra[(renja.document.pemda, renja.document.pd)]
        assert renja.document.period.years == range(2026, 2027)
        for item in renja.items:
            planned = source.item(item.key)
            assert (item.text, item.parent) == (planned.text, planned.parent)
            for mine, theirs in zip(item.indicators, planned.indicators, strict=True):
                assert (mine.name, mine.satuan, mine.baseline) == (theirs.name, theirs.satuan, theirs.baseline)
                assert mine.targets == {2026: theirs.targets[2026]}
            assert (item.pagu(2026) or 0) <= (planned.pagu(2026) or 0)
        left_out += sum(1 for item in source.items if item.level.is_program_part) - len(renja.items)
    assert left_out > 0  # a Renja plans a subset of the Renstra


def test_every_program_has_an_accepted_upward_link_and_every_target_exists(clean_sample: SampleData) -> None:
    existing = {(p.document.key, item.key) for p in clean_sample.plans for item in p.items} | FRAMEWORK_TARGETS
    for plan in clean_sample.plans:
        linked = {link.source.item for link in plan.links if link.status is LinkStatus.ACCEPTED}
        if plan.document.kind in (DocumentKind.RENSTRA, DocumentKind.RENJA):
            programs = {item.key for item in plan.items if item.level is ItemLevel.PROGRAM}
            assert programs <= linked, plan.document.key
        for link in plan.links:
            assert link.source.document == plan.document.key
            assert (link.source.document, link.source.item) in existing
            assert (link.target.document, link.target.item) in existing, link


def test_rpjmd_misi_cascade_to_rpjpd_and_support_asta_cita(clean_sample: SampleData) -> None:
    for rpjmd in plans_of(clean_sample, DocumentKind.RPJMD):
        misi = [item for item in rpjmd.items if item.level is ItemLevel.MISI]
        assert 4 <= len(misi) <= 6
        for item in misi:
            targets = {(link.kind, link.target.document.split("/")[1]) for link in rpjmd.links
                       if link.source.item == item.key}  # fmt: skip
            assert {(LinkKind.CASCADE, "RPJPD"), (LinkKind.SUPPORTS, "ASTA_CITA")} <= targets


def test_every_priority_supports_a_prioritas_nasional_and_is_funded_by_the_rkpd(clean_sample: SampleData) -> None:
    for rpjmd, rkpd in zip(
        plans_of(clean_sample, DocumentKind.RPJMD), plans_of(clean_sample, DocumentKind.RKPD), strict=True
    ):
        priorities = [item.key for item in rpjmd.items if item.level is ItemLevel.PRIORITAS]
        assert len(priorities) >= 4
        funded = {link.target.item for link in rkpd.links if link.target.document == rpjmd.document.key}
        assert set(priorities) <= funded
        national = {link.source.item for link in rpjmd.links if link.target.document == RPJMN_KEY}
        assert set(priorities) <= national


def test_rkpd_programs_equal_the_renja_programs_of_every_pd(clean_sample: SampleData) -> None:
    renja_pagu = {
        (p.document.pemda, f"{p.document.pd}/{item.key}"): item.pagu(2026)
        for p in plans_of(clean_sample, DocumentKind.RENJA)
        for item in p.items
        if item.level is ItemLevel.PROGRAM
    }
    rkpd_pagu = {
        (p.document.pemda, item.key): item.pagu(2026)
        for p in plans_of(clean_sample, DocumentKind.RKPD)
        for item in p.items
    }
    assert rkpd_pagu == renja_pagu
    rkpd = plans_of(clean_sample, DocumentKind.RKPD)[0]
    assert all(item.pd and item.key == f"{item.pd}/{item.code}" for item in rkpd.items)


def _standard_indicator(plan: Plan, item: Item) -> str:
    """The indicator the nomenclature in force gives a sub kegiatan ("" for any other item)."""
    if item.level is not ItemLevel.SUB_KEGIATAN:
        return ""
    entry = sample_nomenclature().lookup(item.code or "", get_pemda(plan.document.pemda).nomenclature_level)
    return entry.indikator if entry else ""


def test_indicators_are_measurable_complete_and_move_in_their_direction(clean_sample: SampleData) -> None:
    for plan in clean_sample.plans:
        years = list(plan.document.period.years)
        for item in plan.items:
            if item.level.is_program_part or item.level in (ItemLevel.TUJUAN, ItemLevel.SASARAN):
                assert item.indicators, (plan.document.key, item.key)
            standard = _standard_indicator(plan, item)
            for indicator in item.indicators:
                assert MEASURABLE.match(indicator.name) or indicator.name == standard, indicator
                assert indicator.satuan, indicator
                assert indicator.baseline is not None
                assert sorted(indicator.targets) == years, (plan.document.key, item.key)
                values = [indicator.baseline, *(indicator.targets[y] for y in years)]
                steps = {(b > a) - (b < a) for a, b in pairwise(values)}
                expected = {Direction.NAIK: {1}, Direction.TURUN: {-1}, Direction.TETAP: {0}}[indicator.direction]
                assert steps <= expected, (plan.document.key, item.key, indicator)


def test_sub_kegiatan_are_measured_by_their_standard_indicator_when_it_counts(clean_sample: SampleData) -> None:
    measured = [
        (indicator.name == standard, COUNTABLE.match(standard) is not None)
        for plan in plans_of(clean_sample, DocumentKind.RENSTRA)
        for item in plan.items
        if (standard := _standard_indicator(plan, item))
        for indicator in item.indicators
    ]
    assert measured
    assert all(used == countable for used, countable in measured)


def test_program_part_uses_existing_codes_with_their_reference_names(clean_sample: SampleData) -> None:
    nomenclature = sample_nomenclature()
    for plan in clean_sample.plans:
        jenis = get_pemda(plan.document.pemda).nomenclature_level
        for item in plan.items:
            if item.level.is_program_part:
                entry = nomenclature.lookup(item.code or "", jenis)
                assert entry is not None and entry.name == item.text, (plan.document.key, item.key)
                if plan.document.kind is not DocumentKind.RKPD:
                    assert item.key == item.code
                    parent = parse_code(item.key).parent
                    assert item.level is ItemLevel.PROGRAM or (parent and item.parent == parent.text)


def test_no_sub_kegiatan_code_is_planned_by_two_pd_of_one_pemda(clean_sample: SampleData) -> None:
    owners: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for plan in plans_of(clean_sample, DocumentKind.RENSTRA):
        for item in plan.items:
            if item.level is ItemLevel.SUB_KEGIATAN:
                owners[(plan.document.pemda, item.key)].add(plan.document.pd)
    assert all(len(pds) == 1 for pds in owners.values())


def test_kabkota_iku_are_the_same_as_the_provincial_ones(clean_sample: SampleData) -> None:
    by_key = {p.document.key: p for p in plans_of(clean_sample, DocumentKind.IKU)}
    linked = 0
    for plan in by_key.values():
        assert 2 <= len(plan.items) <= 4 and all(len(item.indicators) == 1 for item in plan.items)
        for link in plan.links:
            assert (link.kind, link.status) == (LinkKind.SAME_AS, LinkStatus.ACCEPTED)
            mine = plan.item(link.source.item).indicators[0]
            theirs = by_key[link.target.document].item(link.target.item).indicators[0]
            assert link.target.document.startswith("62/")
            assert (mine.name, mine.satuan, mine.direction) == (theirs.name, theirs.satuan, theirs.direction)
            linked += 1
    assert linked > 200


def test_kabkota_rpjmd_support_every_governors_priority_from_the_item_of_its_theme(clean_sample: SampleData) -> None:
    """From the kab/kota's own priority of the same wording (the same sasaran) where it has one, else from a
    sasaran; every kab/kota of the clean sample supports all six priorities of 62."""
    [province] = [plan for plan in plans_of(clean_sample, DocumentKind.RPJMD) if plan.document.pemda == "62"]
    governor = {item.key: item.text for item in province.items if item.level is ItemLevel.PRIORITAS}
    assert len(governor) == 6
    for rpjmd in plans_of(clean_sample, DocumentKind.RPJMD):
        if rpjmd.document.pemda == "62":
            continue
        own = {item.text: item.key for item in rpjmd.items if item.level is ItemLevel.PRIORITAS}
        support = [link for link in rpjmd.links if link.target.document == province.document.key]
        assert sorted(link.target.item for link in support) == sorted(governor), rpjmd.document.key
        for link in support:
            assert (link.kind, link.status) == (LinkKind.SUPPORTS, LinkStatus.ACCEPTED)
            source = rpjmd.item(link.source.item)
            if governor[link.target.item] in own:
                assert source.key == own[governor[link.target.item]]
            else:
                assert source.level is ItemLevel.SASARAN


def test_the_defective_sample_leaves_two_supportable_governors_priorities_unlinked(
    defective_sample: SampleData,
) -> None:
    unsupported = [d for d in defective_sample.defects if d.kind.value == "provincial-priority-unsupported"]
    left_out = [d for d in unsupported if d.detail.endswith("(tautannya dibiarkan kosong)")]
    assert len(left_out) == 2 and len({d.pemda for d in left_out}) == 2
    assert {d.item for d in unsupported if d not in left_out} == {"P7"}  # the seeded unfunded priority names no sasaran


def test_national_scale_is_a_lazy_stream_of_single_pemda_samples() -> None:
    codes = sorted(kode for kode in all_pemda() if kode != "00")
    assert len(codes) >= NATIONAL_PEMDA
    stream = generate_national()
    first = list(islice(stream, 3))
    assert [data.pemda[0].kode for data in first] == codes[:3]
    assert all(len(data.pemda) == 1 and data.plans and not data.defects for data in first)
    kabkota = first[1]
    iku_links = [link for plan in plans_of(kabkota, DocumentKind.IKU) for link in plan.links]
    assert iku_links and all(link.target.document.startswith(f"{codes[0]}/IKU/") for link in iku_links)
    [rpjmd] = plans_of(kabkota, DocumentKind.RPJMD)
    assert any(link.target.document.startswith(f"{codes[0]}/RPJMD/") for link in rpjmd.links)
