"""The pohon kinerja in a real browser (Debian's chromium, Playwright), on SQLite and PostgreSQL, at 1366 and
390 px: a program's kegiatan load when it is opened, branches close and open again (one by one, all at once),
a finding marker leads to the findings on its item, and printed (print media) the tree shows every branch
open without the navigation, on A4 landscape, never splitting a node. Screenshots go to
``$SELARAS_SCREENSHOTS/<database>/tree-*.png``."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import update
from test_browser import LAPTOP, Shoot, browser, page, server, shoot
from web_world import PASSWORD

from selaras.store import Database
from selaras.store.tables import LinkRow

__all__ = ["browser", "page", "server", "shoot"]  # fixtures of test_browser, used here by name

PHONE = {"width": 390, "height": 844}
A4_LANDSCAPE = {"width": 1047, "height": 740}  # 297 × 210 mm less the 10 mm margins, at 96 px an inch
KEGIATAN = "Penyediaan Layanan Kesehatan"
SUB_KEGIATAN = "Pengelolaan Pelayanan Kesehatan Ibu Hamil"


def _accept_links(database: Database) -> None:
    """Both PD's programs linked to the RPJMD sasaran, before the first page reads the data."""
    with database.session() as session:
        session.execute(update(LinkRow).values(status="accepted"))


def _sign_in(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill("admin62")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation")).to_be_visible()


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_tree_expands_collapses_and_prints(page: Page, shoot: Shoot, database: Database) -> None:
    _accept_links(database)
    _sign_in(page)
    page.get_by_role("navigation").get_by_role("link", name="Pohon kinerja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pohon kinerja · Kalimantan Tengah · Tahun 2026")
    for width, viewport in (("1366", LAPTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)
        page.reload()
        tree = page.locator("#pohon")
        sasaran = tree.locator("details").filter(has_text="Meningkatnya umur harapan hidup").last
        program = tree.locator("details", has=page.locator(":scope > summary .lvl-program")).first
        expect(program).to_have_attribute("data-load", re.compile("node="))
        expect(program).to_contain_text("PROGRAM PEMENUHAN UPAYA KESEHATAN")
        expect(tree.get_by_text(KEGIATAN)).to_have_count(0)  # not on the first page: loads when opened

        program.locator("summary").click()
        expect(program.get_by_text(KEGIATAN)).to_be_visible()
        expect(program.get_by_text(SUB_KEGIATAN)).to_be_visible()
        expect(program).not_to_have_attribute("data-load", re.compile("."))
        assert _fits(page), f"tree at {width} px: the page scrolls sideways"
        shoot(page, f"tree-open-{width}")

        sasaran.locator("summary").first.click()  # collapse the sasaran: its programs are hidden
        expect(program.locator(":scope > summary")).to_be_hidden()
        sasaran.locator("summary").first.click()
        expect(program.get_by_text(KEGIATAN)).to_be_visible()

        page.get_by_role("button", name="Tutup semua").click()
        expect(tree.get_by_text("Meningkatkan derajat kesehatan")).to_be_hidden()
        page.get_by_role("button", name="Buka semua").click()  # loads the other program's kegiatan too
        expect(tree.get_by_text(SUB_KEGIATAN)).to_have_count(2)
        for each in tree.get_by_text(SUB_KEGIATAN).all():
            expect(each).to_be_visible()
        assert _fits(page), f"tree at {width} px, all open: the page scrolls sideways"
        shoot(page, f"tree-all-{width}")

        page.get_by_role("button", name="Tutup semua").click()
        page.emulate_media(media="print")  # printed: every branch open, no navigation or tools
        for each in tree.get_by_text(SUB_KEGIATAN).all():
            expect(each).to_be_visible()
        for hidden in (page.get_by_role("navigation"), page.locator("header.top"), page.locator(".tree-actions")):
            expect(hidden).to_be_hidden()
        assert page.locator(".box").first.evaluate("box => getComputedStyle(box).breakInside") == "avoid"
        page.emulate_media(media="screen")

    page.set_viewport_size(A4_LANDSCAPE)
    page.emulate_media(media="print")
    assert _fits(page), "printed, the tree is wider than an A4 landscape page"
    shoot(page, "tree-print")
    pdf = page.pdf(prefer_css_page_size=True)
    page.emulate_media(media="screen")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in boxes)  # A4 landscape, pt

    page.set_viewport_size(LAPTOP)
    page.get_by_role("button", name="Buka semua").click()
    marker = page.locator("#pohon a.flag").first
    expect(marker).to_contain_text("2")
    marker.click()
    expect(page.get_by_role("main")).to_contain_text("Hanya temuan pada item 1.02.02")
    expect(page.locator("table.findings tbody tr")).to_have_count(2)
    shoot(page, "tree-marker-findings")
