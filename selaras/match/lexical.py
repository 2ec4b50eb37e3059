"""Lexical similarity: TF-IDF (or BM25) over stemmed words and character n-grams, in plain numpy.

Words carry the meaning planners recognise ("gizi", "jalan", "koperasi"); character n-grams of the unstemmed
words catch what the stemmer misses (derived forms, typos, glued words it could not split). Both live in one
sparse vector, with feature names prefixed ``w:`` and ``c:``.

Inverse document frequencies are learned from the target passages *and* a background of other texts (the
items being matched), because eight or seventeen targets alone cannot tell a rare word from a common one.

Speed: an :class:`Analyzer` gives every feature name an integer id and remembers the features of the texts (and
the n-grams of the words) it has seen, and the layout of the passage sets it has indexed, so re-ranking against
the same targets only redoes what depends on the background. Every weight is computed with the same
floating-point operations, in the same order, as the dictionary-per-text definition (``features``, then one
weight per feature) — the scores are bit for bit those of that definition, which ``tests/match/test_lexical.py``
checks against it.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from selaras.match.normalize import Normalizer

__all__ = ["Analyzer", "LexicalIndex"]

Scheme = Literal["tfidf", "bm25"]
Ids = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class _Encoded:
    """A text's features as ids and counts, in order of first occurrence (the order of ``Analyzer.features``)."""

    ids: Ids
    counts: Ids


@dataclass(frozen=True, slots=True)
class _Corpus:
    """The part of an index that depends on its documents only: which features they hold, and where."""

    columns: Ids  # feature id of each matrix column, sorted by feature name
    column_of: Ids  # feature id → column, -1 where the documents lack the feature
    rows: Ids  # one entry per (document, feature): its row, column and count
    cells: Ids
    counts: Ids
    lengths: NDArray[np.float32]  # features per document, counted with repeats (BM25)
    ids: Ids  # every document's distinct feature ids, concatenated (document frequencies)


@lru_cache(maxsize=64)
def _log_tf(largest: int) -> NDArray[np.float64]:
    """``1 + ln(count)`` for counts 0..largest, by ``math.log`` like the scalar definition (index 0 is unused)."""
    return np.array([0.0, *(1.0 + math.log(count) for count in range(1, largest + 1))], dtype=np.float64)


