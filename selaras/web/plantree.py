"""The pohon kinerja: from national targets down to sub kegiatan, walking parent items within documents
and accepted links between them.

A node's children are the items whose parent it is (in the same document) followed by the items of the
pemda whose accepted links point at it. :class:`Cascade` is the tree of one year as the page draws it: the
RPJMD's misi, tujuan and sasaran, then the programs of one kind of PD plan (the year's Renja, or the
Renstra) linked to them, down to sub kegiatan, with pagu totals and the findings on each item. Pure: works
on :class:`PlanningData` and findings, renders nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.domain import DocumentKind, Item, ItemLevel, ItemRef, LinkStatus

__all__ = [
    "PROGRAM_PLANS",
    "Branch",
    "Cascade",
    "Flag",
    "TreeNode",
    "cascade",
    "children",
    "default_programs",
    "flags",
    "node",
    "parse_ref",
    "roots",
    "search",
    "strategic",
]

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
            key = plan.document.key  # a property that joins strings: once per plan, not per item
            for item in plan.items:
                if item.parent is not None:
                    below[ItemRef(key, item.parent)].append(ItemRef(key, item.key))
        for link in data.links:
            if link.status is LinkStatus.ACCEPTED and link.source.document.startswith(f"{pemda}/"):
                below[link.target].append(link.source)
        return below

    return data.derived(f"web-tree:{pemda}", build)


def node(data: PlanningData, pemda: str, ref: ItemRef, year: int) -> TreeNode | None:
    return _node(data, ref, year, lambda: bool(_index(data, pemda).get(ref)))


def _node(data: PlanningData, ref: ItemRef, year: int, has_children: Callable[[], bool]) -> TreeNode | None:
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
        has_children(),
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


PROGRAM_PLANS = (DocumentKind.RENJA, DocumentKind.RENSTRA)
"""The PD plans whose programs hang under the RPJMD's sasaran; the tree shows one kind at a time, since a
PD's Renstra and Renja repeat the same programs and adding both would count each pagu twice."""
SEVERITY_ORDER = (FindingSeverity.GALAT, FindingSeverity.PERINGATAN, FindingSeverity.INFO)


@dataclass(frozen=True, slots=True)
class Flag:
    """The findings on one item: how many, and the most severe of them (the marker's colour)."""

    count: int
    severity: str


def flags(findings: Iterable[Finding], pemda: str, severity_of: Callable[[str], str]) -> dict[ItemRef, Flag]:
    """The findings of ``pemda`` per item they are on (findings about a whole document or PD are on no item);
    ``severity_of`` gives a rule code's severity."""
    counts: dict[ItemRef, int] = defaultdict(int)
    worst: dict[ItemRef, int] = {}
    rank = {severity.value: index for index, severity in enumerate(SEVERITY_ORDER)}
    for finding in findings:
        where = finding.location
        if where.pemda != pemda or not where.document or not where.item:
            continue
        ref = ItemRef(where.document, where.item)
        counts[ref] += 1
        worst[ref] = min(worst.get(ref, len(rank)), rank.get(severity_of(finding.code), len(rank) - 1))
    return {ref: Flag(count, SEVERITY_ORDER[worst[ref]].value) for ref, count in counts.items()}


@dataclass(frozen=True, slots=True)
class Branch:
    """One node as drawn: its pagu ``total`` (its own pagu, or, when it has none and ``summed``, the sum of
    the pagu below it, each item counted once however many paths reach it), the findings on it (``flag``) and
    on the items below it (``below``), and the children drawn with it; ``unloaded`` children exist but are
    left for the page to load when the node is opened."""

    node: TreeNode
    total: Decimal | None
    summed: bool
    flag: Flag | None
    below: int
    children: list[Branch] = field(default_factory=list)
    unloaded: int = 0


