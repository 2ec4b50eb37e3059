"""Rendering helpers shared by commands: problem lines, JSON, progress bars."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from selaras.cli.messages import say
from selaras.i18n import pick
from selaras.ingest.problems import PER_CODE, ImportProblem, first_of_each_kind

__all__ = [
    "Stage",
    "console",
    "error_console",
    "no_stage",
    "print_json",
    "print_problems",
    "problem_lines",
    "progress_bar",
    "stages",
]

_MAX_LINE = 400
_MORE = (
    "… dan {count} {severity} '{code}' lain tidak ditampilkan; semuanya ada di keluaran --json",
    "… and {count} more {severity} '{code}' not shown; --json lists them all",
)


console = Console(emoji=False)  # ":A:" in "berkas.xlsx:Item:4:A:" is a location, not an emoji code
error_console = Console(stderr=True, emoji=False)


def print_json(payload: object) -> None:
    """Machine-readable output: plain JSON on stdout, nothing else."""
    print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def problem_lines(problems: list[ImportProblem], lang: str, *, per_code: int = PER_CODE) -> list[str]:
    """One line per problem, ``file:sheet:row:column: galat: message``, galat before peringatan; of each kind
    (severity and code) only the first ``per_code`` lines, then one line counting the rest (``--json`` has all).

    Linear in the number of problems, and plain text: readable piped into a file or ``grep``, and in an
    80-column terminal, which wraps a long line instead of squeezing a table.
    """
    lines: list[str] = []
    for severity, shown, more in first_of_each_kind(problems, per_code):
        lines += [_line(problem, lang) for problem in shown]
        lines += [
            pick(_MORE, lang).format(count=count, severity=severity.value, code=code) for code, count in more.items()
        ]
    return lines


def print_problems(problems: list[ImportProblem], lang: str, *, stderr: bool) -> None:
    """Print :func:`problem_lines` as they are: no markup, no wrapping by Rich."""
    target = error_console if stderr else console
    for line in problem_lines(problems, lang):
        target.print(line, markup=False, highlight=False, soft_wrap=True)


def _line(problem: ImportProblem, lang: str) -> str:
    place = [problem.file, problem.sheet or "", "" if problem.row is None else str(problem.row), problem.column or ""]
    while place and not place[-1]:
        place.pop()
    line = f"{':'.join(place)}: {problem.severity.value}: {problem.message(lang)}"
    return " ".join(line.split()) if len(line) <= _MAX_LINE else " ".join(line.split())[: _MAX_LINE - 1] + "…"


@contextmanager
def progress_bar(description: str, *, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a Rich bar on stderr (or doing nothing when disabled or when
    stderr is not a terminal: Rich would still leave an empty line in a piped log)."""
    if not enabled or not error_console.is_terminal:
        yield lambda _done, _total: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=error_console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


Stage = Callable[..., None]
"""``stage(text_id, **params)``: say which step of a long command is under way (a text of cli/messages.py)."""


def no_stage(_text_id: str, **_params: object) -> None:
    """The :data:`Stage` of a caller that shows nothing (``--json``, tests, the web)."""


@contextmanager
def stages(lang: str, *, enabled: bool) -> Iterator[Stage]:
    """A :data:`Stage` callback drawing, on stderr, a spinner with the step under way and the time taken so far.

    A province's report takes half a minute and its checks several seconds: without a sign of life a planner
    presses Ctrl-C or starts the command again. Transient, and drawn only on a terminal, so that piped output and
    ``--json`` stay clean.
    """
    if not enabled or not error_console.is_terminal:
        yield no_stage
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=error_console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def stage(text_id: str, **params: object) -> None:
            progress.update(task, description=say(text_id, lang, **params))

        yield stage
