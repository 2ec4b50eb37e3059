"""Shipped vectors: the file format, the lookup, and the cached embedder reading them before any model."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from selaras.match.embeddings import CachedEmbedder, FakeEmbedder
from selaras.match.shipped import ShippedVectors, quantize, shipped_key, write_vectors


def _shipped(tmp_path: Path, model: str, texts: list[str]) -> ShippedVectors:
    vectors = FakeEmbedder(model).embed(texts, "passage")
    path = tmp_path / "vectors.npz"
    write_vectors(path, model, [("passage", text) for text in texts], vectors)
    return ShippedVectors.read(model, path.read_bytes())


def test_int8_vectors_keep_the_direction_of_the_live_ones() -> None:
    vectors = np.random.default_rng(0).normal(size=(50, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    codes, scales = quantize(vectors)
    restored = codes.astype(np.float32) * scales[:, None]
    cosine = np.sum(restored * vectors, axis=1) / np.linalg.norm(restored, axis=1)
    assert codes.dtype == np.int8 and cosine.min() >= 0.9999


def test_lookup_is_by_model_role_and_exact_text(tmp_path: Path) -> None:
    shipped = _shipped(tmp_path, "fake", ["Pelayanan Kesehatan Balita", "Pembangunan Jalan"])
    found = shipped.lookup("passage", ["Pembangunan Jalan", "Pembangunan Jalan Desa"])
    assert list(found) == ["Pembangunan Jalan"]  # a changed text is a miss, not a near neighbour
    live = FakeEmbedder("fake").embed(["Pembangunan Jalan"], "passage")[0]
    assert float(found["Pembangunan Jalan"] @ live) >= 0.999
    assert shipped.lookup("query", ["Pembangunan Jalan"]) == {}  # E5 embeds a query differently
    assert shipped_key("fake", "passage", "x") != shipped_key("other", "passage", "x")


def test_the_same_texts_in_any_order_give_the_same_file(tmp_path: Path) -> None:
    texts = ["gizi balita", "jalan desa", "air minum"]
    entries = [("query", text) for text in texts]
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    write_vectors(first, "fake", entries, FakeEmbedder().embed(texts, "query"))
    write_vectors(second, "fake", entries[::-1], FakeEmbedder().embed(texts[::-1], "query"))
    assert first.read_bytes() == second.read_bytes()


def test_a_file_of_another_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.npz"
    write_vectors(path, "fake", [("query", "x")], FakeEmbedder().embed(["x"], "query"))
    try:
        ShippedVectors.read("other", path.read_bytes())
    except ValueError as error:
        assert "fake" in str(error)
    else:
        raise AssertionError("vectors of another model were accepted")


def test_cached_embedder_embeds_only_what_is_not_shipped(tmp_path: Path) -> None:
    shipped = _shipped(tmp_path, "fake", ["Pembangunan Jalan", "Air Minum"])
    inner = FakeEmbedder("fake")
    cached = CachedEmbedder(inner, tmp_path / "cache", shipped=shipped)
    vectors = cached.embed(["Air Minum", "Gizi Balita", "Pembangunan Jalan"], "passage")
    assert cached.embedded == 1 and inner.calls == 1  # only "Gizi Balita"
    assert vectors.shape == (3, inner.dim)
    cached.save()
    again = CachedEmbedder(FakeEmbedder("fake"), tmp_path / "cache", shipped=shipped)
    assert np.allclose(again.embed(["Gizi Balita"], "passage"), vectors[1:2]) and again.embedded == 0


def test_without_a_cache_dir_nothing_is_written(tmp_path: Path) -> None:
    cached = CachedEmbedder(FakeEmbedder(), None, shipped=ShippedVectors.empty("fake"))
    cached.embed(["gizi"], "query")
    cached.save()
    assert cached.embed(["gizi"], "query").shape == (1, 64) and cached.embedded == 1
    assert list(tmp_path.iterdir()) == []
