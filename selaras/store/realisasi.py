"""Storing and loading realisasi per triwulan of Renja documents.

A realisasi import replaces what a document held for the quarters the file reports and leaves the other
quarters alone: the TW III file of a PD does not erase its TW I and TW II.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from selaras.domain.realisasi import Realisasi
from selaras.store.changes import touch
from selaras.store.tables import ImportRecordRow, RealisasiRow

__all__ = ["last_content_hash", "load_realisasi", "replace_realisasi"]


def replace_realisasi(session: Session, pemda: str, document: str, records: Iterable[Realisasi]) -> int:
    """Store ``records`` of ``document``, first removing what the document held for the same quarters; returns
    the number of rows written."""
    records = list(records)
    touch(session, pemda)
    quarters = sorted({record.triwulan for record in records})
    session.execute(
        delete(RealisasiRow).where(RealisasiRow.document_key == document, RealisasiRow.triwulan.in_(quarters))
    )
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
    return len(rows)


def _values(record: Realisasi) -> list[tuple[str, Decimal]]:
    money = [("", record.anggaran)] if record.anggaran is not None else []
    return money + sorted(record.kinerja.items())


def load_realisasi(
    session: Session, pemda: Iterable[str], *, documents: Iterable[str] | None = None
) -> list[Realisasi]:
    """Every stored realisasi of these pemda (optionally only of these documents), one record per item and
    triwulan, ordered by document, item and triwulan."""
    row = RealisasiRow
    query = select(row.document_key, row.item_key, row.triwulan, row.indicator, row.value).where(
        row.pemda.in_(list(pemda))
    )
    if documents is not None:
        query = query.where(row.document_key.in_(list(documents)))
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


def last_content_hash(session: Session, log_key: str) -> str | None:
    """The content hash of the latest import logged under ``log_key``: importing the same file again is a no-op,
    importing an older file after a newer one is not."""
    return session.scalars(
        select(ImportRecordRow.content_hash)
        .where(ImportRecordRow.document_key == log_key)
        .order_by(ImportRecordRow.id.desc())
    ).first()
