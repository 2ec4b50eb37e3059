"""The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched.

The same HTML feeds the PDF (``selaras.report.pdf``): its CSS carries the paged-media rules (A4, page
numbers, table of contents with page numbers, rows that never split), which browsers ignore on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from selaras.report import format as fmt
from selaras.report.charts import render_chart
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, RakorReport, Section, Table
from selaras.report.texts import tr
from selaras.report.widths import column_widths

__all__ = ["format_cell", "render_html", "template_environment"]

NUMERIC = frozenset(set(ColumnKind) - {ColumnKind.TEXT})
TOC_CARDS = 60
"""Beyond this many PD cards the table of contents lists section 9 only (the cards follow in code order)."""


@dataclass(frozen=True, slots=True)
class TableView:
    title: str
    widths: list[str]
    """Each column's share of the table width in percent (see ``selaras.report.widths``)."""
    headers: list[tuple[str, str]]
    groups: list[tuple[str, list[list[tuple[str, str]]]]]
    total: list[tuple[str, str]] | None
    empty: str


def format_cell(value: Cell, column: Column, lang: str) -> str:
    """A cell as text: Indonesian (or English) numbers, Rupiah, percent, scores; empty for None."""
    if value is None or value == "":
        return "–" if column.kind in (ColumnKind.SCORE, ColumnKind.DELTA) else ""
    if isinstance(value, str) or column.kind is ColumnKind.TEXT:
        return str(value)
    kind, number = column.kind, Decimal(str(value))
    if kind is ColumnKind.RUPIAH:
        return fmt.rupiah(number, lang)
    if kind is ColumnKind.JUTA:
        return fmt.number(number / 1_000_000, lang, decimals=1)
    if kind is ColumnKind.PERCENT:
        return fmt.percent(number, lang)
    if kind is ColumnKind.SCORE:
        return fmt.score(float(number), lang)
    if kind is ColumnKind.DELTA:
        return ("+" if number > 0 else "") + fmt.number(number, lang, decimals=1)
    return fmt.number(number, lang, decimals=column.decimals)


def _css_class(column: Column, value: Cell) -> str:
    classes = ["num"] if column.kind in NUMERIC else []
    if column.kind is ColumnKind.SCORE and isinstance(value, int | float):
        classes.append("low" if value < 60 else "mid" if value < 85 else "high")
    return " ".join(classes)


def _header(column: Column, lang: str) -> str:
    """Amounts shown in millions say so in their header (Excel keeps full Rupiah under the plain title)."""
    return f"{column.title} ({tr('unit-juta', lang)})" if column.kind is ColumnKind.JUTA else column.title


def _table_view(table: Table, lang: str, wide: bool) -> TableView:
    shown = [index for index in range(len(table.columns)) if index != table.group_by]
    headers = [(_header(table.columns[i], lang), _css_class(table.columns[i], None)) for i in shown]
    groups: list[tuple[str, list[list[tuple[str, str]]]]] = []
    for row in table.rows:
        group = "" if table.group_by is None else str(row[table.group_by] or "")
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append(
            [(format_cell(row[i], table.columns[i], lang), _css_class(table.columns[i], row[i])) for i in shown]
        )
    total = None
    if table.total is not None:
        total = [
            (format_cell(table.total[i], table.columns[i], lang), _css_class(table.columns[i], None)) for i in shown
        ]
    texts = [[text for text, _ in row] for _, rows in groups for row in rows] + (
        [[t for t, _ in total]] if total else []
    )
    columns = [table.columns[i] for i in shown]
    widths = column_widths(columns, [title for title, _ in headers], texts, wide=wide)
    return TableView(table.title, [f"{width:.1f}" for width in widths], headers, groups, total, table.empty)


def _block_view(block: Block, lang: str, wide: bool) -> dict[str, object] | None:
    if isinstance(block, Table):
        return {"kind": "table", "table": _table_view(block, lang, wide)} if block.in_document else None
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "items": block.items}
    return {"kind": "chart", "svg": Markup(render_chart(block))}


def _section_view(section: Section, lang: str, wide: bool = False) -> dict[str, object]:
    """``wide``: the section lies on landscape pages (its own flag, or its parent's for a PD card)."""
    wide = wide or section.wide
    blocks = [view for block in section.blocks if (view := _block_view(block, lang, wide)) is not None]
    return {
        "key": section.key,
        "number": section.number,
        "title": section.title,
        "wide": section.wide,
        "blocks": blocks,
        "subsections": [_section_view(sub, lang, wide) for sub in section.subsections],
    }


@cache
def template_environment() -> Environment:
    """The Jinja environment of the report's templates (selaras/report/templates), shared by the Rakor report and
    the official tables."""
    return Environment(
        loader=PackageLoader("selaras.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(report: RakorReport) -> str:
    """The whole report as an HTML document."""
    lang = report.lang
    css = files("selaras.report").joinpath("templates/laporan.css").read_text(encoding="utf-8")
    footer = f"{report.title} · {report.pemda_name} · {report.year}".replace('"', '\\"')
    css = css.replace("PAGE_LABEL", tr("page", lang)).replace("FOOTER_LABEL", footer)
    return (
        template_environment()
        .get_template("laporan.html.j2")
        .render(
            report=report,
            lang=lang,
            css=Markup(css),
            front=_section_view(report.front, lang),
            sections=[_section_view(section, lang) for section in report.sections],
            toc_cards=TOC_CARDS,
            texts={key: tr(key, lang) for key in ("toc", "page")},
            generated=tr("generated-on", lang, date=report.generated) if report.generated else "",
        )
    )
