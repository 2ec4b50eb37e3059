"""Which programs, kegiatan and sub kegiatan a sample PD runs, and their Renstra indicators and pagu.

Choices come from the nomenclature in force for the sample's period (2025-2029: the SIPD list) and the
pemda's level, and each sub kegiatan is measured by the standard indicator that list gives it. The order in
which a bidang's codes are offered depends on the seed only (not on the pemda), so kab/kota of one province
run largely the same sub kegiatan — as real ones do, and as a unit-cost comparison needs. Within one pemda a
non-penunjang sub kegiatan goes to one PD only; program penunjang (``X.XX.01`` written with the PD's first
bidang) belongs to every PD by design.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from selaras.domain import (
    Budget,
    CodeLevel,
    Direction,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    parse_code,
)
from selaras.reference.nomenclature import Nomenclature, NomenclatureEntry
from selaras.reference.nomenclature_versions import nomenclature_in_force
from selaras.sample.agencies import Role
from selaras.sample.documents import MEDIUM_PERIOD
from selaras.sample.texts import output_indicator, program_outcome
from selaras.sample.values import output_counts, pagu_for, trajectory, unit_cost

__all__ = ["COUNTABLE", "Catalog", "Pick", "catalog", "nomenclature", "pick_programs", "program_items", "summed"]

# Codes only Aceh, DIY, Papua, Bali or administrative cities use, and rows the 2020 list marks with asterisks.
_SPECIAL = re.compile(
    r"(?i)aceh|dayah|keistimewa|kaistimewan|yogyakarta|papua|\bbali\b|otonomi khusus|qanun|wilayatul|\bMRP\b"
    r"|\*|(kota|kabupaten) administrasi|administrasi (kota|kabupaten)\b"
)
# Standard indicators that open with a quantity word (nearly all: "Jumlah ...") measure the sample's sub
# kegiatan; the rest name a state or a product ("Tersedianya ...", "Laporan Koordinasi ...") that the
# performance rules read as unmeasurable or as restating the activity, so the sample words those itself.
COUNTABLE = re.compile(r"^(Jumlah|Persentase|Panjang|Luas|Kapasitas)\b")
_GENERAL_PENUNJANG = ("01", "02", "03", "05", "06", "07", "08", "09")
SUMBER_DANA = "APBD"


def nomenclature() -> Nomenclature:
    """The list in force for the sample's documents (they all start in 2025)."""
    return nomenclature_in_force(MEDIUM_PERIOD.start)


@dataclass(frozen=True, slots=True)
class Node:
    """A nomenclature entry with the usable entries below it, in the seed's order (a sub kegiatan: with its
    standard indicator and satuan)."""

    code: str
    name: str
    children: tuple[Node, ...] = ()
    indikator: str = ""
    satuan: str = ""


def _usable(entry: NomenclatureEntry, jenis: str) -> bool:
    """Active, not a special-region item, and (kegiatan and below) of this level's own authority: the digit
    3-8 blocks of the SIPD list serve special-autonomy regions only."""
    if not entry.active or entry.code.parent is None or _SPECIAL.search(entry.name):
        return False
    return entry.code.level in (CodeLevel.PROGRAM, CodeLevel.BIDANG_URUSAN) or entry.code.kewenangan == jenis


@dataclass(slots=True)
class Pick:
    """A chosen program/kegiatan/sub kegiatan (codes as written in the PD's plan)."""

    code: str
    name: str
    children: list[Pick] = field(default_factory=list)
    indikator: str = ""
    satuan: str = ""

    @property
    def penunjang(self) -> bool:
        return parse_code(self.code).is_penunjang


