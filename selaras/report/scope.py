"""Whose perangkat daerah a Rakor report details: a module of its own so the CLI can name the choices without
importing the report model."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Scope"]


class Scope(StrEnum):
    """Whose perangkat daerah the detailed sections cover; the summary always shows every pemda."""

    PROVINSI = "provinsi"
    KABKOTA = "kabkota"
    SEMUA = "semua"
