"""A score card stored and read back (``scorecard_record``) is the card: every lowering unit (the JSON shape
lists five), each score's own key and the pagu to the sen."""

from __future__ import annotations

import json
from decimal import Decimal

from selaras.scores.model import Contribution, Score, ScoreCard
from selaras.scores.serialize import scorecard_from_record, scorecard_record, scorecard_to_dict


def _card() -> ScoreCard:
    lowered = tuple(
        Contribution("62/RENJA/1.02.01/2026/final", f"1.02.02.2.01.000{n}", "1.02.02", f"Sub {n}", "tanpa tautan", 0.5)
        for n in range(8)
    )
    return ScoreCard(
        "62",
        "1.02.01",
        2026,
        {
            "keselarasan": Score("keselarasan", 12.5, 20.0, lowered),
            "sinkronisasi_iku:62.71": Score("sinkronisasi_iku", 2, 3),
        },
        {"asta_cita": {"AC4": Decimal("1234567890123.4567"), "penunjang": Decimal("0")}},
    )


def test_a_card_comes_back_exactly() -> None:
    card = _card()
    back = scorecard_from_record(json.loads(json.dumps(scorecard_record(card))))
    assert back == card
    assert back.scores["sinkronisasi_iku:62.71"].key == "sinkronisasi_iku"
    assert back.pagu_per_target["asta_cita"]["AC4"] == Decimal("1234567890123.4567")
    assert len(back.scores["keselarasan"].lowered_by) == 8


def test_the_record_is_the_json_shape_with_every_unit() -> None:
    card = _card()
    record, shape = scorecard_record(card), scorecard_to_dict(card)
    assert set(record) == set(shape)
    assert len(shape["scores"]["keselarasan"]["lowered_by"]) == 5  # type: ignore[index]
    assert record["scores"]["keselarasan"]["value"] == shape["scores"]["keselarasan"]["value"] == 62.5  # type: ignore[index]
