"""Metrics on small cases computed by hand."""

from __future__ import annotations

import pytest

from selaras.match.gold import SdgCase
from selaras.match.metrics import (
    mean_reciprocal_rank,
    precision_recall,
    sdg_accuracy_by_goal,
    sdg_average_accuracy,
    top_k_accuracy,
)

RANKED = [["PN4", "PN2", "PN6"], ["PN3", "PN6", "PN2"], ["PN7", "PN1", "PN8"]]
GOLD = [frozenset({"PN4"}), frozenset({"PN2", "PN6"}), frozenset({"PN5"})]


def test_top_k_counts_any_acceptable_target_within_the_first_k() -> None:
    assert top_k_accuracy(RANKED, GOLD, 1) == pytest.approx(1 / 3)
    assert top_k_accuracy(RANKED, GOLD, 2) == pytest.approx(2 / 3)  # item 2 hits PN6 at rank 2
    assert top_k_accuracy(RANKED, GOLD, 10) == pytest.approx(2 / 3)  # item 3 is never right


def test_mean_reciprocal_rank_uses_the_first_acceptable_hit() -> None:
    assert mean_reciprocal_rank(RANKED, GOLD) == pytest.approx((1 + 1 / 2 + 0) / 3)


@pytest.mark.parametrize(
    ("ranked", "gold"),
    [([["PN1"]], [frozenset({"PN1"}), frozenset({"PN2"})]), ([], [])],
)
def test_ranking_metrics_refuse_mismatched_or_empty_input(ranked: list[list[str]], gold: list[frozenset[str]]) -> None:
    with pytest.raises(ValueError):
        top_k_accuracy(ranked, gold, 1)
    with pytest.raises(ValueError):
        mean_reciprocal_rank(ranked, gold)


def test_top_k_refuses_k_below_one() -> None:
    with pytest.raises(ValueError, match="k must be at least 1"):
        top_k_accuracy(RANKED, GOLD, 0)


def test_precision_recall_of_link_decisions() -> None:
    decided = {("a", "PN4"), ("b", "PN2"), ("c", "PN7")}
    gold = {("a", "PN4"), ("b", "PN6"), ("c", "PN7"), ("d", "PN3")}
    result = precision_recall(decided, gold)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(2 / 4)
    assert result.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_precision_recall_without_decisions_or_gold_is_zero() -> None:
    assert precision_recall(set(), {("a", "PN4")}) == (0.0, 0.0)
    assert precision_recall({("a", "PN4")}, set()) == (0.0, 0.0)
    assert precision_recall(set(), set()).f1 == 0.0


def _case(sdg: int, label: bool) -> SdgCase:
    return SdgCase(id=f"{sdg}-{label}", text="...", sdg=sdg, label=label)


def test_sdg_average_accuracy_is_the_unweighted_mean_of_per_sdg_accuracy() -> None:
    cases = [_case(1, True), _case(1, False), _case(1, True), _case(1, False), _case(2, True)]
    predictions: list[set[int]] = [{1}, {1, 3}, set(), set(), {2}]
    # SDG 1: TP, FP, FN, TN -> 2/4 correct; SDG 2: TP -> 1/1.
    assert sdg_accuracy_by_goal(predictions, cases) == {1: 0.5, 2: 1.0}
    assert sdg_average_accuracy(predictions, cases) == pytest.approx(0.75)  # pooled would be 3/5


def test_sdg_accuracy_refuses_predictions_that_do_not_line_up() -> None:
    with pytest.raises(ValueError):
        sdg_average_accuracy([{1}], [_case(1, True), _case(2, False)])
