"""Charts as plain SVG strings: grouped bars, a categorical heat map and a two-column Sankey diagram.

Written by hand (no JavaScript, no plotting library) so the same markup works inline in the offline HTML
and in the PDF. Colours come from the Okabe-Ito palette, which stays distinguishable with the common forms
of colour-blindness, and every mark also carries a text label or symbol, so no chart relies on colour alone.
Charts get their labels already formatted and translated: they know nothing about languages or numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

__all__ = ["OKABE_ITO", "BarChart", "Category", "HeatMap", "Sankey", "render_chart"]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black."""

FONT = "DejaVu Sans, Arial, sans-serif"
CHAR_WIDTH = 0.64
"""Approximate advance of one character, in font-size units, used to fit labels."""


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal grouped bars: one group per category, one bar per series, each with its value label."""

    title: str
    categories: tuple[str, ...]
    series: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    """``values[category][series]``; None draws no bar (nothing to measure)."""
    labels: tuple[tuple[str, ...], ...]
    maximum: float | None = None
    """Fixed end of the axis (100 for scores); the largest value when None."""
    references: tuple[tuple[str, float], ...] = ()
    """Dashed vertical lines across the plot, each labelled below it, in the colour of the series of the same
    position (the plan's curve per triwulan behind bars of serapan per triwulan)."""


@dataclass(frozen=True, slots=True)
class Category:
    """A heat-map class: its legend label, fill colour and the symbol printed in its cells."""

    label: str
    color: str
    symbol: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Rows × columns of category indexes into ``categories``."""

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    categories: tuple[Category, ...]
    labels: tuple[tuple[str, ...], ...] = ()
    """Text printed in each cell instead of its category's symbol (a value, ``91``); empty: the symbols."""


@dataclass(frozen=True, slots=True)
class Sankey:
    """Flows from left nodes to right nodes; ``value_labels`` names each node's total as shown."""

    title: str
    flows: tuple[tuple[str, str, float], ...]
    value_labels: dict[str, str]


Chart = BarChart | HeatMap | Sankey


def _text(x: float, y: float, content: str, *, size: float = 10, anchor: str = "start", **extra: str) -> str:
    attributes = "".join(f" {name.replace('_', '-')}={quoteattr(value)}" for name, value in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{attributes}>{escape(content)}</text>'
    )


def _fit(label: str, width: float, size: float) -> str:
    """Cut a label to ``width`` pixels with an ellipsis (the full text stays in the tables)."""
    room = max(4, int(width / (size * CHAR_WIDTH)))
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="{FONT}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>"
    )
    return head + "".join(body) + "</svg>"


_SHAPES = {"✓": "M{a},{b} l2.5,3 l5,-6", "✗": "M{a},{b0} l6,6 M{a},{b1} l6,-6", "–": "M{a},{b} l6,0"}


def _mark(symbol: str, x: float, y: float, fill: str) -> str:
    """A cell symbol centred on (x, y). Ticks, crosses and dashes are drawn as paths: a heat map has a
    thousand of them, and laying out that many text glyphs makes the PDF several seconds slower."""
    shape = _SHAPES.get(symbol)
    if shape is None:
        return _text(x, y + 3.5, symbol, size=9, anchor="middle", fill=_ink(fill))
    path = shape.format(a=f"{x - 3.5:.1f}", b=f"{y:.1f}", b0=f"{y - 3:.1f}", b1=f"{y + 3:.1f}")
    return f'<path d="{path}" stroke="{_ink(fill)}" stroke-width="1.3" fill="none"/>'


def _legend(items: list[tuple[str, str, str]], x: float, y: float, width: float) -> tuple[list[str], float]:
    """Swatches with labels, wrapped onto lines; returns the marks and the height used."""
    marks, cursor, line = [], x, 0
    for label, color, symbol in items:
        room = 18 + len(label) * 10 * CHAR_WIDTH + 14
        if cursor + room > x + width and cursor > x:
            cursor, line = x, line + 1
        top = y + line * 16
        marks.append(f'<rect x="{cursor:.1f}" y="{top:.1f}" width="12" height="12" fill="{color}" stroke="#333"/>')
        if symbol:
            marks.append(_mark(symbol, cursor + 6, top + 6, color))
        marks.append(_text(cursor + 16, top + 10, label))
        cursor += room
    return marks, (line + 1) * 16


