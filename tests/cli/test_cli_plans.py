"""The CLI contract other tools rely on: `selaras import ... --json`, exit codes, template, export, info."""

from __future__ import annotations

import json
import re
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from selaras.cli.app import app, main
from selaras.cli.output import PER_CODE, print_problems, problem_lines
from selaras.domain import Plan
from selaras.ingest.problems import ImportProblem, Severity
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


def test_a_replacing_import_says_what_it_changed_and_how_to_go_back(
    env: dict[str, str], tmp_path: Path, renja_plan: Plan
) -> None:
    first = write_plan(tmp_path / "renja.xlsx", renja_plan)
    assert run(env, "import", str(first), *IMPORT_RENJA)[0] == 0
    bare = replace(renja_plan, items=[replace(item, indicators=[]) for item in renja_plan.items])
    code, out = run(env, "import", str(write_plan(tmp_path / "renja-tanpa-indikator.xlsx", bare)), *IMPORT_RENJA)
    assert code == 0, out
    lines = " ".join(out.split())
    assert "(diganti; isi lama tetap tersimpan sebagai versi): 4 item, 0 indikator" in lines
    assert "4 indikator dihapus" in lines  # a file that lost the indicators shows it at once
    assert "selaras restore KUNCI --version N" in lines
    assert "replaced" not in lines


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
    assert (
        code == 0
        and "Berhasil diimpor ke 62/RENJA/5.01.01/2026/final (dokumen baru): 4 item, 4 indikator"
        in " ".join(out.split())
    )
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
        assert "Contoh:" in (command.help or ""), name


def _renja_with_bad_pagu(tmp_path: Path, renja_plan: Plan, rows: int) -> Path:
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    book = load_workbook(path)
    for _ in range(rows):
        book["Anggaran"].append(["5.01.02", 2026, "satu juta"])
    book.save(path)
    return path


IMPORT_RENJA = ["--pemda", "62", "--kind", "renja", "--pd", "5.01.01", "--year", "2026"]


def test_many_bad_rows_print_the_first_of_each_kind_one_line_each_and_json_lists_all(
    env: dict[str, str], tmp_path: Path, renja_plan: Plan
) -> None:
    """Issue 14: 8,000 bad rows took 113 s to report (quadratic); now linear and capped."""
    path = _renja_with_bad_pagu(tmp_path, renja_plan, 8000)
    started = time.perf_counter()
    result = runner.invoke(app, ["import", str(path), *IMPORT_RENJA], env=env)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line]  # the progress bar leaves a blank line
    assert lines[0] == "Impor dibatalkan: 8000 galat ditemukan di renja.xlsx; tidak ada data yang disimpan"
    assert lines[1] == (
        "renja.xlsx:Anggaran:8:Pagu: galat: 'satu juta' bukan angka; diharapkan angka seperti 1.234.567,50 atau 12,5%"
    )
    assert len(lines) == 1 + PER_CODE + 1
    assert lines[-1] == "… dan 7980 galat 'not-a-number' lain tidak ditampilkan; semuanya ada di keluaran --json"
    code, out = run(env, "import", str(path), *IMPORT_RENJA, "--json")
    assert code == 1 and len(json.loads(out)["errors"]) == 8000
    assert time.perf_counter() - started < 60


def test_problem_lines_put_galat_before_peringatan_and_count_what_is_not_shown() -> None:
    galat = [
        ImportProblem.at_cell("not-a-number", file="a.csv", sheet=None, row=row, column="Pagu", value="x")
        for row in range(2, 40)
    ]
    warning = ImportProblem.at_cell(
        "unknown-code",
        file="a.csv",
        sheet=None,
        row=1,
        column="Kode",
        value="1.01",
        severity=Severity.PERINGATAN,
        reference="Kepmendagri",
    )
    lines = problem_lines([warning, *galat, ImportProblem.in_file("empty", file="a.csv", expected="baris")], "id")
    assert lines[:2] == [
        "a.csv::2:Pagu: galat: 'x' bukan angka; diharapkan angka seperti 1.234.567,50 atau 12,5%",
        "a.csv::3:Pagu: galat: 'x' bukan angka; diharapkan angka seperti 1.234.567,50 atau 12,5%",
    ]
    assert lines[20:] == [
        "a.csv: galat: Tidak ada data: baris",
        "… dan 18 galat 'not-a-number' lain tidak ditampilkan; semuanya ada di keluaran --json",
        "a.csv::1:Kode: peringatan: Kode '1.01' tidak ada dalam nomenklatur Kepmendagri; tetap diimpor. Periksa "
        "kodenya: mungkin dari pemutakhiran lain (lebih lama atau lebih baru), atau salah ketik",
    ]


