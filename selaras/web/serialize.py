"""JSON shapes of the API that are not already defined by the core (findings use
``selaras.checks.serialize``)."""

from __future__ import annotations

from selaras.numbers import json_number
from selaras.store.items import ItemDetail

__all__ = ["item_json"]


def item_json(item: ItemDetail) -> dict[str, object]:
    return {
        "id": item.id,
        "pemda": item.pemda,
        "document": item.document_key,
        "key": item.key,
        "level": item.level,
        "text": item.text,
        "code": item.code,
        "parent": item.parent_key,
        "pd": item.owner_pd,
        "lokasi": item.lokasi,
        "version": item.version,
        "indicators": [
            {
                "position": line.position,
                "name": line.name,
                "satuan": line.satuan,
                "baseline": json_number(line.baseline) if line.baseline is not None else None,
                "direction": line.direction,
                "targets": {str(year): json_number(value) for year, value in line.targets.items()},
            }
            for line in item.indicators
        ],
        "years": list(item.years),
        "budgets": [
            {
                "position": line.position,
                "year": line.year,
                "pagu": json_number(line.pagu),
                "sumber_dana": line.sumber_dana,
            }
            for line in item.budgets
        ],
    }
