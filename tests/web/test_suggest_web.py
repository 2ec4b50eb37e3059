"""The web's "Buat usulan tautan": a run started from the PD workspace or a document page ranks in a background
thread, shows its progress, stores what reaches the floor as proposed links, refuses a second run of the same
pemda while one runs, and shows what it failed on. The matcher is lexical only (``web_world``): no model loads."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from web_world import KOTA, OTHER_PD, OWN_PD, PROVINSI, Session

from selaras.domain import LinkOrigin, LinkStatus
from selaras.match.engine import Matcher
from selaras.reference.frameworks import ASTA_CITA_DOCUMENT, asta_cita
from selaras.reference.wilayah import PUSAT
from selaras.store.links import list_links
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda
from selaras.web.suggest_runs import STALE, RunState, SuggestRuns

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
ASTA_CITA = ASTA_CITA_DOCUMENT.key


@pytest.fixture
def runs(app: FastAPI) -> Iterator[SuggestRuns]:
    """The app's runs, with Asta Cita loaded (as ``selaras init`` does) so that there are eight targets to rank."""
    web = app.state.web
    with web.database.session() as session:
        ensure_pemda(session, PUSAT)
        save_plan(session, asta_cita())
    yield web.suggestions
    web.suggestions.wait(PROVINSI, timeout=60)


def held(runs: SuggestRuns) -> threading.Event:
    """Make the next run wait (as loading the models does) until the returned event is set."""
    release = threading.Event()
    lexical = runs.make_matcher

    def slow() -> Matcher:
        assert release.wait(30), "the test never released the run"
        return lexical()

    runs.make_matcher = slow
    runs._matcher = None  # built again by the next run: through ``slow``
    return release


def state_of(runs: SuggestRuns, pemda: str) -> RunState:
    current = runs.current(pemda)
    assert current is not None
    return current.state


def start(session: Session, **fields: object) -> tuple[int, str]:
    data = {"csrf_token": session.csrf, "target": ASTA_CITA, **fields}
    response = session.client.post(f"/pemda/{PROVINSI}/suggestions", data=data)
    return response.status_code, response.headers.get("location", "") or response.text


def status(session: Session) -> dict[str, object]:
    response = session.client.get(f"/api/v1/pemda/{PROVINSI}/suggestions")
    assert response.status_code == 200, response.text
    run: dict[str, object] = response.json()["run"]
    return run


def test_a_pd_run_shows_progress_then_stores_proposals_above_the_floor(
    runs: SuggestRuns, sign_in: Callable[[str], Session]
) -> None:
    editor = sign_in("editor62")
    release = held(runs)
    code, location = start(editor, pd=OWN_PD)
    assert (code, location) == (303, f"/pemda/{PROVINSI}/suggestions")

    running = status(editor)
    assert running["state"] == RunState.RUNNING and running["done"] == 0
    assert running["documents"] == [RENJA] and running["started_by"] == "editor62"
    page = editor.client.get(location).text
    assert 'data-refresh="2"' in page and "Memuat dokumen dan model bahasa" in page
    assert "Tinjau usulan baru" not in page

    release.set()
    runs.wait(PROVINSI, timeout=60)
    done = status(editor)
    assert done["state"] == RunState.DONE and done["error"] is None
    assert done["done"] == done["total"] == 3  # the Renja's program, kegiatan and sub kegiatan
    assert done["floor"] == runs.floor == 0.15
    with runs.database.session() as session:
        stored = list_links(session, pemda=PROVINSI, source_document=RENJA, target_document=ASTA_CITA)
    assert len(stored) == done["written"] > 0
    assert all(s.link.origin is LinkOrigin.SUGGESTED and s.link.status is LinkStatus.PROPOSED for s in stored)
    assert all(s.link.score is not None and s.link.score >= 0.15 for s in stored)
    assert done["written"] + done["below_floor"] == 3 * 3  # top 3 of each item: stored, or under the floor

    page = editor.client.get(location).text
    assert "data-refresh" not in page and "selesai" in page
    review = f"/pemda/{PROVINSI}/links?status=proposed&amp;pd={OWN_PD}"
    assert review in page and f"{done['below_floor']} usulan dengan skor di bawah 0,15 tidak disimpan" in page
    listed = editor.client.get(review.replace("&amp;", "&")).text
    assert all(f'id="l-{s.id}"' in listed for s in stored)


def test_a_second_run_of_the_same_pemda_is_refused_while_one_runs(
    runs: SuggestRuns, sign_in: Callable[[str], Session]
) -> None:
    admin, editor = sign_in("admin62"), sign_in("editor62")
    release = held(runs)
    assert start(editor, pd=OWN_PD)[0] == 303
    code, page = start(admin, pd=OTHER_PD)
    assert code == 409 and "masih berjalan (dimulai oleh editor62)" in page
    response = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/suggestions", json={"target": ASTA_CITA, "pd": OTHER_PD}, headers=admin.headers()
    )
    assert response.status_code == 409 and "masih berjalan" in response.json()["detail"]
    release.set()
    runs.wait(PROVINSI, timeout=60)
    response = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/suggestions", json={"target": ASTA_CITA, "pd": OTHER_PD}, headers=admin.headers()
    )
    assert response.status_code == 202 and response.json()["pd"] == OTHER_PD  # free again once it ended


