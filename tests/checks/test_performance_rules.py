from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from factories import YEAR, coded, data, indicator, plan, run_rendered, strategic

from selaras.checks.findings import Location
from selaras.checks.rules import performance
from selaras.domain import Budget, Direction, DocumentKind, IndicatorKind, ItemLevel

RENSTRA_KEY = "62/RENSTRA/5.01.01/2025-2029/final"
RENJA_KEY = f"62/RENJA/5.01.01/{YEAR}/final"
OUTCOME = IndicatorKind.OUTCOME


def renstra(*items: object) -> object:
    return plan(DocumentKind.RENSTRA, list(items), pd="5.01.01")  # type: ignore[arg-type]


def renja_with(*indicators: object, level_code: str = "5.01.02") -> object:
    item = coded(level_code, "Program Perencanaan", indicators=list(indicators))  # type: ignore[arg-type]
    return plan(DocumentKind.RENJA, [item], pd="5.01.01")


def test_program_with_only_output_indicators_is_flagged_at_the_program() -> None:
    program = coded("5.01.02", "Program Perencanaan", indicators=[indicator("Jumlah dokumen")])
    [finding] = run_rendered(performance.output_indicator_at_program, data(renstra(program)))
    assert finding.code == "SEL501"
    assert finding.location == Location("62", RENSTRA_KEY, "5.01.02", "5.01.01", "5.01.02", "Jumlah dokumen")
    assert finding.evidence == {"code": "5.01.02", "indicator": "Jumlah dokumen"}


def test_program_with_an_outcome_indicator_is_not_flagged() -> None:
    measures = [indicator("Jumlah dokumen"), indicator("Persentase usulan terakomodasi", "%", kind=OUTCOME)]
    program = coded("5.01.02", "Program Perencanaan", indicators=measures)
    assert run_rendered(performance.output_indicator_at_program, data(renstra(program))) == []


def test_sub_kegiatan_without_output_indicator_is_info() -> None:
    sub = coded("5.01.02.2.01.0001", "Penyusunan RKPD", indicators=[indicator("Indeks kepuasan", kind=OUTCOME)])
    with_output = coded("5.01.02.2.01.0002", "Evaluasi RKPD", indicators=[indicator("Jumlah laporan")])
    [finding] = run_rendered(performance.kegiatan_without_output_indicator, data(renstra(sub, with_output)))
    assert (finding.code, finding.location.item) == ("SEL502", "5.01.02.2.01.0001")
    assert finding.evidence["level"] == "sub kegiatan"


def test_indicator_without_satuan_is_a_galat_at_the_indicator() -> None:
    program = coded("5.01.02", "Program", indicators=[indicator("Jumlah dokumen", " ", kind=OUTCOME)])
    [finding] = run_rendered(performance.indicator_satuan_missing, data(renstra(program)))
    assert finding.code == "SEL503"
    assert (finding.location.item, finding.location.indicator) == ("5.01.02", "Jumlah dokumen")
    ok = coded("5.01.02", "Program", indicators=[indicator("Jumlah dokumen", "Dokumen", kind=OUTCOME)])
    assert run_rendered(performance.indicator_satuan_missing, data(renstra(ok))) == []


def test_missing_baseline_is_flagged_with_the_indicator_name() -> None:
    sasaran = strategic("T1.S1", ItemLevel.SASARAN, "Meningkatnya kualitas perencanaan")
    sasaran.indicators = [indicator("Nilai SAKIP", "Nilai", kind=OUTCOME, baseline=None)]
    [finding] = run_rendered(performance.baseline_missing, data(renstra(sasaran)))
    assert finding.code == "SEL504"
    assert finding.location == Location("62", RENSTRA_KEY, "T1.S1", "5.01.01", indicator="Nilai SAKIP")
    assert finding.evidence["baseline_year"] == 2024
    sasaran.indicators = [indicator("Nilai SAKIP", "Nilai", kind=OUTCOME, baseline="60")]
    assert run_rendered(performance.baseline_missing, data(renstra(sasaran))) == []


def test_a_renja_is_not_asked_for_a_baseline() -> None:
    """The Renja table (Permendagri 86/2017) has no kondisi awal column: the baseline is the Renstra's. The real
    Renja 2024 of Bappelitbang PPU has none, and each of its 66 indicators was flagged."""
    unmeasured = indicator("Jumlah Dokumen Perencanaan Perangkat Daerah", baseline=None, targets={YEAR: "14"})
    assert run_rendered(performance.baseline_missing, data(renja_with(unmeasured))) == []
    program = coded("5.01.02", "Program Perencanaan", indicators=[unmeasured])
    [finding] = run_rendered(performance.baseline_missing, data(renstra(program)))
    assert finding.location.document == RENSTRA_KEY


