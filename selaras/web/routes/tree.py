"""The pohon kinerja (plan tree): roots, one node's children, and search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from selaras.numbers import json_number
from selaras.web.analysis import Analysis
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, authorize
from selaras.web.pages import render_cached
from selaras.web.plantree import TreeNode, children, node, parse_ref, roots, search
from selaras.web.routes.dashboard import pick_year
from selaras.web.serialize import Number, Shape

api = APIRouter(tags=["pohon kinerja"])
pages = APIRouter()

At = Annotated[str | None, Query(alias="node", description="Simpul: kunci dokumen#kunci item")]


def _tree(analysis: Analysis, year: int, at: str | None, q: str | None) -> tuple[TreeNode | None, list[TreeNode]]:
    data, pemda = analysis.planning(), analysis.pemda
    if q:
        return None, search(data, pemda, q, year)
    if not at:
        return None, roots(data, pemda, year)
    ref = parse_ref(at)
    current = node(data, pemda, ref, year) if ref else None
    if ref is None or current is None:
        raise HTTPException(404, f"item '{at}' tidak ada di pohon kinerja pemda {pemda}")
    return current, children(data, pemda, ref, year)


class TreeIndicator(Shape):
    name: str
    satuan: str
    target: Number | None


class TreeNodeJson(Shape):
    id: str = Field(description="dokumen#item: nilai parameter node")
    document: str
    item: str
    document_kind: str
    level: str
    code: str
    text: str
    pd: str
    indicators: list[TreeIndicator] = Field(description="Indikator dengan target tahun itu")
    pagu: Number | None
    has_children: bool


class TreeJson(Shape):
    year: int
    node: TreeNodeJson | None = Field(description="Simpul yang dibuka (node=...), bila ada")
    children: list[TreeNodeJson] = Field(description="Akar, turunan simpul itu, atau hasil pencarian")


def _json(each: TreeNode) -> dict[str, object]:
    return {
        "id": each.id,
        "document": each.ref.document,
        "item": each.ref.item,
        "document_kind": each.document_kind,
        "level": each.level,
        "code": each.code,
        "text": each.text,
        "pd": each.pd,
        "indicators": [{"name": n, "satuan": s, "target": json_number(t)} for n, s, t in each.indicators],
        "pagu": json_number(each.pagu),
        "has_children": each.has_children,
    }


@api.get(
    "/pemda/{pemda}/tree",
    response_model=TreeJson,
    summary="Pohon kinerja: akar, turunan satu simpul (node=dokumen#item), atau pencarian (q)",
)
def tree(
    pemda: str, who: CallerDep, web: Web, at: At = None, q: str | None = None, year: int | None = None
) -> dict[str, object]:
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    current, listed = _tree(analysis, chosen, at, q)
    return {"year": chosen, "node": _json(current) if current else None, "children": [_json(each) for each in listed]}


@pages.get("/pemda/{pemda}/tree", response_class=HTMLResponse)
def tree_page(
    pemda: str,
    request: Request,
    who: CallerDep,
    web: Web,
    at: At = None,
    q: str | None = None,
    year: int | None = None,
) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)

    def body() -> dict[str, object]:
        current, listed = _tree(analysis, chosen, at, q)
        return {"year": chosen, "node": current, "nodes": listed, "q": q or ""}

    key = (pemda, chosen, at, q, analysis.stamp)
    return render_cached(web, request, who, "tree.html", key, body, pemda=pemda)
