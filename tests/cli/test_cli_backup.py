"""`selaras backup` / `restore-backup` and `export-all` / `import-all`: after a round trip through an empty
database, `check`, `scores` and `info` say exactly what they said before (SQLite, and PostgreSQL when
configured)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import coded, indicator, plan, strategic
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from selaras.cli.app import app as cli
from selaras.domain import DocumentKind, ItemLevel, Pemda, PemdaLevel, PerangkatDaerah
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.bulk import save_all
from selaras.store.users import add_user, find_user

runner = CliRunner()
POSTGRES_URL = os.environ.get("SELARAS_TEST_POSTGRES_URL", "")
COMMANDS = (("check", "--year", "2026"), ("scores", "--year", "2026", "--pd"), ("info", "--documents"))


class Place:
    """Where one test database lives: a SQLite folder, or a PostgreSQL schema of its own."""

    def __init__(self, env: dict[str, str], wipe: Callable[[], None]) -> None:
        self.env = env
        self.wipe = wipe

    def run(self, *args: str) -> tuple[int, str]:
        result = runner.invoke(cli, list(args), env=self.env)
        return result.exit_code, result.output.replace("\n", "")  # long paths wrap


def _sqlite(folder: Path) -> Place:
    def wipe() -> None:
        for path in folder.glob("selaras.db*"):
            path.unlink()

    return Place({"SELARAS_DATA_DIR": str(folder)}, wipe)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def places(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Place, Place]]:
    """Two empty databases of one kind: the original and the one an export is loaded into."""
    if request.param == "sqlite":
        yield _sqlite(tmp_path / "asli"), _sqlite(tmp_path / "baru")
        return
    if not POSTGRES_URL:
        pytest.skip("SELARAS_TEST_POSTGRES_URL is not set")
    admin = create_engine(POSTGRES_URL)
    schemas = [f"t_{uuid.uuid4().hex[:12]}" for _ in range(2)]

    def make(schema: str) -> Place:
        def wipe() -> None:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))

        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        return Place({"SELARAS_DATABASE_URL": url, "SELARAS_DATA_DIR": str(tmp_path / schema)}, wipe)

    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield make(schemas[0]), make(schemas[1])
    finally:
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def seed(place: Place) -> None:
    """A province with named PD, an RPJMD, two Renja (one with a gap), a user and an audit entry."""
    settings = load_settings(place.env)
    database = open_database(settings)
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Mewujudkan masyarakat sehat"),
            strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatkan derajat kesehatan", parent="M1"),
        ],
        pemda="62",
    )
    renja = [
        plan(
            DocumentKind.RENJA,
            [
                coded(
                    "1.02.02",
                    "PROGRAM PEMENUHAN UPAYA KESEHATAN",
                    indicators=[indicator("AHH", "Tahun", targets={2026: "70"})],
                ),
                coded("1.02.02.2.01", "Penyediaan Layanan Kesehatan", pagu={2026: "250000000"}),
            ],
            pemda="62",
            pd="1.02.01",
        ),
        plan(
            DocumentKind.RENJA, [coded("5.01.02", "PROGRAM PERENCANAAN", pagu={2026: "10"})], pemda="62", pd="5.01.01"
        ),
    ]
    with database.session() as session:
        save_all(
            session,
            pemda=[Pemda("62", "Kalimantan Tengah", PemdaLevel.PROVINSI, "00")],
            perangkat_daerah=[
                PerangkatDaerah("62", "1.02.01", "Dinas Kesehatan", "Dinkes", ("1.02",)),
                PerangkatDaerah("62", "5.01.01", "Badan Perencanaan Pembangunan Daerah", "Bappeda", ("5.01",)),
            ],
            plans=[rpjmd, *renja],
        )
    database.dispose()
    result = runner.invoke(
        cli,
        ["user", "add", "kepala", "--pemda", "62", "--role", "admin", "--password-stdin"],
        env=place.env,
        input="a" * 12,
    )
    assert result.exit_code == 0, result.output


def outputs(place: Place) -> list[tuple[int, str]]:
    return [place.run(*command) for command in COMMANDS]


def test_backup_wipe_restore_gives_the_same_answers(places: tuple[Place, Place], tmp_path: Path) -> None:
    place = places[0]
    seed(place)
    before = outputs(place)
    assert [code for code, _ in before] in ([0, 0, 0], [1, 0, 0]), before
    backup = tmp_path / "cadangan" / "selaras.cadangan"
    code, out = place.run("backup", str(backup))
    assert code == 0, out
    assert out.startswith(f"Cadangan ditulis ke {backup} (")
    place.wipe()
    assert place.run("info", "--json")[1] != before[2][1]  # the wipe did wipe
    code, out = place.run("restore-backup", str(backup), "--yes")
    assert code == 0, out
    assert f"Basis data dipulihkan dari {backup}" in out
    assert outputs(place) == before
    # restoring something that is not a backup changes nothing
    bogus = tmp_path / "bukan-cadangan"
    bogus.write_text("halo", encoding="utf-8")
    code, _out = place.run("restore-backup", str(bogus), "--yes")
    assert code == 1 and outputs(place) == before


def test_a_full_export_loads_into_an_empty_database_with_the_same_findings_and_scores(
    places: tuple[Place, Place], tmp_path: Path
) -> None:
    original, empty = places
    seed(original)
    before = outputs(original)
    folder = tmp_path / "ekspor"
    code, out = original.run("export-all", str(folder))
    assert code == 0, out
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "selaras-export-all" and manifest["rows"]["perangkat_daerah"] == 2
    users = [json.loads(line) for line in (folder / "user.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(u["username"], u["password_hash"]) for u in users] == [("kepala", "")]  # no hash leaves
    assert not (folder / "web_session.jsonl").exists()
    code, out = empty.run("import-all", str(folder))
    assert code == 0, out
    assert "1 pengguna perlu kata sandi baru (`selaras user passwd NAMA`)" in out
    assert outputs(empty) == before
    database = open_database(load_settings(empty.env))
    with database.session() as session:
        user = find_user(session, "kepala")
        assert user is not None and user.password_hash == ""
        # new rows continue after the imported ids
        add_user(session, username="baru", password_hash="x", pemda="62", role="pembaca", pd=None)
    database.dispose()
    # a second import into the now filled database is refused
    code, out = empty.run("import-all", str(folder))
    assert code == 1 and "tidak kosong" in out
