"""Column widths for the report's tables, computed here so the PDF can use CSS ``table-layout: fixed``.

WeasyPrint's automatic table layout measures the text of every cell (its narrowest and widest line) before it
lays a table out; on the whole province that was a third of the PDF time. With a fixed layout it takes the
widths of the ``<col>`` elements instead. They come from a small version of the same algorithm, on character
counts: each column gets at least its longest word (a whole number, since numbers never wrap), and the room
left on the line goes to the text columns in proportion to their width in Excel characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from selaras.report.model import Column, ColumnKind

__all__ = ["column_widths"]

LINE_CHARS = {False: 118, True: 200}
"""About how many characters of table text fit across a portrait A4 page (8 pt) and a landscape one (7 pt),
between the margins set in ``laporan.css``."""
PADDING = 2.5
"""A cell's padding and borders, in characters."""
BOLD = 1.2
"""Headers are bold, a little wider per character."""
DIGIT = 1.15
"""Digits are wider than the average letter."""
LONG_TEXT = 30
"""Text columns at least this wide (in Excel characters) keep ``LONG_MINIMUM`` characters, so a long name never
shrinks to a word per line next to many number columns."""
LONG_MINIMUM = 22.0


def _narrowest(column: Column, header: str, cells: Sequence[str]) -> float:
    """The width below which some word (or number) of the column would not fit, in characters."""
    widest_word = max((len(word) for word in header.split()), default=0) * BOLD
    if column.kind is ColumnKind.TEXT:
        body = max((len(word) for text in cells for word in text.split()), default=0)
        floor = LONG_MINIMUM if column.width >= LONG_TEXT else 0.0
        return max(widest_word, body, floor) + PADDING
    return max(widest_word, max(map(len, cells), default=0) * DIGIT) + PADDING


def column_widths(
    columns: Sequence[Column], headers: Sequence[str], rows: Sequence[Sequence[str]], *, wide: bool
) -> list[float]:
    """Each column's share of the table width in percent, from its header and its formatted cells."""
    minimum = [
        _narrowest(column, header, [row[index] for row in rows])
        for index, (column, header) in enumerate(zip(columns, headers, strict=True))
    ]
    preferred = [
        max(low, column.width) if column.kind is ColumnKind.TEXT else low  # numbers never need more than they have
        for low, column in zip(minimum, columns, strict=True)
    ]
    room, extra = LINE_CHARS[wide], sum(preferred) - sum(minimum)
    widths = preferred
    if sum(preferred) > room and extra > 0:
        share = max(0.0, room - sum(minimum)) / extra
        widths = [low + (high - low) * share for low, high in zip(minimum, preferred, strict=True)]
    total = sum(widths)
    return [100 * width / total for width in widths]
