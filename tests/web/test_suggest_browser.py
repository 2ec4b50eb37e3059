"""The web's "Buat usulan tautan" in a real browser (Debian's chromium, Playwright), on SQLite and PostgreSQL: the
PD's editor starts a run from the workspace, the progress page follows it without a reload (selaras.js) until the
review link appears, and the review list holds the new suggestions. Screenshots at 1366×768 and 390×844 go to
``$SELARAS_SCREENSHOTS/<database>/suggest-*.png``; on a phone no page scrolls sideways. The matcher is lexical only
and held back at its start (as loading the models holds a real first run), so the progress can be seen."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from test_browser import LAPTOP, Shoot, browser, page, server, shoot
from web_world import OWN_PD, PASSWORD, PROVINSI

from selaras.match.engine import Matcher
from selaras.reference.frameworks import asta_cita
from selaras.reference.wilayah import PUSAT
from selaras.store import Database
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda

__all__ = ["browser", "page", "server", "shoot"]  # fixtures of test_browser, used here by name

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch, database: Database) -> Iterator[threading.Event]:
    """Asta Cita loaded; the server's first run waits for the returned event, then ranks lexically."""
    with database.session() as session:
        ensure_pemda(session, PUSAT)
        save_plan(session, asta_cita())
    release = threading.Event()
    lexical = Matcher.default

    def slow(cache_dir: object = None, **_options: object) -> Matcher:
        assert release.wait(60), "the test never released the run"
        return lexical(lexical_only=True)

    monkeypatch.setattr(Matcher, "default", slow)
    yield release
    release.set()


def _both_widths(page: Page, shoot: Shoot, name: str) -> None:
    shoot(page, f"{name}-1366")
    page.set_viewport_size(PHONE)
    shoot(page, f"{name}-390")
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, f"{name}: the page scrolls sideways on a 390 px phone"
    page.set_viewport_size(LAPTOP)


def test_the_editor_generates_suggestions_and_follows_the_progress(
    page: Page, server: str, shoot: Shoot, held: threading.Event
) -> None:
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill("editor62")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"/pemda/{PROVINSI}/pd/{OWN_PD}")
    button = page.get_by_role("button", name="Buat usulan tautan")
    expect(button).to_be_visible()
    expect(page.get_by_label("Tautkan ke")).to_have_value("00/ASTA_CITA/-/2025-2029/final")
    button.scroll_into_view_if_needed()
    _both_widths(page, shoot, "suggest-button")

    button.click()
    expect(page).to_have_url(f"{server}/pemda/{PROVINSI}/suggestions")
    run = page.locator("#suggest-run")
    expect(run.locator(".badge")).to_have_text("berjalan")
    expect(run.get_by_text("Memuat dokumen dan model bahasa", exact=False)).to_be_visible()
    _both_widths(page, shoot, "suggest-progress")

    held.set()  # the "models" are loaded: the page follows on its own, no reload
    expect(run.locator(".badge")).to_have_text("selesai", timeout=20_000)
    # the Renja's program, kegiatan and sub kegiatan, and the three IKU of test_browser's world
    expect(page.locator("#suggest-run progress")).to_have_attribute("value", "6")
    expect(page.get_by_text("6 dari 6 butir dinilai")).to_be_visible()
    expect(page.get_by_text("usulan dengan skor di bawah 0,15 tidak disimpan", exact=False)).to_be_visible()
    _both_widths(page, shoot, "suggest-done")

    page.get_by_role("link", name="Tinjau usulan baru").click()
    expect(page).to_have_url(f"{server}/pemda/{PROVINSI}/links?status=proposed&pd={OWN_PD}")
    expect(page.locator("#links-review tbody tr").first).to_contain_text("ASTA_CITA")
    _both_widths(page, shoot, "suggest-review")
