"""The tindak lanjut of each finding in the report's finding tables: in the document one cell (state, PIC and
deadline, the response with who answered and when), in Excel one column each, so planners filter by state,
PIC or deadline. The follow-up itself is read once, for the whole report, by
:func:`selaras.store.rakor.load_rakor_context` (``selaras report`` and the web download alike)."""

from __future__ import annotations

from dataclasses import replace

from selaras.report.format import day
from selaras.report.inputs import RenderedFinding, ReportInput
from selaras.report.model import Cell, Column, Table
from selaras.store.responses import ResponseState

__all__ = ["cells", "columns", "document_table", "sheet_table", "summary", "with_followup"]

SETTLED = frozenset({ResponseState.SELESAI, ResponseState.PENGECUALIAN})


def _deadline(source: ReportInput, finding: RenderedFinding, *, iso: bool) -> str:
    """The PIC's deadline, else the one proposed for unassigned open findings (marked so); none once settled."""
    followup = source.followup(finding)
    if followup is not None:
        return followup.deadline.isoformat() if iso else day(followup.deadline, source.lang)
    if source.deadline is None or source.followup_state(finding) in SETTLED:
        return ""
    shown = source.deadline.isoformat() if iso else day(source.deadline, source.lang)
    return f"{shown} ({source.tr('proposed')})"


def summary(source: ReportInput, finding: RenderedFinding) -> str:
    """``selesai · PIC dinkes, tenggat 15 Maret 2026 · "Pagu disesuaikan" (verif, 2 Maret 2026)``."""
    tr, followup, response = source.tr, source.followup(finding), source.response(finding)
    parts = [tr(f"fu-{source.followup_state(finding).value}")]
    deadline = _deadline(source, finding, iso=False)
    if followup is not None:
        parts.append(tr("fu-pic", pic=followup.assignee, deadline=deadline))
    elif deadline:
        parts.append(tr("fu-unassigned", deadline=deadline))
    if response is not None:
        when = day(response.updated_at.date(), source.lang)
        key = "fu-response" if response.comment else "fu-response-bare"
        parts.append(tr(key, comment=response.comment, who=response.updated_by, day=when))
    return " · ".join(parts)


def columns(source: ReportInput) -> tuple[Column, ...]:
    tr = source.tr
    return (
        Column(tr("col-fu-state"), width=14),
        Column(tr("col-fu-pic"), width=16),
        Column(tr("col-fu-deadline"), width=20),
        Column(tr("col-fu-response"), width=50),
        Column(tr("col-fu-by"), width=16),
        Column(tr("col-fu-at"), width=12),
    )


def cells(source: ReportInput, finding: RenderedFinding) -> tuple[Cell, ...]:
    """State, PIC, deadline (ISO, sortable), response, who answered, when (ISO)."""
    followup, response = source.followup(finding), source.response(finding)
    return (
        source.tr(f"fu-{source.followup_state(finding).value}"),
        followup.assignee if followup else "",
        _deadline(source, finding, iso=True),
        response.comment if response else "",
        response.updated_by if response else "",
        response.updated_at.date().isoformat() if response else "",
    )


def with_followup(source: ReportInput, table: Table, findings: list[RenderedFinding]) -> list[Table]:
    """``table`` (one row per finding of ``findings``, in order) with each finding's tindak lanjut: the document's
    table gets one column more, :func:`summary`; when the table has an Excel sheet, the sheet is a twin with
    one column per field (:func:`cells`) instead."""
    shown = document_table(source, table, findings)
    return [shown] if table.sheet is None else [shown, sheet_table(source, table, findings)]


def document_table(source: ReportInput, table: Table, findings: list[RenderedFinding]) -> Table:
    """The document's twin of ``table``: its rows with one cell more, the tindak lanjut in words (:func:`summary`)."""
    assert len(table.rows) == len(findings), "one row per finding"
    return replace(
        table,
        columns=(*table.columns, Column(source.tr("col-followup"), width=34)),
        rows=[(*row, summary(source, finding)) for row, finding in zip(table.rows, findings, strict=True)],
        sheet=None,
    )


def sheet_table(source: ReportInput, table: Table, findings: list[RenderedFinding]) -> Table:
    """The Excel sheet's twin of ``table``: its rows with the tindak lanjut one field a column (:func:`cells`)."""
    assert len(table.rows) == len(findings), "one row per finding"
    return replace(
        table,
        columns=(*table.columns, *columns(source)),
        rows=[(*row, *cells(source, finding)) for row, finding in zip(table.rows, findings, strict=True)],
        in_document=False,
    )
