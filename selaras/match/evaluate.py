"""Measure a matcher on the Asta Cita gold set, next to a TF-IDF baseline and a random baseline.

The protocol ``selaras evaluate`` reports: items of one split are ranked against the eight Asta Cita targets;
with ``history`` the *other* split's gold links count as decisions already accepted (so learning from decisions
is measured without ever seeing the evaluated items' labels).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from selaras.match.engine import ItemSuggestions, Matcher, MatchItem, Suggestion
from selaras.match.fusion import Fusion
from selaras.match.gold import GoldItem
from selaras.match.learning import Decision
from selaras.match.metrics import mean_reciprocal_rank, precision_recall, top_k_accuracy
from selaras.match.targets import MatchTarget, national_targets

__all__ = ["Scores", "evaluate_asta_cita", "tfidf_baseline"]


@dataclass(frozen=True, slots=True)
class Scores:
    """One line of the evaluation table."""

    name: str
    top1: float
    top3: float
    mrr: float
    precision: float
    recall: float


def tfidf_baseline() -> Matcher:
    """Plain TF-IDF of the item name against the target titles: what the engine must beat."""
    return Matcher([], fusion=Fusion(weights={"lexical": 1.0}, slope=2.4, intercept=-2.1))


def _scores(name: str, ranked: Sequence[ItemSuggestions], gold: Sequence[GoldItem], prefix: str) -> Scores:
    ranking = [[s.target_id for s in item.suggestions] for item in ranked]
    acceptable = [{f"{prefix}{n}" for n in item.acceptable} for item in gold]
    decided = {(item.item_id, s.target_id) for item in ranked for s in item.suggestions if s.accepted}
    correct = {(item.id, f"{prefix}{n}") for item in gold for n in item.acceptable}
    primary = {(item.id, f"{prefix}{item.pn}") for item in gold}
    return Scores(
        name,
        top_k_accuracy(ranking, acceptable, 1),
        top_k_accuracy(ranking, acceptable, 3),
        mean_reciprocal_rank(ranking, acceptable),
        precision_recall(decided, correct).precision,
        precision_recall(decided, primary).recall,
    )


def _random(items: Sequence[MatchItem], targets: Sequence[MatchTarget], seed: int) -> list[ItemSuggestions]:
    """Targets in a random order per item, the first one "accepted": the floor every number must clear."""
    generator = random.Random(seed)
    result = []
    for item in items:
        order = generator.sample([target.id for target in targets], len(targets))
        result.append(ItemSuggestions(item.id, tuple(Suggestion(t, 0.0, i == 0, ()) for i, t in enumerate(order))))
    return result


def evaluate_asta_cita(
    matcher: Matcher,
    gold: Sequence[GoldItem],
    *,
    split: str = "test",
    with_context: bool = True,
    with_history: bool = True,
    seed: int = 0,
) -> list[Scores]:
    """Engine, TF-IDF baseline and random baseline on one split, in that order."""
    evaluated = [item for item in gold if item.split == split]
    history = (
        [Decision(item.text, f"AC{item.pn}", True, item.code) for item in gold if item.split != split]
        if with_history
        else []
    )
    items = [
        MatchItem(item.id, item.text, item.code if with_context else "", item.context if with_context else "")
        for item in evaluated
    ]
    targets = national_targets("asta-cita")
    engine = matcher.rank(items, targets, top=len(targets), history=history)
    names_only = [MatchItem(item.id, item.text) for item in evaluated]
    baseline = tfidf_baseline().rank(names_only, national_targets("asta-cita", enriched=False), top=len(targets))
    return [
        _scores("mesin", engine, evaluated, "AC"),
        _scores("TF-IDF", baseline, evaluated, "AC"),
        _scores("acak", _random(items, targets, seed), evaluated, "AC"),
    ]
