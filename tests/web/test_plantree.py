"""The year's pohon kinerja as data (selaras/web/plantree.py): which plans hang under the RPJMD, pagu totals that
count an item once however many branches reach it, and the findings marker of each item."""

from __future__ import annotations

from decimal import Decimal

from factories import coded, data, link, plan, strategic

from selaras.checks.findings import Finding, Location
from selaras.domain import DocumentKind, ItemLevel, ItemRef, Plan
from selaras.web.plantree import Branch, Flag, cascade, default_programs, flags
from selaras.web.plantree import strategic as is_strategic

SEVERITY = {"SEL101": "galat", "SEL201": "peringatan", "SEL301": "info"}


def rpjmd() -> Plan:
    return plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Masyarakat sehat dan cerdas"),
            strategic("M1.S1", ItemLevel.SASARAN, "Umur harapan hidup naik", parent="M1"),
            strategic("M1.S2", ItemLevel.SASARAN, "Rata-rata lama sekolah naik", parent="M1"),
        ],
    )


def renja(pd: str, pagu: str) -> Plan:
    items = [
        coded("1.02.02", "PROGRAM UPAYA KESEHATAN"),
        coded("1.02.02.2.01", "Layanan kesehatan", pagu={2026: pagu}),
        coded("1.02.02.2.01.0001", "Kesehatan ibu hamil", pagu={2026: pagu}),
    ]
    return plan(DocumentKind.RENJA, items, pd=pd)


def walk(branches: list[Branch]) -> dict[str, Branch]:
    found: dict[str, Branch] = {}
    for branch in branches:
        found.setdefault(branch.node.ref.item, branch)
        found.update({k: v for k, v in walk(branch.children).items() if k not in found})
    return found


def test_a_program_under_two_sasaran_counts_once_in_the_misi_total() -> None:
    strategic_plan, health, school = rpjmd(), renja("1.02.01", "300"), renja("1.01.01", "200")
    health.links += [link(health, "1.02.02", strategic_plan, "M1.S1"), link(health, "1.02.02", strategic_plan, "M1.S2")]
    school.links.append(link(school, "1.02.02", strategic_plan, "M1.S2"))
    tree = cascade(data(strategic_plan, health, school), "62", 2026, DocumentKind.RENJA)
    drawn = walk(tree.grow(tree.roots(), {}, expand=lambda _: True, cap=100))
    assert (drawn["M1.S1"].total, drawn["M1.S2"].total) == (Decimal(300), Decimal(500))
    assert (drawn["M1"].total, drawn["M1"].summed) == (Decimal(500), True)  # not 800: the health program once
    assert (drawn["1.02.02.2.01"].total, drawn["1.02.02.2.01"].summed) == (Decimal(300), False)
    assert tree.unlinked() == []


def test_the_first_page_draws_the_strategic_levels_and_leaves_kegiatan_to_load() -> None:
    strategic_plan, health = rpjmd(), renja("1.02.01", "300")
    health.links.append(link(health, "1.02.02", strategic_plan, "M1.S1"))
    tree = cascade(data(strategic_plan, health), "62", 2026, DocumentKind.RENJA)
    [misi] = tree.grow(tree.roots(), {}, expand=is_strategic, cap=100)
    program = misi.children[0].children[0]
    assert (program.node.level, program.children, program.unloaded) == ("program", [], 1)
    [capped] = tree.grow(tree.roots(), {}, expand=lambda _: True, cap=2)  # over the cap: closed, not cut
    assert (capped.children, capped.unloaded) == ([], 2)


def test_renstra_or_renja_programs_and_links_that_go_round_in_a_circle() -> None:
    strategic_plan, health = rpjmd(), renja("1.02.01", "300")
    renstra = plan(
        DocumentKind.RENSTRA, [coded("1.02.02", "PROGRAM UPAYA KESEHATAN", pagu={2026: "900"})], pd="1.02.01"
    )
    renstra.links.append(link(renstra, "1.02.02", strategic_plan, "M1.S1"))
    health.links += [
        link(health, "1.02.02", strategic_plan, "M1.S1"),
        link(health, "1.02.02", health, "1.02.02.2.01"),
    ]  # a cycle
    planning = data(strategic_plan, health, renstra)
    assert default_programs(planning, "62", 2026) is DocumentKind.RENJA
    assert default_programs(data(strategic_plan, renstra), "62", 2026) is DocumentKind.RENSTRA
    for kind, total in ((DocumentKind.RENJA, Decimal(300)), (DocumentKind.RENSTRA, Decimal(900))):
        tree = cascade(planning, "62", 2026, kind)
        drawn = walk(tree.grow(tree.roots(), {}, expand=lambda _: True, cap=100))
        assert drawn["M1.S1"].total == total
        [program] = drawn["M1.S1"].children
        assert program.node.document_kind == kind.value


def test_a_marker_counts_the_findings_on_its_item_in_the_colour_of_the_worst() -> None:
    where = ItemRef("62/RENJA/1.02.01/2026/final", "1.02.02")

    def finding(code: str, pemda: str = "62", item: str = where.item) -> Finding:
        return Finding(code, Location(pemda, where.document, item))

    found = [
        finding("SEL301"),
        finding("SEL101"),
        finding("SEL201"),
        finding("SEL101", pemda="62.71"),
        finding("SEL201", item=""),
    ]
    assert flags(found, "62", SEVERITY.__getitem__) == {where: Flag(3, "galat")}
    assert flags(found[2:3], "62", SEVERITY.__getitem__) == {where: Flag(1, "peringatan")}