class Catalog:
    """The usable part of the nomenclature for one pemda level, ordered by the seed."""

    def __init__(self, jenis: str, seed: int) -> None:
        self.jenis = jenis
        below: dict[str, list[NomenclatureEntry]] = {}
        for entry in nomenclature().entries(jenis=jenis):
            parent = entry.code.parent
            if parent is not None and _usable(entry, jenis):
                below.setdefault(parent.text, []).append(entry)

        def node(entry: NomenclatureEntry) -> Node | None:
            if entry.code.level is CodeLevel.SUB_KEGIATAN:
                return Node(entry.code.text, entry.name, indikator=entry.indikator, satuan=entry.satuan)
            children = [child for e in below.get(entry.code.text, []) if (child := node(e)) is not None]
            if not children:
                return None
            random.Random(f"{seed}/catalog/{jenis}/{entry.code.text}").shuffle(children)
            return Node(entry.code.text, entry.name, tuple(children))

        self.programs: dict[str, list[Node]] = {}
        for urusan in (e for e in nomenclature().entries(CodeLevel.URUSAN, jenis) if e.code.text != "X"):
            for bidang in below.get(urusan.code.text, []):
                nodes = [
                    n
                    for program in below.get(bidang.code.text, [])
                    if not program.code.is_penunjang and (n := node(program)) is not None
                ]
                if nodes:
                    self.programs[bidang.code.text] = nodes
        penunjang = next(e for e in below["X.XX"] if e.code.is_penunjang)
        self.penunjang = {n.code.split(".")[-1]: n for n in (node(e) for e in below[penunjang.code.text]) if n}

    @property
    def usable_bidang(self) -> frozenset[str]:
        return frozenset(self.programs)


@cache
def catalog(jenis: str, seed: int) -> Catalog:
    return Catalog(jenis, seed)


def _code_order(pick: Pick) -> str:
    """Plans list their codes in nomenclature order, whatever order they were chosen in."""
    return pick.code


def _take(nodes: tuple[Node, ...], used: set[str], rng: random.Random) -> list[Pick]:
    """2-4 kegiatan from ``nodes``, each with 2-4 sub kegiatan not yet ``used`` in this pemda."""
    wanted = rng.randint(2, 4)
    picks: list[Pick] = []
    for kegiatan in nodes:
        subs = [Pick(s.code, s.name, indikator=s.indikator, satuan=s.satuan) for s in kegiatan.children]
        subs = [sub for sub in subs if sub.code not in used][: rng.randint(2, 4)]
        if subs:
            used.update(s.code for s in subs)
            picks.append(Pick(kegiatan.code, kegiatan.name, sorted(subs, key=_code_order)))
        if len(picks) == wanted:
            break
    return sorted(picks, key=_code_order)


def _written(code: str, bidang: str, jenis: str) -> Pick | None:
    """A placeholder code written with ``bidang`` (``X.XX.01.2.01`` → ``1.02.01.2.01``) with its reference name
    and standard indicator (a fresh pick on every call: callers add children)."""
    parsed = parse_code(bidang + code[4:])
    entry = nomenclature().lookup(parsed, jenis)
    return Pick(parsed.text, entry.name, indikator=entry.indikator, satuan=entry.satuan) if entry else None


def _penunjang(role: Role, bidang: str, cat: Catalog, used: set[str], rng: random.Random) -> Pick | None:
    """Program penunjang written with the PD's first bidang; names looked up in the nomenclature.

    PD sharing a first bidang (Dinas Kesehatan and RSUD) get different sub kegiatan, so no code repeats
    within a pemda and a duplicate-code check has nothing to report on clean data."""
    general = [n for n in _GENERAL_PENUNJANG if n in cat.penunjang]
    numbers = [*(n for n in role.penunjang if n in cat.penunjang), *sorted(rng.sample(general, rng.randint(2, 3)))]
    pick = _written("X.XX.01", bidang, cat.jenis)
    if pick is None:
        return None
    for number in numbers:
        kegiatan = _written(cat.penunjang[number].code, bidang, cat.jenis)
        written = (_written(node.code, bidang, cat.jenis) for node in cat.penunjang[number].children)
        subs = [sub for sub in written if sub and sub.code not in used][: rng.randint(2, 4)]
        if kegiatan and subs:
            used.update(sub.code for sub in subs)
            kegiatan.children = sorted(subs, key=_code_order)
            pick.children.append(kegiatan)
    pick.children.sort(key=_code_order)
    return pick if pick.children else None


