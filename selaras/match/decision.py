"""When a suggestion counts as *accepted*: a decision per built-in target set, fitted on a dev split only.

The fusion's calibrated score says how likely one link is right; how many links to propose depends on the target
set: an item serves one Asta Cita mission, but a text often touches two or three SDGs. Two kinds of decision:

* :class:`DecisionRule` accepts the first ``top`` targets of an item whose fused, calibrated score reaches
  ``min_score`` — what a target set without a fitted model gets (the fusion's threshold, no limit on the count),
  and what the baselines of :mod:`~selaras.match.evaluate` are tuned as;
* :class:`LearnedDecision` replaces the score itself by a small logistic model fitted on labelled (text, target)
  pairs: the fused value, each text signal's raw value and its z-score, and a per-target intercept. A target set
  is then scored by what its own labels say (an SDG with few positives, a signal that is strong in absolute
  terms even where it ranks the target third), and a link is accepted when that probability reaches
  ``min_score`` (0.5).

The fitted models are shipped data (``data/decision_models.json``), each naming the split it was fitted on and
its scores there; ``python -m selaras.match.calibrate`` regenerates them. A target set without one (the
Indonesian sets, a user's own CSV) keeps the fusion's threshold.

The **floor** is the score under which a proposal is not worth a reviewer's time and is not stored as a
suggestion at all (:func:`suggestion_floor`). A set with a fitted model has the model's ``min_score`` as its
floor (what it would not accept is not proposed either); every other set has :data:`DEFAULT_FLOOR` (the
``suggest_floor`` setting overrides it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy only when a model scores: the settings read DEFAULT_FLOOR, and light commands stay light
    import numpy as np
    from numpy.typing import NDArray

    from selaras.match.fusion import Fusion

    Matrix = NDArray[np.float64]

__all__ = [
    "DEFAULT_FLOOR",
    "MIN_PROBABILITY",
    "MODELS_FILE",
    "Acceptance",
    "DecisionRule",
    "LearnedDecision",
    "ShippedDecision",
    "SignalModel",
    "decision_rule",
    "shipped_decisions",
    "suggestion_floor",
]

DEFAULT_FLOOR = 0.15
"""The floor of a target set without a fitted decision, chosen on the **dev** split of the Asta Cita gold set only
(``docs/matching.md``, "The floor"): the highest score that still keeps at least 95 % of the right links among
each item's top three, with the full engine, whether it sees names only, names with context, or history too
(97.5 / 96.1 / 95.5 % kept; 19 / 32 / 44 % of the wrong ones dropped). The calibrated score is the probability
that a link is right, so a proposal under 0.15 is one a reviewer would reject six times in seven."""

MODELS_FILE = "decision_models.json"

MIN_PROBABILITY = 0.5
"""A fitted model's probability from which a link is accepted: more likely right than wrong."""


@dataclass(frozen=True, slots=True)
class DecisionRule:
    """Accept a target when it is among the first ``top`` of its item and scores ``min_score`` or more; the score
    is the fusion's calibrated one."""

    top: int
    min_score: float

    def scores(self, fusion: Fusion, signals: Mapping[str, Matrix], target_ids: Sequence[str]) -> Matrix:
        """Items × targets scores: the fusion's."""
        return fusion.scores(signals)

    def accepts(self, position: int, score: float) -> bool:
        """``position`` is 0 for the item's best target."""
        return position < self.top and score >= self.min_score


@dataclass(frozen=True)
class SignalModel:
    """One logistic model over the signals a matcher has: ``P = sigmoid(intercept + targets[id] + fused · f +
    Σ raw[s] · S + Σ z[s] · zscore(S))``, every weight in the signals' own units."""

    signals: tuple[str, ...]
    """The signal matrices the model reads (besides the fused value); it applies when a matcher has them all."""
    intercept: float
    fused: float
    raw: Mapping[str, float] = field(default_factory=dict)
    z: Mapping[str, float] = field(default_factory=dict)
    targets: Mapping[str, float] = field(default_factory=dict)
    """Per target id, added to ``intercept`` (shrunk toward 0 in the fit); an unknown target adds nothing."""

    def applies(self, signals: Mapping[str, Matrix]) -> bool:
        return all(name in signals for name in self.signals)

    def probabilities(self, fused: Matrix, signals: Mapping[str, Matrix], target_ids: Sequence[str]) -> Matrix:
        import numpy as np

        from selaras.match.fusion import zscore_rows

        logit = self.intercept + self.fused * np.asarray(fused, dtype=np.float64)
        logit = logit + np.array([self.targets.get(target, 0.0) for target in target_ids], dtype=np.float64)
        for name in self.signals:
            values = np.asarray(signals[name], dtype=np.float64)
            logit = logit + self.raw.get(name, 0.0) * values + self.z.get(name, 0.0) * zscore_rows(values)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float64)


