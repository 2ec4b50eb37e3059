"""Document versions: every state a document had, so no import, restore or edit can lose earlier work.

Each import or restore that changes a document records the new state as the next version (who, when, from
which file, whether ``--force`` was needed, its counts). Before a document is replaced, web edits made since
its last recorded state are recorded first as a ``suntingan`` version. ``restore_version`` brings any state
back exactly (same fingerprint) and is itself recorded, so a restore can be undone too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from selaras.domain import Plan
from selaras.domain.diff import LinkIdentity
from selaras.errors import NotFound
from selaras.store.plans import SaveOutcome, fingerprint, load_plan, save_plan
from selaras.store.snapshots import plan_from_json, plan_to_json
from selaras.store.tables import DocumentVersionRow

__all__ = [
    "DocumentVersion",
    "file_links",
    "keep_edits",
    "list_versions",
    "load_version",
    "record_version",
    "restore_version",
]


@dataclass(frozen=True, slots=True)
class DocumentVersion:
    """What ``selaras versions`` lists: the number, how the state came about, and its counts."""

    document_key: str
    number: int
    saved_at: datetime
    saved_by: str
    reason: str  # impor | pulihkan | suntingan
    file_name: str
    forced: bool
    fingerprint: str
    counts: dict[str, object]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _latest(session: Session, key: str) -> DocumentVersionRow | None:
    return session.scalars(
        select(DocumentVersionRow)
        .where(DocumentVersionRow.document_key == key)
        .order_by(DocumentVersionRow.number.desc())
        .limit(1)
    ).first()


def record_version(
    session: Session,
    plan: Plan,
    *,
    reason: str,
    user: str,
    counts: dict[str, object],
    file_name: str = "",
    forced: bool = False,
    file_links: Iterable[LinkIdentity] = (),
) -> int:
    """Record ``plan`` (the document as stored) as the next version of its document; returns its number.
    ``file_links`` are the links the imported file itself held (see :func:`file_links`)."""
    key = plan.document.key
    number = (
        session.scalar(select(func.max(DocumentVersionRow.number)).where(DocumentVersionRow.document_key == key)) or 0
    ) + 1
    session.add(
        DocumentVersionRow(
            pemda=plan.document.pemda,
            document_key=key,
            number=number,
            saved_at=_now(),
            saved_by=user,
            reason=reason,
            file_name=file_name,
            forced=forced,
            fingerprint=fingerprint(plan),
            counts=json.dumps(counts, ensure_ascii=False, sort_keys=True),
            content=plan_to_json(plan),
            file_links=json.dumps(sorted(file_links)),
        )
    )
    session.flush()
    return number


def keep_edits(session: Session, current: Plan, user: str) -> int | None:
    """Before the stored document ``current`` is replaced: record it as a ``suntingan`` version when it is not
    already the latest version (it was edited in the web since, or it predates versioning). Returns the number
    recorded, None when the stored state is already kept."""
    latest = _latest(session, current.document.key)
    if latest is not None and latest.fingerprint == fingerprint(current):
        return None
    return record_version(session, current, reason="suntingan", user=user, counts=current.summary())


def file_links(session: Session, key: str) -> set[LinkIdentity]:
    """The links the last imported file held: a new file that no longer has one of them removed it, while links
    made in the web or CLI (never in a file) are not among them."""
    row = session.scalars(
        select(DocumentVersionRow)
        .where(DocumentVersionRow.document_key == key, DocumentVersionRow.reason == "impor")
        .order_by(DocumentVersionRow.number.desc())
        .limit(1)
    ).first()
    return {(a, b, c, d) for a, b, c, d in json.loads(row.file_links)} if row is not None else set()


def list_versions(session: Session, key: str) -> list[DocumentVersion]:
    """The versions of ``key``, oldest first."""
    rows = session.scalars(
        select(DocumentVersionRow).where(DocumentVersionRow.document_key == key).order_by(DocumentVersionRow.number)
    )
    return [
        DocumentVersion(
            row.document_key,
            row.number,
            row.saved_at,
            row.saved_by,
            row.reason,
            row.file_name,
            row.forced,
            row.fingerprint,
            json.loads(row.counts),
        )
        for row in rows
    ]


def load_version(session: Session, key: str, number: int) -> Plan:
    """The content of version ``number`` of ``key``; :class:`NotFound` naming the versions there are."""
    row = session.scalars(
        select(DocumentVersionRow).where(DocumentVersionRow.document_key == key, DocumentVersionRow.number == number)
    ).first()
    if row is None:
        known = ", ".join(str(version.number) for version in list_versions(session, key)) or "belum ada"
        raise NotFound(f"dokumen '{key}' tidak memiliki versi {number} (versi yang ada: {known})")
    return plan_from_json(row.content)


def restore_version(session: Session, key: str, number: int, user: str) -> SaveOutcome:
    """Make version ``number`` the document's content again, exactly; the state it replaces and the restored
    one are both recorded, so the restore can itself be undone."""
    plan = load_version(session, key, number)
    keep_edits(session, load_plan(session, key), user)
    outcome = save_plan(session, plan)
    if outcome != "unchanged":
        restored = load_plan(session, key)
        record_version(
            session, restored, reason="pulihkan", user=user, counts=restored.summary(), file_name=f"versi {number}"
        )
    return outcome
