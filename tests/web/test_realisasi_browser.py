"""Realisasi in a real browser (Debian's chromium, Playwright), on SQLite and PostgreSQL: the PD's editor fills in
TW I of a sub kegiatan and sees a wrong file refused at its row, the verifikator confirms it, and the monitoring page
of the PD shows it verified. Screenshots at 1366×768 and 390×844 go to
``$SELARAS_SCREENSHOTS/<database>/realisasi-*.png``; on a phone no page scrolls sideways (wide tables scroll
inside their own box)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from test_browser import LAPTOP, Shoot, browser, page, server, shoot
from web_world import OWN_PD, PASSWORD, PROVINSI

__all__ = ["browser", "page", "server", "shoot"]  # fixtures of test_browser, used here by name

PHONE = {"width": 390, "height": 844}
SUB = "1.02.02.2.01.0001"


def _sign_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation")).to_be_visible()


def _both_widths(page: Page, shoot: Shoot, name: str) -> None:
    shoot(page, f"{name}-1366")
    page.set_viewport_size(PHONE)
    shoot(page, f"{name}-390")  # before the check, so that a page that fails it can be looked at
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth"
        " && (!e.closest('.scroll') || getComputedStyle(e).position === 'absolute'))"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, f"{name}: the page scrolls sideways on a 390 px phone ({wide})"
    page.set_viewport_size(LAPTOP)


def test_the_pd_enters_realisasi_the_verifikator_confirms_and_monitoring_shows_it_verified(
    page: Page, browser: Browser, server: str, shoot: Shoot, tmp_path: Path
) -> None:
    _sign_in(page, "editor62")
    page.get_by_role("navigation").get_by_role("link", name="Pemantauan").click()
    page.get_by_role("link", name="Isi, unggah dan verifikasi realisasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Realisasi dan verifikasi · Kalimantan Tengah · Dinkes · 2026 · TW I"
    )
    page.get_by_role("link", name=f"Isi / ubah realisasi {SUB}").click()
    page.get_by_label("Realisasi anggaran (Rp)").fill("25.000.000")
    page.get_by_label("Jumlah ibu hamil yang dilayani (Orang)").fill("30")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(
        "Realisasi disimpan dan diajukan untuk diverifikasi."
    )
    expect(page.locator("tr.current")).to_contain_text("25.000.000")
    expect(page.locator("tr.current .badge")).to_have_text("◐ diajukan")
    _both_widths(page, shoot, "realisasi-entry")

    page.get_by_role("link", name=f"← Realisasi dan verifikasi · {OWN_PD}").click()
    wrong = tmp_path / "realisasi-salah.csv"
    wrong.write_text(
        "kode_sub_kegiatan,indikator_sub_kegiatan,jml_realisasi_tw1,nilai_realisasi_tw1\n9.99.99.2.01.0001,,1,1\n",
        encoding="utf-8",
    )
    page.get_by_label("Berkas", exact=True).set_input_files(wrong)
    page.get_by_role("button", name="Unggah").click()
    problems = page.locator("#import-problems")
    expect(problems.get_by_role("heading")).to_contain_text("Impor dibatalkan")
    row = problems.locator("tbody tr").first
    expect(row.locator("td").nth(3)).to_have_text("2")
    expect(row.locator("td").nth(4)).to_have_text("kode_sub_kegiatan")
    expect(row.locator("td").nth(5)).to_have_text("9.99.99.2.01.0001")
    expect(page.locator(f"#realisasi tbody tr:has-text('{SUB}') .badge")).to_have_text("◐ diajukan")  # kept
    _both_widths(page, shoot, "realisasi-upload-error")
    page.context.close()

    verifikator = browser.new_context(base_url=server, viewport=LAPTOP, locale="id-ID").new_page()
    verifikator.set_default_timeout(15_000)
    _sign_in(verifikator, "verifikator62")
    verifikator.goto(f"/pemda/{PROVINSI}/realisasi?year=2026&pd={OWN_PD}&triwulan=1")
    line = verifikator.locator(f"#realisasi tbody tr:has-text('{SUB}')")
    expect(line).to_contain_text("editor62")
    line.get_by_role("button", name="✓ Verifikasi").click()
    expect(line.locator(".badge")).to_have_text("✓ diverifikasi")
    expect(line).to_contain_text("verifikator62")
    _both_widths(verifikator, shoot, "realisasi-verified")

    verifikator.goto(f"/pemda/{PROVINSI}/monitoring?year=2026&pd={OWN_PD}")
    expect(verifikator.locator("#verifikasi")).to_have_text("Semua realisasi sudah diverifikasi.")
    expect(verifikator.locator(f"tbody tr:has-text('{SUB}') .badge")).to_have_text("✓ diverifikasi")
    _both_widths(verifikator, shoot, "realisasi-monitoring-pd")
    verifikator.goto(f"/pemda/{PROVINSI}/monitoring?year=2026")
    _both_widths(verifikator, shoot, "realisasi-monitoring-pemda")
    verifikator.context.close()
