"""Fuse signals into one calibrated score in [0, 1] and a yes/no decision.

Signals live on different scales (a TF-IDF cosine of 0.2 is strong, an E5 cosine of 0.8 is ordinary), so each
is first turned into a z-score across the targets of one item: "how much better than this item's other options
is this target". The weighted sum of z-scores is then mapped to a probability by a logistic curve (Platt
scaling) whose two numbers were fitted on the development split of the gold set; the decision is that
probability against a threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

__all__ = ["Fusion", "fit_logistic", "fit_ridge_logistic", "zscore_rows"]

Matrix = NDArray[np.float64]


def zscore_rows(matrix: NDArray[np.floating]) -> Matrix:
    """Per row (item): subtract the mean over targets and divide by their spread; a flat row becomes zeros."""
    values = np.asarray(matrix, dtype=np.float64)
    if values.shape[1] == 0:
        return values
    spread = values.std(axis=1, keepdims=True)
    result: Matrix = (values - values.mean(axis=1, keepdims=True)) / np.where(spread > 1e-9, spread, 1.0)
    return result


@dataclass(frozen=True)
class Fusion:
    """Signal weights, the logistic calibration and the decision threshold, together because they are tuned together."""

    weights: Mapping[str, float] = field(default_factory=dict)
    slope: float = 1.0
    intercept: float = -2.0
    threshold: float = 0.5

    def weight(self, signal: str) -> float:
        """The weight of ``signal``; ``semantic:<model>`` falls back to ``semantic:*`` (any other embedder)."""
        if signal in self.weights:
            return self.weights[signal]
        family, _, _ = signal.partition(":")
        return self.weights.get(f"{family}:*", 0.0)

    def fuse(self, signals: Mapping[str, NDArray[np.floating]]) -> Matrix:
        """Weighted mean of z-scored signals; a signal without a weight is ignored.

        A mean rather than a sum keeps the scale the same whether two signals are present or seven, so one
        calibration curve serves a name-only run and a run with context and history alike.
        """
        fused: Matrix | None = None
        total = 0.0
        for name, matrix in signals.items():
            weight = self.weight(name)
            if weight:
                term = weight * zscore_rows(matrix)
                fused = term if fused is None else fused + term
                total += weight
        if fused is None:
            first = next(iter(signals.values()))
            return np.zeros(first.shape, dtype=np.float64)
        return fused / total

    def calibrate(self, fused: Matrix) -> Matrix:
        """Probability that a link is right, from the fused score."""
        return np.asarray(1.0 / (1.0 + np.exp(-(self.slope * fused + self.intercept))), dtype=np.float64)

    def scores(self, signals: Mapping[str, NDArray[np.floating]]) -> Matrix:
        return self.calibrate(self.fuse(signals))


def fit_logistic(x: NDArray[np.floating], y: NDArray[np.bool_], *, iterations: int = 200) -> tuple[float, float]:
    """Slope and intercept of ``P(y) = sigmoid(slope * x + intercept)`` by Newton's method (Platt scaling).

    Uses Platt's smoothed targets so a perfectly separable tuning set does not send the slope to infinity.
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    positives = float(np.sum(y))
    negatives = float(y.size - positives)
    target = np.where(np.asarray(y).ravel(), (positives + 1) / (positives + 2), 1 / (negatives + 2))
    slope, intercept = 1.0, 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(slope * x + intercept)))
        w = np.maximum(p * (1 - p), 1e-9)
        gradient = np.array([np.sum((p - target) * x), np.sum(p - target)])
        hessian = np.array([[np.sum(w * x * x), np.sum(w * x)], [np.sum(w * x), np.sum(w)]]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        step *= min(1.0, 1.0 / float(np.abs(step).max()))  # damped: a full Newton step can overshoot far from 0
        slope, intercept = slope - float(step[0]), intercept - float(step[1])
        if np.abs(step).max() < 1e-8:
            break
    return slope, intercept


def fit_ridge_logistic(
    x: NDArray[np.floating], y: NDArray[np.bool_], penalty: NDArray[np.floating], *, iterations: int = 100
) -> NDArray[np.float64]:
    """Weights ``w`` of ``P(y) = sigmoid(x @ w)`` maximising the log-likelihood minus ``Σ penalty · w² / 2``, by
    Newton's method (a column of ones in ``x`` with penalty 0 is an unpenalised intercept).

    The penalty is what keeps a model fitted on a few hundred labelled pairs from chasing them: it shrinks each
    weight toward 0 (a per-target intercept toward the shared one) unless the data insist.
    """
    x = np.asarray(x, dtype=np.float64)
    target = np.asarray(y, dtype=np.float64).ravel()
    ridge = np.diag(np.asarray(penalty, dtype=np.float64)) + 1e-9 * np.eye(x.shape[1])
    weights = np.zeros(x.shape[1], dtype=np.float64)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - target) + ridge @ weights
        hessian = x.T @ (x * np.maximum(p * (1 - p), 1e-12)[:, None]) + ridge
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-10:
            break
    return weights
