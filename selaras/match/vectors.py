"""Which texts have shipped vectors, and the command that regenerates them.

    python -m selaras.match.vectors [--model NAME] [--check]

The engine embeds the normalised text (:meth:`~selaras.match.normalize.Normalizer.clean`) of each item, its
context and its bidang name (role ``query``) and of every target passage (role ``passage``). For the bundled data
those texts are known, and :func:`shipped_texts` lists them per model:

* the passages of every built-in target set (``national_targets``: pn, asta-cita, tpb, sdg; the SDG texts cleaned
  by the English normalizer, as ``selaras match --targets sdg`` does) and of every level of each national framework
  document (``target_items``: what ``selaras suggest --framework`` ranks against — Asta Cita, RPJMN prioritas and
  sasaran, RPJPN, TPB, SDG);
* every program, kegiatan and sub kegiatan name of both bundled nomenclature versions, cleaned by the Indonesian
  and by the English normalizer; the bidang name of each code; and the context of each kegiatan and sub kegiatan in
  the two forms the product writes: ``program / kegiatan`` (``selaras suggest``, from the plan's parents) and
  ``kegiatan | program`` (the ``context`` column of the gold set and of ``selaras match --items`` CSVs). Contexts
  and bidang names only for a model whose signal the fusion weighs (``context:usem3`` weighs 0: never embedded).

The command embeds them with the live models in a fixed order and rewrites ``data/vectors/<model>.npz``
(:func:`~selaras.match.shipped.write_vectors`); ``--check`` only says whether the shipped files cover the texts.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from selaras.domain.codes import CodeLevel, NomenclatureCode
from selaras.match.bidang import bidang_name
from selaras.match.embeddings import E5Embedder, Embedder, Role, UseEmbedder
from selaras.match.engine import DEFAULT_FUSION, Matcher
from selaras.match.fusion import Fusion
from selaras.match.normalize import STEMS_FILE, Normalizer, _sastrawi_stem, english_normalizer, shipped_stems
from selaras.match.shipped import file_name, shipped_vectors, write_vectors
from selaras.match.suggesting import target_items
from selaras.match.targets import NATIONAL_TARGET_SETS, MatchTarget, national_targets
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature_versions import bundled_versions

__all__ = ["VECTORS_DIR", "embed_all", "main", "nomenclature_texts", "shipped_texts"]

VECTORS_DIR = Path(__file__).parent / "data" / "vectors"
COMMAND = "python -m selaras.match.vectors"
BATCH = 256


@cache
def nomenclature_texts() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Names, contexts (both forms) and bidang names of every code of both bundled nomenclature versions."""
    names: set[str] = set()
    contexts: set[str] = set()
    bidang: set[str] = set()
    for version in bundled_versions().versions():
        for entry in version.entries():
            level = entry.code.level
            if level not in (CodeLevel.PROGRAM, CodeLevel.KEGIATAN, CodeLevel.SUB_KEGIATAN):
                continue
            names.add(entry.name)
            bidang.add(bidang_name(entry.code.text))
            for jenis in (*entry.jenis, None):  # a parent may be listed for one pemda level only, or named per level
                parents = [version.lookup(code, jenis) or version.lookup(code) for code in _parents(entry.code)]
                texts = [parent.name for parent in parents if parent is not None]
                if texts:
                    contexts.add(" / ".join(texts))
                    contexts.add(" | ".join(reversed(texts)))
    return frozenset(names), frozenset(contexts), frozenset(bidang - {""})


def _parents(code: NomenclatureCode) -> list[NomenclatureCode]:
    """Program (and kegiatan) above a kegiatan or sub kegiatan, from the top down."""
    chain: list[NomenclatureCode] = []
    parent = code.parent
    while parent is not None and parent.level in (CodeLevel.PROGRAM, CodeLevel.KEGIATAN):
        chain.insert(0, parent)
        parent = parent.parent
    return chain


def _target_sets() -> Iterator[tuple[Normalizer, list[MatchTarget]]]:
    indonesian, english = Normalizer(), english_normalizer()
    for name in NATIONAL_TARGET_SETS:
        yield indonesian, national_targets(name)
    yield english, national_targets("sdg")
    for plan in national_frameworks():
        levels = {item.level for item in plan.items}
        yield indonesian, target_items(plan)
        for level in levels:
            yield indonesian, target_items(plan, {level})


