"""``selaras report`` on a stored province: the four files, then "what changed" on the second run."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_world import Small
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.cli.context import CliContext
from selaras.cli.report import produce_report
from selaras.report.render import RENDERERS
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.bulk import save_all

runner = CliRunner()


@pytest.fixture
def env(small: Small, tmp_path: Path) -> dict[str, str]:
    """A data dir whose database holds the small province."""
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data")}
    database = open_database(load_settings(env))
    with database.session() as session:
        save_all(session, pemda=small.data.pemda, perangkat_daerah=small.data.perangkat_daerah, plans=small.data.plans)
    database.dispose()
    return env


def test_report_writes_four_files_and_compares_with_the_previous_one(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "laporan"
    first = runner.invoke(app, ["report", "--pemda", "62", "--out", str(out)], env=env)
    assert first.exit_code == 0, first.output
    assert sorted(path.name for path in out.iterdir()) == [f"laporan.{ext}" for ext in ("html", "json", "pdf", "xlsx")]
    assert "Belum ada laporan sebelumnya" in (out / "laporan.html").read_text(encoding="utf-8")
    second = runner.invoke(app, ["report", "--pemda", "62", "--out", str(out)], env=env)
    assert second.exit_code == 0, second.output
    assert "Perubahan sejak laporan sebelumnya" in (out / "laporan.html").read_text(encoding="utf-8")


def test_unknown_pemda_is_a_usage_error(small: Small, tmp_path: Path) -> None:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(app, ["report", "--pemda", "99", "--out", str(tmp_path / "x")], env=env)
    assert result.exit_code == 2
    assert "99" in result.output


def test_an_interrupted_report_leaves_the_previous_one_whole(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the PDF is drawn: exit 130, and the folder still holds the last complete report."""
    out = tmp_path / "laporan"
    assert runner.invoke(app, ["report", "--pemda", "62", "--out", str(out)], env=env).exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.name != "laporan.html"}

    def half_a_pdf(_report: object, path: Path) -> None:
        path.write_bytes(b"%PDF-1.7 half")
        raise KeyboardInterrupt

    monkeypatch.setitem(RENDERERS, "pdf", half_a_pdf)
    result = runner.invoke(app, ["report", "--pemda", "62", "--out", str(out)], env=env)
    assert result.exit_code == 130
    after = {path.name: path.read_bytes() for path in out.iterdir() if path.name != "laporan.html"}
    assert after == before  # the HTML, written whole before the PDF began, may be the new one


def test_the_report_says_each_step(env: dict[str, str], tmp_path: Path) -> None:
    heard: list[str] = []
    ctx = CliContext(load_settings(env))
    produce_report(ctx, pemda="62", year=None, out=tmp_path / "laporan", stage=lambda text, **p: heard.append(text))
    assert heard == ["stage-load", "stage-check", "stage-report", "stage-write", "stage-write", "stage-write"]
