"""Issue 14: database connections that drop (a restarted server, killed backends) cause no user-visible error.

The pool tests a connection before handing it out (``pool_pre_ping``), and a GET whose connection died
under it is run once more; a write is never repeated."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from web_world import PASSWORD, PROVINSI, Session, seed

from selaras.settings import load_settings
from selaras.store import Database, open_database
from selaras.web import context
from selaras.web.app import create_app

POSTGRES_URL = os.environ.get("SELARAS_TEST_POSTGRES_URL", "")


def dropped(statement: str) -> OperationalError:
    return OperationalError(statement, {}, Exception("server closed the connection"), connection_invalidated=True)


def test_a_read_whose_connection_dropped_is_answered(
    sign_in: Callable[[str], Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = sign_in("pembaca62")
    real = context.find_session
    drops = [dropped("SELECT")]

    def dropping(*args: object, **kwargs: object) -> object:
        if drops:
            raise drops.pop()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context, "find_session", dropping)
    assert reader.client.get(f"/pemda/{PROVINSI}").status_code == 200
    assert drops == []
    # a write is not repeated: the error shows rather than risking doing it twice
    drops.append(dropped("UPDATE"))
    with pytest.raises(OperationalError):
        reader.client.post("/logout", data={"csrf_token": reader.csrf})


@pytest.fixture
def postgres_app() -> Iterator[tuple[FastAPI, str]]:
    """An app on its own schema of the test PostgreSQL, opened the way ``selaras serve`` opens it, with an
    application name that lets the test kill exactly its connections."""
    if not POSTGRES_URL:
        pytest.skip("SELARAS_TEST_POSTGRES_URL is not set")
    schema, name = f"t_{uuid.uuid4().hex[:12]}", f"selaras-drop-{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}&application_name={name}"
    database: Database = open_database(load_settings({}, database_url=url))
    seed(database)
    try:
        yield create_app(load_settings({}, database_url=url), database=database), name
    finally:
        database.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.postgres
def test_killed_backends_cause_no_failed_request(postgres_app: tuple[FastAPI, str]) -> None:
    app, name = postgres_app
    admin = create_engine(POSTGRES_URL)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        assert (
            client.post("/api/v1/auth/login", json={"username": "pembaca62", "password": PASSWORD}).status_code == 200
        )
        pages = [
            f"/pemda/{PROVINSI}",
            f"/pemda/{PROVINSI}/documents",
            f"/api/v1/pemda/{PROVINSI}/documents",
            "/api/v1/me",
        ]
        for _ in range(3):
            for page in pages:
                assert client.get(page).status_code == 200
            with admin.begin() as connection:
                killed = connection.execute(
                    text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :n"),
                    {"n": name},
                ).scalar_one()
            assert killed >= 1
            answers = [client.get(page).status_code for page in pages]
            assert answers == [200] * len(pages)
    admin.dispose()
