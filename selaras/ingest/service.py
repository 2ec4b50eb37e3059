"""Importing a file into the database: detect its format, read it, and store it all-or-nothing.

A file with any galat stores nothing and raises :class:`ImportFailed` carrying every problem. The same
file imported twice changes nothing the second time (its content hash is in the import log), and every
import that stores something is recorded with who, when and row counts.

Real SIPD exports hold every SKPD of a pemda in one file (a Rekap, a KUA-PPAS Tabel IV.3 with a sheet per
SKPD). Such a file becomes one document per SKPD, each owned by the PD the file names (registered on first
import under SIPD's unit code); ``--pd`` then picks that PD's part and is refused when the file holds no such
SKPD. A file that names no SKPD needs ``--pd`` naming a PD the pemda already has; an unknown name is an error
listing the closest names, and only ``create_pd`` registers a new one, so a typo never makes a phantom PD.
A pemda-wide document (RKPD) read from such a file keeps every SKPD's items in one plan, keyed per SKPD.
"""

from __future__ import annotations

import difflib
import getpass
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from selaras.domain import Document, DocumentKind, ItemRef, Pemda, PerangkatDaerah, Period, Plan, parse_code
from selaras.domain.diff import PlanDiff, diff_plans, link_identity
from selaras.errors import ImportFailed, StageClosed
from selaras.ingest.flat import flat_layout, read_flat
from selaras.ingest.limits import TEXT_LIMITS, too_long
from selaras.ingest.problems import ImportProblem, Severity, has_errors
from selaras.ingest.sections import Section, Skpd, fold_sub_units, jenis_label
from selaras.ingest.selaras_workbook import is_selaras_workbook, read_workbook
from selaras.ingest.sheets import SheetReadError, code_text, open_spreadsheet
from selaras.ingest.sipd import read_sipd
from selaras.numbers import json_number
from selaras.reference.nomenclature import Nomenclature
from selaras.reference.nomenclature_versions import nomenclature_in_force
from selaras.reference.wilayah import get_pemda
from selaras.store.calendar import check_open
from selaras.store.database import Database
from selaras.store.imports import ImportRecord, last_import, record_import
from selaras.store.plans import fingerprint, load_plan, lock_imports, save_plan, stored_fingerprint
from selaras.store.tenants import (
    ensure_pemda,
    list_perangkat_daerah,
    save_perangkat_daerah,
)
from selaras.store.versions import file_links, keep_edits, record_version

