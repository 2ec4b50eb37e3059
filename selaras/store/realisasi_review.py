"""Entering realisasi item by item and verifying it: the PD submits, the verifikator confirms or returns it.

The state of an item's realisasi in a triwulan (:class:`selaras.domain.realisasi.Verifikasi`) lives in
``realisasi_state`` with a version. The entry form and the verifikator's decision both name the version they were
based on; a stale one raises :class:`EditConflict`, as editing an item does. No state row means version 0 and
*diajukan*. Every step is audited in the same transaction, with the figures before and after, so that the audit log
keeps each replaced figure (the version to go back to).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from selaras.domain.realisasi import Realisasi, Verifikasi
from selaras.store.audit import now, record_audit
from selaras.store.locking import EditConflict, InvalidEdit
from selaras.store.realisasi import load_realisasi, write_figures
from selaras.store.tables import RealisasiStateRow

__all__ = [
    "RealisasiState",
    "enter_realisasi",
    "figures",
    "load_states",
    "review_realisasi",
    "state_of",
]

_Key = tuple[str, str, int]  # document, item, triwulan


@dataclass(frozen=True, slots=True)
class RealisasiState:
    """Where one item's realisasi of one triwulan stands, by whom and since when, and its version."""

    state: Verifikasi
    comment: str = ""
    updated_by: str = ""
    updated_at: datetime | None = None
    version: int = 0


def load_states(session: Session, pemda: str, *, documents: list[str] | None = None) -> dict[_Key, RealisasiState]:
    """The recorded state of every item and triwulan of ``pemda`` (of these documents only, when given)."""
    row = RealisasiStateRow
    query = select(row).where(row.pemda == pemda)
    if documents is not None:
        query = query.where(row.document_key.in_(documents))
    return {
        (found.document_key, found.item_key, found.triwulan): RealisasiState(
            Verifikasi(found.state), found.comment, found.updated_by, found.updated_at, found.version
        )
        for found in session.scalars(query)
    }


def state_of(states: dict[_Key, RealisasiState], document: str, item: str, triwulan: int) -> RealisasiState:
    """The state of one item and triwulan; *diajukan* at version 0 when none was recorded."""
    return states.get((document, item, triwulan), RealisasiState(Verifikasi.DIAJUKAN))


def figures(record: Realisasi | None) -> dict[str, str]:
    """A record's figures as the audit log keeps them: ``anggaran`` and one entry per indicator, as text."""
    if record is None:
        return {}
    money = {} if record.anggaran is None else {"anggaran": _text(record.anggaran)}
    return money | {f"kinerja[{name}]": _text(value) for name, value in sorted(record.kinerja.items())}


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _row(session: Session, document: str, item: str, triwulan: int) -> RealisasiStateRow | None:
    row = RealisasiStateRow
    return session.scalars(
        select(row).where(row.document_key == document, row.item_key == item, row.triwulan == triwulan)
    ).one_or_none()


def _record(session: Session, pemda: str, document: str, item: str, triwulan: int) -> Realisasi | None:
    return next(
        (
            record
            for record in load_realisasi(session, [pemda], documents=[document])
            if record.item == item and record.triwulan == triwulan
        ),
        None,
    )


def enter_realisasi(session: Session, pemda: str, record: Realisasi, *, expected_version: int, username: str) -> int:
    """Store the figures of one item in one triwulan (replacing what it held) if its state is still at
    ``expected_version``; the figures become *diajukan*. Returns the new version."""
    if record.anggaran is None and not record.kinerja:
        raise InvalidEdit("isi realisasi anggaran atau sedikitnya satu realisasi kinerja")
    if any(value < 0 for value in (record.anggaran or Decimal(0), *record.kinerja.values())):
        raise InvalidEdit("realisasi tidak boleh negatif")
    before = _record(session, pemda, record.document, record.item, record.triwulan)
    version = _set_state(
        session,
        pemda,
        (record.document, record.item, record.triwulan),
        Verifikasi.DIAJUKAN,
        "",
        expected_version,
        username,
    )
    write_figures(session, pemda, record.document, [record], item=record.item)
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action=f"realisasi-{Verifikasi.DIAJUKAN.value}",
        entity="realisasi",
        entity_id=_entity(record.document, record.item, record.triwulan),
        old={"version": expected_version, **figures(before)},
        new={"version": version, "state": Verifikasi.DIAJUKAN.value, **figures(record)},
    )
    return version


def review_realisasi(
    session: Session,
    pemda: str,
    key: _Key,
    decision: Verifikasi,
    *,
    comment: str,
    expected_version: int,
    username: str,
) -> int:
    """The verifikator's decision on one item's realisasi of one triwulan: *diverifikasi*, or *dikembalikan* with
    a comment saying what to fix. Only figures that exist can be decided on; returns the new version."""
    document, item, triwulan = key
    if decision is Verifikasi.DIAJUKAN:
        raise InvalidEdit("keputusan verifikator: diverifikasi atau dikembalikan")
    if decision is Verifikasi.DIKEMBALIKAN and not comment.strip():
        raise InvalidEdit("realisasi yang dikembalikan perlu komentar: apa yang harus diperbaiki")
    record = _record(session, pemda, document, item, triwulan)
    if record is None:
        raise InvalidEdit(f"belum ada realisasi {item} TW {triwulan} untuk diputuskan")
    found = _row(session, document, item, triwulan)
    old = {"state": found.state if found else Verifikasi.DIAJUKAN.value, "version": expected_version}
    version = _set_state(session, pemda, key, decision, comment.strip(), expected_version, username)
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action=f"realisasi-{decision.value}",
        entity="realisasi",
        entity_id=_entity(document, item, triwulan),
        old=old,
        new={"state": decision.value, "comment": comment.strip(), "version": version, **figures(record)},
    )
    return version


def _set_state(
    session: Session, pemda: str, key: _Key, state: Verifikasi, comment: str, expected: int, username: str
) -> int:
    """Move the state to ``state`` if it is still at version ``expected`` (0: no row yet), in one conditional
    ``UPDATE`` (or an ``INSERT`` that a unique key guards), so that of two concurrent changes one wins."""
    document, item, triwulan = key
    what = f"realisasi {item} TW {triwulan}"
    found = _row(session, document, item, triwulan)
    current = 0 if found is None else found.version
    if current != expected:
        raise EditConflict(what, expected, current)
    if found is None:
        session.add(
            RealisasiStateRow(
                pemda=pemda,
                document_key=document,
                item_key=item,
                triwulan=triwulan,
                state=state.value,
                comment=comment,
                updated_by=username,
                updated_at=now(),
                version=1,
            )
        )
        try:
            session.flush()
        except IntegrityError:  # someone stored it first; the caller's transaction is rolled back
            raise EditConflict(what, expected, 1) from None
        return 1
    changed = session.execute(
        update(RealisasiStateRow)
        .where(RealisasiStateRow.id == found.id, RealisasiStateRow.version == expected)
        .values(state=state.value, comment=comment, updated_by=username, updated_at=now(), version=expected + 1)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
        latest = session.scalar(select(RealisasiStateRow.version).where(RealisasiStateRow.id == found.id))
        raise EditConflict(what, expected, latest)
    return expected + 1


def _entity(document: str, item: str, triwulan: int) -> str:
    return f"{document}#{item}#TW{triwulan}"
