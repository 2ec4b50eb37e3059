"""Section 1, Ringkasan eksekutif: headline scores per pemda, the five most important findings, what changed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from selaras.domain.calendar import format_day
from selaras.numbers import format_number
from selaras.report.charts import BarChart
from selaras.report.followup import with_followup
from selaras.report.format import score
from selaras.report.history import Snapshot
from selaras.report.inputs import HEADLINE, SEVERITIES, RenderedFinding, ReportInput
from selaras.report.model import Block, Column, ColumnKind, Paragraph, Section, Table

__all__ = ["importance", "section", "top_findings", "unavailable"]

SCORE_KEYS = (*HEADLINE, "sinkronisasi_iku")


def importance(finding: RenderedFinding, pemda: str) -> tuple[int, Decimal, int]:
    """Sort key, most important first: severity, then the largest amount at stake (Decimal evidence such as a
    rupiah difference; years and peer counts are ints and do not count), then the pemda's own findings."""
    amounts = [abs(v) for v in finding.finding.evidence.values() if isinstance(v, Decimal)]
    return finding.severity_rank, -max(amounts, default=Decimal(0)), int(finding.finding.location.pemda != pemda)


def top_findings(findings: list[RenderedFinding], pemda: str, count: int = 5) -> list[RenderedFinding]:
    """The ``count`` most important findings, at most one per rule while other rules have findings to show."""
    ranked = sorted(findings, key=lambda finding: importance(finding, pemda))
    chosen: list[RenderedFinding] = []
    for finding in ranked:
        if len(chosen) < count and finding.rule.code not in {f.rule.code for f in chosen}:
            chosen.append(finding)
    chosen += [finding for finding in ranked if finding not in chosen][: count - len(chosen)]
    return sorted(chosen, key=lambda finding: importance(finding, pemda))


def section(source: ReportInput, snapshot: Snapshot, previous: Snapshot | None) -> Section:
    tr = source.tr
    counts = snapshot.severities
    intro = tr(
        "summary-intro",
        pemda=source.pemda_name(source.pemda),
        year=source.year,
        kabkota=len(source.family) - 1,
        findings=format_number(sum(counts.values())),
        galat=format_number(counts.get("galat", 0)),
        peringatan=format_number(counts.get("peringatan", 0)),
        info=format_number(counts.get("info", 0)),
        rules=len(source.checks.rules),
    )
    blocks: list[Block] = [Paragraph(intro), _scores_table(source, snapshot), *unavailable(source)]
    blocks.append(_scores_chart(source, snapshot))
    blocks += _ranking(source, snapshot, previous)
    blocks += [*_top_table(source), *_changes(source, snapshot, previous), *_late(source)]
    return Section("ringkasan", 1, tr("s1"), blocks)


def unavailable(source: ReportInput) -> list[Paragraph]:
    """Under a table of headline scores: why those shown as "–" are not computed (none: nothing)."""
    notes = source.unavailable_notes()
    return [Paragraph(source.tr("unavailable-intro"), notes)] if notes else []


def _late(source: ReportInput) -> list[Block]:
    """The documents the planning calendar says are late: the stage closed and the PD has not reached it."""
    tr = source.tr
    late = [submission for submission in source.submissions if submission.late]
    if not late:
        return []
    columns = (
        Column(tr("col-pd"), width=40),
        Column(tr("col-stage"), width=34),
        Column(tr("col-closed"), width=18),
        Column(tr("col-reached"), width=22),
    )
    table = Table(tr("t-late"), columns, sheet=tr("sheet-1"))
    for submission in late:
        agency = source.data.get_pd(source.pemda, submission.pd) if submission.pd else None
        who = agency.nama if agency else submission.pd or source.pemda_name(source.pemda)
        reached = submission.stage.label(submission.window.kind) if submission.stage else tr("no-document")
        table.rows.append((who, submission.window.title, format_day(submission.window.closes), reached))
    return [Paragraph(tr("late-intro", count=len(late))), table]


def _scores_table(source: ReportInput, snapshot: Snapshot) -> Table:
    tr = source.tr
    columns = (
        Column(tr("col-kode"), width=8),
        Column(tr("col-pemda"), width=32),
        *(Column(tr(f"score-{key}"), ColumnKind.SCORE, 13) for key in SCORE_KEYS),
        Column(tr("sev-galat"), ColumnKind.NUMBER, 9),
        Column(tr("sev-peringatan"), ColumnKind.NUMBER, 11),
    )
    table = Table(tr("t-headline"), columns, sheet=tr("sheet-1"))
    for pemda in source.family:
        values = snapshot.scores.get(pemda.kode, {})
        severity = {s: 0 for s in SEVERITIES}
        for finding in source.findings:
            if finding.finding.location.pemda == pemda.kode:
                severity[finding.rule.severity] += 1
        table.rows.append(
            (
                pemda.kode,
                pemda.nama,
                *(values.get(key) for key in SCORE_KEYS),
                severity[SEVERITIES[0]],
                severity[SEVERITIES[1]],
            )
        )
    return table


