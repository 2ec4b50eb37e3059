"""``selaras init`` prepares a database for a real pemda: schema plus the national frameworks, idempotently."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import Plan
from selaras.reference.frameworks import national_frameworks
from selaras.reference.wilayah import get_pemda
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.changes import data_stamp
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda

runner = CliRunner()


def test_init_loads_the_national_frameworks_once(tmp_path: Path) -> None:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "250"}
    first = runner.invoke(app, ["init"], env=env)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[-1] == (
        "Kerangka nasional dimuat (Asta Cita, RPJMN, RPJPN, TPB, SDG): 5 dokumen ditulis, 0 sudah terbaru"
    )
    listed = runner.invoke(app, ["info", "--pemda", "00", "--documents", "--json"], env=env)
    documents = json.loads(listed.stdout)["documents"]
    assert [document["key"] for document in documents] == sorted(plan.document.key for plan in national_frameworks())
    database = open_database(load_settings(env))
    with database.session() as session:
        stamp = data_stamp(session, "00")
    second = runner.invoke(app, ["init"], env=env)
    assert second.exit_code == 0, second.output
    assert second.stdout.splitlines()[-1].endswith(": 0 dokumen ditulis, 5 sudah terbaru")
    with database.session() as session:
        assert data_stamp(session, "00") == stamp  # nothing was rewritten
    database.dispose()
    assert runner.invoke(app, ["info", "--pemda", "00", "--documents", "--json"], env=env).stdout == listed.stdout


def test_suggest_works_on_a_real_pemda_right_after_init_and_import(tmp_path: Path, renja_plan: Plan) -> None:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data")}
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    buru = Plan(replace(renja_plan.document, pemda="81.04"), renja_plan.items)
    database = open_database(load_settings(env))
    with database.session() as session:  # what `selaras import` stores
        ensure_pemda(session, get_pemda("81.04"))
        save_plan(session, buru)
    database.dispose()
    options = ["--pemda", "81.04", "--document", buru.document.key, "--lexical-only", "--top", "1", "--json"]
    for framework in ("asta-cita", "rpjmn", "rpjpn", "tpb"):
        result = runner.invoke(app, ["suggest", *options, "--framework", framework], env=env)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["written"] == len(buru.items)


def test_suggest_says_to_run_init_when_the_frameworks_are_missing(tmp_path: Path, renja_plan: Plan) -> None:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "250"}
    database = open_database(load_settings(env))  # a database made before init loaded the frameworks
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, renja_plan)
    database.dispose()
    result = runner.invoke(
        app, ["suggest", "--document", renja_plan.document.key, "--framework", "asta-cita", "--lexical-only"], env=env
    )
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()) == (
        "Kerangka 00/ASTA_CITA/-/2025-2029/final belum ada di basis data; jalankan `selaras init` untuk memuat "
        "kerangka nasional"
    )
