"""Alignment rules: the cascade from programs up to RPJMD, RPJPD and the national agenda."""

from __future__ import annotations

from dataclasses import replace

from factories import (
    ASTA_CITA_KEY,
    KABUPATEN,
    KOTA,
    RPJMN_KEY,
    coded,
    data,
    indicator,
    link,
    plan,
    run_rendered,
    strategic,
)
from provincial_world import province_rpjmd_key, provincial_world

from selaras.checks.data import PlanningData
from selaras.checks.findings import Location
from selaras.checks.registry import registry
from selaras.checks.rules.alignment import (
    asta_cita_unsupported,
    link_missing,
    misi_unlinked,
    priority_national_unlinked,
    priority_unfunded,
    provincial_priority_unsupported,
    sasaran_without_program,
    target_unbudgeted,
)
from selaras.domain import DocumentKind, Item, ItemLevel, LinkStatus, Period, Plan

PD = "1.02.01"


def _rpjpd() -> Plan:
    return plan(
        DocumentKind.RPJPD,
        [strategic("M1", ItemLevel.MISI, "Mewujudkan SDM unggul")],
        period=Period(2025, 2045),
    )


def _rpjmd(rpjpd: Plan, *, linked_misi: bool = True, national: bool = True, extra_sasaran: bool = False) -> Plan:
    items = [
        strategic("M1", ItemLevel.MISI, "Meningkatkan kualitas SDM"),
        strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatnya derajat kesehatan", parent="M1"),
        strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya layanan kesehatan", parent="M1.T1"),
        strategic("P1", ItemLevel.PRIORITAS, "Kesehatan untuk semua"),
    ]
    if extra_sasaran:
        items.append(strategic("M1.T1.S2", ItemLevel.SASARAN, "Menurunnya stunting", parent="M1.T1"))
    rpjmd = plan(DocumentKind.RPJMD, items)
    if linked_misi:
        rpjmd.links.append(link(rpjmd, "M1", rpjpd, "M1"))
    if national:
        rpjmd.links.append(link(rpjmd, "P1", RPJMN_KEY, "PN4"))
        rpjmd.links.append(link(rpjmd, "M1", ASTA_CITA_KEY, "AC6"))
    return rpjmd


def _program_items(pagu: str = "1000") -> list[Item]:
    return [
        coded("1.02.02", "Program Pemenuhan Upaya Kesehatan", indicators=[indicator()], pagu={2026: pagu}),
        coded("1.02.02.2.02", "Penyediaan Layanan Kesehatan", indicators=[indicator()], pagu={2026: pagu}),
        coded("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan", indicators=[indicator()], pagu={2026: pagu}),
    ]


def _renstra(rpjmd: Plan, *, linked: bool = True) -> Plan:
    renstra = plan(
        DocumentKind.RENSTRA,
        [
            strategic("T1", ItemLevel.TUJUAN, "Meningkatnya layanan"),
            strategic("T1.S1", ItemLevel.SASARAN, "Meningkatnya cakupan layanan", parent="T1"),
            *_program_items(),
        ],
        pd=PD,
    )
    renstra.links.append(link(renstra, "T1.S1", rpjmd, "M1.T1.S1"))
    if linked:
        renstra.links.append(link(renstra, "1.02.02", renstra, "T1.S1"))
    return renstra


def _renja(renstra: Plan, rpjmd: Plan, *, pagu: str = "1000", status: LinkStatus = LinkStatus.ACCEPTED) -> Plan:
    renja = plan(DocumentKind.RENJA, _program_items(pagu), pd=PD)
    renja.links.append(link(renja, "1.02.02", renstra, "1.02.02", status=status))
    renja.links.append(link(renja, "1.02.02.2.02", rpjmd, "P1", status=status))
    return renja


def _world(**options: object) -> tuple[PlanningData, Plan, Plan, Plan]:
    """RPJPD → RPJMD → Renstra → Renja of one PD, all aligned unless an option says otherwise."""
    rpjpd = _rpjpd()
    rpjmd = _rpjmd(
        rpjpd,
        linked_misi=bool(options.get("linked_misi", True)),
        national=bool(options.get("national", True)),
        extra_sasaran=bool(options.get("extra_sasaran", False)),
    )
    renstra = _renstra(rpjmd, linked=bool(options.get("renstra_linked", True)))
    renja = _renja(
        renstra,
        rpjmd,
        pagu=str(options.get("pagu", "1000")),
        status=options.get("renja_status", LinkStatus.ACCEPTED),  # type: ignore[arg-type]
    )
    return data(rpjpd, rpjmd, renstra, renja), rpjmd, renstra, renja


def test_link_missing_silent_when_programs_reach_the_rpjmd_through_the_renstra() -> None:
    planning, *_ = _world()
    assert run_rendered(link_missing, planning) == []


def test_link_missing_reports_the_unlinked_program_once_not_its_children() -> None:
    planning, _, renstra, renja = _world(renstra_linked=False)
    findings = run_rendered(link_missing, planning)
    # The Renja program only links to the (now unlinked) Renstra program, so it is cut off too; its kegiatan
    # reaches P1 by itself, but the finding stays on the highest unlinked item.
    assert [finding.location for finding in findings] == [
        Location("62", renstra.document.key, "1.02.02", pd=PD, code="1.02.02"),
        Location("62", renja.document.key, "1.02.02", pd=PD, code="1.02.02"),
    ]
    assert findings[0].code == "SEL101"
    assert findings[0].evidence["name"] == "Program Pemenuhan Upaya Kesehatan"


def test_link_missing_ignores_links_that_are_only_proposed() -> None:
    planning, _, _, renja = _world(renja_status=LinkStatus.PROPOSED)
    findings = run_rendered(link_missing, planning)
    assert [(finding.location.document, finding.location.item) for finding in findings] == [
        (renja.document.key, "1.02.02")
    ]