def _overall(scores: dict[str, float | None]) -> float | None:
    """The mean of the headline scores a pemda has (what the dashboard ranks PD by); None when it has none."""
    values = [value for key in HEADLINE if (value := scores.get(key)) is not None]
    return round(sum(values) / len(values), 1) if values else None


def _ranks(snapshot: Snapshot, codes: list[str]) -> dict[str, int]:
    """1 for the highest mean headline score; pemda without scores get no rank."""
    overall = {code: _overall(snapshot.scores.get(code, {})) for code in codes}
    scored = sorted((-value, code) for code, value in overall.items() if value is not None)
    return {code: rank for rank, (_, code) in enumerate(scored, start=1)}


def _ranking(source: ReportInput, snapshot: Snapshot, previous: Snapshot | None) -> list[Table]:
    """The kab/kota of a province ranked by the mean of their headline scores, with the change since the last
    report (score and place): who rose and who fell is what a provincial Rakor asks first."""
    tr = source.tr
    kabkota = [pemda for pemda in source.family if pemda.kode != source.pemda]
    if not kabkota:
        return []
    codes = [pemda.kode for pemda in kabkota]
    now = _ranks(snapshot, codes)
    before = _ranks(previous, codes) if previous is not None else {}
    columns = (
        Column(tr("col-rank"), ColumnKind.NUMBER, 9),
        Column(tr("col-kode"), width=8),
        Column(tr("col-pemda"), width=32),
        Column(tr("col-overall"), ColumnKind.SCORE, 14),
        Column(tr("col-overall-change"), ColumnKind.DELTA, 14),
        Column(tr("col-rank-before"), ColumnKind.NUMBER, 14),
    )
    table = Table(tr("t-ranking"), columns, sheet=tr("sheet-1a"))
    names = {pemda.kode: pemda.nama for pemda in kabkota}
    for code in sorted(codes, key=lambda code: (now.get(code, len(codes) + 1), code)):
        overall = _overall(snapshot.scores.get(code, {}))
        earlier = _overall(previous.scores.get(code, {})) if previous is not None else None
        change = round(overall - earlier, 1) if overall is not None and earlier is not None else None
        table.rows.append((now.get(code), code, names[code], overall, change, before.get(code)))
    return [table]


def _scores_chart(source: ReportInput, snapshot: Snapshot) -> BarChart:
    tr = source.tr
    values = [tuple(snapshot.scores.get(p.kode, {}).get(key) for key in HEADLINE) for p in source.family]
    return BarChart(
        tr("c-headline"),
        tuple(p.nama for p in source.family),
        tuple(tr(f"score-{key}") for key in HEADLINE),
        tuple(values),
        tuple(tuple(score(v, source.lang) for v in row) for row in values),
        maximum=100,
    )


def _top_table(source: ReportInput) -> list[Table]:
    tr = source.tr
    columns = (
        Column(tr("col-no"), ColumnKind.NUMBER, 5),
        Column(tr("col-rule"), width=9),
        Column(tr("col-severity"), width=11),
        Column(tr("col-where"), width=36),
        Column(tr("col-message"), width=70),
        Column(tr("col-suggestion"), width=60),
    )
    table = Table(tr("t-top"), columns, sheet=tr("sheet-1b"), empty=tr("no-findings"))
    top = top_findings(source.findings, source.pemda)
    for number, finding in enumerate(top, start=1):
        where = finding.finding.location
        place = source.pemda_name(where.pemda) + (f" — {source.pd_name(where.pemda, where.pd)}" if where.pd else "")
        severity = tr(f"sev-{finding.rule.severity.value}")
        table.rows.append((number, finding.rule.code, severity, place, finding.message, finding.suggestion))
    return with_followup(source, table, top)


