"""Storing a whole tenant at once (the sample province, a national volume run)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from selaras.domain import Pemda, PerangkatDaerah, Plan
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda, save_perangkat_daerah

__all__ = ["save_all"]


def save_all(
    session: Session,
    *,
    pemda: Iterable[Pemda],
    perangkat_daerah: Iterable[PerangkatDaerah],
    plans: Iterable[Plan],
) -> int:
    """Store pemda, their PD and plans (pemda first: every row belongs to one); returns the plans written."""
    for government in pemda:
        ensure_pemda(session, government)
    for agency in perangkat_daerah:
        save_perangkat_daerah(session, agency)
    return sum(save_plan(session, plan) != "unchanged" for plan in plans)
