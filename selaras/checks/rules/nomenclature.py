"""Nomenclature: program, kegiatan and sub kegiatan codes exist for the pemda's level in the list in force,
carry their official names and standard indicators, and belong to a bidang urusan the PD actually holds.

The reference is ``context.nomenclature``: the bundled versions (each document is checked against the list
in force for its first year, see ``selaras.reference.nomenclature_versions``), or one list the pemda loaded.
A name or indicator is accepted when it matches any version that lists the code; suggestions always give
the list in force. Lookups are cached per (list, code, level), so the same code in 546 pemda is parsed and
looked up once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import item_finding
from selaras.checks.registry import registry
from selaras.checks.text import normalize_name, similarity
from selaras.checks.thresholds import CheckContext
from selaras.domain import (
    BUDGET_KINDS,
    CodeLevel,
    DocumentKind,
    Item,
    ItemLevel,
    NomenclatureCode,
    Pemda,
    Plan,
    parse_code,
)
from selaras.reference.nomenclature import Nomenclature, NomenclatureEntry
from selaras.reference.nomenclature_versions import CURRENT_TARGET

__all__ = [
    "code_outside_pd_bidang",
    "indicator_not_standard",
    "nomenclature_name_mismatch",
    "replaced_code",
    "unknown_code",
]

_CODED_DOCUMENTS = (
    DocumentKind.RPJMD,
    DocumentKind.RENSTRA,
    DocumentKind.RKPD,
    DocumentKind.RENJA,
    DocumentKind.KUA_PPAS,
    DocumentKind.APBD,
)


class _Reference:
    """Parsed codes, the list in force per document and entries per list, each computed once per run."""

    def __init__(self, context: CheckContext) -> None:
        self._nomenclature = context.nomenclature
        self._codes: dict[str, NomenclatureCode | None] = {}
        self._entries: dict[tuple[Nomenclature, str, str], NomenclatureEntry | None] = {}
        self._names: dict[tuple[Nomenclature, str], dict[str, list[NomenclatureEntry]]] = {}

    def code(self, text: str) -> NomenclatureCode | None:
        """The parsed code, None when malformed."""
        if text not in self._codes:
            try:
                self._codes[text] = parse_code(text)
            except ValueError:
                self._codes[text] = None
        return self._codes[text]

    def in_force(self, plan: Plan) -> Nomenclature:
        """The list the plan is checked against: the one in force for its first year."""
        return self._nomenclature.in_force(plan.document.period.start)

    def entry(self, nomenclature: Nomenclature, text: str, jenis: str) -> NomenclatureEntry | None:
        key = (nomenclature, text, jenis)
        if key not in self._entries:
            code = self.code(text)
            self._entries[key] = None if code is None else nomenclature.lookup(code, jenis)
        return self._entries[key]

    def tolerated(self, plan: Plan, text: str, jenis: str) -> bool:
        """Whether an older list that the plan's year may still use has the code (see
        :meth:`~selaras.reference.nomenclature_versions.NomenclatureVersions.tolerated`)."""
        older = self._nomenclature.tolerated(plan.document.period.start)
        return any(self.entry(version, text, jenis) is not None for version in older)

    def same_name(self, in_force: Nomenclature, text: str, name: str, jenis: str) -> list[NomenclatureEntry]:
        """Sub kegiatan of the list in force that carry exactly ``name`` under another code: the code was
        renumbered (the list keeps no predecessor for most of them)."""
        code = self.code(text)
        if code is None or code.level is not CodeLevel.SUB_KEGIATAN:
            return []
        key = (in_force, jenis)
        if key not in self._names:
            index: dict[str, list[NomenclatureEntry]] = {}
            for entry in in_force.entries(CodeLevel.SUB_KEGIATAN, jenis):
                index.setdefault(_core(entry.name), []).append(entry)
            self._names[key] = index
        return [entry for entry in self._names[key].get(_core(name), []) if entry.code.text != text]

    def everywhere(self, in_force: Nomenclature, text: str, jenis: str) -> list[NomenclatureEntry]:
        """The code's entry in the list in force, then in every other version that lists it."""
        found = [self.entry(in_force, text, jenis)]
        others = (version for version in self._nomenclature.versions() if version is not in_force)
        found += [self.entry(version, text, jenis) for version in others]
        return [entry for entry in found if entry is not None]


_LEVEL_SUFFIX = re.compile(r"\s+(provinsi|kabupaten kota|kabupaten|kota)$")


def _core(name: str) -> str:
    """The normalised name without a trailing level qualifier: the list itself names program penunjang
    "... Daerah" or "... Daerah Provinsi" depending on the row, and plans append "Kabupaten/Kota"."""
    return _LEVEL_SUFFIX.sub("", normalize_name(name))


