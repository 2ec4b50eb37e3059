"""Sentence vectors shipped inside the package, so a first run on a new machine embeds nothing it can look up.

Embedding is the slow part of a first ``selaras match``: loading a model and embedding the built-in targets took
~40 s before a single item was ranked. The texts a run on the bundled data meets are known in advance (the
targets of every built-in target set, every nomenclature name, see :mod:`selaras.match.vectors`), so their
vectors are computed once and shipped in ``data/vectors/<model>.npz``.

Each vector is keyed by a hash of (model, role, text): a target text edited later is simply not found and is
embedded as before. Vectors are stored as int8 with one float32 scale per vector (cosine to the live vector
≥ 0.9999, half the size of float16: the two models' ~29,700 vectors take 13.7 MB instead of 26 MB).
The archive is written with fixed timestamps and sorted rows, so regenerating it from the same texts and models
gives the same bytes. Its members are stored, not deflated: int8 codes and hash keys barely compress (4 %), and
inflating them took 0.2 s per model of every cold run.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from selaras.match.embeddings import Role

__all__ = ["KEY_BYTES", "ShippedVectors", "file_name", "quantize", "shipped_key", "shipped_vectors", "write_vectors"]

KEY_BYTES = 16
"""Bytes of the SHA-1 kept per key: 2^-128 chance that a new text takes a shipped text's vector."""

_FORMAT = 1


def shipped_key(model: str, role: Role, text: str) -> bytes:
    """The key of one vector: model name, role and the exact (normalised) text the embedder receives."""
    return hashlib.sha1(f"{model}\n{role}\n{text}".encode()).digest()[:KEY_BYTES]


def file_name(model: str) -> str:
    """``<model>.npz`` with anything but letters, digits, ``-_.`` replaced."""
    return "".join(char if char.isalnum() or char in "-_." else "_" for char in model) + ".npz"


def quantize(vectors: NDArray[np.float32]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """int8 codes and the per-row scale that multiplies them back (largest component maps to ±127)."""
    peak = np.abs(vectors).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return codes, scales


class ShippedVectors:
    """The shipped vectors of one model (none when the model has no file): lookup by role and text."""

    def __init__(self, model: str, keys: NDArray[np.uint8], codes: NDArray[np.int8], scales: NDArray[np.float32]):
        self.model = model
        self._index = {bytes(key): row for row, key in enumerate(keys)}
        self._codes = codes
        self._scales = scales

    @classmethod
    def empty(cls, model: str) -> ShippedVectors:
        return cls(model, np.zeros((0, KEY_BYTES), np.uint8), np.zeros((0, 0), np.int8), np.zeros(0, np.float32))

    @classmethod
    def read(cls, model: str, data: bytes) -> ShippedVectors:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            if str(stored["model"]) != model or int(stored["format"]) != _FORMAT:
                raise ValueError(f"{file_name(model)}: vectors of {stored['model']} (format {stored['format']})")
            return cls(model, stored["keys"], stored["codes"], stored["scales"])

    def __len__(self) -> int:
        return len(self._index)

    def lookup(self, role: Role, texts: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """The vectors of those ``texts`` that are shipped, L2-normalised, by text."""
        if not self._index:
            return {}
        found = {text: self._index.get(shipped_key(self.model, role, text)) for text in texts}
        hits = {text: row for text, row in found.items() if row is not None}
        if not hits:
            return {}
        rows = np.fromiter(hits.values(), dtype=np.int64, count=len(hits))
        vectors = self._codes[rows].astype(np.float32) * self._scales[rows, None]
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return dict(zip(hits, vectors, strict=True))


@cache
def shipped_vectors(model: str) -> ShippedVectors:
    """The vectors shipped for ``model`` in ``selaras/match/data/vectors`` (read once per process)."""
    resource = files("selaras.match").joinpath("data", "vectors", file_name(model))
    if not resource.is_file():
        return ShippedVectors.empty(model)
    return ShippedVectors.read(model, resource.read_bytes())


def write_vectors(
    path: Path, model: str, entries: Iterable[tuple[Role, str]], vectors: NDArray[np.float32]
) -> ShippedVectors:
    """Write the vectors of ``entries`` (one row each, in order) to ``path``, byte-for-byte reproducibly."""
    keyed = sorted(
        (shipped_key(model, role, text), row) for row, (role, text) in enumerate(entries)
    )  # rows by key: the same texts in another order give the same file
    keys = np.frombuffer(b"".join(key for key, _ in keyed), dtype=np.uint8).reshape(-1, KEY_BYTES)
    codes, scales = quantize(vectors[[row for _, row in keyed]])
    arrays = {"format": np.array(_FORMAT), "model": np.array(model), "keys": keys, "codes": codes, "scales": scales}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            content = io.BytesIO()
            np.lib.format.write_array(content, array, allow_pickle=False)
            archive.writestr(member, content.getvalue())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return ShippedVectors(model, keys, codes, scales)
