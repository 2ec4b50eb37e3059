"""The SDG benchmark runner: hash split, multi-label rule tuned on dev only, three systems on every split."""

from __future__ import annotations

from pathlib import Path

import pytest

from selaras.match.engine import ItemSuggestions, Matcher, Suggestion
from selaras.match.evaluate import SdgRule, evaluate_sdg, sdg_split, tune_sdg_rule
from selaras.match.gold import SdgCase, load_sdg_benchmark
from selaras.match.normalize import english_normalizer

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
    assert SdgRule(top=2, min_score=0.5).predict(ranked) == {6, 3}
    assert SdgRule(top=1, min_score=0.5).predict(ranked) == {6}
    assert SdgRule(top=3, min_score=0.7).predict(ranked) == {6}


def test_rule_is_tuned_on_the_cases_given() -> None:
    ranked = {"a": _ranked(("SDG6", 0.9), ("SDG3", 0.6)), "b": _ranked(("SDG3", 0.8), ("SDG6", 0.1))}
    cases = [SdgCase("1", "a", 6, True), SdgCase("2", "a", 3, False), SdgCase("3", "b", 3, True)]
    rule = tune_sdg_rule(ranked, cases)
    assert [rule.predict(ranked[case.text]) for case in cases] == [{6}, {6}, {3}]


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
