from __future__ import annotations

import numpy as np

from selaras.match.fusion import Fusion, fit_logistic, fit_ridge_logistic, zscore_rows
from selaras.match.learning import CodePrior, Decision, PriorEvidence, nearest_decisions


def test_zscore_is_per_item_and_flat_rows_become_zero() -> None:
    z = zscore_rows(np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]]))
    assert np.allclose(z[0], [-1.2247, 0.0, 1.2247], atol=1e-4)
    assert np.allclose(z[1], 0.0)


def test_fusion_weights_signals_and_falls_back_to_family_weight() -> None:
    fusion = Fusion(weights={"lexical": 1.0, "semantic:*": 3.0})
    signals = {"lexical": np.array([[1.0, 0.0]]), "semantic:model": np.array([[0.0, 1.0]]), "other": np.ones((1, 2))}
    fused = fusion.fuse(signals)
    assert fused[0, 1] > fused[0, 0]
    scores = fusion.scores(signals)
    assert ((scores > 0) & (scores < 1)).all()


def test_logistic_fit_recovers_the_direction_and_stays_finite_on_separable_data() -> None:
    x = np.array([-2.0, -1.0, 1.0, 2.0])
    slope, intercept = fit_logistic(x, np.array([False, False, True, True]))
    assert slope > 0
    assert np.isfinite([slope, intercept]).all()


def test_ridge_logistic_recovers_weights_and_the_penalty_shrinks_them() -> None:
    generator = np.random.default_rng(0)
    x = np.hstack([np.ones((4000, 1)), generator.normal(size=(4000, 2))])
    y = generator.random(4000) < 1 / (1 + np.exp(-(x @ np.array([-0.5, 2.0, 0.0]))))
    free = fit_ridge_logistic(x, y, np.zeros(3))
    assert np.allclose(free, [-0.5, 2.0, 0.0], atol=0.15)
    shrunk = fit_ridge_logistic(x, y, np.array([0.0, 4000.0, 4000.0]))
    assert abs(shrunk[1]) < abs(free[1]) / 2
    separable = fit_ridge_logistic(np.array([[1.0, -1.0], [1.0, 1.0]]), np.array([False, True]), np.array([0.0, 1.0]))
    assert np.all(np.isfinite(separable)) and separable[1] > 0  # the penalty keeps separable data finite


def test_code_prior_prefers_the_targets_accepted_for_the_same_bidang() -> None:
    history = [Decision(f"x{i}", "PN4", True, f"1.02.0{i}.2.01.0001") for i in range(2, 5)]
    history.append(Decision("y", "PN7", False, "1.02.02.2.01.0001"))
    prior = CodePrior(history)
    scores = prior.scores(["1.02.09.2.01.0001", "3.01.02.2.01.0001"], ["PN4", "PN7"])
    assert scores[0, 0] > scores[0, 1]
    assert (scores[1] == 0).all()
    evidence = prior.evidence("1.02.09.2.01.0001", "PN4")
    assert evidence is not None and (evidence.code, evidence.count, evidence.total) == ("1.02", 3, 3)


def test_code_prior_learns_program_penunjang_apart_from_its_bidang() -> None:
    history = [Decision(f"x{i}", "PN4", True, f"1.02.0{i}.2.01.0001") for i in range(2, 5)]
    history.append(Decision("p", "PN7", True, "5.01.01.2.01.0001"))
    prior = CodePrior(history)
    scores = prior.scores(["1.02.01.2.02.0001"], ["PN4", "PN7"])  # penunjang of Dinas Kesehatan
    assert scores[0, 1] > scores[0, 0]
    evidence = prior.evidence("1.02.01.2.02.0001", "PN4")
    assert evidence is None
    assert prior.evidence("1.02.01.2.02.0001", "PN7") == PriorEvidence("X.XX.01", 1, 1)


def test_nearest_decisions_vote_for_accepted_and_against_rejected() -> None:
    history = [Decision("a", "T1", True), Decision("b", "T2", False)]
    votes, strongest = nearest_decisions(np.array([[0.9, 0.8]]), history, ["T1", "T2"], k=2)
    assert votes[0, 0] > 0 > votes[0, 1]
    assert strongest[0, 0] == 0 and strongest[0, 1] == -1
