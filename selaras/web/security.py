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
    """Failed logins allowed per username and per client address within ``window`` before refusing."""

    per_username: int = 5
    per_client: int = 20
    window: timedelta = timedelta(minutes=15)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
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
