"""Tindak lanjut: a finding assigned to a person of its PD with a deadline, and closed or reopened by a
verifikator. The assignment is a row of its own; the state is the finding's response
(:mod:`selaras.store.responses`), so a PD's answer and the verifikator's decision stay one history.

Every step is audited in the caller's transaction. Findings are recomputed by the checks; the functions that
join them with their follow-up take the findings of the current run and match them by
:func:`~selaras.store.responses.finding_key`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from selaras.checks.findings import Finding
from selaras.domain import DocumentKind, kind_and_period
from selaras.errors import NotFound
from selaras.store.audit import now, record_audit
from selaras.store.responses import FindingResponse, ResponseState, finding_key, list_responses, save_response
from selaras.store.tables import CalendarStageRow, FindingFollowUpRow
from selaras.store.users import StoredUser, find_user, list_users

__all__ = [
    "DEFAULT_DAYS",
    "FollowUp",
    "FollowUpItem",
    "assign",
    "assign_many",
    "assignable",
    "close",
    "default_deadline",
    "document_kind",
    "followup_items",
    "list_followups",
    "ordered",
    "overdue_counts",
    "reopen",
]

DEFAULT_DAYS = 30
"""Days until the deadline of an assignment when the planning calendar has no stage closing later."""
OPEN_STATES = frozenset({ResponseState.TERBUKA, ResponseState.DITANGGAPI})


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Who follows a finding up (``assignee``, a username) and by when."""

    finding_key: str
    code: str
    pd: str
    assignee: str
    deadline: date
    assigned_by: str
    assigned_at: datetime


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """A finding of the current run with its follow-up: the assignment (None: nobody yet) and the response
    (None: unanswered, state terbuka)."""

    finding: Finding
    key: str
    followup: FollowUp | None
    response: FindingResponse | None

    @property
    def state(self) -> ResponseState:
        return self.response.state if self.response else ResponseState.TERBUKA

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def overdue(self, today: date) -> bool:
        return self.is_open and self.followup is not None and self.followup.deadline < today


def _followup(row: FindingFollowUpRow) -> FollowUp:
    return FollowUp(row.finding_key, row.code, row.pd, row.assignee, row.deadline, row.assigned_by, row.assigned_at)


def list_followups(session: Session, pemda: str) -> dict[str, FollowUp]:
    """The pemda's assignments by finding key."""
    rows = session.scalars(select(FindingFollowUpRow).where(FindingFollowUpRow.pemda == pemda))
    return {row.finding_key: _followup(row) for row in rows}


def default_deadline(session: Session, pemda: str, today: date, kind: DocumentKind | None = None) -> date:
    """The next close of a stage of the planning calendar (of documents of ``kind`` when it has one), else
    ``today`` + :data:`DEFAULT_DAYS`: a fix should land before the stage it belongs to closes."""
    query = select(CalendarStageRow.closes).where(CalendarStageRow.pemda == pemda, CalendarStageRow.closes >= today)
    query = query.order_by(CalendarStageRow.closes)
    found = session.scalars(query.where(CalendarStageRow.kind == kind.value)).first() if kind else None
    found = found or session.scalars(query).first()
    return found or today + timedelta(days=DEFAULT_DAYS)


def document_kind(document: str) -> DocumentKind | None:
    """``RENJA`` from a document key ``62/RENJA/1.01.01/2026/final`` (:func:`~selaras.domain.kind_and_period`): the
    kind whose calendar stage a finding's default deadline follows."""
    named = kind_and_period(document)
    return named[0] if named else None


def _check_assignee(session: Session, pemda: str, finding: Finding, assignee: str) -> None:
    user = find_user(session, assignee)
    if user is None or user.pemda != pemda or not user.active:
        raise NotFound(f"pengguna {assignee} tidak ada atau tidak aktif di pemda {pemda}; lihat `selaras users list`")
    pd = finding.location.pd
    if not _may_follow_up(user, pd):
        raise NotFound(f"pengguna {assignee} adalah editor PD {user.pd}, bukan PD {pd} yang memiliki temuan ini")


def _may_follow_up(user: StoredUser, pd: str) -> bool:
    """An editor follows up only their own PD's findings (and pemda-wide ones); other roles any."""
    return user.role != "editor" or not pd or user.pd == pd


def assignable(session: Session, pemda: str, pd: str | None = None) -> list[StoredUser]:
    """The active users of ``pemda`` a finding of ``pd`` may be assigned to (any finding when ``pd`` is None):
    the PD's editors first, then the other roles, each by name. The web offers these in its assign forms."""
    users = [user for user in list_users(session, [pemda]) if user.active and (pd is None or _may_follow_up(user, pd))]
    return sorted(users, key=lambda user: (user.role != "editor", user.pd or "", user.username))