def test_a_crash_exits_3_with_a_short_message_and_the_traceback_in_a_log(
    tmp_path: Path, renja_plan: Plan, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is never reported as exit 1 ("the file has errors") and never shows a traceback to the planner."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kunci hilang")

    monkeypatch.setattr("selaras.ingest.service.import_file", broken)
    monkeypatch.setenv("SELARAS_DATA_DIR", str(tmp_path / "data"))
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    monkeypatch.setattr("sys.argv", ["selaras", "import", str(path), *IMPORT_RENJA])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err.strip()  # after the line the progress bar leaves
    assert err.startswith(
        "Selaras berhenti karena kesalahan program (RuntimeError: kunci hilang); ini bukan kesalahan pada berkas "
        "atau perintah Anda. Laporkan kepada pengembang beserta catatan lengkapnya: "
    )
    assert "Traceback" not in err
    log = Path(err.strip().rsplit(" ", 1)[-1])
    assert "Traceback" in log.read_text() and "RuntimeError: kunci hilang" in log.read_text()
    log.unlink()


def test_a_workbook_that_unpacks_too_large_is_refused_before_reading(env: dict[str, str], tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "renja.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 3_000_000)  # 3 MB of zeros, a few kB zipped
    limited = {**env, "SELARAS_UNPACKED_LIMIT_MB": "2"}
    code, _ = run(limited, "import", str(bomb), "--pemda", "62", "--kind", "rkpd", "--year", "2026")
    assert code == 1
    result = runner.invoke(app, ["import", str(bomb), "--pemda", "62", "--kind", "rkpd", "--year", "2026"], env=limited)
    assert "terlalu besar setelah dibuka" in " ".join(result.output.split())


def test_a_location_in_column_a_prints_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """``:A:`` (and ``:B:``, ``:O:``…) is an emoji code to Rich; in a problem line it is a column."""
    problem = ImportProblem.at_cell("not-a-number", file="renja.xlsx", sheet="Item", row=4, column="A", value="x")
    print_problems([problem], "id", stderr=False)
    assert capsys.readouterr().out.startswith("renja.xlsx:Item:4:A: galat: 'x' bukan angka")


def test_a_damaged_workbook_is_refused_at_the_broken_cell(
    env: dict[str, str], tmp_path: Path, renja_plan: Plan
) -> None:
    """A closing tag that does not match, inside row 4 of the Item sheet: the sheet, the cell and what was found."""
    path = write_plan(tmp_path / "renja.xlsx", renja_plan)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheets = [name for name in parts if name.startswith("xl/worksheets/")]
    part = max(sheets, key=lambda name: parts[name].count(b"<row "))  # the items sheet
    xml = parts[part].decode("utf-8")
    end = xml.index("</c>", xml.index('<row r="4"'))
    parts[part] = (xml[:end] + "</v>" + xml[end + 4 :]).encode("utf-8")
    broken = tmp_path / "renja-rusak.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    result = runner.invoke(app, ["import", str(broken), "--pemda", "62", "--kind", "renja", "--year", "2026"], env=env)
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if ": galat: " in line)
    assert re.match(r"renja-rusak\.xlsx:[^:]+:4:A: galat: XML lembar rusak di sel A4: ", line), line
    assert "\ufffd" not in line
