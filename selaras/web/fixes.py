"""Where a finding is fixed: the item form with the field the rule is about highlighted (the satuan of
SEL203, the year's target of SEL204, the pagu of SEL205 ...), the link review for a missing link, else the
item or its document.

:data:`FIELDS` is the one table from rule to field; the item form reads it to highlight, the pages that list
findings read :func:`fix_links` to link each finding.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from selaras.store.tables import DocumentRow, ItemRow

__all__ = ["FIELDS", "LINK_RULES", "fix_links", "fix_url"]

FIELDS: dict[str, str] = {
    # the item's own text (its name as the nomenclature writes it)
    "SEL402": "text",
    # an indicator's name: not standard, not measurable, a restatement of the activity, an output at a program
    "SEL405": "name",
    "SEL501": "name",
    "SEL507": "name",
    "SEL508": "name",
    # an indicator's satuan
    "SEL203": "satuan",
    "SEL503": "satuan",
    "SEL702": "satuan",
    # an indicator's baseline and direction
    "SEL504": "baseline",
    "SEL703": "direction",
    # a year's target (a missing year is added in the same field)
    "SEL204": "target",
    "SEL505": "target",
    "SEL506": "target",
    # an item without indicators: add one
    "SEL303": "new-indicator",
    "SEL309": "new-indicator",
    "SEL502": "new-indicator",
    "SEL304": "pagu",
    # pagu per year
    "SEL205": "pagu",
    "SEL206": "pagu",
    "SEL301": "pagu",
    "SEL302": "pagu",
    "SEL307": "pagu",
    "SEL308": "pagu",
}
"""Rule code → the field of the item form that fixes it."""

LINK_RULES = frozenset({"SEL101", "SEL108"})
"""Rules fixed by accepting or making a link (the link review of the finding's pemda and PD), not in the item
form: SEL108 names the governor's priority, which the kab/kota fixes by a link from its own RPJMD."""


def fix_url(row: MutableMapping[str, object], item_id: int | None, document_id: int | None) -> str | None:
    """The page that fixes the finding ``row`` (the JSON shape of a finding): see the module docstring."""
    code = str(row.get("code") or "")
    if code in LINK_RULES:
        return f"/pemda/{row['pemda']}/links?" + urlencode({"status": "proposed", "pd": row.get("pd") or ""})
    if item_id is not None:
        query = {"rule": code}
        if row.get("indicator"):
            query["indicator"] = str(row["indicator"])
        if row.get("year") is not None:
            query["year"] = str(row["year"])
        return f"/items/{item_id}?{urlencode(query)}#perbaiki"
    return f"/documents/{document_id}" if document_id is not None else None


def fix_links(session: Session, rows: Iterable[MutableMapping[str, object]]) -> None:
    """Set ``row["fix"]`` (a URL, or None) on every finding row, looking the items up in one query."""
    listed = list(rows)
    documents = {str(row.get("document") or "") for row in listed} - {""}
    keys = {str(row.get("item") or "") for row in listed} - {""}
    document_ids: dict[str, int] = {}
    items: dict[tuple[str, str], int] = {}
    if documents:
        found = select(DocumentRow.key, DocumentRow.id).where(DocumentRow.key.in_(documents))
        document_ids = {key: document_id for key, document_id in session.execute(found)}
    if document_ids and keys:
        query = (
            select(DocumentRow.key, ItemRow.key, ItemRow.id)
            .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
            .where(ItemRow.document_id.in_(document_ids.values()), ItemRow.key.in_(keys))
        )
        items = {(document, key): item_id for document, key, item_id in session.execute(query)}
    for row in listed:
        document = str(row.get("document") or "")
        item_id = items.get((document, str(row.get("item") or "")))
        row["fix"] = fix_url(row, item_id, document_ids.get(document))
