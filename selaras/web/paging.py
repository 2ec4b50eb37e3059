"""Long lists in pages of a fixed size, with links to the neighbouring pages that keep every other filter.

The findings and follow-up lists of a province with its kab/kota run into thousands of rows, each with its response
forms: one page of all of them weighed megabytes and took seconds to draw, and a cap on the first rows left the
rest out of reach but by filtering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from starlette.datastructures import URL

__all__ = ["PAGE_SIZE", "Pager", "page_of"]

PAGE_SIZE = 100
"""Rows per page: a few screens, drawn in well under a second."""

Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page stands: its number (from 1), how many pages, the first row's position (from 1) and the links to
    the previous and next page (None at either end)."""

    number: int
    count: int
    first: int
    previous: str | None
    next: str | None


def page_of(rows: Sequence[Row], number: int, url: URL, size: int | None = None) -> tuple[list[Row], Pager]:
    """The rows of page ``number`` (clamped to the pages there are) and its :class:`Pager`, ``size`` rows a page
    (:data:`PAGE_SIZE`); the links are ``url`` with only its ``page`` parameter changed."""
    size = size or PAGE_SIZE
    count = max(1, -(-len(rows) // size))
    number = min(max(1, number), count)
    start = (number - 1) * size

    def link(to: int) -> str:
        target = url.include_query_params(page=to)
        return f"{target.path}?{target.query}"

    pager = Pager(
        number,
        count,
        start + 1,
        link(number - 1) if number > 1 else None,
        link(number + 1) if number < count else None,
    )
    return list(rows[start : start + size]), pager
