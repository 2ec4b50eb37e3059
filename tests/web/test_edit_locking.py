"""Optimistic locking: a stale edit gets a clear 409, and of simultaneous edits of one version exactly one
wins while every other gets a conflict — none is lost silently (the audit log has one entry per winner)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fastapi import FastAPI
from sqlalchemy import func, select
from web_world import OWN_PD, PROVINSI, Session

from selaras.store.tables import AuditRow, ItemRow

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
EDITORS = 20


def _item_id(session: Session) -> int:
    documents = session.client.get(f"/api/v1/pemda/{PROVINSI}/documents").json()
    document = next(d["id"] for d in documents if d["key"] == RENJA)
    items = session.client.get(f"/api/v1/documents/{document}").json()["items"]
    return int(next(item["id"] for item in items if item["key"] == "1.02.02.2.01.0001"))


def test_a_stale_edit_is_refused_with_a_clear_message(sign_in: Callable[[str], Session]) -> None:
    first, second = sign_in("editor62"), sign_in("admin62")
    item_id = _item_id(first)
    assert (
        first.client.patch(
            f"/api/v1/items/{item_id}", json={"version": 1, "lokasi": "A"}, headers=first.headers()
        ).status_code
        == 200
    )
    stale = second.client.patch(
        f"/api/v1/items/{item_id}", json={"version": 1, "lokasi": "B"}, headers=second.headers()
    )
    assert stale.status_code == 409
    assert stale.json()["detail"] == (
        "item 1.02.02.2.01.0001 telah diubah orang lain (Anda mengedit versi 1, sekarang versi 2); "
        "muat ulang halaman lalu ulangi perubahan Anda"
    )
    assert second.client.get(f"/api/v1/items/{item_id}").json()["lokasi"] == "A"


def test_a_stale_form_shows_the_conflict_page(sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    item_id = _item_id(editor)
    form = {"csrf_token": editor.csrf, "version": "1", "lokasi": "Kecamatan Pahandut"}
    assert editor.client.post(f"/items/{item_id}", data=form).status_code == 303
    again = editor.client.post(f"/items/{item_id}", data=form)
    assert again.status_code == 409
    assert "Perubahan bertabrakan" in again.text and "sekarang versi 2" in again.text


def _race(sessions: list[Session], item_id: int, version: int) -> dict[int, list[str]]:
    """Every session edits the same version at once; returns lokasi values by response status."""
    barrier = threading.Barrier(len(sessions))
    results: dict[int, list[str]] = {}
    lock = threading.Lock()

    def edit(index: int, session: Session) -> None:
        lokasi = f"Lokasi dari penyunting {index}"
        barrier.wait()
        response = session.client.patch(
            f"/api/v1/items/{item_id}", json={"version": version, "lokasi": lokasi}, headers=session.headers()
        )
        with lock:
            results.setdefault(response.status_code, []).append(lokasi)

    threads = [threading.Thread(target=edit, args=(index, session)) for index, session in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_simultaneous_edits_one_winner_per_version(app: FastAPI, sign_in: Callable[[str], Session]) -> None:
    sessions = [sign_in("editor62") for _ in range(EDITORS)]
    item_id = _item_id(sessions[0])
    for version in (1, 2):
        results = _race(sessions, item_id, version)
        assert sorted(results) == [200, 409], results
        [winner] = results[200]
        assert len(results[409]) == EDITORS - 1
        stored = sessions[0].client.get(f"/api/v1/items/{item_id}").json()
        assert (stored["version"], stored["lokasi"]) == (version + 1, winner)
    with app.state.web.database.session() as session:
        edits = session.scalar(
            select(func.count()).where(AuditRow.entity == "item", AuditRow.entity_id == str(item_id))
        )
        version = session.scalar(select(ItemRow.version).where(ItemRow.id == item_id))
    assert (edits, version) == (2, 3)