def assign(
    session: Session,
    finding: Finding,
    *,
    pemda: str,
    assignee: str,
    username: str,
    today: date,
    deadline: date | None = None,
) -> FollowUp:
    """Assign ``finding`` to ``assignee`` (a user of the pemda; an editor only of the finding's PD) with
    ``deadline`` (default: :func:`default_deadline`); assigning again replaces the assignment. Audited.

    Example: ``assign(session, finding, pemda="62", assignee="dinkes", username="admin", today=date.today())``
    """
    _check_assignee(session, pemda, finding, assignee)
    key = finding_key(finding)
    due = deadline or default_deadline(session, pemda, today, document_kind(finding.location.document))
    row = session.scalars(
        select(FindingFollowUpRow).where(FindingFollowUpRow.pemda == pemda, FindingFollowUpRow.finding_key == key)
    ).one_or_none()
    old = {} if row is None else {"assignee": row.assignee, "deadline": row.deadline.isoformat()}
    if row is None:
        row = FindingFollowUpRow(pemda=pemda, finding_key=key, code=finding.code, pd=finding.location.pd)
        session.add(row)
    row.assignee, row.deadline, row.assigned_by, row.assigned_at = assignee, due, username, now()
    session.flush()
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action="followup-assign",
        entity="finding_followup",
        entity_id=key,
        old=old,
        new={"code": finding.code, "pd": finding.location.pd, "assignee": assignee, "deadline": due.isoformat()},
    )
    return _followup(row)


def assign_many(
    session: Session,
    findings: Iterable[Finding],
    *,
    pemda: str,
    assignee: str,
    username: str,
    today: date,
    deadline: date | None = None,
    pd: str | None = None,
    rule: str | None = None,
) -> list[FollowUp]:
    """Assign every open finding of ``pemda`` (of PD ``pd``, of rule ``rule`` when given) at once: bulk
    assignment by PD or rule. Settled findings (selesai, pengecualian) are left alone. An editor is given only
    their own PD's findings: assigning a rule to an editor means that rule in their PD."""
    responses = list_responses(session, pemda)
    user = find_user(session, assignee)
    if pd is None and user is not None and user.role == "editor":
        pd = user.pd

    def wanted(finding: Finding) -> bool:
        where, response = finding.location, responses.get(finding_key(finding))
        settled = response is not None and response.state not in OPEN_STATES
        return where.pemda == pemda and pd in (None, where.pd) and rule in (None, finding.code) and not settled

    chosen = [finding for finding in findings if wanted(finding)]
    return [
        assign(session, finding, pemda=pemda, assignee=assignee, username=username, today=today, deadline=deadline)
        for finding in chosen
    ]


def _settle(session: Session, finding: Finding, pemda: str, state: ResponseState, username: str, comment: str) -> int:
    key = finding_key(finding)
    current = list_responses(session, pemda).get(key)
    return save_response(
        session,
        pemda=pemda,
        key=key,
        code=finding.code,
        pd=finding.location.pd,
        state=state,
        comment=comment if comment or current is None else current.comment,
        expected_version=current.version if current else 0,
        username=username,
    )


def close(session: Session, finding: Finding, *, pemda: str, username: str, comment: str = "") -> int:
    """The verifikator closes the follow-up (state selesai); returns the response's new version. Audited as
    ``finding-selesai``. Who may do this is the caller's decision (the web allows verifikator and admin)."""
    return _settle(session, finding, pemda, ResponseState.SELESAI, username, comment)


def reopen(session: Session, finding: Finding, *, pemda: str, username: str, comment: str = "") -> int:
    """The verifikator reopens a closed follow-up (state terbuka); audited as ``finding-terbuka``."""
    return _settle(session, finding, pemda, ResponseState.TERBUKA, username, comment)


def followup_items(session: Session, findings: Iterable[Finding], pemda: str) -> list[FollowUpItem]:
    """Every finding of ``pemda`` with its assignment and response, in run order."""
    followups, responses = list_followups(session, pemda), list_responses(session, pemda)
    items = []
    for finding in findings:
        if finding.location.pemda == pemda:
            key = finding_key(finding)
            items.append(FollowUpItem(finding, key, followups.get(key), responses.get(key)))
    return items


def ordered(items: Iterable[FollowUpItem]) -> list[FollowUpItem]:
    """A PD's work list: open findings first, soonest deadline first (unassigned after the assigned), then
    by rule; settled findings after, in the same order."""

    def key(item: FollowUpItem) -> tuple[bool, date, str, str]:
        due = item.followup.deadline if item.followup else date.max
        return (not item.is_open, due, item.finding.code, item.finding.location.pd)

    return sorted(items, key=key)


def overdue_counts(session: Session, findings: Iterable[Finding], pemda: str, today: date) -> dict[str, int]:
    """Open findings of the current run past their follow-up deadline, per PD (``""``: pemda-wide), PD in
    code order. A fixed finding no longer comes out of the checks, so its old assignment is not counted."""
    counts: dict[str, int] = {}
    for item in followup_items(session, findings, pemda):
        if item.overdue(today):
            pd = item.finding.location.pd
            counts[pd] = counts.get(pd, 0) + 1
    return dict(sorted(counts.items()))