def test_rpjmd_sasaran_are_subjects_but_national_documents_are_not() -> None:
    sasaran = strategic("M1.T1.S1", ItemLevel.SASARAN, "Sasaran", indicators=[indicator(baseline=None)])
    regional = plan(DocumentKind.RPJMD, [sasaran])
    national = plan(DocumentKind.RPJMN, [sasaran], pemda="00")
    findings = run_rendered(performance.baseline_missing, data(regional, national))
    assert [finding.location.document for finding in findings] == [regional.document.key]


def test_each_missing_target_year_is_one_finding() -> None:
    targets = {2025: "2", 2026: "3", 2028: "5"}
    every_year = {year: "100" for year in range(2025, 2030)}
    measure = indicator("Jumlah dokumen", targets=targets)
    program = coded("5.01.02", "Program", indicators=[measure], pagu=every_year)
    findings = run_rendered(performance.target_year_missing, data(renstra(program)))
    assert [(f.code, f.location.indicator, f.location.year) for f in findings] == [
        ("SEL505", "Jumlah dokumen", 2027),
        ("SEL505", "Jumlah dokumen", 2029),
    ]
    assert findings[0].evidence["period"] == "2025-2029"


def test_a_one_off_sub_kegiatan_needs_targets_only_in_the_years_it_is_carried_out() -> None:
    built = indicator("Jumlah gedung puskesmas yang dibangun", "Unit", targets={2026: "1", 2027: "1"})
    one_off = coded("1.02.02.2.01.0001", "Pembangunan Puskesmas", indicators=[built], pagu={2026: "9", 2027: "9"})
    assert run_rendered(performance.target_year_missing, data(renstra(one_off))) == []
    # A year with pagu but no target is a gap; so is any year of a cumulative indicator.
    one_off.budgets.append(Budget(2028, Decimal(9)))
    total = indicator("Jumlah puskesmas yang dibangun (kumulatif)", "Unit", targets={2026: "1", 2027: "2"})
    one_off.indicators.append(total)
    findings = run_rendered(performance.target_year_missing, data(renstra(one_off)))
    assert [(f.location.indicator[:10], f.location.year) for f in findings] == [
        ("Jumlah ged", 2028),
        ("Jumlah pus", 2025),
        ("Jumlah pus", 2028),
        ("Jumlah pus", 2029),
    ]


def test_a_kegiatan_indicator_of_one_sub_kegiatan_follows_that_sub_kegiatan_s_years() -> None:
    """Renstra Situbondo: kegiatan 5.05.02.2.02 repeats each sub kegiatan's output; the research on tourism
    is done in 2027 only, while the kegiatan has pagu in 2026 for another study. No gap in 2026."""
    tourism = indicator("Jumlah Dokumen Hasil Penelitian Pariwisata", targets={2027: "1"})
    other = indicator("Jumlah Dokumen Hasil Penelitian Aspek Sosial", targets={2026: "1", 2027: "2"})
    kegiatan = coded(
        "5.05.02.2.02", "Penelitian Bidang Sosial", indicators=[tourism, other], pagu={2026: "100", 2027: "410"}
    )
    studies = coded("5.05.02.2.02.0001", "Aspek Sosial", indicators=[replace(other)], pagu={2026: "100", 2027: "210"})
    research = coded("5.05.02.2.02.0005", "Pariwisata", indicators=[replace(tourism)], pagu={2026: "0", 2027: "200"})
    assert run_rendered(performance.target_year_missing, data(renstra(kegiatan, studies, research))) == []
    # The same indicator with no sub kegiatan carrying it is the kegiatan's own and needs its 2026 target.
    [finding] = run_rendered(performance.target_year_missing, data(renstra(kegiatan, studies)))
    assert (finding.location.item, finding.location.indicator, finding.location.year) == (
        "5.05.02.2.02",
        tourism.name,
        2026,
    )


