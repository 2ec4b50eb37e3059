"""The first page after an edit, on the sample province of ``selaras demo``, in one process through the
app's test client: an admin of the province edits one Renja sub kegiatan through the API, then opens the
dashboard (``/pemda/62``) and the findings (``/pemda/62/findings``).

* measured: the web as it is, where the page answers from the analyses before the edit (with the banner) while
  a background thread builds the new ones; the build is waited for (``AnalysisCache.settle``) before the next
  round, and its duration reported (``rebuild_s``);
* baseline, in the same run: the old path, the page waiting for every check and score to be computed again
  (``patience = None``).

Each is the median of ``ROUNDS`` edits. The sample is built once (about a minute on two cores) and dropped.
SQLite in a scratch folder by default; on PostgreSQL with ``BENCH_DATABASE_URL`` naming a database of its own
(``createdb bench``; ``BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python -m benchmarks
web-after-edit``), where the sample replaces its pemda.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selaras.web.analysis import AnalysisCache

__all__ = ["web_after_edit"]

PROVINSI = "62"
PASSWORD = "bench-rahasia-123"
ROUNDS = 3
PAGES = {"dashboard": f"/pemda/{PROVINSI}", "findings": f"/pemda/{PROVINSI}/findings"}
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


def web_after_edit() -> dict[str, float | int | str]:
    # imported here: every case's process loads benchmarks.cases, and the web app would add ~50 MB to its peak
    from fastapi.testclient import TestClient
    from sqlalchemy import delete, select

    from selaras.settings import load_settings
    from selaras.store import open_database
    from selaras.store.tables import DocumentRow, ItemRow, UserRow
    from selaras.store.users import add_user
    from selaras.web import security
    from selaras.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        _demo(data_dir)
        settings = load_settings(_server(), data_dir=data_dir)
        database = open_database(settings)
        with database.session() as session:
            password_hash = security.hash_password(PASSWORD)
            session.execute(delete(UserRow).where(UserRow.username == "bench"))  # from an earlier run on PostgreSQL
            add_user(session, username="bench", password_hash=password_hash, pemda=PROVINSI, role="admin", pd=None)
            item_id = session.scalar(
                select(ItemRow.id)
                .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
                .where(DocumentRow.pemda == PROVINSI, DocumentRow.kind == "RENJA", ItemRow.level == "sub_kegiatan")
                .order_by(ItemRow.id)
            )
        app = create_app(settings, database=database)
        analyses: AnalysisCache = app.state.web.analyses
        with TestClient(app, base_url="https://testserver") as client:
            signed_in = client.post("/api/v1/auth/login", json={"username": "bench", "password": PASSWORD})
            signed_in.raise_for_status()
            csrf = signed_in.json()["csrf_token"]
            cold, _ = _timed(lambda: [client.get(path).raise_for_status() for path in PAGES.values()])
            edits = 0

            def edit() -> None:
                nonlocal edits
                edits += 1
                item = client.get(f"/api/v1/items/{item_id}").json()
                change = {"version": item["version"], "lokasi": f"Lokasi {edits}"}
                client.patch(f"/api/v1/items/{item_id}", json=change, headers={"X-CSRF-Token": csrf}).raise_for_status()

            def after_edit(page: str) -> tuple[float, bool, float, float]:
                """Seconds of the page after an edit, whether it said it showed the previous results, seconds
                until the new ones were built, seconds of the same page once nothing has changed."""
                edit()
                seconds, response = _timed(lambda: client.get(PAGES[page]))
                rebuilt, _ = _timed(analyses.settle)
                client.get(PAGES[page])
                warm, _ = _timed(lambda: client.get(PAGES[page]))
                return seconds, BANNER in response.text, seconds + rebuilt, warm  # type: ignore[attr-defined]

            now = {page: [after_edit(page) for _ in range(ROUNDS)] for page in PAGES}
            analyses.patience = None  # the old path: the page waits for every check and score again
            before = {page: [after_edit(page) for _ in range(ROUNDS)] for page in PAGES}
        database.dispose()
    median = {page: statistics.median(run[0] for run in runs) for page, runs in now.items()}
    old = {page: statistics.median(run[0] for run in runs) for page, runs in before.items()}
    warm = {page: statistics.median(run[3] for run in runs) for page, runs in now.items()}
    seconds, baseline = max(median.values()), max(old.values())
    return {
        "seconds": seconds,
        "baseline": baseline,
        "times_faster": round(baseline / seconds),
        **{f"{page}_ms": round(1000 * value) for page, value in median.items()},
        **{f"{page}_warm_ms": round(1000 * value) for page, value in warm.items()},
        **{f"{page}_old_s": round(value, 1) for page, value in old.items()},
        "rebuild_s": round(statistics.median(run[2] for runs in now.values() for run in runs), 1),
        "cold_s": round(cold, 1),
        "behind": sum(run[1] for runs in now.values() for run in runs),  # pages that showed the banner
        "rounds": ROUNDS,
    }
