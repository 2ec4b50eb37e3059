"""The ``match`` command's contract: CSV in, one JSON object per item out, ranked best first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selaras.cli import matching
from selaras.cli.context import CliContext
from selaras.match import gold as gold_module
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


def test_evaluate_sasaran_compares_plain_and_described_targets_on_both_sets(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluation = tmp_path / "evaluation"
    shutil.copytree(gold_module.EVALUATION_DIR / "real", evaluation / "real")
    sample = evaluation / "sample"
    sample.mkdir()
    _write(
        sample / "rpjmd_items.csv",
        "pemda,key,level,parent,text,indikator\n"
        "62,M1,misi,V,Meningkatkan kualitas sumber daya manusia,\n"
        "62,M1.T1.S1,sasaran,M1,Meningkatnya derajat kesehatan masyarakat,Usia Harapan Hidup\n"
        "62,M2,misi,V,Mewujudkan tata kelola pemerintahan,\n"
        "62,M2.T1.S1,sasaran,M2,Meningkatnya akuntabilitas kinerja,Nilai SAKIP\n"
        "62,P1,prioritas,,Reformasi birokrasi,\n",
    )
    _write(sample / "rpjmd_links.csv", "pemda,source,target\n62,P1,M2.T1.S1\n")
    _write(
        sample / "program_sasaran.csv",
        "id,pemda,pd,code,text,sasaran,split\n"
        "p1,62,1.02.01,1.02.02,PROGRAM PEMENUHAN UPAYA KESEHATAN,M1.T1.S1,dev\n"
        "p2,62,1.02.01,1.02.01,PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH,M2.T1.S1,test\n"
        "p3,62,5.01.01,5.01.01,PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH,M2.T1.S1,test\n",
    )
    asta_cita = str(gold_module.EVALUATION_DIR / "gold" / "asta_cita_sub_kegiatan.csv")
    monkeypatch.setattr(gold_module, "EVALUATION_DIR", evaluation)
    arguments = ["evaluate", "--gold", asta_cita, "--no-sdg", "--sasaran", "--lexical-only"]
    result = CliRunner().invoke(app, [*arguments, "--json"])
    assert result.exit_code == 0, result.output
    sets = json.loads(result.stdout)["program_sasaran"]
    assert list(sets) == ["RPJMD sampel — test", "Renstra Situbondo (nyata, semua)"]
    sampel = sets["RPJMD sampel — test"]
    assert [(row["protocol"], row["description"]) for row in sampel][:3] == [
        ("dingin", "judul"),
        ("dingin", "judul + indikator"),
        ("dingin", "diperkaya"),
    ]
    assert {(row["n"], row["n_substantive"]) for row in sampel} == {(2, 0)}  # the two test rows, both penunjang
    assert all(row["top1_substantive"] is None for row in sampel)
    assert {row["n"] for row in sets["Renstra Situbondo (nyata, semua)"]} == {5}
    table = CliRunner().invoke(app, arguments)
    assert table.exit_code == 0 and "Program → sasaran, RPJMD sampel — test, n = 2" in table.output
