"""Importing realisasi per triwulan against the stored Renja: all-or-nothing, located, idempotent.

Realisasi only means something against a plan, so every figure must name an item of a Renja already stored for the
pemda and year (``--pd`` narrows to one PD's Renja); an item that is not there is a galat naming it, never a silently
dropped row. Figures reported cumulatively (s.d. triwulan) become the figure of each quarter alone
(:mod:`selaras.domain.realisasi`); a cumulative figure that falls is a galat at its cell. A file with any galat
stores nothing. The same file imported twice changes nothing the second time, and each import that stores something
is recorded in the import log under ``<Renja key>#realisasi``, with who, when and counts, and in the audit log with
the figures it replaced. What an import stores is *diajukan* (submitted) until a verifikator confirms it, whether
it came from the CLI or the web (:mod:`selaras.store.realisasi_review`).

The problem codes of this import register their messages here, the way rule families register their rules.
"""

from __future__ import annotations

import getpass
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from selaras.domain import CodeLevel, DocumentKind, Indicator, Item, PerangkatDaerah, Plan, parse_code
from selaras.domain.realisasi import Basis, Realisasi, Verifikasi, is_additive, roman
from selaras.errors import ImportFailed
from selaras.ingest.problems import MESSAGES, ImportProblem, has_errors
from selaras.ingest.realisasi_tables import DEFAULT_BASIS, RawRealisasi, read_realisasi_table
from selaras.numbers import format_number, json_number
from selaras.reference.wilayah import get_pemda
from selaras.store.audit import record_audit
from selaras.store.database import Database
from selaras.store.imports import ImportRecord, record_import
from selaras.store.plans import load_plans
from selaras.store.realisasi import load_realisasi, replace_realisasi
from selaras.store.realisasi_review import figures
from selaras.store.tables import DocumentRow
from selaras.store.tenants import list_perangkat_daerah

__all__ = ["RealisasiImport", "RealisasiRequest", "RealisasiResult", "import_realisasi", "realisasi_log_key"]

