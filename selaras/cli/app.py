"""The ``selaras`` Typer application: global options and the explicit list of commands."""

from __future__ import annotations

import functools
import sys
import tempfile
import traceback
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from selaras.cli import (
    backup,
    budgeting,
    calendar,
    checks,
    database,
    demo,
    followup,
    matching,
    monitor,
    plans,
    report,
    scores,
    serve,
    suggest,
    users,
    versions,
)
from selaras.cli.click_texts import LocalizedCommand, LocalizedGroup
from selaras.cli.context import CliContext
from selaras.cli.messages import say
from selaras.cli.output import error_console
from selaras.errors import ConfigurationError, NotFound, SelarasError
from selaras.settings import load_settings

__all__ = ["app", "main"]


app = typer.Typer(
    name="selaras",
    help="Selaras: menyelaraskan dokumen perencanaan pembangunan dari pusat hingga perangkat daerah.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=LocalizedGroup,
)


@app.callback()
def _global_options(
    context: typer.Context,
    lang: str = typer.Option(None, "--lang", help="Bahasa keluaran: id (bawaan) atau en."),
) -> None:
    """Selaras — keselarasan perencanaan pembangunan daerah."""
    context.obj = CliContext(load_settings(lang=lang))


P = ParamSpec("P")
R = TypeVar("R")


INTERRUPTED = 130
"""Exit code of a command stopped with Ctrl-C (128 + SIGINT, as shells report it)."""


def exit_codes(command: Callable[P, R]) -> Callable[P, R]:
    """Turn Selaras errors into a message and an exit code: 2 for usage (unknown pemda, bad settings), 1 otherwise;
    Ctrl-C into :data:`INTERRUPTED` and a sentence on what was kept (Click would print "Aborted!" and exit 1, the
    code for "the file has errors")."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (ConfigurationError, NotFound) as error:
            error_console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from error
        except SelarasError as error:
            error_console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from error
        except KeyboardInterrupt:
            error_console.print(say("interrupted", _lang(*args, *kwargs.values())), markup=False, highlight=False)
            raise typer.Exit(INTERRUPTED) from None

    return run


def _lang(*arguments: object) -> str:
    """The ``--lang`` of the command being run, from its Click context among ``arguments`` (Indonesian without).
    Looked up by its ``find_root`` method: Typer hands over the class of the Click it bundles, not ``typer.Context``."""
    for argument in arguments:
        find_root = getattr(argument, "find_root", None)
        if callable(find_root) and isinstance(root := getattr(find_root(), "obj", None), CliContext):
            return root.lang
    return "id"


app.command("init", cls=LocalizedCommand)(exit_codes(database.init))
app.command("info", cls=LocalizedCommand)(exit_codes(database.info))
app.command("template", cls=LocalizedCommand)(exit_codes(plans.template))
app.command("import", cls=LocalizedCommand)(exit_codes(plans.import_))
app.command("export", cls=LocalizedCommand)(exit_codes(plans.export))
app.command("versions", cls=LocalizedCommand)(exit_codes(versions.versions))
app.command("restore", cls=LocalizedCommand)(exit_codes(versions.restore))
app.command("diff", cls=LocalizedCommand)(exit_codes(versions.diff))
app.command("demo", cls=LocalizedCommand)(exit_codes(demo.demo))
app.command("rules", cls=LocalizedCommand)(exit_codes(checks.rules))
app.command("check", cls=LocalizedCommand)(exit_codes(checks.check))
app.command("scores", cls=LocalizedCommand)(exit_codes(scores.scores))
app.command("anggaran", cls=LocalizedCommand)(exit_codes(budgeting.anggaran))
app.command("serve", cls=LocalizedCommand)(exit_codes(serve.serve))
users.app.command("add", cls=LocalizedCommand)(exit_codes(users.add))
users.app.command("passwd", cls=LocalizedCommand)(exit_codes(users.passwd))
users.app.command("role", cls=LocalizedCommand)(exit_codes(users.role))
app.add_typer(users.app, name="user")
app.command("match", cls=LocalizedCommand)(exit_codes(matching.match))
app.command("evaluate", cls=LocalizedCommand)(exit_codes(matching.evaluate))
app.command("suggest", cls=LocalizedCommand)(exit_codes(suggest.suggest))
app.command("review", cls=LocalizedCommand)(exit_codes(suggest.review))
app.command("conform", cls=LocalizedCommand)(exit_codes(suggest.conform))
app.command("report", cls=LocalizedCommand)(exit_codes(report.report))
app.command("backup", cls=LocalizedCommand)(exit_codes(backup.backup))
app.command("restore-backup", cls=LocalizedCommand)(exit_codes(backup.restore_backup))
app.command("export-all", cls=LocalizedCommand)(exit_codes(backup.export_all))
app.command("import-all", cls=LocalizedCommand)(exit_codes(backup.import_all))
app.add_typer(calendar.build(exit_codes), name="calendar")
app.command("import-realisasi", cls=LocalizedCommand)(exit_codes(monitor.import_realisasi_command))
app.command("monitor", cls=LocalizedCommand)(exit_codes(monitor.monitor))
app.add_typer(followup.build(exit_codes), name="followup")


_CRASH = (
    "Selaras berhenti karena kesalahan program ({error}); ini bukan kesalahan pada berkas atau perintah Anda. "
    "Laporkan kepada pengembang beserta catatan lengkapnya: {log}"
)


def main() -> None:
    """Entry point of the ``selaras`` script. Exit codes: 0 done, 1 the input has errors (each one listed),
    2 wrong usage, 3 a bug in Selaras — its traceback goes to a log file, not to the planner's screen."""
    try:
        app()
    except Exception as error:  # input and usage errors have ended in exit 1 or 2 by now: this is a bug
        with tempfile.NamedTemporaryFile("w", prefix="selaras-crash-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        summary = f"{type(error).__name__}: {error}"[:200]
        print(_CRASH.format(error=summary, log=log.name), file=sys.stderr)
        raise SystemExit(3) from None
