"""How good are link suggestions: ranking metrics, precision/recall of decisions, the SDG benchmark score.

All results are fractions in 0..1 (the SDG benchmark prints them ×100). Every function refuses inputs whose
lengths disagree or that hold nothing to measure, because a silently empty evaluation reads as a score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Sequence
from typing import NamedTuple, TypeVar

from selaras.match.gold import SdgCase

__all__ = [
    "PrecisionRecall",
    "mean_reciprocal_rank",
    "precision_recall",
    "sdg_accuracy_by_goal",
    "sdg_average_accuracy",
    "top_k_accuracy",
]

K = TypeVar("K", bound=Hashable)


def _check_lengths(what: str, left: Sequence[object], right: Sequence[object]) -> None:
    if len(left) != len(right):
        raise ValueError(f"{what}: {len(left)} predictions for {len(right)} gold items")
    if not left:
        raise ValueError(f"{what}: nothing to evaluate")


def _first_hit(ranking: Sequence[str], acceptable: Collection[str]) -> int | None:
    """1-based rank of the first acceptable target, ``None`` when none is ranked."""
    return next((rank for rank, key in enumerate(ranking, start=1) if key in acceptable), None)


def top_k_accuracy(ranked: Sequence[Sequence[str]], gold: Sequence[Collection[str]], k: int) -> float:
    """Share of items with at least one acceptable target among their first ``k`` suggestions.

    ``ranked[i]`` is the suggestion list for item ``i`` (best first), ``gold[i]`` its acceptable targets;
    with several acceptable targets (two defensible missions) any one of them counts as a hit.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    _check_lengths("top_k_accuracy", ranked, gold)
    hits = sum(
        1 for ranking, acceptable in zip(ranked, gold, strict=True) if _first_hit(ranking[:k], acceptable) is not None
    )
    return hits / len(ranked)


def mean_reciprocal_rank(ranked: Sequence[Sequence[str]], gold: Sequence[Collection[str]]) -> float:
    """Mean of ``1 / rank`` of the first acceptable suggestion per item (0 for an item with none ranked)."""
    _check_lengths("mean_reciprocal_rank", ranked, gold)
    total = 0.0
    for ranking, acceptable in zip(ranked, gold, strict=True):
        rank = _first_hit(ranking, acceptable)
        total += 1 / rank if rank else 0.0
    return total / len(ranked)


class PrecisionRecall(NamedTuple):
    """Precision and recall of a set of decisions; ``f1`` is their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def precision_recall(decisions: Collection[K], gold: Collection[K]) -> PrecisionRecall:
    """Precision and recall of accepted links (e.g. ``(source, target)`` pairs) against the gold links.

    No decisions gives precision 0 and no gold gives recall 0 (the benchmark's ``zero_division=0``), so an
    engine that suggests nothing never scores well.
    """
    decided, expected = set(decisions), set(gold)
    correct = len(decided & expected)
    return PrecisionRecall(
        precision=correct / len(decided) if decided else 0.0,
        recall=correct / len(expected) if expected else 0.0,
    )


def sdg_accuracy_by_goal(predictions: Sequence[Collection[int]], cases: Sequence[SdgCase]) -> dict[int, float]:
    """Accuracy per SDG on the benchmark's binary labels, as the benchmark computes it.

    ``predictions[i]`` are the SDGs predicted for ``cases[i].text``; the case counts as predicted present
    when ``cases[i].sdg`` is among them, and is correct when that equals ``cases[i].label``. For each SDG:
    ``(TP + TN) / n`` over the cases checked against that SDG.
    """
    _check_lengths("sdg_accuracy_by_goal", predictions, cases)
    correct: dict[int, int] = defaultdict(int)
    seen: dict[int, int] = defaultdict(int)
    for predicted, case in zip(predictions, cases, strict=True):
        seen[case.sdg] += 1
        correct[case.sdg] += (case.sdg in predicted) == case.label
    return {sdg: correct[sdg] / seen[sdg] for sdg in sorted(seen)}


def sdg_average_accuracy(predictions: Sequence[Collection[int]], cases: Sequence[SdgCase]) -> float:
    """The benchmark's headline number: the unweighted mean over SDGs of :func:`sdg_accuracy_by_goal`.

    Unweighted means every SDG counts the same however many cases it has (57 to 100), so this is not the
    accuracy over all 1,251 cases pooled.
    """
    by_goal = sdg_accuracy_by_goal(predictions, cases)
    return sum(by_goal.values()) / len(by_goal)
