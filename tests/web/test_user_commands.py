"""`selaras user add | passwd | role`: the first admin is made on the command line, then signs in on the web."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from selaras.cli.app import app as cli
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.sessions import create_session, find_session
from selaras.store.users import find_user
from selaras.web.security import verify_password

runner = CliRunner()


def run(data: Path, *args: str, password: str | None = None) -> tuple[int, str]:
    result = runner.invoke(cli, list(args), env={"SELARAS_DATA_DIR": str(data)}, input=password)
    return result.exit_code, result.output


def test_add_passwd_and_role(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert (
        run(
            data,
            "user",
            "add",
            "kepala",
            "--pemda",
            "62",
            "--role",
            "admin",
            "--password-stdin",
            password="a" * 12 + "\n",
        )[0]
        == 0
    )
    code, out = run(
        data, "user", "add", "kepala", "--pemda", "62", "--role", "admin", "--password-stdin", password="b" * 12 + "\n"
    )
    assert code == 1 and "sudah dipakai" in out
    code, out = run(
        data, "user", "add", "dinkes", "--pemda", "62", "--role", "editor", "--password-stdin", password="c" * 12
    )
    assert code == 2 and "--pd" in out
    code, out = run(
        data, "user", "add", "pendek", "--pemda", "62", "--role", "pembaca", "--password-stdin", password="x\n"
    )
    assert code == 2 and "minimal 10 karakter" in out
    assert run(data, "user", "passwd", "kepala", "--password-stdin", password="kata-sandi-baru\n")[0] == 0
    code, out = run(data, "user", "role", "kepala", "editor", "--pd", "1.02.01")
    assert code == 0 and "PD 1.02.01" in out
    assert run(data, "user", "role", "tidak.ada", "pembaca")[0] == 2
    database = open_database(load_settings({}, data_dir=data))
    with database.session() as session:
        user = find_user(session, "kepala")
    database.dispose()
    assert user is not None and (user.role, user.pd, user.pemda) == ("editor", "1.02.01", "62")
    assert verify_password(user.password_hash, "kata-sandi-baru")


def test_a_new_password_from_the_command_line_ends_the_users_web_sessions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert (
        run(data, "user", "add", "kepala", "--pemda", "62", "--role", "admin", "--password-stdin", password="a" * 12)[0]
        == 0
    )
    database = open_database(load_settings({}, data_dir=data))
    with database.session() as session:
        user = find_user(session, "kepala")
        assert user is not None
        for token in ("di-kantor", "di-rumah"):
            create_session(session, token_hash=token, user_id=user.id, csrf_token="c", lifetime=timedelta(hours=1))
    code, out = run(data, "user", "passwd", "kepala", "--password-stdin", password="kata-sandi-baru\n")
    assert (code, out.strip()) == (0, "Kata sandi kepala diganti; semua sesi web kepala diakhiri")
    with database.session() as session:
        assert find_session(session, "di-kantor") is None and find_session(session, "di-rumah") is None
    database.dispose()
