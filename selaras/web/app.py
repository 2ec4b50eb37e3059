"""Building the FastAPI application: ``create_app(settings)``; nothing is built at import time.

``selaras serve`` runs :func:`app_from_environment` in each uvicorn worker. Several workers are safe:
sessions, login attempts and edits live in the database, and the per-process analysis cache checks a
data stamp before it answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from selaras.analysis import thresholds_for
from selaras.errors import NotFound, StorageError
from selaras.ingest.upload_limits import UploadTooLarge
from selaras.reference.nomenclature_versions import nomenclature_from_settings
from selaras.settings import Settings, load_settings
from selaras.store import Database, open_database
from selaras.store.locking import EditConflict, InvalidEdit
from selaras.store.users import DuplicateUser
from selaras.web.analysis import AnalysisCache, AnalysisPending, accept_previous
from selaras.web.context import NotSignedIn, WebContext, request_lang
from selaras.web.i18n import TEXTS, translate
from selaras.web.middleware import BodyLimit, ReadRetry, SecurityHeaders
from selaras.web.pages import make_templates, render, render_busy
from selaras.web.routes import ROUTERS
from selaras.web.suggest_runs import SuggestRuns

__all__ = ["API_PREFIX", "app_from_environment", "create_app"]

API_PREFIX = "/api/v1"
STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings, *, database: Database | None = None, secure_cookies: bool = True) -> FastAPI:
    """The web workspace over ``database`` (opened and migrated from ``settings`` when not given).

    ``secure_cookies=False`` is for plain-HTTP use on a trusted network or a developer's machine only.
    """
    database = database or open_database(settings)
    nomenclature = nomenclature_from_settings(settings)
    app = FastAPI(
        title="Selaras API",
        version="1",
        description="Keselarasan perencanaan pembangunan daerah: API JSON, otorisasi sama dengan halaman web.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN; the workspace runs offline
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.web = WebContext(
        settings,
        database,
        nomenclature,
        AnalysisCache(database, nomenclature, thresholds=thresholds_for(settings)),
        make_templates(),
        SuggestRuns(
            settings.data_dir / "runs",
            database,
            floor=settings.suggest_floor,
            cache_dir=settings.data_dir / "cache",
        ),
        secure_cookies=secure_cookies,
    )
    for api, pages in ROUTERS:
        app.include_router(api, prefix=API_PREFIX)
        # a page may show the analyses from before the latest change, saying so, rather than wait for the new ones
        app.include_router(pages, include_in_schema=False, dependencies=[Depends(accept_previous)])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_error_handlers(app)
    # the last added runs first: headers go on every answer, including a refused upload
    app.add_middleware(ReadRetry)
    app.add_middleware(BodyLimit, limit=settings.upload_limit_mb * 1_000_000, lang=settings.lang)
    app.add_middleware(SecurityHeaders)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """A starting worker takes up the analyses stored last, so that the first pages after a restart answer at
    once (see :meth:`AnalysisCache.prepare`)."""
    web: WebContext = app.state.web
    web.analyses.prepare()
    yield


def _field_name(name: str, lang: str) -> str:
    """A form or address field as the page calls it ("tahun" for ``year``); its own name when the catalogue has
    no word for it."""
    key = f"field-{name}"
    return translate(key, lang) if key in TEXTS else name


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def _install_error_handlers(app: FastAPI) -> None:
    web: WebContext = app.state.web

    def page_or_json(request: Request, status: int, message: str, title_key: str = "error-title") -> Response:
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=status)
        title = translate(title_key, request_lang(request, web.settings))
        return render(web, request, None, "error.html", status=status, title=title, message=message)

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _error: NotSignedIn) -> Response:
        if _is_api(request):
            message = translate("not-signed-in", request_lang(request, web.settings))
            return JSONResponse({"detail": message}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        """Also the router's own refusals (no page at that address, a POST-only address opened): a page in the
        user's language, not Starlette's ``{"detail": "Not Found"}``."""
        message = str(error.detail)
        if not _is_api(request) and message == HTTPStatus(error.status_code).phrase:
            key = "no-such-page" if error.status_code == 404 else "wrong-method" if error.status_code == 405 else ""
            message = translate(key, request_lang(request, web.settings)) if key else message
        response = page_or_json(request, error.status_code, message)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(EditConflict)
    async def conflict(request: Request, error: EditConflict) -> Response:
        return page_or_json(request, 409, str(error), "conflict-title")

    @app.exception_handler(DuplicateUser)
    async def duplicate(request: Request, error: DuplicateUser) -> Response:
        return page_or_json(request, 409, str(error))

    @app.exception_handler(InvalidEdit)
    async def invalid(request: Request, error: InvalidEdit) -> Response:
        return page_or_json(request, 422, str(error))

    @app.exception_handler(RequestValidationError)
    async def unreadable(request: Request, error: RequestValidationError) -> Response:
        """The API answers FastAPI's usual 422 body; a page explains which field was not understood."""
        if _is_api(request):
            return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
        lang = request_lang(request, web.settings)
        fields = ", ".join(_field_name(str(problem["loc"][-1]), lang) for problem in error.errors())
        return page_or_json(request, 422, translate("invalid-input", lang, fields=fields))

    @app.exception_handler(UploadTooLarge)
    async def too_large(request: Request, error: UploadTooLarge) -> Response:
        return page_or_json(request, 413, str(error))

    @app.exception_handler(NotFound)
    async def missing(request: Request, error: NotFound) -> Response:
        return page_or_json(request, 404, str(error))

    @app.exception_handler(AnalysisPending)
    async def pending(request: Request, error: AnalysisPending) -> Response:
        """Only pages are answered before their pemda's analysis is ready (JSON requests wait for it)."""
        return render_busy(web, request, error.pemda, error.expected_in)


def app_from_environment() -> FastAPI:
    """The app of one ``selaras serve`` worker: settings from ``SELARAS_*``; the schema must be current
    (``serve`` migrates once before starting workers, so they do not race to migrate)."""
    import os

    settings = load_settings()
    database = open_database(settings, migrate=False)
    if not database.is_current():
        raise StorageError("skema basis data belum mutakhir; jalankan `selaras init` terlebih dahulu")
    return create_app(settings, database=database, secure_cookies=os.environ.get("SELARAS_INSECURE_COOKIES") != "1")
