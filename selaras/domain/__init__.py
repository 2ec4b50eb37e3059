"""The planning model: pure data, no I/O.

A :class:`Plan` is one document with its item tree (visi … sub kegiatan), each item's indicators
(with a target per year) and budgets (pagu per year). Pemda and perangkat daerah own documents;
links connect items across documents and pemda.
"""

from selaras.domain.codes import CodeLevel, NomenclatureCode, parse_code
from selaras.domain.documents import (
    BUDGET_KINDS,
    BUDGET_VERSIONS,
    Document,
    DocumentKind,
    DocumentStatus,
    Period,
    kind_and_period,
)
from selaras.domain.indicators import Budget, Direction, Indicator, IndicatorKind, Rincian, RincianKind
from selaras.domain.items import Item, ItemLevel
from selaras.domain.links import ItemRef, Link, LinkKind, LinkOrigin, LinkStatus
from selaras.domain.pemda import Pemda, PemdaLevel, PerangkatDaerah
from selaras.domain.plan import Plan

__all__ = [
    "BUDGET_KINDS",
    "BUDGET_VERSIONS",
    "Budget",
    "CodeLevel",
    "Direction",
    "Document",
    "DocumentKind",
    "DocumentStatus",
    "Indicator",
    "IndicatorKind",
    "Item",
    "ItemLevel",
    "ItemRef",
    "Link",
    "LinkKind",
    "LinkOrigin",
    "LinkStatus",
    "NomenclatureCode",
    "Pemda",
    "PemdaLevel",
    "PerangkatDaerah",
    "Period",
    "Plan",
    "Rincian",
    "RincianKind",
    "kind_and_period",
    "parse_code",
]
