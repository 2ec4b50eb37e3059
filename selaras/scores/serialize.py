"""The JSON shape of a score card, shared by ``selaras scores --json`` and the web API; :func:`scorecard_record`
is the same shape for storing a card and reading it back (:func:`scorecard_from_record`): the web keeps its last
analyses in the database that way (``selaras.store.analysis_snapshots``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from decimal import Decimal
from typing import Any, cast

from selaras.numbers import json_number
from selaras.scores.model import Contribution, Score, ScoreCard

__all__ = ["scorecard_from_record", "scorecard_record", "scorecard_to_dict"]


def scorecard_to_dict(card: ScoreCard, explain: int | None = 5) -> dict[str, object]:
    """A card with each score's value, numerator, denominator and its ``explain`` heaviest lowering units (None:
    all of them); ``unavailable`` says why a score is not computed (a key of
    :data:`~selaras.scores.model.UNAVAILABLE`, null when it is, or when there is simply nothing to score)."""
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
                "unavailable": score.unavailable,
            }
            for key, score in card.scores.items()
        },
        "pagu_per_target": {
            kind: {label: json_number(pagu) for label, pagu in totals.items()}
            for kind, totals in card.pagu_per_target.items()
        },
    }


def scorecard_record(card: ScoreCard) -> dict[str, object]:
    """The card to store and read back exactly (:func:`scorecard_from_record`): :func:`scorecard_to_dict` with
    every lowering unit, each score's own ``key`` (the IKU sync of a kab/kota is listed as
    ``sinkronisasi_iku:62.01``) and the pagu as decimal text (a float would not carry every rupiah and sen of a
    large total)."""
    record = scorecard_to_dict(card, explain=None)
    scores = cast("dict[str, dict[str, object]]", record["scores"])
    for listed, score in card.scores.items():
        scores[listed]["key"] = score.key
    pagu = {kind: {label: str(pagu) for label, pagu in totals.items()} for kind, totals in card.pagu_per_target.items()}
    return {**record, "pagu_per_target": pagu}


def scorecard_from_record(record: Mapping[str, Any]) -> ScoreCard:
    """The card :func:`scorecard_record` wrote (``value`` is computed again from ``achieved`` and ``total``)."""
    scores = {
        listed: Score(
            score["key"],
            score["achieved"],
            score["total"],
            tuple(Contribution(**contribution) for contribution in score["lowered_by"]),
            score.get("unavailable"),  # absent from the records stored before it was
        )
        for listed, score in record["scores"].items()
    }
    pagu = {
        kind: {label: Decimal(amount) for label, amount in totals.items()}
        for kind, totals in record["pagu_per_target"].items()
    }
    return ScoreCard(record["pemda"], record["pd"], record["year"], scores, pagu)