def shipped_texts(model: str, fusion: Fusion = DEFAULT_FUSION) -> list[tuple[Role, str]]:
    """Every (role, cleaned text) a cold run on the bundled data gives ``model``, sorted."""
    names, contexts, bidang = nomenclature_texts()
    queries = set(names)
    if fusion.weight(f"context:{model}"):
        queries |= contexts
    if fusion.weight(f"bidang:{model}"):
        queries |= bidang
    matcher = Matcher()
    passages = {
        normalizer.clean(text) for normalizer, targets in _target_sets() for text in matcher.passages(targets).texts
    }
    cleaned = {normalizer.clean(text) for normalizer in (Normalizer(), english_normalizer()) for text in queries}
    entries: list[tuple[Role, str]] = [("query", text) for text in cleaned if text]
    entries += [("passage", text) for text in passages if text]
    return sorted(entries)


def stem_words() -> list[str]:
    """Every word the lexical signal stems in the Indonesian texts of :func:`shipped_texts` (names, contexts,
    bidang names, target passages), sorted."""
    names, contexts, bidang = nomenclature_texts()
    indonesian = Normalizer()
    texts = set(names | contexts | bidang)
    matcher = Matcher()
    for normalizer, targets in _target_sets():
        if normalizer.stopwords is indonesian.stopwords:
            texts.update(matcher.passages(targets).texts)
    return sorted({word for text in texts for word in indonesian.words(text)})


def write_stems(path: Path) -> int:
    """Sastrawi's stem of each of :func:`stem_words` as ``word,stem`` rows; how many."""
    live = Normalizer(stem=_sastrawi_stem())  # its own memo: not the shipped stems being replaced
    words = stem_words()
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("word", "stem"))
        writer.writerows((word, live.stem(word)) for word in words)
    return len(words)


def embed_all(embedder: Embedder, entries: Sequence[tuple[Role, str]], *, verbose: bool = False) -> NDArray[np.float32]:
    """The live vectors of ``entries``, in order, embedded in fixed batches of the same role."""
    rows: list[NDArray[np.float32]] = []
    start = time.perf_counter()
    for offset in range(0, len(entries), BATCH):
        batch = entries[offset : offset + BATCH]
        for role in dict.fromkeys(each for each, _ in batch):  # entries are sorted: one role after the other
            rows.append(embedder.embed([text for each, text in batch if each == role], role))
        if verbose:
            done = min(offset + BATCH, len(entries))
            print(f"{embedder.name}: {done}/{len(entries)} ({time.perf_counter() - start:.0f} s)", flush=True)
    return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def _missing(model: str, entries: Sequence[tuple[Role, str]]) -> int:
    shipped = shipped_vectors(model)
    return sum(not shipped.lookup(role, [text]) for role, text in entries)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", action="append", help="only this model (repeatable); default: both")
    parser.add_argument("--check", action="store_true", help="only count the texts the shipped files lack")
    parser.add_argument("--stems-only", action="store_true", help="only rewrite data/stems.csv (no model needed)")
    arguments = parser.parse_args(argv)
    stale = 0
    if arguments.check:
        missing = sum(word not in shipped_stems() for word in stem_words())
        stale += missing
        print(f"{STEMS_FILE}: {missing} words without a shipped stem")
    elif not arguments.model:
        path = VECTORS_DIR.parent / STEMS_FILE
        print(f"{path}: {write_stems(path)} stems")
    if arguments.stems_only:
        return 0
    live: list[Embedder] = [E5Embedder(), UseEmbedder()]  # not the cached ones: they would read the old files
    for embedder in live:
        if arguments.model and embedder.name not in arguments.model:
            continue
        entries = shipped_texts(embedder.name)
        if arguments.check:
            missing = _missing(embedder.name, entries)
            stale += missing
            print(f"{embedder.name}: {len(entries)} texts, {missing} without a shipped vector")
            continue
        vectors = embed_all(embedder, entries, verbose=True)
        path = VECTORS_DIR / file_name(embedder.name)
        write_vectors(path, embedder.name, entries, vectors)
        print(f"{path}: {len(entries)} vectors, {path.stat().st_size / 1e6:.1f} MB")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
