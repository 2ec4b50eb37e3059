"""Web users: who may sign in, for which pemda and PD, in which role. Password hashing is the caller's
(``selaras.web.security``); this module only stores the hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from selaras.errors import NotFound, SelarasError
from selaras.store.audit import now
from selaras.store.tables import UserRow, WebSessionRow

__all__ = [
    "DuplicateUser",
    "StoredUser",
    "add_user",
    "find_user",
    "get_user",
    "list_users",
    "update_user",
    "user_from_row",
]


class DuplicateUser(SelarasError):
    """The username is taken (usernames are unique across all pemda)."""


@dataclass(frozen=True, slots=True)
class StoredUser:
    id: int
    username: str
    password_hash: str
    pemda: str
    role: str
    pd: str | None
    active: bool
    created_at: datetime

    def public(self) -> dict[str, object]:
        """Everything but the hash, for the API and the audit log."""
        return {
            "id": self.id,
            "username": self.username,
            "pemda": self.pemda,
            "role": self.role,
            "pd": self.pd,
            "active": self.active,
        }


def user_from_row(row: UserRow) -> StoredUser:
    return StoredUser(row.id, row.username, row.password_hash, row.pemda, row.role, row.pd, row.active, row.created_at)


def add_user(
    session: Session, *, username: str, password_hash: str, pemda: str, role: str, pd: str | None
) -> StoredUser:
    row = UserRow(
        username=username, password_hash=password_hash, pemda=pemda, role=role, pd=pd, active=True, created_at=now()
    )
    if find_user(session, username) is not None:
        raise DuplicateUser(f"nama pengguna '{username}' sudah dipakai")
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # added by someone else meanwhile
        raise DuplicateUser(f"nama pengguna '{username}' sudah dipakai") from None
    return user_from_row(row)


def find_user(session: Session, username: str) -> StoredUser | None:
    row = session.scalars(select(UserRow).where(UserRow.username == username)).one_or_none()
    return None if row is None else user_from_row(row)


def get_user(session: Session, user_id: int) -> StoredUser:
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFound(f"pengguna #{user_id} tidak ada")
    return user_from_row(row)


def list_users(session: Session, pemda: list[str]) -> list[StoredUser]:
    rows = session.scalars(select(UserRow).where(UserRow.pemda.in_(pemda)).order_by(UserRow.pemda, UserRow.username))
    return [user_from_row(row) for row in rows]


def update_user(
    session: Session,
    user_id: int,
    *,
    role: str | None = None,
    pd: str | None = None,
    clear_pd: bool = False,
    active: bool | None = None,
    password_hash: str | None = None,
    keep_session: str | None = None,
) -> tuple[StoredUser, StoredUser]:
    """Change the given fields; returns (before, after).

    A new password ends every session of the user except ``keep_session`` (the token hash of the session
    that made the change, when users change their own): whoever knew the old password is signed out.
    """
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFound(f"pengguna #{user_id} tidak ada")
    before = user_from_row(row)
    if role is not None:
        row.role = role
    if pd is not None or clear_pd:
        row.pd = pd
    if active is not None:
        row.active = active
    if password_hash is not None:
        row.password_hash = password_hash
        others = delete(WebSessionRow).where(WebSessionRow.user_id == user_id)
        if keep_session is not None:
            others = others.where(WebSessionRow.token_hash != keep_session)
        session.execute(others)
    session.flush()
    return before, user_from_row(row)
