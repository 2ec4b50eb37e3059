"""The monitoring page and its JSON: serapan and capaian per PD and per triwulan with the Permendagri 86 bands,
the curve against the planned one, a page per PD, and nothing invented where no realisasi was imported."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from fastapi import FastAPI
from web_world import KOTA, OWN_PD, PROVINSI, Session

from selaras.domain.realisasi import Realisasi
from selaras.store.realisasi import replace_realisasi

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
SUB = "1.02.02.2.01.0001"
INDICATOR = "Jumlah ibu hamil yang dilayani"


def _report_two_quarters(app: FastAPI) -> None:
    """TW I Rp 25 juta and 30 orang, TW II Rp 60 juta and 40 orang, of a Rp 250 juta pagu and a 120 orang target."""
    records = [
        Realisasi(RENJA, SUB, 1, Decimal(25_000_000), {INDICATOR: Decimal(30)}),
        Realisasi(RENJA, SUB, 2, Decimal(60_000_000), {INDICATOR: Decimal(40)}),
    ]
    with app.state.web.database.session() as session:
        replace_realisasi(session, PROVINSI, RENJA, records)


def test_the_pemda_page_rates_serapan_and_capaian_per_pd_and_draws_the_curve(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    _report_two_quarters(app)
    reader = sign_in("pembaca62")
    page = reader.client.get(f"/pemda/{PROVINSI}/monitoring?year=2026")
    assert page.status_code == 200
    text = page.text
    assert f'href="/pemda/{PROVINSI}/monitoring"' in text  # in the navigation
    assert "TW II" in text and "<svg" in text
    assert "34,00 % <small>sangat rendah</small>" in text  # Rp 85 juta of Rp 250 juta
    assert "58,33 % <small>rendah</small>" in text  # 70 of 120 orang
    assert f"pd={OWN_PD}" in text and "Dinas Kesehatan" in text
    assert "(pagu Renja)" in text and "Dasar pagu" in text  # no APBD stored: serapan against the Renja

    body = reader.client.get(f"/api/v1/pemda/{PROVINSI}/monitoring?year=2026").json()
    assert body["quarter"] == 2
    assert body["total"]["serapan"] == 34 and body["total"]["serapan_rating"] == "sangat rendah"
    assert body["total"]["pagu_basis"] == "Renja"
    assert [point["serapan"] for point in body["curve"]] == [10, 34]
    assert [(pd["name"], pd["items"]) for pd in body["pd"]] == [(f"{PROVINSI} {OWN_PD}", 1)]


def test_a_pd_page_lists_its_sub_kegiatan_up_to_the_quarter_asked(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    _report_two_quarters(app)
    reader = sign_in("pembaca62")
    page = reader.client.get(f"/pemda/{PROVINSI}/monitoring?year=2026&quarter=1&pd={OWN_PD}")
    assert page.status_code == 200
    assert SUB in page.text and "10,00 % <small>sangat rendah</small>" in page.text
    assert reader.client.get(f"/pemda/{PROVINSI}/monitoring?pd=9.99.99").status_code == 404
    assert reader.client.get(f"/pemda/{PROVINSI}/monitoring?quarter=5").status_code == 422


def test_without_realisasi_the_page_says_so(app: FastAPI, sign_in: Callable[[str], Session]) -> None:
    page = sign_in("staf62.71").client.get(f"/pemda/{KOTA}/monitoring?year=2026")
    assert page.status_code == 200
    assert "Belum ada realisasi yang diimpor" in page.text and "<svg" not in page.text
