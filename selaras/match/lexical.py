"""Lexical similarity: TF-IDF (or BM25) over stemmed words and character n-grams, in plain numpy.

Words carry the meaning planners recognise ("gizi", "jalan", "koperasi"); character n-grams of the unstemmed
words catch what the stemmer misses (derived forms, typos, glued words it could not split). Both live in one
sparse vector, with feature names prefixed ``w:`` and ``c:``.

Inverse document frequencies are learned from the target passages *and* a background of other texts (the
items being matched), because eight or seventeen targets alone cannot tell a rare word from a common one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from selaras.match.normalize import Normalizer

__all__ = ["Analyzer", "LexicalIndex"]

Scheme = Literal["tfidf", "bm25"]


@dataclass
class Analyzer:
    """Turns a text into weighted features: stems (``w:``) and character n-grams of its words (``c:``)."""

    normalizer: Normalizer = field(default_factory=Normalizer)
    ngram_range: tuple[int, int] = (3, 5)
    char_weight: float = 0.5
    """Relative weight of the n-gram block: n-grams are many per word and would otherwise drown the stems."""

    def features(self, text: str) -> Counter[str]:
        counts: Counter[str] = Counter(f"w:{stem}" for stem in self.normalizer.tokens(text))
        if self.char_weight > 0:
            low, high = self.ngram_range
            for word in self.normalizer.words(text):
                padded = f" {word} "
                for size in range(low, high + 1):
                    counts.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
        return counts


class LexicalIndex:
    """Target passages as sparse rows; :meth:`score` compares many queries against all of them at once."""

    def __init__(self, analyzer: Analyzer | None = None, *, scheme: Scheme = "tfidf", k1: float = 1.2, b: float = 0.5):
        self.analyzer = analyzer or Analyzer()
        self.scheme = scheme
        self.k1 = k1
        self.b = b
        self._vocabulary: dict[str, int] = {}
        self._idf: dict[str, float] = {}
        self._default_idf = 1.0
        self._matrix: NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)

    def fit(self, documents: Sequence[str], background: Iterable[str] = ()) -> LexicalIndex:
        """Index ``documents`` (the passages to rank); ``background`` only sharpens the idf."""
        doc_features = [self.analyzer.features(text) for text in documents]
        frequency: Counter[str] = Counter()
        total = 0
        for features in [*doc_features, *(self.analyzer.features(text) for text in background)]:
            frequency.update(features.keys())
            total += 1
        self._idf = {name: math.log((1 + total) / (1 + count)) + 1.0 for name, count in frequency.items()}
        self._default_idf = math.log(1 + total) + 1.0
        self._vocabulary = {name: i for i, name in enumerate(sorted({n for f in doc_features for n in f}))}
        matrix = np.zeros((len(documents), len(self._vocabulary)), dtype=np.float32)
        lengths = np.array([sum(f.values()) for f in doc_features], dtype=np.float32)
        mean_length = float(lengths.mean()) if len(lengths) else 1.0
        for row, features in enumerate(doc_features):
            for name, count in features.items():
                matrix[row, self._vocabulary[name]] = self._document_weight(name, count, lengths[row], mean_length)
        if self.scheme == "tfidf":
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix /= np.where(norms > 0, norms, 1.0)
        self._matrix = matrix
        return self

    def _weight(self, name: str) -> float:
        return (self.analyzer.char_weight if name.startswith("c:") else 1.0) * self._idf.get(name, self._default_idf)

    def _document_weight(self, name: str, count: int, length: float, mean_length: float) -> float:
        if self.scheme == "bm25":
            saturation = (
                count * (self.k1 + 1) / (count + self.k1 * (1 - self.b + self.b * length / max(mean_length, 1)))
            )
            return saturation * self._weight(name)
        return (1.0 + math.log(count)) * self._weight(name)

    def score(self, queries: Sequence[str]) -> NDArray[np.float32]:
        """Similarity of each query to each indexed passage: cosine for TF-IDF, raw BM25 otherwise."""
        result = np.zeros((len(queries), self._matrix.shape[0]), dtype=np.float32)
        for row, text in enumerate(queries):
            features = self.analyzer.features(text)
            columns: list[int] = []
            weights: list[float] = []
            norm = 0.0
            for name, count in features.items():
                weight = (1.0 + math.log(count)) * self._weight(name) if self.scheme == "tfidf" else self._weight(name)
                norm += weight * weight
                column = self._vocabulary.get(name)
                if column is not None:
                    columns.append(column)
                    weights.append(weight if self.scheme == "tfidf" else 1.0)
            if columns:
                scores = self._matrix[:, columns] @ np.asarray(weights, dtype=np.float32)
                result[row] = scores / math.sqrt(norm) if self.scheme == "tfidf" else scores
        return result
