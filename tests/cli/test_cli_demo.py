"""The whole pipeline through the database: demo → check → scores, with and without seeded defects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from stored_rows import planning_rows
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.sample import Defect, read_manifest
from selaras.store import Database
from selaras.store.tables import DocumentRow

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {"SELARAS_DATA_DIR": str(tmp_path_factory.mktemp("demo") / "data")}
    result = runner.invoke(app, ["demo", "--json", "--no-report"], env=env)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["pemda"], summary["defects"]) == (15, 4767)
    assert 25 * 15 <= summary["pd"] <= 40 * 15
    return env


def _check(env: dict[str, str], year: int) -> list[dict[str, object]]:
    result = runner.invoke(app, ["check", "--pemda", "62", "--year", str(year), "--json"], env=env)
    assert result.exit_code == 0, result.output
    findings: list[dict[str, object]] = json.loads(result.stdout)
    return findings


def _stored_findings(env: dict[str, str], years: list[int]) -> dict[int, list[dict[str, object]]]:
    """What ``selaras check --pemda 62 --year Y --json`` prints for each of ``years``, the stored sample read
    once: the command's own steps (:func:`pemda_planning_data`, :func:`analyse` of one year, the JSON of each
    finding), where running it per year would read the province's 40,000 items again each time."""
    from selaras.analysis import analyse, thresholds_for
    from selaras.checks.builtin import builtin_registry
    from selaras.checks.serialize import finding_to_dict
    from selaras.cli.context import CliContext
    from selaras.cli.planning import pemda_planning_data
    from selaras.settings import load_settings

    context = CliContext(load_settings(env))
    _, _, data = pemda_planning_data(context, "62", years[0])
    registry = builtin_registry()
    found = {}
    for year in years:
        analysis = analyse(
            data,
            year=year,
            nomenclature=context.nomenclature,
            thresholds=thresholds_for(context.settings),
            year_only=True,
        )
        found[year] = [finding_to_dict(finding, registry) for finding in analysis.report.findings]
    context.database.dispose()
    return found


def test_checks_on_the_stored_sample_find_every_manifest_defect_in_its_year(demo_env: dict[str, str]) -> None:
    defects = read_manifest(Path(demo_env["SELARAS_DATA_DIR"]) / "sample" / "defects.json")
    years = sorted({2026, *(defect.year for defect in defects if defect.year is not None)})
    assert len(years) > 1  # the sample seeds defects in Renstra years other than the Renja's
    stored = _stored_findings(demo_env, years)
    assert _check(demo_env, 2026) == stored[2026]  # the command prints just these
    located = {
        year: {(f["rule"], f["document"], f["item"], f["indicator"], f["year"]) for f in findings}
        for year, findings in stored.items()
    }

    def found(defect: Defect, year: int) -> bool:
        return any(
            (rule, document, item) == (defect.kind.value, defect.document, defect.item or "")
            and (not defect.indicator or indicator == defect.indicator)
            and (defect.year is None or found_year == defect.year)
            for rule, document, item, indicator, found_year in located[year]
        )

    assert [defect for defect in defects if not found(defect, defect.year or 2026)] == []
    elsewhere = [
        (defect, year)
        for defect in defects
        if defect.year
        for year in years
        if year != defect.year and found(defect, year)
    ]
    assert elsewhere == []


def test_fail_on_galat_exits_1_on_the_defective_sample(demo_env: dict[str, str]) -> None:
    assert runner.invoke(app, ["check", "--fail-on", "galat"], env=demo_env).exit_code == 1


def test_scores_cover_every_pemda_and_pd(demo_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["scores", "--json", "--explain", "2"], env=demo_env)
    assert result.exit_code == 0, result.output
    cards = json.loads(result.stdout)
    assert len([card for card in cards if card["pd"] is None]) == 15
    province = next(card for card in cards if (card["pemda"], card["pd"]) == ("62", None))
    assert 0 <= province["scores"]["keselarasan"]["value"] <= 100
    assert len([key for key in province["scores"] if key.startswith("sinkronisasi_iku:")]) == 14


def test_the_clean_sample_passes_with_no_galat_or_peringatan(tmp_path: Path) -> None:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data")}
    assert runner.invoke(app, ["demo", "--clean", "--json", "--no-report"], env=env).exit_code == 0
    result = runner.invoke(app, ["check", "--fail-on", "peringatan"], env=env)
    assert result.exit_code == 0, result.output


