"""Renderers by format: one report model, many outputs. ``write_report`` writes them all into a folder,
with the JSON snapshot the next report compares against."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from selaras.report.history import SNAPSHOT_NAME, save_snapshot
from selaras.report.html import render_html
from selaras.report.model import RakorReport

__all__ = ["FORMATS", "RENDERERS", "write_report"]


def _html(report: RakorReport, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")


def _pdf(report: RakorReport, path: Path) -> None:
    from selaras.report.pdf import write_pdf

    write_pdf(report, path)


def _xlsx(report: RakorReport, path: Path) -> None:
    from selaras.report.xlsx import write_xlsx

    write_xlsx(report, path)


RENDERERS: dict[str, Callable[[RakorReport, Path], None]] = {"html": _html, "pdf": _pdf, "xlsx": _xlsx}
"""Format → writer, each from the model alone."""
FORMATS = tuple(RENDERERS)


def write_report(
    report: RakorReport,
    folder: Path,
    formats: tuple[str, ...] = FORMATS,
    *,
    on_format: Callable[[str], None] | None = None,
) -> dict[str, Path]:
    """Write ``folder/laporan.<format>`` for each format and ``folder/laporan.json``; returns the paths.

    Each file is written beside its place and moved there when complete, so that an interrupted run (Ctrl-C, a
    full disk) leaves the previous report whole rather than half a PDF. ``on_format`` hears each format as it
    starts (the CLI shows it: the PDF alone takes seconds)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in FORMATS:
        if name in formats:
            if on_format is not None:
                on_format(name)
            path = folder / f"laporan.{name}"
            partial = folder / f".laporan-sebagian.{name}"
            try:
                RENDERERS[name](report, partial)
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)
            written[name] = path
    snapshot = folder / SNAPSHOT_NAME
    save_snapshot(report.snapshot, snapshot)
    written["json"] = snapshot
    return written