def _ink(color: str) -> str:
    """Black or white text, whichever reads better on ``color``."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#FFFFFF"


def bar_chart(chart: BarChart, width: float = 640) -> str:
    bar = 13 if len(chart.categories) * len(chart.series) <= 24 else 9
    gap = 8
    label_width = min(230.0, max(60.0, max((len(c) for c in chart.categories), default=0) * 10 * CHAR_WIDTH + 8))
    plot_left, plot_width = label_width + 6, width - label_width - 90
    group = bar * len(chart.series) + gap
    top = 28.0
    legend, legend_height = _legend(
        [(name, OKABE_ITO[i % len(OKABE_ITO)], "") for i, name in enumerate(chart.series)], plot_left, top, plot_width
    )
    top += legend_height + 6 if len(chart.series) > 1 else 0
    if len(chart.series) < 2:
        legend = []
    present = [value for row in chart.values for value in row if value is not None]
    maximum = chart.maximum or max(present, default=0) or 1
    body = [_text(0, 16, chart.title, size=12, font_weight="bold"), *legend]
    for tick in range(5):
        x = plot_left + plot_width * tick / 4
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + group * len(chart.categories)}" '
            'stroke="#DDD" stroke-width="0.5"/>'
        )
    for row, category in enumerate(chart.categories):
        y = top + row * group
        body.append(_text(label_width, y + group / 2 + 2, _fit(category, label_width, 10), anchor="end"))
        for index, value in enumerate(chart.values[row]):
            if value is None:
                continue
            length = max(0.5, plot_width * min(value, maximum) / maximum) if value > 0 else 0.5
            color = OKABE_ITO[index % len(OKABE_ITO)]
            by = y + index * bar
            body.append(
                f'<rect x="{plot_left:.1f}" y="{by:.1f}" width="{length:.1f}" height="{bar - 2}" fill="{color}"/>'
            )
            body.append(_text(plot_left + length + 3, by + bar - 4, chart.labels[row][index], size=9))
    bottom = top + group * len(chart.categories)
    for index, (label, value) in enumerate(chart.references):
        x = plot_left + plot_width * min(value, maximum) / maximum
        color = OKABE_ITO[index % len(OKABE_ITO)]
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{color}" '
            'stroke-width="1.2" stroke-dasharray="4 3"/>'
        )
        body.append(_text(x, bottom + 12 + 11 * (index % 2), label, size=9, anchor="middle", fill=color))
    height = bottom + (30 if chart.references else 6)
    return _svg(width, height, chart.title, body)


def heat_map(chart: HeatMap, width: float = 700) -> str:
    label_width = 250.0
    cell = min(30.0, (width - label_width - 4) / max(1, len(chart.columns)))
    if chart.labels:  # room for a value in each cell: the chart grows wider and is scaled to the page
        cell = 30.0
    header = max((len(c) for c in chart.columns), default=0) * 9 * CHAR_WIDTH + 8
    # The column labels lean right at 60°: the last one reaches half its length past its column.
    width = max(width, label_width + cell * len(chart.columns) + header / 2 + 4)
    top = 24 + header
    body = [_text(0, 16, chart.title, size=12, font_weight="bold")]
    for index, column in enumerate(chart.columns):
        x, y = label_width + index * cell + cell / 2 + 3, top - 4
        body.append(_text(x, y, column, size=9, transform=f"rotate(-60 {x:.1f} {y:.1f})"))
    for row, label in enumerate(chart.rows):
        y = top + row * 16
        body.append(_text(label_width - 4, y + 12, _fit(label, label_width - 6, 9), size=9, anchor="end"))
        for index, value in enumerate(chart.cells[row]):
            category = chart.categories[value]
            x = label_width + index * cell
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell - 1:.1f}" height="15" fill="{category.color}"/>')
            if chart.labels:
                text = chart.labels[row][index]
                body.append(_text(x + cell / 2, y + 11, text, size=8.5, anchor="middle", fill=_ink(category.color)))
            else:
                body.append(_mark(category.symbol, x + cell / 2, y + 7.5, category.color))
    bottom = top + 16 * len(chart.rows) + 8
    legend, legend_height = _legend([(c.label, c.color, c.symbol) for c in chart.categories], 0, bottom, width)
    return _svg(width, bottom + legend_height + 4, chart.title, body + legend)


def sankey(chart: Sankey, width: float = 700) -> str:
    """Left nodes (sources) and right nodes (targets) stacked by total, joined by bands as wide as the flow."""
    sources: dict[str, float] = {}
    targets: dict[str, float] = {}
    for source, target, value in chart.flows:
        sources[source] = sources.get(source, 0) + value
        targets[target] = targets.get(target, 0) + value
    targets = dict(sorted(targets.items()))
    total = sum(sources.values()) or 1
    node_gap, top, column_height = 6.0, 28.0, max(220.0, 22.0 * max(len(sources), len(targets)))
    scale = (column_height - node_gap * max(len(sources), len(targets))) / total
    left_x, right_x, node_width = 220.0, width - 250.0, 12.0
    body = [_text(0, 16, chart.title, size=12, font_weight="bold")]
    source_y = _stack(sources, top, scale, node_gap)
    target_y = _stack(targets, top, scale, node_gap)
    target_colors = {name: OKABE_ITO[i % (len(OKABE_ITO) - 1)] for i, name in enumerate(targets)}
    source_used = dict.fromkeys(sources, 0.0)
    target_used = dict.fromkeys(targets, 0.0)
    for source, target, value in sorted(chart.flows, key=lambda flow: list(targets).index(flow[1])):
        band = value * scale
        y0 = source_y[source] + source_used[source]
        y1 = target_y[target] + target_used[target]
        source_used[source] += band
        target_used[target] += band
        x0, x1, middle = left_x + node_width, right_x, (left_x + node_width + right_x) / 2
        body.append(
            f'<path d="M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} {middle:.1f},{y1:.1f} {x1:.1f},{y1:.1f} '
            f"L{x1:.1f},{y1 + band:.1f} C{middle:.1f},{y1 + band:.1f} {middle:.1f},{y0 + band:.1f} "
            f'{x0:.1f},{y0 + band:.1f} Z" fill="{target_colors[target]}" fill-opacity="0.45"/>'
        )
    for name, value in sources.items():
        y, height = source_y[name], max(1.0, value * scale)
        body.append(f'<rect x="{left_x}" y="{y:.1f}" width="{node_width}" height="{height:.1f}" fill="#555"/>')
        label = f"{_fit(name, left_x - 80, 9)} {chart.value_labels.get(name, '')}".strip()
        body.append(_text(left_x - 4, y + height / 2 + 3, _fit(label, left_x - 6, 9), size=9, anchor="end"))
    for name, value in targets.items():
        y, height = target_y[name], max(1.0, value * scale)
        body.append(
            f'<rect x="{right_x}" y="{y:.1f}" width="{node_width}" height="{height:.1f}" fill="{target_colors[name]}"/>'
        )
        label = f"{name} {chart.value_labels.get(name, '')}".strip()
        body.append(_text(right_x + node_width + 4, y + height / 2 + 3, _fit(label, width - right_x - 20, 9), size=9))
    return _svg(width, top + column_height + 10, chart.title, body)


def _stack(totals: dict[str, float], top: float, scale: float, gap: float) -> dict[str, float]:
    positions, y = {}, top
    for name, value in totals.items():
        positions[name] = y
        y += max(1.0, value * scale) + gap
    return positions


def render_chart(chart: Chart) -> str:
    """The chart as one ``<svg>`` element."""
    if isinstance(chart, BarChart):
        return bar_chart(chart)
    if isinstance(chart, HeatMap):
        return heat_map(chart)
    return sankey(chart)
