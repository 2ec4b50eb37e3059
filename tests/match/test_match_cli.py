"""The ``match`` command's contract: CSV in, one JSON object per item out, ranked best first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selaras.cli import matching
from selaras.cli.context import CliContext
from selaras.settings import load_settings


@pytest.fixture
def app(tmp_path: Path) -> typer.Typer:
    application = typer.Typer()

    @application.callback()
    def _settings(context: typer.Context) -> None:
        context.obj = CliContext(load_settings({}, data_dir=str(tmp_path / "data")))

    application.command("match")(matching.match)
    application.command("evaluate")(matching.evaluate)
    return application


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_match_json_shape(app: typer.Typer, tmp_path: Path, no_network: None) -> None:
    targets = _write(tmp_path / "t.csv", "id,text\nK,Kesehatan Masyarakat dan Gizi\nJ,Jalan dan Jembatan\n")
    items = _write(
        tmp_path / "i.csv",
        "id,text,code,context\na,Pemeliharaan Jembatan,1.03.01.2.01.0001,Program Jalan\nb,Gizi Balita,,\n",
    )
    result = CliRunner().invoke(
        app, ["match", "--targets", str(targets), "--items", str(items), "--top", "2", "--json", "--lexical-only"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [entry["item_id"] for entry in payload] == ["a", "b"]
    first = payload[0]["suggestions"]
    assert [s["target_id"] for s in first] == ["J", "K"]
    assert set(first[0]) == {"target_id", "score", "accepted", "reasons"}
    assert first[0]["score"] >= first[1]["score"]
    assert isinstance(first[0]["accepted"], bool) and isinstance(first[0]["reasons"], list)


def test_match_names_the_file_and_missing_column(app: typer.Typer, tmp_path: Path) -> None:
    items = _write(tmp_path / "i.csv", "kode,nama\n1,x\n")
    result = CliRunner().invoke(app, ["match", "--targets", "pn", "--items", str(items), "--lexical-only"])
    assert result.exit_code != 0
    assert "i.csv" in str(result.exception) and "id, text" in str(result.exception)


def test_evaluate_reports_engine_and_both_baselines_on_both_sets(app: typer.Typer, tmp_path: Path) -> None:
    header = "id,code,text,context,bidang,pn,acceptable,split,note\n"
    gold = _write(
        tmp_path / "gold.csv",
        header
        + "g1,1.02.02.2.01.0001,Pelayanan Kesehatan Balita,Upaya Kesehatan | PROGRAM KESEHATAN,1.02,4,4,dev,\n"
        + "g2,1.03.03.2.01.0001,Pembangunan Jalan,Jalan | PROGRAM JALAN,1.03,3,3,test,\n"
        + "g3,1.02.02.2.01.0002,Imunisasi Anak,Upaya Kesehatan | PROGRAM KESEHATAN,1.02,4,4,test,\n",
    )
    sdg = _write(
        tmp_path / "sdg.csv",
        "id,text,sdg,label\n"
        "a,Extreme poverty and social protection floors for the poorest households.,1,True\n"
        "b,Access to safe drinking water and sanitation services for rural households.,6,True\n"
        "c,Access to safe drinking water and sanitation services for rural households.,1,False\n",
    )
    arguments = ["evaluate", "--gold", str(gold), "--sdg-benchmark", str(sdg), "--lexical-only", "--json"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [row["name"] for row in payload["asta_cita"]] == ["mesin", "TF-IDF", "acak"]
    assert {(row["name"], row["split"]) for row in payload["sdg"]} >= {("mesin", "test"), ("acak", "dev")}
    table = CliRunner().invoke(app, [*arguments[:-1], "--no-sdg"])
    assert table.exit_code == 0 and "Asta Cita — test" in table.output and "Benchmark SDG" not in table.output