def test_misi_unlinked_fires_for_a_misi_without_rpjpd_link() -> None:
    planning, rpjmd, _, _ = _world(linked_misi=False)
    findings = run_rendered(misi_unlinked, planning)
    assert [(f.code, f.location) for f in findings] == [("SEL102", Location("62", rpjmd.document.key, "M1"))]
    assert findings[0].evidence["name"] == "Meningkatkan kualitas SDM"
    assert run_rendered(misi_unlinked, _world()[0]) == []


def test_priority_national_unlinked() -> None:
    planning, rpjmd, _, _ = _world(national=False)
    findings = run_rendered(priority_national_unlinked, planning)
    assert [(f.code, f.location) for f in findings] == [("SEL103", Location("62", rpjmd.document.key, "P1"))]
    assert run_rendered(priority_national_unlinked, _world()[0]) == []


def test_priority_national_unlinked_needs_the_prioritys_own_national_link() -> None:
    # P1 is linked to its sasaran only; the sasaran's misi M1 supports AC6, which P1 does not "reach" by that.
    planning, rpjmd, _, _ = _world(national=False)
    rpjmd.links.append(link(rpjmd, "M1", ASTA_CITA_KEY, "AC6"))
    rpjmd.links.append(link(rpjmd, "P1", rpjmd, "M1.T1.S1"))
    findings = run_rendered(priority_national_unlinked, data(*planning.plans))
    assert [(f.code, f.location.item) for f in findings] == [("SEL103", "P1")]


def test_priority_national_unlinked_accepts_a_link_to_an_rpjmn_sasaran() -> None:
    planning, rpjmd, _, _ = _world(national=False)
    rpjmd.links.append(link(rpjmd, "P1", RPJMN_KEY, "PN4.S1"))
    assert run_rendered(priority_national_unlinked, data(*planning.plans)) == []


def test_priority_unfunded_when_no_program_reaches_the_priority() -> None:
    planning, rpjmd, _, _ = _world(renja_status=LinkStatus.REJECTED)
    findings = run_rendered(priority_unfunded, planning)
    assert [(f.code, f.location) for f in findings] == [("SEL104", Location("62", rpjmd.document.key, "P1"))]
    assert findings[0].evidence["name"] == "Kesehatan untuk semua"
    assert run_rendered(priority_unfunded, _world()[0]) == []


def test_sasaran_without_program() -> None:
    planning, rpjmd, _, _ = _world(extra_sasaran=True)
    findings = run_rendered(sasaran_without_program, planning)
    assert [(f.code, f.location) for f in findings] == [("SEL105", Location("62", rpjmd.document.key, "M1.T1.S2"))]
    assert run_rendered(sasaran_without_program, _world()[0]) == []


def test_target_unbudgeted_when_the_renja_gives_no_pagu_this_year() -> None:
    planning, rpjmd, _, _ = _world(pagu="0")
    findings = run_rendered(target_unbudgeted, planning)
    assert {f.location.item for f in findings} == {"M1.T1.S1", "P1"}
    assert findings[0].evidence["year"] == 2026
    assert all(f.location.document == rpjmd.document.key for f in findings)
    assert run_rendered(target_unbudgeted, _world()[0]) == []
    assert run_rendered(target_unbudgeted, planning, year=2027) == []  # no Renja 2027 loaded: nothing to judge


def test_asta_cita_unsupported_names_adopted_missions_no_program_reaches() -> None:
    planning, _, _, _ = _world(renja_status=LinkStatus.REJECTED, renstra_linked=False)
    findings = run_rendered(asta_cita_unsupported, planning)
    assert [(f.code, f.location) for f in findings] == [("SEL107", Location("62", ASTA_CITA_KEY, "AC6"))]
    assert run_rendered(asta_cita_unsupported, _world()[0]) == []  # the program reaches M1.T1.S1, under misi M1 → AC6


def test_provincial_priority_unsupported_names_the_governors_priority_under_the_kabkota() -> None:
    """The kabupaten's sasaran support P1 and P2; the kota's own priority supports P1 only."""
    findings = run_rendered(provincial_priority_unsupported, provincial_world())
    assert [(f.code, f.location) for f in findings] == [("SEL108", Location(KOTA.kode, province_rpjmd_key(), "P2"))]
    [finding] = findings
    assert registry.get("SEL108").render(finding)[0] == (
        "Tidak ada sasaran atau prioritas RPJMD Kota Palangkaraya yang tertaut ke prioritas provinsi P2 "
        "(Pembangunan jalan dan jembatan)."
    )


def test_provincial_priority_unsupported_counts_only_accepted_links_of_the_rpjmd() -> None:
    planning = provincial_world()
    for plan_ in planning.plans:
        if plan_.document.key.startswith(f"{KABUPATEN.kode}/RPJMD/"):
            plan_.links[:] = [replace(link_, status=LinkStatus.PROPOSED) for link_ in plan_.links]
    findings = run_rendered(provincial_priority_unsupported, planning)
    assert sorted((f.location.pemda, f.location.item) for f in findings) == [
        (KABUPATEN.kode, "P1"),
        (KABUPATEN.kode, "P2"),
        (KOTA.kode, "P2"),
    ]


def test_provincial_priority_unsupported_needs_both_rpjmd() -> None:
    """A kab/kota's own run (province not loaded) and a kab/kota without an RPJMD are not judged."""
    assert run_rendered(provincial_priority_unsupported, provincial_world(province=False)) == []
    planning = provincial_world()
    planning.plans[:] = [p for p in planning.plans if not p.document.key.startswith(f"{KOTA.kode}/RPJMD/")]
    assert run_rendered(provincial_priority_unsupported, planning) == []
