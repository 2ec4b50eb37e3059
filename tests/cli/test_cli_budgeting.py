"""``selaras anggaran`` over stored plans, on SQLite and PostgreSQL: tables, JSON, Excel and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from budgeting_fixtures import BURU, DINKES, ONLY_BUDGET, ONLY_PLAN, PENUNJANG, SHARED, dinkes_apbd, dinkes_renja
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.settings import Settings
from selaras.store import Database
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda

runner = CliRunner()


@pytest.fixture
def stored(database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The Renja and APBD 2024 of the Dinas Kesehatan of Kabupaten Buru (sub units, rincian) in ``database``,
    which the CLI then opens whatever its engine."""
    with database.session() as session:
        ensure_pemda(session, BURU)
        save_plan(session, dinkes_renja())
        save_plan(session, dinkes_apbd())

    def opened(settings: Settings) -> Database:
        return database

    monkeypatch.setattr("selaras.store.open_database", opened)
    monkeypatch.setattr("selaras.cli.budgeting.console", Console(width=160))  # tables unwrapped, as in a terminal
    return {"SELARAS_DATA_DIR": str(tmp_path / "data")}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["anggaran", "--pemda", "81.04", "--year", "2024", *args], env=env)
    return result.exit_code, result.output


def test_json_matches_the_analysis_of_the_stored_plans(stored: dict[str, str]) -> None:
    code, out = run(stored, "--json")
    assert code == 0, out
    payload = json.loads(out)
    assert (payload["stage"], payload["version"]) == ("APBD", "murni")
    assert payload["consistency"] == {
        "items": {"keduanya": 2, "hanya_anggaran": 1, "hanya_rencana": 1},
        "budget_pagu": 250,
        "budget_planned": 170,
        "plan_pagu": 210,
        "plan_funded": 150,
        "planned_percent": 68.0,
        "funded_percent": 71.43,
    }
    [row] = payload["pd"]
    assert row["pd"] == DINKES and row["plan_document"] == f"81.04/RENJA/{DINKES}/2024/final"
    statuses = {item["code"]: item["status"] for item in row["items"]}
    assert statuses == {
        PENUNJANG: "keduanya",
        ONLY_BUDGET: "hanya_anggaran",
        SHARED: "keduanya",
        ONLY_PLAN: "hanya_rencana",
    }
    penunjang = next(item for item in row["items"] if item["code"] == PENUNJANG)
    assert penunjang["budget_pagu"] == 50 and len(penunjang["units"]) == 2  # two Puskesmas add up
    shape = payload["shape"]
    assert (shape["penunjang_percent"], shape["modal_percent"]) == (20.0, 40.0)
    assert [(fund["kode"], fund["percent"]) for fund in shape["sumber_dana"]] == [
        ("2.2.01.01.02.0005", 60.0),
        ("2.2.01.01.03.0007", 40.0),
    ]


def test_tables_in_bahasa_indonesia_and_the_workbook(stored: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "anggaran.xlsx"
    code, out = run(stored, "--rinci", "--xlsx", str(path))
    assert code == 0, out
    assert "Konsistensi perencanaan–penganggaran pemda 81.04 tahun 2024: APBD murni" in out
    assert "Rp 250" in out and "68,0%" in out and "hanya di anggaran" in out
    assert "DAU yang Ditentukan Penggunaannya" in out
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Ringkasan", "Sub kegiatan", "Sumber dana"]
    summary = workbook["Ringkasan"]
    assert [cell.value for cell in summary[3]][:8] == ["81.04", "Jumlah pemda", None, 2, 1, 1, 250, 0.68]
    assert summary["H3"].number_format == "0.0%"
    assert workbook["Sub kegiatan"].max_row == 5


def test_no_budget_stage_document_exits_2_and_says_how_to_import(stored: dict[str, str]) -> None:
    code, out = run(stored, "--perubahan")
    assert code == 2
    assert " ".join(out.split()) == (
        "Pemda 81.04 tidak memiliki dokumen KUA-PPAS/APBD (perubahan) tahun 2024; impor dulu, misalnya "
        "`selaras import rekap_2024.xlsx --pemda 81.04 --kind apbd --year 2024`"
    )
    code, out = run(stored, "--tahap", "kua-ppas")
    assert code == 2 and "dokumen KUA-PPAS (murni)" in out
    code, out = run(stored, "--tahap", "rkpd")
    assert code == 2 and "apbd | kua-ppas" in out
