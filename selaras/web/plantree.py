"""The pohon kinerja: from national targets down to sub kegiatan, walking parent items within documents
and accepted links between them.

A node's children are the items whose parent it is (in the same document) followed by the items of the
pemda whose accepted links point at it. Pure: works on :class:`PlanningData`, renders nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from selaras.checks.data import PlanningData
from selaras.domain import DocumentKind, Item, ItemRef, LinkStatus

__all__ = ["TreeNode", "children", "node", "parse_ref", "roots", "search"]

NATIONAL_ROOTS = (DocumentKind.ASTA_CITA, DocumentKind.RPJMN)
REGIONAL_ROOTS = (DocumentKind.RPJPD, DocumentKind.RPJMD)


@dataclass(frozen=True, slots=True)
class TreeNode:
    ref: ItemRef
    document_kind: str
    level: str
    code: str
    text: str
    pd: str
    indicators: list[tuple[str, str, Decimal | None]]  # name, satuan, target of the year
    pagu: Decimal | None
    has_children: bool

    @property
    def id(self) -> str:
        return str(self.ref)


def parse_ref(text: str) -> ItemRef | None:
    document, _, item = text.rpartition("#")
    return ItemRef(document, item) if document and item else None


def _index(data: PlanningData, pemda: str) -> dict[ItemRef, list[ItemRef]]:
    def build(data: PlanningData) -> dict[ItemRef, list[ItemRef]]:
        below: dict[ItemRef, list[ItemRef]] = defaultdict(list)
        for plan in data.plans:
            for item in plan.items:
                if item.parent is not None:
                    below[ItemRef(plan.document.key, item.parent)].append(ItemRef(plan.document.key, item.key))
        for link in data.links:
            if link.status is LinkStatus.ACCEPTED and link.source.document.startswith(f"{pemda}/"):
                below[link.target].append(link.source)
        return below

    return data.derived(f"web-tree:{pemda}", build)


def node(data: PlanningData, pemda: str, ref: ItemRef, year: int) -> TreeNode | None:
    plan, item = data.plan(ref.document), data.item(ref)
    if plan is None or item is None:
        return None
    indicators = [(indicator.name, indicator.satuan, indicator.targets.get(year)) for indicator in item.indicators]
    return TreeNode(
        ref,
        plan.document.kind.value,
        item.level.value,
        item.code or "",
        item.text,
        plan.document.pd or item.pd or "",
        indicators,
        item.pagu(year),
        bool(_index(data, pemda).get(ref)),
    )


def _nodes(data: PlanningData, pemda: str, refs: list[ItemRef], year: int) -> list[TreeNode]:
    found = (node(data, pemda, ref, year) for ref in refs)
    return [each for each in found if each is not None]


def roots(data: PlanningData, pemda: str, year: int) -> list[TreeNode]:
    """National framework items at the top (Asta Cita, RPJMN priorities) and the pemda's RPJPD/RPJMD tops."""
    refs: list[ItemRef] = []
    for kind in NATIONAL_ROOTS:
        refs += [ItemRef(plan.document.key, item.key) for plan in data.plans_of(kind) for item in _tops(plan.items)]
    for kind in REGIONAL_ROOTS:
        refs += [
            ItemRef(plan.document.key, item.key) for plan in data.plans_of(kind, pemda) for item in _tops(plan.items)
        ]
    return _nodes(data, pemda, refs, year)


def _tops(items: list[Item]) -> list[Item]:
    return [item for item in items if item.parent is None]


def children(data: PlanningData, pemda: str, ref: ItemRef, year: int) -> list[TreeNode]:
    return _nodes(data, pemda, list(dict.fromkeys(_index(data, pemda).get(ref, []))), year)


def search(data: PlanningData, pemda: str, query: str, year: int, *, limit: int = 50) -> list[TreeNode]:
    """Items of the pemda whose code or text contains ``query`` (case-insensitive)."""
    wanted = query.strip().casefold()
    refs = [
        ItemRef(plan.document.key, item.key)
        for plan in data.plans
        if plan.document.pemda == pemda
        for item in plan.items
        if wanted in item.text.casefold() or wanted in (item.code or "").casefold()
    ]
    return _nodes(data, pemda, refs[:limit], year)
