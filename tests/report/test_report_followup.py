"""Every finding table of the report carries the finding's tindak lanjut: in the document one cell (state, PIC,
deadline, the response with who and when), in Excel one column each; an unassigned open finding shows the
proposed deadline."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from report_world import AGENCY, Small

from selaras.checks.builtin import builtin_registry
from selaras.checks.findings import Finding, Location
from selaras.checks.run import CheckReport
from selaras.report.model import RakorReport, Table, build_report
from selaras.report.render import write_report
from selaras.store.followup import FollowUp
from selaras.store.responses import FindingResponse, ResponseState, finding_key

RENJA = f"62/RENJA/{AGENCY}/2026/final"
CLOSED = Finding("SEL303", Location("62", RENJA, "1.02.03", AGENCY, "1.02.03"), {"pagu": Decimal("500000000")})
OPEN = Finding("SEL303", Location("62", RENJA, "1.02.04", AGENCY, "1.02.04"), {"pagu": Decimal("700000000")})
FOLLOWUP = FollowUp(finding_key(CLOSED), "SEL303", AGENCY, "dinkes", date(2026, 3, 15), "admin", datetime(2026, 3, 1))
RESPONSE = FindingResponse(
    finding_key(CLOSED), "SEL303", AGENCY, ResponseState.SELESAI, "Target sudah diisi", "verif", datetime(2026, 3, 2), 2
)


def _report(small: Small) -> RakorReport:
    registry = builtin_registry()
    return build_report(
        small.data,
        CheckReport(list(registry), [CLOSED, OPEN]),
        small.cards,
        registry,
        pemda="62",
        year=2026,
        generated="2026-03-01",
        followups={FOLLOWUP.finding_key: FOLLOWUP},
        responses={RESPONSE.finding_key: RESPONSE},
        deadline=date(2026, 3, 31),
    )


def _tables(report: RakorReport, title: str) -> list[Table]:
    return [table for _, table in report.tables() if table.title == title]


def test_the_document_table_says_state_pic_deadline_and_response(small: Small) -> None:
    [shown, sheet] = _tables(_report(small), "Temuan konsistensi per perangkat daerah")
    assert shown.columns[-1].title == "Tindak lanjut" and shown.in_document and shown.sheet is None
    by_item = {str(row[3]): row[-1] for row in shown.rows}
    assert by_item == {
        "Renja 2026 · 1.02.03": (
            "selesai · PIC dinkes, tenggat 15 Maret 2026 · “Target sudah diisi” (verif, 2 Maret 2026)"
        ),
        "Renja 2026 · 1.02.04": "terbuka · belum ditugaskan, tenggat 31 Maret 2026 (usulan)",
    }
    assert not sheet.in_document and sheet.sheet  # the Excel sheet, one column per field
    assert [column.title for column in sheet.columns[-6:]] == [
        "Keadaan",
        "PIC",
        "Tenggat",
        "Tanggapan",
        "Oleh",
        "Tanggal",
    ]
    assert {str(row[3]): row[-6:] for row in sheet.rows} == {
        "Renja 2026 · 1.02.03": ("selesai", "dinkes", "2026-03-15", "Target sudah diisi", "verif", "2026-03-02"),
        "Renja 2026 · 1.02.04": ("terbuka", "", "2026-03-31 (usulan)", "", "", ""),
    }


def test_the_pd_card_and_the_top_findings_carry_the_follow_up_too(small: Small) -> None:
    report = _report(small)
    [card] = _tables(report, "Temuan")
    assert {row[-1] for row in card.rows} >= {"terbuka · belum ditugaskan, tenggat 31 Maret 2026 (usulan)"}
    [top, top_sheet] = _tables(report, "Lima temuan terpenting")
    assert any(str(cell).startswith("selesai · PIC dinkes") for row in top.rows for cell in row)
    assert top_sheet.columns[-6].title == "Keadaan"


def test_html_and_excel_show_the_closed_finding(small: Small, tmp_path: Path) -> None:
    written = write_report(_report(small), tmp_path, formats=("html", "xlsx"))
    html = written["html"].read_text(encoding="utf-8")
    assert "selesai · PIC dinkes, tenggat 15 Maret 2026" in html
    workbook = load_workbook(written["xlsx"])
    found = [
        [cell.value for cell in row]
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        if any(cell.value == "Target sudah diisi" for cell in row)
    ]
    assert found and all("selesai" in row and "dinkes" in row and "2026-03-15" in row for row in found)
