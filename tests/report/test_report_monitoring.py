"""Section 8 of the Rakor report, Capaian dan serapan: serapan per PD and triwulan, effectiveness per priority,
the capaian map and the lagging list with its PIC — on a tiny province worked out by hand (monitoring_world),
on a pemda without realisasi, and on the sample province with its seeded monitoring problems."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from monitoring_world import AGENCY, SUB_A, SUB_B, monitoring_world
from openpyxl import load_workbook

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.monitoring import MonitoringData
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.domain import Budget, DocumentKind, Plan
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import PUSAT
from selaras.report.charts import BarChart, Category, HeatMap, render_chart
from selaras.report.model import Paragraph, RakorReport, Scope, Section, Table, build_report
from selaras.report.render import write_report
from selaras.sample import SampleData
from selaras.scores import compute_scorecards
from selaras.store.followup import FollowUp
from selaras.store.responses import finding_key

YEAR = 2026


def _checked(data: PlanningData) -> tuple[CheckReport, list]:  # type: ignore[type-arg]
    registry = builtin_registry()
    checks = run_checks(data, CheckContext(YEAR, bundled_nomenclature()), registry)
    return checks, compute_scorecards(data, checks, registry, year=YEAR, thresholds=Thresholds())


def _report(data: PlanningData, pemda: str = "62", **options: object) -> tuple[RakorReport, CheckReport]:
    checks, cards = _checked(data)
    report = build_report(
        data,
        checks,
        cards,
        builtin_registry(),
        pemda=pemda,
        year=YEAR,
        generated="2026-10-05",
        **options,  # type: ignore[arg-type]
    )
    return report, checks


def _section(report: RakorReport) -> Section:
    [found] = [section for section in report.sections if section.key == "capaian"]
    return found


def _table(section: Section, sheet_start: str) -> Table:
    [found] = [b for b in section.blocks if isinstance(b, Table) and (b.sheet or "").startswith(sheet_start)]
    return found


def test_section_numbers_follow_efficiency() -> None:
    report, _ = _report(monitoring_world())
    assert [(section.number, section.key) for section in report.sections][6:] == [
        (7, "efisiensi"),
        (8, "capaian"),
        (9, "kartu"),
        (10, "metodologi"),
    ]
    assert _section(report).title == "Capaian dan serapan"


def test_effectiveness_table_carries_the_worked_figures() -> None:
    section = _section(_report(monitoring_world())[0])
    rows = {row[0]: row for row in _table(section, "8b").rows}
    _, _, items, pagu, realised, serapan, capaian, band, effective, share = rows["P1"]
    assert (items, pagu, realised) == (3, 600_000_000, 410_000_000)
    assert (serapan, capaian, band, effective, share) == (68.33, 78.33, "tinggi", 350_000_000, 85.37)
    assert rows["AC4"][6] == 78.57 and rows["AC4"][9] == 86.96
    assert rows["AC1"][2:] == (0, None, None, None, None, "", None, None)  # nothing reporting reaches it


def test_serapan_per_pd_and_triwulan_with_the_plan_curve() -> None:
    section = _section(_report(monitoring_world())[0])
    table = _table(section, "8 ")
    assert [row[0] for row in table.rows] == ["Dinas Kesehatan"]
    # TW I and II nothing, TW III 500 of 750 jt (D, overhead, counts for serapan but for no priority)
    assert table.rows[0][1:] == (4, 750_000_000, "Renja", 500_000_000, 0.0, 0.0, 66.67, 75.0, "sedang")
    [chart] = [block for block in section.blocks if isinstance(block, BarChart)]
    assert chart.series == ("TW I", "TW II", "TW III")
    assert chart.references == (("Rencana TW I 20%", 20.0), ("Rencana TW II 45%", 45.0), ("Rencana TW III 75%", 75.0))


def test_serapan_is_measured_against_the_apbd_when_the_pd_has_one() -> None:
    """The APBD of the PD gives A Rp 500 jt instead of the Renja's 400 jt and leaves the other three as planned:
    TW III 500 of 850 jt. The budgeting rules' findings sit in the APBD, which the report names."""
    data = monitoring_world()
    [renja] = [own for own in data.plans if own.document.kind is DocumentKind.RENJA]
    items = [
        replace(item, budgets=[Budget(YEAR, Decimal(500_000_000))]) if item.key == SUB_A else item
        for item in renja.items
    ]
    apbd = Plan(replace(renja.document, kind=DocumentKind.APBD, version="murni"), items)
    report, checks = _report(replace(data, plans=[*data.plans, apbd]))
    section = _section(report)
    row = _table(section, "8 ").rows[0]
    assert row[1:5] == (4, 850_000_000, "APBD", 500_000_000) and row[7] == 58.82
    [intro] = [block.text for block in section.blocks if isinstance(block, Paragraph)][:1]
    assert "dari pagu APBD Rp 850" in intro
    assert any(finding.location.document == apbd.document.key for finding in checks.findings)


def test_capaian_map_of_a_province_is_priority_by_pemda() -> None:
    section = _section(_report(monitoring_world())[0])
    [chart] = [block for block in section.blocks if isinstance(block, HeatMap)]
    assert chart.columns == ("Kalimantan Tengah",)  # the kota reported nothing: no column
    assert chart.rows[:3] == ("P1 Peningkatan layanan kesehatan", "P2 Penurunan stunting", "AC1 " + chart.rows[2][4:])
    assert [row[0] for row in chart.labels[:2]] == ["78", "80"]
    assert chart.labels[5][0] == "79"  # AC4, 78,57 %
    assert chart.labels[2][0] == "–" and chart.categories[chart.cells[2][0]].label == "tidak ada data"
    assert chart.categories[chart.cells[0][0]].label == "tinggi 76-90%"
    values = _table(section, "8c")
    assert values.rows[0] == ("P1 Peningkatan layanan kesehatan", 78.33) and not values.in_document


