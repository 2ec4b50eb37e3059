from __future__ import annotations

import numpy as np

from selaras.match.lexical import LexicalIndex

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