def _coded_plans(data: PlanningData) -> Iterator[tuple[Pemda, Plan]]:
    for pemda in data.regional_pemda():
        for kind in _CODED_DOCUMENTS:
            for plan in data.plans_of(kind, pemda.kode):
                yield pemda, plan


def _coded_items(plan: Plan) -> Iterator[tuple[Item, str]]:
    for item in plan.items:
        if item.level.is_program_part and item.code:
            yield item, item.code


def _successors(reference: _Reference, in_force: Nomenclature, item: Item, jenis: str) -> str:
    """The sub kegiatan of the list in force that replaced the item's code ("code (name)", joined by "; "):
    those naming it as their predecessor, else those carrying the item's exact name under another code;
    written with the plan's own bidang for program penunjang; empty when there is none."""
    text = item.code or ""
    code = reference.code(text)
    if code is None or code.level is not CodeLevel.SUB_KEGIATAN:
        return ""
    written = []
    successors = in_force.successors(code, jenis) or reference.same_name(in_force, text, item.text, jenis)
    for successor in successors:
        successor_code = successor.code.text
        if successor.code.segments[0] == "X" and code.segments[0] != "X":
            successor_code = code.prefix(CodeLevel.BIDANG_URUSAN).text + successor_code[4:]
        written.append(f"{successor_code} ({successor.name})")
    return "; ".join(written)


