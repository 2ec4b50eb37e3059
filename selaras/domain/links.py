"""Links: which item serves which, possibly across documents and pemda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["ItemRef", "Link", "LinkKind", "LinkOrigin", "LinkStatus"]


class LinkKind(StrEnum):
    CASCADE = "cascade"  # the lower item elaborates the higher one (RPJMD sasaran → Renstra program)
    SUPPORTS = "supports"  # the item contributes to a target elsewhere (program → Asta Cita misi)
    SAME_AS = "same_as"  # the same indicator at another level (kab/kota IKU ↔ provincial IKU)


class LinkOrigin(StrEnum):
    MANUAL = "manual"
    SUGGESTED = "suggested"
    IMPORTED = "imported"


class LinkStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True, order=True)
class ItemRef:
    """Points at an item from anywhere: the document's key plus the item's key in it."""

    document: str
    item: str

    def __str__(self) -> str:
        return f"{self.document}#{self.item}"


@dataclass(frozen=True, slots=True)
class Link:
    """``source`` serves ``target``; only ``accepted`` links count for alignment."""

    source: ItemRef
    target: ItemRef
    kind: LinkKind = LinkKind.SUPPORTS
    origin: LinkOrigin = LinkOrigin.MANUAL
    status: LinkStatus = LinkStatus.ACCEPTED
    score: float | None = None
    decided_by: str = ""
    decided_at: datetime | None = None
