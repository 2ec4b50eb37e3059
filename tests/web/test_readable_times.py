"""Every page writes a time one way, as its reader does, in the pemda's time zone (``7 Desember 2026 11.32 WIB``;
``7 December 2026 11:32 WIB`` in English), and the audit log names each action in words. Pages showed
``2026-12-07 04:32:49`` on the document lists and the audit log and ``07-12-2026 04.32`` on the suggestion page;
the audit log showed ``link-accepted``. Machine-facing values (``data-sort``, the JSON API) stay ISO."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from web_world import OWN_PD, PROVINSI, Session

from selaras.domain.links import LinkStatus
from selaras.reference.wilayah import time_zone
from selaras.report.format import when
from selaras.store.plans import load_plan
from selaras.store.realisasi_review import Verifikasi
from selaras.store.responses import ResponseState
from selaras.web.i18n import TEXTS
from selaras.workbook.writer import write_plan

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober")
BULAN += ("November", "Desember")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
MONTHS += ("November", "December")
MOMENT = re.compile(rf"\b\d{{1,2}} ({'|'.join(BULAN)}) \d{{4}} \d{{2}}\.\d{{2}} WIB\b")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")


def _visible(page: str) -> str:
    """The page's text as a reader sees it: tags, with their attributes, left out."""
    return re.sub(r"<[^>]*>", " ", page)


def _import(admin: Session, database: object, tmp_path: Path) -> None:
    with database.session() as session:  # type: ignore[attr-defined]
        plan = load_plan(session, RENJA)
    plan.items[0].text = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN"
    response = admin.client.post(
        f"/api/v1/pemda/{PROVINSI}/documents",
        files={
            "file": ("renja.xlsx", write_plan(tmp_path / "renja.xlsx", plan).read_bytes(), "application/octet-stream")
        },
        data={"kind": "RENJA", "period": "2026", "pd": OWN_PD},
        headers=admin.headers(),
    )
    assert response.status_code == 201, response.text


def test_when_writes_a_moment_as_a_reader_does_in_the_pemdas_time_zone() -> None:
    moment = datetime(2026, 12, 7, 4, 32, 49)  # as stored: naive UTC
    assert when(moment) == "7 Desember 2026 04.32 UTC"
    assert when(moment, "en") == "7 December 2026 04:32 UTC"
    assert when(moment.replace(tzinfo=UTC)) == "7 Desember 2026 04.32 UTC"
    assert when(moment, "id", time_zone("62.71")) == "7 Desember 2026 11.32 WIB"  # Palangkaraya
    assert when(moment, "id", time_zone("64")) == "7 Desember 2026 12.32 WITA"  # Kalimantan Timur
    assert when(datetime(2026, 12, 7, 20, 5), "en", time_zone("81.04")) == "8 December 2026 05:05 WIT"  # Buru


def test_a_page_that_lists_an_import_writes_its_time_in_the_readers_words(
    sign_in: Callable[[str], Session], app: object, tmp_path: Path
) -> None:
    admin = sign_in("admin62")
    _import(admin, app.state.web.database, tmp_path)  # type: ignore[attr-defined]
    [listed] = [d for d in admin.client.get(f"/api/v1/pemda/{PROVINSI}/documents").json() if d["key"] == RENJA]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", listed["updated_at"])  # the API keeps ISO
    at = datetime.fromisoformat(listed["updated_at"]) + timedelta(hours=7)  # the province 62 reads WIB
    written = f"{at.day} {BULAN[at.month - 1]} {at.year} {at:%H}.{at:%M} WIB"
    pages = {
        "documents": f"/pemda/{PROVINSI}/documents",
        "versions": f"/documents/{listed['id']}",
        "pd home": f"/pemda/{PROVINSI}/pd/{OWN_PD}",
        "audit": f"/pemda/{PROVINSI}/audit",  # its own moment, the entry's: maybe a minute on
    }
    for name, path in pages.items():
        text = _visible(admin.client.get(path).text)
        assert MOMENT.search(text) and (name == "audit" or written in text), name
        assert not ISO_MOMENT.search(text), (name, ISO_MOMENT.search(text))
    assert f'data-sort="{listed["updated_at"]}"' in admin.client.get(pages["documents"]).text  # sorts by ISO
    admin.client.get("/lang/en?next=/")
    english = _visible(admin.client.get(pages["documents"]).text)
    assert f"{at.day} {MONTHS[at.month - 1]} {at.year} {at:%H}:{at:%M} WIB" in english


def test_the_audit_log_names_each_action_in_words(
    sign_in: Callable[[str], Session], app: object, tmp_path: Path
) -> None:
    admin = sign_in("admin62")
    _import(admin, app.state.web.database, tmp_path)  # type: ignore[attr-defined]
    [reader] = [u for u in admin.client.get(f"/api/v1/pemda/{PROVINSI}/users").json() if u["username"] == "staf62"]
    changed = admin.client.patch(f"/api/v1/users/{reader['id']}", json={"active": False}, headers=admin.headers())
    assert changed.status_code == 200, changed.text
    page = admin.client.get(f"/pemda/{PROVINSI}/audit").text
    assert "action-" not in page
    actions = re.findall(r"<td>admin62</td><td>([^<]*)</td><td>([^<]*) <code>", page)
    assert ("diubah", "pengguna") in actions and ("diimpor", "dokumen") in actions
    admin.client.get("/lang/en?next=/")
    english = admin.client.get(f"/pemda/{PROVINSI}/audit").text
    assert "<td>admin62</td><td>changed</td><td>user <code>" in english
    assert "<td>admin62</td><td>imported</td><td>document <code>" in english


def test_every_action_the_audit_log_records_has_its_words() -> None:
    """The actions are written where the changes are made: the literal ones, and those named after a state
    (``finding-{state}``); a new one without its text would show as ``action-…`` on the audit page."""
    package = Path(__file__).parents[2] / "selaras"
    by_state = {
        "realisasi-": [state.value for state in Verifikasi],
        "finding-": [state.value for state in ResponseState],
        "link-": [status.value for status in LinkStatus],
    }
    actions: set[str] = set()
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        if "record_audit(" not in text:
            continue
        actions.update(re.findall(r'\baction="([^"]+)"', text))
        for prefix in re.findall(r'\baction=f"([^"{]*)\{', text):
            assert prefix in by_state, (source, prefix)  # a new kind of action: name its states above
            actions.update(prefix + state for state in by_state[prefix])
    assert {"import", "update", "realisasi-import", "link-accepted"} <= actions  # the scan finds them
    assert sorted(action for action in actions if f"action-{action}" not in TEXTS) == []
