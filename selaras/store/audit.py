"""The audit log: every change made through the web, with who, when, what, and old → new values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from selaras.store.changes import touch
from selaras.store.tables import AuditRow

__all__ = ["AuditEntry", "list_audit", "now", "record_audit"]


def now() -> datetime:
    """The current UTC time without zone (the columns are naive UTC on both databases)."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    pemda: str
    username: str
    at: datetime
    action: str
    entity: str
    entity_id: str
    old: dict[str, Any]
    new: dict[str, Any]


def record_audit(
    session: Session,
    *,
    pemda: str,
    username: str,
    action: str,
    entity: str,
    entity_id: object,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> None:
    """Write one entry in the caller's transaction, so a change and its audit entry commit together; the
    pemda's data counts as changed (:func:`selaras.store.changes.touch`)."""
    touch(session, pemda)
    session.add(
        AuditRow(
            pemda=pemda,
            username=username,
            at=now(),
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            old=json.dumps(old or {}, ensure_ascii=False, sort_keys=True, default=str),
            new=json.dumps(new or {}, ensure_ascii=False, sort_keys=True, default=str),
        )
    )
    session.flush()


def list_audit(
    session: Session, pemda: list[str], *, entity: str | None = None, limit: int = 200, offset: int = 0
) -> list[AuditEntry]:
    """Entries of these pemda, newest first."""
    query = select(AuditRow).where(AuditRow.pemda.in_(pemda))
    if entity:
        query = query.where(AuditRow.entity == entity)
    rows = session.scalars(query.order_by(AuditRow.id.desc()).limit(limit).offset(offset))
    return [
        AuditEntry(
            row.id,
            row.pemda,
            row.username,
            row.at,
            row.action,
            row.entity,
            row.entity_id,
            json.loads(row.old),
            json.loads(row.new),
        )
        for row in rows
    ]
