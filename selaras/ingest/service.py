"""Importing a file into the database: detect its format, read it, and store it all-or-nothing.

A file with any galat stores nothing and raises :class:`ImportFailed` carrying every problem. The same
file imported twice into the same document changes nothing the second time (its content hash is in the
import log), and every import that stores something is recorded with who, when and row counts.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from selaras.domain import Document, DocumentKind, ItemLevel, ItemRef, PerangkatDaerah, Period, Plan, parse_code
from selaras.errors import ImportFailed
from selaras.ingest.problems import ImportProblem, Severity, has_errors
from selaras.ingest.sipd import read_sipd
from selaras.numbers import json_number
from selaras.reference.nomenclature import Nomenclature
from selaras.reference.wilayah import get_pemda
from selaras.store.database import Database
from selaras.store.imports import ImportRecord, find_import, record_import
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda, find_perangkat_daerah, save_perangkat_daerah
from selaras.workbook.reader import is_selaras_workbook, read_workbook

__all__ = ["ImportRequest", "ImportResult", "import_file", "plan_counts"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What the planner said about the file: whose document it is and for which years."""

    path: Path
    pemda: str
    kind: DocumentKind
    period: Period
    pd: str | None = None
    version: str = "final"
    user: str = ""


@dataclass(slots=True)
class ImportResult:
    document_key: str
    outcome: str  # created | replaced | unchanged
    file_format: str
    counts: dict[str, object]
    warnings: list[ImportProblem] = field(default_factory=list)
    previous_import: datetime | None = None


def plan_counts(plan: Plan) -> dict[str, object]:
    """Items per level, indicator count and pagu per year per level — the summary of ``import --json``."""
    pagu = {
        level.value: {str(year): json_number(total) for year, total in plan.pagu_per_year(level).items()}
        for level in (ItemLevel.PROGRAM, ItemLevel.KEGIATAN, ItemLevel.SUB_KEGIATAN)
        if plan.pagu_per_year(level)
    }
    return {"items": plan.level_counts(), "indicators": plan.indicator_count(), "pagu": pagu}


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode() if path.is_dir() else b"")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _resolve_pd(database: Database, request: ImportRequest, plan_codes: list[str]) -> PerangkatDaerah | None:
    """The PD named by ``--pd`` (code, name or abbreviation); a new PD when the pemda has none by that name.

    A new PD gets the bidang urusan that the file's program codes carry, so nomenclature checks know
    what it is responsible for.
    """
    if request.pd is None:
        return None
    with database.session() as session:
        found = find_perangkat_daerah(session, request.pemda, request.pd)
    if found is not None:
        return found
    bidang = sorted({b for b in (_bidang(code) for code in plan_codes) if b and not b.startswith("X")})
    return PerangkatDaerah(request.pemda, request.pd.strip(), request.pd.strip(), "", tuple(bidang))


def _bidang(code: str) -> str | None:
    try:
        return parse_code(code).bidang_urusan
    except ValueError:
        return None


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


def import_file(
    database: Database, request: ImportRequest, *, nomenclature: Nomenclature, progress: Progress | None = None
) -> ImportResult:
    """Read ``request.path`` and store it as one document; raise :class:`ImportFailed` on any galat."""
    pemda = get_pemda(request.pemda)
    document = Document(request.kind, pemda.kode, request.period, version=request.version)
    file = request.path.name
    if is_selaras_workbook(request.path):
        file_format = "selaras"
        plan, problems = read_workbook(
            request.path, nomenclature=nomenclature, jenis=pemda.nomenclature_level, progress=progress
        )
        if plan is not None:
            problems += _mismatch(request, plan.document, file)
    else:
        file_format = "sipd"
        plan, problems = read_sipd(
            request.path,
            document=document,
            nomenclature=nomenclature,
            jenis=pemda.nomenclature_level,
            progress=progress,
        )
    if plan is None or has_errors(problems):
        raise ImportFailed(problems)
    pd = _resolve_pd(database, request, [item.code for item in plan.items if item.code])
    if request.kind.belongs_to_pd and pd is None:
        raise ImportFailed([ImportProblem.in_file("required", file=file, expected="--pd (perangkat daerah pemilik)")])
    _assign_pd(plan, pd.kode if pd else None)
    warnings = [problem for problem in problems if problem.severity is Severity.PERINGATAN]
    digest = _content_hash(request.path)
    counts = plan_counts(plan)
    with database.session() as session:
        earlier = find_import(session, plan.document.key, digest)
        if earlier is not None:
            return ImportResult(plan.document.key, "unchanged", file_format, counts, warnings, earlier.imported_at)
        ensure_pemda(session, pemda)
        if pd is not None:
            save_perangkat_daerah(session, pd)
        outcome = save_plan(session, plan)
        record_import(
            session,
            ImportRecord(
                pemda=pemda.kode,
                document_key=plan.document.key,
                file_name=file,
                content_hash=digest,
                file_format=file_format,
                imported_by=request.user or getpass.getuser(),
                imported_at=datetime.now(UTC).replace(tzinfo=None),
                counts=counts,
            ),
        )
    return ImportResult(plan.document.key, outcome, file_format, counts, warnings)
