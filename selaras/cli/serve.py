"""``selaras serve``: the web workspace under uvicorn, on SQLite by default or PostgreSQL when configured."""

from __future__ import annotations

import os

import typer

from selaras.cli.context import cli_context
from selaras.cli.output import console

__all__ = ["serve"]


def serve(
    context: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat yang didengarkan (0.0.0.0 untuk jaringan kantor)."),
    port: int = typer.Option(8000, "--port", help="Port HTTP."),
    workers: int = typer.Option(1, "--workers", help="Jumlah proses pekerja (aman: sesi dan data di basis data)."),
    insecure_cookies: bool = typer.Option(
        False, "--insecure-cookies", help="Izinkan cookie sesi lewat HTTP biasa (hanya untuk uji coba lokal)."
    ),
) -> None:
    """Jalankan ruang kerja web; basis data dimigrasikan sekali, lalu para worker dimulai.

    Contoh: selaras serve --host 0.0.0.0 --port 8000 --workers 4
    """
    import uvicorn

    ctx = cli_context(context)
    database = ctx.database  # opening migrates to the newest schema, once, before any worker starts
    console.print(f"Selaras web: http://{host}:{port}  ({database.engine.url.render_as_string(hide_password=True)})")
    database.dispose()
    os.environ["SELARAS_INSECURE_COOKIES"] = "1" if insecure_cookies else "0"
    for name, value in (("SELARAS_LANG", ctx.settings.lang), ("SELARAS_DATA_DIR", str(ctx.settings.data_dir))):
        os.environ.setdefault(name, value)
    if ctx.settings.database_url:
        os.environ.setdefault("SELARAS_DATABASE_URL", ctx.settings.database_url)
    uvicorn.run(
        "selaras.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers, proxy_headers=True
    )
