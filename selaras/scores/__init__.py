"""Scores: explainable 0-100 figures per pemda and per PD, defined in docs/scores.md.

Every score keeps the items that raised or lowered it, so the report can say exactly why it is what it is.
"""

from selaras.scores.model import Contribution, Score, ScoreCard
from selaras.scores.scorecards import compute_scorecards

__all__ = ["Contribution", "Score", "ScoreCard", "compute_scorecards"]
