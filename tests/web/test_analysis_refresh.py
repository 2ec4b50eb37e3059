"""After an edit the next page answers at once from the analyses before it, with a banner saying so, while a
background thread builds the new ones; later pages show the new results. JSON requests wait for them.

The background build is driven by the test, never by sleeping: ``Gate`` holds every build at its start until
the test opens it, and ``AnalysisCache.settle`` waits until the build has ended. Raising the sub kegiatan's
pagu above its kegiatan's makes SEL301 (the kegiatan's pagu is less than its sub kegiatan's) appear.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from web_world import OWN_PD, PROVINSI, Session

from selaras.checks.monitoring import MonitoringData
from selaras.store.tables import DocumentRow, ItemRow
from selaras.web import analysis as analysis_module
from selaras.web.analysis import AnalysisCache
from selaras.web.i18n import translate

BANNER = translate("analysis-behind", "id")
FINDINGS = f"/pemda/{PROVINSI}/findings"
WORKSPACE = f"/pemda/{PROVINSI}/pd/{OWN_PD}"
NEW_FINDING = ("SEL301", f"{PROVINSI}/RENJA/{OWN_PD}/2026/final", "1.02.02.2.01")
LISTED = {FINDINGS: "<strong>SEL301</strong>", WORKSPACE: " SEL301</span>"}  # the finding's row on each page


class Gate:
    """Stands in for the planning-data load of every build: closed, a build waits at its start; failing, it
    raises."""

    def __init__(self, load: Callable[[DbSession, str], MonitoringData]) -> None:
        self._load = load
        self.open = threading.Event()
        self.open.set()
        self.failing = False

    def __call__(self, session: DbSession, pemda: str) -> MonitoringData:
        assert self.open.wait(timeout=60), "the test never opened the gate"
        if self.failing:
            raise RuntimeError("basis data tidak terjangkau")
        return self._load(session, pemda)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch, app: FastAPI) -> Iterator[Gate]:
    """Pages of ``app`` are served the previous analyses as soon as the new ones are not ready (no patience)."""
    held = Gate(analysis_module.load_planning_data)
    monkeypatch.setattr(analysis_module, "load_planning_data", held)
    app.state.web.analyses.patience = 0.0
    yield held
    held.open.set()
    app.state.web.analyses.settle()


def _raise_pagu(app: FastAPI, editor: Session) -> int:
    """The own PD's sub kegiatan gets a pagu above its kegiatan's; returns the item's id."""
    with app.state.web.database.session() as session:
        item_id = session.scalar(
            select(ItemRow.id)
            .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
            .where(DocumentRow.key == NEW_FINDING[1], ItemRow.key == "1.02.02.2.01.0001")
        )
    assert item_id is not None
    version = editor.client.get(f"/api/v1/items/{item_id}").json()["version"]
    edit = {"version": version, "pagu": {"0": "300.000.000"}}
    assert editor.client.patch(f"/api/v1/items/{item_id}", json=edit, headers=editor.headers()).status_code == 200
    return int(item_id)


def _codes(editor: Session) -> set[tuple[str, str, str]]:
    found = editor.client.get(f"/api/v1{FINDINGS}").json()["findings"]
    return {(each["code"], each["document"], each["item"]) for each in found}


def _analyses(app: FastAPI) -> AnalysisCache:
    cache = app.state.web.analyses
    assert isinstance(cache, AnalysisCache)
    return cache


def test_the_next_page_after_an_edit_shows_the_previous_results_and_says_so(
    app: FastAPI, gate: Gate, sign_in: Callable[[str], Session]
) -> None:
    editor = sign_in("editor62")
    assert NEW_FINDING not in _codes(editor)
    for path in (FINDINGS, WORKSPACE, f"/pemda/{PROVINSI}"):
        assert BANNER not in editor.client.get(path).text  # the first analysis: waited for, nothing to say
    gate.open.clear()
    item_id = _raise_pagu(app, editor)

    findings = editor.client.get(FINDINGS)
    assert findings.status_code == 200
    assert BANNER in findings.text and 'role="status"' in findings.text and "data-reload-in=" in findings.text
    assert LISTED[FINDINGS] not in findings.text  # the results from before the edit, said to be so
    workspace = editor.client.get(WORKSPACE).text
    assert BANNER in workspace and LISTED[WORKSPACE] not in workspace
    assert BANNER in editor.client.get(f"/pemda/{PROVINSI}").text  # the dashboard's cached body, behind too
    item = editor.client.get(f"/items/{item_id}").text  # the edited item itself reads the database
    assert 'value="300.000.000"' in item and BANNER not in item

    gate.open.set()
    _analyses(app).settle()
    findings = editor.client.get(FINDINGS)
    assert BANNER not in findings.text and LISTED[FINDINGS] in findings.text
    workspace = editor.client.get(WORKSPACE).text
    assert BANNER not in workspace and LISTED[WORKSPACE] in workspace
    assert NEW_FINDING in _codes(editor)


def test_the_banner_speaks_the_readers_language(app: FastAPI, gate: Gate, sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    editor.client.get("/lang/en?next=/")
    editor.client.get(FINDINGS)
    gate.open.clear()
    _raise_pagu(app, editor)
    page = editor.client.get(FINDINGS).text
    assert translate("analysis-behind", "en") in page and BANNER not in page


def test_a_rebuild_redoes_what_the_pages_used(app: FastAPI, gate: Gate, sign_in: Callable[[str], Session]) -> None:
    editor = sign_in("editor62")
    editor.client.get(f"/pemda/{PROVINSI}")  # the dashboard: the year's analysis and score cards
    used = _analyses(app).at(PROVINSI).snapshot.results.kept()
    assert ("cards", 2026) in used
    _raise_pagu(app, editor)
    editor.client.get(FINDINGS)
    _analyses(app).settle()
    rebuilt = _analyses(app).at(PROVINSI)  # outside a page: the analyses of the data now
    assert not rebuilt.behind
    assert set(rebuilt.snapshot.results.kept()) == set(used)


def test_json_requests_wait_for_the_new_results(app: FastAPI, gate: Gate, sign_in: Callable[[str], Session]) -> None:
    """A failing build shows it: the request that waited for it fails (had it been answered from the previous
    results, it would have succeeded); the next request builds again."""
    editor = sign_in("editor62")
    before = _codes(editor)
    gate.failing = True
    _raise_pagu(app, editor)
    with pytest.raises(RuntimeError, match="tidak terjangkau"):
        _codes(editor)
    gate.failing = False
    assert _codes(editor) == before | {NEW_FINDING}
