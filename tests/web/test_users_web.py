"""Adding a user in the web: an editor's PD is chosen from the pemda's PD (and must be one), the default role is
pembaca, and the page confirms what was created; on both databases."""

from __future__ import annotations

from collections.abc import Callable

from web_world import OWN_PD, PASSWORD, PROVINSI, Session

SignIn = Callable[[str], Session]


def test_the_form_offers_the_pemda_pd_and_pembaca_by_default(sign_in: SignIn) -> None:
    page = sign_in("admin62").client.get(f"/pemda/{PROVINSI}/users").text
    assert '<option value="pembaca" selected>' in page
    assert f'<option value="{OWN_PD}">{OWN_PD} · Dinas Kesehatan</option>' in page
    assert "Dinas Kesehatan Kota" not in page  # the kota's PD are not this pemda's


def test_an_editor_needs_an_existing_pd_and_the_page_confirms_the_new_user(sign_in: SignIn) -> None:
    admin = sign_in("admin62")
    fields = {"csrf_token": admin.csrf, "username": "dinkes.baru", "password": PASSWORD, "role": "editor"}
    assert admin.client.post(f"/pemda/{PROVINSI}/users", data=fields).status_code == 422
    unknown = admin.client.post(f"/pemda/{PROVINSI}/users", data={**fields, "pd": "9.99.99"})
    assert unknown.status_code == 422 and "9.99.99" in unknown.text

    created = admin.client.post(f"/pemda/{PROVINSI}/users", data={**fields, "pd": OWN_PD})
    assert created.status_code == 303
    assert created.headers["location"] == f"/pemda/{PROVINSI}/users?created=dinkes.baru#dibuat"
    page = admin.client.get(created.headers["location"].split("#")[0]).text
    assert "✓ Pengguna dinkes.baru dibuat: Editor PD · 1.02.01 Dinas Kesehatan." in page


def test_without_a_role_a_new_user_is_a_pembaca(sign_in: SignIn) -> None:
    admin = sign_in("admin62")
    fields = {"csrf_token": admin.csrf, "username": "tamu", "password": PASSWORD}
    assert admin.client.post(f"/pemda/{PROVINSI}/users", data=fields).status_code == 303
    listed = admin.client.get(f"/api/v1/pemda/{PROVINSI}/users").json()
    assert next(user for user in listed if user["username"] == "tamu")["role"] == "pembaca"
    api = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/users",
        json={"username": "salah", "password": PASSWORD, "role": "editor", "pd": "9.99.99"},
        headers=admin.headers(),
    )
    assert api.status_code == 422