@registry.register(
    code="SEL401",
    name="unknown-code",
    severity=FindingSeverity.PERINGATAN,
    title=("Kode tidak ada di nomenklatur", "Code not in the nomenclature"),
    message=(
        "Kode {code} ({name}) tidak ada dalam nomenklatur {nomenclature} untuk pemda {jenis}[, begitu pula "
        "{descendants} kode di bawahnya yang memakai kode ini sebagai awalan].",
        "Code {code} ({name}) is not in the {nomenclature} nomenclature for {jenis} governments[, nor are the "
        "{descendants} codes below it that start with it].",
    ),
    suggestion=(
        "Ganti {code} dengan kode nomenklatur {nomenclature} yang berlaku untuk pemda {jenis}.",
        "Replace {code} with a code of the {nomenclature} nomenclature valid for {jenis} governments.",
    ),
)
def unknown_code(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a program, kegiatan or sub kegiatan whose code is not in the nomenclature in force for the
    document's first year and the pemda's level (provinsi or kabupaten/kota), or is malformed. A sub kegiatan
    the list in force replaced by a successor is ``replaced-code`` instead. A code of the 2020 list that the
    current list dropped is accepted in plans before the current list's target year (2027): it was retired
    by one of the decrees in between, and the bundled lists do not say which. Reported once, at the highest
    unknown item: a kegiatan or sub kegiatan whose code starts with an unknown parent's code is unknown because
    of it, and only counted (``descendants``) in the parent's finding.

    Why: SIPD only accepts listed codes, and a provincial code in a kabupaten plan (or the reverse) means the
    work is outside that government's authority (UU 23/2014). A warning, not an error: the pemda may run a
    newer nomenclature than the one bundled.

    Example: kota Palangka Raya plans sub kegiatan 1.01.02.1.01.0001, a provincial-only code.
    """
    reference = _Reference(context)
    for pemda, plan in _coded_plans(data):
        jenis = pemda.nomenclature_level
        in_force = reference.in_force(plan)
        unknown = {
            item.key: item
            for item, code in _coded_items(plan)
            if reference.entry(in_force, code, jenis) is None
            and not reference.tolerated(plan, code, jenis)
            and not _successors(reference, in_force, item, jenis)
        }
        descendants: Counter[str] = Counter()
        roots = []
        for item in unknown.values():
            root = _unknown_root(data, plan, item, unknown)
            if root is None:
                roots.append(item)
            else:
                descendants[root.key] += 1
        for item in roots:
            evidence = {
                "name": item.text,
                "jenis": jenis.replace("_", "/"),
                "nomenclature": in_force.label,
                "descendants": descendants[item.key],
            }
            yield item_finding("SEL401", plan.document, item, evidence)


def _unknown_root(data: PlanningData, plan: Plan, item: Item, unknown: dict[str, Item]) -> Item | None:
    """The highest unknown ancestor whose code the item's code starts with: the item is unknown only because
    it carries that ancestor's wrong code (a wrong program code makes every kegiatan under it unknown)."""
    root = None
    for ancestor in data.ancestors(plan, item):
        if ancestor.key in unknown and ancestor.code and (item.code or "").startswith(f"{ancestor.code}."):
            root = ancestor
    return root


@registry.register(
    code="SEL402",
    name="nomenclature-name-mismatch",
    severity=FindingSeverity.PERINGATAN,
    title=("Nama berbeda dengan nomenklatur", "Name differs from the nomenclature"),
    message=(
        'Nama {code} "{name}" berbeda dengan nama di nomenklatur {nomenclature}: "{reference}".',
        'The name of {code}, "{name}", differs from the {nomenclature} nomenclature\'s: "{reference}".',
    ),
    suggestion=('Gunakan nama sesuai nomenklatur: "{reference}".', 'Use the nomenclature name: "{reference}".'),
)
def nomenclature_name_mismatch(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a coded item whose name is not the nomenclature's name for its code (case, spacing and
    punctuation ignored, and a trailing "Provinsi"/"Kabupaten/Kota", which SIPD appends to program penunjang).
    Official names are used verbatim, so the bar is ``nomenclature_similarity`` (0.97 by default: typos pass,
    a replaced or added word does not). A name that matches the code's name in any bundled or loaded version
    passes (an older wording, or a typo one list fixed); the suggestion is the name in the list in force.

    Why: a different name under a listed code usually means the wrong code was picked, so the pagu is booked
    under work the plan does not intend; SIPD will also overwrite the name.

    Example: X.XX.01.2.08.0002 named "Pengadaan Jasa Komunikasi, Sumber Daya Air dan Listrik" where the list
    says "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik".
    """
    reference = _Reference(context)
    threshold = context.thresholds.nomenclature_similarity
    scores: dict[tuple[str, str], float] = {}  # the same code and name recur in every pemda

    def score(name: str, official: str) -> float:
        if (name, official) not in scores:
            scores[(name, official)] = similarity(_core(name), _core(official))
        return scores[(name, official)]

    for pemda, plan in _coded_plans(data):
        in_force = reference.in_force(plan)
        for item, code in _coded_items(plan):
            listed = reference.everywhere(in_force, code, pemda.nomenclature_level)
            if not listed or listed[0] is not reference.entry(in_force, code, pemda.nomenclature_level):
                continue  # not in the list in force: unknown-code or replaced-code says so
            if all(score(item.text, entry.name) < threshold for entry in listed):
                official = listed[0].name
                evidence = {
                    "name": item.text,
                    "reference": official,
                    "nomenclature": in_force.label,
                    "similarity": round(score(item.text, official), 2),
                }
                yield item_finding("SEL402", plan.document, item, evidence)


@registry.register(
    code="SEL403",
    name="code-outside-pd-bidang",
    severity=FindingSeverity.PERINGATAN,
    title=("Kode di luar bidang urusan PD", "Code outside the agency's bidang urusan"),
    message=(
        "{code} ({name}) termasuk bidang urusan {bidang}, yang tidak diampu PD {pd} ({held}).",
        "{code} ({name}) belongs to bidang urusan {bidang}, which agency {pd} does not hold ({held}).",
    ),
    suggestion=(
        "Pindahkan {code} ke PD yang mengampu bidang {bidang}, atau perbarui daftar bidang urusan PD {pd}.",
        "Move {code} to the agency that holds bidang {bidang}, or update agency {pd}'s list of bidang urusan.",
    ),
)
def code_outside_pd_bidang(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a program, kegiatan or sub kegiatan whose bidang urusan is not one the PD holds, once at the
    highest such item (its children share the bidang). Program penunjang (``X.01``) written with the PD's own
    bidang is fine; PD whose bidang list is empty (not recorded) are skipped.

    Why: each bidang urusan is assigned to one PD by the Perda on organisation; a program under another PD's
    bidang is either misfiled or duplicated work.

    Example: Dinas Kesehatan (bidang 1.02) plans program 1.01.02 (pendidikan).
    """
    reference = _Reference(context)
    for pemda, plan in _coded_plans(data):
        outside: set[str] = set()
        own = data.get_pd(pemda.kode, plan.document.pd) if plan.document.pd else None
        for item, code in _coded_items(plan):
            agency = own or data.get_pd(pemda.kode, item.pd or "")  # RKPD items carry their PD
            parsed = reference.code(code)
            if agency is None or not agency.bidang_urusan or parsed is None or parsed.bidang_urusan is None:
                continue
            bidang = parsed.bidang_urusan
            if bidang in agency.bidang_urusan or bidang == "X.XX":
                continue
            outside.add(item.key)
            if item.parent not in outside:  # parents come before their children in document order
                evidence = {
                    "name": item.text,
                    "bidang": bidang,
                    "held": ", ".join(agency.bidang_urusan),
                    "pd": agency.kode,
                }
                yield item_finding("SEL403", plan.document, item, evidence)


@registry.register(
    code="SEL404",
    name="replaced-code",
    severity=FindingSeverity.PERINGATAN,
    title=("Kode sudah diganti", "Code replaced"),
    message=(
        "Sub kegiatan {code} ({name}) sudah diganti dalam nomenklatur {nomenclature} dengan {successor}.",
        "Sub kegiatan {code} ({name}) was replaced in the {nomenclature} nomenclature by {successor}.",
    ),
    suggestion=("Ganti {code} dengan penggantinya: {successor}.", "Replace {code} with its successor: {successor}."),
)
def replaced_code(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan whose code is no longer in the nomenclature in force for the document's first
    year because a newer sub kegiatan replaced it — the list names it as the predecessor
    (``kode_sub_kegiatan_sebelumnya``), or carries the item's exact name under another code (renumbered) — and
    names the successor.

    Why: SIPD no longer accepts the old code; the successor usually carries the same work under a new
    number, so the fix is a renumbering rather than a search through the whole list.

    A KUA-PPAS or APBD of a year before the current list's target year (2027) is not judged: it is what SIPD
    accepted for that year, with the codes then in force, and a budget once adopted is not renumbered; the
    successor is for the next plan, where the old code is flagged.

    Example: a 2026 Renja of a provinsi plans 1.02.02.1.02.0013, which the SIPD list replaced by
    1.02.02.1.02.0035 "Pengelolaan Pelayanan Kesehatan Orang yang berisiko Masalah Kesehatan Jiwa".
    """
    reference = _Reference(context)
    for pemda, plan in _coded_plans(data):
        if plan.document.kind in BUDGET_KINDS and plan.document.period.start < CURRENT_TARGET:
            continue  # SIPD's own record of that year's codes (see above)
        jenis = pemda.nomenclature_level
        in_force = reference.in_force(plan)
        for item, code in _coded_items(plan):
            if reference.entry(in_force, code, jenis) is not None:
                continue  # a dropped code still tolerated in the plan's year is worth renumbering all the same
            successor = _successors(reference, in_force, item, jenis)
            if successor:
                evidence = {"name": item.text, "successor": successor, "nomenclature": in_force.label}
                yield item_finding("SEL404", plan.document, item, evidence)


@registry.register(
    code="SEL405",
    name="indicator-not-standard",
    severity=FindingSeverity.INFO,
    title=("Indikator sub kegiatan bukan indikator standar", "Sub kegiatan indicator is not the standard one"),
    message=(
        'Sub kegiatan {code} ({name}) tidak memakai indikator standar nomenklatur {nomenclature}: "{indikator}"'
        " (satuan {satuan}); tertulis: {found}.",
        "Sub kegiatan {code} ({name}) does not use the standard indicator of the {nomenclature} nomenclature:"
        ' "{indikator}" (satuan {satuan}); written: {found}.',
    ),
    suggestion=(
        'Gunakan indikator standar "{indikator}" dengan satuan {satuan}.',
        'Use the standard indicator "{indikator}" with satuan {satuan}.',
    ),
)
def indicator_not_standard(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan with no indicator, or none whose name is the standard indicator that the
    nomenclature in force attaches to its code (at least ``name_similarity`` alike; the standard indicator of
    any version that lists the code also passes), and suggests the standard indicator and satuan. A document
    without any indicator (a SIPD Rekap or a list of pagu per sub kegiatan) is not judged: its layout has none.
    Only lists that carry indicators (the bundled SIPD list) can say; documents checked against the 2020 list
    are skipped.

    Why: since Kepmendagri 900.1.15.5-1317/2023 every sub kegiatan has a standard output indicator, and SIPD
    reports realisation against it; an indicator of one's own cannot be added up across pemda or compared
    with the SIPD data. Information only: a Renstra may still measure more than the standard.

    Example: 1.01.02.2.01.0001 "Pembangunan Unit Sekolah Baru (USB)" of a kabupaten measured by "Persentase
    sekolah layak" where the list says "Jumlah Sekolah Baru yang Telah Dibangun" (Unit).
    """
    reference = _Reference(context)
    threshold = context.thresholds.name_similarity
    for pemda, plan in _coded_plans(data):
        if not plan.indicator_count():
            continue  # a layout without indicators (a SIPD Rekap, a list of pagu) says nothing about them
        jenis = pemda.nomenclature_level
        in_force = reference.in_force(plan)
        for item, code in _coded_items(plan):
            if item.level is not ItemLevel.SUB_KEGIATAN:
                continue
            entry = reference.entry(in_force, code, jenis)
            if entry is None or not entry.indikator:
                continue
            standards = {listed.indikator for listed in reference.everywhere(in_force, code, jenis) if listed.indikator}
            names = [indicator.name for indicator in item.indicators]
            if any(similarity(name, standard) >= threshold for name in names for standard in standards):
                continue
            evidence = {
                "name": item.text,
                "indikator": entry.indikator,
                "satuan": entry.satuan or "-",
                "nomenclature": in_force.label,
                "found": "; ".join(f'"{name}"' for name in names) or "-",
            }
            yield item_finding("SEL405", plan.document, item, evidence)
