"""Issue 14, web hardening: security headers, sessions ended by a new password, sign-in that does not reveal
whether an account exists, back-off per user name and address, and the upload limits."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from web_world import OWN_PD, PASSWORD, PROVINSI, Session

from selaras.ingest.upload_limits import UploadTooLarge, check_unpacked_size
from selaras.store.tables import LoginAttemptRow, UserRow
from selaras.web import security
from selaras.web.app import STATIC
from selaras.web.pages import TEMPLATES
from selaras.web.security import LoginLimits

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@pytest.fixture
def from_address(app: FastAPI) -> Iterator[Callable[[str], TestClient]]:
    clients: list[TestClient] = []

    def client(address: str) -> TestClient:
        made = TestClient(app, base_url="https://testserver", follow_redirects=False, client=(address, 40000))
        clients.append(made)
        return made

    yield client
    for made in clients:
        made.close()


def login(client: TestClient, username: str, password: str = PASSWORD) -> int:
    return client.post("/api/v1/auth/login", json={"username": username, "password": password}).status_code


def test_every_response_carries_the_security_headers(sign_in: Callable[[str], Session], app: FastAPI) -> None:
    admin = sign_in("admin62")
    answers = [
        admin.client.get(f"/pemda/{PROVINSI}"),
        admin.client.get(f"/api/v1/pemda/{PROVINSI}/documents"),
        admin.client.get("/static/selaras.js"),
        admin.client.get("/pemda/99"),  # an error page
        admin.client.post(f"/api/v1/pemda/{PROVINSI}/users", json={}),  # refused: no CSRF token
    ]
    for answer in answers:
        assert answer.headers["content-security-policy"] == CSP, answer.request.url
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert answer.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    with TestClient(app, base_url="http://testserver") as plain:
        answer = plain.get("/login")
    assert answer.headers["content-security-policy"] == CSP
    assert "strict-transport-security" not in answer.headers  # HSTS only means something over HTTPS


def test_pages_have_no_inline_script() -> None:
    """The CSP refuses inline script, so none may be left for it to break: scripts come from /static only."""
    for template in [*TEMPLATES.glob("*.html"), *STATIC.glob("*.html")]:
        text = template.read_text(encoding="utf-8")
        assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", text) == [], template.name
        assert re.findall(r"\son[a-z]+\s*=", text) == [], template.name
        assert "javascript:" not in text, template.name
        assert "<style" not in text, template.name


def test_a_new_password_from_an_admin_ends_the_users_sessions(sign_in: Callable[[str], Session]) -> None:
    admin, editor_here, editor_there = sign_in("admin62"), sign_in("editor62"), sign_in("editor62")
    editor_id = next(
        user["id"]
        for user in admin.client.get(f"/api/v1/pemda/{PROVINSI}/users").json()
        if user["username"] == "editor62"
    )
    changed = admin.client.patch(
        f"/api/v1/users/{editor_id}", json={"password": "kata-sandi-baru-99"}, headers=admin.headers()
    )
    assert changed.status_code == 200
    assert editor_here.client.get("/api/v1/me").status_code == 401
    assert editor_there.client.get("/api/v1/me").status_code == 401
    assert admin.client.get("/api/v1/me").status_code == 200
    # a new role without a new password signs nobody out
    again = sign_in("admin62")
    admin.client.patch(f"/api/v1/users/{editor_id}", json={"role": "pembaca"}, headers=admin.headers())
    assert again.client.get("/api/v1/me").status_code == 200


def test_admins_changing_their_own_password_keep_only_this_session(sign_in: Callable[[str], Session]) -> None:
    here, elsewhere = sign_in("admin62"), sign_in("admin62")
    own_id = next(
        user["id"]
        for user in here.client.get(f"/api/v1/pemda/{PROVINSI}/users").json()
        if user["username"] == "admin62"
    )
    changed = here.client.patch(
        f"/api/v1/users/{own_id}", json={"password": "kata-sandi-baru-99"}, headers=here.headers()
    )
    assert changed.status_code == 200
    assert here.client.get("/api/v1/me").status_code == 200
    assert elsewhere.client.get("/api/v1/me").status_code == 401


class CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # argon2 names them so
        self.verified += 1
        return super().verify(hash, password)


def test_unknown_and_inactive_users_cost_one_verification_like_a_wrong_password(
    app: FastAPI, anonymous: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same work, so the same time: the answer's timing does not tell which user names exist."""
    hasher = CountingHasher()
    monkeypatch.setattr(security, "_hasher", hasher)
    with app.state.web.database.session() as session:
        session.execute(update(UserRow).where(UserRow.username == "staf62").values(active=False))
    for username in ("editor62", "tidak.ada", "staf62"):
        before = hasher.verified
        assert login(anonymous, username, "salah-sekali") == 401
        assert hasher.verified - before == 1, username
    assert login(anonymous, "staf62") == 401  # the right password of an inactive user: still refused


