"""``selaras check``, ``scores`` and ``report``: which pemda and year they are about when not told, the
thresholds they share, a pemda without data, and ``check --year`` on one year only."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import Budget, Document, DocumentKind, Item, ItemLevel, Period, Plan
from selaras.reference.wilayah import get_pemda
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda

runner = CliRunner()
PD = "1.02.01"
RENSTRA = Document(DocumentKind.RENSTRA, "62", Period(2025, 2029), pd=PD)


def renja(year: int) -> Plan:
    """A Renja whose program has a negative pagu (SEL302, about ``year``) and whose kegiatan has pagu but no
    indicator (SEL303, about the Renja as a whole)."""
    document = Document(DocumentKind.RENJA, "62", Period(year, year), pd=PD)
    return Plan(
        document,
        [
            Item("P", ItemLevel.PROGRAM, "Program Kesehatan", code="1.02.02", budgets=[Budget(year, Decimal(-1))]),
            Item(
                "K",
                ItemLevel.KEGIATAN,
                "Kegiatan Gizi",
                code="1.02.02.2.02",
                parent="P",
                budgets=[Budget(year, Decimal(10))],
            ),
        ],
    )


def renstra() -> Plan:
    """A five-year Renstra: a negative pagu in 2027 only (SEL302 about 2027), no indicator (SEL303, whole period)."""
    budgets = [Budget(2026, Decimal(100)), Budget(2027, Decimal(-5))]
    return Plan(RENSTRA, [Item("P", ItemLevel.PROGRAM, "Program Kesehatan", code="1.02.02", budgets=budgets)])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "250"}
    database = open_database(load_settings(env))
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        for plan in (renstra(), renja(2025), renja(2026)):
            save_plan(session, plan)
    database.dispose()
    return env


def findings(env: dict[str, str], year: int) -> set[tuple[str, str, str, int | None]]:
    result = runner.invoke(app, ["check", "--year", str(year), "--rules", "SEL302,SEL303", "--json"], env=env)
    assert result.exit_code == 0, result.output
    return {(f["code"], f["document"], f["item"], f["year"]) for f in json.loads(result.stdout)}


def test_check_year_reports_only_what_concerns_that_year(env: dict[str, str]) -> None:
    renja_2025, renja_2026 = renja(2025).document.key, renja(2026).document.key
    whole_renstra = ("SEL303", RENSTRA.key, "P", None)  # its period holds every year asked for here
    assert findings(env, 2026) == {("SEL302", renja_2026, "P", 2026), ("SEL303", renja_2026, "K", None), whole_renstra}
    assert findings(env, 2025) == {("SEL302", renja_2025, "P", 2025), ("SEL303", renja_2025, "K", None), whole_renstra}
    assert findings(env, 2027) == {("SEL302", RENSTRA.key, "P", 2027), whole_renstra}


def _usage_error(env: dict[str, str], tmp_path: Path, command: str, *options: str) -> str:
    out = ["--out", str(tmp_path / "laporan")] if command == "report" else []
    result = runner.invoke(app, [command, *options, *out], env=env)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("command", ["check", "scores", "report"])
def test_a_pemda_without_documents_is_a_usage_error_that_says_how_to_import(
    env: dict[str, str], tmp_path: Path, command: str
) -> None:
    assert _usage_error(env, tmp_path, command, "--pemda", "81.04") == (
        "Pemda 81.04 (Kabupaten Buru) belum memiliki dokumen; impor dulu dengan "
        "`selaras import BERKAS --pemda 81.04 --kind renja --pd PD --year TAHUN`"
    )
    assert not (tmp_path / "laporan").exists()


@pytest.mark.parametrize("command", ["check", "scores", "report"])
def test_an_unknown_pemda_code_is_a_usage_error(env: dict[str, str], tmp_path: Path, command: str) -> None:
    assert _usage_error(env, tmp_path, command, "--pemda", "99.99") == (
        "Kode pemda 99.99 tidak dikenal; gunakan kode Kemendagri, misalnya 62 (Kalimantan Tengah) atau 81.04 "
        "(Kabupaten Buru)"
    )


@pytest.mark.parametrize("command", ["check", "scores", "report"])
def test_a_year_no_document_covers_is_a_usage_error(env: dict[str, str], tmp_path: Path, command: str) -> None:
    assert _usage_error(env, tmp_path, command, "--pemda", "62", "--year", "2031") == (
        "Pemda 62 tidak memiliki dokumen untuk tahun 2031 (periode yang ada: 2025, 2025-2029, 2026); pilih --year "
        "yang lain atau impor dokumen tahun 2031"
    )


def test_the_message_is_in_english_with_lang_en(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["--lang", "en", "check", "--pemda", "81.04"], env=env)
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()) == (
        "Pemda 81.04 (Kabupaten Buru) has no documents yet; import one first with "
        "`selaras import FILE --pemda 81.04 --kind renja --pd PD --year YEAR`"
    )


def test_without_year_the_pemda_s_latest_planning_year_is_checked(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["check", "--rules", "SEL302,SEL303", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert {(f["code"], f["document"], f["item"], f["year"]) for f in json.loads(result.stdout)} == findings(env, 2026)


@pytest.mark.parametrize("command", ["check", "scores", "report"])
def test_without_pemda_several_pemda_in_the_database_are_listed(
    env: dict[str, str], tmp_path: Path, command: str
) -> None:
    database = open_database(load_settings(env))
    with database.session() as session:
        ensure_pemda(session, get_pemda("81.04"))
        save_plan(session, Plan(Document(DocumentKind.RENJA, "81.04", Period(2026, 2026), pd=PD), []))
    database.dispose()
    assert _usage_error(env, tmp_path, command) == (
        "Basis data memuat beberapa pemda (62 (Kalimantan Tengah), 81.04 (Kabupaten Buru)); pilih salah satu "
        "dengan --pemda"
    )


@pytest.mark.parametrize("command", ["check", "scores", "report"])
def test_an_empty_database_says_how_to_fill_it(tmp_path: Path, command: str) -> None:
    env = {"SELARAS_DATA_DIR": str(tmp_path / "kosong"), "COLUMNS": "250"}
    open_database(load_settings(env)).dispose()
    assert _usage_error(env, tmp_path, command) == (
        "Basis data belum memiliki dokumen pemda; jalankan `selaras demo` atau impor dokumen dulu"
    )


@pytest.mark.parametrize("command", ["check", "scores", "report"])
def test_every_command_reads_the_thresholds_setting(env: dict[str, str], tmp_path: Path, command: str) -> None:
    """check, scores and report share one pipeline: a thresholds file named by SELARAS_THRESHOLDS is read by
    all three (here a typo in it stops each of them), so they can never score the same data differently."""
    thresholds = tmp_path / "ambang.toml"
    thresholds.write_text("[thresholds]\ntarget_tolerans = 0.05\n", encoding="utf-8")
    message = _usage_error({**env, "SELARAS_THRESHOLDS": str(thresholds)}, tmp_path, command)
    assert message == f"{thresholds}: ambang batas tidak dikenal: target_tolerans"


@pytest.mark.parametrize(
    ("lang", "expected", "kept"),
    [("id", "Dihentikan (Ctrl-C)", "transaksi"), ("en", "Stopped (Ctrl-C)", "transaction")],
)
def test_ctrl_c_is_exit_130_with_what_was_kept(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, lang: str, expected: str, kept: str
) -> None:
    """Click alone would print "Aborted!" and exit 1, which reads as "the input has errors"."""

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("selaras.analysis.analyse", interrupted)
    result = runner.invoke(app, ["--lang", lang, "check", "--pemda", "62"], env=env)
    assert result.exit_code == 130
    assert result.stdout == ""
    assert result.stderr.startswith(expected)
    assert kept in result.stderr


def test_long_commands_say_which_step_is_under_way(env: dict[str, str]) -> None:
    from selaras.cli.context import CliContext
    from selaras.cli.planning import analyse_pemda

    heard: list[tuple[str, dict[str, object]]] = []
    ctx = CliContext(load_settings(env))
    analyse_pemda(ctx, "62", 2026, rules=iter(["SEL302", "SEL303"]), stage=lambda text, **p: heard.append((text, p)))
    assert heard == [("stage-load", {}), ("stage-check", {"rules": 2})]


def test_the_step_display_stays_off_a_pipe(env: dict[str, str]) -> None:
    """Under the test runner stderr is not a terminal: the spinner draws nothing, the table is all there is."""
    result = runner.invoke(app, ["check", "--pemda", "62", "--rules", "SEL302"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "SEL302" in result.stdout
