"""`selaras versions`, `restore` and `diff` on a Renja imported twice: the versions listed, the second undone,
and the changes between them — items, pagu and the findings that appeared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from selaras.cli.app import app

runner = CliRunner()
KEY = "62/RENJA/Bappeda/2026/final"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_USER": "dina"}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout


def renja(path: Path, indicator: str | None, pagu: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["Kode", "Uraian", "Indikator", "Satuan", "Target", "Pagu"],
        ["5.01.02", "PROGRAM PERENCANAAN", "Persentase keselarasan", "%", 100, pagu],
        [
            "5.01.02.1.01",
            "Penyusunan Perencanaan dan Pendanaan",
            indicator,
            "Dokumen" if indicator else None,
            4 if indicator else None,
            pagu,
        ],
    ):
        sheet.append(row)
    book.save(path)
    return path


def test_versions_restore_and_diff_with_the_findings_that_changed(env: dict[str, str], tmp_path: Path) -> None:
    common = ["--pemda", "62", "--kind", "renja", "--pd", "Bappeda", "--year", "2026"]
    assert (
        run(env, "import", str(renja(tmp_path / "v1.xlsx", "Tersedianya dokumen", 1000)), *common, "--pd-baru")[0] == 0
    )
    code, out = run(env, "import", str(renja(tmp_path / "v2.xlsx", None, 3000)), *common, "--dry-run")
    said = " ".join(out.split())  # the console wraps at 80 columns
    assert code == 0 and "akan diganti" in said and "1.000 → 3.000" in said
    assert run(env, "import", str(renja(tmp_path / "v2.xlsx", None, 3000)), *common)[0] == 0

    code, out = run(env, "versions", KEY, "--json")
    assert code == 0 and [(v["version"], v["file"]) for v in json.loads(out)] == [(1, "v1.xlsx"), (2, "v2.xlsx")]

    code, out = run(env, "diff", KEY, "--versi", "1", "--versi", "2", "--json")
    changes = json.loads(out)
    assert {(c["kind"], c["item"]) for c in changes["changes"]} >= {
        ("indikator dihapus", "5.01.02.1.01"),
        ("pagu", "5.01.02"),
        ("pagu", "5.01.02.1.01"),
    }
    assert any(f["item"] == "5.01.02.1.01" for f in changes["findings_new"])  # pagu now has no indicator
    assert [f["code"] for f in changes["findings_resolved"]] == ["SEL507"]  # the removed indicator was unmeasurable

    code, out = run(env, "restore", KEY, "--version", "1")
    assert code == 0 and "Versi 1 dipulihkan" in " ".join(out.split())
    code, out = run(env, "diff", KEY, "--versi", "1", "--json", "--tanpa-temuan")
    assert json.loads(out)["changes"] == []
    assert run(env, "diff", KEY, "--versi", "9")[0] == 2  # no such version: a clear message, exit 2
