"""The workspace in a real browser (Debian's chromium driven by Playwright) against a real uvicorn server, on
SQLite and on PostgreSQL: sign in, upload a Renja, see the error table of a bad file, accept a suggestion,
answer a finding, download the report. With ``SELARAS_SCREENSHOTS`` set (``make screenshots``) every page is also
saved as a screenshot in that folder, for people to look at; ``make test`` takes none.

Chromium comes from the system (``.ci/run`` installs the ``chromium`` package); Playwright never downloads a
browser. Without chromium the tests fail, unless ``SELARAS_SKIP_BROWSER=1`` says to skip them on this machine.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import uvicorn
from factories import indicator, plan, strategic
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import update
from web_world import OWN_PD, PASSWORD, PROVINSI, seed

from selaras.domain import Budget, Direction, DocumentKind, ItemLevel, Pemda, PemdaLevel, Plan
from selaras.settings import load_settings
from selaras.store import Database
from selaras.store.bulk import save_all
from selaras.store.tables import LinkRow
from selaras.web.app import create_app
from selaras.workbook.writer import write_plan

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = os.environ.get("SELARAS_SCREENSHOTS", "")
REASONS = ["Kata kunci sama: kesehatan, harapan hidup", "Bidang urusan 1.02 sesuai sasaran RPJMD"]
Shoot = Callable[[Page, str], None]
LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if os.environ.get("SELARAS_SKIP_BROWSER") == "1":
        pytest.skip("SELARAS_SKIP_BROWSER=1: browser tests skipped on this machine")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (`apt-get install chromium`, as .ci/run does), "
            "or set SELARAS_SKIP_BROWSER=1 to skip the browser tests locally",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def iku_plans() -> list[Plan]:
    """IKU of the province's health agency and of Kota Palangkaraya's: one in sync, one with another satuan,
    one missing; Kab. Kotawaringin Barat has no health agency at all."""

    def iku(pemda: str, lines: list[tuple[str, str, Direction]]) -> Plan:
        items = [
            strategic(f"IKU{n}", ItemLevel.SASARAN, name, indicators=[indicator(name, satuan, direction=direction)])
            for n, (name, satuan, direction) in enumerate(lines, start=1)
        ]
        return plan(DocumentKind.IKU, items, pemda=pemda, pd=OWN_PD)

    return [
        iku(
            PROVINSI,
            [
                ("Angka harapan hidup", "Tahun", Direction.NAIK),
                ("Prevalensi balita gizi buruk", "%", Direction.TURUN),
                ("Cakupan imunisasi dasar lengkap", "%", Direction.NAIK),
            ],
        ),
        iku(
            "62.71",
            [
                ("Angka harapan hidup", "Tahun", Direction.NAIK),
                ("Prevalensi balita gizi buruk", "Orang", Direction.TURUN),
            ],
        ),
    ]


@pytest.fixture
def server(database: Database, tmp_path: Path) -> Iterator[str]:
    """The workspace on 127.0.0.1 and a free port, served by uvicorn in a thread; yields its base URL."""
    seed(database)
    with database.session() as session:
        kabupaten = Pemda("62.01", "Kabupaten Kotawaringin Barat", PemdaLevel.KABUPATEN, PROVINSI)
        save_all(session, pemda=[kabupaten], perangkat_daerah=[], plans=iku_plans())
        session.execute(update(LinkRow).where(LinkRow.status == "proposed").values(reasons=json.dumps(REASONS)))
    app = create_app(load_settings({}, data_dir=tmp_path / "web"), database=database, secure_cookies=False)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    uvicorn_server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, viewport=LAPTOP, accept_downloads=True, locale="id-ID")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture
def shoot(request: pytest.FixtureRequest) -> Iterator[Shoot]:
    """Saves a full-page screenshot as ``$SELARAS_SCREENSHOTS/<database>/<name>.png``, and does nothing when that
    is not set: nothing asserts on the pictures (they let people look at the pages at laptop and phone widths),
    and the 122 full-page shots took some 15 s of every test run. The checks around each shot run either way."""
    if not SCREENSHOTS:
        yield lambda _page, _name: None
        return
    folder = Path(SCREENSHOTS).resolve() / request.node.callspec.params["database"]
    folder.mkdir(parents=True, exist_ok=True)

    def screenshot(page: Page, name: str) -> None:
        page.screenshot(path=folder / f"{name}.png", full_page=True)

    yield screenshot


def sign_in(page: Page, username: str = "admin62", lands_on: str = "Dasbor · Kalimantan Tengah") -> None:
    """Sign in; an admin lands on the dashboard, an editor on their PD's home."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(lands_on)


def renja_workbook(folder: Path, renja: Plan) -> Path:
    return write_plan(folder / "renja-bappeda-2026.xlsx", renja)


