"""What a planner reads on the pages is a text of the catalogue, never its key: the web catalogue is lenient (an
unknown key is shown as it is rather than fail a page), so a missing text shows up only as ``kind-APBD`` on a page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from web_world import OWN_PD, PROVINSI, Session

from selaras.domain import DocumentKind
from selaras.ingest.problems import PER_CODE


def test_the_upload_form_names_every_kind_of_document(sign_in: Callable[[str], Session]) -> None:
    page = sign_in("admin62").client.get(f"/pemda/{PROVINSI}/documents").text
    offered = dict(re.findall(r'<option value="([A-Z_]+)"[^>]*>([^<]*)</option>', page))
    assert set(offered) == {kind.value for kind in DocumentKind}
    assert offered["KUA_PPAS"] == "KUA-PPAS"
    assert offered["APBD"] == "APBD"
    assert not [text for text in offered.values() if text.startswith("kind-")]


def test_the_audit_log_names_a_calendar_change_and_can_show_only_those(sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    form = {"csrf_token": admin.csrf, "year": "2027", "inauguration": ""}
    assert admin.client.post(f"/pemda/{PROVINSI}/calendar/template", data=form).status_code == 303
    page = admin.client.get(f"/pemda/{PROVINSI}/audit", params={"entity": "calendar"}).text
    assert '<option value="calendar" selected>kalender</option>' in page
    assert "entity-" not in page
    assert re.search(r"<td>kalender <code>", page)


def test_an_address_without_a_page_answers_a_page_in_the_users_language(sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    for path, status, text in (
        (f"/pemda/{PROVINSI}/laporan-lama", 404, "Tidak ada halaman di alamat ini"),  # an old bookmark, a typo
        ("/logout", 405, "hanya dipakai oleh tombol formulir"),  # a POST-only address opened in the browser
    ):
        answer = admin.client.get(path)
        assert answer.status_code == status
        assert answer.headers["content-type"].startswith("text/html")
        assert text in answer.text
        assert "Not Found" not in answer.text and "Method Not Allowed" not in answer.text
    # the API still answers JSON
    assert admin.client.get("/api/v1/tidak-ada").json() == {"detail": "Not Found"}


def test_a_file_refused_for_one_mistake_on_every_row_shows_the_first_few_and_counts_the_rest(
    sign_in: Callable[[str], Session],
) -> None:
    """A SIPD Rekap of another pemda was refused with 5,481 galat, every one listed: a page some 500,000 px
    tall. The first of each kind say what to fix; the rest are counted, as the CLI does."""
    editor = sign_in("editor62")
    rows = "".join(f"1.02.02,Program kesehatan,{row + 1}000\n" for row in range(300))  # one code, 300 times
    answer = editor.client.post(
        f"/pemda/{PROVINSI}/documents",
        files={"file": ("renja.csv", io.BytesIO(f"kode,uraian,pagu\n{rows}".encode()), "text/csv")},
        data={"csrf_token": editor.csrf, "kind": "RENJA", "period": "2026", "pd": OWN_PD},
    )
    assert answer.status_code == 422
    table = answer.text[answer.text.index('id="import-problems"') :]
    assert "Impor dibatalkan: 299 galat" in table
    assert table.count("muncul lebih dari sekali") == PER_CODE
    assert "… dan 279 galat lain dari jenis yang sama (duplicate) tidak ditampilkan" in table


def test_every_pemda_page_is_headed_with_the_pemda_name(sign_in: Callable[[str], Session]) -> None:
    """Five pages were headed 'Pemantauan · 62 · 2026', the others 'Temuan pemeriksaan · Kalimantan Tengah'."""
    admin = sign_in("admin62")
    for page in ("links", "realisasi", "monitoring", "calendar", "audit", "findings", "documents", "report"):
        heading = re.search(r"<h1>(.*?)</h1>", admin.client.get(f"/pemda/{PROVINSI}/{page}").text, re.S)
        assert heading and "Kalimantan Tengah" in heading.group(1), page
        assert f" {PROVINSI} " not in heading.group(1).replace("·", " "), page


def test_the_calendar_form_names_kinds_and_stages_as_the_regulations_do(sign_in: Callable[[str], Session]) -> None:
    """The admin chose among 'rancangan_awal', 'rancangan_akhir' and 'KUA_PPAS', the stored values."""
    page = sign_in("admin62").client.get(f"/pemda/{PROVINSI}/calendar").text
    form = page[page.index('action="/pemda/62/calendar/stage"') :]
    kinds = dict(re.findall(r'<option value="([A-Z_]+)">([^<]*)</option>', form[: form.index("</select>")]))
    assert kinds["KUA_PPAS"] == "KUA-PPAS" and kinds["RENJA"] == "Renja"
    stages = dict(re.findall(r'<option value="([a-z_]+)">([^<]*)</option>', form[: form.index("</form>")]))
    assert stages["rancangan_awal"] == "Rancangan awal"
    assert stages["forum"] == "Musrenbang / Forum PD / Pembahasan DPRD"
    assert stages["penetapan"] == "Penetapan / Nota kesepakatan"


def test_an_empty_review_list_says_where_suggestions_come_from(sign_in: Callable[[str], Session]) -> None:
    """'0 tautan · Tidak ada data' left a planner with no way to find the button that makes suggestions."""
    admin = sign_in("admin62")
    for path in (f"/pemda/{PROVINSI}/links?pd=9.99.99", f"/pemda/{PROVINSI}/suggestions"):
        assert "“Buat usulan tautan” di ruang kerja perangkat daerah" in admin.client.get(path).text, path


KEY = re.compile(r"\b\d+(?:\.\d+)?/[A-Z_]+/[^/\s<>]+/[^/\s<>]+/[a-z]+\b")


def test_findings_name_their_document_as_planners_do_not_by_its_key(sign_in: Callable[[str], Session]) -> None:
    client = sign_in("admin62").client
    for path in (f"/pemda/{PROVINSI}/findings", f"/pemda/{PROVINSI}/followup", f"/pemda/{PROVINSI}/pd/{OWN_PD}"):
        page = client.get(path).text
        named = re.findall(r'<span title="([^"]+)">([^<]+)</span>', page)
        assert named, path
        for key, name in named:
            assert KEY.fullmatch(key) and not KEY.search(name), (path, key, name)
            assert re.fullmatch(r"(Renja|Renstra|RPJMD|RKPD|IKU|KUA-PPAS|APBD|RPJPD) \d{4}(-\d{4})?", name), name
        if not path.endswith(OWN_PD):  # the PD's home lists its documents with their keys, for the CLI
            visible = re.sub(r"<[^>]*>", " ", page)
            assert not KEY.search(visible), (path, KEY.search(visible))


def test_an_unreadable_field_is_named_as_the_page_calls_it(sign_in: Callable[[str], Session]) -> None:
    client = sign_in("admin62").client
    response = client.get(f"/pemda/{PROVINSI}/findings", params={"year": "dua ribu"})
    assert response.status_code == 422
    assert "Isian tidak dapat dibaca: tahun" in response.text
    assert "Isian tidak dapat dibaca: year" not in response.text
