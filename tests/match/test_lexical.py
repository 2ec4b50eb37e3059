from __future__ import annotations

import math
from collections import Counter

import numpy as np

from selaras.match.lexical import Analyzer, LexicalIndex

PASSAGES = ["Peningkatan layanan kesehatan dan gizi", "Pembangunan jalan dan jembatan"]


def test_tfidf_ranks_the_passage_sharing_rare_words_first() -> None:
    scores = LexicalIndex().fit(PASSAGES).score(["Pemeliharaan Jembatan Desa", "Penanganan Gizi Buruk"])
    assert scores.shape == (2, 2)
    assert np.argmax(scores[0]) == 1
    assert np.argmax(scores[1]) == 0
    assert 0 < scores.max() <= 1.0


def test_character_ngrams_catch_forms_the_stemmer_misses() -> None:
    scores = LexicalIndex().fit(PASSAGES).score(["jembatannya"])
    assert scores[0, 1] > scores[0, 0]


def test_bm25_scheme_agrees_on_the_obvious_case() -> None:
    scores = LexicalIndex(scheme="bm25").fit(PASSAGES).score(["jalan rusak"])
    assert scores[0, 1] > scores[0, 0]


def test_unknown_words_score_zero() -> None:
    assert LexicalIndex().fit(PASSAGES).score(["xyzzy"]).max() == 0


# --- the remembered, vectorised index against the plain per-feature definition ---------------------------------

BACKGROUND = ["Pembangunan Jalan Desa", "Pemeliharaan jembatan gantung", "Penyuluhan gizi balita", "SDM kesehatan"]
QUERIES = ["Pemeliharaan Jembatan Desa", "Penanganan Gizi Buruk", "jembatannya", "xyzzy", "", "gizi gizi gizi"]


def _reference_features(analyzer: Analyzer, text: str) -> Counter[str]:
    counts: Counter[str] = Counter(f"w:{stem}" for stem in analyzer.normalizer.tokens(text))
    low, high = analyzer.ngram_range
    for word in analyzer.normalizer.words(text):
        padded = f" {word} "
        for size in range(low, high + 1):
            counts.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return counts


def _reference_scores(documents: list[str], background: list[str], queries: list[str]) -> np.ndarray:
    """TF-IDF cosine written out one feature at a time: idf over documents and background, float32 rows."""
    analyzer = Analyzer()
    docs = [_reference_features(analyzer, text) for text in documents]
    frequency: Counter[str] = Counter()
    for features in [*docs, *(_reference_features(analyzer, text) for text in background)]:
        frequency.update(features.keys())
    total = len(documents) + len(background)

    def weight(name: str, count: int) -> float:
        idf = math.log((1 + total) / (1 + frequency[name])) + 1.0
        return (1.0 + math.log(count)) * (analyzer.char_weight if name.startswith("c:") else 1.0) * idf

    vocabulary = {name: i for i, name in enumerate(sorted({n for f in docs for n in f}))}
    matrix = np.zeros((len(docs), len(vocabulary)), dtype=np.float32)
    for row, features in enumerate(docs):
        for name, count in features.items():
            matrix[row, vocabulary[name]] = weight(name, count)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    result = np.zeros((len(queries), len(docs)), dtype=np.float32)
    for row, text in enumerate(queries):
        weights = {name: weight(name, count) for name, count in _reference_features(analyzer, text).items()}
        norm = sum(value * value for value in weights.values())
        shared = [name for name in weights if name in vocabulary]
        if shared:
            vector = np.asarray([weights[name] for name in shared], dtype=np.float32)
            result[row] = matrix[:, [vocabulary[name] for name in shared]] @ vector / math.sqrt(norm)
    return result


def test_features_keep_the_order_and_counts_of_the_plain_definition() -> None:
    analyzer = Analyzer()
    for text in [*QUERIES, *PASSAGES, *BACKGROUND]:
        assert list(analyzer.features(text).items()) == list(_reference_features(analyzer, text).items())


def test_remembered_index_scores_exactly_like_the_plain_definition() -> None:
    analyzer = Analyzer()
    expected = _reference_scores(PASSAGES, BACKGROUND, QUERIES)
    assert np.array_equal(LexicalIndex(analyzer).fit(PASSAGES, BACKGROUND).score(QUERIES), expected)
    # again on the same analyzer: a different background must not reuse the first idf
    LexicalIndex(analyzer).fit(PASSAGES, BACKGROUND[:1]).score(QUERIES)
    assert np.array_equal(LexicalIndex(analyzer).fit(PASSAGES, BACKGROUND).score(QUERIES), expected)
    assert not np.array_equal(LexicalIndex(analyzer).fit(PASSAGES).score(QUERIES), expected)