def test_guesses_from_elsewhere_do_not_lock_the_user_out(
    app: FastAPI, from_address: Callable[[str], TestClient]
) -> None:
    attacker, own_desk = from_address("203.0.113.9"), from_address("10.0.0.5")
    for _ in range(5):
        assert login(attacker, "editor62", "tebakan") == 401
    limited = attacker.post("/api/v1/auth/login", json={"username": "editor62", "password": PASSWORD})
    assert limited.status_code == 429
    assert limited.json()["detail"] == "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam 30 detik"
    assert int(limited.headers["retry-after"]) in (29, 30)
    assert login(own_desk, "editor62") == 200
    # the wait is over once the last failure is older than it: the attacker may try again (and fail)
    with app.state.web.database.session() as session:
        for attempt in session.scalars(select(LoginAttemptRow)):
            attempt.at -= timedelta(seconds=31)
    assert login(attacker, "editor62", "tebakan") == 401
    sixth = attacker.post("/api/v1/auth/login", json={"username": "editor62", "password": PASSWORD})
    assert sixth.status_code == 429 and int(sixth.headers["retry-after"]) in (59, 60)  # the wait doubled


def test_one_address_trying_many_users_is_slowed_down(from_address: Callable[[str], TestClient]) -> None:
    sprayer = from_address("198.51.100.7")
    for n in range(20):
        assert login(sprayer, f"tebak{n}", "tebakan") == 401
    assert login(sprayer, "pembaca62") == 429
    assert login(from_address("10.0.0.5"), "pembaca62") == 200


def test_signing_in_clears_only_this_addresses_failures(
    app: FastAPI, from_address: Callable[[str], TestClient]
) -> None:
    for address in ("203.0.113.9", "10.0.0.5"):
        assert login(from_address(address), "editor62", "tebakan") == 401
    assert login(from_address("10.0.0.5"), "editor62") == 200
    with app.state.web.database.session() as session:
        left = session.scalars(select(LoginAttemptRow.client)).all()
    assert left == ["203.0.113.9"]


def test_the_wait_doubles_up_to_the_window() -> None:
    limits = LoginLimits()
    waits = [limits.wait(n, 5).total_seconds() for n in (4, 5, 6, 7, 10, 500)]
    assert waits == [0, 30, 60, 120, 900, 900]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    sign_in: Callable[[str], Session], tmp_path: Path
) -> None:
    editor = sign_in("editor62")
    form = {"kind": "RENJA", "period": "2026", "pd": OWN_PD}
    big = b"x" * 26_000_000
    answer = editor.client.post(
        f"/api/v1/pemda/{PROVINSI}/documents",
        data=form,
        files={"file": ("besar.xlsx", big)},
        headers=editor.headers(),
    )
    assert answer.status_code == 413
    assert answer.json() == {"detail": "Berkas terlalu besar: unggahan paling besar 25 MB (pengaturan upload_limit_mb)"}
    assert answer.headers["x-content-type-options"] == "nosniff"


def zip_bomb(path: Path, unpacked: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * unpacked)
    return path


def test_a_workbook_that_unpacks_too_large_is_refused_unread(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bom.xlsx", 3_000_000)
    assert bomb.stat().st_size < 10_000
    with pytest.raises(UploadTooLarge) as refused:
        check_unpacked_size(bomb, limit=2_000_000)
    assert str(refused.value) == (
        "bom.xlsx: isi berkas terlalu besar setelah dibuka (3 MB; paling besar 2 MB, pengaturan unpacked_limit_mb). "
        "Simpan ulang buku kerja tanpa baris atau kolom kosong yang berlebihan, atau pecah menjadi beberapa berkas."
    )
    check_unpacked_size(bomb, limit=3_000_000)  # at the limit: accepted
    csv = tmp_path / "renja.csv"
    csv.write_text("kode;nama\n", encoding="utf-8")
    check_unpacked_size(csv, limit=1)  # not a zip: read as it is


def test_a_zip_bomb_upload_is_refused_with_413(sign_in: Callable[[str], Session], tmp_path: Path) -> None:
    editor = sign_in("editor62")
    bomb = zip_bomb(tmp_path / "bom.xlsx", 251_000_000).read_bytes()
    answer = editor.client.post(
        f"/api/v1/pemda/{PROVINSI}/documents",
        data={"kind": "RENJA", "period": "2026", "pd": OWN_PD},
        files={"file": ("bom.xlsx", bomb)},
        headers=editor.headers(),
    )
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith(
        "bom.xlsx: isi berkas terlalu besar setelah dibuka (251 MB; paling besar 250 MB"
    )
