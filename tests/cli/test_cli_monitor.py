"""``selaras import-realisasi`` and ``selaras monitor`` on the real PPU Renja 2024 and its realisation columns."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.settings import Settings
from selaras.store import Database

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from sipd_builders import RENJA_HEADER, RENJA_PPU, renja_rows, write_xlsx

runner = CliRunner()


@pytest.fixture
def env(database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    def opened(settings: Settings) -> Database:
        return database

    monkeypatch.setattr("selaras.store.open_database", opened)
    monkeypatch.setattr("selaras.cli.monitor.console", Console(width=200))
    return {"SELARAS_DATA_DIR": str(tmp_path / "data")}


def test_import_realisasi_then_monitor(env: dict[str, str], tmp_path: Path) -> None:
    short = [[*row[:7], "Bappelitbang" if row[7] else None] if len(row) == 8 else row for row in renja_rows()]
    renja = write_xlsx(tmp_path / "renja.xlsx", [RENJA_HEADER, *short], title="Renja 2024")
    common = ["--pemda", "64.09", "--year", "2024", "--pd", "Bappelitbang"]
    done = runner.invoke(app, ["import", str(renja), "--kind", "renja", *common, "--pd-baru"], env=env)
    assert done.exit_code == 0, done.output
    flat = str(RENJA_PPU / "renja_sub_kegiatan.csv")
    done = runner.invoke(app, ["import-realisasi", flat, *common], env=env)
    assert done.exit_code == 0, done.output
    assert "Realisasi TW I, II (kumulatif) disimpan untuk 64.09/RENJA/Bappelitbang/2024/final: 45 item" in done.output
    done = runner.invoke(app, ["import-realisasi", flat, *common], env=env)
    assert "tidak berubah" in done.output
    done = runner.invoke(app, ["monitor", "--pemda", "64.09", "--year", "2024", "--json"], env=env)
    assert done.exit_code == 0, done.output
    body = json.loads(done.output)
    assert body["total"] == {
        "name": "64.09",
        "items": 43,
        "pagu": 18730291362,
        "pagu_basis": "Renja",  # no APBD imported: the Renja's pagu (this xlsx carries the APBD's figures)
        "anggaran": 20000000,
        "serapan": 0.11,
        "capaian": 1,
        "rating": "sangat rendah",
    }
    assert {finding["code"] for finding in body["findings"]} == {"SEL901", "SEL902"}
    xlsx = tmp_path / "pemantauan.xlsx"
    done = runner.invoke(
        app, ["monitor", "--pemda", "64.09", "--year", "2024", "--quarter", "2", "--xlsx", str(xlsx)], env=env
    )
    assert done.exit_code == 0, done.output
    assert "Peringatan dini: 84 temuan" in done.output and xlsx.exists()


def test_a_refused_realisasi_file_exits_1_with_located_errors(env: dict[str, str]) -> None:
    flat = str(RENJA_PPU / "renja_sub_kegiatan.csv")
    done = runner.invoke(app, ["import-realisasi", flat, "--pemda", "64.09", "--year", "2024", "--json"], env=env)
    assert done.exit_code == 1
    assert [error["code"] for error in json.loads(done.output)["errors"]] == ["realisasi-no-renja"]