def test_a_one_year_renja_needs_only_its_own_year() -> None:
    complete = renja_with(indicator("Jumlah dokumen", targets={YEAR: "3"}))
    assert run_rendered(performance.target_year_missing, data(complete)) == []
    [finding] = run_rendered(performance.target_year_missing, data(renja_with(indicator(targets={2025: "3"}))))
    assert (finding.location.document, finding.location.year) == (RENJA_KEY, YEAR)


def test_target_turning_against_direction_reports_the_turn() -> None:
    poverty = indicator(
        "Persentase penduduk miskin",
        "%",
        kind=OUTCOME,
        baseline="5.2",
        direction=Direction.TURUN,
        targets={2025: "5.0", 2026: "4.8", 2027: "5.1", 2028: "4.6", 2029: "4.4"},
    )
    program = coded("5.01.02", "Program", indicators=[poverty])
    [finding] = run_rendered(performance.target_wrong_direction, data(renstra(program)))
    assert finding.code == "SEL506"
    assert (finding.location.indicator, finding.location.year) == ("Persentase penduduk miskin", None)
    assert finding.evidence == {
        "indicator": "Persentase penduduk miskin",
        "direction": "turun",
        "from_year": 2026,
        "from_value": Decimal("4.8"),
        "year": 2027,
        "value": Decimal("5.1"),
    }


def test_target_below_baseline_for_a_rising_indicator_turns_in_the_first_year() -> None:
    falling = indicator("Indeks kepuasan masyarakat", "Indeks", kind=OUTCOME, baseline="10", targets={YEAR: "8"})
    [finding] = run_rendered(performance.target_wrong_direction, data(renja_with(falling)))
    assert (finding.evidence["from_year"], finding.evidence["year"]) == (YEAR - 1, YEAR)


def test_targets_moving_the_intended_way_are_not_flagged() -> None:
    rising = indicator(baseline="1")  # 2, 3, 4, 5, 6
    steady = indicator(direction=Direction.TETAP, baseline="90", targets=dict.fromkeys(range(2025, 2030), "100"))
    flat_rising = indicator(baseline="100", targets=dict.fromkeys(range(2025, 2030), "100"))
    program = coded("5.01.02", "Program", indicators=[rising, steady, flat_rising])
    assert run_rendered(performance.target_wrong_direction, data(renstra(program))) == []


def test_a_yearly_output_count_may_go_down() -> None:
    """A sub kegiatan's output is counted afresh each year (Renstra Situbondo: 50 people trained in 2026, 40
    in 2027); fewer products in a later year is a plan, not a worse result. A cumulative count may not fall."""
    trained = indicator(
        "Jumlah Orang yang Mengikuti Sosialisasi", "Orang", baseline="75", targets={2026: "50", 2027: "40"}
    )
    built = indicator("Jumlah sekolah dibangun (kumulatif)", "Unit", baseline="4", targets={2026: "6", 2027: "5"})
    sub = coded("5.01.01.2.05.0010", "Sosialisasi Peraturan Perundang-Undangan", indicators=[trained, built])
    [finding] = run_rendered(performance.target_wrong_direction, data(renstra(sub)))
    assert finding.location.indicator == "Jumlah sekolah dibangun (kumulatif)"


def test_a_tetap_indicator_that_changes_is_flagged() -> None:
    changing = indicator("Opini BPK", "Opini", direction=Direction.TETAP, targets={2025: "1", 2026: "1", 2027: "2"})
    [finding] = run_rendered(
        performance.target_wrong_direction, data(renstra(coded("5.01.02", "P", indicators=[changing])))
    )
    assert (finding.evidence["from_year"], finding.evidence["year"]) == (2026, 2027)


def test_state_phrased_indicator_without_quantity_is_unmeasurable() -> None:
    vague = indicator("Terlaksananya koordinasi perencanaan pembangunan", "Kegiatan")
    measured = indicator("Persentase terlaksananya koordinasi", "%")
    counted = indicator("Meningkatnya jumlah dokumen", "Dokumen")
    sub = coded("5.01.02.2.01.0001", "Koordinasi", indicators=[vague, measured, counted])
    [finding] = run_rendered(performance.unmeasurable_indicator, data(renstra(sub)))
    assert finding.code == "SEL507"
    assert finding.location == Location(
        "62", RENSTRA_KEY, "5.01.02.2.01.0001", "5.01.01", "5.01.02.2.01.0001", vague.name
    )