__all__ = ["DocumentImport", "ImportRequest", "ImportResult", "import_file"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What the planner said about the file: whose document it is and for which years.

    ``version`` defaults to the kind's own (``murni`` for KUA-PPAS/APBD, ``final`` otherwise); ``create_pd``
    allows registering ``pd`` as a new PD of the pemda when the file itself does not name its SKPD; ``force``
    stores a file whose content says it belongs to another PD (recorded in the version); ``dry_run`` reads,
    resolves and compares with what is stored, and stores nothing.
    """

    path: Path
    pemda: str
    kind: DocumentKind
    period: Period
    pd: str | None = None
    version: str | None = None
    user: str = ""
    create_pd: bool = False
    force: bool = False
    dry_run: bool = False


@dataclass(slots=True)
class DocumentImport:
    """One stored document of an import: its key, owner, what happened and what it holds."""

    document_key: str
    pd: str | None
    outcome: str  # created | replaced | unchanged (what happened, or with dry_run what would happen)
    counts: dict[str, object]
    previous_import: datetime | None = None
    diff: PlanDiff | None = None  # against the stored document, when there was one
    version: int | None = None  # the version number this import recorded


@dataclass(slots=True)
class ImportResult:
    file_format: str  # selaras | sipd | sipd-daftar
    documents: list[DocumentImport]
    warnings: list[ImportProblem] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """``unchanged`` when no document changed, ``created``/``replaced`` for a single document, else ``mixed``."""
        outcomes = {document.outcome for document in self.documents}
        return outcomes.pop() if len(outcomes) == 1 else "mixed"

    def totals(self) -> dict[str, object]:
        """Items per level, indicators and pagu summed over the documents: what the whole file held."""
        return _sum_counts([document.counts for document in self.documents])


def _sum_counts(counts: list[dict[str, object]]) -> dict[str, object]:
    items: dict[str, int] = {}
    indicators = 0
    pagu: dict[str, dict[str, object]] = {}
    for count in counts:
        for level, number in _mapping(count.get("items")).items():
            items[level] = items.get(level, 0) + int(str(number))
        indicators += int(str(count.get("indicators", 0)))
        for level, years in _mapping(count.get("pagu")).items():
            slot = pagu.setdefault(level, {})
            for year, amount in _mapping(years).items():
                slot[year] = json_number(_decimal(slot.get(year)) + _decimal(amount))
    return {"items": items, "indicators": indicators, "pagu": pagu}


def _mapping(value: object) -> dict[str, object]:
    return {str(key): item for key, item in value.items()} if isinstance(value, dict) else {}


def _decimal(value: object) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode() if path.is_dir() else b"")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _bidang(code: str) -> str | None:
    try:
        return parse_code(code).bidang_urusan
    except ValueError:
        return None


def _plan_bidang(plan: Plan) -> tuple[str, ...]:
    return tuple(sorted({b for b in (_bidang(item.code) for item in plan.items if item.code) if b and b[0] != "X"}))


def _assign_pd(plan: Plan, pd: str | None) -> None:
    """Give the document its owning PD; the PD is part of the document key, so links from it move along."""
    old_key = plan.document.key
    plan.document = replace(plan.document, pd=pd)
    plan.links = [
        replace(link, source=ItemRef(plan.document.key, link.source.item)) if link.source.document == old_key else link
        for link in plan.links
    ]


def _mismatch(request: ImportRequest, document: Document, file: str) -> list[ImportProblem]:
    """A Selaras workbook names its own document; it must be the one the planner asked to import into."""
    asked = {"jenis": request.kind.value, "kode pemda": request.pemda, "periode": str(request.period)}
    found = {"jenis": document.kind.value, "kode pemda": document.pemda, "periode": str(document.period)}
    return [
        ImportProblem.at_cell(
            "document-mismatch", file=file, sheet="Dokumen", row=2, column=name, value=found[name], expected=asked[name]
        )
        for name in asked
        if asked[name] != found[name]
    ]


def _read(
    request: ImportRequest, document: Document, nomenclature: Nomenclature, jenis: str, progress: Progress | None
) -> tuple[str, list[Section], list[ImportProblem]]:
    """Detect the layout (Selaras workbook, flat SIPD list, SIPD hierarchical table) and read it."""
    path, file = request.path, request.path.name
    if is_selaras_workbook(path):
        plan, problems = read_workbook(path, nomenclature=nomenclature, jenis=jenis, progress=progress)
        if plan is not None:
            problems += _mismatch(request, plan.document, file)
        owner = Skpd(plan.document.pd, "") if plan is not None and plan.document.pd else None  # it names its PD
        return "selaras", [Section(owner, plan)] if plan is not None else [], problems
    if path.is_dir():
        found = ", ".join(sorted(child.name for child in path.iterdir())[:8]) or "folder kosong"
        return "selaras", [], [ImportProblem.in_file("not-selaras-folder", file=file, found=found)]
    try:
        book = open_spreadsheet(path)  # opened once: to recognise the layout, then read
    except SheetReadError as error:
        return "sipd", [], [error.problem]
    with book:
        flat = any(flat_layout(sheet) is not None for sheet in book.sheets[:3])
        read = read_flat if flat else read_sipd
        sections, problems = read(book, document=document, nomenclature=nomenclature, jenis=jenis, progress=progress)
    return "sipd-daftar" if flat else "sipd", sections, problems


def _check_lengths(request: ImportRequest, version: str) -> None:
    """``--pd`` (which becomes a PD code with ``--pd-baru``) and ``--version`` must fit their columns: refused
    with the limit, before anything is read."""
    asked = (("--version", version, "document.version"), ("--pd", request.pd or "", "pd.kode"))
    problems = [
        ImportProblem(
            "too-long",
            request.path.name,
            column=option,
            value=text,
            params={"found": str(len(text)), "expected": str(TEXT_LIMITS[field])},
        )
        for option, text, field in asked
        if too_long(text, field)
    ]
    if problems:
        raise ImportFailed(problems)


def _tolerated(problem: ImportProblem, older: tuple[Nomenclature, ...], jenis: str) -> bool:
    """An unknown-code warning for a code an older list still valid in the document's year has (see
    ``NomenclatureVersions.tolerated``): the plan is right, the warning would only be noise."""
    if problem.code != "unknown-code":
        return False
    try:
        return any(version.lookup(problem.value, jenis) is not None for version in older)
    except ValueError:
        return False


ANOTHER_LEVEL_SHARE = 0.9
"""Share of a file's codes that are the other pemda level's from which the file as a whole is said to belong to
another pemda (a stray code of the other level is only its own row's galat)."""


def _kewenangan(problem: ImportProblem) -> str | None:
    """The pemda level a ``code-wrong-level`` problem's code belongs to (None for a code too deep to say)."""
    if problem.code != "code-wrong-level":
        return None
    try:
        return parse_code(code_text(problem.value)).kewenangan
    except ValueError:
        return None


def _another_level(problems: list[ImportProblem], items: int, pemda: Pemda, file: str) -> list[ImportProblem]:
    """One problem first when nearly every code read is the other level's (a kabupaten's Rekap imported as a
    province's): the file belongs to another pemda, which thousands of row-by-row lines do not say. ``items``:
    the items read without a problem."""
    levels = [level for problem in problems if (level := _kewenangan(problem)) not in (None, pemda.nomenclature_level)]
    if len(levels) < 2 or len(levels) < ANOTHER_LEVEL_SHARE * (len(levels) + items):
        return []
    return [
        ImportProblem.in_file(
            "another-level",
            file=file,
            count=len(levels),
            other=jenis_label(str(levels[0])),
            pemda=f"{pemda.nama} ({pemda.kode})",
            level=pemda.level.value,
        )
    ]


def import_file(
    database: Database, request: ImportRequest, *, nomenclature: Nomenclature, progress: Progress | None = None
) -> ImportResult:
    """Read ``request.path`` and store it as one document per SKPD; raise :class:`ImportFailed` on any galat."""
    pemda = get_pemda(request.pemda)
    version = request.version or request.kind.default_version
    _check_lengths(request, version)
    document = Document(request.kind, pemda.kode, request.period, version=version)
    in_force = nomenclature_in_force(request.period.start, nomenclature)  # codes are checked against its year's list
    file_format, sections, problems = _read(request, document, in_force, pemda.nomenclature_level, progress)
    older = nomenclature.tolerated(request.period.start)
    problems = [problem for problem in problems if not _tolerated(problem, older, pemda.nomenclature_level)]
    items = sum(len(section.plan.items) for section in sections)
    problems = [*_another_level(problems, items, pemda, request.path.name), *problems]
    if not sections or has_errors(problems):
        raise ImportFailed(problems)
    sections = fold_sub_units(sections)
    with database.session() as session:
        known = list_perangkat_daerah(session, pemda.kode)
    owned = _owners(request, sections, known)
    warnings = [problem for problem in problems if problem.severity is Severity.PERINGATAN]
    digest = _content_hash(request.path)
    user = request.user or getpass.getuser()
    results: list[DocumentImport] = []
    with database.session() as session:
        lock_imports(session, pemda.kode)
        if not request.dry_run:
            ensure_pemda(session, pemda)
        for pd, plan in owned:
            _assign_pd(plan, pd.kode if pd else None)
            results.append(_store(session, request, plan, pd, file_format, digest, user))
    return ImportResult(file_format, results, warnings)


def _store(
    session: Session,
    request: ImportRequest,
    plan: Plan,
    pd: PerangkatDaerah | None,
    file_format: str,
    digest: str,
    user: str,
) -> DocumentImport:
    """Store one document unless its content is already what is stored; keep every state as a version.

    "Unchanged" is decided by content, not by file: importing A, then B, then A again brings A back.
    """
    key, counts = plan.document.key, plan.summary()
    stored = stored_fingerprint(session, key)
    if stored == fingerprint(plan):
        earlier = last_import(session, key)
        return DocumentImport(key, plan.document.pd, "unchanged", counts, earlier.imported_at if earlier else None)
    removed = file_links(session, key)
    removed -= {link_identity(link) for link in plan.links}
    current = load_plan(session, key) if stored is not None else None  # read once: for the diff and the version
    diff = diff_plans(current, plan, removed_by_file=removed) if current is not None else None
    outcome = "created" if stored is None else "replaced"
    try:
        check_open(session, plan.document, datetime.now(UTC).date())  # the planning calendar may lock it
    except StageClosed as closed:
        raise ImportFailed(
            [ImportProblem.in_file("stage-closed", file=request.path.name, reason=str(closed))]
        ) from None
    if request.dry_run:
        return DocumentImport(key, plan.document.pd, outcome, counts, diff=diff)
    if pd is not None:
        save_perangkat_daerah(session, pd)
    if current is not None:
        keep_edits(session, current, user)
    save_plan(session, plan, removed)
    stored_now = load_plan(session, key)  # with the links a replacement keeps: the state a restore brings back
    number = record_version(
        session,
        stored_now,
        reason="impor",
        user=user,
        counts=counts,
        file_name=request.path.name,
        forced=request.force,
        file_links=[link_identity(link) for link in plan.links],
    )
    record_import(
        session,
        ImportRecord(
            pemda=plan.document.pemda,
            document_key=key,
            file_name=request.path.name,
            content_hash=digest,
            file_format=file_format,
            imported_by=user,
            imported_at=datetime.now(UTC).replace(tzinfo=None),
            counts=counts,
        ),
    )
    return DocumentImport(key, plan.document.pd, outcome, counts, diff=diff, version=number)


def _owners(
    request: ImportRequest, sections: list[Section], known: list[PerangkatDaerah]
) -> list[tuple[PerangkatDaerah | None, Plan]]:
    """Who owns each section's plan; raise :class:`ImportFailed` when the file and ``--pd`` disagree."""
    file = request.path.name
    named = [section for section in sections if section.skpd is not None]
    if request.pd is not None:
        stored = _find(known, request.pd)
        if named:
            chosen = [section for section in named if _same(section.skpd, request.pd, stored)]
            if not chosen and request.force and stored is not None and len(named) == 1:
                return [(stored, named[0].plan)]  # the planner insists: recorded as forced in the version
            if not chosen:
                names = "; ".join(str(section.skpd) for section in named[:6]) + (" …" if len(named) > 6 else "")
                raise ImportFailed(
                    [ImportProblem.in_file("skpd-mismatch", file=file, found=names, expected=request.pd)]
                )
            section = chosen[0]
            assert section.skpd is not None
            return [(stored or _new_pd(request.pemda, section.skpd, section.plan, known), section.plan)]
        plan = _merged(sections)
        if stored is None and not request.create_pd:
            raise ImportFailed([_unknown_pd(request, known)])
        owner = stored or PerangkatDaerah(request.pemda, request.pd.strip(), request.pd.strip(), "", _plan_bidang(plan))
        if stored is not None and not request.force:
            _same_bidang(request, stored, plan)
        return [(owner, plan)] if request.kind.belongs_to_pd else [(None, plan)]
    if not request.kind.belongs_to_pd:
        return [(None, _merged(sections))]
    if not named:
        raise ImportFailed([ImportProblem.in_file("required", file=file, expected="--pd (perangkat daerah pemilik)")])
    owners: list[tuple[PerangkatDaerah | None, Plan]] = []
    for section in named:
        assert section.skpd is not None
        owner = _by_skpd(known, section.skpd) or _new_pd(request.pemda, section.skpd, section.plan, known)
        known = [*known, owner]
        owners.append((owner, section.plan))
    return owners


def _same_bidang(request: ImportRequest, pd: PerangkatDaerah, plan: Plan) -> None:
    """Refuse a file none of whose programs is in a bidang urusan the PD holds: another PD's plan uploaded by
    mistake. One program outside the PD's bidang is a finding (SEL403), not a refusal."""
    own = set(pd.bidang_urusan)
    found = set(_plan_bidang(plan))
    if own and found and not own & found:
        raise ImportFailed(
            [
                ImportProblem.in_file(
                    "pd-bidang-mismatch",
                    file=request.path.name,
                    found=", ".join(sorted(found)),
                    pd=f"{pd.nama} ({pd.kode})",
                    held=", ".join(sorted(own)),
                )
            ]
        )


def _merged(sections: list[Section]) -> Plan:
    """One plan from every section; with several SKPD each item's key gets its SKPD's prefix so codes that
    several SKPD share stay apart, and each item says whose it is."""
    if len(sections) == 1:
        return sections[0].plan
    plan = Plan(sections[0].plan.document)
    for section in sections:
        owner = section.skpd.kode or section.skpd.nama if section.skpd else ""
        for item in section.plan.items:
            item.key = f"{owner}/{item.key}"
            item.parent = f"{owner}/{item.parent}" if item.parent else None
            item.pd = item.pd or owner
            item.order = len(plan.items) + 1
            plan.items.append(item)
    return plan


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _find(known: list[PerangkatDaerah], wanted: str) -> PerangkatDaerah | None:
    target = _norm(wanted)
    return next((pd for pd in known if target in {_norm(pd.kode), _norm(pd.nama), _norm(pd.singkatan)} - {""}), None)


def _by_skpd(known: list[PerangkatDaerah], skpd: Skpd) -> PerangkatDaerah | None:
    return next((pd for pd in known if skpd.kode and pd.kode == skpd.kode), None) or _find(known, skpd.nama)


def _same(skpd: Skpd | None, wanted: str, stored: PerangkatDaerah | None) -> bool:
    """Does the file's SKPD match what ``--pd`` names (its code, its name, or a sheet name Excel cut at 31
    characters), directly or through the stored PD ``--pd`` found?"""
    if skpd is None:
        return False
    names = {_norm(wanted)} | ({_norm(stored.kode), _norm(stored.nama)} if stored else set())
    own = {_norm(skpd.kode), _norm(skpd.nama)} - {""}
    return bool(own & names) or any(len(_norm(skpd.nama)) >= 25 and name.startswith(_norm(skpd.nama)) for name in names)


def _new_pd(pemda: str, skpd: Skpd, plan: Plan, known: list[PerangkatDaerah]) -> PerangkatDaerah:
    """Register an SKPD the file names, under SIPD's unit code (or its name when the file gives no code)."""
    bidang = tuple(sorted(set(skpd.bidang_urusan) | set(_plan_bidang(plan))))
    kode = skpd.kode or skpd.nama[:40]
    return PerangkatDaerah(pemda, kode, skpd.nama or skpd.kode, "", bidang)


def _unknown_pd(request: ImportRequest, known: list[PerangkatDaerah]) -> ImportProblem:
    assert request.pd is not None
    names = {pd.nama: pd for pd in known}
    choices = list(names) + [pd.singkatan for pd in known if pd.singkatan]
    close = difflib.get_close_matches(request.pd, choices, n=5, cutoff=0.3)
    closest = "; ".join(close) if close else "; ".join(sorted(names)[:5]) or "belum ada PD terdaftar"
    params = {"pemda": request.pemda, "closest": closest}
    return ImportProblem("pd-unknown", request.path.name, column="--pd", value=request.pd, params=params)
