"""Storing and loading realisasi per triwulan of Renja documents.

A realisasi import replaces what a document held for the quarters the file reports and leaves the other
quarters alone: the TW III file of a PD does not erase its TW I and TW II.

Whatever is stored is *diajukan* (submitted) until a verifikator decides (:mod:`selaras.store.realisasi_review`):
:func:`replace_realisasi` sets every item and triwulan it touches back to *diajukan* and bumps its version, so an
import and a web form open on the same figures cannot overwrite each other silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from selaras.domain.realisasi import Realisasi, Verifikasi
from selaras.store.audit import now
from selaras.store.changes import touch
from selaras.store.tables import RealisasiRow, RealisasiStateRow

__all__ = ["load_realisasi", "replace_realisasi", "write_figures"]


def replace_realisasi(
    session: Session, pemda: str, document: str, records: Iterable[Realisasi], *, by: str = ""
) -> int:
    """Store ``records`` of ``document``, first removing what the document held for the same quarters, and mark
    every item and triwulan touched (stored now or removed) *diajukan* by ``by``; returns the number of rows
    written."""
    records = list(records)
    touched, written = write_figures(session, pemda, document, records)
    _submitted(session, pemda, document, touched, by)
    return written


def write_figures(
    session: Session, pemda: str, document: str, records: list[Realisasi], *, item: str | None = None
) -> tuple[set[tuple[str, int]], int]:
    """Replace the figures of ``document`` for the quarters of ``records`` (of one ``item`` only, when given),
    leaving their verification state alone: for :func:`replace_realisasi` and the versioned entry of one item
    (:func:`selaras.store.realisasi_review.enter_realisasi`), which set it. Returns the (item, triwulan) touched,
    held before or now, and the number of rows written."""
    touch(session, pemda)
    quarters = sorted({record.triwulan for record in records})
    held = [RealisasiRow.document_key == document, RealisasiRow.triwulan.in_(quarters)]
    if item is not None:
        held.append(RealisasiRow.item_key == item)
    touched = {
        (key, triwulan)
        for key, triwulan in session.execute(select(RealisasiRow.item_key, RealisasiRow.triwulan).where(*held))
    }
    touched |= {(record.item, record.triwulan) for record in records}
    session.execute(delete(RealisasiRow).where(*held))
    rows = [
        RealisasiRow(
            pemda=pemda,
            document_key=document,
            item_key=record.item,
            triwulan=record.triwulan,
            indicator=name,
            value=value,
        )
        for record in records
        for name, value in _values(record)
    ]
    session.add_all(rows)
    return touched, len(rows)


def _submitted(session: Session, pemda: str, document: str, touched: set[tuple[str, int]], by: str) -> None:
    """Set these items' triwulan back to *diajukan* (version + 1), creating the state rows they lack."""
    state = RealisasiStateRow
    quarters = sorted({triwulan for _, triwulan in touched})
    existing = {
        (item, triwulan): row_id
        for row_id, item, triwulan in session.execute(
            select(state.id, state.item_key, state.triwulan).where(
                state.document_key == document, state.triwulan.in_(quarters)
            )
        )
        if (item, triwulan) in touched
    }
    at = now()
    if existing:
        session.execute(
            update(state)
            .where(state.id.in_(list(existing.values())))
            .values(
                state=Verifikasi.DIAJUKAN.value, comment="", updated_by=by, updated_at=at, version=state.version + 1
            )
        )
    session.add_all(
        state(
            pemda=pemda,
            document_key=document,
            item_key=item,
            triwulan=triwulan,
            state=Verifikasi.DIAJUKAN.value,
            comment="",
            updated_by=by,
            updated_at=at,
            version=1,
        )
        for item, triwulan in sorted(touched - existing.keys())
    )


def _values(record: Realisasi) -> list[tuple[str, Decimal]]:
    money = [("", record.anggaran)] if record.anggaran is not None else []
    return money + sorted(record.kinerja.items())


def load_realisasi(
    session: Session, pemda: Iterable[str], *, documents: Iterable[str] | None = None, verified_only: bool = False
) -> list[Realisasi]:
    """Every stored realisasi of these pemda (optionally only of these documents, only what a verifikator
    confirmed), one record per item and triwulan, ordered by document, item and triwulan."""
    row = RealisasiRow
    query = select(row.document_key, row.item_key, row.triwulan, row.indicator, row.value).where(
        row.pemda.in_(list(pemda))
    )
    if documents is not None:
        query = query.where(row.document_key.in_(list(documents)))
    if verified_only:
        state = RealisasiStateRow
        query = query.join(
            state,
            (state.document_key == row.document_key)
            & (state.item_key == row.item_key)
            & (state.triwulan == row.triwulan)
            & (state.state == Verifikasi.DIVERIFIKASI.value),
        )
    # plain tuples, not ORM objects: a province holds tens of thousands of rows and every check loads them
    grouped: dict[tuple[str, str, int], list[tuple[str, Decimal]]] = defaultdict(list)
    for document, item, triwulan, indicator, value in session.execute(query.order_by(row.id)):
        grouped[document, item, triwulan].append((indicator, value))
    return [
        Realisasi(
            document,
            item,
            triwulan,
            next((_plain(value) for name, value in values if not name), None),
            {name: _plain(value) for name, value in values if name},
        )
        for (document, item, triwulan), values in sorted(grouped.items())
    ]


def _plain(value: Decimal) -> Decimal:
    """``1000.0000`` → ``1000``: the database pads to four decimals, the data never had them."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
