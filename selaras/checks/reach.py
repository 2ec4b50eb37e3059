"""Reachability: which alignment targets an item serves through accepted links, its own or its parents'.

From an item, follow its accepted links and its parents' links, transitively, and collect the alignment targets
met on the way (RPJMD sasaran and prioritas, RPJPD misi, Asta Cita and RPJMN items). Results are memoised per
item, so a sub kegiatan costs one lookup once its program is known; the walk keeps a visited set, so link cycles
end. The alignment rules and the scores share one walk per run through :func:`reach_of`.

A link into another regional pemda's document (a kab/kota RPJMD sasaran supporting the governor's priority, as
Permendagri 86/2017 asks the kab/kota RPJMD to state) is followed one step: the walk takes the target it lands on
and goes no further. What that priority serves in turn (the province's sasaran, misi and national priorities) is
the province's own alignment: walking on would make a kab/kota program reach the province's sasaran and misi, and
give the kab/kota the province's links to the national agenda instead of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from selaras.checks.data import PlanningData
from selaras.domain import DocumentKind, Item, ItemLevel, ItemRef, Plan

__all__ = ["PUSAT", "Reach", "has_rpjmd_targets", "is_national", "owner", "reach_of", "rpjmd_priorities"]

PUSAT = "00"
_NATIONAL_KINDS = (DocumentKind.ASTA_CITA.value, DocumentKind.RPJMN.value)
_RPJMD_TARGETS = (ItemLevel.SASARAN, ItemLevel.PRIORITAS)
_EMPTY: frozenset[ItemRef] = frozenset()
_PROGRAM_DOCUMENTS = (DocumentKind.RPJMD, DocumentKind.RENSTRA, DocumentKind.RENJA, DocumentKind.RKPD)


def owner(ref: ItemRef) -> tuple[str, str]:
    """(pemda, kind) read from a document key ``pemda/KIND/pd/period/version`` — works for documents
    that are not loaded too (links to the national frameworks)."""
    pemda, kind, *_ = ref.document.split("/")
    return pemda, kind


def is_national(ref: ItemRef) -> bool:
    pemda, kind = owner(ref)
    return pemda == PUSAT and kind in _NATIONAL_KINDS


def _crosses_pemda(ref: ItemRef, successor: ItemRef) -> bool:
    """Whether a step leads into a document of another regional pemda (see the module docstring). Most steps
    stay in their document (to a parent), which the first comparison settles."""
    if successor.document == ref.document:
        return False
    there = successor.document.partition("/")[0]
    return there != PUSAT and there != ref.document.partition("/")[0]


def rpjmd_priorities(data: PlanningData, pemda: str) -> list[tuple[ItemRef, Item]]:
    """The prioritas daerah of the pemda's RPJMD (the governor's, or the bupati's or wali kota's), in document
    order."""
    return [
        (ItemRef(plan.document.key, item.key), item)
        for plan in data.plans_of(DocumentKind.RPJMD, pemda)
        for item in plan.items
        if item.level is ItemLevel.PRIORITAS
    ]


def has_rpjmd_targets(data: PlanningData, pemda: str) -> bool:
    """Whether an RPJMD of ``pemda`` with a sasaran or prioritas is loaded: the regional targets its Renja can
    reach at all. Without one, nothing of the pemda can be aligned regionally, which is not the same as nothing
    being aligned."""
    return any(item.level in _RPJMD_TARGETS for plan in data.plans_of(DocumentKind.RPJMD, pemda) for item in plan.items)


class Reach:
    """The alignment targets each item reaches through accepted links (its own or its ancestors')."""

    def __init__(self, data: PlanningData) -> None:
        self._data = data
        self._memo: dict[ItemRef, frozenset[ItemRef]] = {}
        self._supported: dict[str, frozenset[ItemRef]] = {}
        self._regional = self._regional_targets(data)

    @staticmethod
    def _regional_targets(data: PlanningData) -> set[ItemRef]:
        targets: set[ItemRef] = set()
        for kind, levels in ((DocumentKind.RPJMD, _RPJMD_TARGETS), (DocumentKind.RPJPD, (ItemLevel.MISI,))):
            for plan in data.plans_of(kind):
                if plan.document.pemda != PUSAT:
                    key = plan.document.key
                    targets.update(ItemRef(key, item.key) for item in plan.items if item.level in levels)
        return targets

    def targets(self, ref: ItemRef) -> frozenset[ItemRef]:
        return self._walk(ref, set())[0]

    def _walk(self, ref: ItemRef, active: set[ItemRef]) -> tuple[frozenset[ItemRef], bool]:
        """Targets of ``ref`` and whether the answer is complete (a cycle cut short is not memoised)."""
        known = self._memo.get(ref)
        if known is not None:
            return known, True
        if ref in active:
            return _EMPTY, False
        active.add(ref)
        parts = [frozenset({ref})] if ref in self._regional or is_national(ref) else []
        complete = True
        for successor in self._successors(ref):
            if _crosses_pemda(ref, successor):
                if successor in self._regional:
                    parts.append(frozenset({successor}))
                continue
            found, done = self._walk(successor, active)
            complete = complete and done
            if found:
                parts.append(found)
        active.discard(ref)
        result = parts[0] if len(parts) == 1 else frozenset().union(*parts)
        if complete:
            self._memo[ref] = result
        return result, complete

    def _successors(self, ref: ItemRef) -> Iterator[ItemRef]:
        for link in self._data.accepted_links_from(ref):
            yield link.target
        item = self._data.item(ref)
        if item is not None and item.parent is not None:
            yield ItemRef(ref.document, item.parent)

    def supported_by_programs(self, pemda: str) -> frozenset[ItemRef]:
        """Every target some program, kegiatan or sub kegiatan of the pemda's documents reaches."""
        if pemda not in self._supported:
            plans = [plan for kind in _PROGRAM_DOCUMENTS for plan in self._data.plans_of(kind, pemda)]
            self._supported[pemda] = self._union(plans, year=None)
        return self._supported[pemda]

    def stated_by_rpjmd(self, pemda: str) -> frozenset[ItemRef]:
        """Every target some item of the pemda's RPJMD reaches: what the RPJMD itself says it serves (its own
        targets, the national agenda, and the province's priorities a kab/kota RPJMD links to)."""
        found = [
            self.targets(ItemRef(plan.document.key, item.key))
            for plan in self._data.plans_of(DocumentKind.RPJMD, pemda)
            for item in plan.items
        ]
        return frozenset().union(*found)

    def funded_by_renja(self, pemda: str, year: int) -> frozenset[ItemRef] | None:
        """Targets reached by Renja items with pagu in ``year``; None when the pemda has no Renja that year."""
        plans = [plan for plan in self._data.plans_of(DocumentKind.RENJA, pemda) if year in plan.document.period]
        return self._union(plans, year=year) if plans else None

    def _union(self, plans: list[Plan], *, year: int | None) -> frozenset[ItemRef]:
        """Targets of the program-part items of ``plans`` (with pagu in ``year`` when given). A sub kegiatan
        usually shares its parent's (memoised) set, so identical sets are merged once."""
        distinct: dict[int, frozenset[ItemRef]] = {}
        for plan in plans:
            key = plan.document.key
            for item in plan.items:
                if item.level.is_program_part and (year is None or (item.pagu(year) or 0) > 0):
                    found = self.targets(ItemRef(key, item.key))
                    distinct.setdefault(id(found), found)
        return frozenset().union(*distinct.values())


def reach_of(data: PlanningData) -> Reach:
    """The (per-run, shared) reachability of ``data``."""
    return data.derived("reach", Reach)
