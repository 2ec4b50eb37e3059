"""Typed settings, declared once, each with a default and help text.

Read by :func:`load_settings` from ``SELARAS_*`` environment variables (and an optional TOML file named
by ``SELARAS_CONFIG``), then passed explicitly to the store, the CLI and the web app.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from selaras.errors import ConfigurationError
from selaras.match.decision import DEFAULT_FLOOR

__all__ = ["Settings", "load_settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Where Selaras keeps its data and which reference lists it uses."""

    data_dir: Path = Path("data")
    """Folder for the embedded SQLite database and the embedding cache (``SELARAS_DATA_DIR``)."""

    database_url: str = ""
    """SQLAlchemy URL; empty means ``sqlite:///<data_dir>/selaras.db``. PostgreSQL:
    ``postgresql+psycopg://user@host:5432/db`` (``SELARAS_DATABASE_URL``)."""

    nomenclature_path: Path | None = None
    """CSV of a nomenclature with the bundled files' columns, used for documents of every year; empty uses
    the bundled lists (``SELARAS_NOMENCLATURE_PATH``)."""

    nomenclature_version: str = ""
    """Bundled nomenclature used for documents of every year: ``2020`` (Kepmendagri 050-3708/2020) or
    ``2027`` (SIPD pemutakhiran 2027); empty follows the document's first year, the 2020 list before 2024
    and the SIPD list from 2024 (``SELARAS_NOMENCLATURE_VERSION``). ``nomenclature_path`` wins."""

    lang: str = "id"
    """Language of messages and reports: ``id`` (Bahasa Indonesia) or ``en`` (``SELARAS_LANG``)."""

    user: str = ""
    """Who is recorded as having made an import or a decision from the CLI; empty uses the login
    name (``SELARAS_USER``)."""

    thresholds: Path | None = None
    """TOML file whose ``[thresholds]`` table overrides the rules' tolerances for every check, score, report
    and web page; empty uses the defaults (``SELARAS_THRESHOLDS``). ``--config`` overrides it per command."""

    upload_limit_mb: int = 25
    """Largest request body the web workspace accepts, in MB; a larger upload is refused with 413
    (``SELARAS_UPLOAD_LIMIT_MB``)."""

    unpacked_limit_mb: int = 250
    """Largest total size an uploaded workbook may unpack to, in MB, read from the zip's directory before
    anything is unpacked; a larger one (a zip bomb) is refused with 413 (``SELARAS_UNPACKED_LIMIT_MB``)."""

    suggest_floor: float = DEFAULT_FLOOR
    """Lowest score a link suggestion is stored with, for target sets without a calibrated rule (the SDGs use
    their rule's minimum); the default, 0.15, was chosen on the dev split of the Asta Cita gold set
    (:data:`~selaras.match.decision.DEFAULT_FLOOR`) (``SELARAS_SUGGEST_FLOOR``)."""

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'selaras.db'}"


def _convert(name: str, raw: object) -> object:
    if name in {"data_dir", "nomenclature_path", "thresholds"}:
        return Path(str(raw)) if str(raw) else None if name != "data_dir" else Path("data")
    if name in {"upload_limit_mb", "unpacked_limit_mb"}:
        if not str(raw).isdigit() or int(str(raw)) < 1:
            raise ConfigurationError(f"{name} harus bilangan bulat positif (MB), bukan {raw!r}")
        return int(str(raw))
    if name == "suggest_floor":
        try:
            floor = float(str(raw).replace(",", "."))
        except ValueError:
            floor = -1.0
        if not 0.0 <= floor <= 1.0:
            raise ConfigurationError(f"suggest_floor harus angka antara 0 dan 1 (misalnya 0,15), bukan {raw!r}")
        return floor
    if name == "lang" and str(raw) not in {"id", "en"}:
        raise ConfigurationError(f"lang harus 'id' atau 'en', bukan {raw!r}")
    return str(raw)


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from a TOML file (``SELARAS_CONFIG``), then ``SELARAS_*`` variables, then ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    config = env.get("SELARAS_CONFIG")
    if config:
        try:
            values.update(tomllib.loads(Path(config).read_text(encoding="utf-8")).get("selaras", {}))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigurationError(f"berkas konfigurasi {config} tidak dapat dibaca: {exc}") from exc
    names = {field.name for field in fields(Settings)}
    unknown = set(values) - names
    if unknown:
        raise ConfigurationError(f"pengaturan tidak dikenal di {config}: {', '.join(sorted(unknown))}")
    for name in names:
        if f"SELARAS_{name.upper()}" in env:
            values[name] = env[f"SELARAS_{name.upper()}"]
    values.update({key: value for key, value in overrides.items() if value is not None})
    converted: dict[str, object] = {name: _convert(name, raw) for name, raw in values.items()}
    return replace(Settings(), **converted)  # type: ignore[arg-type]  # _convert gives each field its type