def test_unmeasurable_phrasing_is_recognised() -> None:
    assert performance.is_unmeasurable("Optimalnya pelayanan administrasi")
    assert performance.is_unmeasurable("Tersedianya dokumen RKPD tepat waktu")
    assert not performance.is_unmeasurable("Tingkat kemiskinan")
    assert not performance.is_unmeasurable("Tersedianya 95% dokumen")
    assert not performance.is_unmeasurable("Banyaknya penduduk miskin")
    assert not performance.is_unmeasurable("Meningkatnya rata-rata lama sekolah")
    assert performance.is_unmeasurable("Terselenggaranya musrenbang tingkat kecamatan")


def test_indicator_restating_its_sub_kegiatan_is_flagged() -> None:
    restated = indicator("Koordinasi penyusunan dokumen RKPD", "Dokumen")
    sub = coded("5.01.02.2.01.0002", "Koordinasi Penyusunan Dokumen RKPD", indicators=[restated])
    [finding] = run_rendered(performance.indicator_restates_activity, data(renstra(sub)))
    assert finding.code == "SEL508"
    assert (finding.location.item, finding.location.indicator) == ("5.01.02.2.01.0002", restated.name)
    assert finding.evidence["similarity"] == 1.0


def test_measured_or_different_indicator_does_not_restate_the_activity() -> None:
    counted = indicator("Jumlah dokumen RKPD yang disusun", "Dokumen")
    other = indicator("Dokumen RKPD ditetapkan tepat waktu", "Dokumen")
    sub = coded("5.01.02.2.01.0002", "Koordinasi Penyusunan Dokumen RKPD", indicators=[counted, other])
    assert run_rendered(performance.indicator_restates_activity, data(renstra(sub))) == []


def _copied(name: str, satuan: str, value: str, **measure: object) -> object:
    every_year = dict.fromkeys(range(2025, 2030), value)
    return indicator(name, satuan, kind=OUTCOME, targets=every_year, **measure)  # type: ignore[arg-type]


def test_an_outcome_target_copied_into_every_year_is_flagged() -> None:
    water = _copied("Persentase rumah tangga dengan akses air minum layak", "%", "85", baseline="78.5")
    poverty = _copied("Persentase penduduk miskin", "%", "6.1", baseline=None, direction=Direction.TURUN)
    sasaran = strategic("T1.S1", ItemLevel.SASARAN, "Meningkatnya akses air minum", indicators=[water, poverty])
    findings = run_rendered(performance.target_copied_across_years, data(renstra(sasaran)))
    assert [(f.code, f.location.item, f.location.indicator) for f in findings] == [
        ("SEL509", "T1.S1", "Persentase rumah tangga dengan akses air minum layak"),
        ("SEL509", "T1.S1", "Persentase penduduk miskin"),
    ]
    assert findings[0].evidence["value"] == Decimal(85)
    assert (findings[0].evidence["years"], findings[1].evidence["baseline"]) == ("2025-2029", "-")


def test_a_moving_or_constant_by_nature_target_is_not_a_copy() -> None:
    kept = [
        _copied("Cakupan pelayanan kesehatan dasar sesuai SPM", "%", "100", baseline="100"),  # at its ceiling
        _copied("Persentase keselarasan RPJMD dengan Renstra PD", "Persentase", "100"),  # a share written out
        _copied("Tersedianya dokumen RPJMD", "Ya/Tidak", "1"),  # yes/no
        _copied("Opini BPK atas laporan keuangan", "Opini", "4"),  # categorical
        _copied("Jumlah kematian ibu", "Kasus", "0", direction=Direction.TURUN),  # at its floor
        _copied("Indeks kepuasan masyarakat", "Indeks", "82", direction=Direction.TETAP),  # meant to hold
        indicator("Jumlah laporan keuangan", "Laporan", targets=dict.fromkeys(range(2025, 2030), "12")),  # output
        indicator("Persentase usulan terakomodasi", "%", kind=OUTCOME, baseline="60"),  # rising
        indicator("Persentase desa mandiri", "%", kind=OUTCOME, targets={2025: "40", 2026: "40"}),  # too short
    ]
    program = coded("5.01.02", "Program", indicators=kept)
    assert run_rendered(performance.target_copied_across_years, data(renstra(program))) == []


def test_a_one_year_renja_target_is_never_a_copy() -> None:
    single = renja_with(indicator("Persentase usulan terakomodasi", "%", kind=OUTCOME, targets={YEAR: "70"}))
    assert run_rendered(performance.target_copied_across_years, data(single)) == []
