"""When a suggestion counts as *accepted*: a decision rule per built-in target set, tuned on a dev split only.

The fusion's calibrated score says how likely one link is right; how many links to propose depends on the target
set: an item serves one Asta Cita mission, but a text often touches two or three SDGs. A :class:`DecisionRule`
accepts the first ``top`` targets of an item whose score reaches ``min_score``.

The tuned rules are shipped data (``data/decision_rules.csv``), each row naming the split it was tuned on and its
score there; ``python -m selaras.match.calibrate`` regenerates them. A target set without a row (the Indonesian
sets, a user's own CSV) keeps the fusion's threshold with no limit on the number accepted.

The **floor** is lower: the score under which a proposal is not worth a reviewer's time and is not stored as a
suggestion at all (:func:`suggestion_floor`). A set with a tuned rule has the rule's ``min_score`` as its floor;
every other set has :data:`DEFAULT_FLOOR` (the ``suggest_floor`` setting overrides it).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = [
    "DEFAULT_FLOOR",
    "RULES_FILE",
    "DecisionRule",
    "ShippedRule",
    "decision_rule",
    "shipped_rules",
    "suggestion_floor",
]

DEFAULT_FLOOR = 0.15
"""The floor of a target set without a tuned rule, chosen on the **dev** split of the Asta Cita gold set only
(``docs/matching.md``, "The floor"): the highest score that still keeps at least 95 % of the right links among
each item's top three, with the full engine, whether it sees names only, names with context, or history too
(97.5 / 96.1 / 95.5 % kept; 19 / 32 / 44 % of the wrong ones dropped). The calibrated score is the probability
that a link is right, so a proposal under 0.15 is one a reviewer would reject six times in seven."""

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


def suggestion_floor(target_set: str | None, default: float = DEFAULT_FLOOR) -> float:
    """The lowest score stored as a suggestion into ``target_set``: its tuned rule's ``min_score`` where it has
    one (what the rule would not accept is not proposed either), else ``default`` (the ``suggest_floor``
    setting)."""
    shipped = shipped_rules().get(target_set or "")
    return shipped.rule.min_score if shipped else default