def pick_programs(role: Role, bidang: tuple[str, ...], cat: Catalog, used: set[str], rng: random.Random) -> list[Pick]:
    """Program penunjang plus 2-5 programs of the PD's bidang (each 2-4 kegiatan of 2-4 sub kegiatan)."""
    ranked = [
        (rank, position, program)
        for position, b in enumerate(bidang)
        for rank, program in enumerate(cat.programs.get(b, []))
        if not role.programs or program.code in role.programs
    ]
    offered = [program for _, _, program in sorted(ranked, key=lambda entry: entry[:2])]  # alternate the bidang
    picks: list[Pick] = []
    penunjang = _penunjang(role, bidang[0], cat, used, rng)
    if penunjang is not None:
        picks.append(penunjang)
    wanted = rng.randint(2, 5)
    for program in offered:
        kegiatan = _take(program.children, used, rng)
        if kegiatan:
            picks.append(Pick(program.code, program.name, kegiatan))
        if len(picks) > wanted:
            break
    return [*picks[:1], *sorted(picks[1:], key=_code_order)] if penunjang else sorted(picks, key=_code_order)


def _output(rng: random.Random, sub: Pick, years: range) -> tuple[Indicator, list[Budget]]:
    """A sub kegiatan's output indicator (the standard one where the nomenclature gives it) and the pagu its
    yearly targets cost."""
    indicator_name, satuan, constant = output_indicator(sub.name)
    if COUNTABLE.match(sub.indikator) and sub.satuan:
        indicator_name, satuan = sub.indikator, sub.satuan
    code = sub.code
    cost = unit_cost(code)
    baseline, counts = output_counts(rng, cost, years, constant=constant)
    indicator = Indicator(
        name=indicator_name,
        satuan=satuan,
        kind=IndicatorKind.OUTPUT,
        baseline=Decimal(baseline),
        direction=Direction.TETAP if constant else Direction.NAIK,
        targets={year: Decimal(count) for year, count in zip(years, counts, strict=True)},
    )
    budgets = [
        Budget(year, pagu_for(rng, cost, count), sumber_dana=SUMBER_DANA)
        for year, count in zip(years, counts, strict=True)
    ]
    return indicator, budgets


def _kegiatan_output(rng: random.Random, name: str, years: range) -> Indicator:
    indicator_name, satuan, constant = output_indicator(name)
    first = rng.choice((1, 2, 4)) if constant else rng.randint(2, 12)
    step = 0 if constant else 1
    return Indicator(
        name=indicator_name,
        satuan=satuan,
        kind=IndicatorKind.OUTPUT,
        baseline=Decimal(first - step),
        direction=Direction.TETAP if constant else Direction.NAIK,
        targets={year: Decimal(first + step * i) for i, year in enumerate(years)},
    )


def summed(children: list[Item], years: range) -> list[Budget]:
    """The parent's pagu per year: exactly the sum of its children's."""
    totals = dict.fromkeys(years, Decimal(0))
    for child in children:
        for budget in child.budgets:
            totals[budget.year] += budget.pagu
    return [Budget(year, total, sumber_dana=SUMBER_DANA) for year, total in totals.items()]


def program_items(rng: random.Random, picks: list[Pick], years: range) -> list[Item]:
    """Renstra program part in document order: each program, then its kegiatan, each followed by its sub kegiatan."""
    items: list[Item] = []
    for program_order, program in enumerate(picks, start=1):
        spec = program_outcome(program.name, penunjang=program.penunjang)
        outcome = trajectory(rng, spec, years, IndicatorKind.OUTCOME)
        program_item = Item(
            program.code, ItemLevel.PROGRAM, program.name, code=program.code, order=program_order, indicators=[outcome]
        )
        items.append(program_item)
        kegiatan_items: list[Item] = []
        for kegiatan_order, kegiatan in enumerate(program.children, start=1):
            kegiatan_item = Item(
                kegiatan.code,
                ItemLevel.KEGIATAN,
                kegiatan.name,
                code=kegiatan.code,
                parent=program.code,
                order=kegiatan_order,
                indicators=[_kegiatan_output(rng, kegiatan.name, years)],
            )
            subs: list[Item] = []
            for sub_order, sub in enumerate(kegiatan.children, start=1):
                indicator, budgets = _output(rng, sub, years)
                subs.append(
                    Item(
                        sub.code,
                        ItemLevel.SUB_KEGIATAN,
                        sub.name,
                        code=sub.code,
                        parent=kegiatan.code,
                        order=sub_order,
                        indicators=[indicator],
                        budgets=budgets,
                    )
                )
            kegiatan_item.budgets = summed(subs, years)
            kegiatan_items.append(kegiatan_item)
            items.append(kegiatan_item)
            items.extend(subs)
        program_item.budgets = summed(kegiatan_items, years)
    return items