def test_another_pemdas_run_waits_for_the_matcher_and_says_so(
    runs: SuggestRuns, sign_in: Callable[[str], Session]
) -> None:
    editor, kota = sign_in("editor62"), sign_in("admin6271")
    release = held(runs)
    assert start(editor, pd=OWN_PD)[0] == 303
    response = kota.client.post(
        f"/api/v1/pemda/{KOTA}/suggestions",
        json={"target": f"{KOTA}/RPJMD/-/2025-2029/final", "pd": OWN_PD},
        headers=kota.headers(),
    )
    assert response.status_code == 202, response.text
    for _ in range(200):  # the thread marks itself waiting as soon as it finds the matcher taken
        if state_of(runs, KOTA) is RunState.WAITING:
            break
        threading.Event().wait(0.05)
    assert "menunggu giliran" in kota.client.get(f"/pemda/{KOTA}/suggestions").text
    release.set()
    runs.wait(PROVINSI, timeout=60)
    runs.wait(KOTA, timeout=60)
    assert state_of(runs, KOTA) is RunState.DONE


def test_a_document_run_leads_to_that_documents_suggestions(
    runs: SuggestRuns, sign_in: Callable[[str], Session]
) -> None:
    admin = sign_in("admin62")
    other = f"{PROVINSI}/RENJA/{OTHER_PD}/2026/final"
    documents = admin.client.get(f"/api/v1/pemda/{PROVINSI}/documents").json()
    document_id = next(d["id"] for d in documents if d["key"] == other)
    page = admin.client.get(f"/documents/{document_id}").text
    assert "Buat usulan tautan" in page and f'name="document" value="{document_id}"' in page
    assert start(admin, document=document_id)[0] == 303
    runs.wait(PROVINSI, timeout=60)
    done = status(admin)
    assert done["state"] == RunState.DONE and done["documents"] == [other] and done["pd"] == OTHER_PD
    review = admin.client.get(f"/pemda/{PROVINSI}/suggestions").text
    assert "document=62%2FRENJA%2F5.01.01%2F2026%2Ffinal" in review
    listed = admin.client.get(f"/pemda/{PROVINSI}/links", params={"status": "proposed", "document": other}).text
    with runs.database.session() as session:
        proposed = list_links(session, pemda=PROVINSI, source_document=other)
    assert len(proposed) == done["written"] + 1  # and the world's own proposal into the RPJMD
    assert f"{len(proposed)} tautan" in listed and RENJA not in listed


def test_what_a_run_fails_on_is_shown(runs: SuggestRuns, sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")

    def broken() -> Matcher:
        raise RuntimeError("model bahasa tidak dapat dibaca")

    runs.make_matcher = broken
    runs._matcher = None
    assert start(editor, pd=OWN_PD)[0] == 303
    runs.wait(PROVINSI, timeout=60)
    failed = status(editor)
    assert failed["state"] == RunState.FAILED
    assert failed["error"] == "RuntimeError: model bahasa tidak dapat dibaca"
    page = editor.client.get(f"/pemda/{PROVINSI}/suggestions").text
    assert "Pembuatan usulan gagal: RuntimeError: model bahasa tidak dapat dibaca" in page
    assert 'role="alert"' in page and "data-refresh" not in page


def test_a_run_whose_process_ended_reads_stopped_and_another_may_start(
    runs: SuggestRuns, sign_in: Callable[[str], Session]
) -> None:
    """The state and the marker a killed worker leaves behind: not rewritten for longer than STALE."""
    editor = sign_in("editor62")
    release = held(runs)
    assert start(editor, pd=OWN_PD)[0] == 303
    path = runs.folder / f"usulan-{PROVINSI}.json"
    state = runs.current(PROVINSI)
    assert state is not None
    release.set()
    runs.wait(PROVINSI, timeout=60)
    old = state.updated_at - STALE - timedelta(seconds=1)
    path.write_text(state.model_copy(update={"updated_at": old}).model_dump_json(), encoding="utf-8")
    marker = runs.folder / f"usulan-{PROVINSI}.lock"
    marker.touch()
    os.utime(marker, (old.timestamp(), old.timestamp()))
    stopped = status(editor)
    assert stopped["state"] == RunState.STOPPED
    assert "proses server berhenti sebelum selesai" in editor.client.get(f"/pemda/{PROVINSI}/suggestions").text
    assert start(editor, pd=OWN_PD)[0] == 303
    runs.wait(PROVINSI, timeout=60)
    assert status(editor)["state"] == RunState.DONE and not marker.exists()


def test_the_button_is_offered_to_who_may_start_a_run(runs: SuggestRuns, sign_in: Callable[[str], Session]) -> None:
    def offered(username: str, pd: str) -> bool:
        page = sign_in(username).client.get(f"/pemda/{PROVINSI}/pd/{pd}")
        assert page.status_code == 200
        return "Buat usulan tautan" in page.text

    assert offered("editor62", OWN_PD) and not offered("editor62", OTHER_PD)
    assert offered("admin62", OWN_PD) and offered("admin62", OTHER_PD)
    assert not offered("verifikator62", OWN_PD) and not offered("pembaca62", OWN_PD)
    page = sign_in("admin62").client.get(f"/pemda/{PROVINSI}/pd/{OWN_PD}").text
    options = re.findall(r'<option value="([^"]+)">', page.split('id="suggest-target"')[1].split("</select>")[0])
    assert options == [ASTA_CITA, f"{PROVINSI}/RPJMD/-/2025-2029/final"]  # frameworks first, then the RPJMD


def test_a_start_needs_one_scope_and_an_offered_target(runs: SuggestRuns, sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    code, page = start(admin)
    assert code == 422 and "Pilih satu dokumen atau satu PD" in page
    code, page = start(admin, pd=OWN_PD, target="63/RPJMD/-/2025-2029/final")
    assert code == 422 and "tidak tersedia untuk pemda ini" in page
    code, page = start(admin, pd="9.99.99")
    assert code == 422 and "belum punya Renstra, Renja atau IKU" in page
    assert runs.current(PROVINSI) is None
