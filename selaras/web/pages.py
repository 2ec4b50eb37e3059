"""Rendering the server-side pages: every template gets the translator, the user, the CSRF token and the
pemda in view (for the navigation). The busiest pages keep their rendered body per data stamp
(:func:`render_cached`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from selaras.domain import kind_and_period
from selaras.errors import NotFound
from selaras.ingest.problems import first_of_each_kind
from selaras.numbers import format_number, format_rupiah
from selaras.reference.wilayah import get_pemda, time_zone
from selaras.report import format as readable
from selaras.web.analysis import served_behind
from selaras.web.context import Caller, WebContext, request_lang, signed_in_caller
from selaras.web.i18n import translate
from selaras.web.security import CSRF_FIELD

__all__ = ["make_templates", "pemda_name", "redirect", "render", "render_busy", "render_cached", "safe_next"]

TEMPLATES = Path(__file__).parent / "templates"


def _number(value: object, decimals: int | None = 0) -> str:
    """Indonesian style (``1.234,5``); ``decimals=None`` shows decimals only where the value has them
    (targets: ``120`` but ``97,5``)."""
    if value is None:
        return "-"
    if decimals is None:
        exponent = Decimal(str(value)).normalize().as_tuple().exponent
        decimals = min(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, decimals=decimals)  # type: ignore[arg-type]  # Decimal, int or float


def _amount(value: Decimal | None) -> str:
    """Money as written in plans: whole rupiah, or with two decimals when there are sen (``1.250,50``)."""
    if value is None:
        return "-"
    return format_number(value, decimals=0 if value == value.to_integral() else 2)


@pass_context
def _when(context: Context, value: datetime | str | None) -> str:
    """``when(value)`` in a template: a moment as the page's reader writes it, in the page's pemda's time zone
    (``7 Desember 2026 11.32 WIB``; UTC on a page of no pemda), the one way every page shows a time. Rows shared
    with the JSON API carry ISO text (UTC), which is read here, so the API keeps ISO and the page never shows it;
    attributes (``data-sort``, form values) keep the ISO value."""
    if not value:
        return "–"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    pemda = context.get("pemda")
    return readable.when(moment, context.get("lang", "id"), time_zone(pemda) if pemda else None)


@pass_context
def _day(context: Context, value: date | str | None) -> str:
    """``day(value)`` in a template: a date as the page's reader writes it (``15 Maret 2026``)."""
    if not value:
        return "–"
    return readable.day(date.fromisoformat(value) if isinstance(value, str) else value, context.get("lang", "id"))


def pemda_name(kode: str | None) -> str:
    """Titles name the pemda: "Kalimantan Tengah" for ``62``, from the wilayah reference (the code itself when
    the reference does not know it)."""
    if not kode:
        return ""
    try:
        return get_pemda(kode).nama
    except NotFound:
        return kode


def document_name(key: str, t: Callable[..., str]) -> str:
    """``Renja 2026`` for ``62/RENJA/1.01.01/2026/final``, in the page's language ``t``: how planners name a
    document; the key itself for a key of another shape."""
    named = kind_and_period(key)
    return f"{t('kind-' + named[0].value)} {named[1]}" if named else key


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals.update(
        rupiah=format_rupiah,
        number=_number,
        amount=_amount,
        csrf_field=CSRF_FIELD,
        quote=quote,
        first_of_each_kind=first_of_each_kind,
        document_name=document_name,
        when=_when,
        day=_day,
    )
    return templates


def render(
    web: WebContext, request: Request, who: Caller | None, name: str, *, status: int = 200, **context: Any
) -> HTMLResponse:
    """The page ``name``; one served analyses from before the latest change shows the banner that says so and
    reloads it when the new ones are expected (``behind``: in how many seconds, see :mod:`selaras.web.analysis`)."""
    lang = who.lang if who else request_lang(request, web.settings)
    pemda = context.pop("pemda", None) or (who.principal.pemda if who else None)
    behind = served_behind()
    return web.templates.TemplateResponse(
        request,
        name,
        {
            "t": _translator(lang),
            "lang": lang,
            "who": who,
            "csrf": who.csrf_token if who else "",
            "pemda": pemda,
            "pemda_name": pemda_name(pemda),
            "behind": None if behind is None else _reload_after(behind),
            **context,
        },
        status_code=status,
    )


def render_cached(
    web: WebContext,
    request: Request,
    who: Caller,
    name: str,
    key: tuple[object, ...],
    body: Callable[[], dict[str, Any]],
    *,
    pemda: str,
) -> HTMLResponse:
    """The page ``name`` whose ``title`` and ``content`` blocks depend only on the data and the language:
    ``key`` says what they show (it must carry the data stamp), ``body()`` gives their context.

    The blocks are rendered once per worker and kept in ``web.analyses.pages``; the layout around them, with
    the user's name, the CSRF token of the logout form and the navigation, is rendered for each request by
    ``layout.html``. The blocks see neither ``who`` nor ``csrf`` nor ``request``, so no block can carry one
    user's details to another (a block that tried would fail, not leak).
    """
    lang = who.lang

    def build() -> dict[str, Markup]:
        template = web.templates.get_template(name)
        context = template.new_context(
            {"t": _translator(lang), "lang": lang, "pemda": pemda, "pemda_name": pemda_name(pemda), **body()}
        )
        return {block: Markup("".join(template.blocks[block](context))) for block in ("title", "content")}

    blocks = web.analyses.pages.cached((name, lang, *key), build)
    return render(web, request, who, "layout.html", pemda=pemda, blocks=blocks)


BUSY_RELOAD = 5
"""Most seconds between two loads of the busy page: a build may end well before its estimate (stored analyses are
taken up in a few seconds), and a reader should not wait for nothing."""


def render_busy(web: WebContext, request: Request, pemda: str, expected_in: float) -> HTMLResponse:
    """The busy page of a page whose pemda's first analysis is still being built
    (:class:`selaras.web.analysis.AnalysisPending`), saying when the results are expected and reloading itself;
    503 with Retry-After, so that a script asking for the page knows to come back."""
    reload_in = min(BUSY_RELOAD, _reload_after(expected_in))
    expected = max(1, math.ceil(expected_in))
    who = signed_in_caller(request)  # with its header and navigation, so a reader can go elsewhere meanwhile
    response = render(web, request, who, "busy.html", status=503, pemda=pemda, expected=expected, reload_in=reload_in)
    response.headers["Retry-After"] = str(reload_in)
    return response


def _reload_after(expected: float) -> int:
    """Whole seconds before the banner reloads its page: a little after the new results are expected, neither
    so soon that a slow rebuild reloads the page over and over nor so late that a reader waits for nothing."""
    return min(30, max(3, math.ceil(expected) + 1))


def _translator(lang: str) -> Callable[..., str]:
    def t(text_id: str, /, **params: object) -> str:
        return translate(text_id, lang, **params)

    return t


def safe_next(target: str | None) -> str:
    """Only redirect within this site (``/path``), never to another host."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def redirect(url: str) -> RedirectResponse:
    """After a successful form POST: 303 See Other, so a reload does not post again."""
    return RedirectResponse(url, status_code=303)
