"""Building a finding's :class:`Location` from the document and item it is about, the same way in every rule."""

from __future__ import annotations

from collections.abc import Mapping

from selaras.checks.findings import Finding, Location
from selaras.domain import Document, Item

__all__ = ["document_location", "item_finding", "item_location"]


def document_location(document: Document, *, year: int | None = None) -> Location:
    """A finding about a whole document (a total, a period)."""
    return Location(document.pemda, document.key, pd=document.pd or "", year=year)


def item_location(document: Document, item: Item, *, indicator: str = "", year: int | None = None) -> Location:
    """A finding about one item (optionally one of its indicators, one year); the PD is the document's,
    or the item's own in an RKPD, whose items carry their PD."""
    return Location(
        document.pemda,
        document.key,
        item.key,
        pd=document.pd or item.pd or "",
        code=item.code or "",
        indicator=indicator,
        year=year,
    )


def item_finding(
    rule: str,
    document: Document,
    item: Item,
    evidence: Mapping[str, object],
    *,
    indicator: str = "",
    year: int | None = None,
) -> Finding:
    """A finding of ``rule`` about one item; its code (or key, for an uncoded item) is added to the evidence
    as ``code`` so that message templates can name it."""
    location = item_location(document, item, indicator=indicator, year=year)
    return Finding(rule, location, {"code": item.code or item.key, **evidence})
