"""What changed between two versions of a plan: what a Rakor discusses and what a replacement would do.

Items are matched by key (the nomenclature code, or ``<sub unit>/<code>``); an item whose key changed but whose
name did not is the same work under a new code (``kode berubah``), not one removal and one addition.
Indicators are matched by name within their item. Each change is one :class:`Change` with the item, the
field, the year where it has one, and the old and new values as a planner reads them, so the text, JSON and
Excel outputs are the same list.

:func:`links_lost` is the rule a replacement follows for links (``store.plans.save_plan`` uses it too), so a
preview can name exactly the links the replacement would drop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from selaras.domain.indicators import Indicator
from selaras.domain.items import Item, ItemLevel
from selaras.domain.links import Link, LinkOrigin
from selaras.domain.plan import Plan

__all__ = ["Change", "LinkIdentity", "PlanDiff", "diff_plans", "link_identity", "links_lost"]

LinkIdentity = tuple[str, str, str, str]
_ChangeOf = Callable[..., "Change"]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``kind`` is ``ditambah`` / ``dihapus`` / ``kode berubah`` / ``nama`` / ``induk`` /
    ``indikator ditambah`` / ``indikator dihapus`` / ``satuan`` / ``target`` / ``kondisi awal`` / ``pagu``."""

    kind: str
    item: str
    level: str
    text: str
    year: int | None = None
    indicator: str = ""
    old: str = ""
    new: str = ""


@dataclass(slots=True)
class PlanDiff:
    """The changes from ``old`` to ``new``, with program pagu totals per year and the links gained and lost."""

    changes: list[Change] = field(default_factory=list)
    pagu_old: dict[int, Decimal] = field(default_factory=dict)
    pagu_new: dict[int, Decimal] = field(default_factory=dict)
    links_gained: list[Link] = field(default_factory=list)
    links_lost: list[Link] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.links_gained or self.links_lost)

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    normal = value.normalize()
    return format(normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal, "f")


def _name(text: str) -> str:
    return " ".join(text.casefold().split())


def link_identity(link: Link) -> LinkIdentity:
    """What makes two links the same link: source item, target document and item, kind."""
    return (link.source.item, link.target.document, link.target.item, link.kind.value)


def links_lost(stored: Iterable[Link], plan: Plan, removed_by_file: Iterable[LinkIdentity] = ()) -> list[Link]:
    """The stored outgoing links a replacement by ``plan`` drops: imported ones (the file is their source) that
    the plan does not restate, those whose source item is gone, and those the file itself removed (they were
    in the file's previous import and are not in this one). Links made in the web or CLI on surviving items
    are kept. Links the plan restates are replaced by the plan's own, so they are not lost."""
    keys = {item.key for item in plan.items}
    restated = {link_identity(link) for link in plan.links}
    removed = set(removed_by_file)
    return [
        link
        for link in stored
        if link_identity(link) not in restated
        and (link.origin is LinkOrigin.IMPORTED or link.source.item not in keys or link_identity(link) in removed)
    ]


def diff_plans(old: Plan, new: Plan, *, removed_by_file: Iterable[LinkIdentity] = ()) -> PlanDiff:
    """Every change from ``old`` to ``new`` (see the module docstring)."""
    diff = PlanDiff(pagu_old=old.pagu_per_year(ItemLevel.PROGRAM), pagu_new=new.pagu_per_year(ItemLevel.PROGRAM))
    before = {item.key: item for item in old.items}
    after = {item.key: item for item in new.items}
    gone = [item for key, item in before.items() if key not in after]
    came = [item for key, item in after.items() if key not in before]
    recoded = _recoded(gone, came)
    for was, now in recoded:
        diff.changes.append(Change("kode berubah", now.key, now.level.value, now.text, old=was.key, new=now.key))
    moved_from = {was.key for was, _ in recoded}
    moved_to = {now.key for _, now in recoded}
    for item in came:
        if item.key not in moved_to:
            diff.changes.append(Change("ditambah", item.key, item.level.value, item.text))
    for item in gone:
        if item.key not in moved_from:
            diff.changes.append(Change("dihapus", item.key, item.level.value, item.text))
    pairs = [(before[key], after[key]) for key in before if key in after] + recoded
    for was, now in pairs:
        diff.changes.extend(_item_changes(was, now))
    stored_links = {link_identity(link): link for link in old.links}
    new_links = {link_identity(link): link for link in new.links}
    diff.links_gained = [link for key, link in new_links.items() if key not in stored_links]
    diff.links_lost = [
        link
        for key, link in stored_links.items()
        if key not in new_links and link in links_lost(old.links, new, removed_by_file)
    ]
    return diff


def _recoded(gone: list[Item], came: list[Item]) -> list[tuple[Item, Item]]:
    """Removed and added items of the same level and name: the same work under another code."""
    waiting = {(item.level, _name(item.text)): item for item in came}
    pairs = []
    for item in gone:
        match = waiting.pop((item.level, _name(item.text)), None)
        if match is not None:
            pairs.append((item, match))
    return pairs


def _item_changes(was: Item, now: Item) -> list[Change]:
    def change(kind: str, **values: object) -> Change:
        return Change(kind, now.key, now.level.value, now.text, **values)  # type: ignore[arg-type]  # typed fields

    changes = []
    if _name(was.text) != _name(now.text):
        changes.append(change("nama", old=was.text, new=now.text))
    if was.parent != now.parent and was.key == now.key:
        changes.append(change("induk", old=was.parent or "", new=now.parent or ""))
    changes.extend(_indicator_changes(was.indicators, now.indicators, change))
    years = sorted({budget.year for budget in was.budgets} | {budget.year for budget in now.budgets})
    for year in years:
        if was.pagu(year) != now.pagu(year):
            changes.append(change("pagu", year=year, old=_number(was.pagu(year)), new=_number(now.pagu(year))))
    return changes


def _indicator_changes(was: list[Indicator], now: list[Indicator], change: _ChangeOf) -> list[Change]:
    before = {_name(indicator.name): indicator for indicator in was}
    after = {_name(indicator.name): indicator for indicator in now}
    changes = [change("indikator dihapus", indicator=item.name) for key, item in before.items() if key not in after]
    changes += [change("indikator ditambah", indicator=item.name) for key, item in after.items() if key not in before]
    for key in before.keys() & after.keys():
        old, new = before[key], after[key]
        if old.satuan != new.satuan:
            changes.append(change("satuan", indicator=new.name, old=old.satuan, new=new.satuan))
        if old.baseline != new.baseline:
            changes.append(
                change("kondisi awal", indicator=new.name, old=_number(old.baseline), new=_number(new.baseline))
            )
        for year in sorted(old.targets.keys() | new.targets.keys()):
            if old.target(year) != new.target(year):
                changes.append(
                    change(
                        "target",
                        indicator=new.name,
                        year=year,
                        old=_number(old.target(year)),
                        new=_number(new.target(year)),
                    )
                )
    return sorted(changes, key=lambda item: (item.kind, item.indicator, item.year or 0))