class Cascade:
    """The pohon kinerja of one pemda and year with the programs of one kind of PD plan (``programs``).

    Edges: every item's parent within its document, and the accepted links from the ``programs`` plans of
    the year (``plans_in_year``) to what they serve. Roots: the tops of the RPJMD in force that year (the
    visi, whose misi, tujuan and sasaran follow, and the regional priorities). Totals and the findings
    below a node are worked out once per data and kept (see :func:`cascade`).
    """

    def __init__(self, data: PlanningData, pemda: str, year: int, programs: DocumentKind) -> None:
        self.data, self.pemda, self.year, self.programs = data, pemda, year, programs
        self._below = self._edges()
        self._frontier: dict[ItemRef, frozenset[ItemRef]] = {}
        self._descendants: dict[ItemRef, frozenset[ItemRef]] = {}

    def _edges(self) -> dict[ItemRef, list[ItemRef]]:
        data, pemda = self.data, self.pemda
        within: dict[ItemRef, list[ItemRef]] = defaultdict(list)
        for plan in data.plans:
            if plan.document.pemda == pemda:
                key = plan.document.key
                for item in plan.items:
                    if item.parent is not None:
                        within[ItemRef(key, item.parent)].append(ItemRef(key, item.key))
        sources = {plan.document.key for plan in data.plans_in_year(self.programs, pemda, self.year)}
        linked: dict[ItemRef, list[ItemRef]] = defaultdict(list)
        for link in data.links:
            if link.status is LinkStatus.ACCEPTED and link.source.document in sources and link.source != link.target:
                linked[link.target].append(link.source)
        below: dict[ItemRef, list[ItemRef]] = {}
        for ref in within.keys() | linked.keys():
            from_links = sorted(set(linked.get(ref, [])), key=self._order)  # grouped by PD, then by code
            below[ref] = list(dict.fromkeys(within.get(ref, []) + from_links))
        return below

    def _order(self, ref: ItemRef) -> tuple[str, str, str]:
        plan, item = self.data.plan(ref.document), self.data.item(ref)
        return ((plan.document.pd or "") if plan else "", (item.code or item.key) if item else ref.item, ref.document)

    @property
    def has_rpjmd(self) -> bool:
        return bool(self._rpjmd())

    def _rpjmd(self) -> list[ItemRef]:
        plans = self.data.plans_in_year(DocumentKind.RPJMD, self.pemda, self.year) or list(
            self.data.plans_of(DocumentKind.RPJMD, self.pemda)
        )
        return [ItemRef(plan.document.key, item.key) for plan in plans for item in _tops(plan.items)]

    def roots(self) -> list[ItemRef]:
        """The RPJMD's tops: the visi (misi, tujuan, sasaran below it) and the regional priorities."""
        return self._rpjmd()

    def unlinked(self) -> list[ItemRef]:
        """Tops of the ``programs`` plans that reach no RPJMD item: what the tree cannot place."""
        reached: set[ItemRef] = set()
        stack = self._rpjmd()
        while stack:
            ref = stack.pop()
            if ref not in reached:
                reached.add(ref)
                stack += self._below.get(ref, [])
        tops = [
            ItemRef(plan.document.key, item.key)
            for plan in self.data.plans_in_year(self.programs, self.pemda, self.year)
            for item in _tops(plan.items)
        ]
        return sorted((ref for ref in tops if ref not in reached), key=self._order)

    def children(self, ref: ItemRef) -> list[ItemRef]:
        return self._below.get(ref, [])

    def _pagu(self, ref: ItemRef) -> Decimal | None:
        item = self.data.item(ref)
        return item.pagu(self.year) if item else None

    def frontier(self, ref: ItemRef, path: frozenset[ItemRef] = frozenset()) -> frozenset[ItemRef]:
        """The items whose pagu make up ``ref``'s total: itself when it has a pagu, else those of its
        children (a link cycle adds nothing)."""
        if ref in self._frontier:
            return self._frontier[ref]
        if self._pagu(ref) is not None:
            found = frozenset((ref,))
        else:
            inner = path | {ref}
            found = frozenset().union(*(self.frontier(c, inner) for c in self.children(ref) if c not in inner))
        self._frontier[ref] = found
        return found

    def descendants(self, ref: ItemRef, path: frozenset[ItemRef] = frozenset()) -> frozenset[ItemRef]:
        if ref in self._descendants:
            return self._descendants[ref]
        inner = path | {ref}
        kids = [c for c in self.children(ref) if c not in inner]
        found = frozenset(kids).union(*(self.descendants(c, inner) for c in kids))
        self._descendants[ref] = found
        return found

    def total(self, ref: ItemRef) -> tuple[Decimal | None, bool]:
        """The node's pagu for the year and whether it is the sum of what is below it (it has none itself)."""
        own = self._pagu(ref)
        if own is not None:
            return own, False
        amounts = [self._pagu(each) for each in self.frontier(ref)]
        present = [amount for amount in amounts if amount is not None]
        return (sum(present, Decimal(0)) if present else None), True

    def grow(
        self, refs: list[ItemRef], marks: Mapping[ItemRef, Flag], *, expand: Callable[[TreeNode], bool], cap: int
    ) -> list[Branch]:
        """Branches for ``refs`` with their children drawn where ``expand`` says so, as long as at most about
        ``cap`` nodes are drawn in all; a node left closed (or over the cap) names its children ``unloaded``."""
        left = [cap]

        def one(ref: ItemRef, path: frozenset[ItemRef]) -> Branch | None:
            inner = path | {ref}
            kids = [c for c in self.children(ref) if c not in inner]
            shown = _node(self.data, ref, self.year, lambda: bool(kids))
            if shown is None:
                return None
            left[0] -= 1
            grown: list[Branch] = []
            if kids and expand(shown) and left[0] >= len(kids):
                grown = [branch for c in kids if (branch := one(c, inner)) is not None]
            total, summed = self.total(ref)
            below = sum(marks[each].count for each in self.descendants(ref) if each in marks)
            return Branch(shown, total, summed, marks.get(ref), below, grown, 0 if grown else len(kids))

        return [branch for ref in refs if (branch := one(ref, frozenset())) is not None]


def cascade(data: PlanningData, pemda: str, year: int, programs: DocumentKind) -> Cascade:
    """The year's :class:`Cascade`, built once per data (its totals filled in as pages ask for them)."""
    return data.derived(f"web-cascade:{pemda}:{year}:{programs.value}", lambda d: Cascade(d, pemda, year, programs))


def strategic(shown: TreeNode) -> bool:
    """Whether a node is of the strategic part (misi … sasaran), drawn open on the tree's first page; a
    program's kegiatan and sub kegiatan load when it is opened."""
    return not ItemLevel(shown.level).is_program_part


def default_programs(data: PlanningData, pemda: str, year: int) -> DocumentKind:
    """The year's Renja when the pemda has one (it carries the year's pagu), else the Renstra."""
    return DocumentKind.RENJA if data.plans_in_year(DocumentKind.RENJA, pemda, year) else DocumentKind.RENSTRA
