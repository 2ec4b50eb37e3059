"""The PD editor's loop in a real browser (Debian's chromium, Playwright), on SQLite and PostgreSQL: sign in, land
on the PD's own home, open a finding at the field that fixes it (highlighted and focused), fix the satuan, and
the finding is gone from the home while the PD's score moved. Screenshots go to
``$SELARAS_SCREENSHOTS/<database>/workspace-*.png``."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from test_browser import Shoot, browser, page, server, shoot
from web_world import OWN_PD, PASSWORD, PROVINSI, blank_satuan

from selaras.store import Database

__all__ = ["browser", "page", "server", "shoot"]  # fixtures of test_browser, used here by name

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
SUB = "1.02.02.2.01.0001"


def _scores(page: Page) -> list[str]:
    return page.locator("main p.hint strong").all_inner_texts()


def test_an_editor_fixes_the_highlighted_satuan_and_the_finding_is_gone(
    page: Page, server: str, database: Database, shoot: Shoot
) -> None:
    blank_satuan(database, RENJA, SUB)
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill("editor62")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Dinas Kesehatan {OWN_PD} · Kalimantan Tengah")
    finding = page.locator("main tbody tr").filter(has_text="SEL503")
    expect(finding).to_have_count(1)
    before = _scores(page)
    shoot(page, "workspace-home")

    finding.get_by_role("link", name="Perbaiki").click()
    satuan = page.locator(".fix #satuan-0")
    expect(satuan).to_be_focused()
    expect(satuan).to_have_value("")
    shoot(page, "workspace-item-fix")
    satuan.fill("Orang")
    page.get_by_role("button", name="Simpan").click()

    page.goto(f"/pemda/{PROVINSI}/pd/{OWN_PD}")
    expect(page.locator("main tbody tr").filter(has_text="SEL503")).to_have_count(0)
    after = _scores(page)
    assert after != before, f"the PD's scores did not move: {before} -> {after}"
    shoot(page, "workspace-fixed-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways at 390 px"
    shoot(page, "workspace-fixed-390")
