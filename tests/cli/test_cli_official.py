"""`selaras export --format permendagri86`: the stored Renja as its official table, in Excel or PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from factories import plan
from openpyxl import load_workbook
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import DocumentKind, Plan
from selaras.reference.wilayah import get_pemda
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda
from selaras.workbook.writer import write_plan

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, renja_plan: Plan) -> dict[str, str]:
    """A database holding the small Renja (imported through the CLI) and an RPJMD."""
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_USER": "tester"}
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    imported = runner.invoke(
        app, ["import", str(path), "--pemda", "62", "--kind", "renja", "--pd", "5.01.01", "--year", "2026"], env=env
    )
    assert imported.exit_code == 0, imported.stdout
    database = open_database(load_settings({}, data_dir=tmp_path / "data"))
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, plan(DocumentKind.RPJMD, []))
    database.dispose()
    return env


def _export(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", "62/RENJA/5.01.01/2026/final", "--format", "permendagri86", *args], env=env)
    return result.exit_code, result.stdout + result.stderr


def test_the_renja_exports_as_table_t_c_33_in_excel(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "renja-t-c33.xlsx"
    signature = ("--tempat", "Palangka Raya", "--tanggal", "2 Mei 2026")
    code, said = _export(env, "--out", str(out), "--kertas", "f4", *signature)
    assert code == 0, said
    assert "diekspor ke" in said
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert values[0] == "Tabel T-C.33"
    assert "Palangka Raya, 2 Mei 2026" in values
    assert "PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH" in values
    assert int(sheet.page_setup.paperSize) == 14


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_renja_exports_as_a_pdf(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "renja.pdf"
    assert _export(env, "--out", str(out))[0] == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2026" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--out", "tabel.docx"), ".xlsx atau .pdf"),
        (("--out", "tabel.xlsx", "--csv"), "--csv hanya untuk buku kerja Selaras"),
        (("--out", "tabel.xlsx", "--kertas", "b5"), "a4, f4"),
    ],
)
def test_usage_mistakes_exit_2_with_the_reason(env: dict[str, str], args: tuple[str, ...], words: str) -> None:
    code, said = _export(env, *args)
    assert code == 2 and words in said


def test_only_renja_and_rkpd_have_the_table(env: dict[str, str], tmp_path: Path) -> None:
    key = plan(DocumentKind.RPJMD, []).document.key
    result = runner.invoke(app, ["export", key, "--format", "permendagri86", "--out", str(tmp_path / "x.pdf")], env=env)
    assert result.exit_code == 2
    assert "untuk Renja dan RKPD" in result.stdout + result.stderr
    assert not (tmp_path / "x.pdf").exists()
