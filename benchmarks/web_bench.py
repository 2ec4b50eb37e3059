"""The web workspace under load: the dashboard and the plan tree of the sample province on PostgreSQL, served
by uvicorn with two workers, requested by 50 concurrent signed-in users (loopback only), in two scenarios:

* realistic: each user pauses a random 0.5-2 s (seeded) between page views, as a person reading the page
  does, for a fixed duration; the goal (p95 ≤ 150 ms for the dashboard and the tree) is about this one;
* stress: each user asks again the moment an answer arrives (no pause), a fixed number of times. The
  server is then always saturated, so latency is mostly queueing: by Little's law it is about 50 users
  divided by the throughput, which is reported as pages per second.

Each user is one keep-alive connection of :mod:`benchmarks.http_load`, whose CPU cost per request is tiny:
the generator shares the machine with the server, and httpx's pool spent more CPU than the server did.

The sample goes into a fresh schema of ``SELARAS_TEST_POSTGRES_URL`` (or the local ``test`` database), which
is dropped afterwards. Both scenarios stop by themselves and the whole load is also bounded in time. The
baseline is the p50 of the login page (no data, no session) measured in the realistic scenario of the same
run, so the ratio says how much the pages cost above the bare framework.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from benchmarks.http_load import Page, cookie_header, realistic, stress
from selaras.reference.frameworks import national_frameworks
from selaras.reference.wilayah import PUSAT
from selaras.sample import generate_province
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.bulk import save_all
from selaras.store.users import add_user
from selaras.web.security import hash_password

__all__ = ["web_pages"]

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CLIENTS = 50
ROUNDS = 10  # per client and page, in the stress scenario
DURATION = 40.0  # seconds of the realistic scenario
THINK = (0.5, 2.0)  # seconds a user pauses between page views, in the realistic scenario
SEED = 20261123
GOAL_P95 = 0.150
PASSWORD = "bench-rahasia-123"


@contextmanager
def _schema(url: str) -> Iterator[str]:
    """A fresh PostgreSQL schema; yields the URL whose connections use it, drops it afterwards."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def _load_sample(url: str, data_dir: Path) -> str:
    """The sample province and the national frameworks, and an admin of the province; returns its kode."""
    sample = generate_province()
    database = open_database(load_settings({}, database_url=url, data_dir=data_dir))
    provinsi = sample.pemda[0].kode
    with database.session() as session:
        save_all(session, pemda=[PUSAT], perangkat_daerah=[], plans=national_frameworks())
        save_all(session, pemda=sample.pemda, perangkat_daerah=sample.perangkat_daerah, plans=sample.plans)
        add_user(
            session, username="bench", password_hash=hash_password(PASSWORD), pemda=provinsi, role="admin", pd=None
        )
    database.dispose()
    return provinsi


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(url: str, data_dir: Path) -> Iterator[str]:
    """``selaras serve --workers 2`` as a child process on loopback; stopped (by its own handle) afterwards."""
    port = _free_port()
    env = {
        **os.environ,
        "SELARAS_DATABASE_URL": url,
        "SELARAS_DATA_DIR": str(data_dir),
        "SELARAS_INSECURE_COOKIES": "1",
    }
    command = [sys.executable, "-m", "uvicorn", "selaras.web.app:app_from_environment", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the web server did not start")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _warm_up(base: str, pages: list[Page], users: int = 8) -> None:
    """Each worker analyses the province once, from the first request it happens to get, and answers the busy
    page (HTTP 503) meanwhile; keep asking until a whole round is fast, so that no cold start falls into the
    measurement (at most ten fast-enough-or-not rounds, and two minutes of busy pages)."""
    rounds, deadline = 0, time.monotonic() + 120
    while rounds < 10:
        try:
            latencies = asyncio.run(stress(base, pages, users=users, rounds=1))
        except RuntimeError:  # a busy page: the worker is still analysing
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
            continue
        rounds += 1
        if max(max(values) for values in latencies.values()) < 1.0:
            return


def _p(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def web_pages() -> dict[str, float | int | str]:
    url = os.environ.get("SELARAS_TEST_POSTGRES_URL") or POSTGRES_URL
    with tempfile.TemporaryDirectory() as folder, _schema(url) as schema_url:
        provinsi = _load_sample(schema_url, Path(folder))
        with _server(schema_url, Path(folder)) as base:
            signed_in = httpx.post(f"{base}/api/v1/auth/login", json={"username": "bench", "password": PASSWORD})
            signed_in.raise_for_status()
            cookie = cookie_header(dict(signed_in.cookies))
            pages = [("dashboard", f"/pemda/{provinsi}", cookie), ("tree", f"/pemda/{provinsi}/tree", cookie)]
            login: Page = ("login", "/login", "")
            start = time.perf_counter()
            _warm_up(base, pages)
            warmup = time.perf_counter() - start
            realistic_timings = asyncio.run(
                realistic(base, [*pages, login], users=CLIENTS, duration=DURATION, think=THINK, seed=SEED)
            )
            start = time.perf_counter()
            stress_timings = asyncio.run(stress(base, pages, users=CLIENTS, rounds=ROUNDS))
            rate = sum(len(values) for values in stress_timings.values()) / (time.perf_counter() - start)
            stress_timings |= asyncio.run(stress(base, [login], users=CLIENTS, rounds=ROUNDS))
    result: dict[str, float | int | str] = {
        "seconds": max(_p(realistic_timings[name], 0.95) for name, _, _ in pages),
        "baseline": _p(realistic_timings["login"], 0.5),
    }
    for scenario, timings in (("realistic", realistic_timings), ("stress", stress_timings)):
        for name, values in timings.items():
            result[f"{scenario}_{name}_p50_ms"] = round(1000 * _p(values, 0.5), 1)
            result[f"{scenario}_{name}_p95_ms"] = round(1000 * _p(values, 0.95), 1)
    result["realistic_views"] = sum(len(values) for values in realistic_timings.values())
    result["stress_pages_per_s"] = round(rate)
    result["warmup_s"] = round(warmup, 1)
    result["clients"] = CLIENTS
    result["goal_p95_ms"] = int(GOAL_P95 * 1000)
    return result
