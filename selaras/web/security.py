"""Passwords (argon2id), session tokens, CSRF tokens and the login rate limit.

The session cookie carries a random token; the database keeps only its SHA-256, so a leaked database
cannot be replayed as cookies. Each session has its own CSRF token, required in every form
(``csrf_token`` field) and in the ``X-CSRF-Token`` header of every API write.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "LANG_COOKIE",
    "MIN_PASSWORD_LENGTH",
    "SESSION_COOKIE",
    "LoginLimits",
    "check_password_strength",
    "hash_password",
    "hash_token",
    "new_token",
    "same_token",
    "verify_password",
]

SESSION_COOKIE = "selaras_session"
LANG_COOKIE = "selaras_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters (RFC 9106 low-memory)


@dataclass(frozen=True, slots=True)
class LoginLimits:
    """When failed sign-ins make the next attempt wait, and for how long.

    Failures count per user name *and* address together, so guesses at a user's password from elsewhere
    never lock that user out at their own desk; per address over all user names (one machine trying many
    accounts); and per user name over all addresses, with a much higher limit (guessing spread over many
    machines). Past a limit the wait starts at ``first_wait`` and doubles with every further failure, up to
    ``window``; failures older than ``window`` no longer count.
    """

    per_user_and_client: int = 5
    per_client: int = 20
    per_username: int = 100
    first_wait: timedelta = timedelta(seconds=30)
    window: timedelta = timedelta(minutes=15)

    def wait(self, failures: int, limit: int) -> timedelta:
        """How long after the last of ``failures`` the next attempt must wait (zero below ``limit``)."""
        if failures < limit:
            return timedelta(0)
        doubled: timedelta = self.first_wait * 2 ** min(failures - limit, 32)
        return min(doubled, self.window)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_dummy_hashes: dict[PasswordHasher, str] = {}


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; ``None`` (no such user) still costs one argon2 verification, so how
    long a failed sign-in takes does not tell whether the account exists."""
    if password_hash is None and _hasher not in _dummy_hashes:
        _dummy_hashes[_hasher] = _hasher.hash(secrets.token_urlsafe(16))
    try:
        return _hasher.verify(password_hash or _dummy_hashes[_hasher], password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str) -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"kata sandi minimal {MIN_PASSWORD_LENGTH} karakter"
    return None


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_token(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())
