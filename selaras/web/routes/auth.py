"""Signing in and out (API and login form), the current user, and the language switch."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from selaras.store.audit import now
from selaras.store.sessions import (
    LoginFailures,
    clear_failures,
    count_failures,
    create_session,
    delete_session,
    record_failure,
)
from selaras.store.tenants import find_perangkat_daerah
from selaras.store.users import StoredUser, find_user
from selaras.web.authz import Role
from selaras.web.context import CallerDep, Web, WebContext, WriterDep, request_lang
from selaras.web.i18n import translate
from selaras.web.pages import redirect, render, safe_next
from selaras.web.security import (
    CSRF_FIELD,
    LANG_COOKIE,
    SESSION_COOKIE,
    LoginLimits,
    hash_token,
    new_token,
    same_token,
    verify_password,
)
from selaras.web.serialize import Shape, UserJson

api = APIRouter(tags=["auth"])
pages = APIRouter()

LOGIN_CSRF_COOKIE = "selaras_login_csrf"


class Credentials(BaseModel):
    username: str
    password: str


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def _wait_text(wait: timedelta, lang: str) -> str:
    seconds = math.ceil(wait.total_seconds())
    if seconds < 120:
        return translate("seconds", lang, n=seconds)
    return translate("minutes", lang, n=math.ceil(seconds / 60))


def _locked_for(limits: LoginLimits, failures: LoginFailures) -> timedelta:
    """How much longer the next attempt must wait: the longest of the three back-offs still running."""
    at = now()
    waits = [
        counted.last + limits.wait(counted.count, limit) - at
        for counted, limit in (
            (failures.pair, limits.per_user_and_client),
            (failures.client, limits.per_client),
            (failures.username, limits.per_username),
        )
        if counted.last is not None
    ]
    return max([timedelta(0), *waits])


def _sign_in(web: WebContext, request: Request, username: str, password: str) -> tuple[StoredUser, str, str]:
    """Check the password under the rate limit; returns (user, session token, CSRF token) or raises 401/429."""
    lang = request_lang(request, web.settings)
    limits, client = web.limits, _client(request)
    with web.database.session() as session:
        failures = count_failures(session, username=username, client=client, window=limits.window)
    wait = _locked_for(limits, failures)
    if wait > timedelta(0):
        raise HTTPException(
            429,
            translate("login-limited", lang, wait=_wait_text(wait, lang)),
            headers={"Retry-After": str(math.ceil(wait.total_seconds()))},
        )
    with web.database.session() as session:
        user = find_user(session, username)
    # verified whether or not the user exists or is active, so the answer takes the same time either way
    matches = verify_password(user.password_hash if user else None, password)
    if user is None or not matches or not user.active:
        with web.database.session() as session:
            record_failure(session, username=username, client=client)
        raise HTTPException(401, translate("login-failed", lang))
    token, csrf = new_token(), new_token()
    with web.database.session() as session:
        clear_failures(session, username=username, client=client)
        create_session(
            session, token_hash=hash_token(token), user_id=user.id, csrf_token=csrf, lifetime=web.session_lifetime
        )
    return user, token, csrf


def _set_session_cookie(web: WebContext, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(web.session_lifetime.total_seconds()),
        httponly=True,
        secure=web.secure_cookies,
        samesite="lax",
    )


class SignedIn(Shape):
    user: UserJson
    csrf_token: str = Field(description="Kirim sebagai header X-CSRF-Token pada setiap permintaan yang mengubah data")


class Me(Shape):
    username: str
    pemda: str
    role: str
    pd: str | None
    csrf_token: str


@api.post("/auth/login", response_model=SignedIn, summary="Masuk; menyetel cookie sesi dan mengembalikan token CSRF")
def login(credentials: Credentials, request: Request, response: Response, web: Web) -> dict[str, object]:
    user, token, csrf = _sign_in(web, request, credentials.username, credentials.password)
    _set_session_cookie(web, response, token)
    return {"user": user.public(), "csrf_token": csrf}


@api.post("/auth/logout", status_code=204, summary="Keluar (mengakhiri sesi)")
def logout(who: WriterDep, web: Web, response: Response) -> None:
    with web.database.session() as session:
        delete_session(session, who.token_hash)
    response.delete_cookie(SESSION_COOKIE)


@api.get("/me", response_model=Me, summary="Pengguna yang sedang masuk, dengan token CSRF sesinya")
def me(who: CallerDep) -> dict[str, object]:
    p = who.principal
    return {"username": p.username, "pemda": p.pemda, "role": p.role.value, "pd": p.pd, "csrf_token": who.csrf_token}


@pages.get("/login")
def login_form(request: Request, web: Web, next: str | None = None) -> Response:
    token = new_token()
    response = render(web, request, None, "login.html", login_csrf=token, next=safe_next(next), error=None)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, secure=web.secure_cookies, samesite="strict")
    return response


@pages.post("/login")
def login_submit(
    request: Request,
    web: Web,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not same_token(expected, csrf_token):
        raise HTTPException(403, translate("csrf-failed", request_lang(request, web.settings)))
    try:
        _user, token, _csrf = _sign_in(web, request, username, password)
    except HTTPException as error:
        fresh = new_token()
        response = render(
            web,
            request,
            None,
            "login.html",
            status=error.status_code,
            login_csrf=fresh,
            next=safe_next(next),
            error=error.detail,
        )
        response.set_cookie(LOGIN_CSRF_COOKIE, fresh, httponly=True, secure=web.secure_cookies, samesite="strict")
        return response
    signed_in = redirect(safe_next(next))
    _set_session_cookie(web, signed_in, token)
    signed_in.delete_cookie(LOGIN_CSRF_COOKIE)
    return signed_in


@pages.post("/logout")
def logout_submit(who: WriterDep, web: Web) -> Response:
    with web.database.session() as session:
        delete_session(session, who.token_hash)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


@pages.get("/")
def home(who: CallerDep, web: Web) -> Response:
    """An editor lands on their PD's workspace; everyone else (and an editor whose PD code is not a PD of the
    pemda) on the pemda's dashboard."""
    principal = who.principal
    if principal.role is Role.EDITOR and principal.pd:
        with web.database.session() as session:
            agency = find_perangkat_daerah(session, principal.pemda, principal.pd)
        if agency is not None:
            return redirect(f"/pemda/{principal.pemda}/pd/{quote(agency.kode)}")
    return redirect(f"/pemda/{principal.pemda}")


@pages.get("/lang/{lang}")
def switch_language(lang: str, web: Web, next: str | None = None) -> Response:
    """Choose the interface language (a preference cookie; nothing is changed on the server)."""
    response = RedirectResponse(safe_next(next), status_code=303)
    if lang in ("id", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, secure=web.secure_cookies, samesite="lax")
    return response
