"""CSRF on every write, the login rate limit shared by all workers, and sign-in through the form."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_world import OWN_PD, PASSWORD, PROVINSI, Session

from selaras.web.app import create_app


def test_api_writes_need_the_csrf_header(sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    body = {"username": "tanpa.token", "password": PASSWORD, "role": "pembaca"}
    missing = admin.client.post(f"/api/v1/pemda/{PROVINSI}/users", json=body)
    wrong = admin.client.post(f"/api/v1/pemda/{PROVINSI}/users", json=body, headers={"X-CSRF-Token": "palsu"})
    assert missing.status_code == wrong.status_code == 403
    assert "Token keamanan formulir tidak valid" in missing.json()["detail"]
    usernames = {user["username"] for user in admin.client.get(f"/api/v1/pemda/{PROVINSI}/users").json()}
    assert "tanpa.token" not in usernames


def test_forms_need_the_session_csrf_token(sign_in: Callable[[str], Session]) -> None:
    admin, other = sign_in("admin62"), sign_in("admin62")
    form = {"username": "dari.formulir", "password": PASSWORD, "role": "pembaca"}
    assert admin.client.post(f"/pemda/{PROVINSI}/users", data=form).status_code == 403
    # another session's token does not do either: tokens belong to one session
    assert admin.client.post(f"/pemda/{PROVINSI}/users", data={**form, "csrf_token": other.csrf}).status_code == 403
    assert admin.client.post(f"/pemda/{PROVINSI}/users", data={**form, "csrf_token": admin.csrf}).status_code == 303


def test_login_form_needs_its_own_csrf_cookie(app: FastAPI) -> None:
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    form = {"username": "admin62", "password": PASSWORD, "csrf_token": "tebakan"}
    assert client.post("/login", data=form).status_code == 403
    page = client.get("/login")
    token = client.cookies["selaras_login_csrf"]
    assert f'value="{token}"' in page.text
    signed_in = client.post("/login", data={**form, "csrf_token": token, "next": "//jahat.example/"})
    assert (signed_in.status_code, signed_in.headers["location"]) == (303, "/")  # never off-site
    assert client.get("/").headers["location"] == f"/pemda/{PROVINSI}"


def test_pages_send_a_signed_out_visitor_to_the_login_form(anonymous: TestClient) -> None:
    response = anonymous.get(f"/pemda/{PROVINSI}/findings?year=2026")
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/pemda/{PROVINSI}/findings%3Fyear%3D2026"


def test_login_is_rate_limited_across_workers(app: FastAPI, anonymous: TestClient) -> None:
    for _ in range(5):
        assert (
            anonymous.post("/api/v1/auth/login", json={"username": "editor62", "password": "salah"}).status_code == 401
        )
    limited = anonymous.post("/api/v1/auth/login", json={"username": "editor62", "password": PASSWORD})
    assert limited.status_code == 429
    assert limited.json()["detail"] == "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam 30 detik"
    assert int(limited.headers["retry-after"]) in (29, 30)
    web = app.state.web
    second_worker = create_app(web.settings, database=web.database)
    with TestClient(second_worker, base_url="https://testserver") as other:
        assert other.post("/api/v1/auth/login", json={"username": "editor62", "password": PASSWORD}).status_code == 429
        # another user is not locked out by someone guessing editor62's password
        assert other.post("/api/v1/auth/login", json={"username": "pembaca62", "password": PASSWORD}).status_code == 200


def test_language_switch_shows_english(sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    assert "Dasbor" in editor.client.get(f"/pemda/{PROVINSI}").text
    switched = editor.client.get(f"/lang/en?next=/pemda/{PROVINSI}")
    assert switched.headers["location"] == f"/pemda/{PROVINSI}"
    page = editor.client.get(f"/pemda/{PROVINSI}").text
    assert "Dashboard" in page and 'lang="en"' in page
    assert editor.client.get(f"/api/v1/pemda/{PROVINSI}/users").json()["detail"] == "You are not allowed to do this"


def test_editor_sees_the_upload_form_only_for_its_own_pemda(sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    page = editor.client.get(f"/pemda/{PROVINSI}/documents").text
    assert 'enctype="multipart/form-data"' in page and f'value="{OWN_PD}"' in page
    assert 'enctype="multipart/form-data"' not in sign_in("pembaca62").client.get(f"/pemda/{PROVINSI}/documents").text
