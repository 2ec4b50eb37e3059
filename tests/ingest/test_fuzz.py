"""Broken files never crash the import: a bounded, seeded fuzz run on every database, and a CLI sample.

``FUZZ_FILES`` (default 120 per database) and ``FUZZ_SEED`` (default 0) size the run; ``make fuzz`` runs
10,000 files. A failure lists each fuzzed file that went wrong, with what was done to its seed, so it can be
rebuilt with the same seed.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from fuzzing import Fuzzer, Seed, build_seeds, check_import, crash_causes, mutate

from selaras.cli.app import main
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.store import Database

FILES = int(os.environ.get("FUZZ_FILES", "120"))
SEED = int(os.environ.get("FUZZ_SEED", "0"))


def _progress(line: str) -> None:
    """Progress of a long run (``make fuzz`` shows it: pytest -s), on stderr so that it is never captured away."""
    print(line, file=sys.stderr, flush=True)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[Seed]:
    return build_seeds(tmp_path_factory.mktemp("fuzz-seeds"))


def test_fuzzed_files_are_imported_or_refused_with_located_problems(
    database: Database, seeds: list[Seed], tmp_path: Path
) -> None:
    nomenclature = bundled_nomenclature()
    fuzzer = Fuzzer(seeds, tmp_path, seed=SEED)
    fuzzer.run(FILES, lambda seed, path: check_import(database, seed, path, nomenclature), report=_progress)
    print(f"\n{fuzzer.files} fuzzed files on {database.engine.dialect.name}: {fuzzer.summary()}")
    causes = "\n".join(f"{count} × {cause}" for cause, count in crash_causes(fuzzer.failures).items())
    details = "\n\n".join(f"{what}\n{failure[-1500:]}" for what, failure in fuzzer.failures[:5])
    assert not fuzzer.failures, f"{len(fuzzer.failures)} of {fuzzer.files} files failed:\n{causes}\n\n{details}"
    assert fuzzer.files == FILES


def test_the_cli_exits_0_1_or_2_and_never_shows_a_traceback(
    seeds: list[Seed], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SELARAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SELARAS_USER", "fuzz")
    rng = random.Random(SEED)
    codes: list[int] = []
    for number in range(2 * len(seeds)):
        seed = seeds[number % len(seeds)]
        (tmp_path / f"f{number}").mkdir()
        path, done = mutate(rng, seed, tmp_path / f"f{number}")
        request = seed.request
        period = request["period"]
        args = [str(path), "--pemda", str(request["pemda"]), "--kind", str(request["kind"]), "--pd-baru"]
        args += ["--period", str(period)] + (["--pd", str(request["pd"])] if "pd" in request else [])
        args += ["--version", str(request["version"])] if "version" in request else []
        monkeypatch.setattr("sys.argv", ["selaras", "import", *args])
        with pytest.raises(SystemExit) as exit_:
            main()
        output = capsys.readouterr()
        assert exit_.value.code in (0, 1, 2), f"{seed.name} {done}: exit {exit_.value.code}\n{output.err}"
        assert "Traceback" not in output.out + output.err
        codes.append(int(str(exit_.value.code)))
    assert 1 in codes  # the sample holds refused files, not only files the mutations left intact
