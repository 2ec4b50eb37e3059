"""After a restart a worker shows the analyses stored by the one before, without running the checks: as they are
when the data has not changed since, with the banner (and computed again in the background) when it has; with
nothing stored, a page answers at once with a busy page that reloads itself, then shows the results.

A restart is a second app over the same database: a worker keeps its analyses in memory only. Every check run
goes through ``selaras.analysis.analyse``, which the tests count (``Runs``) and can hold (``Runs.open``); the
background work is driven with ``AnalysisCache.settle``, never by sleeping.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from test_analysis_refresh import Gate
from web_world import OWN_PD, PASSWORD, PROVINSI, Session, blank_satuan

from selaras import analysis as pipeline
from selaras.store.analysis_snapshots import stored_analyses
from selaras.store.changes import data_stamp
from selaras.store.tables import AnalysisSnapshotRow
from selaras.web import analysis as analysis_module
from selaras.web.analysis import AnalysisCache
from selaras.web.app import create_app
from selaras.web.i18n import translate

BANNER = translate("analysis-behind", "id")
BUSY = translate("analysis-busy-title", "id")
PAGES = (f"/pemda/{PROVINSI}", f"/pemda/{PROVINSI}/findings", f"/pemda/{PROVINSI}/pd/{OWN_PD}")
RENJA, SUB = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final", "1.02.02.2.01.0001"
SEL503 = "<strong>SEL503</strong>"  # the row of the finding a blanked satuan makes, on the findings page


class Runs:
    """Counts the check runs (``selaras.analysis.analyse``); closed, a run waits at its start."""

    def __init__(self) -> None:
        self.count = 0
        self.open = threading.Event()
        self.open.set()
        self._analyse = pipeline.analyse

    def __call__(self, *args: Any, **kwargs: Any) -> pipeline.Analysis:
        self.count += 1
        assert self.open.wait(timeout=60), "the test never let the run go on"
        return self._analyse(*args, **kwargs)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runs]:
    counted = Runs()
    monkeypatch.setattr(pipeline, "analyse", counted)
    yield counted
    counted.open.set()


def _restart(app: FastAPI) -> FastAPI:
    """A new worker over the same database, its analyses in memory none (no lifespan: nothing prepared)."""
    web = app.state.web
    web.analyses.settle()  # the old worker has written what it computed
    return create_app(web.settings, database=web.database)


def _signed_in(app: FastAPI, username: str = "admin62") -> Session:
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return Session(client, response.json()["csrf_token"])


def _analyses(app: FastAPI) -> AnalysisCache:
    cache = app.state.web.analyses
    assert isinstance(cache, AnalysisCache)
    return cache


def _page(who: Session, path: str) -> str:
    """The page without what differs between two sessions (the CSRF token)."""
    response = who.client.get(path)
    assert response.status_code == 200, response.text
    return response.text.replace(who.csrf, "")


def _findings(who: Session) -> list[dict[str, object]]:
    found: list[dict[str, object]] = who.client.get(f"/api/v1/pemda/{PROVINSI}/findings").json()["findings"]
    return found


def test_a_restarted_worker_shows_the_stored_analysis_without_running_the_checks(app: FastAPI, runs: Runs) -> None:
    before = _signed_in(app)
    pages = {path: _page(before, path) for path in PAGES}
    findings = _findings(before)
    assert runs.count == 1  # the first worker: one run of the year every page shows
    assert findings and all(BANNER not in page for page in pages.values())

    restarted = _restart(app)
    runs.count = 0
    after = _signed_in(restarted)
    assert {path: _page(after, path) for path in PAGES} == pages
    assert _findings(after) == findings  # every field, the messages rendered from the stored evidence included
    assert runs.count == 0


def test_a_restart_after_a_change_shows_the_stored_analysis_with_the_banner_then_the_new_one(
    app: FastAPI, runs: Runs
) -> None:
    findings = f"/pemda/{PROVINSI}/findings"
    assert SEL503 not in _page(_signed_in(app), findings)
    restarted = _restart(app)
    blank_satuan(restarted.state.web.database, RENJA, SUB)  # a change while no worker runs (the CLI, say)
    cache = _analyses(restarted)
    cache.patience, cache.busy_after = 0.0, 30.0  # the busy page only if the stored analysis never came
    runs.open.clear()
    runs.count = 0
    reader = _signed_in(restarted)

    page = _page(reader, findings)
    assert BANNER in page and 'role="status"' in page and "data-reload-in=" in page
    assert SEL503 not in page  # the findings from before the change

    runs.open.set()
    cache.settle()
    page = _page(reader, findings)
    assert BANNER not in page and SEL503 in page
    assert runs.count == 1
    with restarted.state.web.database.session() as session:
        [stored] = stored_analyses(session, PROVINSI, years=4)
        assert stored.stamp == data_stamp(session, PROVINSI)  # stored again, as of the data now


def test_a_restart_with_other_code_or_thresholds_does_not_take_the_stored_analysis_as_current(
    app: FastAPI, runs: Runs
) -> None:
    _page(_signed_in(app), PAGES[0])
    restarted = _restart(app)
    cache = _analyses(restarted)
    cache.fingerprint = "0" * 64  # what a new release or a changed thresholds file computes
    cache.patience, cache.busy_after = 0.0, 30.0
    runs.open.clear()
    runs.count = 0
    reader = _signed_in(restarted)
    assert BANNER in _page(reader, PAGES[0])
    runs.open.set()
    cache.settle()
    assert BANNER not in _page(reader, PAGES[0])
    assert runs.count == 1
    with restarted.state.web.database.session() as session:
        assert session.scalars(select(AnalysisSnapshotRow.fingerprint)).all() == ["0" * 64]


def test_with_nothing_stored_a_page_answers_at_once_with_a_busy_page_then_the_results(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(analysis_module.load_planning_data)
    monkeypatch.setattr(analysis_module, "load_planning_data", gate)
    cache = _analyses(app)
    cache.patience, cache.busy_after = 0.0, 0.0
    gate.open.clear()
    reader = _signed_in(app)
    for path in PAGES:
        busy = reader.client.get(path)
        assert busy.status_code == 503
        assert busy.headers["retry-after"] in {"3", "4", "5"}
        assert BUSY in busy.text and 'role="status"' in busy.text and "<progress" in busy.text
        assert re.search(r'data-reload-in="[345]"', busy.text)
        assert '<nav aria-label="Menu utama"' in busy.text and "/logout" in busy.text  # the reader can go elsewhere
        expected = re.search(r"Perkiraan: sekitar (\d+) detik lagi\.", busy.text)
        assert expected and 1 <= int(expected.group(1)) <= 10  # no build has ended yet: 10 s, less as time passes

    gate.open.set()
    cache.settle()
    for path in PAGES:
        page = _page(reader, path)
        assert BUSY not in page and BANNER not in page
    listed = _page(reader, PAGES[1])
    assert {str(each["code"]) for each in _findings(reader)} == set(re.findall(r"<strong>(SEL\d+)</strong>", listed))
    with app.state.web.database.session() as session:
        assert [each.year for each in stored_analyses(session, PROVINSI, years=4)] == [2026]


def test_a_starting_worker_prepares_the_pemda_analysed_last(app: FastAPI, runs: Runs) -> None:
    _page(_signed_in(app), PAGES[0])
    restarted = _restart(app)
    cache = _analyses(restarted)
    runs.count = 0
    prepared = cache.prepare()
    assert prepared is not None
    prepared.join(timeout=60)
    cache.patience, cache.busy_after = 0.0, 0.0  # nothing to wait for: it is ready
    page = _page(_signed_in(restarted), PAGES[0])
    assert BUSY not in page and BANNER not in page
    assert runs.count == 0


def test_the_app_prepares_on_start(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[AnalysisCache] = []
    monkeypatch.setattr(AnalysisCache, "prepare", lambda cache: started.append(cache))
    with TestClient(app):
        assert started == [app.state.web.analyses]


def test_json_requests_never_get_the_busy_page(app: FastAPI) -> None:
    cache = _analyses(app)
    cache.patience, cache.busy_after = 0.0, 0.0
    assert _findings(_signed_in(app))


def test_a_year_a_page_asks_for_later_is_stored_too(app: FastAPI, runs: Runs) -> None:
    reader = _signed_in(app)
    other_year = f"/pemda/{PROVINSI}/findings?year=2027"
    _page(reader, PAGES[0])
    page = _page(reader, other_year)  # computed in the request, on the snapshot already shown
    restarted = _restart(app)
    with restarted.state.web.database.session() as session:
        assert sorted(each.year for each in stored_analyses(session, PROVINSI, years=4)) == [2026, 2027]
    runs.count = 0
    assert _page(_signed_in(restarted), other_year) == page
    assert runs.count == 0
