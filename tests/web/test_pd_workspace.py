"""The PD workspace: an editor lands on their own PD's page, opens a finding at the field that fixes it, fixes
it, and the finding is gone; the item form edits every part of an indicator; on both databases."""

from __future__ import annotations

import re
from collections.abc import Callable

from web_world import OTHER_PD, OWN_PD, PROVINSI, Session, blank_satuan

SignIn = Callable[[str], Session]
RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
SUB = "1.02.02.2.01.0001"


def _blank_satuan(session: Session) -> int:
    """Empty the satuan of the Renja sub kegiatan's indicator (SEL503); returns the item's id."""
    return blank_satuan(session.client.app.state.web.database, RENJA, SUB)  # type: ignore[attr-defined]


def test_an_editor_lands_on_their_pd_and_a_reader_on_the_dashboard(sign_in: SignIn) -> None:
    editor = sign_in("editor62")
    assert editor.client.get("/").headers["location"] == f"/pemda/{PROVINSI}/pd/{OWN_PD}"
    assert sign_in("pembaca62").client.get("/").headers["location"] == f"/pemda/{PROVINSI}"

    page = editor.client.get(f"/pemda/{PROVINSI}/pd/{OWN_PD}")
    assert page.status_code == 200
    assert "<title>Dinas Kesehatan · Kalimantan Tengah" in page.text
    assert f'href="/pemda/{PROVINSI}"' in page.text  # the province view, one click away
    assert 'name="kind"' in page.text and '<option value="RKPD"' not in page.text  # only a PD's kinds


def test_the_workspace_counts_and_links_each_finding_to_its_fix(sign_in: SignIn) -> None:
    editor = sign_in("editor62")
    body = editor.client.get(f"/api/v1/pemda/{PROVINSI}/pd/{OWN_PD}").json()
    assert body["nama"] == "Dinas Kesehatan"
    assert body["counts"]["open"] == len(body["findings"]) > 0
    assert body["counts"]["suggestions"] == 1
    assert [document["key"] for document in body["documents"]] == [RENJA]
    fixes = {finding["code"]: finding["fix"] for finding in body["findings"]}
    assert fixes["SEL101"] == f"/pemda/{PROVINSI}/links?status=proposed&pd={OWN_PD}"
    assert re.fullmatch(r"/items/\d+\?rule=SEL501&indicator=Angka\+harapan\+hidup#perbaiki", fixes["SEL501"])
    other = editor.client.get(f"/api/v1/pemda/{PROVINSI}/pd/{OTHER_PD}").json()
    assert all(finding["pd"] == OTHER_PD for finding in other["findings"])
    assert editor.client.get(f"/api/v1/pemda/{PROVINSI}/pd/9.99.99").status_code == 404


def test_open_a_finding_fix_the_highlighted_satuan_and_it_is_gone(sign_in: SignIn) -> None:
    editor = sign_in("editor62")
    before = editor.client.get(f"/api/v1/pemda/{PROVINSI}/pd/{OWN_PD}").json()
    item_id = _blank_satuan(editor)
    home = editor.client.get(f"/api/v1/pemda/{PROVINSI}/pd/{OWN_PD}").json()
    fix = next(finding["fix"] for finding in home["findings"] if finding["code"] == "SEL503")
    assert fix.startswith(f"/items/{item_id}?rule=SEL503")

    form = editor.client.get(fix.split("#")[0]).text
    assert re.search(r'<div class="fix"><label for="satuan-0">', form)
    assert re.search(r'id="satuan-0" name="satuan-0" value=""[^>]*autofocus', form)
    saved = editor.client.post(
        f"/items/{item_id}", data={"csrf_token": editor.csrf, "version": "1", "satuan-0": "Orang"}
    )
    assert saved.status_code == 303

    after = editor.client.get(f"/api/v1/pemda/{PROVINSI}/pd/{OWN_PD}").json()
    assert "SEL503" not in {finding["code"] for finding in after["findings"]}
    assert after["counts"]["open"] == before["counts"]["open"] < home["counts"]["open"]


def test_the_item_form_adds_a_year_an_indicator_and_a_pagu(sign_in: SignIn) -> None:
    editor = sign_in("editor62")
    item_id = _blank_satuan(editor)
    fields = {
        "csrf_token": editor.csrf,
        "version": "1",
        "name-0": "Jumlah ibu hamil yang mendapat pelayanan",
        "baseline-0": "100",
        "direction-0": "turun",
        "new-name": "Persentase persalinan di fasyankes",
        "new-satuan": "%",
        "new-direction": "naik",
        "new-target-2026": "97,5",
    }
    assert editor.client.post(f"/items/{item_id}", data=fields).status_code == 303
    item = editor.client.get(f"/api/v1/items/{item_id}").json()
    first, second = item["indicators"]
    assert (first["name"], first["baseline"], first["direction"]) == (
        "Jumlah ibu hamil yang mendapat pelayanan",
        100,
        "turun",
    )
    assert (second["name"], second["satuan"], second["targets"]) == (
        "Persentase persalinan di fasyankes",
        "%",
        {"2026": 97.5},
    )

    removed = editor.client.post(f"/items/{item_id}", data={"csrf_token": editor.csrf, "version": "2", "remove-0": "1"})
    assert removed.status_code == 303
    assert [line["name"] for line in editor.client.get(f"/api/v1/items/{item_id}").json()["indicators"]] == [
        "Persentase persalinan di fasyankes"
    ]


def test_a_reader_sees_the_form_without_a_save_button(sign_in: SignIn) -> None:
    reader = sign_in("pembaca62")
    item_id = _blank_satuan(reader)
    page = reader.client.get(f"/items/{item_id}?rule=SEL503").text
    assert '<fieldset class="plain" disabled>' in page
    assert 'type="submit">Simpan' not in page


def test_the_findings_page_links_each_finding_to_its_fix(sign_in: SignIn) -> None:
    page = sign_in("editor62").client.get(f"/pemda/{PROVINSI}/findings?year=2026&pd={OWN_PD}").text
    assert re.search(
        r'<a class="fix-link" href="/items/\d+\?rule=SEL501&amp;indicator=Angka\+harapan\+hidup#perbaiki">', page
    )
    assert 'class="sortable findings"' in page


def test_the_upload_form_comes_first_and_offers_an_editor_only_their_pd_kinds(sign_in: SignIn) -> None:
    page = sign_in("editor62").client.get(f"/pemda/{PROVINSI}/documents").text
    assert page.index('id="unggah"') < page.index("<table")
    kinds = re.findall(r'<option value="([A-Z_]+)"', page[page.index('id="kind"') :])
    assert kinds == ["RENSTRA", "RENJA", "IKU", "KUA_PPAS", "APBD"]
    assert f'<input type="hidden" name="pd" value="{OWN_PD}">' in page
    admin = sign_in("admin62").client.get(f"/pemda/{PROVINSI}/documents").text
    assert '<option value="RKPD"' in admin and 'id="pd" name="pd"' in admin
