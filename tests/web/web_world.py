"""A small world for the web tests: province 62 with two PD, its kota 62.71, and an unrelated province 63;
users of every role in 62; an app over the ``database`` fixture (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import pytest
from argon2 import PasswordHasher
from factories import coded, indicator, link, plan, strategic
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from selaras.domain import DocumentKind, ItemLevel, LinkOrigin, LinkStatus, Pemda, PemdaLevel, PerangkatDaerah, Plan
from selaras.match.engine import Matcher
from selaras.settings import load_settings
from selaras.store import Database
from selaras.store.bulk import save_all
from selaras.store.changes import touch
from selaras.store.tables import DocumentRow, IndicatorRow, ItemRow
from selaras.store.users import add_user
from selaras.web import security
from selaras.web.app import create_app

PROVINSI, KOTA, OTHER = "62", "62.71", "63"
OWN_PD, OTHER_PD = "1.02.01", "5.01.01"
PASSWORD = "rahasia-sekali-123"
ROLES = ("admin", "editor", "verifikator", "pembaca")


@pytest.fixture(autouse=True)
def fast_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with the smallest parameters: the tests check the flow, not the hash's cost."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def renja(pemda: str, pd: str, rpjmd: Plan | None) -> Plan:
    program = coded(
        "1.02.02",
        "PROGRAM PEMENUHAN UPAYA KESEHATAN",
        indicators=[indicator("Angka harapan hidup", "Tahun", targets={2026: "70"})],
    )
    sub = coded(
        "1.02.02.2.01.0001",
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        indicators=[indicator("Jumlah ibu hamil yang dilayani", "Orang", targets={2026: "120"})],
        pagu={2026: "250000000"},
    )
    kegiatan = coded("1.02.02.2.01", "Penyediaan Layanan Kesehatan", pagu={2026: "250000000"})
    document = plan(DocumentKind.RENJA, [program, kegiatan, sub], pemda=pemda, pd=pd)
    if rpjmd is not None:
        proposed = link(document, "1.02.02", rpjmd, "M1.T1.S1", status=LinkStatus.PROPOSED)
        document.links.append(replace(proposed, origin=LinkOrigin.SUGGESTED, score=0.9))
    return document


def rpjmd(pemda: str) -> Plan:
    return plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Mewujudkan masyarakat sehat"),
            strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatkan derajat kesehatan", parent="M1"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya umur harapan hidup", parent="M1.T1"),
        ],
        pemda=pemda,
    )


def blank_satuan(database: Database, document: str, item: str) -> int:
    """Empty the satuan of ``item``'s indicators in ``document`` (a SEL503 galat to fix); returns the item's id."""
    with database.session() as session:
        item_id = session.scalar(
            select(ItemRow.id)
            .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
            .where(DocumentRow.key == document, ItemRow.key == item)
        )
        session.execute(update(IndicatorRow).where(IndicatorRow.item_id == item_id).values(satuan=""))
        touch(session, document.split("/")[0])  # the analysis cache sees the change
    return int(item_id)


def seed(database: Database) -> None:
    governments = [
        Pemda(PROVINSI, "Kalimantan Tengah", PemdaLevel.PROVINSI, "00"),
        Pemda(KOTA, "Kota Palangkaraya", PemdaLevel.KOTA, PROVINSI),
        Pemda(OTHER, "Kalimantan Selatan", PemdaLevel.PROVINSI, "00"),
    ]
    agencies = [
        PerangkatDaerah(PROVINSI, OWN_PD, "Dinas Kesehatan", "Dinkes", ("1.02",)),
        PerangkatDaerah(PROVINSI, OTHER_PD, "Bappeda", "Bappeda", ("5.01",)),
        PerangkatDaerah(KOTA, OWN_PD, "Dinas Kesehatan Kota", "Dinkes", ("1.02",)),
        PerangkatDaerah(OTHER, OWN_PD, "Dinas Kesehatan Kalsel", "Dinkes", ("1.02",)),
    ]
    plans = []
    for kode in (PROVINSI, KOTA, OTHER):
        strategic_plan = rpjmd(kode)
        plans += [strategic_plan, renja(kode, OWN_PD, strategic_plan)]
    plans.append(renja(PROVINSI, OTHER_PD, plans[0]))
    with database.session() as session:
        save_all(session, pemda=governments, perangkat_daerah=agencies, plans=plans)
        users = [(f"{role}62", PROVINSI, role, OWN_PD if role == "editor" else None) for role in ROLES]
        users += [("staf62", PROVINSI, "pembaca", None), ("staf62.71", KOTA, "pembaca", None)]
        users += [("staf63", OTHER, "pembaca", None), ("admin6271", KOTA, "admin", None)]
        for username, pemda, role, pd in users:
            add_user(
                session,
                username=username,
                password_hash=security.hash_password(PASSWORD),
                pemda=pemda,
                role=role,
                pd=pd,
            )


@dataclass
class Session:
    """A signed-in test client and its CSRF token."""

    client: TestClient
    csrf: str

    def headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf}


@pytest.fixture
def app(database: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    seed(database)
    settings = load_settings({}, data_dir=tmp_path_factory.mktemp("web"))
    created = create_app(settings, database=database)
    # "Buat usulan tautan" runs the lexical signal only: the web tests never load the language models
    created.state.web.suggestions.make_matcher = lambda: Matcher.default(lexical_only=True)
    yield created
    # the analyses a test's pages started are built and stored in the background: let them end before the
    # database fixture drops the schema under them (a DROP SCHEMA deadlocked with a snapshot being stored)
    created.state.web.analyses.settle()


@pytest.fixture
def sign_in(app: FastAPI) -> Iterator[Callable[[str], Session]]:
    clients: list[TestClient] = []

    def signed_in(username: str) -> Session:
        client = TestClient(app, base_url="https://testserver", follow_redirects=False)
        clients.append(client)
        response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return Session(client, response.json()["csrf_token"])

    yield signed_in
    for client in clients:
        client.close()


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client
