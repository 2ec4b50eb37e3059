"""Light commands start without the heavy libraries (the time itself is measured by `make bench`, case cli-startup)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "numpy", "weasyprint", "fastapi", "selaras.store", "selaras.match.engine")

PROBE = """
import sys
from selaras.cli.app import app
try:
    app({args!r})
except SystemExit:
    pass
print("loaded:", ",".join(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["match", "--help"], ["calendar", "--help"]])
def test_light_commands_do_not_import_heavy_libraries(args: list[str]) -> None:
    probe = PROBE.format(args=args, heavy=HEAVY)
    finished = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert finished.stdout.splitlines()[-1] == "loaded: "
