"""`selaras calendar`: set from the template, print (text and JSON), move a stage, reopen, sign off; a closed
stage's document is refused by the lock check that imports call."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import Plan
from selaras.errors import StageClosed
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.calendar import check_open
from selaras.workbook.writer import write_plan

runner = CliRunner()
NEXT = date.today().year + 1


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_USER": "tester"}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout + result.stderr


def test_template_show_and_json(env: dict[str, str]) -> None:
    code, out = run(env, "calendar", "template", "--pemda", "62", "--year", "2027")
    assert (code, out.strip()) == (0, "Kalender 62 siklus 2027 diatur dari templat peraturan: 19 tahap")
    code, out = run(env, "calendar", "--year", "2027")  # the only pemda with a calendar
    assert code == 0 and "Kalender perencanaan 62, siklus 2027" in out and "Penetapan RKPD" in out
    code, out = run(env, "calendar", "--pemda", "62", "--year", "2027", "--json")
    stages = json.loads(out)["stages"]
    rkpd = next(s for s in stages if (s["kind"], s["stage"]) == ("RKPD", "penetapan"))
    assert (rkpd["closes"], rkpd["basis"]) == (
        "2026-06-30",
        "Permendagri 86/2017: RKPD ditetapkan paling lambat akhir Juni",
    )
    code, out = run(env, "calendar", "--pemda", "63")
    assert code == 0 and f"`selaras calendar template --pemda 63 --year {NEXT}`" in " ".join(out.split())


def test_set_reopen_and_refusals(env: dict[str, str]) -> None:
    run(env, "calendar", "template", "--pemda", "62", "--year", "2027")
    code, out = run(
        env,
        "calendar",
        "set",
        "--pemda",
        "62",
        "--year",
        "2027",
        "--kind",
        "renja",
        "--stage",
        "forum",
        "--opens",
        "2026-02-01",
        "--closes",
        "2026-03-01",
    )
    assert (code, out.strip()) == (0, "Tahap Forum PD Renja: 1 Februari 2026 s.d. 1 Maret 2026")
    code, out = run(
        env,
        "calendar",
        "set",
        "--pemda",
        "62",
        "--year",
        "2027",
        "--kind",
        "kua-ppas",
        "--stage",
        "rancangan_akhir",
        "--opens",
        "2026-02-01",
        "--closes",
        "2026-03-01",
    )
    assert code == 2 and "KUA_PPAS memiliki tahap: rancangan_awal, forum, penetapan, perubahan" in " ".join(out.split())
    code, out = run(
        env,
        "calendar",
        "reopen",
        "--pemda",
        "62",
        "--year",
        "2027",
        "--kind",
        "renja",
        "--stage",
        "forum",
        "--until",
        "2026-03-10",
    )
    assert (code, out.strip()) == (0, "Tahap Forum PD Renja dibuka kembali s.d. 2026-03-10")
    code, out = run(
        env,
        "calendar",
        "reopen",
        "--pemda",
        "62",
        "--year",
        "2031",
        "--kind",
        "renja",
        "--stage",
        "forum",
        "--until",
        "2030-03-10",
    )
    assert code == 2 and "terapkan templat dulu" in " ".join(out.split())


def test_sign_off_moves_the_stage_and_a_closed_stage_locks_imports(
    env: dict[str, str], tmp_path: Path, renja_plan: Plan
) -> None:
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    import_args = ("import", str(path), "--pemda", "62", "--kind", "renja", "--pd", "5.01.01", "--year", "2026")
    assert run(env, *import_args)[0] == 0
    yesterday = date.today() - timedelta(days=1)
    code, _ = run(
        env,
        "calendar",
        "set",
        "--pemda",
        "62",
        "--year",
        "2026",
        "--kind",
        "renja",
        "--stage",
        "forum",
        "--opens",
        (yesterday - timedelta(days=5)).isoformat(),
        "--closes",
        yesterday.isoformat(),
    )
    assert code == 0
    code, out = run(env, "calendar", "sign-off", renja_plan.document.key)
    assert (code, out.strip()) == (0, f"{renja_plan.document.key} kini di tahap forum")
    database = open_database(load_settings({}, data_dir=tmp_path / "data"))
    with database.session() as session, pytest.raises(StageClosed, match="tahap Forum PD Renja 2026"):
        check_open(session, renja_plan.document, date.today())
    database.dispose()
