"""Everything the rules look at, loaded once and indexed: pemda, PD, plans and links.

Plans of every kind are there, the budget stage (KUA-PPAS, APBD, each in its ``murni`` and ``perubahan``
versions) included, so that rules can compare a year's budget with its RKPD/Renja.

Built by ``selaras.store.planning.load_planning_data`` from the database, or directly from a sample or a
test fixture; rules never query anything else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast

from selaras.domain import (
    DocumentKind,
    Item,
    ItemRef,
    Link,
    LinkStatus,
    Pemda,
    PemdaLevel,
    PerangkatDaerah,
    Plan,
)

__all__ = ["PlanningData"]

_T = TypeVar("_T")


@dataclass
class PlanningData:
    """A read-only view over pemda, PD, plans and links with the lookups rules need."""

    pemda: list[Pemda]
    perangkat_daerah: list[PerangkatDaerah]
    plans: list[Plan]
    extra_links: list[Link] = field(default_factory=list)
    """Links stored apart from their source plan (e.g. to documents not loaded)."""
    _derived: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, name: str, build: Callable[[PlanningData], _T]) -> _T:
        """An index a rule family derives from this data, built on first use and shared by all its rules in
        the run (e.g. which RPJMD targets each item reaches). ``name`` must be unique per kind of index."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return cast(_T, self._derived[name])

    @cached_property
    def links(self) -> list[Link]:
        """Every link: those carried by the plans and the extra ones."""
        return [link for plan in self.plans for link in plan.links] + self.extra_links

    @cached_property
    def _plans_by_key(self) -> dict[str, Plan]:
        return {plan.document.key: plan for plan in self.plans}

    @cached_property
    def _items(self) -> dict[ItemRef, Item]:
        return {ItemRef(plan.document.key, item.key): item for plan in self.plans for item in plan.items}

    @cached_property
    def _accepted_from(self) -> dict[ItemRef, list[Link]]:
        index: dict[ItemRef, list[Link]] = defaultdict(list)
        for link in self.links:
            if link.status is LinkStatus.ACCEPTED:
                index[link.source].append(link)
        return index

    @cached_property
    def _accepted_to(self) -> dict[ItemRef, list[Link]]:
        index: dict[ItemRef, list[Link]] = defaultdict(list)
        for link in self.links:
            if link.status is LinkStatus.ACCEPTED:
                index[link.target].append(link)
        return index

    @cached_property
    def _pemda_by_code(self) -> dict[str, Pemda]:
        return {pemda.kode: pemda for pemda in self.pemda}

    @cached_property
    def _pd_by_key(self) -> dict[tuple[str, str], PerangkatDaerah]:
        return {(pd.pemda, pd.kode): pd for pd in self.perangkat_daerah}

    def plan(self, key: str) -> Plan | None:
        return self._plans_by_key.get(key)

    def item(self, ref: ItemRef) -> Item | None:
        return self._items.get(ref)

    def get_pemda(self, kode: str) -> Pemda | None:
        return self._pemda_by_code.get(kode)

    def get_pd(self, pemda: str, kode: str) -> PerangkatDaerah | None:
        return self._pd_by_key.get((pemda, kode))

    @cached_property
    def _plans_by_kind_pemda(self) -> dict[tuple[DocumentKind, str | None], list[Plan]]:
        """Plans per (kind, pemda) and per (kind, None) for all pemda, in load order: rules ask per pemda, and
        scanning every plan for each of 546 pemda would be quadratic."""
        index: dict[tuple[DocumentKind, str | None], list[Plan]] = defaultdict(list)
        for plan in self.plans:
            index[plan.document.kind, plan.document.pemda].append(plan)
            index[plan.document.kind, None].append(plan)
        return index

    def plans_of(self, kind: DocumentKind, pemda: str | None = None, pd: str | None = None) -> Iterator[Plan]:
        """Plans of one kind, optionally of one pemda and one PD, in load order."""
        for plan in self._plans_by_kind_pemda.get((kind, pemda), []):
            if pd in (None, plan.document.pd):
                yield plan

    def plans_in_year(self, kind: DocumentKind, pemda: str, year: int, *, version: str | None = None) -> list[Plan]:
        """Plans of one kind and pemda whose period covers ``year``, optionally of one version (``murni``), in
        load order (by document key)."""
        return [
            plan
            for plan in self.plans_of(kind, pemda)
            if year in plan.document.period and version in (None, plan.document.version)
        ]

    def accepted_links_from(self, ref: ItemRef) -> list[Link]:
        """Accepted links whose source is ``ref`` (only accepted links count for alignment)."""
        return self._accepted_from.get(ref, [])

    def accepted_links_to(self, ref: ItemRef) -> list[Link]:
        return self._accepted_to.get(ref, [])

    def regional_pemda(self) -> list[Pemda]:
        """The provinsi and kabupaten/kota loaded (not the central government)."""
        return [pemda for pemda in self.pemda if pemda.level is not PemdaLevel.PUSAT]

    def regional_plans(self, kind: DocumentKind) -> Iterator[Plan]:
        """Plans of one kind owned by a provinsi or kabupaten/kota, in load order: the subjects of the
        checks. National framework documents (pemda ``00``) are context only; a pemda missing from
        ``self.pemda`` counts as regional unless its code is ``00``."""
        for plan in self.plans_of(kind):
            owner = self.get_pemda(plan.document.pemda)
            regional = owner.level is not PemdaLevel.PUSAT if owner is not None else plan.document.pemda != "00"
            if regional:
                yield plan

    def ancestors(self, plan: Plan, item: Item) -> Iterable[Item]:
        """The item's parents up to the root of its document, nearest first."""
        document = plan.document.key
        parent, seen = item.parent, set[str]()
        while parent is not None and parent not in seen:
            found = self._items.get(ItemRef(document, parent))
            if found is None:
                return
            seen.add(parent)
            yield found
            parent = found.parent
