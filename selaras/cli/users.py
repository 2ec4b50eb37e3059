"""``selaras user add | passwd | role``: web users from the command line (the first admin starts here)."""

from __future__ import annotations

import sys

import typer

from selaras.cli.click_texts import LocalizedGroup
from selaras.cli.context import cli_context
from selaras.cli.output import console
from selaras.errors import ConfigurationError, NotFound
from selaras.reference.wilayah import get_pemda
from selaras.web.authz import Role

__all__ = ["app"]

app = typer.Typer(
    cls=LocalizedGroup,
    help="Pengguna web.\n\nContoh: selaras user add admin.bappeda --pemda 62 --role admin",
    no_args_is_help=True,
)

ROLE_HELP = "Peran: admin, editor, verifikator, pembaca."


def _role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise typer.BadParameter(ROLE_HELP) from None


def _password(from_stdin: bool) -> str:
    from selaras.web.security import check_password_strength

    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Kata sandi", hide_input=True, confirmation_prompt=True)
    problem = check_password_strength(password)
    if problem:
        raise ConfigurationError(problem)
    return password


def _checked_pd(role: Role, pd: str | None) -> str | None:
    if role is Role.EDITOR and not pd:
        raise typer.BadParameter("editor PD memerlukan --pd (kode perangkat daerahnya)", param_hint="--pd")
    return pd if role is Role.EDITOR else pd or None


def add(
    context: typer.Context,
    username: str = typer.Argument(..., help="Nama pengguna (unik)."),
    pemda: str = typer.Option(..., "--pemda", help="Kode pemda, misalnya 62 atau 62.71."),
    role: str = typer.Option(..., "--role", help=ROLE_HELP),
    pd: str = typer.Option(None, "--pd", help="Kode perangkat daerah (wajib untuk editor)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Baca kata sandi dari stdin."),
) -> None:
    """Tambah pengguna web pada sebuah pemda dengan perannya (kata sandi ditanyakan dua kali).

    Contoh: selaras user add bappeda.admin --pemda 62 --role admin
    """
    from selaras.store.audit import record_audit
    from selaras.store.users import add_user
    from selaras.web.security import hash_password

    ctx = cli_context(context)
    chosen = _role(role)
    kode = get_pemda(pemda).kode
    password = _password(password_stdin)
    with ctx.database.session() as session:
        user = add_user(
            session,
            username=username,
            password_hash=hash_password(password),
            pemda=kode,
            role=chosen.value,
            pd=_checked_pd(chosen, pd),
        )
        record_audit(
            session,
            pemda=kode,
            username=f"cli:{ctx.settings.user or 'lokal'}",
            action="create",
            entity="user",
            entity_id=user.id,
            new=user.public(),
        )
    console.print(f"Pengguna {username} ditambahkan ({chosen.label}, pemda {kode})")


def _existing(context: typer.Context, username: str) -> int:
    from selaras.store.users import find_user

    with cli_context(context).database.session() as session:
        user = find_user(session, username)
    if user is None:
        raise NotFound(f"pengguna '{username}' tidak ada")
    return user.id


def passwd(
    context: typer.Context,
    username: str = typer.Argument(..., help="Nama pengguna."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Baca kata sandi dari stdin."),
) -> None:
    """Ganti kata sandi pengguna.

    Contoh: selaras user passwd bappeda.admin
    """
    from selaras.store.audit import record_audit
    from selaras.store.users import update_user
    from selaras.web.security import hash_password

    user_id = _existing(context, username)
    password = _password(password_stdin)
    ctx = cli_context(context)
    with ctx.database.session() as session:
        before, _after = update_user(session, user_id, password_hash=hash_password(password))
        record_audit(
            session,
            pemda=before.pemda,
            username=f"cli:{ctx.settings.user or 'lokal'}",
            action="update",
            entity="user",
            entity_id=user_id,
            old={"password": "***"},
            new={"password": "***"},
        )
    console.print(f"Kata sandi {username} diganti; semua sesi web {username} diakhiri")


def role(
    context: typer.Context,
    username: str = typer.Argument(..., help="Nama pengguna."),
    new_role: str = typer.Argument(..., help=ROLE_HELP),
    pd: str = typer.Option(None, "--pd", help="Kode perangkat daerah (untuk editor)."),
    active: bool = typer.Option(None, "--active/--inactive", help="Aktifkan atau nonaktifkan pengguna."),
) -> None:
    """Ubah peran (dan PD) pengguna, atau nonaktifkan.

    Contoh: selaras user role dinkes.editor editor --pd 1.02.01
    """
    from selaras.store.audit import record_audit
    from selaras.store.users import update_user

    user_id = _existing(context, username)
    chosen = _role(new_role)
    ctx = cli_context(context)
    with ctx.database.session() as session:
        before, after = update_user(
            session,
            user_id,
            role=chosen.value,
            pd=_checked_pd(chosen, pd),
            clear_pd=chosen is not Role.EDITOR and not pd,
            active=active,
        )
        old, new = before.public(), after.public()
        changed = [name for name in new if old[name] != new[name]]
        record_audit(
            session,
            pemda=before.pemda,
            username=f"cli:{ctx.settings.user or 'lokal'}",
            action="update",
            entity="user",
            entity_id=user_id,
            old={n: old[n] for n in changed},
            new={n: new[n] for n in changed},
        )
    console.print(f"Pengguna {username}: {chosen.label}" + (f", PD {after.pd}" if after.pd else ""))
