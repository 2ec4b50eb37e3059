"""``python -m benchmarks [CASE ...]``: run each case in a fresh process; print seconds, the baseline measured in
the same process, their ratio, and the peak memory of the process or of a command it ran. Without names: every
case of ``cases.CASES``, and the national PostgreSQL ones (``national_pg.ON_REQUEST`` and ``national-web-pg``,
run in that order: the load leaves the sample the others use) with ``BENCH_NATIONAL=1``."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

from benchmarks.cases import CASES
from benchmarks.national_pg import ON_REQUEST as NATIONAL_DATA
from benchmarks.national_web import national_web_pg

ON_REQUEST = {**NATIONAL_DATA, "national-web-pg": national_web_pg}


def _child(name: str) -> None:
    result = {**CASES, **ON_REQUEST}[name]()
    # the case's process, or a command it ran when that took more (the national cases run ``selaras`` itself)
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result["peak_mb"] = peak / 1024
    print(json.dumps(result))


def main(names: list[str]) -> int:
    print(f"{'case':<20} {'seconds':>9} {'baseline s':>11} {'ratio':>8} {'peak MB':>8}  details")
    failed = 0
    national = bool(os.environ.get("BENCH_NATIONAL"))
    if not names and not national:
        print(f"(not run: {', '.join(ON_REQUEST)}; they take minutes: name them, or set BENCH_NATIONAL=1)")
    for name in names or [*CASES, *(ON_REQUEST if national else [])]:
        process = subprocess.run(
            [sys.executable, "-m", "benchmarks", "--child", name], capture_output=True, text=True, check=False
        )
        if process.returncode != 0:
            failed += 1
            print(f"{name:<20} FAILED\n{process.stderr[-2000:]}")
            continue
        result = json.loads(process.stdout.strip().splitlines()[-1])
        seconds, baseline, peak = result.pop("seconds"), result.pop("baseline", None), result.pop("peak_mb")
        ratio = f"{seconds / baseline:8.{1 if seconds >= baseline / 10 else 3}f}" if baseline else f"{'-':>8}"
        base = f"{baseline:11.2f}" if baseline else f"{'-':>11}"
        details = ", ".join(f"{key}={value}" for key, value in result.items())
        print(f"{name:<20} {seconds:9.2f} {base} {ratio} {peak:8.0f}  {details}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
    else:
        sys.exit(main(sys.argv[1:]))
