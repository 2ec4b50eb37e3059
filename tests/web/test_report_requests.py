"""Issue 14: a read-only user cannot tie up workers by asking for reports of arbitrary years. Years no plan
covers are refused, a built report is kept per data version, and one report per pemda is built at a time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from web_world import PROVINSI, Session

from selaras.web.routes import report as report_route


def test_years_no_plan_covers_are_refused(sign_in: Callable[[str], Session]) -> None:
    reader = sign_in("pembaca62")
    refused = reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=1999")
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith(
        "Tahun 1999 tidak tercakup dokumen perencanaan pemda ini; tahun yang ada: "
    )
    assert "2026" in refused.json()["detail"]
    for page in ("", "/findings", "/tree", "/report"):
        assert reader.client.get(f"/pemda/{PROVINSI}{page}?year=3000").status_code == 422, page
    assert reader.client.get(f"/pemda/{PROVINSI}/findings?year=2026").status_code == 200


def test_a_report_is_built_once_per_data_version(
    sign_in: Callable[[str], Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    real = report_route.render_html

    def counting(model: object) -> str:
        built.append(1)
        return real(model)  # type: ignore[arg-type]

    monkeypatch.setattr(report_route, "render_html", counting)
    reader = sign_in("pembaca62")
    first = reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026")
    again = reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026")
    assert first.status_code == again.status_code == 200
    assert first.text == again.text and len(built) == 1


def test_one_report_per_pemda_is_built_at_a_time(sign_in: Callable[[str], Session], app: FastAPI) -> None:
    reader = sign_in("pembaca62")
    assert reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026").status_code == 200
    with app.state.web.analyses.report_run(PROVINSI) as free:  # another request is building one now
        assert free
        busy = reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026&scope=semua")
        assert busy.status_code == 429
        assert busy.json()["detail"] == "Laporan pemda ini sedang dibuat untuk permintaan lain; coba lagi sebentar lagi"
        assert busy.headers["retry-after"] == "30"
        # one already built is still served
        assert reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026").status_code == 200
    assert reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026&scope=semua").status_code == 200


@pytest.mark.parametrize(
    ("chosen", "media", "magic"),
    [("pdf", "application/pdf", b"%PDF"), ("xlsx", "application/vnd.openxmlformats-officedocument", b"PK")],
)
def test_the_report_downloads_as_pdf_and_excel(
    sign_in: Callable[[str], Session], chosen: str, media: str, magic: bytes
) -> None:
    reader = sign_in("pembaca62")
    answer = reader.client.get(f"/api/v1/pemda/{PROVINSI}/report?year=2026&format={chosen}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    assert answer.headers["content-disposition"] == f'attachment; filename="laporan-selaras-{PROVINSI}-2026.{chosen}"'
    assert answer.content.startswith(magic)
    page = reader.client.get(f"/pemda/{PROVINSI}/report").text
    assert f'name="format" value="{chosen}"' in page and "<h1>Laporan · Kalimantan Tengah</h1>" in page
