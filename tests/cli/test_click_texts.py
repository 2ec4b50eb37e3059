"""Typer's own words (help headings, usage lines, usage errors) reach the planner in Bahasa Indonesia.

Every error below is produced by the real Typer, so a Typer release that rewords one of them fails here instead of
bringing the English back quietly."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.cli.click_texts import LocalizedCommand, LocalizedGroup, localize

ENGLISH = ("Usage:", "Error:", "Try '", "Missing", "No such", "Show this message", "Options:", "[required]")

toy = typer.Typer(cls=LocalizedGroup, add_completion=False, rich_markup_mode=None)


@toy.callback()
def _root(lang: str = typer.Option(None, "--lang")) -> None:
    """Toy root."""


@toy.command("import", cls=LocalizedCommand)
def _import(
    file: Path = typer.Argument(..., exists=True),
    pemda: str = typer.Option(..., "--pemda"),
    year: int = typer.Option(2026, "--year"),
    json: bool = typer.Option(False, "--json"),
) -> None:
    """Toy import."""


@toy.command("export", cls=LocalizedCommand)
def _export(code: int = typer.Option(0, "--code"), abort: bool = typer.Option(False, "--abort")) -> None:
    """Toy export: exits with ``--code``, or aborts as a prompt answered with Ctrl-D does."""
    if abort:
        raise typer.Abort()
    raise typer.Exit(code)


def _run(*args: str, application: typer.Typer = toy) -> tuple[int, str]:
    result = CliRunner().invoke(application, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["import", "{file}"], "Galat: Opsi '--pemda' wajib diisi."),
        (["import"], "Galat: Argumen 'file' wajib diisi."),
        (["import", "{file}", "--pemda"], "Galat: Opsi '--pemda' memerlukan nilai."),
        (["import", "{file}", "--pemdaa", "62"], "Galat: Opsi --pemdaa tidak dikenal (yang ada: --pemda)"),
        (["imprt"], "Galat: Perintah 'imprt' tidak dikenal. Maksud Anda 'import'?"),
        (["import", "{file}", "extra", "--pemda", "62"], "Galat: Ada argumen lebih yang tidak dikenal (extra)"),
        (
            ["import", "{file}", "--pemda", "62", "--year", "dua"],
            "Galat: Nilai tidak sah untuk '--year': harus bilangan bulat, misalnya 2026",
        ),
        (["import", "{file}", "--pemda", "62", "--json=1"], "Galat: Opsi '--json' tidak menerima nilai."),
        (["import", "hilang.xlsx", "--pemda", "62"], "berkas 'hilang.xlsx' tidak ada."),
    ],
)
def test_a_usage_error_is_told_in_indonesian_with_typers_exit_code(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    existing = tmp_path / "rekap.xlsx"
    existing.write_bytes(b"")
    code, output = _run(*(argument.replace("{file}", str(existing)) for argument in args))
    assert code == 2
    assert expected in output
    assert not [word for word in ENGLISH if word in output], output


def test_the_usage_lines_and_the_hint_are_indonesian_too(tmp_path: Path) -> None:
    existing = tmp_path / "rekap.xlsx"
    existing.write_bytes(b"")
    _, output = _run("import", str(existing))
    assert output.startswith("Cara pakai: root import [OPSI] {file}\nLihat 'root import --help' untuk bantuan.\n")


def test_help_pages_are_indonesian() -> None:
    code, output = _run("import", "--help")
    assert code == 0
    for word in ("Cara pakai:", "Argumen:", "Opsi:", "[wajib]", "[bawaan: 2026]", "Tampilkan bantuan ini lalu keluar."):
        assert word in output, word
    _, output = _run("--help")
    assert "Perintah:" in output and "PERINTAH [ARGUMEN]..." in output
    assert not [word for word in ENGLISH if word in output], output


def test_english_is_kept_with_lang_en(tmp_path: Path) -> None:
    existing = tmp_path / "rekap.xlsx"
    existing.write_bytes(b"")
    code, output = _run("--lang", "en", "import", str(existing))
    assert code == 2
    assert "Error: Missing option '--pemda'." in output
    assert "Try '" in output


def test_exit_codes_pass_through_and_an_abort_is_told_in_indonesian() -> None:
    assert _run("export") == (0, "")
    assert _run("export", "--code", "1") == (1, "")
    assert _run("export", "--abort") == (1, "Dibatalkan.\n")


def test_every_selaras_help_page_speaks_indonesian() -> None:
    pages = [[], *(name.split() for name in _command_names(app))]
    for page in pages:
        code, output = _run(*page, "--help", application=app)
        assert code == 0, (page, output)
        assert output.startswith("Cara pakai: selaras"), (page, output[:80])
        assert not [word for word in ENGLISH if word in output], (page, output)


def test_a_real_selaras_usage_error_is_indonesian() -> None:
    code, output = _run("import", "rekap_2024.xlsx", application=app)
    assert code == 2
    assert "Galat: Opsi '--pemda' wajib diisi." in output
    assert "Lihat 'selaras import --help' untuk bantuan." in output


def test_unknown_sentences_pass_through_unchanged() -> None:
    assert localize("Sesuatu yang tidak dikenal.") == "Sesuatu yang tidak dikenal."
    assert localize("Error: Missing option '--x'.", "en") == "Error: Missing option '--x'."


def _command_names(application: typer.Typer) -> list[str]:
    group = typer.main.get_group(application)
    names: list[str] = []
    for name, command in group.commands.items():
        names.append(name)
        for sub in getattr(command, "commands", {}):
            names.append(f"{name} {sub}")
    return names