@dataclass(frozen=True)
class LearnedDecision:
    """Score each (item, target) by the first of ``models`` whose signals the matcher has (the richest first; the
    last reads the lexical signal alone, which every matcher has) and accept it at ``min_score`` or more, at any
    position (``top`` is unlimited)."""

    models: tuple[SignalModel, ...]
    min_score: float = MIN_PROBABILITY
    top: int = sys.maxsize

    def model(self, signals: Mapping[str, Matrix]) -> SignalModel:
        found = next((model for model in self.models if model.applies(signals)), None)
        if found is None:
            raise ValueError(f"no decision model for the signals {sorted(signals)}")
        return found

    def scores(self, fusion: Fusion, signals: Mapping[str, Matrix], target_ids: Sequence[str]) -> Matrix:
        """Items × targets probabilities that each link is right."""
        return self.model(signals).probabilities(fusion.fuse(signals), signals, target_ids)

    def accepts(self, position: int, score: float) -> bool:
        return score >= self.min_score


Acceptance = DecisionRule | LearnedDecision
"""What :meth:`~selaras.match.engine.Matcher.rank` scores and accepts suggestions by."""


@dataclass(frozen=True)
class ShippedDecision:
    """A fitted decision with where it comes from: the split it was fitted on, its size, the average accuracy
    there (in-sample) and in 5-fold cross-validation inside that split."""

    target_set: str
    decision: LearnedDecision
    tuned_on: str
    n: int
    dev_average_accuracy: float
    dev_cv_average_accuracy: float
    command: str

    def as_json(self) -> dict[str, Any]:
        return {
            "tuned_on": self.tuned_on,
            "n": self.n,
            "dev_average_accuracy": self.dev_average_accuracy,
            "dev_cv_average_accuracy": self.dev_cv_average_accuracy,
            "command": self.command,
            "min_score": self.decision.min_score,
            "models": [
                {
                    "signals": list(model.signals),
                    "intercept": model.intercept,
                    "fused": model.fused,
                    "raw": dict(model.raw),
                    "z": dict(model.z),
                    "targets": dict(model.targets),
                }
                for model in self.decision.models
            ],
        }


def _shipped(target_set: str, entry: dict[str, Any]) -> ShippedDecision:
    models = tuple(
        SignalModel(
            tuple(model["signals"]),
            float(model["intercept"]),
            float(model["fused"]),
            {str(k): float(v) for k, v in model["raw"].items()},
            {str(k): float(v) for k, v in model["z"].items()},
            {str(k): float(v) for k, v in model["targets"].items()},
        )
        for model in entry["models"]
    )
    return ShippedDecision(
        target_set,
        LearnedDecision(models, float(entry["min_score"])),
        str(entry["tuned_on"]),
        int(entry["n"]),
        float(entry["dev_average_accuracy"]),
        float(entry["dev_cv_average_accuracy"]),
        str(entry["command"]),
    )


@cache
def shipped_decisions() -> dict[str, ShippedDecision]:
    """The decisions in ``selaras/match/data/decision_models.json`` by target set."""
    text = files("selaras.match").joinpath("data", MODELS_FILE).read_text(encoding="utf-8")
    return {name: _shipped(name, entry) for name, entry in json.loads(text).items()}


def decision_rule(target_set: str | None, threshold: float) -> Acceptance:
    """The shipped decision of a built-in target set, else ``threshold`` (the fusion's) with no limit on the count."""
    shipped = shipped_decisions().get(target_set or "")
    return shipped.decision if shipped else DecisionRule(sys.maxsize, threshold)


def suggestion_floor(target_set: str | None, default: float = DEFAULT_FLOOR) -> float:
    """The lowest score stored as a suggestion into ``target_set``: its fitted decision's ``min_score`` where it
    has one (what it would not accept is not proposed either), else ``default`` (the ``suggest_floor`` setting)."""
    shipped = shipped_decisions().get(target_set or "")
    return shipped.decision.min_score if shipped else default
