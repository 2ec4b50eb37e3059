"""The object every command receives through ``typer.Context.obj``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import typer

from selaras.reference.nomenclature import Nomenclature
from selaras.reference.nomenclature_versions import nomenclature_from_settings
from selaras.settings import Settings

if TYPE_CHECKING:
    from selaras.store import Database

__all__ = ["CliContext", "cli_context"]


@dataclass(frozen=True)
class CliContext:
    """Settings (with ``--lang`` applied) and lazily opened shared resources."""

    settings: Settings

    @property
    def lang(self) -> str:
        return self.settings.lang

    @cached_property
    def database(self) -> Database:
        from selaras.store import open_database  # SQLAlchemy and Alembic: imported when a command needs them

        return open_database(self.settings)

    @cached_property
    def nomenclature(self) -> Nomenclature:
        """The reference the settings ask for; each document is checked against ``.in_force(its year)``."""
        return nomenclature_from_settings(self.settings)


def cli_context(context: typer.Context) -> CliContext:
    obj = context.find_root().obj
    assert isinstance(obj, CliContext)
    return obj
