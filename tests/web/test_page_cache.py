"""The dashboard and tree keep their rendered body per data stamp: each user still sees their own name and
CSRF token, and a change made outside the web (the CLI) shows on the next view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from factories import strategic
from web_world import PROVINSI, Session, rpjmd

from selaras.domain import ItemLevel
from selaras.store import Database
from selaras.store.plans import save_plan

PAGES = [f"/pemda/{PROVINSI}", f"/pemda/{PROVINSI}/tree"]


@pytest.mark.parametrize("path", PAGES)
def test_a_cached_page_shows_each_user_their_own_name_and_token(sign_in: Callable[[str], Session], path: str) -> None:
    admin, reader = sign_in("admin62"), sign_in("staf62")
    first, second = admin.client.get(path), reader.client.get(path)
    assert first.status_code == second.status_code == 200
    assert "admin62" in first.text and admin.csrf in first.text
    assert "staf62" in second.text and reader.csrf in second.text
    assert "admin62" not in second.text and admin.csrf not in second.text
    assert "/pemda/62/users" in first.text and "/pemda/62/users" not in second.text  # admin-only navigation


def test_a_change_made_outside_the_web_shows_on_the_next_view(
    database: Database, sign_in: Callable[[str], Session]
) -> None:
    reader = sign_in("staf62")
    assert "Mewujudkan masyarakat sehat" in reader.client.get(f"/pemda/{PROVINSI}/tree").text
    stored = rpjmd(PROVINSI)
    renamed = [strategic("M1", ItemLevel.MISI, "Mewujudkan masyarakat sehat dan cerdas"), *stored.items[1:]]
    with database.session() as session:
        save_plan(session, replace(stored, items=renamed))
    assert "Mewujudkan masyarakat sehat dan cerdas" in reader.client.get(f"/pemda/{PROVINSI}/tree").text
