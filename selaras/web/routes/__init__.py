"""One module per resource, each with an ``api`` router (mounted under ``/api/v1``) and a ``pages`` router."""

from __future__ import annotations

from fastapi import APIRouter

from selaras.web.routes import (
    audit,
    auth,
    calendar,
    dashboard,
    documents,
    findings,
    followup,
    home,
    iku,
    items,
    links,
    monitoring,
    realisasi,
    report,
    suggest,
    tree,
    users,
)

__all__ = ["ROUTERS"]

ROUTERS: list[tuple[APIRouter, APIRouter]] = [
    (module.api, module.pages)
    for module in (
        auth,
        home,
        dashboard,
        calendar,
        documents,
        items,
        tree,
        links,
        suggest,
        findings,
        followup,
        iku,
        monitoring,
        realisasi,
        report,
        users,
        audit,
    )
]
