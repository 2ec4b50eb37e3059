"""Realisasi on the web: a PD uploads its file (the CLI's import, all-or-nothing, errors located on the page) or fills
in the form (versioned like the item edit), a verifikator confirms or returns it, and the monitoring page marks what
is not verified yet while counting it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import select
from web_world import OTHER_PD, OWN_PD, PROVINSI, Session

from selaras.domain.realisasi import Verifikasi
from selaras.store.audit import list_audit
from selaras.store.realisasi_review import load_states
from selaras.store.tables import DocumentRow, ItemRow

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
SUB = "1.02.02.2.01.0001"
HEADER = "kode_sub_kegiatan,indikator_sub_kegiatan," + ",".join(
    f"{measure}_realisasi_tw{quarter}" for quarter in (1, 2) for measure in ("jml", "nilai")
)


def _csv(folder: Path, *rows: str) -> Path:
    path = folder / "realisasi-dinkes.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _upload(session: Session, path: Path, pd: str = OWN_PD) -> object:
    return session.client.post(
        f"/pemda/{PROVINSI}/realisasi",
        data={"csrf_token": session.csrf, "year": "2026", "pd": pd},
        files={"file": (path.name, path.read_bytes(), "text/csv")},
    )


def _item_id(app: FastAPI) -> int:
    query = (
        select(ItemRow.id)
        .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
        .where(DocumentRow.key == RENJA, ItemRow.key == SUB)
    )
    with app.state.web.database.session() as session:
        return int(session.scalar(query))


def _states(app: FastAPI) -> dict[int, tuple[Verifikasi, int]]:
    with app.state.web.database.session() as session:
        found = load_states(session, PROVINSI)
    return {key[2]: (state.state, state.version) for key, state in found.items() if key[:2] == (RENJA, SUB)}


def test_an_editor_uploads_its_realisasi_and_a_verifikator_confirms_all_of_it(
    app: FastAPI, sign_in: Callable[[str], Session], tmp_path: Path
) -> None:
    editor = sign_in("editor62")
    page = _upload(editor, _csv(tmp_path, f"{SUB},Jumlah ibu hamil yang dilayani,30,25000000,70,85000000"))
    assert page.status_code == 200, page.text
    assert f"Realisasi {RENJA} disimpan: 1 item, diajukan untuk diverifikasi." in page.text
    assert "◐ diajukan" in page.text
    assert _states(app) == {1: (Verifikasi.DIAJUKAN, 1), 2: (Verifikasi.DIAJUKAN, 1)}
    again = _upload(editor, _csv(tmp_path, f"{SUB},Jumlah ibu hamil yang dilayani,30,25000000,70,85000000"))
    assert "tidak berubah" in again.text and _states(app)[1] == (Verifikasi.DIAJUKAN, 1)

    verifikator = sign_in("verifikator62")
    listed = verifikator.client.get(f"/pemda/{PROVINSI}/realisasi?year=2026&pd={OWN_PD}&triwulan=2")
    assert "Verifikasi semua yang diajukan (1)" in listed.text
    assert "<small>pagu Renja</small>" in listed.text  # no APBD stored: the pagu serapan is measured against
    assert "Unggah berkas realisasi" not in listed.text  # a verifikator does not enter realisasi
    done = verifikator.client.post(
        f"/pemda/{PROVINSI}/realisasi/verify",
        data={"csrf_token": verifikator.csrf, "pd": OWN_PD, "triwulan": "2", "row": f"{_item_id(app)}:1"},
    )
    assert done.status_code == 303
    assert _states(app) == {1: (Verifikasi.DIAJUKAN, 1), 2: (Verifikasi.DIVERIFIKASI, 2)}
    monitoring = verifikator.client.get(f"/pemda/{PROVINSI}/monitoring?year=2026&pd={OWN_PD}").text
    assert "34,00 % <small>sangat rendah</small>" in monitoring  # TW I is counted although not verified
    assert "◐ diajukan" in monitoring and "1 triwulan item" in monitoring


def test_an_upload_with_another_pds_item_is_refused_at_its_row_and_stores_nothing(
    app: FastAPI, sign_in: Callable[[str], Session], tmp_path: Path
) -> None:
    editor = sign_in("editor62")
    rows = (f"{SUB},Jumlah ibu hamil yang dilayani,30,25000000,70,85000000", "9.99.99.2.01.0001,Lain,1,1,1,1")
    page = _upload(editor, _csv(tmp_path, *rows))
    assert page.status_code == 422
    assert 'id="import-problems"' in page.text and "Impor dibatalkan" in page.text
    assert '<td>realisasi-dinkes.csv</td><td></td><td class="num">3</td><td>kode_sub_kegiatan</td>' in page.text
    assert "9.99.99.2.01.0001" in page.text
    assert _states(app) == {}
    assert _upload(editor, _csv(tmp_path, *rows[:1]), pd=OTHER_PD).status_code == 403  # not its PD


def test_the_form_is_versioned_and_a_returned_realisasi_goes_back_to_the_pd(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    item_id = _item_id(app)
    editor = sign_in("editor62")
    form = editor.client.get(f"/items/{item_id}/realisasi/1")
    assert form.status_code == 200
    assert 'name="version" value="0"' in form.text and 'name="kinerja-0"' in form.text
    assert "(pagu Renja)" in form.text
    fields = {"csrf_token": editor.csrf, "version": "0", "anggaran": "25.000.000", "kinerja-0": "30"}
    saved = editor.client.post(f"/items/{item_id}/realisasi/1", data=fields)
    assert saved.status_code == 303 and saved.headers["location"] == f"/items/{item_id}/realisasi/1?saved=true"
    assert editor.client.post(f"/items/{item_id}/realisasi/1", data=fields).status_code == 409  # stale version
    assert editor.client.post(f"/items/{item_id}/realisasi/1", data={**fields, "csrf_token": ""}).status_code == 403
    bad = editor.client.post(f"/items/{item_id}/realisasi/1", data={**fields, "version": "1", "anggaran": "banyak"})
    assert bad.status_code == 422

    verifikator = sign_in("verifikator62")
    back = {"csrf_token": verifikator.csrf, "version": "1", "decision": "dikembalikan", "comment": ""}
    assert verifikator.client.post(f"/items/{item_id}/realisasi/1/review", data=back).status_code == 422
    returned = verifikator.client.post(
        f"/items/{item_id}/realisasi/1/review", data={**back, "comment": "Lampirkan bukti SP2D"}
    )
    assert returned.status_code == 303
    page = editor.client.get(f"/items/{item_id}/realisasi/1").text
    assert "↩ dikembalikan" in page and "Lampirkan bukti SP2D" in page and "25.000.000" in page
    assert "↩ dikembalikan" in editor.client.get(f"/pemda/{PROVINSI}/monitoring?year=2026&pd={OWN_PD}").text
    with app.state.web.database.session() as session:
        actions = [entry.action for entry in list_audit(session, [PROVINSI], entity="realisasi")]
    assert actions == ["realisasi-dikembalikan", "realisasi-diajukan"]
