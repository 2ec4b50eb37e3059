"""Uploaded files waiting on the server: the API imports them at once, the page keeps one until the planner has
seen what it would change and confirmed.

A kept upload lives in ``<data_dir>/uploads/<token>/`` with the form's fields, bound to the user and pemda that
uploaded it: a token is useless to anyone else, and it is deleted once used. Uploads left unconfirmed are
removed after :data:`KEEP_FOR`.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi import HTTPException, UploadFile

from selaras.web.context import Caller, WebContext

__all__ = ["KEEP_FOR", "StoredUpload", "confirmed", "keep", "receive"]

KEEP_FOR = 24 * 3600  # seconds an unconfirmed upload waits
_FIELDS = "upload.json"


@dataclass(frozen=True, slots=True)
class StoredUpload:
    """The file and what the form said about it."""

    path: Path
    kind: str
    period: str
    pd: str | None
    version: str | None
    force: bool
    token: str = ""


def _name(upload: UploadFile) -> str:
    return Path(upload.filename or "unggahan.xlsx").name


@contextmanager
def receive(
    web: WebContext,
    who: Caller,
    pemda: str,
    upload: UploadFile,
    *,
    kind: str,
    period: str,
    pd: str | None,
    version: str | None,
    force: bool,
) -> Iterator[StoredUpload]:
    """The upload in a temporary folder for as long as the block runs (the API's direct import)."""
    del web, who, pemda  # same signature as keep(); nothing to bind for an upload used at once
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / _name(upload)
        path.write_bytes(upload.file.read())
        yield StoredUpload(path, kind, period, pd, version, force)


def _folder(web: WebContext) -> Path:
    folder = web.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(
    web: WebContext,
    who: Caller,
    pemda: str,
    upload: UploadFile,
    *,
    kind: str,
    period: str,
    pd: str | None,
    version: str | None,
    force: bool,
) -> StoredUpload:
    """Keep the upload under a new token until :func:`confirmed` uses it."""
    folder = _folder(web)
    for old in folder.iterdir():  # forget uploads nobody confirmed
        if old.is_dir() and time.time() - old.stat().st_mtime > KEEP_FOR:
            shutil.rmtree(old, ignore_errors=True)
    token = secrets.token_urlsafe(24)
    place = folder / token
    place.mkdir()
    path = place / _name(upload)
    path.write_bytes(upload.file.read())
    stored = StoredUpload(path, kind, period, pd, version, force, token)
    fields = {**asdict(stored), "path": path.name, "user": who.username, "pemda": pemda}
    (place / _FIELDS).write_text(json.dumps(fields), encoding="utf-8")
    return stored


@contextmanager
def confirmed(web: WebContext, who: Caller, pemda: str, token: str) -> Iterator[StoredUpload]:
    """The upload kept under ``token`` by this user for this pemda; deleted when the block ends."""
    place = _folder(web) / token
    meta = place / _FIELDS
    if not token.replace("-", "").replace("_", "").isalnum() or not meta.is_file():
        raise HTTPException(410, "unggahan ini sudah dipakai atau kedaluwarsa; unggah berkasnya lagi")
    fields = json.loads(meta.read_text(encoding="utf-8"))
    if fields["user"] != who.username or fields["pemda"] != pemda:
        raise HTTPException(403, "unggahan ini milik pengguna lain")
    try:
        yield StoredUpload(
            place / fields["path"],
            fields["kind"],
            fields["period"],
            fields["pd"],
            fields["version"],
            fields["force"],
            token,
        )
    finally:
        shutil.rmtree(place, ignore_errors=True)
