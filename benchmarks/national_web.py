"""The web workspace on the national database while the national checks run (issue 15): a province's dashboard,
served by ``selaras serve``'s two uvicorn workers from the national sample in PostgreSQL (schema ``national`` of
``BENCH_DATABASE_URL``, left there by ``national-load-pg``), requested by 50 signed-in users who pause 0.5-2 s
between page views (the realistic scenario of :mod:`benchmarks.web_bench`; goal p95 ≤ 150 ms), three times:

* quiet: nothing else runs — the baseline of the same run;
* under checks: ``selaras check --pemda P`` over the provinces, two processes at a time, as docs/scaling.md
  runs a national check, at the same priority as the server;
* under niced checks: the same checks started with ``nice -n 10``, as docs/scaling.md recommends for a batch
  run beside a live server: the kernel then gives the server's requests the cores first.

The figure is the p95 under checks at the same priority, against the quiet p95 of the same run; the niced one
is reported beside it. The checks go round the provinces for as long as a scenario lasts and are stopped when
it ends. Opt-in like the
other national cases (minutes, and the national sample must be loaded first).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import cycle
from pathlib import Path

import httpx
from sqlalchemy import create_engine

from benchmarks.http_load import cookie_header, realistic
from benchmarks.national_pg import SCHEMA, Result, _provinces, _selaras, _url
from benchmarks.web_bench import CLIENTS, GOAL_P95, SEED, THINK, _p, _server, _warm_up
from selaras.store import Database
from selaras.store.users import add_user, find_user
from selaras.web.security import hash_password

__all__ = ["national_web_pg"]

PROVINSI = "62"
USERNAME = "bench-national"
PASSWORD = "bench-rahasia-123"
DURATION = 30.0  # seconds of each scenario
CHECK_WORKERS = 2
SETTLE = 20.0
"""Seconds of quiet after the warm-up: each worker stores the analyses it built (a second or more of CPU in a
background thread), which would otherwise fall into the first scenario."""


def _bench_user(url: str) -> None:
    """An admin of the province (kept from a previous run if there was one)."""
    database = Database(create_engine(url))
    with database.session() as session:
        if find_user(session, USERNAME) is None:
            add_user(
                session, username=USERNAME, password_hash=hash_password(PASSWORD), pemda=PROVINSI, role="admin", pd=None
            )
    database.dispose()


@contextmanager
def _checks_running(environment: dict[str, str], provinces: list[str], *, niced: bool) -> Iterator[list[int]]:
    """``CHECK_WORKERS`` loops, each running ``selaras check`` over the provinces in turn until the block ends;
    yields the list the loops append each finished check's exit status to."""
    stop = threading.Event()
    finished: list[int] = []
    running: set[subprocess.Popen[bytes]] = set()
    lock = threading.Lock()
    turns = cycle(provinces)

    def loop() -> None:
        while not stop.is_set():
            with lock:
                provinsi = next(turns)
                command = _selaras("check", "--pemda", provinsi, "--json")
                process = subprocess.Popen(
                    ["nice", "-n", "10", *command] if niced else command,
                    env=environment,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                running.add(process)
            status = process.wait()
            with lock:
                running.discard(process)
                if not stop.is_set():
                    finished.append(status)

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(CHECK_WORKERS)]
    for thread in threads:
        thread.start()
    try:
        yield finished
    finally:
        stop.set()
        with lock:
            for process in running:
                process.terminate()
        for thread in threads:
            thread.join(timeout=30)


def national_web_pg() -> Result:
    """Dashboard p95 at 50 users on the national database: quiet, under checks, under niced checks."""
    url = _url(SCHEMA)
    provinces = _provinces()
    _bench_user(url)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        data_dir.mkdir()
        environment = {**os.environ, "SELARAS_DATABASE_URL": url, "SELARAS_DATA_DIR": str(data_dir)}
        with _server(url, data_dir) as base:
            signed_in = httpx.post(f"{base}/api/v1/auth/login", json={"username": USERNAME, "password": PASSWORD})
            signed_in.raise_for_status()
            pages = [("dashboard", f"/pemda/{PROVINSI}", cookie_header(dict(signed_in.cookies)))]
            _warm_up(base, pages, users=CLIENTS)  # every worker: a larger province takes seconds to read
            time.sleep(SETTLE)

            def scenario() -> list[float]:
                timings = asyncio.run(realistic(base, pages, users=CLIENTS, duration=DURATION, think=THINK, seed=SEED))
                return timings["dashboard"]

            quiet = scenario()
            with _checks_running(environment, provinces, niced=False) as plain_checks:
                under_checks = scenario()
            with _checks_running(environment, provinces, niced=True) as niced_checks:
                under_niced = scenario()
    if any(plain_checks + niced_checks):
        raise RuntimeError("a selaras check failed while the server was under load")
    return {
        "seconds": _p(under_checks, 0.95),
        "baseline": _p(quiet, 0.95),
        "quiet_p50_ms": round(1000 * _p(quiet, 0.5), 1),
        "quiet_p95_ms": round(1000 * _p(quiet, 0.95), 1),
        "checks_p50_ms": round(1000 * _p(under_checks, 0.5), 1),
        "checks_p95_ms": round(1000 * _p(under_checks, 0.95), 1),
        "niced_checks_p50_ms": round(1000 * _p(under_niced, 0.5), 1),
        "niced_checks_p95_ms": round(1000 * _p(under_niced, 0.95), 1),
        "checks_done": len(plain_checks),
        "niced_checks_done": len(niced_checks),
        "views_per_scenario": min(len(quiet), len(under_checks), len(under_niced)),
        "clients": CLIENTS,
        "goal_p95_ms": int(GOAL_P95 * 1000),
    }
