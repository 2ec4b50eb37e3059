"""Which pemda's planning data changed: a counter per pemda that every write bumps, and the stamp read from it.

Web workers cache analyses and rendered pages per pemda and must never serve them after a change made by
another worker or by the CLI. Comparing aggregates over the data itself (documents, links, audit entries)
costs a scan of thousands of rows on every request; the counters cost one primary-key lookup per pemda.

Writers call :func:`touch` with the pemda whose data they change (:func:`selaras.store.audit.record_audit`
does it for every web edit). The bump itself is written just before the transaction commits, so it commits
or rolls back together with the change, a reader that sees it also sees the change, and the row lock is held
only for the moment of the commit. Rows are bumped in sorted order, so two writers cannot deadlock.
"""

from __future__ import annotations

from sqlalchemy import event, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from selaras.reference.wilayah import PUSAT
from selaras.store.tables import DataVersionRow, PemdaRow

__all__ = ["ANY_PEMDA", "data_stamp", "touch"]

ANY_PEMDA = "*"  # a change whose pemda is not known (links decided by row id across pemda): every stamp sees it
_TOUCHED = "selaras.touched_pemda"


def touch(session: Session, *pemda: str) -> None:
    """Mark these pemda's data as changed by this transaction (bumped when it commits)."""
    touched: set[str] = session.info.setdefault(_TOUCHED, set())
    touched.update(pemda)


def _bump(session: Session, kode: str) -> Executable:
    """``INSERT ... ON CONFLICT DO UPDATE``: written alike by both databases' dialects."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(DataVersionRow).values(pemda=kode, version=1)
    upsert: Executable = statement.on_conflict_do_update(
        index_elements=[DataVersionRow.pemda], set_={"version": DataVersionRow.version + 1}
    )
    return upsert


def _before_commit(session: Session) -> None:
    for kode in sorted(session.info.pop(_TOUCHED, ())):
        session.execute(_bump(session, kode))


def _after_rollback(session: Session) -> None:
    session.info.pop(_TOUCHED, None)


def data_stamp(session: Session, pemda: str) -> tuple[int, int]:
    """A value that changes whenever the data :func:`selaras.store.planning.load_planning_data` reads for
    ``pemda`` changes: that of the pemda, its kab/kota and the national frameworks. One indexed query."""
    family = or_(
        DataVersionRow.pemda.in_([pemda, PUSAT.kode, ANY_PEMDA]),
        DataVersionRow.pemda.in_(select(PemdaRow.kode).where(PemdaRow.parent == pemda)),
    )
    count, total = session.execute(
        select(func.count(), func.coalesce(func.sum(DataVersionRow.version), 0)).where(family)
    ).one()
    return int(count), int(total)


# On the Session class, so that every session of every engine (CLI, web, tests) bumps what it touched.
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_rollback", _after_rollback)
