"""Alignment: the vertical cascade from programs up to the RPJMD, the RPJPD and the national agenda, the RPJMD
targets nothing below supports, and the governor's priorities a kab/kota RPJMD does not take up.

All rules share one walk over the accepted links (:mod:`selaras.checks.reach`), also used by the scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity, Location
from selaras.checks.locate import item_finding
from selaras.checks.reach import PUSAT, is_national, owner, reach_of, rpjmd_priorities
from selaras.checks.registry import registry
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, Item, ItemLevel, ItemRef, Pemda, Plan

__all__ = [
    "asta_cita_unsupported",
    "link_missing",
    "misi_unlinked",
    "priority_national_unlinked",
    "priority_unfunded",
    "provincial_priority_unsupported",
    "sasaran_without_program",
    "target_unbudgeted",
]

_RPJMD_TARGETS = (ItemLevel.SASARAN, ItemLevel.PRIORITAS)


def _rpjmd_items(data: PlanningData, pemda: Pemda, levels: Iterable[ItemLevel]) -> Iterator[tuple[Plan, Item]]:
    wanted = tuple(levels)
    for plan in data.plans_of(DocumentKind.RPJMD, pemda.kode):
        for item in plan.items:
            if item.level in wanted:
                yield plan, item


def _ref(plan: Plan, item: Item) -> ItemRef:
    return ItemRef(plan.document.key, item.key)


def _finding(code: str, plan: Plan, item: Item, **evidence: object) -> Finding:
    return item_finding(code, plan.document, item, {"key": item.key, "name": item.text, **evidence})


@registry.register(
    code="SEL101",
    name="link-missing",
    severity=FindingSeverity.PERINGATAN,
    title=("Program tidak terhubung ke RPJMD", "Program not linked to the RPJMD"),
    message=(
        "{level} {code} ({name}) tidak terhubung (melalui tautan yang diterima) ke sasaran RPJMD atau prioritas "
        "daerah mana pun.",
        "{level} {code} ({name}) does not reach any RPJMD sasaran or regional priority through accepted links.",
    ),
    suggestion=(
        "Tautkan {level} {code} ke sasaran RPJMD (atau sasaran Renstra yang mendukungnya) dan terima tautannya.",
        "Link {level} {code} to the RPJMD sasaran it serves (or to a Renstra sasaran that does) and accept it.",
    ),
)
def link_missing(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra or Renja program, kegiatan or sub kegiatan that reaches no RPJMD sasaran or regional
    priority of its own pemda, directly or through its parents and the Renstra sasaran/tujuan it links to.
    Reported once, at the highest unlinked item: a program without a link is one finding, not one per child.

    Why: every program must serve the RPJMD (Permendagri 86/2017); an unlinked program spends money on no
    agreed target. Pemda without a loaded RPJMD are skipped, since there is nothing to reach.

    Example: Renja 2026 of Dinas Kesehatan has program 1.02.02 with no accepted link upward.
    """
    reach = reach_of(data)
    for pemda in data.regional_pemda():
        own = {_ref(plan, item) for plan, item in _rpjmd_items(data, pemda, _RPJMD_TARGETS)}
        if not own:
            continue
        for kind in (DocumentKind.RENSTRA, DocumentKind.RENJA):
            for plan in data.plans_of(kind, pemda.kode):
                key = plan.document.key
                program_part = {item.key for item in plan.items if item.level.is_program_part}
                for item in plan.items:
                    if item.key not in program_part or item.parent in program_part:
                        continue  # not program part, or judged at its parent (which it reaches through)
                    if reach.targets(ItemRef(key, item.key)).isdisjoint(own):
                        evidence = {"level": item.level.label.capitalize(), "name": item.text}
                        yield item_finding("SEL101", plan.document, item, evidence)