MESSAGES.update(
    {
        "realisasi-no-renja": (
            "Belum ada Renja {year} tersimpan untuk {owner}; impor Renja-nya lebih dahulu dengan "
            "`selaras import --kind renja`",
            "No Renja {year} is stored for {owner}; import the Renja first with `selaras import --kind renja`",
        ),
        "realisasi-item-unknown": (
            "'{value}' tidak ada dalam Renja {year} yang tersimpan ({documents}); periksa kodenya atau impor ulang "
            "Renja yang memuatnya",
            "'{value}' is not in the stored Renja {year} ({documents}); check the code or re-import the Renja that "
            "holds it",
        ),
        "realisasi-item-ambiguous": (
            "'{value}' ada dalam Renja beberapa PD ({found}); sebutkan PD-nya dengan --pd",
            "'{value}' is in the Renja of several PD ({found}); name the PD with --pd",
        ),
        "realisasi-indicator-unknown": (
            "Indikator '{value}' bukan indikator {code} dalam Renja; indikator yang tersimpan: {expected}",
            "Indicator '{value}' is not an indicator of {code} in the Renja; stored indicators: {expected}",
        ),
        "realisasi-decreasing": (
            "Realisasi kumulatif {value} lebih kecil dari triwulan sebelumnya ({previous}); angka s.d. triwulan tidak "
            "boleh turun. Bila berkas berisi angka per triwulan, impor dengan --basis triwulan",
            "Cumulative realisation {value} is below the previous quarter's ({previous}); figures up to a quarter "
            "cannot fall. If the file holds figures per quarter, import with --basis triwulan",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class RealisasiRequest:
    """Whose Renja the file reports on and how: ``basis`` None takes the shape's own (see ``DEFAULT_BASIS``)."""

    path: Path
    pemda: str
    year: int
    pd: str | None = None
    basis: Basis | None = None
    user: str = ""


@dataclass(slots=True)
class RealisasiImport:
    """One Renja whose realisasi the import touched: what happened and what it now holds for those quarters."""

    document_key: str
    outcome: str  # stored | unchanged
    counts: dict[str, object]


@dataclass(slots=True)
class RealisasiResult:
    shape: str  # daftar | evaluasi | selaras
    basis: Basis
    quarters: tuple[int, ...]
    documents: list[RealisasiImport] = field(default_factory=list)


def realisasi_log_key(document: str) -> str:
    """The import-log key of a Renja's realisasi: apart from the Renja's own imports, next to them when listed."""
    return f"{document}#realisasi"


def import_realisasi(database: Database, request: RealisasiRequest) -> RealisasiResult:
    """Read ``request.path`` and store its realisasi per Renja; raise :class:`ImportFailed` on any galat."""
    pemda = get_pemda(request.pemda)
    table = read_realisasi_table(request.path)
    if not table.shape:
        raise ImportFailed(table.problems)
    basis = request.basis or DEFAULT_BASIS[table.shape]
    file = request.path.name
    with database.session() as session:
        stored = load_plans(
            session,
            DocumentRow.pemda == pemda.kode,
            DocumentRow.kind == DocumentKind.RENJA.value,
            DocumentRow.period_start <= request.year,
            DocumentRow.period_end >= request.year,
        )
        plans = _renja(stored, request.pd, list_perangkat_daerah(session, pemda.kode))
    if not plans:
        owner = f"PD '{request.pd}' pemda {pemda.kode}" if request.pd else f"pemda {pemda.kode}"
        raise ImportFailed([ImportProblem.in_file("realisasi-no-renja", file=file, year=request.year, owner=owner)])
    resolver = _Resolver(plans, file, request.year)
    resolved = [found for figure in table.figures if (found := resolver.resolve(figure)) is not None]
    records, problems = _per_quarter(resolved, basis, file)
    problems = table.problems + resolver.problems + problems
    if has_errors(problems):
        raise ImportFailed(problems)
    return _store(database, request, pemda.kode, (table.shape, basis, table.quarters), records)


def _renja(plans: list[Plan], pd: str | None, known: list[PerangkatDaerah]) -> list[Plan]:
    """The Renja of the year; only those of ``pd`` (its code, name or singkatan) when given."""
    if pd is None:
        return plans
    codes = {
        agency.kode
        for agency in known
        if _norm(pd) in {_norm(agency.kode), _norm(agency.nama), _norm(agency.singkatan)}
    }
    return [plan for plan in plans if plan.document.pd in codes or plan.document.pd == pd]


@dataclass(frozen=True, slots=True)
class _Resolved:
    figure: RawRealisasi
    plan: Plan
    item: Item
    indicator: Indicator | None  # None for money


class _Resolver:
    """Finds the stored item (by key, else by code) and indicator each figure is about, collecting one problem per
    row for what it cannot find."""

    def __init__(self, plans: list[Plan], file: str, year: int) -> None:
        self.file, self.year, self.plans = file, year, plans
        self.index: dict[str, list[tuple[Plan, Item]]] = defaultdict(list)
        for plan in plans:
            for item in plan.items:
                self.index[item.key].append((plan, item))
                if item.code and item.code != item.key:
                    self.index[item.code].append((plan, item))
        self.problems: list[ImportProblem] = []
        self._reported: set[tuple[int, str]] = set()

    def resolve(self, figure: RawRealisasi) -> _Resolved | None:
        found = self.index.get(figure.code, [])
        if not found and _heading(figure.code):
            return None  # urusan and bidang urusan rows head the evaluation table; they are not Renja items
        if len({plan.document.key for plan, _ in found}) > 1:
            owners = "; ".join(sorted({plan.document.pd or plan.document.key for plan, _ in found}))
            self._problem(figure, figure.code_column, "realisasi-item-ambiguous", figure.code, found=owners)
            return None
        if not found:
            documents = "; ".join(plan.document.key for plan in self.plans[:4]) + (" …" if len(self.plans) > 4 else "")
            self._problem(
                figure, figure.code_column, "realisasi-item-unknown", figure.code, year=self.year, documents=documents
            )
            return None
        plan, item = found[0]
        if figure.measure == "anggaran":
            return _Resolved(figure, plan, item, None)
        indicator = _indicator(item, figure.indicator)
        if indicator is None:
            names = "; ".join(indicator.name.strip() for indicator in item.indicators) or "tidak ada"
            self._problem(
                figure, figure.column, "realisasi-indicator-unknown", figure.indicator, code=figure.code, expected=names
            )
            return None
        return _Resolved(figure, plan, item, indicator)

    def _problem(self, figure: RawRealisasi, column: str, problem: str, value: str, **params: object) -> None:
        if (figure.row, problem) in self._reported:
            return
        self._reported.add((figure.row, problem))
        texts = {name: str(text) for name, text in params.items()}
        self.problems.append(ImportProblem(problem, self.file, figure.sheet, figure.row, column, value, params=texts))


def _heading(code: str) -> bool:
    try:
        return parse_code(code).level in (CodeLevel.URUSAN, CodeLevel.BIDANG_URUSAN)
    except ValueError:
        return False


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _indicator(item: Item, name: str) -> Indicator | None:
    """The item's indicator of that name; an item with one indicator takes a figure whose file names it differently
    (or not at all), since there is nothing else it can be about."""
    match = next((indicator for indicator in item.indicators if _norm(indicator.name) == _norm(name)), None)
    return match or (item.indicators[0] if len(item.indicators) == 1 else None)


_Key = tuple[str, str, str, str]  # document, item, measure, indicator


def _per_quarter(resolved: list[_Resolved], basis: Basis, file: str) -> tuple[list[Realisasi], list[ImportProblem]]:
    """Each quarter's own figure per item; a figure given twice is a galat, and so is a falling cumulative one."""
    problems: list[ImportProblem] = []
    series: dict[_Key, dict[int, _Resolved]] = defaultdict(dict)
    for entry in resolved:
        name = entry.indicator.name if entry.indicator else ""
        key = (entry.plan.document.key, entry.item.key, entry.figure.measure, name)
        first = series[key].get(entry.figure.triwulan)
        if first is not None:
            problems.append(_at(file, entry.figure, "duplicate", first_row=first.figure.row))
            continue
        series[key][entry.figure.triwulan] = entry
    quarters: dict[tuple[str, str, int], tuple[Decimal | None, dict[str, Decimal]]] = {}
    for (document, item, measure, name), by_quarter in series.items():
        previous = Decimal(0)
        for quarter in sorted(by_quarter):
            entry = by_quarter[quarter]
            value = entry.figure.value
            own = value
            if basis is Basis.KUMULATIF and (entry.indicator is None or is_additive(entry.indicator)):
                if value < previous:
                    problems.append(_at(file, entry.figure, "realisasi-decreasing", previous=format_number(previous)))
                own, previous = value - previous, value
            money, kinerja = quarters.get((document, item, quarter), (None, {}))
            if measure == "anggaran":
                money = own
            else:
                kinerja = {**kinerja, name: own}
            quarters[document, item, quarter] = (money, kinerja)
    records = [
        Realisasi(document, item, quarter, money, kinerja)
        for (document, item, quarter), (money, kinerja) in sorted(quarters.items())
    ]
    return records, problems


def _at(file: str, figure: RawRealisasi, code: str, **params: object) -> ImportProblem:
    texts = {name: str(text) for name, text in params.items()}
    return ImportProblem(code, file, figure.sheet, figure.row, figure.column, format_number(figure.value), params=texts)


def _store(
    database: Database,
    request: RealisasiRequest,
    pemda: str,
    read: tuple[str, Basis, tuple[int, ...]],
    records: list[Realisasi],
) -> RealisasiResult:
    shape, basis, quarters = read
    digest = hashlib.sha256(request.path.read_bytes() + basis.value.encode()).hexdigest()
    by_document: dict[str, list[Realisasi]] = defaultdict(list)
    for record in records:
        by_document[record.document].append(record)
    result = RealisasiResult(shape, basis, quarters)
    with database.session() as session:
        for document, own in by_document.items():
            counts = _counts(own)
            quarters_stored = {record.triwulan for record in own}
            replaced = [
                record
                for record in load_realisasi(session, [pemda], documents=[document])
                if record.triwulan in quarters_stored
            ]
            # the stored figures, not the file's hash, decide: a file imported again after a figure was changed on
            # the web puts the file's figure back, and the same figures again keep their verification
            if replaced == own:
                result.documents.append(RealisasiImport(document, "unchanged", counts))
                continue
            user = request.user or getpass.getuser()
            replace_realisasi(session, pemda, document, own, by=user)
            record_audit(  # the figures replaced stay in the audit log: the version to go back to
                session,
                pemda=pemda,
                username=user,
                action="realisasi-import",
                entity="realisasi",
                entity_id=document,
                old={_entity(record): figures(record) for record in replaced},
                new={"file": request.path.name, "state": Verifikasi.DIAJUKAN.value, **counts},
            )
            record_import(
                session,
                ImportRecord(
                    pemda=pemda,
                    document_key=realisasi_log_key(document),
                    file_name=request.path.name,
                    content_hash=digest,
                    file_format=f"realisasi-{shape}",
                    imported_by=user,
                    imported_at=datetime.now(UTC).replace(tzinfo=None),
                    counts=counts,
                ),
            )
            result.documents.append(RealisasiImport(document, "stored", counts))
    return result


def _entity(record: Realisasi) -> str:
    return f"{record.item} TW {roman(record.triwulan)}"


def _counts(records: list[Realisasi]) -> dict[str, object]:
    """Items reported, indicator figures, and rupiah per triwulan (the quarter alone)."""
    money: dict[str, Decimal] = defaultdict(Decimal)
    for record in records:
        money[str(record.triwulan)] += record.anggaran or Decimal(0)
    return {
        "items": len({record.item for record in records}),
        "kinerja": sum(len(record.kinerja) for record in records),
        "anggaran": {quarter: json_number(total) for quarter, total in sorted(money.items())},
    }
