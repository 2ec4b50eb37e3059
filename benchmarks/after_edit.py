"""The first pages after an edit and after a restart, on the sample province of ``selaras demo``, in one process
through the app's test client. Goal: p95 ≤ 1 s for the pages after an edit, on PostgreSQL.

After an edit: an admin of the province edits one Renja sub kegiatan through the API, then opens the pages a
user opens next, each timed: the dashboard (``/pemda/62``), the findings and the home of the edited item's PD.
The background rebuild is waited for (``AnalysisCache.settle``) before the next edit, and its duration reported
(``rebuild_s``). ``EDITS`` edits × 3 pages give the p50 and p95:

* measured: the web as it is, where a page answers from the analyses before the edit (with the banner) while a
  background thread builds the new ones;
* baseline, in the same run: the old path, every page waiting for every check and score to be computed again
  (``patience = None``), ``BASELINE_EDITS`` edits × 3 pages.

After a restart: a new app over the same database, as a restarted worker is (its analyses in memory none):

* ``restart_first_ms``: the dashboard asked for the moment the worker has started (which starts taking up the
  stored analyses, ``AnalysisCache.prepare``): the busy page if they are not taken up yet (``restart_busy``);
* ``restart_ready_s``: from the start until the stored analyses are taken up, and ``restart_pages_ms`` the p95
  of the three pages then, with ``restart_runs`` check runs (none: nothing computed again);
* ``restart_old_s``, the baseline: the first dashboard of a worker with nothing stored, waiting for the whole
  analysis, as every restart did before the analyses were stored.

The sample is built once (about a minute on two cores) and dropped. SQLite in a scratch folder by default; on
PostgreSQL with ``BENCH_DATABASE_URL`` naming a database of its own (``createdb bench``;
``BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python -m benchmarks web-after-edit``,
what ``make bench`` runs), where the sample replaces its pemda.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from httpx import Response

    from selaras.settings import Settings
    from selaras.store import Database

__all__ = ["web_after_edit"]

PROVINSI = "62"
PASSWORD = "bench-rahasia-123"
EDITS = 20
BASELINE_EDITS = 5  # each costs a whole analysis of the province (7-10 s): fewer, still 15 pages
GOAL_P95 = 1.0
BANNER = 'class="message behind"'


def _demo(data_dir: Path) -> None:
    from typer.testing import CliRunner

    from selaras.cli.app import app

    result = CliRunner().invoke(app, ["demo", "--no-report"], env={"SELARAS_DATA_DIR": str(data_dir), **_server()})
    if result.exit_code != 0:
        raise RuntimeError(result.output)


def _server() -> dict[str, str]:
    """``BENCH_DATABASE_URL`` (a PostgreSQL database of its own: the sample replaces its pemda there) as the
    setting that points Selaras at it; nothing, for SQLite in the scratch data dir."""
    url = os.environ.get("BENCH_DATABASE_URL", "")
    return {"SELARAS_DATABASE_URL": url} if url else {}


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def _get(client: TestClient, path: str) -> tuple[float, Response]:
    """Seconds until the page ``path`` answered, and the answer."""
    start = time.perf_counter()
    response = client.get(path)
    return time.perf_counter() - start, response


def _p(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def _signed_in(app: FastAPI) -> tuple[TestClient, str]:
    """A client of ``app`` signed in as the bench admin, and its CSRF token."""
    from fastapi.testclient import TestClient

    client = TestClient(app, base_url="https://testserver")
    signed_in = client.post("/api/v1/auth/login", json={"username": "bench", "password": PASSWORD})
    signed_in.raise_for_status()
    return client, str(signed_in.json()["csrf_token"])


def _prepare(database: Database) -> tuple[int, str]:
    """The bench admin; the Renja sub kegiatan the edits change and its PD."""
    from sqlalchemy import delete, select

    from selaras.store.tables import DocumentRow, ItemRow, UserRow
    from selaras.store.users import add_user
    from selaras.web import security

    with database.session() as session:
        password_hash = security.hash_password(PASSWORD)
        session.execute(delete(UserRow).where(UserRow.username == "bench"))  # from an earlier run on PostgreSQL
        add_user(session, username="bench", password_hash=password_hash, pemda=PROVINSI, role="admin", pd=None)
        item_id, pd = session.execute(
            select(ItemRow.id, DocumentRow.pd)
            .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
            .where(DocumentRow.pemda == PROVINSI, DocumentRow.kind == "RENJA", ItemRow.level == "sub_kegiatan")
            .order_by(ItemRow.id)
            .limit(1)
        ).one()
    return int(item_id), str(pd)


def _after_edits(app: FastAPI, item_id: int, pages: list[str], edits: int) -> dict[str, list[float]]:
    """``edits`` rounds of: an edit, each page once; the seconds of each page and of each rebuild, and whether
    each page showed the banner (1) or not (0)."""
    client, csrf = _signed_in(app)
    client.get(pages[0])  # the worker's first analysis (the busy page meanwhile)
    app.state.web.analyses.settle()
    for path in pages:  # each rendered once before the first edit
        client.get(path).raise_for_status()
    found: dict[str, list[float]] = {"pages": [], "rebuild": [], "behind": []}
    for _ in range(edits):
        item = client.get(f"/api/v1/items/{item_id}").json()
        change = {"version": item["version"], "lokasi": f"Lokasi {time.monotonic_ns()}"}
        client.patch(f"/api/v1/items/{item_id}", json=change, headers={"X-CSRF-Token": csrf}).raise_for_status()
        for path in pages:
            seconds, response = _get(client, path)
            response.raise_for_status()
            found["pages"].append(seconds)
            found["behind"].append(float(BANNER in response.text))
        rebuilt, _ = _timed(app.state.web.analyses.settle)
        found["rebuild"].append(rebuilt)
    client.close()
    return found


def _restart(settings: Settings, database: Database, pages: list[str]) -> dict[str, float | int | str]:
    """A worker started over the stored analyses (see the module's docstring), then one over none."""
    from fastapi.testclient import TestClient
    from sqlalchemy import delete

    from selaras import analysis as pipeline
    from selaras.store.tables import AnalysisSnapshotRow
    from selaras.web.app import create_app

    with mock.patch.object(pipeline, "analyse", wraps=pipeline.analyse) as runs:  # counts the check runs
        app = create_app(settings, database=database)
        client, _ = _signed_in(app)
        start = time.perf_counter()
        with TestClient(app):  # the worker starts: it takes up the stored analyses in the background
            first, response = _get(client, pages[0])
            busy = response.status_code == 503
            app.state.web.analyses.settle()
            ready = time.perf_counter() - start
            after = [_get(client, path) for path in pages]
        restored_runs = runs.call_count
        if any(answer.status_code != 200 or BANNER in answer.text for _, answer in after):
            raise RuntimeError("after a restart over the stored analyses, a page was not answered with them")
        with database.session() as session:
            session.execute(delete(AnalysisSnapshotRow).where(AnalysisSnapshotRow.pemda == PROVINSI))
        old_app = create_app(settings, database=database)
        old_app.state.web.analyses.busy_after = None  # the page waits, as every first page did before
        old_client, _ = _signed_in(old_app)
        old, _ = _timed(lambda: old_client.get(pages[0]).raise_for_status())
        old_app.state.web.analyses.settle()
    return {
        "restart_first_ms": round(1000 * first),
        "restart_busy": int(busy),
        "restart_ready_s": round(ready, 1),
        "restart_pages_ms": round(1000 * max(seconds for seconds, _ in after)),
        "restart_runs": restored_runs,
        "restart_old_s": round(old, 1),
    }


def web_after_edit() -> dict[str, float | int | str]:
    # imported here: every case's process loads benchmarks.cases, and the web app would add ~50 MB to its peak
    from selaras.settings import load_settings
    from selaras.store import open_database
    from selaras.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        _demo(data_dir)
        settings = load_settings(_server(), data_dir=data_dir)
        database = open_database(settings)
        item_id, pd = _prepare(database)
        pages = [f"/pemda/{PROVINSI}", f"/pemda/{PROVINSI}/findings", f"/pemda/{PROVINSI}/pd/{pd}"]
        now = _after_edits(create_app(settings, database=database), item_id, pages, EDITS)
        old_app = create_app(settings, database=database)
        old_app.state.web.analyses.patience = None  # the old path: a page waits for every check and score again
        before = _after_edits(old_app, item_id, pages, BASELINE_EDITS)
        restart = _restart(settings, database, pages)
        database.dispose()
    seconds, baseline = _p(now["pages"], 0.95), _p(before["pages"], 0.95)
    return {
        "seconds": seconds,
        "baseline": baseline,
        "goal": f"first page after an edit p95 ≤ {GOAL_P95:g} s",
        "met": "yes" if seconds <= GOAL_P95 else "NO",
        "database": "postgresql" if _server() else "sqlite",
        "p50_ms": round(1000 * _p(now["pages"], 0.5)),
        "p95_ms": round(1000 * seconds),
        "old_p50_s": round(_p(before["pages"], 0.5), 2),
        "old_p95_s": round(baseline, 1),
        "times_faster_p95": round(baseline / seconds),
        "pages": len(now["pages"]),
        "old_pages": len(before["pages"]),
        "behind": int(sum(now["behind"])),  # pages that showed the banner
        "rebuild_s": round(statistics.median(now["rebuild"]), 1),
        **restart,
    }