@registry.register(
    code="SEL102",
    name="misi-unlinked",
    severity=FindingSeverity.PERINGATAN,
    title=("Misi RPJMD tidak terhubung ke RPJPD", "RPJMD misi not linked to the RPJPD"),
    message=(
        "Misi RPJMD {key} ({name}) tidak terhubung ke misi RPJPD mana pun.",
        "RPJMD misi {key} ({name}) is not linked to any RPJPD misi.",
    ),
    suggestion=(
        "Tautkan misi {key} ke misi RPJPD yang dijabarkannya dan terima tautannya.",
        "Link misi {key} to the RPJPD misi it elaborates and accept the link.",
    ),
)
def misi_unlinked(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RPJMD misi that reaches no RPJPD misi of its pemda through accepted links.

    Why: the RPJMD is the five-year stage of the RPJPD (UU 25/2004); a misi outside it breaks the long-term
    cascade. Pemda without a loaded RPJPD are skipped.

    Example: RPJMD 2025-2029 misi M3 "Mewujudkan tata kelola ..." with no link to RPJPD M1..M5.
    """
    reach = reach_of(data)
    for pemda in data.regional_pemda():
        rpjpd = {
            ItemRef(plan.document.key, item.key)
            for plan in data.plans_of(DocumentKind.RPJPD, pemda.kode)
            for item in plan.items
            if item.level is ItemLevel.MISI
        }
        if not rpjpd:
            continue
        for plan, item in _rpjmd_items(data, pemda, (ItemLevel.MISI,)):
            if reach.targets(_ref(plan, item)).isdisjoint(rpjpd):
                yield _finding("SEL102", plan, item)


@registry.register(
    code="SEL103",
    name="priority-national-unlinked",
    severity=FindingSeverity.PERINGATAN,
    title=("Prioritas daerah tanpa prioritas nasional", "Regional priority without a national priority"),
    message=(
        "Prioritas daerah {key} ({name}) tidak terhubung ke Asta Cita atau prioritas nasional RPJMN mana pun.",
        "Regional priority {key} ({name}) reaches no Asta Cita mission or RPJMN national priority.",
    ),
    suggestion=(
        "Tautkan prioritas {key} ke Asta Cita (AC1..AC8) atau prioritas nasional (PN1..PN8) yang didukungnya.",
        "Link priority {key} to the Asta Cita mission (AC1..AC8) or national priority (PN1..PN8) it supports.",
    ),
)
def priority_national_unlinked(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RPJMD prioritas without an accepted link of its own to a national target (an Asta Cita misi,
    an RPJMN prioritas nasional or sasaran: any item of pemda 00's Asta Cita or RPJMN). A link to its RPJMD
    sasaran does not count, even when that sasaran's misi supports an Asta Cita mission: every misi of a
    synchronised RPJMD does, so going through it would let every priority pass.

    Why: regional priorities must be synchronised with the national ones (RPJMN 2025-2029, Asta Cita); one that
    names none cannot be reported in the national synchronisation.

    Example: prioritas P4 "Penguatan pariwisata daerah" linked to sasaran M2.T1.S1 only, not to AC3 or PN3.
    """
    for pemda in data.regional_pemda():
        for plan, item in _rpjmd_items(data, pemda, (ItemLevel.PRIORITAS,)):
            if not any(is_national(link.target) for link in data.accepted_links_from(_ref(plan, item))):
                yield _finding("SEL103", plan, item)


@registry.register(
    code="SEL104",
    name="priority-unfunded",
    severity=FindingSeverity.PERINGATAN,
    title=("Prioritas daerah tanpa program", "Regional priority without a program"),
    message=(
        "Tidak ada program Renstra/Renja yang mendukung prioritas daerah {key} ({name}).",
        "No Renstra/Renja program supports regional priority {key} ({name}).",
    ),
    suggestion=(
        "Tautkan program PD yang melaksanakan prioritas {key} ke prioritas tersebut, atau tambahkan programnya.",
        "Link the agencies' programs that carry out priority {key} to it, or add such a program.",
    ),
)
def priority_unfunded(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a regional priority (RPJMD item of level prioritas) that no program, kegiatan or sub kegiatan
    of the pemda reaches through accepted links.

    Why: a priority no agency carries out gets no budget; it stays a promise on paper.

    Example: RPJMD prioritas P2 "Pembangunan infrastruktur jalan desa" with no program linked to it.
    """
    yield from _unsupported(data, "SEL104", ItemLevel.PRIORITAS)


@registry.register(
    code="SEL105",
    name="sasaran-without-program",
    severity=FindingSeverity.PERINGATAN,
    title=("Sasaran RPJMD tanpa program", "RPJMD sasaran without a program"),
    message=(
        "Tidak ada program Renstra/Renja yang mendukung sasaran RPJMD {key} ({name}).",
        "No Renstra/Renja program supports RPJMD sasaran {key} ({name}).",
    ),
    suggestion=(
        "Tautkan program yang mencapai sasaran {key} ke sasaran tersebut, atau tinjau ulang sasarannya.",
        "Link the programs that achieve sasaran {key} to it, or review the sasaran.",
    ),
)
def sasaran_without_program(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RPJMD sasaran that no program, kegiatan or sub kegiatan of the pemda reaches.

    Why: the RPJMD's targets are achieved only through the programs of the agencies; a sasaran with none has no
    means of being achieved and its indicator will not move.

    Example: sasaran M2.T1.S2 "Meningkatnya kualitas lingkungan hidup" with no program linked.
    """
    yield from _unsupported(data, "SEL105", ItemLevel.SASARAN)


def _unsupported(data: PlanningData, code: str, level: ItemLevel) -> Iterator[Finding]:
    reach = reach_of(data)
    for pemda in data.regional_pemda():
        supported = reach.supported_by_programs(pemda.kode)
        for plan, item in _rpjmd_items(data, pemda, (level,)):
            if _ref(plan, item) not in supported:
                yield _finding(code, plan, item)


@registry.register(
    code="SEL106",
    name="target-unbudgeted",
    severity=FindingSeverity.INFO,
    title=("Sasaran/prioritas tanpa pagu tahun ini", "Sasaran/priority without pagu this year"),
    message=(
        "Item {level} RPJMD {key} ({name}) didukung program, tetapi tidak ada program Renja {year} yang "
        "memberinya pagu.",
        "RPJMD {level} {key} ({name}) is supported by programs, but no Renja {year} program gives it pagu.",
    ),
    suggestion=(
        "Pastikan Renja {year} memuat pagu untuk program yang mendukung {key}, atau catat alasan penundaannya.",
        "Make sure the Renja {year} budgets a program supporting {key}, or record why it is deferred.",
    ),
)
def target_unbudgeted(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RPJMD sasaran or prioritas that some program supports but that gets no pagu in the year under
    review from the Renja items linked to it (only for pemda with Renja loaded for that year).

    Why: a target can be covered in the Renstra yet skipped in a year's budget; worth knowing before the Rakor,
    though deferring a program to a later year can be legitimate.

    Example: prioritas P3 is served by Renstra program 2.17.02, but the Renja 2026 gives that program no pagu.
    """
    reach = reach_of(data)
    for pemda in data.regional_pemda():
        funded = reach.funded_by_renja(pemda.kode, context.year)
        if funded is None:
            continue
        supported = reach.supported_by_programs(pemda.kode)
        for plan, item in _rpjmd_items(data, pemda, _RPJMD_TARGETS):
            ref = _ref(plan, item)
            if ref in supported and ref not in funded:
                yield _finding("SEL106", plan, item, level=item.level.label, year=context.year)


@registry.register(
    code="SEL107",
    name="asta-cita-unsupported",
    severity=FindingSeverity.INFO,
    title=("Asta Cita yang diadopsi tanpa program", "Adopted Asta Cita mission without a program"),
    message=(
        "RPJMD mengadopsi Asta Cita {key} ({name}), tetapi tidak ada program daerah yang mendukungnya.",
        "The RPJMD adopts Asta Cita {key} ({name}), but no regional program supports it.",
    ),
    suggestion=(
        "Tautkan program yang melaksanakan Asta Cita {key} ke sasaran/prioritas RPJMD yang mengadopsinya.",
        "Link the programs that carry out Asta Cita {key} to the RPJMD sasaran/priority that adopts it.",
    ),
)
def asta_cita_unsupported(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an Asta Cita mission the pemda adopted (reached from any RPJMD item) that no program, kegiatan or
    sub kegiatan of the pemda reaches. The location is the Asta Cita item, under the pemda.

    Why: adopting a national mission in the RPJMD without any program behind it is a gap the national
    synchronisation will ask about.

    Example: RPJMD misi M2 links to AC6, but no program chain ends at AC6.
    """
    reach = reach_of(data)
    for pemda in data.regional_pemda():
        adopted = {
            target
            for plan, item in _rpjmd_items(data, pemda, tuple(ItemLevel))
            for target in reach.targets(_ref(plan, item))
            if owner(target) == (PUSAT, DocumentKind.ASTA_CITA.value)
        }
        for target in sorted(adopted - reach.supported_by_programs(pemda.kode)):
            item = data.item(target)
            evidence = {"key": target.item, "name": item.text if item else target.item}
            yield Finding("SEL107", Location(pemda.kode, target.document, target.item), evidence)


@registry.register(
    code="SEL108",
    name="provincial-priority-unsupported",
    severity=FindingSeverity.PERINGATAN,
    title=("Prioritas provinsi tidak didukung RPJMD kab/kota", "Provincial priority not supported by a kab/kota RPJMD"),
    message=(
        "Tidak ada sasaran atau prioritas RPJMD {pemda_name} yang tertaut ke prioritas provinsi {key} ({name}).",
        "No sasaran or priority of the RPJMD of {pemda_name} is linked to provincial priority {key} ({name}).",
    ),
    suggestion=(
        "Tautkan sasaran atau prioritas RPJMD {pemda_name} yang mendukung {key} ke prioritas provinsi itu "
        "(jenis 'supports'), atau catat alasannya bila prioritas itu tidak berlaku di daerah ini.",
        "Link the RPJMD sasaran or priority of {pemda_name} that supports {key} to that provincial priority "
        "(kind 'supports'), or record why it does not apply there.",
    ),
)
def provincial_priority_unsupported(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a prioritas of the province's RPJMD (the governor's priority) that no item of a kab/kota's RPJMD
    reaches through accepted links: no kab/kota sasaran or priority is linked to it. The location is the
    provincial priority, under the kab/kota. Runs where the province's RPJMD is loaded with its kab/kota (a
    province's check run); a kab/kota without an RPJMD is skipped.

    Why: Permendagri 86/2017 asks a kab/kota RPJMD to state how its sasaran and priorities support the provincial
    RPJMD's priorities; a governor's priority that a kab/kota RPJMD does not take up receives none of its money
    (the Rakor report's priority × kab/kota table marks it).

    Example: the RPJMD of Kabupaten Kapuas links its sasaran to the province's P1-P5 but none to P6 "Penguatan
    akuntabilitas dan pencegahan korupsi".
    """
    reach = reach_of(data)
    for pemda in data.regional_pemda():
        provincial = rpjmd_priorities(data, pemda.parent) if pemda.level.is_kabkota and pemda.parent else []
        if not provincial or next(data.plans_of(DocumentKind.RPJMD, pemda.kode), None) is None:
            continue
        stated = reach.stated_by_rpjmd(pemda.kode)
        for ref, item in provincial:
            if ref not in stated:
                evidence = {"key": item.key, "name": item.text, "pemda_name": pemda.nama}
                yield Finding("SEL108", Location(pemda.kode, ref.document, ref.item), evidence)
