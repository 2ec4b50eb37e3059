"""When a suggestion counts as *accepted*: a decision rule per built-in target set, tuned on a dev split only.

The fusion's calibrated score says how likely one link is right; how many links to propose depends on the target
set: an item serves one Asta Cita mission, but a text often touches two or three SDGs. A :class:`DecisionRule`
accepts the first ``top`` targets of an item whose score reaches ``min_score``.

The tuned rules are shipped data (``data/decision_rules.csv``), each row naming the split it was tuned on and its
score there; ``python -m selaras.match.calibrate`` regenerates them. A target set without a row (the Indonesian
sets, a user's own CSV) keeps the fusion's threshold with no limit on the number accepted.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = ["RULES_FILE", "DecisionRule", "ShippedRule", "decision_rule", "shipped_rules"]

RULES_FILE = "decision_rules.csv"
RULE_COLUMNS = ("target_set", "top", "min_score", "tuned_on", "n", "dev_average_accuracy", "command")


@dataclass(frozen=True, slots=True)
class DecisionRule:
    """Accept a target when it is among the first ``top`` of its item and scores ``min_score`` or more."""

    top: int
    min_score: float

    def accepts(self, position: int, score: float) -> bool:
        """``position`` is 0 for the item's best target."""
        return position < self.top and score >= self.min_score


@dataclass(frozen=True, slots=True)
class ShippedRule:
    """A tuned rule with where it comes from: the split it was tuned on, its size and the score reached there."""

    target_set: str
    rule: DecisionRule
    tuned_on: str
    n: int
    dev_average_accuracy: float
    command: str


@cache
def shipped_rules() -> dict[str, ShippedRule]:
    """The rules in ``selaras/match/data/decision_rules.csv`` by target set."""
    text = files("selaras.match").joinpath("data", RULES_FILE).read_text(encoding="utf-8")
    return {
        row["target_set"]: ShippedRule(
            row["target_set"],
            DecisionRule(int(row["top"]), float(row["min_score"])),
            row["tuned_on"],
            int(row["n"]),
            float(row["dev_average_accuracy"]),
            row["command"],
        )
        for row in csv.DictReader(text.splitlines())
    }


def decision_rule(target_set: str | None, threshold: float) -> DecisionRule:
    """The shipped rule of a built-in target set, else ``threshold`` (the fusion's) with no limit on the count."""
    shipped = shipped_rules().get(target_set or "")
    return shipped.rule if shipped else DecisionRule(sys.maxsize, threshold)
