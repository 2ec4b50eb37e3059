"""Rendering the server-side pages: every template gets the translator, the user, the CSRF token and the
pemda in view (for the navigation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from selaras.numbers import format_number, format_rupiah
from selaras.web.context import Caller, WebContext, request_lang
from selaras.web.i18n import translate
from selaras.web.security import CSRF_FIELD

__all__ = ["make_templates", "redirect", "render"]

TEMPLATES = Path(__file__).parent / "templates"


def _number(value: object, decimals: int = 0) -> str:
    if value is None:
        return "-"
    return format_number(value, decimals=decimals)  # type: ignore[arg-type]  # Decimal, int or float


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals.update(rupiah=format_rupiah, number=_number, csrf_field=CSRF_FIELD, quote=quote)
    return templates


def render(
    web: WebContext, request: Request, who: Caller | None, name: str, *, status: int = 200, **context: Any
) -> HTMLResponse:
    lang = who.lang if who else request_lang(request, web.settings)

    def t(text_id: str, /, **params: object) -> str:
        return translate(text_id, lang, **params)

    pemda = context.pop("pemda", None) or (who.principal.pemda if who else None)
    return web.templates.TemplateResponse(
        request,
        name,
        {"t": t, "lang": lang, "who": who, "csrf": who.csrf_token if who else "", "pemda": pemda, **context},
        status_code=status,
    )


def redirect(url: str) -> RedirectResponse:
    """After a successful form POST: 303 See Other, so a reload does not post again."""
    return RedirectResponse(url, status_code=303)