def broken_workbook(folder: Path, renja: Plan) -> Path:
    """The same Renja with a pagu that is not a number."""
    path = write_plan(folder / "renja-rusak.xlsx", renja)
    book = load_workbook(path)
    sheet = book["Anggaran"]
    column = next(cell.column for cell in sheet[1] if str(cell.value).strip().lower().startswith("pagu"))
    sheet.cell(row=2, column=column, value="banyak sekali")
    book.save(path)
    return path


def upload(page: Page, path: Path, period: str, pd: str | None = None) -> None:
    """Fill the upload form, opening it first where documents list above it (it comes folded then); ``pd`` only
    where the form asks for it (an editor's own PD is filled in)."""
    if page.locator("section.upload details").get_attribute("open") is None:
        page.locator("section.upload summary").click()
    form = page.locator("section.upload form")
    form.get_by_label("Berkas", exact=True).set_input_files(path)
    form.get_by_label("Jenis").select_option("RENJA")
    form.get_by_label("Periode").fill(period)
    if pd is not None:
        form.get_by_label("Kode perangkat daerah").fill(pd)
    form.get_by_role("button", name="Unggah").click()


def test_sign_in_upload_and_see_import_errors(page: Page, shoot: Shoot, renja_plan: Plan, tmp_path: Path) -> None:
    page.goto("/login")
    shoot(page, "login")
    sign_in(page)
    page.get_by_role("navigation").get_by_role("link", name="Dokumen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumen perencanaan · Kalimantan Tengah")

    upload(page, renja_workbook(tmp_path, renja_plan), "2026", "5.01.01")
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa perubahan sebelum disimpan")  # replaces
    page.get_by_role("button", name="Simpan perubahan").click()
    imported = page.get_by_role("main").get_by_role("status").filter(has_text="Berhasil diimpor")
    expect(imported).to_contain_text("Berhasil diimpor ke 62/RENJA/5.01.01/2026/final")
    expect(page.get_by_role("link", name="Renja Bappeda 2026", exact=True)).to_be_visible()
    expect(page.locator(".listfilter select").first.locator("option").first).to_have_text("Semua")  # not "—"
    shoot(page, "documents")

    upload(page, broken_workbook(tmp_path, renja_plan), "2026", "5.01.01")
    problems = page.locator("#import-problems")
    expect(problems.get_by_role("heading")).to_contain_text("Impor dibatalkan")
    row = problems.locator("tbody tr").filter(has_text="banyak sekali")
    expect(row.locator("td").nth(1)).to_have_text("renja-rusak.xlsx")
    expect(row.locator("td").nth(2)).to_have_text("Anggaran")
    expect(row.locator("td").nth(3)).to_have_text("2")
    expect(row.locator("td").nth(4)).not_to_be_empty()
    shoot(page, "documents-import-error")

    page.get_by_role("link", name="Renja Bappeda 2026", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh buku kerja").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    shoot(page, "document")
    page.get_by_role("link", name="Ubah: 5.01.02.1.01.0001").click()
    expect(page.get_by_label("Pagu 2026 · PAD")).to_have_value("999.999.999,90")
    shoot(page, "item")


def test_review_respond_and_download_the_report(page: Page, shoot: Shoot, tmp_path: Path) -> None:
    sign_in(page)
    expect(page.locator("svg.chart").first).to_be_visible()
    shoot(page, "dashboard")

    page.get_by_role("link", name="Usulan tautan").click()
    suggestion = page.locator("#links-review tbody tr").first
    expect(suggestion).to_contain_text("1.02.02")
    expect(suggestion.locator("ul.reasons li")).to_have_text(REASONS)
    shoot(page, "links")
    suggestion.get_by_role("button", name="Terima").click()
    expect(page.locator("#links-review [role=status]")).to_have_text("1 tautan diputuskan")
    page.get_by_label("Status").select_option("accepted")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.locator("#links-review tbody")).to_contain_text("admin62")
    shoot(page, "links-accepted")

    page.get_by_role("link", name="Temuan").click()
    finding = page.locator("tbody tr").first
    finding.get_by_text("Tanggapi / ubah keadaan").click()
    finding.get_by_label("Keadaan baru").select_option("ditanggapi")
    finding.get_by_label("Komentar").fill("Sudah diperbaiki pada Renja perubahan")
    finding.get_by_role("button", name="Simpan tanggapan").click()
    expect(finding.locator(".badge.state-ditanggapi")).to_be_visible()
    page.reload()
    expect(page.locator("tbody tr").first).to_contain_text("Sudah diperbaiki pada Renja perubahan")
    shoot(page, "findings")

    page.get_by_role("link", name="Laporan").click()
    shoot(page, "report")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh laporan").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"laporan-selaras-{PROVINSI}-2026.html"
    assert "<html" in report and "Kalimantan Tengah" in report
    page.get_by_label("Excel (tabel untuk diolah)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh laporan").click()
    assert download.value.suggested_filename == f"laporan-selaras-{PROVINSI}-2026.xlsx"
    download.value.save_as(tmp_path / download.value.suggested_filename)
    assert load_workbook(tmp_path / download.value.suggested_filename).sheetnames

    page.get_by_role("link", name="Log audit").click()
    expect(page.locator("tbody")).to_contain_text("tautan diterima")
    shoot(page, "audit")
    page.get_by_role("link", name="Pengguna").click()
    expect(page.locator("tbody")).to_contain_text("verifikator62")
    shoot(page, "users")


