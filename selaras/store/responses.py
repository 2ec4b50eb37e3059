"""PD responses to findings. Findings are recomputed by the checks each time; a response is attached to a
finding by a stable key (a hash of its rule code and location), so it survives re-running the checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from selaras.checks.findings import Finding
from selaras.store.audit import now, record_audit
from selaras.store.locking import EditConflict
from selaras.store.tables import FindingResponseRow

__all__ = ["FindingResponse", "ResponseState", "finding_key", "list_responses", "save_response"]


class ResponseState(StrEnum):
    TERBUKA = "terbuka"  # nobody has answered yet
    DITANGGAPI = "ditanggapi"  # the PD answered; a verifikator has to look
    SELESAI = "selesai"  # fixed and verified
    PENGECUALIAN = "pengecualian"  # accepted as an exception ("diterima sebagai pengecualian")


@dataclass(frozen=True, slots=True)
class FindingResponse:
    finding_key: str
    code: str
    pd: str
    state: ResponseState
    comment: str
    updated_by: str
    updated_at: datetime
    version: int


def finding_key(finding: Finding) -> str:
    """The finding's identity: its rule and every location field, hashed (evidence values may change
    when the plan is edited, the identity does not)."""
    where = finding.location
    parts = (finding.code, where.pemda, where.document, where.item, where.pd, where.code, where.indicator, where.year)
    return hashlib.sha256("\x1f".join("" if part is None else str(part) for part in parts).encode()).hexdigest()


def _response(row: FindingResponseRow) -> FindingResponse:
    return FindingResponse(
        row.finding_key,
        row.code,
        row.pd,
        ResponseState(row.state),
        row.comment,
        row.updated_by,
        row.updated_at,
        row.version,
    )


def list_responses(session: Session, pemda: str) -> dict[str, FindingResponse]:
    rows = session.scalars(select(FindingResponseRow).where(FindingResponseRow.pemda == pemda))
    return {row.finding_key: _response(row) for row in rows}


def save_response(
    session: Session,
    *,
    pemda: str,
    key: str,
    code: str,
    pd: str,
    state: ResponseState,
    comment: str,
    expected_version: int,
    username: str,
) -> int:
    """Set the response's state and comment if it is still at ``expected_version`` (0: no response yet);
    returns the new version. A stale version raises :class:`EditConflict`."""
    what = f"tanggapan temuan {code}"
    row = session.scalars(
        select(FindingResponseRow).where(FindingResponseRow.pemda == pemda, FindingResponseRow.finding_key == key)
    ).one_or_none()
    current = 0 if row is None else row.version
    if current != expected_version:
        raise EditConflict(what, expected_version, current)
    old = {} if row is None else {"state": row.state, "comment": row.comment, "version": row.version}
    new = {"state": state.value, "comment": comment, "version": expected_version + 1}
    if row is None:
        session.add(
            FindingResponseRow(
                pemda=pemda,
                finding_key=key,
                code=code,
                pd=pd,
                state=state.value,
                comment=comment,
                updated_by=username,
                updated_at=now(),
                version=1,
            )
        )
        try:
            session.flush()
        except IntegrityError:  # someone answered first; the caller's transaction is rolled back
            raise EditConflict(what, expected_version, 1) from None
    else:
        changed = session.execute(
            update(FindingResponseRow)
            .where(FindingResponseRow.id == row.id, FindingResponseRow.version == expected_version)
            .values(
                state=state.value, comment=comment, updated_by=username, updated_at=now(), version=expected_version + 1
            )
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
            latest = session.scalar(select(FindingResponseRow.version).where(FindingResponseRow.id == row.id))
            raise EditConflict(what, expected_version, latest)
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action=f"finding-{state.value}",
        entity="finding_response",
        entity_id=key,
        old=old,
        new={"code": code, "pd": pd, **new},
    )
    return expected_version + 1
