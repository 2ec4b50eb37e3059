"""What every route needs: the app's shared resources, the signed-in user, CSRF and authorization checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates

from selaras.domain import PemdaLevel
from selaras.errors import NotFound
from selaras.reference.nomenclature import Nomenclature
from selaras.reference.wilayah import get_pemda
from selaras.settings import Settings
from selaras.store import Database
from selaras.store.sessions import find_session
from selaras.web.analysis import AnalysisCache
from selaras.web.authz import Action, Decision, Principal, Role, Target, decide
from selaras.web.i18n import translate
from selaras.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    LANG_COOKIE,
    SESSION_COOKIE,
    LoginLimits,
    hash_token,
    same_token,
)
from selaras.web.suggest_runs import SuggestRuns

__all__ = [
    "Caller",
    "CallerDep",
    "NotSignedIn",
    "Web",
    "WebContext",
    "WriterDep",
    "authorize",
    "request_lang",
    "signed_in_caller",
    "target",
]


@dataclass
class WebContext:
    """Shared by all requests of one worker process (``app.state.web``)."""

    settings: Settings
    database: Database
    nomenclature: Nomenclature
    analyses: AnalysisCache
    templates: Jinja2Templates
    suggestions: SuggestRuns
    secure_cookies: bool = True
    limits: LoginLimits = field(default_factory=LoginLimits)
    session_lifetime: timedelta = timedelta(hours=12)


async def web_context(request: Request) -> WebContext:
    """``async`` although it waits for nothing: FastAPI runs a plain ``def`` dependency in a worker thread,
    and handing a thread this lookup would cost more than the lookup on every request."""
    context = request.app.state.web
    assert isinstance(context, WebContext)
    return context


Web = Annotated[WebContext, Depends(web_context)]


@dataclass(frozen=True, slots=True)
class Caller:
    """The signed-in user of this request, with the session's CSRF token and the chosen language."""

    user_id: int
    principal: Principal
    csrf_token: str
    token_hash: str
    lang: str

    @property
    def username(self) -> str:
        return self.principal.username

    def t(self, text_id: str, /, **params: object) -> str:
        return translate(text_id, self.lang, **params)


class NotSignedIn(Exception):
    """No valid session: the API answers 401, pages redirect to the login form."""


def request_lang(request: Request, settings: Settings) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    return chosen if chosen in ("id", "en") else settings.lang


def _caller(request: Request, web: Web) -> Caller:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise NotSignedIn
    token_hash = hash_token(token)
    with web.database.session() as session:
        active = find_session(session, token_hash)
    if active is None:
        raise NotSignedIn
    user = active.user
    principal = Principal(
        user.username, user.pemda, Role(user.role), user.pd, provinsi=get_pemda(user.pemda).level is PemdaLevel.PROVINSI
    )
    caller = Caller(user.id, principal, active.csrf_token, token_hash, request_lang(request, web.settings))
    request.state.caller = caller  # for a page answered by an exception handler (the busy page keeps its header)
    return caller


def signed_in_caller(request: Request) -> Caller | None:
    """The caller this request was signed in as, once its route's dependencies ran; None before (or for none)."""
    caller = getattr(request.state, "caller", None)
    return caller if isinstance(caller, Caller) else None


CallerDep = Annotated[Caller, Depends(_caller)]


async def _writer(request: Request, who: CallerDep) -> Caller:
    """The caller of a state-changing request, after checking its CSRF token: the ``X-CSRF-Token`` header
    (API) or the ``csrf_token`` form field (pages)."""
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if not same_token(who.csrf_token, given):
        raise HTTPException(403, who.t("csrf-failed"))
    return who


WriterDep = Annotated[Caller, Depends(_writer)]


def target(pemda: str, pd: str | None = None) -> Target:
    """The authorization target for data of ``pemda`` (owned by ``pd``); unknown pemda codes are not found."""
    try:
        found = get_pemda(pemda)
    except NotFound:
        raise HTTPException(404, f"pemda '{pemda}' tidak dikenal") from None
    return Target(pemda, found.parent if found.level.is_kabkota else None, pd)


def authorize(who: Caller, action: Action, pemda: str, pd: str | None = None) -> None:
    """Raise 404 or 403 unless the caller may do ``action`` on data of ``pemda`` owned by ``pd``."""
    decision = decide(who.principal, action, target(pemda, pd))
    if decision is Decision.NOT_FOUND:
        raise HTTPException(404, who.t("not-found"))
    if decision is Decision.FORBIDDEN:
        raise HTTPException(403, who.t("forbidden"))
