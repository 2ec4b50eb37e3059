"""The tindak lanjut loop in a real browser (Debian's chromium, Playwright), on SQLite and PostgreSQL: the admin
assigns a finding with a deadline, the PD's editor sees it on their list and responds, the verifikator closes
it, and the report downloaded afterwards shows it closed. Screenshots at 1366×768 and 390×844 go to
``$SELARAS_SCREENSHOTS/<database>/followup-*.png``; on a phone the list never scrolls sideways."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect
from test_browser import LAPTOP, Shoot, browser, page, server, shoot
from web_world import OWN_PD, PASSWORD, PROVINSI

from selaras.report.format import day

__all__ = ["browser", "page", "server", "shoot"]  # fixtures of test_browser, used here by name

PHONE = {"width": 390, "height": 844}
COMMENT = "Indikator program sudah ditautkan ke sasaran RPJMD"


def _sign_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation")).to_be_visible()


def _as(browser: Browser, server: str, username: str) -> Page:
    context = browser.new_context(base_url=server, viewport=LAPTOP, accept_downloads=True, locale="id-ID")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    _sign_in(opened, username)
    return opened


def _fits_the_phone(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def _both_widths(page: Page, shoot: Shoot, name: str) -> None:
    shoot(page, f"{name}-1366")
    page.set_viewport_size(PHONE)
    assert _fits_the_phone(page), f"{name}: the page scrolls sideways on a 390 px phone"
    shoot(page, f"{name}-390")
    page.set_viewport_size(LAPTOP)


def _report_reads_on_a_phone(browser: Browser, html: str, shoot: Shoot) -> None:
    """The downloaded HTML report on a 390 px phone: the page does not scroll sideways (a wide table scrolls in
    its own box) and no amount spills out of its cell or breaks over two lines."""
    phone = browser.new_page(viewport=PHONE)
    phone.set_content(html)
    assert _fits_the_phone(phone), "the report scrolls sideways on a 390 px phone"
    spilled = phone.evaluate(
        """[...document.querySelectorAll('td.num')].filter(cell => {
            const text = document.createRange();
            text.selectNodeContents(cell);
            const lines = new Set([...text.getClientRects()].map(line => Math.round(line.top)));
            return cell.scrollWidth > cell.clientWidth || lines.size > 1;
        }).map(cell => cell.textContent)"""
    )
    assert spilled == []
    shoot(phone, "laporan-390")
    phone.close()


def test_assign_respond_close_and_the_report_shows_it_closed(
    page: Page, browser: Browser, server: str, shoot: Shoot
) -> None:
    due = date.today() + timedelta(days=20)
    _sign_in(page, "admin62")
    page.get_by_role("navigation").get_by_role("link", name="Tindak lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tindak lanjut temuan · Kalimantan Tengah")
    page.locator("#pd").select_option(OWN_PD)
    page.get_by_role("button", name="Tampilkan").click()
    row = page.locator("ol.worklist > li").first
    row_id = row.get_attribute("id")
    assert row_id and row_id.startswith("f-")
    row.get_by_text("Tugaskan (PIC, tenggat)").click()
    row.get_by_label("PIC").select_option("editor62")
    row.get_by_label("Tenggat").fill(due.isoformat())
    row.get_by_role("button", name="Tugaskan", exact=True).click()
    row = page.locator(f"#{row_id}")
    expect(row.locator(".pic")).to_contain_text(f"PIC: editor62 · Tenggat: {day(due)}")
    _both_widths(page, shoot, "followup-admin")

    editor = _as(browser, server, "editor62")
    editor.goto(f"/pemda/{PROVINSI}/followup")
    mine = editor.locator("ol.worklist > li").first  # their PD's list, the assigned finding first
    expect(mine).to_have_attribute("id", row_id)
    expect(mine.get_by_text("Tugaskan (PIC, tenggat)")).to_have_count(0)  # an editor does not assign
    mine.get_by_text("Tanggapi / ubah keadaan").click()
    expect(mine.get_by_label("Keadaan baru").locator("option")).to_have_text(["ditanggapi"])
    mine.get_by_label("Komentar").fill(COMMENT)
    mine.get_by_role("button", name="Simpan tanggapan").click()
    mine = editor.locator(f"#{row_id}")
    expect(mine.locator(".badge.state-ditanggapi")).to_be_visible()
    expect(mine).to_contain_text(COMMENT)
    _both_widths(editor, shoot, "followup-editor")
    editor.goto(f"/pemda/{PROVINSI}/findings")
    _both_widths(editor, shoot, "findings-editor")
    editor.context.close()

    verifikator = _as(browser, server, "verifikator62")
    verifikator.goto(f"/pemda/{PROVINSI}/followup")
    answered = verifikator.locator(f"#{row_id}")
    answered.get_by_text("Tanggapi / ubah keadaan").click()
    answered.get_by_label("Keadaan baru").select_option("selesai")
    answered.get_by_role("button", name="Simpan tanggapan").click()
    expect(verifikator.locator(f"#{row_id}")).to_have_count(0)  # no longer on the list of open findings
    verifikator.locator("#view").select_option("semua")
    verifikator.get_by_role("button", name="Tampilkan").click()
    closed = verifikator.locator(f"#{row_id}")
    expect(closed.locator(".badge.state-selesai")).to_be_visible()
    expect(closed).to_contain_text("oleh verifikator62")
    _both_widths(verifikator, shoot, "followup-closed")
    verifikator.context.close()

    page.goto(f"/pemda/{PROVINSI}/followup?pd={OWN_PD}")  # one more, already past its deadline
    late = page.locator("ol.worklist > li").nth(1)
    late.get_by_text("Tugaskan (PIC, tenggat)").click()
    late.get_by_label("Tenggat").fill((date.today() - timedelta(days=1)).isoformat())
    late.get_by_role("button", name="Tugaskan", exact=True).click()
    expect(late.locator(".badge.overdue")).to_be_visible()
    page.reload()
    expect(page.locator("ol.worklist > li").first.locator(".badge.overdue")).to_be_visible()  # now listed first
    page.goto(f"/pemda/{PROVINSI}")
    expect(page.get_by_role("region", name="Tindak lanjut")).to_contain_text("1 temuan lewat tenggat tindak lanjut")
    _both_widths(page, shoot, "dashboard-followup")
    page.get_by_role("navigation").get_by_role("link", name="Laporan").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh laporan").click()  # HTML first
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"selesai · PIC editor62, tenggat {day(due)} · “{COMMENT}” (verifikator62," in report
    _report_reads_on_a_phone(browser, report, shoot)
    page.get_by_label("Excel (tabel untuk diolah)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh laporan").click()
    rows = [
        [cell.value for cell in row]
        for sheet in load_workbook(BytesIO(Path(download.value.path()).read_bytes())).worksheets
        for row in sheet.iter_rows()
        if COMMENT in [cell.value for cell in row]
    ]
    assert rows and all({"selesai", "editor62", due.isoformat(), "verifikator62"} <= set(row) for row in rows)
