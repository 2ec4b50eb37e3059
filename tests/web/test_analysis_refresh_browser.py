"""After an edit, in a real browser: the findings page shows the banner over the results from before the edit,
and reloads itself (selaras.js) once the new ones are built, without the reader doing anything. A worker's first
page, with no results to show yet, is the busy page, which reloads itself into the dashboard. The background
build is held by the test (``Gate``) until the banner or the busy page has been seen. Screenshots:
``$SELARAS_SCREENSHOTS/<database>/after-edit-banner.png``, ``first-page-busy-1366.png`` and ``-390.png``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from test_analysis_refresh import NEW_FINDING, Gate
from test_browser import LAPTOP, Shoot, browser, page, server, shoot, sign_in
from web_world import OWN_PD, PASSWORD, PROVINSI

from selaras.store import Database
from selaras.store.tables import DocumentRow, ItemRow
from selaras.web import analysis as analysis_module
from selaras.web.analysis import AnalysisCache

__all__ = ["browser", "page", "server", "shoot"]  # fixtures of test_browser, used here by name


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate(analysis_module.load_planning_data)
    monkeypatch.setattr(analysis_module, "load_planning_data", gate)
    monkeypatch.setattr(AnalysisCache, "patience", 0.0)
    yield gate
    gate.open.set()


def test_the_findings_page_says_it_is_behind_and_reloads_itself(
    page: Page, database: Database, held: Gate, shoot: Shoot
) -> None:
    with database.session() as session:
        item_id = session.scalar(
            select(ItemRow.id)
            .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
            .where(DocumentRow.key == NEW_FINDING[1], ItemRow.key == "1.02.02.2.01.0001")
        )
    sign_in(page, "editor62", lands_on="Dinas Kesehatan")
    findings = f"/pemda/{PROVINSI}/findings"
    page.goto(findings)
    row = page.locator("tr", has=page.locator("strong", has_text="SEL301"))
    banner = page.get_by_role("status").filter(has_text="Temuan sedang dihitung ulang")
    expect(banner).to_have_count(0)
    expect(row).to_have_count(0)

    held.open.clear()
    page.goto(f"/items/{item_id}")
    page.get_by_label("Pagu 2026").fill("300.000.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_label("Pagu 2026")).to_have_value("300.000.000")  # the item's own page: at once

    page.goto(findings)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("memakai hasil sebelum perubahan")
    expect(banner.get_by_role("link", name="Muat ulang sekarang")).to_be_visible()
    expect(row).to_have_count(0)
    shoot(page, "after-edit-banner")

    held.open.set()  # the build goes on; the page reloads itself a few seconds later, now with the new results
    expect(banner).to_have_count(0, timeout=30_000)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(OWN_PD)


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def starting(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """A worker whose first build is held: its pages have nothing to show but the busy page."""
    gate = Gate(analysis_module.load_planning_data)
    monkeypatch.setattr(analysis_module, "load_planning_data", gate)
    monkeypatch.setattr(AnalysisCache, "patience", 0.0)
    monkeypatch.setattr(AnalysisCache, "busy_after", 0.0)
    gate.open.clear()
    yield gate
    gate.open.set()


def test_the_first_page_is_a_busy_page_that_reloads_itself_into_the_dashboard(
    page: Page, starting: Gate, shoot: Shoot
) -> None:
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill("admin62")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    busy = page.get_by_role("status").filter(has_text="sedang dihitung")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hasil pemeriksaan sedang disiapkan")
    expect(busy).to_contain_text("Temuan dan skor Kalimantan Tengah sedang dihitung")
    expect(busy.get_by_role("progressbar", name="Sedang menghitung")).to_be_visible()
    expect(busy).to_contain_text("Halaman dimuat ulang sendiri")  # selaras.js says when, and will do it
    expect(busy.get_by_role("link", name="Muat ulang sekarang")).to_be_visible()
    shoot(page, "first-page-busy-1366")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways at 390 px"
    shoot(page, "first-page-busy-390")
    page.set_viewport_size(LAPTOP)

    starting.open.set()  # the build goes on; the page reloads itself a few seconds later, now the dashboard
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dasbor · Kalimantan Tengah", timeout=30_000)
    expect(busy).to_have_count(0)
