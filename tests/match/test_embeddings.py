"""Spreading a call over the cores: rows keep the order of the texts, BLAS runs single-threaded meanwhile, and a
few texts stay in one share."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

from selaras.match.embeddings import SHARE, spread


class Lengths:
    """An encoder whose vector is the text's length; it counts its calls (one per share)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, texts: list[str]) -> NDArray[np.float32]:
        self.calls += 1
        return np.array([[len(text)] for text in texts], dtype=np.float32)


def test_rows_come_back_in_the_order_of_the_texts() -> None:
    texts = ["x" * n for n in range(1, 50)]
    for cores in (1, 2, 3):
        encode = Lengths()
        assert spread(encode, texts, cores=cores)[:, 0].tolist() == [float(n) for n in range(1, 50)]
        assert encode.calls == cores


def test_few_texts_stay_in_one_share() -> None:
    encode = Lengths()
    spread(encode, ["a"] * (2 * SHARE - 1), cores=4)
    assert encode.calls == 1


def test_blas_is_single_threaded_while_the_shares_run() -> None:
    seen: list[int] = []

    def encode(texts: list[str]) -> NDArray[np.float32]:
        seen.extend(info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas")
        return np.ones((len(texts), 1), dtype=np.float32)

    spread(encode, ["a"] * 4 * SHARE, cores=2)
    assert seen and set(seen) == {1}
