"""Page 1 of the report: what the Rakor must decide, by impact (money and priority weight, not severity alone),
with the PD responsible and the deadline (the follow-up's, else the proposed one); then the scores' spread."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from report_world import AGENCY, Small

from selaras.checks.builtin import builtin_registry
from selaras.checks.findings import Finding, Location
from selaras.checks.run import CheckReport
from selaras.report.model import RakorReport, Table, build_report
from selaras.report.render import write_report
from selaras.store.followup import FollowUp
from selaras.store.responses import FindingResponse, ResponseState, finding_key

RPJMD = "62/RPJMD/-/2025-2029/final"
RENJA = f"62/RENJA/{AGENCY}/2026/final"
PRIORITY = Finding("SEL104", Location("62", RPJMD, "P1"), {"key": "P1", "name": "Pengembangan kawasan sentra pangan"})


def _slip(pd: str, year: int, selisih: str) -> Finding:
    evidence = {"year": year, "code": "1.02.02", "renja": "1", "renstra": "1", "selisih": Decimal(selisih)}
    return Finding("SEL205", Location("62", RENJA.replace(AGENCY, pd), "1.02.02", pd, "1.02.02", year=year), evidence)


NOW = _slip(AGENCY, 2026, "3000000000")  # a galat this year: Rp 3 M
LATER = _slip("1.03.01", 2029, "5000000000")  # a bigger galat, but in 2029: Rp 5 M / 4
SMALL = Finding("SEL303", Location("62", RENJA, "1.02.03", AGENCY, "1.02.03"), {"pagu": Decimal("500000000")})


def _report(small: Small, **options: object) -> RakorReport:
    registry = builtin_registry()
    checks = CheckReport(list(registry), [SMALL, LATER, PRIORITY, NOW])
    return build_report(
        small.data,
        checks,
        small.cards,
        registry,
        pemda="62",
        year=2026,
        generated="2026-03-01",
        **options,  # type: ignore[arg-type]
    )


def _decisions(report: RakorReport) -> Table:
    [table] = [block for block in report.front.blocks if isinstance(block, Table) and block.sheet]
    return table


def test_decisions_are_ordered_by_money_and_priority_not_severity(small: Small) -> None:
    rows = _decisions(_report(small)).rows
    # Rp 3 M galat (3.0) > unfunded governor priority (its share Rp 2 M × 0,6 × 2 = 2.4) > the 2029 slip
    # (Rp 5 M / 4 = 1.25) > a Rp 500 jt warning (0.3)
    assert [str(row[1])[:6] for row in rows] == ["SEL205", "SEL104", "SEL205", "SEL303"]
    assert [row[3] for row in rows] == [
        Decimal("3000000000"),
        Decimal("2000000000"),
        Decimal("5000000000"),
        Decimal("500000000"),
    ]


def test_each_decision_names_the_pd_responsible_and_the_deadline(small: Small) -> None:
    followup = FollowUp(finding_key(NOW), "SEL205", AGENCY, "dinkes", date(2026, 3, 15), "admin", datetime(2026, 3, 1))
    rows = _decisions(_report(small, followups={followup.finding_key: followup}, deadline=date(2026, 3, 31))).rows
    assert [(row[2], row[4]) for row in rows] == [
        ("Dinas Kesehatan Provinsi dengan Nama yang Sangat Panjang untuk Diuji", "15 Maret 2026 · dinkes"),
        ("Bappeda (pemilik RPJMD/RKPD)", "31 Maret 2026 (usulan)"),  # the RPJMD is the planning agency's
        ("1.03.01", "31 Maret 2026 (usulan)"),
        ("Dinas Kesehatan Provinsi dengan Nama yang Sangat Panjang untuk Diuji", "31 Maret 2026 (usulan)"),
    ]


def test_a_settled_finding_is_no_decision(small: Small) -> None:
    done = FindingResponse(
        finding_key(NOW), "SEL205", AGENCY, ResponseState.SELESAI, "", "verif", datetime(2026, 3, 2), 2
    )
    rows = _decisions(_report(small, responses={done.finding_key: done})).rows
    assert [str(row[1])[:6] for row in rows] == ["SEL104", "SEL205", "SEL303"]


def test_page_one_comes_before_the_cover_and_has_the_scores_spread(small: Small, tmp_path: Path) -> None:
    report = _report(small)
    assert report.front.title == "Yang perlu diputuskan Rakor"
    spread = report.front.blocks[-1]
    assert isinstance(spread, Table) and [row[0] for row in spread.rows] == [
        "Keselarasan",
        "Konsistensi",
        "Orientasi kinerja",
        "Sinkronisasi IKU",
    ]
    html = write_report(report, tmp_path, formats=("html",))["html"].read_text(encoding="utf-8")
    assert html.index("Yang perlu diputuskan Rakor") < html.index('class="cover"') < html.index("Ringkasan eksekutif")
    assert "--scope" not in html
