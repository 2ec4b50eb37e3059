"""JSON shapes of the API that are not already defined by the core (findings use
``selaras.checks.serialize``)."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

from selaras.scores import ScoreCard
from selaras.store.items import ItemDetail
from selaras.store.link_decisions import LinkView

__all__ = ["card_json", "item_json", "link_json", "number_json"]


def number_json(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def card_json(card: ScoreCard, explain: int = 5) -> dict[str, object]:
    """A score card with each score's value, numerator, denominator and its heaviest ``explain`` reasons."""
    return {
        "pemda": card.pemda,
        "pd": card.pd,
        "year": card.year,
        "scores": {
            key: {
                "value": score.value,
                "achieved": score.achieved,
                "total": score.total,
                "lowered_by": [asdict(contribution) for contribution in score.lowered_by[:explain]],
            }
            for key, score in card.scores.items()
        },
        "pagu_per_target": {
            kind: {label: number_json(pagu) for label, pagu in totals.items()}
            for kind, totals in card.pagu_per_target.items()
        },
    }


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
                "targets": {str(year): number_json(value) for year, value in line.targets.items()},
            }
            for line in item.indicators
        ],
        "budgets": [
            {
                "position": line.position,
                "year": line.year,
                "pagu": number_json(line.pagu),
                "sumber_dana": line.sumber_dana,
            }
            for line in item.budgets
        ],
    }


def link_json(link: LinkView) -> dict[str, object]:
    return {**asdict(link), "decided_at": link.decided_at.isoformat() if link.decided_at else None}
