"""Tune the decision rule of the SDG targets on the dev half of the SDG benchmark and ship it.

    python -m selaras.match.calibrate [--cache DIR]

ranks the dev texts of ``evaluation/sdg/benchmark.csv`` (:func:`~selaras.match.evaluate.sdg_split`) with the
default engine, picks the rule with the best average accuracy there (:func:`~selaras.match.evaluate.tune_sdg_rule`)
and rewrites ``selaras/match/data/decision_rules.csv``. The test half is never ranked: ``selaras evaluate`` reports it.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from pathlib import Path

from selaras.match.decision import RULE_COLUMNS, RULES_FILE, ShippedRule
from selaras.match.engine import Matcher
from selaras.match.evaluate import _accuracy, _rank_texts, sdg_split, tune_sdg_rule
from selaras.match.gold import SdgCase, load_sdg_benchmark
from selaras.match.normalize import english_normalizer
from selaras.match.targets import national_targets

__all__ = ["calibrate_sdg", "main"]

COMMAND = "python -m selaras.match.calibrate"


def calibrate_sdg(matcher: Matcher, cases: Sequence[SdgCase]) -> ShippedRule:
    """The SDG rule tuned on the dev rows of ``cases`` only, with its dev average accuracy."""
    dev = [case for case in cases if sdg_split(case.text) == "dev"]
    if not dev:
        raise ValueError("calibrate_sdg: no dev rows to tune the decision rule on")
    ranked = _rank_texts(matcher, sorted({case.text for case in dev}), national_targets("sdg"))
    rule = tune_sdg_rule(ranked, dev)
    tuned_on = "evaluation/sdg/benchmark.csv, dev half (sdg_split)"
    return ShippedRule("sdg", rule, tuned_on, len(dev), round(_accuracy(ranked, dev, rule), 4), COMMAND)


def write_rules(rules: Sequence[ShippedRule], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(RULE_COLUMNS)
        for shipped in rules:
            rule = shipped.rule
            row = (shipped.target_set, rule.top, rule.min_score, shipped.tuned_on, shipped.n)
            writer.writerow((*row, shipped.dev_average_accuracy, shipped.command))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, default=Path("data/cache"), help="embedding cache (data/cache)")
    arguments = parser.parse_args(argv)
    english = english_normalizer()
    shipped = calibrate_sdg(Matcher.default(arguments.cache, normalizer=english), load_sdg_benchmark(None))
    write_rules([shipped], Path(__file__).parent / "data" / RULES_FILE)
    print(f"sdg: top {shipped.rule.top}, min_score {shipped.rule.min_score}, dev {shipped.dev_average_accuracy}")


if __name__ == "__main__":
    main()
