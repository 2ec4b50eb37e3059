"""The import log: every import with its file, content hash, who, when and row counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from selaras.store.tables import ImportRecordRow

__all__ = ["ImportRecord", "last_import", "record_import"]


@dataclass(frozen=True, slots=True)
class ImportRecord:
    pemda: str
    document_key: str
    file_name: str
    content_hash: str
    file_format: str
    imported_by: str
    imported_at: datetime
    counts: dict[str, object]


def record_import(session: Session, record: ImportRecord) -> None:
    session.add(
        ImportRecordRow(
            pemda=record.pemda,
            document_key=record.document_key,
            file_name=record.file_name,
            content_hash=record.content_hash,
            file_format=record.file_format,
            imported_by=record.imported_by,
            imported_at=record.imported_at,
            counts=json.dumps(record.counts, ensure_ascii=False, sort_keys=True),
        )
    )


def last_import(session: Session, document_key: str) -> ImportRecord | None:
    """The latest import into this document, if any."""
    row = session.scalars(
        select(ImportRecordRow).where(ImportRecordRow.document_key == document_key).order_by(ImportRecordRow.id.desc())
    ).first()
    if row is None:
        return None
    return ImportRecord(
        row.pemda,
        row.document_key,
        row.file_name,
        row.content_hash,
        row.file_format,
        row.imported_by,
        row.imported_at,
        json.loads(row.counts),
    )