def test_tree_iku_and_the_english_switch(page: Page, shoot: Shoot) -> None:
    sign_in(page)
    page.get_by_role("link", name="Pohon kinerja").click()
    expect(page.locator("#pohon ul.tree ul.tree").first).to_contain_text("Meningkatkan derajat kesehatan")
    shoot(page, "tree")  # expanding, collapsing and printing the tree: test_tree_browser.py
    page.get_by_label("Cari kode atau uraian").fill("kesehatan ibu")
    page.get_by_role("button", name="Tampilkan").click()
    result = page.locator("#found li").first
    expect(result).to_contain_text("1.02.02.2.01.0001")
    expect(result).to_contain_text("Rp 250.000.000")
    expect(result).to_contain_text("120 Orang")
    shoot(page, "tree-search")

    page.get_by_role("link", name="Sinkronisasi IKU").click()
    matrix = page.locator("table.matrix")
    expect(matrix.locator("tbody tr")).to_have_count(3)
    kota = [row.locator("td.cell").nth(1) for row in matrix.locator("tbody tr").all()]
    for cell, state in zip(kota, ["✓selaras", "Ssatuan berbeda", "✗tidak ada"], strict=True):
        expect(cell).to_have_text(state)
    expect(matrix.locator("tbody tr").first.locator("td.cell").first).to_have_text("–tanpa PD mitra")
    shoot(page, "iku")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Lewati ke isi")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("IKU synchronization matrix")
    page.get_by_role("link", name="Dashboard").click()
    page.set_viewport_size(PROJECTOR)
    expect(page.get_by_role("heading", level=2, name="Scores", exact=True)).to_be_visible()
    shoot(page, "dashboard-en-projector")


def dinkes_renja(renja: Plan, pagu: str) -> Plan:
    """The Renja fixture recoded as the Dinas Kesehatan's (program 1.02.02), its sub kegiatan pagu set."""
    document = replace(renja.document, pd=OWN_PD, title="Renja Dinkes 2026")
    items = []
    for item in renja.items:
        key = item.key.replace("5.01.02", "1.02.02", 1)
        parent = item.parent.replace("5.01.02", "1.02.02", 1) if item.parent else None
        items.append(replace(item, key=key, code=key, parent=parent, budgets=list(item.budgets)))
    first = items[2]
    first.budgets = [Budget(2026, Decimal(pagu))]
    return Plan(document, items, [])


def test_a_wrong_file_is_refused_a_replacement_is_confirmed_and_can_be_undone(
    page: Page, shoot: Shoot, renja_plan: Plan, tmp_path: Path
) -> None:
    sign_in(page, "editor62", lands_on="Dinas Kesehatan 1.02.01 · Kalimantan Tengah")
    page.get_by_role("navigation").get_by_role("link", name="Dokumen").click()

    upload(page, renja_workbook(tmp_path, renja_plan), "2026")  # Bappeda's Renja, uploaded by Dinkes
    expect(page.locator("#import-problems")).to_contain_text("Berkas ini milik 5.01.01")
    shoot(page, "upload-wrong-pd")

    for version, pagu in enumerate(("100000000", "175000000"), start=1):
        path = write_plan(tmp_path / f"renja-dinkes-v{version}.xlsx", dinkes_renja(renja_plan, pagu))
        upload(page, path, "2026")
        expect(page.get_by_role("heading", level=1)).to_have_text("Periksa perubahan sebelum disimpan")
        if version == 2:
            expect(page.locator("pre.changes")).to_contain_text("pagu 2026 1.02.02.1.01.0001")
            shoot(page, "upload-confirm")
        page.get_by_role("button", name="Simpan perubahan").click()
        imported = page.get_by_role("main").get_by_role("status").filter(has_text="Berhasil diimpor")
        expect(imported).to_contain_text("62/RENJA/1.02.01/2026/final")

    page.get_by_role("link", name="Renja Dinkes 2026", exact=True).click()
    versions = page.locator("#versi").locator("xpath=..")
    expect(versions.locator("tbody tr")).to_have_count(3)  # the seeded content (web), then two imports
    shoot(page, "document-versions")
    versions.get_by_role("link", name="Perubahan").nth(1).click()  # since version 2, the first import
    expect(page.locator("pre.changes")).to_contain_text("175.000.000")
    page.go_back()
    versions.get_by_role("button", name="Pulihkan 2").click()
    expect(versions.locator("tbody tr")).to_have_count(4)
    page.get_by_role("link", name="Ubah: 1.02.02.1.01.0001").click()
    expect(page.get_by_label("Pagu 2026")).to_have_value("100.000.000")