@dataclass(frozen=True)
class Analyzer:
    """Turns a text into weighted features: stems (``w:``) and character n-grams of its words (``c:``).

    Remembers the features of the last ``cache_size`` texts and of their words; the id of every feature name it
    has seen stays for its lifetime (a matcher's), which bounds the table by the words of the texts matched.
    """

    normalizer: Normalizer = field(default_factory=Normalizer)
    ngram_range: tuple[int, int] = (3, 5)
    char_weight: float = 0.5
    """Relative weight of the n-gram block: n-grams are many per word and would otherwise drown the stems."""
    cache_size: int = 100_000
    _index: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)
    _names: list[str] = field(init=False, repr=False, compare=False, default_factory=list)
    _char: list[bool] = field(init=False, repr=False, compare=False, default_factory=list)
    _lock: threading.Lock = field(init=False, repr=False, compare=False, default_factory=threading.Lock)
    _cached: Callable[[str], _Encoded] = field(init=False, repr=False, compare=False)
    _ngrams: Callable[[str], tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _corpora: Callable[[tuple[str, ...]], _Corpus] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cached", lru_cache(maxsize=self.cache_size)(self._encode))
        object.__setattr__(self, "_ngrams", lru_cache(maxsize=self.cache_size)(self._word_ngrams))
        object.__setattr__(self, "_corpora", lru_cache(maxsize=16)(self._corpus))

    def features(self, text: str) -> Counter[str]:
        """Feature name → count, stems first, then each word's n-grams from the shortest size up."""
        encoded = self.encode(text)
        pairs = zip(encoded.ids.tolist(), encoded.counts.tolist(), strict=True)
        return Counter({self._names[feature]: count for feature, count in pairs})

    def encode(self, text: str) -> _Encoded:
        """:meth:`features` as ids and counts (remembered)."""
        return self._cached(text)

    def corpus(self, documents: Sequence[str]) -> _Corpus:
        """The document-only part of an index over ``documents`` (remembered for the last few passage sets)."""
        return self._corpora(tuple(documents))

    @property
    def size(self) -> int:
        """How many feature ids have been handed out (ids are 0..size-1; ``_char`` grows last but for the index)."""
        return len(self._char)

    def char_mask(self) -> NDArray[np.bool_]:
        """Per feature id: is it a character n-gram."""
        return np.array(self._char, dtype=np.bool_)

    def _id(self, name: str) -> int:
        found = self._index.get(name)
        if found is None:
            with self._lock:  # two threads meeting a new name at once must not give it two ids
                found = self._index.get(name)
                if found is None:
                    found = len(self._names)
                    self._names.append(name)
                    self._char.append(name.startswith("c:"))
                    self._index[name] = found
        return found

    def _word_ngrams(self, word: str) -> tuple[int, ...]:
        low, high = self.ngram_range
        padded = f" {word} "
        return tuple(
            self._id(f"c:{padded[i : i + size]}")
            for size in range(low, high + 1)
            for i in range(len(padded) - size + 1)
        )

    def _encode(self, text: str) -> _Encoded:
        words = self.normalizer.words(text)
        sequence = [self._id(f"w:{stem}") for stem in self.normalizer.stems(words)]
        if self.char_weight > 0:
            for word in words:
                sequence.extend(self._ngrams(word))
        counts = Counter(sequence)
        return _Encoded(
            np.fromiter(counts.keys(), dtype=np.int64, count=len(counts)),
            np.fromiter(counts.values(), dtype=np.int64, count=len(counts)),
        )

    def _corpus(self, documents: tuple[str, ...]) -> _Corpus:
        encoded = [self.encode(text) for text in documents]
        ids = np.concatenate([e.ids for e in encoded]) if encoded else np.zeros(0, dtype=np.int64)
        columns = np.array(sorted(np.unique(ids).tolist(), key=self._names.__getitem__), dtype=np.int64)
        column_of = np.full(self.size, -1, dtype=np.int64)
        column_of[columns] = np.arange(len(columns))
        rows = np.repeat(np.arange(len(encoded)), [len(e.ids) for e in encoded])
        counts = np.concatenate([e.counts for e in encoded]) if encoded else np.zeros(0, dtype=np.int64)
        lengths = np.array([int(e.counts.sum()) for e in encoded], dtype=np.float32)
        return _Corpus(columns, column_of, rows, column_of[ids], counts, lengths, ids)


class LexicalIndex:
    """Target passages as sparse rows; :meth:`score` compares many queries against all of them at once."""

    def __init__(self, analyzer: Analyzer | None = None, *, scheme: Scheme = "tfidf", k1: float = 1.2, b: float = 0.5):
        self.analyzer = analyzer or Analyzer()
        self.scheme = scheme
        self.k1 = k1
        self.b = b
        self._column_of: Ids = np.zeros(0, dtype=np.int64)
        self._frequency: Ids = np.zeros(0, dtype=np.int64)
        self._idf: NDArray[np.float64] = np.ones(1, dtype=np.float64)  # by document frequency
        self._by_feature: NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)  # columns × documents

    def fit(self, documents: Sequence[str], background: Iterable[str] = ()) -> LexicalIndex:
        """Index ``documents`` (the passages to rank); ``background`` only sharpens the idf."""
        corpus = self.analyzer.corpus(documents)
        context = [self.analyzer.encode(text).ids for text in background]
        total = len(documents) + len(context)
        self._column_of = corpus.column_of
        self._frequency = np.bincount(np.concatenate([corpus.ids, *context]), minlength=self.analyzer.size)
        self._idf = np.array([math.log((1 + total) / (1 + count)) + 1.0 for count in range(total + 1)])
        weights = self._feature_weights()[corpus.columns[corpus.cells]]
        matrix = np.zeros((len(documents), len(corpus.columns)), dtype=np.float32)
        if self.scheme == "bm25":
            # float32 wherever a length enters, as numpy's scalar rules made the per-feature definition compute it
            mean = np.float32(max(float(corpus.lengths.mean()), 1) if len(documents) else 1.0)
            lengths = corpus.lengths[corpus.rows]
            norm = np.float32(self.k1) * (np.float32(1 - self.b) + np.float32(self.b) * lengths / mean)
            counts = corpus.counts
            saturation = (counts * (self.k1 + 1)).astype(np.float32) / (counts.astype(np.float32) + norm)
            matrix[corpus.rows, corpus.cells] = saturation * weights.astype(np.float32)
        else:
            matrix[corpus.rows, corpus.cells] = _log_tf(int(corpus.counts.max(initial=1)))[corpus.counts] * weights
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix /= np.where(norms > 0, norms, 1.0)
        self._by_feature = np.ascontiguousarray(matrix.T)  # a query gathers its features' rows
        return self

    def _feature_weights(self) -> NDArray[np.float64]:
        """Per feature id: (char weight for n-grams, 1 for stems) × idf; an id the fit never saw has frequency 0."""
        char = self.analyzer.char_mask()
        frequency = np.zeros(len(char), dtype=np.int64)
        frequency[: len(self._frequency)] = self._frequency
        weights: NDArray[np.float64] = np.where(char, self.analyzer.char_weight, 1.0) * self._idf[frequency]
        return weights

    def score(self, queries: Sequence[str]) -> NDArray[np.float32]:
        """Similarity of each query to each indexed passage: cosine for TF-IDF, raw BM25 otherwise."""
        result = np.zeros((len(queries), self._by_feature.shape[1]), dtype=np.float32)
        encoded = [self.analyzer.encode(text) for text in queries]
        feature_weights = self._feature_weights()  # covers every id handed out so far, the queries' included
        column_of = np.full(len(feature_weights), -1, dtype=np.int64)
        column_of[: len(self._column_of)] = self._column_of
        done: dict[str, int] = {}
        for row, (text, features) in enumerate(zip(queries, encoded, strict=True)):
            if text in done:  # a repeated text (a shared context, a bidang name) scores the same
                result[row] = result[done[text]]
                continue
            done[text] = row
            columns = column_of[features.ids]
            present = columns >= 0
            if not present.any():
                continue
            if self.scheme == "bm25":
                result[row] = np.ones(int(present.sum()), dtype=np.float32) @ self._by_feature[columns[present]]
                continue
            weights = _log_tf(int(features.counts.max()))[features.counts] * feature_weights[features.ids]
            norm = sum((weights * weights).tolist())  # left to right, like the per-feature definition
            scores = weights[present].astype(np.float32) @ self._by_feature[columns[present]]
            result[row] = scores / math.sqrt(norm)
        return result
