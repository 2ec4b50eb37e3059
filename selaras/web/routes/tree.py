"""The pohon kinerja (plan tree): the JSON API walks it a level at a time (roots, one node's children,
search); the page draws it whole, RPJMD misi to sub kegiatan, with pagu totals and the findings on each node.

The page is drawn lazily: the strategic levels and the programs first; a program's kegiatan and sub kegiatan
come from this same page with ``node=`` when it is opened (selaras.js, or a plain link without script);
``all=1`` draws everything (up to :data:`ALL_CAP` nodes) for printing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from selaras.domain import DocumentKind, ItemRef
from selaras.numbers import json_number
from selaras.web.analysis import Analysis
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, authorize
from selaras.web.pages import render_cached
from selaras.web.plantree import (
    PROGRAM_PLANS,
    Branch,
    Cascade,
    Flag,
    TreeNode,
    cascade,
    children,
    default_programs,
    flags,
    node,
    parse_ref,
    roots,
    search,
    strategic,
)
from selaras.web.routes.dashboard import pick_year
from selaras.web.serialize import Number, Shape

api = APIRouter(tags=["pohon kinerja"])
pages = APIRouter()

At = Annotated[str | None, Query(alias="node", description="Simpul: kunci dokumen#kunci item")]
NODE_CAP = 500
"""Nodes one opened node draws below it at most (a program's kegiatan and sub kegiatan fit many times over)."""
ALL_CAP = 5000
"""Nodes the whole tree (``all=1``) draws at most; past it a node stays closed, with a link that opens it."""


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
    programs: str | None = None,
    everything: Annotated[int, Query(alias="all", description="1: seluruh pohon terbuka (untuk dicetak)")] = 0,
) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    data = analysis.planning()
    kind = _programs(programs) or default_programs(data, pemda, chosen)
    whole = everything == 1

    def body() -> dict[str, object]:
        tree = cascade(data, pemda, chosen, kind)
        registry = web.analyses.registry
        marks = flags(analysis.report(chosen).findings, pemda, lambda code: registry.get(code).severity.value)
        page: dict[str, object] = {"year": chosen, "q": q or "", "programs": kind.value, "all": whole}
        page["choices"] = [each.value for each in PROGRAM_PLANS]
        if q:
            found = [each.ref for each in search(data, pemda, q, chosen)]
            return page | {"results": tree.grow(found, marks, expand=lambda _: False, cap=len(found))}
        if at:
            return page | {"opened": _opened(tree, at, marks)}
        expand = (lambda _: True) if whole else strategic
        cap = ALL_CAP if whole else NODE_CAP
        return page | {
            "forest": tree.grow(tree.roots(), marks, expand=expand, cap=cap),
            "unlinked": tree.grow(tree.unlinked(), marks, expand=expand, cap=cap),
            "has_rpjmd": tree.has_rpjmd,
        }

    key = (pemda, chosen, at, q, kind.value, whole, analysis.stamp)
    return render_cached(web, request, who, "tree.html", key, body, pemda=pemda)


def _programs(asked: str | None) -> DocumentKind | None:
    """The kind of PD plan asked for (``RENJA``/``RENSTRA``); anything else falls back to the default."""
    return next((kind for kind in PROGRAM_PLANS if asked and kind.value == asked.upper()), None)


def _opened(tree: Cascade, at: str, marks: Mapping[ItemRef, Flag]) -> Branch:
    """One node with everything below it (up to :data:`NODE_CAP` nodes): what opening it on the page loads."""
    ref = parse_ref(at)
    grown = tree.grow([ref], marks, expand=lambda _: True, cap=NODE_CAP) if ref else []
    if not grown:
        raise HTTPException(404, f"item '{at}' tidak ada di pohon kinerja pemda {tree.pemda}")
    return grown[0]
