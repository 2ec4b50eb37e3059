"""Users and roles of a pemda (admin only): list, add, change role/PD/active/password. A PD is chosen from the
pemda's perangkat daerah (an editor must have one); the form says what was created."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from selaras.domain import PerangkatDaerah
from selaras.store.audit import record_audit
from selaras.store.tenants import list_perangkat_daerah
from selaras.store.users import StoredUser, add_user, get_user, list_users, update_user
from selaras.web.authz import Action, Role
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.i18n import translate
from selaras.web.pages import redirect, render
from selaras.web.security import check_password_strength, hash_password
from selaras.web.serialize import UserJson

api = APIRouter(tags=["pengguna"])
pages = APIRouter()


class NewUser(BaseModel):
    username: str = Field(min_length=3, max_length=80, pattern=r"^[A-Za-z0-9._@-]+$")
    password: str
    role: Role = Role.PEMBACA
    pd: str | None = Field(default=None, description="Wajib untuk editor PD: kode perangkat daerahnya di pemda ini")


class UserEdit(BaseModel):
    role: Role | None = None
    pd: str | None = None
    active: bool | None = None
    password: str | None = None


def _agencies(web: WebContext, pemda: str) -> list[PerangkatDaerah]:
    with web.database.session() as session:
        return list_perangkat_daerah(session, pemda)


def _check(web: WebContext, who: Caller, pemda: str, role: Role | None, pd: str | None, password: str | None) -> None:
    """An editor needs a PD, and a PD given must be one of the pemda's (its code); the password must be strong."""
    if role is Role.EDITOR and not pd:
        raise HTTPException(422, translate("editor-needs-pd", who.lang))
    if pd and pd not in {agency.kode for agency in _agencies(web, pemda)}:
        raise HTTPException(422, translate("pd-not-in-pemda", who.lang, pd=pd, pemda=pemda))
    if password is not None and (problem := check_password_strength(password)):
        raise HTTPException(422, problem)


def _list(web: WebContext, pemda: str) -> list[StoredUser]:
    with web.database.session() as session:
        return list_users(session, [pemda])


def _add(web: WebContext, who: Caller, pemda: str, new: NewUser) -> StoredUser:
    authorize(who, Action.MANAGE_USERS, pemda)
    _check(web, who, pemda, new.role, new.pd, new.password)
    with web.database.session() as session:
        user = add_user(
            session,
            username=new.username,
            password_hash=hash_password(new.password),
            pemda=pemda,
            role=new.role.value,
            pd=new.pd or None,
        )
        record_audit(
            session,
            pemda=pemda,
            username=who.username,
            action="create",
            entity="user",
            entity_id=user.id,
            new=user.public(),
        )
    return user


def _edit(web: WebContext, who: Caller, user_id: int, edit: UserEdit) -> StoredUser:
    with web.database.session() as session:
        current = get_user(session, user_id)
    authorize(who, Action.MANAGE_USERS, current.pemda)
    role = edit.role or Role(current.role)
    pd = edit.pd if edit.pd is not None else current.pd
    _check(web, who, current.pemda, role, pd, edit.password)
    with web.database.session() as session:
        before, after = update_user(
            session,
            user_id,
            role=edit.role.value if edit.role else None,
            pd=edit.pd or None,
            clear_pd=edit.pd == "",
            active=edit.active,
            password_hash=hash_password(edit.password) if edit.password else None,
            keep_session=who.token_hash if user_id == who.user_id else None,
        )
        old, new = before.public(), after.public()
        changed = [name for name in new if old[name] != new[name]]
        if edit.password:
            changed.append("password")  # recorded as changed; neither password nor hash is logged
        record_audit(
            session,
            pemda=current.pemda,
            username=who.username,
            action="update",
            entity="user",
            entity_id=user_id,
            old={name: old.get(name, "***") for name in changed},
            new={name: new.get(name, "***") for name in changed},
        )
    return after


@api.get("/pemda/{pemda}/users", response_model=list[UserJson], summary="Pengguna pemda (admin)")
def users(pemda: str, who: CallerDep, web: Web) -> list[dict[str, object]]:
    authorize(who, Action.READ_ADMIN, pemda)
    return [user.public() for user in _list(web, pemda)]


@api.post("/pemda/{pemda}/users", status_code=201, response_model=UserJson, summary="Tambah pengguna (admin)")
def create_user(pemda: str, new: NewUser, who: WriterDep, web: Web) -> dict[str, object]:
    return _add(web, who, pemda, new).public()


@api.patch(
    "/users/{user_id}", response_model=UserJson, summary="Ubah peran, PD, status aktif atau kata sandi pengguna (admin)"
)
def patch_user(user_id: int, edit: UserEdit, who: WriterDep, web: Web) -> dict[str, object]:
    return _edit(web, who, user_id, edit).public()


@pages.get("/pemda/{pemda}/users", response_class=HTMLResponse)
def users_page(pemda: str, request: Request, who: CallerDep, web: Web, created: str | None = None) -> HTMLResponse:
    """The list and forms; ``created`` names the user just added, whose role and PD the page confirms."""
    authorize(who, Action.READ_ADMIN, pemda)
    users = _list(web, pemda)
    return render(
        web,
        request,
        who,
        "users.html",
        pemda=pemda,
        users=users,
        roles=list(Role),
        roles_by_value={role.value: role for role in Role},
        agencies=_agencies(web, pemda),
        created=next((user for user in users if user.username == created), None),
    )


@pages.post("/pemda/{pemda}/users")
def create_user_page(
    pemda: str,
    who: WriterDep,
    web: Web,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[Role, Form()] = Role.PEMBACA,
    pd: Annotated[str | None, Form()] = None,
) -> Response:
    user = _add(web, who, pemda, NewUser(username=username, password=password, role=role, pd=pd or None))
    return redirect(f"/pemda/{pemda}/users?{urlencode({'created': user.username})}#dibuat")


@pages.post("/users/{user_id}")
def edit_user_page(
    user_id: int,
    who: WriterDep,
    web: Web,
    role: Annotated[Role | None, Form()] = None,
    pd: Annotated[str | None, Form()] = None,
    active: Annotated[bool | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
) -> Response:
    user = _edit(web, who, user_id, UserEdit(role=role, pd=pd, active=active, password=password or None))
    return redirect(f"/pemda/{user.pemda}/users")
