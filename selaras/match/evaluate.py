"""Measure a matcher on the Asta Cita gold set and the SDG benchmark, next to a TF-IDF and a random baseline.

Asta Cita: items of one split are ranked against the eight Asta Cita targets; with ``history`` the *other*
split's gold links count as decisions already accepted (so learning from decisions is measured without ever
seeing the evaluated items' labels).

SDG benchmark: every English text is ranked against the 17 SDGs and a multi-label decision turns the ranking into
the set of SDGs "present". The benchmark has no split, so one is made by a hash of the text (:func:`sdg_split`,
about half each); every system's decision is chosen on ``dev`` only and reported on ``test`` (and on all rows,
labelled as such). The baselines get a rule (:class:`~selaras.match.decision.DecisionRule`: the first ``top`` goals
whose score reaches ``min_score``) tuned on dev here; the engine gets the decision users get (``selaras match``
marks those SDGs ``accepted``, and present means accepted): a model fitted on dev once by
:mod:`selaras.match.calibrate` and shipped in ``data/decision_models.json``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from selaras.match.decision import Acceptance, DecisionRule
from selaras.match.engine import ItemSuggestions, Matcher, MatchItem, PassageBlend, Suggestion
from selaras.match.fusion import Fusion
from selaras.match.gold import GoldItem, SdgCase
from selaras.match.learning import Decision
from selaras.match.metrics import mean_reciprocal_rank, precision_recall, sdg_average_accuracy, top_k_accuracy
from selaras.match.normalize import Normalizer
from selaras.match.targets import MatchTarget, national_targets

__all__ = [
    "Scores",
    "SdgScores",
    "evaluate_asta_cita",
    "evaluate_sdg",
    "sdg_accepted",
    "sdg_present",
    "sdg_split",
    "tfidf_baseline",
    "tune_sdg_rule",
]


@dataclass(frozen=True, slots=True)
class Scores:
    """One line of the evaluation table."""

    name: str
    top1: float
    top3: float
    mrr: float
    precision: float
    recall: float
    strict_top1: float = 0.0
    """Top-1 against the single best ``pn`` only (the others are lenient: any ``acceptable`` number counts)."""


def tfidf_baseline(normalizer: Normalizer | None = None) -> Matcher:
    """Plain TF-IDF of the item name against the target titles (no facets, no extras): what the engine must beat."""
    fusion = Fusion(weights={"lexical": 1.0}, slope=2.4, intercept=-2.1)
    return Matcher([], fusion=fusion, blend=PassageBlend(title=1.0, facet=0.0, extra=0.0), normalizer=normalizer)


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
        top_k_accuracy(ranking, [{f"{prefix}{item.pn}"} for item in gold], 1),
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


# --- SDG benchmark ---------------------------------------------------------------------------------------------


def sdg_split(text: str) -> str:
    """``dev`` or ``test`` by the first byte of the SHA-1 of the text: stable, and a repeated text stays on one side."""
    return "dev" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def sdg_present(rule: DecisionRule, ranked: ItemSuggestions) -> set[int]:
    """The SDGs ``rule`` accepts in a full ranking: present when among the first ``top`` and scoring ``min_score``+."""
    return {
        int(suggestion.target_id.removeprefix("SDG"))
        for position, suggestion in enumerate(ranked.suggestions)
        if rule.accepts(position, suggestion.score)
    }


def sdg_accepted(ranked: ItemSuggestions) -> set[int]:
    """The SDGs a ranking made with a decision marks ``accepted``: what ``selaras match`` users see as "ya"."""
    return {int(suggestion.target_id.removeprefix("SDG")) for suggestion in ranked.suggestions if suggestion.accepted}


@dataclass(frozen=True, slots=True)
class SdgScores:
    """One line of the SDG table: a system's average accuracy on one split with the decision chosen on ``dev``."""

    name: str
    split: str
    n: int
    average_accuracy: float
    rule: Acceptance


_SDG_RULES = [DecisionRule(top, round(0.02 * step, 2)) for top, step in product((1, 2, 3, 4, 5, 6, 17), range(50))]
"""The grid :func:`tune_sdg_rule` searches: up to six goals (or all 17), score threshold 0.00-0.98."""


def _accuracy(ranked: dict[str, ItemSuggestions], cases: Sequence[SdgCase], rule: DecisionRule) -> float:
    return sdg_average_accuracy([sdg_present(rule, ranked[case.text]) for case in cases], cases)


def tune_sdg_rule(ranked: dict[str, ItemSuggestions], cases: Sequence[SdgCase]) -> DecisionRule:
    """The rule with the best average accuracy on ``cases`` (pass the dev rows only); ties go to the earlier rule."""
    return max(_SDG_RULES, key=lambda rule: _accuracy(ranked, cases, rule))


def _rank_texts(
    matcher: Matcher, texts: Sequence[str], targets: Sequence[MatchTarget], decision: Acceptance | None = None
) -> dict[str, ItemSuggestions]:
    items = [MatchItem(str(i), text) for i, text in enumerate(texts)]
    ranked = matcher.rank(items, targets, top=len(targets), decision=decision)
    return dict(zip(texts, ranked, strict=True))


def evaluate_sdg(
    matcher: Matcher,
    cases: Sequence[SdgCase],
    *,
    normalizer: Normalizer | None = None,
    seed: int = 0,
    engine_decision: Acceptance | None = None,
) -> list[SdgScores]:
    """Engine, TF-IDF baseline (goal titles only) and random ranking, each on dev, test and all rows.

    Each system's :class:`DecisionRule` is tuned on the dev rows, then applied unchanged to test and to all rows;
    ``engine_decision`` replaces the engine's (``selaras evaluate`` passes the shipped one, which users get): the
    texts are then ranked with it, as ``selaras match`` ranks them, and an SDG is present when ``accepted``.
    ``normalizer`` is the baseline's (pass the English one, like the engine's).
    """
    texts = sorted({case.text for case in cases})
    generator = random.Random(seed)
    ids = [target.id for target in national_targets("sdg")]
    shuffled = {
        text: ItemSuggestions(text, tuple(Suggestion(t, 1.0, True, ()) for t in generator.sample(ids, len(ids))))
        for text in texts
    }
    by_split = {split: [case for case in cases if sdg_split(case.text) == split] for split in ("dev", "test")}
    if not by_split["dev"]:
        raise ValueError("evaluate_sdg: no dev rows to tune the decision rule on")
    by_split["semua"] = list(cases)
    decided: dict[str, tuple[Acceptance, dict[str, set[int]]]] = {}
    if engine_decision is not None:
        engine = _rank_texts(matcher, texts, national_targets("sdg"), engine_decision)
        decided["mesin"] = engine_decision, {text: sdg_accepted(entry) for text, entry in engine.items()}
    for name, ranked in (
        ("mesin", None if engine_decision else _rank_texts(matcher, texts, national_targets("sdg"))),
        ("TF-IDF", _rank_texts(tfidf_baseline(normalizer), texts, national_targets("sdg", enriched=False))),
        ("acak", shuffled),
    ):
        if ranked is not None:
            rule = tune_sdg_rule(ranked, by_split["dev"])
            decided[name] = rule, {text: sdg_present(rule, entry) for text, entry in ranked.items()}
    results = []
    for name in ("mesin", "TF-IDF", "acak"):
        decision, present = decided[name]
        for split, subset in by_split.items():
            if subset:
                accuracy = sdg_average_accuracy([present[case.text] for case in subset], subset)
                results.append(SdgScores(name, split, len(subset), accuracy, decision))
    return results
