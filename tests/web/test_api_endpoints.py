"""What each JSON endpoint returns and changes (authorization itself is the matrix's job)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_world import KOTA, OTHER_PD, OWN_PD, PASSWORD, PROVINSI, Session

from selaras.store.plans import load_plan
from selaras.workbook.writer import write_plan

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"


def _document_id(admin: Session, key: str = RENJA) -> int:
    documents = admin.client.get(f"/api/v1/pemda/{PROVINSI}/documents").json()
    return int(next(document["id"] for document in documents if document["key"] == key))


def _sub_kegiatan(admin: Session) -> dict[str, Any]:
    items = admin.client.get(f"/api/v1/documents/{_document_id(admin)}").json()["items"]
    item_id = next(item["id"] for item in items if item["key"] == "1.02.02.2.01.0001")
    item: dict[str, Any] = admin.client.get(f"/api/v1/items/{item_id}").json()
    return item


def test_login_me_and_logout(sign_in: Callable[[str], Session], anonymous: TestClient) -> None:
    editor = sign_in("editor62")
    me = editor.client.get("/api/v1/me").json()
    assert (me["username"], me["pemda"], me["role"], me["pd"]) == ("editor62", PROVINSI, "editor", OWN_PD)
    assert editor.client.post("/api/v1/auth/logout", headers=editor.headers()).status_code == 204
    assert editor.client.get("/api/v1/me").status_code == 401
    wrong = anonymous.post("/api/v1/auth/login", json={"username": "editor62", "password": "salah"})
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "Nama pengguna atau kata sandi salah"


def test_session_cookie_is_secure_httponly_and_lax(anonymous: TestClient) -> None:
    response = anonymous.post("/api/v1/auth/login", json={"username": "admin62", "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


def test_dashboard_has_cards_and_trend(sign_in: Callable[[str], Session]) -> None:
    body = sign_in("pembaca62").client.get(f"/api/v1/pemda/{PROVINSI}/dashboard").json()
    assert body["year"] == 2026
    overall = next(card for card in body["cards"] if card["pd"] is None)
    assert {"keselarasan", "konsistensi", "orientasi_kinerja"} <= set(overall["scores"])
    assert {card["pd"] for card in body["cards"]} == {None, OWN_PD, OTHER_PD}
    assert [point["year"] for point in body["trend"]] == [2026]


def test_documents_list_download_and_items(sign_in: Callable[[str], Session]) -> None:
    reader = sign_in("pembaca62")
    keys = {document["key"] for document in reader.client.get(f"/api/v1/pemda/{PROVINSI}/documents").json()}
    assert RENJA in keys and f"{PROVINSI}/RPJMD/-/2025-2029/final" in keys
    download = reader.client.get(f"/api/v1/documents/{_document_id(reader)}/workbook")
    assert download.status_code == 200
    assert download.content[:2] == b"PK"  # an xlsx is a zip
    assert "attachment" in download.headers["content-disposition"]
    item = _sub_kegiatan(reader)
    assert item["pd"] == OWN_PD and item["version"] == 1
    assert item["indicators"][0]["targets"] == {"2026": 120}
    assert item["budgets"][0]["pagu"] == 250000000


def test_upload_shows_every_import_problem(sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    broken = io.BytesIO(b"kode,uraian,pagu\n1.02.02,Program kesehatan,banyak sekali\n")
    response = editor.client.post(
        f"/api/v1/pemda/{PROVINSI}/documents",
        files={"file": ("renja.csv", broken, "text/csv")},
        data={"kind": "RENJA", "period": "2026", "pd": OWN_PD},
        headers=editor.headers(),
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["ok"] is False and body["errors"]
    assert all(problem["file"] == "renja.csv" and problem["message"] for problem in body["errors"])


def test_upload_imports_a_workbook_and_audits_it(
    sign_in: Callable[[str], Session], app: object, tmp_path: Path
) -> None:
    admin = sign_in("admin62")
    with app.state.web.database.session() as session:  # type: ignore[attr-defined]
        plan = load_plan(session, RENJA)
    plan.items[0].text = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN"
    path = write_plan(tmp_path / "renja.xlsx", plan)
    response = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/documents",
        files={"file": ("renja.xlsx", path.read_bytes(), "application/octet-stream")},
        data={"kind": "RENJA", "period": "2026", "pd": "Dinkes"},  # the PD by its abbreviation
        headers=admin.headers(),
    )
    assert response.status_code == 201, response.text
    [document] = response.json()["documents"]
    assert (document["document"], response.json()["outcome"]) == (RENJA, "replaced")
    entry = admin.client.get(f"/api/v1/pemda/{PROVINSI}/audit").json()[0]
    assert (entry["action"], entry["entity"], entry["entity_id"], entry["username"]) == (
        "import",
        "document",
        RENJA,
        "admin62",
    )


def test_item_edit_bumps_the_version_and_audits_old_and_new(sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    item = _sub_kegiatan(editor)
    response = editor.client.patch(
        f"/api/v1/items/{item['id']}",
        json={
            "version": 1,
            "lokasi": "Kecamatan Jekan Raya",
            "targets": {"0": {"2026": "125,5"}},
            "pagu": {"0": "Rp 300.000.000"},
        },
        headers=editor.headers(),
    )
    assert response.status_code == 200, response.text
    edited = response.json()
    assert edited["version"] == 2 and edited["lokasi"] == "Kecamatan Jekan Raya"
    assert edited["indicators"][0]["targets"] == {"2026": 125.5}
    assert edited["budgets"][0]["pagu"] == 300000000
    entry = sign_in("admin62").client.get(f"/api/v1/pemda/{PROVINSI}/audit", params={"entity": "item"}).json()[0]
    assert entry["username"] == "editor62"
    assert entry["old"]["lokasi"] == "" and entry["new"]["lokasi"] == "Kecamatan Jekan Raya"
    assert entry["old"]["version"] == 1 and entry["new"]["version"] == 2
    [target] = [name for name in entry["new"] if name.startswith("target[")]
    assert (entry["old"][target], entry["new"][target]) == ("120", "125.5")


def test_item_edit_with_a_bad_number_says_what_was_expected(sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    item = _sub_kegiatan(editor)
    response = editor.client.patch(
        f"/api/v1/items/{item['id']}", json={"version": 1, "pagu": {"0": "banyak"}}, headers=editor.headers()
    )
    assert response.status_code == 422
    assert "bukan angka" in response.json()["detail"]


def test_tree_walks_from_rpjmd_to_the_renja_and_searches(sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    link = admin.client.get(f"/api/v1/pemda/{PROVINSI}/links").json()[0]
    admin.client.post(f"/api/v1/links/{link['id']}/decision", json={"decision": "accepted"}, headers=admin.headers())
    roots = admin.client.get(f"/api/v1/pemda/{PROVINSI}/tree").json()["children"]
    assert [node["item"] for node in roots] == ["M1"]
    sasaran = f"{PROVINSI}/RPJMD/-/2025-2029/final#M1.T1.S1"
    below = admin.client.get(f"/api/v1/pemda/{PROVINSI}/tree", params={"node": sasaran}).json()["children"]
    assert [(node["document"], node["item"]) for node in below] == [(link["source"]["document"], "1.02.02")]
    found = admin.client.get(f"/api/v1/pemda/{PROVINSI}/tree", params={"q": "ibu hamil"}).json()["children"]
    assert {node["pagu"] for node in found} == {250000000}
    missing = admin.client.get(f"/api/v1/pemda/{PROVINSI}/tree", params={"node": "x#y"})
    assert missing.status_code == 404


def test_links_accept_single_and_bulk_with_reasons(sign_in: Callable[[str], Session]) -> None:
    verifikator = sign_in("verifikator62")
    proposed = verifikator.client.get(f"/api/v1/pemda/{PROVINSI}/links").json()
    assert len(proposed) == 2 and all(link["score"] == 0.9 and link["source"]["text"] for link in proposed)
    assert {link["source"]["pd"] for link in proposed} == {OWN_PD, OTHER_PD}
    first = verifikator.client.post(
        f"/api/v1/links/{proposed[0]['id']}/decision", json={"decision": "accepted"}, headers=verifikator.headers()
    )
    assert first.json()["status"] == "accepted" and first.json()["decided_by"] == "verifikator62"
    again = verifikator.client.post(
        f"/api/v1/links/{proposed[0]['id']}/decision", json={"decision": "rejected"}, headers=verifikator.headers()
    )
    assert again.status_code == 409
    assert (
        f"tautan #{proposed[0]['id']} (1.02.02 → M1.T1.S1) sekarang diterima oleh verifikator62"
        in again.json()["detail"]
    )
    none = verifikator.client.post(
        f"/api/v1/pemda/{PROVINSI}/links/bulk-decision", json={"min_score": 0.95}, headers=verifikator.headers()
    )
    assert none.json() == {"decided": 0}
    bulk = verifikator.client.post(
        f"/api/v1/pemda/{PROVINSI}/links/bulk-decision", json={"min_score": 0.9}, headers=verifikator.headers()
    )
    assert bulk.json() == {"decided": 1}
    assert verifikator.client.get(f"/api/v1/pemda/{PROVINSI}/links").json() == []


def test_findings_filter_and_response_states(sign_in: Callable[[str], Session]) -> None:
    editor, verifikator = sign_in("editor62"), sign_in("verifikator62")
    listed = editor.client.get(f"/api/v1/pemda/{PROVINSI}/findings", params={"pd": OWN_PD}).json()
    assert listed["year"] == 2026 and listed["findings"]
    assert {finding["pd"] for finding in listed["findings"]} == {OWN_PD}
    finding = listed["findings"][0]
    assert finding["state"] == "terbuka" and finding["version"] == 0
    url = f"/api/v1/pemda/{PROVINSI}/findings/{finding['key']}/response"
    answered = editor.client.put(
        url,
        params={"year": 2026},
        json={"state": "ditanggapi", "comment": "Akan diperbaiki", "version": 0},
        headers=editor.headers(),
    )
    assert answered.json() == {"key": finding["key"], "state": "ditanggapi", "comment": "Akan diperbaiki", "version": 1}
    settled = verifikator.client.put(
        url,
        params={"year": 2026},
        json={"state": "pengecualian", "comment": "Diterima", "version": 1},
        headers=verifikator.headers(),
    )
    assert settled.status_code == 200
    by_state = editor.client.get(f"/api/v1/pemda/{PROVINSI}/findings", params={"state": "pengecualian"}).json()
    assert [row["key"] for row in by_state["findings"]] == [finding["key"]]
    assert by_state["findings"][0]["responded_by"] == "verifikator62"
    by_rule = editor.client.get(f"/api/v1/pemda/{PROVINSI}/findings", params={"rule": finding["code"]}).json()
    assert {row["code"] for row in by_rule["findings"]} == {finding["code"]}


def test_iku_matrix_is_a_list_and_empty_for_a_kota(sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    assert admin.client.get(f"/api/v1/pemda/{PROVINSI}/iku").json() == []
    assert admin.client.get(f"/api/v1/pemda/{KOTA}/iku").json() == []


def test_report_downloads_html(sign_in: Callable[[str], Session]) -> None:
    response = sign_in("pembaca62").client.get(f"/api/v1/pemda/{PROVINSI}/report")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Kalimantan Tengah" in response.text


def test_users_add_change_and_audit_without_secrets(sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    weak = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/users",
        json={"username": "baru", "password": "pendek", "role": "pembaca"},
        headers=admin.headers(),
    )
    assert weak.status_code == 422 and "minimal 10 karakter" in weak.json()["detail"]
    no_pd = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/users",
        json={"username": "baru", "password": PASSWORD, "role": "editor"},
        headers=admin.headers(),
    )
    assert no_pd.status_code == 422
    created = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/users",
        json={"username": "dinkes.editor", "password": PASSWORD, "role": "editor", "pd": OWN_PD},
        headers=admin.headers(),
    )
    assert created.status_code == 201 and created.json()["pemda"] == PROVINSI
    duplicate = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/users",
        json={"username": "dinkes.editor", "password": PASSWORD, "role": "pembaca"},
        headers=admin.headers(),
    )
    assert duplicate.status_code == 409
    changed = admin.client.patch(
        f"/api/v1/users/{created.json()['id']}",
        json={"role": "verifikator", "pd": "", "password": "kata-sandi-baru-1"},
        headers=admin.headers(),
    )
    assert (changed.json()["role"], changed.json()["pd"]) == ("verifikator", None)
    usernames = {user["username"] for user in admin.client.get(f"/api/v1/pemda/{PROVINSI}/users").json()}
    assert "dinkes.editor" in usernames
    entry = admin.client.get(f"/api/v1/pemda/{PROVINSI}/audit", params={"entity": "user"}).json()[0]
    assert entry["old"] == {"role": "editor", "pd": OWN_PD, "password": "***"}
    assert entry["new"] == {"role": "verifikator", "pd": None, "password": "***"}
    assert "argon2" not in str(admin.client.get(f"/api/v1/pemda/{PROVINSI}/audit").json())


def test_deactivated_user_cannot_sign_in(sign_in: Callable[[str], Session], anonymous: TestClient) -> None:
    admin = sign_in("admin62")
    reader = sign_in("pembaca62")
    target = next(u for u in admin.client.get(f"/api/v1/pemda/{PROVINSI}/users").json() if u["username"] == "pembaca62")
    admin.client.patch(f"/api/v1/users/{target['id']}", json={"active": False}, headers=admin.headers())
    assert reader.client.get("/api/v1/me").status_code == 401  # the open session ends too
    response = anonymous.post("/api/v1/auth/login", json={"username": "pembaca62", "password": PASSWORD})
    assert response.status_code == 401


def test_openapi_documents_every_api_endpoint(anonymous: TestClient) -> None:
    schema = anonymous.get("/api/v1/openapi.json").json()
    assert "/api/v1/items/{item_id}" in schema["paths"]
    assert "patch" in schema["paths"]["/api/v1/items/{item_id}"]
    assert not any(not path.startswith("/api/v1/") for path in schema["paths"])
