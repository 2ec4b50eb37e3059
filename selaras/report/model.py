"""The Rakor report as one pure data model: sections of tables, charts and text, every value computed.

Renderers (HTML, PDF, Excel) only lay out what is here, so the three files always show the same numbers.
Table cells hold raw values (Decimal rupiah, float scores, int counts) with the column saying what they
are; each renderer formats them its own way (``1.234.567`` in HTML, a Rupiah number format in Excel).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from selaras.checks.data import PlanningData
from selaras.checks.registry import RuleRegistry
from selaras.checks.run import CheckReport
from selaras.checks.thresholds import Thresholds
from selaras.domain.calendar import Submission
from selaras.report.charts import Chart
from selaras.report.history import Snapshot
from selaras.report.scope import Scope
from selaras.scores.model import ScoreCard
from selaras.store.followup import FollowUp
from selaras.store.responses import FindingResponse

if TYPE_CHECKING:  # the inputs import this module's types; build_report imports them when it runs
    from selaras.report.inputs import ReportInput

__all__ = [
    "Block",
    "Cell",
    "Column",
    "ColumnKind",
    "Paragraph",
    "RakorReport",
    "Scope",
    "Section",
    "Table",
    "build_report",
]

Cell = str | int | float | Decimal | None


class ColumnKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    RUPIAH = "rupiah"
    JUTA = "juta"
    """Rupiah shown in millions where space is short (Excel keeps the full amount)."""
    PERCENT = "percent"
    SCORE = "score"
    """0-100, shown with one decimal and coloured in Excel."""
    DELTA = "delta"
    """A signed change of a score."""


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 14
    """Excel column width in characters."""
    decimals: int = 0
    """Decimals shown for a number column."""


@dataclass(slots=True)
class Table:
    """Rows under headers. ``sheet`` names its Excel sheet (None: the table appears in HTML/PDF only);
    ``group_by`` is a column whose changes open a group heading in HTML instead of repeating it."""

    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    total: tuple[Cell, ...] | None = None
    sheet: str | None = None
    group_by: int | None = None
    in_document: bool = True
    """False for tables only the Excel file carries (e.g. every row of a long list the document summarises)."""
    empty: str = ""
    """Said instead of the table when it has no rows."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    items: tuple[str, ...] = ()
    """Shown as a bulleted list after the text."""


Block = Table | Paragraph | Chart


@dataclass(slots=True)
class Section:
    """A numbered section (or a PD card inside section 9, with ``number`` 0)."""

    key: str
    number: int
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    wide: bool = False
    """Printed on landscape pages (wide matrices)."""


@dataclass(slots=True)
class RakorReport:
    pemda: str
    pemda_name: str
    year: int
    scope: Scope
    lang: str
    title: str
    subtitle: str
    generated: str
    sections: list[Section]
    snapshot: Snapshot
    front: Section
    """Page 1, before the cover and contents: what the Rakor must decide, and the scores' spread."""

    def tables(self) -> list[tuple[Section, Table]]:
        """Every table with its top-level section, in document order (page 1 first, cards' tables under
        section 9)."""
        found = []
        for section in [self.front, *self.sections]:
            for part in [section, *section.subsections]:
                found += [(section, block) for block in part.blocks if isinstance(block, Table)]
        return found


def _scope_label(source: ReportInput, scope: Scope) -> str:
    """Whose agencies the report details, as its subtitle says: a kab/kota has none below it, so whatever the
    scope its report covers its own ("perangkat daerah Kabupaten Buru"), never "perangkat daerah provinsi"."""
    if len(source.family) <= 1:
        return source.tr("scope-own", pemda=source.pemda_name(source.pemda))
    return source.tr(f"scope-{scope.value}")


def build_report(
    data: PlanningData,
    report: CheckReport,
    cards: list[ScoreCard],
    registry: RuleRegistry,
    *,
    pemda: str,
    year: int,
    scope: Scope | str = Scope.PROVINSI,
    lang: str = "id",
    previous: Snapshot | None = None,
    generated: str = "",
    thresholds: Thresholds | None = None,
    followups: Mapping[str, FollowUp] | None = None,
    responses: Mapping[str, FindingResponse] | None = None,
    deadline: date | None = None,
    submissions: Sequence[Submission] = (),
) -> RakorReport:
    """The whole report for ``pemda`` (a province with its kab/kota, or one kab/kota) and ``year``.

    ``previous`` is the snapshot of an earlier report (``laporan.json``): section 1 then says what changed.
    ``thresholds`` must be those the checks and scores ran with (the IKU matrix pairs with them).
    ``followups`` and ``responses`` (by finding key, from :mod:`selaras.store.followup`) give each finding its
    tindak lanjut; ``deadline`` is the one proposed for findings nobody has been assigned yet. ``submissions``
    (from :func:`selaras.store.calendar.pending_submissions`) lets section 1 list the documents submitted late.
    """
    from selaras.report.inputs import ReportInput
    from selaras.report.sections import cards as card_section
    from selaras.report.sections import (
        decisions,
        efficiency,
        iku,
        method,
        monitoring,
        national,
        quality,
        regional,
        summary,
    )

    source = ReportInput(
        data,
        report,
        cards,
        registry,
        pemda=pemda,
        year=year,
        scope=Scope(scope),
        lang=lang,
        thresholds=thresholds,
        followups=followups,
        responses=responses,
        deadline=deadline,
        submissions=submissions,
    )
    snapshot = source.snapshot(generated)
    sections = [
        summary.section(source, snapshot, previous),
        national.section(source),
        regional.section(source),
        quality.consistency_section(source),
        iku.section(source),
        quality.performance_section(source),
        efficiency.section(source),
        monitoring.section(source),
        card_section.section(source),
        method.section(source),
    ]
    return RakorReport(
        pemda,
        source.pemda_name(pemda),
        year,
        Scope(scope),
        lang,
        source.tr("title"),
        source.tr("subtitle", pemda=source.pemda_name(pemda), year=year, scope=_scope_label(source, Scope(scope))),
        generated,
        sections,
        snapshot,
        decisions.section(source),
    )
