"""The CLI contract other tools rely on: `selaras import ... --json`, exit codes, template, export, info."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import Plan
from selaras.workbook.writer import write_plan

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_USER": "tester"}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout


def test_import_json_summary(env: dict[str, str], tmp_path: Path, renja_plan: Plan) -> None:
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    code, out = run(
        env, "import", str(path), "--pemda", "62", "--kind", "renja", "--pd", "5.01.01", "--year", "2026", "--json"
    )
    assert code == 0, out
    summary = json.loads(out)
    assert summary["ok"] is True and summary["errors"] == []
    assert [document["document"] for document in summary["documents"]] == ["62/RENJA/5.01.01/2026/final"]
    assert summary["items"] == {"program": 1, "kegiatan": 1, "sub_kegiatan": 2}
    assert summary["indicators"] == 4
    assert summary["pagu"]["sub_kegiatan"] == {"2026": pytest.approx(1500000000.10)}
    code, out = run(
        env, "import", str(path), "--pemda", "62", "--kind", "renja", "--pd", "5.01.01", "--year", "2026", "--json"
    )
    assert code == 0 and json.loads(out)["outcome"] == "unchanged"


def test_import_of_a_bad_file_exits_1_and_lists_every_error(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "renja.txt"
    bad.write_text("bukan excel", encoding="utf-8")
    code, out = run(
        env, "import", str(bad), "--pemda", "62", "--kind", "renja", "--pd", "Bappeda", "--year", "2026", "--json"
    )
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    [error] = report["errors"]
    assert error["code"] == "file-type" and error["file"] == "renja.txt"
    assert error["message"].startswith("Jenis berkas tidak didukung")


def test_messages_switch_to_english(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "renja.txt"
    bad.write_text("not excel", encoding="utf-8")
    code, out = run(
        env,
        "--lang",
        "en",
        "import",
        str(bad),
        "--pemda",
        "62",
        "--kind",
        "renja",
        "--pd",
        "X",
        "--year",
        "2026",
        "--json",
    )
    assert code == 1 and json.loads(out)["errors"][0]["message"].startswith("Unsupported file type")


@pytest.mark.parametrize(
    "args",
    [
        ["--pemda", "62", "--kind", "renja", "--pd", "X"],  # no year or period
        ["--pemda", "62", "--kind", "laporan", "--pd", "X", "--year", "2026"],  # unknown kind
        ["--pemda", "99.99", "--kind", "rkpd", "--year", "2026"],  # unknown pemda
    ],
)
def test_usage_errors_exit_2(env: dict[str, str], tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"")
    code, _ = run(env, "import", str(path), *args)
    assert code == 2


def test_template_export_and_info(env: dict[str, str], tmp_path: Path, renja_plan: Plan) -> None:
    template = tmp_path / "templat.xlsx"
    assert run(env, "template", "--kind", "renja", "--year", "2026", "--out", str(template))[0] == 0
    assert template.stat().st_size > 0
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    code, out = run(env, "import", str(path), "--pemda", "62", "--kind", "renja", "--pd", "5.01.01", "--year", "2026")
    assert code == 0 and "Berhasil diimpor ke 62/RENJA/5.01.01/2026/final (created): 4 item, 4 indikator" in out
    exported = tmp_path / "export.xlsx"
    code, _ = run(env, "export", renja_plan.document.key, "--out", str(exported))
    assert code == 0
    code, out = run(env, "info", "--pemda", "62", "--documents", "--json")
    info = json.loads(out)
    assert info["items_per_level"] == {"kegiatan": 1, "program": 1, "sub_kegiatan": 2}
    assert info["documents"] == [{"key": renja_plan.document.key, "title": "Renja Bappeda 2026"}]
    assert info["imports"] == 1
    assert run(env, "export", "62/RENJA/-/2030/final", "--out", str(exported))[0] == 2


def test_every_command_documents_an_example() -> None:
    import typer

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert "Example:" in (command.help or ""), name
