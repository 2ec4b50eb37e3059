"""The province's dashboard lists its kab/kota with their scores, best first; a provincial admin opens each
from there (a reader of the province sees the list without links). Titles name the pemda."""

from __future__ import annotations

import re
from collections.abc import Callable

from web_world import KOTA, OWN_PD, PROVINSI, Session

SignIn = Callable[[str], Session]


def test_a_provincial_admin_opens_each_kabkota_from_the_dashboard(sign_in: SignIn) -> None:
    admin = sign_in("admin62")
    page = admin.client.get(f"/pemda/{PROVINSI}").text
    assert "<title>Dasbor · Kalimantan Tengah · Selaras</title>" in page
    section = page[page.index('id="kabkota"') : page.index("</section>", page.index('id="kabkota"'))]
    names = re.findall(r'<th scope="row">(?:<a href="([^"]+)">)?([^<]+)', section)
    assert names[0] == (f"/pemda/{KOTA}", "Kota Palangkaraya")  # the one with data ranks first
    assert len(names) == 14  # every kab/kota of the wilayah reference, with or without data
    assert "belum ada data" in section
    assert admin.client.get(names[0][0]).status_code == 200
    assert f'href="/pemda/{PROVINSI}/pd/{OWN_PD}"' in page  # each PD opens its workspace

    body = admin.client.get(f"/api/v1/pemda/{PROVINSI}/dashboard").json()
    assert body["kabkota"][0]["pemda"] == KOTA and body["kabkota"][0]["overall"] is not None


def test_a_reader_sees_the_kabkota_scores_without_links_and_a_kota_has_no_list(sign_in: SignIn) -> None:
    page = sign_in("pembaca62").client.get(f"/pemda/{PROVINSI}").text
    section = page[page.index('id="kabkota"') : page.index("</section>", page.index('id="kabkota"'))]
    assert "Kota Palangkaraya" in section and f'href="/pemda/{KOTA}"' not in section
    kota = sign_in("staf62.71").client.get(f"/pemda/{KOTA}").text
    assert 'id="kabkota"' not in kota and "Dasbor · Kota Palangkaraya" in kota
