"""The JSON shape of a score card, shared by ``selaras scores --json`` and the web API."""

from __future__ import annotations

from dataclasses import asdict

from selaras.numbers import json_number
from selaras.scores.model import ScoreCard

__all__ = ["scorecard_to_dict"]


def scorecard_to_dict(card: ScoreCard, explain: int = 5) -> dict[str, object]:
    """A card with each score's value, numerator, denominator and its ``explain`` heaviest lowering units."""
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
            kind: {label: json_number(pagu) for label, pagu in totals.items()}
            for kind, totals in card.pagu_per_target.items()
        },
    }
