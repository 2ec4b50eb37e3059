"""ASGI layers around the whole app: security headers on every response, the request body limit, and one
retry of a read whose database connection dropped.

They are plain ASGI callables (no ``BaseHTTPMiddleware``) so that an upload streams through them and a
response is never buffered.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sqlalchemy.exc import DBAPIError

from selaras.web.i18n import translate

__all__ = ["BodyLimit", "ReadRetry", "SecurityHeaders", "security_headers"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Scripts, styles, images and fonts only from the app itself; no plugins, no framing, forms post only here.
# Style *attributes* stay allowed: the IKU matrix and the score meters colour cells from data, and a style
# attribute cannot run script. <style> elements and every inline script are refused.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def security_headers(*, https: bool) -> list[tuple[bytes, bytes]]:
    """The headers every response carries; HSTS only over HTTPS (a plain-HTTP answer cannot set it)."""
    headers = [
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]
    if https:
        headers.append((b"strict-transport-security", HSTS.encode()))
    return headers


class SecurityHeaders:
    """Adds :func:`security_headers` to every HTTP response (pages, API, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(https=scope.get("scheme") == "https")
        names = {name for name, _ in extra}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message["headers"] = kept + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


async def _refuse(scope: Scope, send: Send, status: int, detail: str) -> None:
    """A short answer the way the app answers errors: JSON under the API, plain text for a page's form."""
    api = str(scope.get("path", "")).startswith("/api/")
    body = json.dumps({"detail": detail}).encode() if api else detail.encode()
    kind = b"application/json" if api else b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", kind)]})
    await send({"type": "http.response.body", "body": body})


def _lang(scope: Scope, default: str) -> str:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, chosen = part.strip().partition("=")
                if key == "selaras_lang" and chosen in ("id", "en"):
                    return str(chosen)
    return default


class BodyLimit:
    """Refuses a request whose body is over ``limit`` bytes with 413, before the app reads it all: at once
    when ``Content-Length`` says so, otherwise as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, *, limit: int, lang: str = "id") -> None:
        self.app = app
        self.limit = limit
        self.lang = lang

    def _message(self, scope: Scope) -> str:
        megabytes = f"{self.limit / 1_000_000:g}"
        return translate("upload-too-large", _lang(scope, self.lang), limit=megabytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _refuse(scope, send, 413, self._message(scope))
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooLarge:
            if not started:
                await _refuse(scope, send, 413, self._message(scope))


class ReadRetry:
    """Runs a GET or HEAD once more when its database connection was lost (a restarted server, a killed
    backend) before any byte of the answer was sent. Reads change nothing, so a second try is safe; the
    pool's pre-ping has by then thrown the dead connections away. Writes are never repeated."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except DBAPIError as error:
            if started or not error.connection_invalidated:
                raise
            await self.app(scope, receive, send)
