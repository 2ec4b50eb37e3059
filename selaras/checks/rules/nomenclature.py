"""Nomenclature: program, kegiatan and sub kegiatan codes exist for the pemda's level, carry their official
names, and belong to a bidang urusan the PD actually holds.

The reference is ``context.nomenclature`` (the bundled Kepmendagri list or a newer one the pemda loaded);
lookups are cached per (code, level), so the same code in 546 pemda is parsed and looked up once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import item_finding
from selaras.checks.registry import registry
from selaras.checks.text import normalize_name, similarity
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, Item, NomenclatureCode, Pemda, Plan, parse_code
from selaras.reference.nomenclature import Nomenclature, NomenclatureEntry

__all__ = ["code_outside_pd_bidang", "nomenclature_name_mismatch", "unknown_code"]

_CODED_DOCUMENTS = (DocumentKind.RPJMD, DocumentKind.RENSTRA, DocumentKind.RKPD, DocumentKind.RENJA)


class _Reference:
    """Parsed codes and nomenclature entries, each computed once per run."""

    def __init__(self, nomenclature: Nomenclature) -> None:
        self._nomenclature = nomenclature
        self._codes: dict[str, NomenclatureCode | None] = {}
        self._entries: dict[tuple[str, str], NomenclatureEntry | None] = {}

    def code(self, text: str) -> NomenclatureCode | None:
        """The parsed code, None when malformed."""
        if text not in self._codes:
            try:
                self._codes[text] = parse_code(text)
            except ValueError:
                self._codes[text] = None
        return self._codes[text]

    def entry(self, text: str, jenis: str) -> NomenclatureEntry | None:
        key = (text, jenis)
        if key not in self._entries:
            code = self.code(text)
            self._entries[key] = None if code is None else self._nomenclature.lookup(code, jenis)
        return self._entries[key]


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


@registry.register(
    code="SEL401",
    name="unknown-code",
    severity=FindingSeverity.PERINGATAN,
    title=("Kode tidak ada di nomenklatur", "Code not in the nomenclature"),
    message=(
        "Kode {code} ({name}) tidak ada dalam nomenklatur {nomenclature} untuk pemda {jenis}.",
        "Code {code} ({name}) is not in the {nomenclature} nomenclature for {jenis} governments.",
    ),
    suggestion=(
        "Ganti {code} dengan kode nomenklatur yang berlaku untuk pemda {jenis}, atau muat nomenklatur terbaru.",
        "Replace {code} with a valid nomenclature code for {jenis} governments, or load the newer nomenclature.",
    ),
)
def unknown_code(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a program, kegiatan or sub kegiatan whose code is not in the nomenclature for the pemda's level
    (provinsi or kabupaten/kota), or is malformed.

    Why: SIPD only accepts listed codes, and a provincial code in a kabupaten plan (or the reverse) means the
    work is outside that government's authority (UU 23/2014). A warning, not an error: the pemda may run a
    newer nomenclature than the one loaded.

    Example: kota Palangka Raya plans sub kegiatan 1.01.02.1.01.0001, a provincial-only code.
    """
    reference = _Reference(context.nomenclature)
    label = context.nomenclature.label
    for pemda, plan in _coded_plans(data):
        jenis = pemda.nomenclature_level
        for item, code in _coded_items(plan):
            if reference.entry(code, jenis) is None:
                evidence = {"name": item.text, "jenis": jenis.replace("_", "/"), "nomenclature": label}
                yield item_finding("SEL401", plan.document, item, evidence)


@registry.register(
    code="SEL402",
    name="nomenclature-name-mismatch",
    severity=FindingSeverity.PERINGATAN,
    title=("Nama berbeda dengan nomenklatur", "Name differs from the nomenclature"),
    message=(
        'Nama {code} "{name}" berbeda dengan nama di nomenklatur: "{reference}".',
        'The name of {code}, "{name}", differs from the nomenclature\'s: "{reference}".',
    ),
    suggestion=('Gunakan nama sesuai nomenklatur: "{reference}".', 'Use the nomenclature name: "{reference}".'),
)
def nomenclature_name_mismatch(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a coded item whose name is not the nomenclature's name for its code (case, spacing and
    punctuation ignored, and a trailing "Provinsi"/"Kabupaten/Kota", which SIPD appends to program penunjang).
    Official names are used verbatim, so the bar is ``nomenclature_similarity`` (0.97 by default: typos pass,
    a replaced or added word does not).

    Why: a different name under a listed code usually means the wrong code was picked, so the pagu is booked
    under work the plan does not intend; SIPD will also overwrite the name.

    Example: X.XX.01.2.08.0002 named "Pengadaan Jasa Komunikasi, Sumber Daya Air dan Listrik" where the list
    says "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik".
    """
    reference = _Reference(context.nomenclature)
    threshold = context.thresholds.nomenclature_similarity
    scores: dict[tuple[str, str], float] = {}  # the same code and name recur in every pemda
    for pemda, plan in _coded_plans(data):
        for item, code in _coded_items(plan):
            entry = reference.entry(code, pemda.nomenclature_level)
            if entry is None:
                continue
            pair = (item.text, entry.name)
            if pair not in scores:
                scores[pair] = similarity(_core(item.text), _core(entry.name))
            if scores[pair] < threshold:
                evidence = {"name": item.text, "reference": entry.name, "similarity": round(scores[pair], 2)}
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
    reference = _Reference(context.nomenclature)
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