def test_capaian_map_of_a_single_pemda_is_pd_by_priority() -> None:
    section = _section(_report(monitoring_world(kota=False))[0])
    [chart] = [block for block in section.blocks if isinstance(block, HeatMap)]
    assert chart.rows == ("Dinas Kesehatan",)
    assert chart.columns == ("P1", "P2", *(f"AC{n}" for n in range(1, 9)))
    assert chart.labels[0][:2] == ("78", "80")


def test_lagging_list_names_the_assignee_else_the_pd() -> None:
    data = monitoring_world()
    report, checks = _report(data)
    lagging = _table(_section(report), "8d")
    [row] = [row for row in lagging.rows if row[1] == SUB_B]
    assert str(row[2]).startswith("SEL902 · ")
    assert row[3] == "Dinas Kesehatan"
    [finding] = [f for f in checks.findings if f.code == "SEL902" and f.location.item == SUB_B]
    key = finding_key(finding)
    assigned = FollowUp(key, "SEL902", AGENCY, "siti", date(2026, 10, 31), "bappeda", datetime(2026, 10, 1))
    checks_, cards = _checked(data)
    report = build_report(data, checks_, cards, builtin_registry(), pemda="62", year=YEAR, followups={key: assigned})
    [row] = [row for row in _table(_section(report), "8d").rows if row[1] == SUB_B]
    assert row[3:] == ("siti (Dinas Kesehatan)", "31 Oktober 2026")


def test_without_realisasi_the_section_says_so_in_one_line() -> None:
    for data in (monitoring_world(realisasi=False), PlanningData(*_plain(monitoring_world()))):
        section = _section(_report(data)[0])
        assert len(section.blocks) == 1
        assert isinstance(section.blocks[0], Paragraph) and "Belum ada realisasi" in section.blocks[0].text


def _plain(data: MonitoringData) -> tuple[object, ...]:
    return (data.pemda, data.perangkat_daerah, data.plans)


def test_english_report_translates_the_section() -> None:
    section = _section(_report(monitoring_world(), lang="en")[0])
    assert section.title == "Achievement and absorption"
    assert _table(section, "8b").rows[0][7] == "high"
    assert isinstance(section.blocks[0], Paragraph) and section.blocks[0].text.startswith("Realisation up to TW III")


@pytest.mark.slow
def test_sample_province_shows_its_lagging_items(tmp_path: Path, defective_sample: SampleData) -> None:
    sample = defective_sample
    data = MonitoringData(
        [PUSAT, *sample.pemda],
        sample.perangkat_daerah,
        [*national_frameworks(), *sample.plans],
        realisasi=sample.realisasi,
    )
    report, checks = _report(data, scope=Scope.SEMUA)
    section = _section(report)
    lagging = _table(section, "8d")
    seeded = {(f.location.pemda, f.location.code, f.code) for f in checks.findings if f.code.startswith("SEL9")}
    names = {pemda.nama: pemda.kode for pemda in sample.pemda}
    listed = {(names[str(row[1])], row[2], str(row[3])[:6]) for row in lagging.rows}
    assert listed == seeded and len(seeded) > 40
    assert {code for _, _, code in seeded} == {f"SEL90{n}" for n in range(1, 7)}
    [chart] = [block for block in section.blocks if isinstance(block, HeatMap)]
    assert len(chart.columns) == 15  # the province and its 14 kab/kota all reported
    asta_cita = [row for label, row in zip(chart.rows, chart.labels, strict=True) if label.startswith("AC2 ")]
    assert sum(1 for value in asta_cita[0] if value != "–") >= 12
    # the section's own sheets: the Excel of the whole report (test_report_sample.py) takes 10 s more here
    written = write_report(replace(report, sections=[section]), tmp_path, formats=("xlsx",))
    sheets = load_workbook(written["xlsx"], read_only=True).sheetnames
    assert {"8 Serapan per PD", "8b Efektivitas prioritas", "8c Peta capaian", "8d Daftar tertinggal"} <= set(sheets)


def test_bar_chart_draws_the_plan_curve_as_labelled_dashed_lines() -> None:
    chart = BarChart(
        "Serapan",
        ("Dinkes",),
        ("TW I", "TW II"),
        ((10.0, 40.0),),
        (("10%", "40%"),),
        100,
        (("Rencana TW I 20%", 20.0),),
    )
    svg = render_chart(chart)
    assert svg.count("stroke-dasharray") == 1 and ">Rencana TW I 20%</text>" in svg
    assert "stroke-dasharray" not in render_chart(BarChart("Serapan", ("Dinkes",), ("TW I",), ((10.0,),), (("10%",),)))


def test_heat_map_prints_values_and_makes_room_for_its_column_labels() -> None:
    category = Category("tinggi", "#56b04a", "")
    chart = HeatMap(
        "Peta", ("AC1",), tuple(f"Kabupaten Nomor {n}" for n in range(15)), ((0,) * 15,), (category,), (("88",) * 15,)
    )
    svg = render_chart(chart)
    assert svg.count(">88</text>") == 15
    width = float(svg.split('width="')[1].split('"')[0])
    assert width > 250 + 15 * 30 + len("Kabupaten Nomor 14") * 9 * 0.64 / 2  # the last leaning label fits