def test_rules_filter_xlsx_and_thresholds_file(demo_env: dict[str, str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "temuan.xlsx"
    result = runner.invoke(app, ["check", "--rules", "SEL204", "--json", "--xlsx", str(out)], env=demo_env)
    findings = json.loads(result.stdout)
    assert findings and {finding["code"] for finding in findings} == {"SEL204"}
    sheet = load_workbook(out)["Temuan"]
    assert [cell.value for cell in sheet[1]][:3] == ["Kode", "Aturan", "Tingkat"]
    assert sheet.max_row == len(findings) + 1
    loose = tmp_path / "longgar.toml"
    loose.write_text("[thresholds]\ntarget_tolerance = 10\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--rules", "SEL204", "--json", "--config", str(loose)], env=demo_env)
    assert json.loads(result.stdout) == []
    assert runner.invoke(app, ["check", "--rules", "SEL999"], env=demo_env).exit_code == 2


def test_monitor_shows_what_the_money_reaching_each_priority_produced(demo_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["monitor", "--pemda", "62", "--year", "2026", "--json"], env=demo_env)
    assert result.exit_code == 0, result.output
    priorities = {row["code"]: row for row in json.loads(result.stdout)["priorities"]}
    assert [code for code in priorities if code.startswith("P")] == [f"P{n}" for n in range(1, 8)]
    assert [code for code in priorities if code.startswith("AC")] == [f"AC{n}" for n in range(1, 9)]
    unfunded = priorities.pop("P7")  # the seeded priority no program serves
    assert (unfunded["items"], unfunded["pagu"], unfunded["rating"]) == (0, None, None)
    for row in priorities.values():
        assert row["items"] > 0 and 0 < row["anggaran"] <= row["pagu"]
        assert abs(row["serapan"] - 100 * row["anggaran"] / row["pagu"]) < 0.01
        assert 0 <= row["effective"] <= row["anggaran"]
        assert row["rating"] in {"sangat tinggi", "tinggi", "sedang", "rendah", "sangat rendah"}


def test_an_interrupted_national_demo_leaves_no_half_built_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after three pemda were stored: the one transaction is rolled back, none of the three remains."""
    from itertools import islice

    from selaras.sample import SampleData, generate_national
    from selaras.settings import load_settings
    from selaras.store import open_database

    stored: list[str] = []

    def three_then_ctrl_c(**_options: object) -> Iterator[SampleData]:
        for data in islice(generate_national(), 3):
            stored.append(data.pemda[0].kode)
            yield data
        raise KeyboardInterrupt

    monkeypatch.setattr("selaras.sample.generate_national", three_then_ctrl_c)
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(app, ["demo", "--scale", "national", "--no-report"], env=env)
    assert result.exit_code == 130, result.output
    assert len(stored) == 3
    database = open_database(load_settings(env))
    with database.session() as session:
        left = {row.pemda for row in session.query(DocumentRow).filter(DocumentRow.pemda.in_(stored))}
    database.dispose()
    assert left == set()


def _url(database: Database) -> str:
    """The setting that points the CLI at the fixture's database (on PostgreSQL, at its own schema)."""
    url = database.engine.url.render_as_string(hide_password=False)
    if database.engine.dialect.name != "postgresql":
        return url
    with database.engine.connect() as connection:
        schema = connection.scalar(text("SELECT current_schema()"))
    return f"{url}?options=-csearch_path%3D{schema}"


def test_a_national_demo_run_again_stores_the_same_rows(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``demo --scale national`` (cut to two pemda) run twice: the second run replaces the first, every row the
    same but its id; on SQLite plan by plan, on PostgreSQL with COPY."""
    from itertools import islice

    from selaras.sample import generate_national

    monkeypatch.setattr("selaras.sample.generate_national", lambda **options: islice(generate_national(**options), 2))
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_DATABASE_URL": _url(database)}
    runs = []
    for _ in range(2):
        result = runner.invoke(app, ["demo", "--scale", "national", "--no-report", "--json"], env=env)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["pemda"] == 2
        with database.session() as session:
            runs.append(planning_rows(session))
    assert runs[0] == runs[1]
    with database.session() as session:
        assert set(session.scalars(select(DocumentRow.pemda))) == {"00", "11", "11.01"}
