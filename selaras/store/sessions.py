"""Server-side login sessions and the failed-login log behind rate limiting.

Both live in the database, not in a worker's memory: with several worker processes any of them may serve
the next request, and all must agree on who is signed in and how many attempts were made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from selaras.store.audit import now
from selaras.store.tables import LoginAttemptRow, UserRow, WebSessionRow
from selaras.store.users import StoredUser, user_from_row

__all__ = [
    "ActiveSession",
    "Failures",
    "LoginFailures",
    "clear_failures",
    "count_failures",
    "create_session",
    "delete_session",
    "find_session",
    "record_failure",
]


@dataclass(frozen=True, slots=True)
class ActiveSession:
    user: StoredUser
    csrf_token: str
    expires_at: datetime


def create_session(session: Session, *, token_hash: str, user_id: int, csrf_token: str, lifetime: timedelta) -> None:
    started = now()
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < started))
    session.add(
        WebSessionRow(
            token_hash=token_hash,
            user_id=user_id,
            csrf_token=csrf_token,
            created_at=started,
            expires_at=started + lifetime,
        )
    )
    session.flush()


def find_session(session: Session, token_hash: str) -> ActiveSession | None:
    """The unexpired session of an active user with this token hash (one query: every request asks)."""
    found = session.execute(
        select(UserRow, WebSessionRow.csrf_token, WebSessionRow.expires_at)
        .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
        .where(WebSessionRow.token_hash == token_hash, WebSessionRow.expires_at >= now(), UserRow.active.is_(True))
    ).one_or_none()
    if found is None:
        return None
    user, csrf_token, expires_at = found
    return ActiveSession(user_from_row(user), csrf_token, expires_at)


def delete_session(session: Session, token_hash: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))


def record_failure(session: Session, *, username: str, client: str) -> None:
    """Log a failed attempt (and forget those older than a day, which no window reaches)."""
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < now() - timedelta(days=1)))
    session.add(LoginAttemptRow(username=username, client=client, at=now()))
    session.flush()


@dataclass(frozen=True, slots=True)
class Failures:
    """Failed attempts within a window and when the latest was (None when there was none)."""

    count: int
    last: datetime | None


@dataclass(frozen=True, slots=True)
class LoginFailures:
    """The failures that count against the next attempt of ``username`` from ``client``."""

    pair: Failures
    """This user name from this address."""
    client: Failures
    """Any user name from this address."""
    username: Failures
    """This user name from any address."""


def count_failures(session: Session, *, username: str, client: str, window: timedelta) -> LoginFailures:
    """Failed attempts within ``window`` for this user name and address together and each alone."""
    since = now() - window

    def failures(*where: ColumnElement[bool]) -> Failures:
        count, last = session.execute(
            select(func.count(), func.max(LoginAttemptRow.at)).where(LoginAttemptRow.at >= since, *where)
        ).one()
        return Failures(count or 0, last)

    return LoginFailures(
        failures(LoginAttemptRow.username == username, LoginAttemptRow.client == client),
        failures(LoginAttemptRow.client == client),
        failures(LoginAttemptRow.username == username),
    )


def clear_failures(session: Session, *, username: str, client: str) -> None:
    """Forget this address's failures for ``username`` after it signed in; those from elsewhere still count."""
    session.execute(
        delete(LoginAttemptRow).where(LoginAttemptRow.username == username, LoginAttemptRow.client == client)
    )
