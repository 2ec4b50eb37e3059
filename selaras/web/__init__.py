"""The web workspace: FastAPI with server-rendered pages and a JSON API under ``/api/v1``.

Routes only parse the request, ask :mod:`selaras.web.authz` whether the user may, call the same core
library as the CLI, and render. Build the app with :func:`selaras.web.app.create_app`.
"""
