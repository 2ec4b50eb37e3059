"""Section 10, Metodologi: each score's definition and every rule of the registry that produced the findings.

The rule list is read from the same registry the checks ran with, and the thresholds from the run, so the
method printed is the method applied.
"""

from __future__ import annotations

from dataclasses import fields

from selaras.i18n import pick
from selaras.report.inputs import ReportInput
from selaras.report.model import Block, Column, ColumnKind, Paragraph, Section, Table
from selaras.report.sections.cards import CARD_SCORES

__all__ = ["section"]

SCORES = (*CARD_SCORES, "sinkronisasi_iku")


def section(source: ReportInput) -> Section:
    tr = source.tr
    scores = Table(
        tr("t-method-scores"),
        (Column(tr("col-score"), width=30), Column(tr("col-definition"), width=100)),
        sheet=tr("sheet-9"),
    )
    scores.rows += [(tr(f"score-{key}"), tr(f"define-{key}")) for key in SCORES]
    counts = source.snapshot("").rules
    rules = Table(
        tr("t-method-rules"),
        (
            Column(tr("col-rule"), width=9),
            Column(tr("col-name"), width=34),
            Column(tr("col-title"), width=50),
            Column(tr("col-severity"), width=11),
            Column(tr("col-family"), width=18),
            Column(tr("col-findings"), ColumnKind.NUMBER, 10),
        ),
        sheet=tr("sheet-9b"),
    )
    for rule in source.registry:
        rules.rows.append(
            (
                rule.code,
                rule.name,
                pick(rule.title, source.lang),
                tr(f"sev-{rule.severity.value}"),
                tr(f"family-{rule.family}"),
                counts.get(rule.code, 0),
            )
        )
    thresholds = Table(tr("t-method-thresholds"), (Column(tr("col-name"), width=30), Column(tr("col-value"), width=12)))
    for item in fields(source.thresholds):
        value = str(getattr(source.thresholds, item.name))
        thresholds.rows.append((item.name, value.replace(".", ",") if source.lang == "id" else value))
    blocks: list[Block] = [Paragraph(tr("s9-intro")), scores, rules, Paragraph(tr("s9-thresholds")), thresholds]
    return Section("metodologi", 10, tr("s9"), blocks)
