"""Rendering helpers shared by commands: problem tables, JSON, progress bars."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from selaras.cli.messages import say
from selaras.ingest.problems import ImportProblem

__all__ = ["console", "error_console", "print_json", "problem_table", "progress_bar"]

console = Console()
error_console = Console(stderr=True)


def print_json(payload: object) -> None:
    """Machine-readable output: plain JSON on stdout, nothing else."""
    print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def problem_table(problems: list[ImportProblem], lang: str) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for column in say("problem-columns", lang).split("|"):
        table.add_column(column, overflow="fold")
    for problem in problems:
        table.add_row(
            problem.severity.value,
            problem.file,
            problem.sheet or "",
            "" if problem.row is None else str(problem.row),
            problem.column or "",
            problem.value,
            problem.message(lang),
        )
    return table


@contextmanager
def progress_bar(description: str, *, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a Rich bar on stderr (or doing nothing when disabled)."""
    if not enabled:
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
