"""`selaras followup`: open findings per PD with PIC and deadline (text and JSON), and `assign` by PD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import Plan
from selaras.reference.wilayah import get_pemda
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda
from selaras.store.users import add_user

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, renja_plan: Plan) -> dict[str, str]:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_USER": "tester"}
    database = open_database(load_settings(environ=env))
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, renja_plan)
        add_user(session, username="pic", password_hash="x", pemda="62", role="editor", pd=renja_plan.document.pd)
    return env


def test_open_findings_are_listed_then_assigned_by_pd(env: dict[str, str], renja_plan: Plan) -> None:
    pd = str(renja_plan.document.pd)
    result = runner.invoke(app, ["followup", "--pemda", "62", "--json"], env=env)
    before = json.loads(result.stdout)["open"]
    assert result.exit_code == 0 and before and all(row["assignee"] is None for row in before)
    args = ["followup", "assign", "--pemda", "62", "--pd", pd, "--to", "pic", "--deadline", "2026-04-15"]
    result = runner.invoke(app, args, env=env)
    mine = [row for row in before if row["pd"] == pd]
    assert (result.exit_code, result.stdout.strip()) == (0, f"{len(mine)} temuan ditugaskan kepada pic.")
    after = json.loads(runner.invoke(app, ["followup", "--pemda", "62", "--pd", pd, "--json"], env=env).stdout)
    assert {(row["assignee"], row["deadline"]) for row in after["open"]} == {("pic", "2026-04-15")}
    text = runner.invoke(app, ["followup", "--pemda", "62"], env=env).stdout
    assert "Tindak lanjut pemda 62" in text and "2026-04-15" in text


def test_assign_needs_to_know_which_findings(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["followup", "assign", "--pemda", "62", "--to", "pic"], env=env)
    assert result.exit_code == 2 and "--finding KUNCI, --pd KODE atau --rule KODE" in " ".join(result.output.split())
