"""Which delimiter and quotes a CSV file uses, for files saved by Excel in any locale (``,`` or ``;``) or by other
tools (tab)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from itertools import islice

__all__ = ["csv_records"]

_Dialect = type[csv.Dialect] | csv.Dialect
_DELIMITERS = ",;\t"
_CHECKED_RECORDS = 100


def csv_records(text: str) -> Iterator[list[str]]:
    """The records of a CSV text, split by the delimiter :func:`_dialect` settles on."""
    return _records(text, *_dialect(text))


def _dialect(text: str) -> tuple[_Dialect, str | None]:
    """The Sniffer's guess, unless another delimiter (with Excel's ``"`` quotes) splits more records into one same
    width: quotes around a tab or comma inside a text cell can fool the Sniffer, while a sheet saved as CSV has
    (nearly) every row equally wide. Returns the dialect and the delimiter that overrides its own, if any."""
    try:
        sniffed: _Dialect = csv.Sniffer().sniff(text[:8192], delimiters=_DELIMITERS)
    except csv.Error:
        sniffed = csv.excel
    best: tuple[_Dialect, str | None] = (sniffed, None)
    best_score = _equal_widths(text, sniffed, None)
    for delimiter in _DELIMITERS:
        score = _equal_widths(text, csv.excel, delimiter)
        if score > best_score:
            best, best_score = (csv.excel, delimiter), score
    return best


def _records(text: str, dialect: _Dialect, delimiter: str | None) -> Iterator[list[str]]:
    stream = io.StringIO(text, newline="")  # lines end at \r\n, \n or a lone \r (old Mac Excel), as csv expects
    return csv.reader(stream, dialect) if delimiter is None else csv.reader(stream, dialect, delimiter=delimiter)


def _equal_widths(text: str, dialect: _Dialect, delimiter: str | None) -> int:
    """How many of the first non-blank records have the most common width, when that width is over one cell."""
    try:
        records = islice(_records(text, dialect, delimiter), _CHECKED_RECORDS)
        widths = Counter(len(record) for record in records if any(cell.strip() for cell in record))
    except csv.Error:
        return 0
    width, count = widths.most_common(1)[0] if widths else (0, 0)
    return count if width > 1 else 0
