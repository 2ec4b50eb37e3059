"""A plan: one document with its whole item tree — the unit that is imported, stored and checked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from selaras.domain.documents import Document
from selaras.domain.items import Item, ItemLevel
from selaras.domain.links import Link
from selaras.numbers import json_number

__all__ = ["Plan"]


@dataclass(slots=True)
class Plan:
    """A document, its items in document order (each refers to its parent by key), and the links whose
    source item is in this document (they travel with it through import and export)."""

    document: Document
    items: list[Item] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def children(self, key: str | None) -> Iterator[Item]:
        return (item for item in self.items if item.parent == key)

    def level_counts(self) -> dict[str, int]:
        """How many items per level, e.g. ``{"program": 5, "kegiatan": 19, "sub_kegiatan": 94}``."""
        counts = Counter(item.level.value for item in self.items)
        return {level.value: counts[level.value] for level in ItemLevel if counts[level.value]}

    def indicator_count(self) -> int:
        return sum(len(item.indicators) for item in self.items)

    def pagu_per_year(self, level: ItemLevel | None = None) -> dict[int, Decimal]:
        """Sum of pagu per year over the items of ``level`` (all budgeted items when None)."""
        totals: dict[int, Decimal] = {}
        for item in self.items:
            if level is not None and item.level is not level:
                continue
            for budget in item.budgets:
                totals[budget.year] = totals.get(budget.year, Decimal(0)) + budget.pagu
        return dict(sorted(totals.items()))

    def summary(self) -> dict[str, object]:
        """Items per level, indicator count and pagu per year per level, JSON-ready: what ``import --json``
        prints and what a document version keeps."""
        pagu = {
            level.value: {str(year): json_number(total) for year, total in self.pagu_per_year(level).items()}
            for level in (ItemLevel.PROGRAM, ItemLevel.KEGIATAN, ItemLevel.SUB_KEGIATAN)
            if self.pagu_per_year(level)
        }
        return {"items": self.level_counts(), "indicators": self.indicator_count(), "pagu": pagu}