def _changes(source: ReportInput, snapshot: Snapshot, previous: Snapshot | None) -> list[Block]:
    tr = source.tr
    if previous is None:
        return [Paragraph(tr("changes-none"))]
    intro = Paragraph(tr("changes-intro", date=previous.generated or "-", year=previous.year))
    columns = (
        Column(tr("col-pemda"), width=32),
        Column(tr("col-score"), width=20),
        Column(tr("col-before"), ColumnKind.SCORE, 12),
        Column(tr("col-now"), ColumnKind.SCORE, 12),
        Column(tr("col-change"), ColumnKind.DELTA, 12),
    )
    table = Table(tr("t-changes"), columns, sheet=tr("sheet-1c"), empty=tr("changes-same"))
    for pemda in source.family:
        before, now = previous.scores.get(pemda.kode, {}), snapshot.scores.get(pemda.kode, {})
        for key in SCORE_KEYS:
            old, new = before.get(key), now.get(key)
            if old != new:
                delta = None if old is None or new is None else round(new - old, 1)
                table.rows.append((pemda.nama, tr(f"score-{key}"), old, new, delta))
    counts = Table(
        tr("t-changes-findings"),
        (
            Column(tr("col-severity"), width=14),
            Column(tr("col-before"), ColumnKind.NUMBER, 12),
            Column(tr("col-now"), ColumnKind.NUMBER, 12),
            Column(tr("col-change"), ColumnKind.NUMBER, 12),
        ),
    )
    for severity in SEVERITIES:
        old_count, new_count = previous.severities.get(severity.value, 0), snapshot.severities.get(severity.value, 0)
        counts.rows.append((tr(f"sev-{severity.value}"), old_count, new_count, new_count - old_count))
    resolved = sorted(code for code, n in previous.rules.items() if n and not snapshot.rules.get(code))
    added = sorted(code for code, n in snapshot.rules.items() if n and not previous.rules.get(code))
    lists: list[str] = []
    if resolved:
        lists.append(tr("changes-resolved", codes=", ".join(resolved)))
    if added:
        lists.append(tr("changes-new", codes=", ".join(added)))
    return [
        intro,
        table,
        counts,
        *([Paragraph(" ".join(lists))] if lists else []),
        *_what_changed(source, snapshot, previous),
    ]


MAX_CHANGE_ROWS = 60


def _what_changed(source: ReportInput, snapshot: Snapshot, previous: Snapshot) -> list[Block]:
    """Per PD, the findings resolved and new and the items of the year's annual documents added, removed or
    changed since the previous report (a previous snapshot of the old format has neither: nothing listed)."""
    tr = source.tr
    blocks: list[Block] = []
    if previous.findings:
        found_rows: list[tuple[str, ...]] = [
            (
                _pd_name(source, found.get("pemda", ""), found["pd"]),
                tr("changed-resolved"),
                found["code"],
                found["item"],
                found["message"],
            )
            for key, found in previous.findings.items()
            if key not in snapshot.findings
        ]
        found_rows += [
            (
                _pd_name(source, found.get("pemda", ""), found["pd"]),
                tr("changed-new"),
                found["code"],
                found["item"],
                found["message"],
            )
            for key, found in snapshot.findings.items()
            if key not in previous.findings
        ]
        columns = (
            Column(tr("col-pd"), width=30),
            Column(tr("col-change"), width=12),
            Column(tr("col-rule"), width=10),
            Column(tr("col-item"), width=20),
            Column(tr("col-finding"), width=70),
        )
        table = Table(tr("t-changed-findings"), columns, sheet=tr("sheet-1c"), empty=tr("changes-same"))
        table.rows.extend(sorted(found_rows)[:MAX_CHANGE_ROWS])
        blocks += [table, *_more(tr, len(found_rows))]
    if previous.items:
        item_rows: list[tuple[str, ...]] = []
        for document, items in snapshot.items.items():
            before = previous.items.get(document)
            if before is None:
                continue  # a document new this year is not a change of items
            pemda = document.split("/")[0]  # a document key starts with its pemda
            for key, (digest, text, pd) in items.items():
                if key not in before:
                    item_rows.append((_pd_name(source, pemda, pd), tr("changed-added"), key, text))
                elif before[key][0] != digest:
                    item_rows.append((_pd_name(source, pemda, pd), tr("changed-changed"), key, text))
            item_rows += [
                (_pd_name(source, pemda, old[2]), tr("changed-removed"), key, old[1])
                for key, old in before.items()
                if key not in items
            ]
        item_columns = (
            Column(tr("col-pd"), width=30),
            Column(tr("col-change"), width=12),
            Column(tr("col-kode"), width=22),
            Column(tr("col-name"), width=70),
        )
        changed = Table(tr("t-changed-items"), item_columns, sheet=tr("sheet-1c"), empty=tr("changes-same"))
        changed.rows.extend(sorted(item_rows)[:MAX_CHANGE_ROWS])
        blocks += [changed, *_more(tr, len(item_rows))]
    return blocks


def _more(tr: Callable[..., str], count: int) -> list[Block]:
    return [Paragraph(tr("changed-more", count=count - MAX_CHANGE_ROWS))] if count > MAX_CHANGE_ROWS else []


def _pd_name(source: ReportInput, pemda: str, pd: str) -> str:
    """The PD's name: PD codes repeat across kab/kota, so the lookup is by pemda and code."""
    agency = source.data.get_pd(pemda, pd) if pd else None
    return agency.nama if agency else pd or "-"
