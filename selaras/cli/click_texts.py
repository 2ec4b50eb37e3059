"""Bahasa Indonesia for the words Typer prints itself: help headings, usage lines and usage errors.

Selaras's own texts are in :mod:`selaras.cli.messages`, but a planner who forgets ``--pemda`` meets the words of the
command-line library: "Usage: ...", "Try 'selaras import --help' for help.", "Error: Missing option '--pemda'.",
and every ``--help`` ends with "Show this message and exit." Typer writes those in English in code (the Click it
bundles has no message catalogue; a wrong number is reported by pydantic), so they are translated where they
leave the program: :func:`localize` rewrites a help page or an error block, sentence by sentence
(:data:`PHRASES`); a sentence it does not know stays as Typer wrote it. The help pages go through
:class:`LocalizedGroup` and :class:`LocalizedCommand`, the errors through :func:`show_usage_error`, both used by
:mod:`selaras.cli.app`. ``--lang en`` leaves everything as Typer wrote it.

``tests/cli/test_click_texts.py`` produces every phrase from the real Typer, so an upgrade that rewords one fails
there instead of quietly bringing the English back.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from selaras.errors import SelarasError
from selaras.settings import load_settings

__all__ = ["PHRASES", "LocalizedCommand", "LocalizedGroup", "localize", "show_usage_error"]

_KINDS = {"option": "Opsi", "argument": "Argumen", "parameter": "Parameter"}

PHRASES: tuple[tuple[str, str], ...] = (
    # help pages and usage lines
    (r"^Usage: (.*?)\[OPTIONS\]", r"Cara pakai: \1[OPSI]"),
    (r"^Usage: ", "Cara pakai: "),
    (r"^(Cara pakai: .*)COMMAND \[ARGS\]\.\.\.", r"\1PERINTAH [ARGUMEN]..."),
    (r"^(\s*)Options:$", r"\1Opsi:"),
    (r"^(\s*)Arguments:$", r"\1Argumen:"),
    (r"^(\s*)Commands:$", r"\1Perintah:"),
    (r"\[required\]", "[wajib]"),
    (r"\[default: ", "[bawaan: "),
    (r"\[env var: ", "[variabel lingkungan: "),
    (r"Show this message and exit\.", "Tampilkan bantuan ini lalu keluar."),
    # usage errors
    (r"^Try '(.+)' for help\.$", r"Lihat '\1' untuk bantuan."),
    (r"^Error: ", "Galat: "),
    (r"Missing (option|argument|parameter) (.+)\.$", "{kind} {0} wajib diisi."),
    (r"Missing parameter: (.+)$", r"\1 wajib diisi."),
    (r"Missing command\.", "Subperintah belum disebut."),
    (r"No such command (.+?)\.(?= Did you mean|$)", r"Perintah \1 tidak dikenal."),
    (r"\. Did you mean (.+)\?$", r". Maksud Anda \1?"),
    (r"No such option: (\S+) \(Possible options: (.+)\)$", r"Opsi \1 tidak dikenal (yang ada: \2)"),
    (r"No such option: (\S+)$", r"Opsi \1 tidak dikenal."),
    (r"Option (.+) requires an argument\.$", r"Opsi \1 memerlukan nilai."),
    (r"Option (.+) requires (\d+) arguments\.$", r"Opsi \1 memerlukan \2 nilai."),
    (r"Option (.+) does not take a value\.$", r"Opsi \1 tidak menerima nilai."),
    (r"Got unexpected extra argument\(s\) \((.*)\)$", r"Ada argumen lebih yang tidak dikenal (\1)"),
    (r"Invalid value for (.+?): ", r"Nilai tidak sah untuk \1: "),
    (r"Invalid value: ", "Nilai tidak sah: "),
    (r"Input should be a valid integer\b.*$", "harus bilangan bulat, misalnya 2026"),
    (r"Input should be a valid number\b.*$", "harus angka, misalnya 1,5"),
    (r"Input should be a valid boolean\b.*$", "harus ya atau tidak (true/false)"),
    (r"Value (.+) is not a valid (\w+)\.$", r"\1 bukan \2 yang sah."),
    (r"(.+) is not one of (.+)\.$", r"\1 bukan salah satu dari \2."),
    (r"\b(?:[Ff]ile|[Pp]ath) ('.+') does not exist\.$", r"berkas \1 tidak ada."),
    (r"\b[Dd]irectory ('.+') does not exist\.$", r"folder \1 tidak ada."),
    (r"^Aborted!$", "Dibatalkan."),
)
"""(English pattern, Indonesian replacement) pairs, applied in order to each line; ``{kind}`` in a replacement is
the Indonesian of the first group (option, argument, parameter) and ``{0}`` the second."""

_COMPILED = tuple((re.compile(pattern, re.MULTILINE), replacement) for pattern, replacement in PHRASES)


def _substitute(replacement: str) -> Any:
    if "{kind}" not in replacement:
        return replacement
    return lambda match: replacement.format(match.group(2), kind=_KINDS[match.group(1)])


def localize(text: str, lang: str = "id") -> str:
    """``text`` as Typer wrote it, with every sentence of :data:`PHRASES` in Indonesian (``lang`` ``id``)."""
    if lang != "id":
        return text
    for pattern, replacement in _COMPILED:
        text = pattern.sub(_substitute(replacement), text)
    return text


def _lang(ctx: Any) -> str:
    """The language of the command line being run: its ``--lang`` once read, else the settings' (the main page's
    help is printed before the global options are read), else Indonesian."""
    if ctx is not None:
        root = ctx.find_root()
        lang = getattr(root.obj, "lang", None) or root.params.get("lang")
        if isinstance(lang, str):
            return lang
    try:
        return load_settings().lang
    except SelarasError:  # a bad setting is reported by the command itself
        return "id"


class LocalizedGroup(TyperGroup):
    """A command group whose help page and usage errors speak the command line's language.

    Typer prints a usage error itself, in English, and exits; run from the command line (standalone), this group
    lets Typer raise it instead and prints it through :func:`localize`, with the same exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            outcome = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            print(localize("Aborted!", _lang(None)), file=sys.stderr)
            sys.exit(1)
        except typer.TyperException as error:  # what Typer would print and exit with; anything else is a bug
            print(show_usage_error(error, _lang(getattr(error, "ctx", None))), end="", file=sys.stderr)
            sys.exit(error.exit_code)
        sys.exit(outcome if isinstance(outcome, int) else 0)

    def get_help(self, ctx: Any) -> str:
        return localize(super().get_help(ctx), _lang(ctx))

    def get_usage(self, ctx: Any) -> str:
        return localize(super().get_usage(ctx), _lang(ctx))


class LocalizedCommand(TyperCommand):
    """A command whose help page speaks the command line's language."""

    def get_help(self, ctx: Any) -> str:
        return localize(super().get_help(ctx), _lang(ctx))

    def get_usage(self, ctx: Any) -> str:
        return localize(super().get_usage(ctx), _lang(ctx))


def show_usage_error(error: typer.TyperException, lang: str) -> str:
    """The block Typer prints for a usage error (usage line, hint, "Error: ..."), in ``lang``."""
    show = getattr(error, "show", None)
    if not callable(show):
        return localize(f"Error: {error.format_message()}\n", lang)
    buffer = io.StringIO()
    show(file=buffer)
    return localize(buffer.getvalue(), lang)
