"""Indonesian text normalization shared by every matching signal.

Planning texts are short, full of government abbreviations (SDM, UMKM, OPD) and sometimes glued together by
a PDF or spreadsheet export ("DokumenPerencanaan"). Two forms come out of one pass:

* :meth:`Normalizer.clean` — readable text for the sentence embedders: glued words split, abbreviations
  written out next to the abbreviation (the embedders know "sumber daya manusia" better than "SDM");
* :meth:`Normalizer.tokens` — lower-case stemmed content words for the lexical signal, with function words
  and planning boilerplate ("penyediaan", "pengelolaan", "kabupaten/kota") removed because they occur in
  almost every nomenclature name and so say nothing about which target an item belongs to.

Stemming (PySastrawi) is slow per call, so stems are memoised per word for the life of the normalizer.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources

__all__ = [
    "Normalizer",
    "english_normalizer",
    "english_stem",
    "load_abbreviations",
    "load_stopwords",
    "shipped_stems",
    "split_glued",
]

_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_WORD = re.compile(r"[0-9a-z]+")
_ABBREVIATION_CANDIDATE = re.compile(r"\b[A-Za-z][A-Za-z0-9]{1,11}\b")


def _data_text(name: str) -> str:
    return resources.files("selaras.match").joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_abbreviations() -> Mapping[str, str]:
    """Curated government abbreviations, lower-case key → expansion (``data/singkatan.csv``)."""
    rows = csv.DictReader(io.StringIO(_data_text("singkatan.csv")))
    return {row["singkatan"].strip().lower(): row["kepanjangan"].strip().lower() for row in rows}


@cache
def load_stopwords(name: str = "stopwords.txt") -> frozenset[str]:
    """Function words and planning boilerplate (``data/stopwords.txt``); ``#`` starts a comment line."""
    lines = (line.strip().lower() for line in _data_text(name).splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def split_glued(text: str) -> str:
    """Split words a converter glued together: ``DokumenPerencanaan`` → ``Dokumen Perencanaan``.

    A lower-to-upper change inside a word marks a seam; so does a change between letters and digits
    ("Tahun2025"). All-capital abbreviations ("UMKM") have no such change and stay whole.
    """
    return _GLUED.sub(" ", text)


def _sastrawi_stem() -> Callable[[str], str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # type: ignore[import-untyped]

    stem: Callable[[str], str] = StemmerFactory().create_stemmer().stem
    return stem


_SHARED_STEMS: dict[str, str] = {}
"""Sastrawi stems memoised for the whole process: every normalizer using the default stemmer shares them."""

STEMS_FILE = "stems.csv"


@cache
def shipped_stems() -> Mapping[str, str]:
    """Sastrawi's stem of every word of the bundled nomenclature names and targets (``data/stems.csv``, written by
    ``python -m selaras.match.vectors``): a first run on those texts neither loads Sastrawi nor stems a word."""
    resource = resources.files("selaras.match").joinpath("data", STEMS_FILE)
    if not resource.is_file():
        return {}
    return {row["word"]: row["stem"] for row in csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8")))}


class Normalizer:
    """Case, punctuation, glued words, abbreviations, stopwords and stems; one instance per process is enough.

    ``stem`` may be replaced (tests, or languages Sastrawi does not know); by default PySastrawi is loaded on
    first use so that importing this module stays cheap.
    """

    def __init__(
        self,
        *,
        abbreviations: Mapping[str, str] | None = None,
        stopwords: frozenset[str] | None = None,
        stem: Callable[[str], str] | None = None,
    ) -> None:
        self.abbreviations = load_abbreviations() if abbreviations is None else abbreviations
        self.stopwords = load_stopwords() if stopwords is None else stopwords
        self._stem = stem
        self._stems: dict[str, str] = _SHARED_STEMS if stem is None else {}

    def stem(self, word: str) -> str:
        """Stem of a lower-case word, memoised; numbers and very short words are kept as they are."""
        cached = self._stems.get(word)
        if cached is not None:
            return cached
        shipped = shipped_stems().get(word) if self._stems is _SHARED_STEMS else None  # Sastrawi's, precomputed
        if shipped is not None:
            self._stems[word] = shipped
            return shipped
        if self._stem is None:
            self._stem = _sastrawi_stem()
        result = word if len(word) <= 3 or word.isdigit() else self._stem(word) or word
        self._stems[word] = result
        return result

    def clean(self, text: str) -> str:
        """Readable text for embedders: glued words split, each known abbreviation followed by its expansion."""

        spaced = " ".join(split_glued(text).split())
        lowered = spaced.lower()

        def expand(match: re.Match[str]) -> str:
            word = match.group(0)
            expansion = self.abbreviations.get(word.lower())
            return f"{word} ({expansion})" if expansion and expansion not in lowered else word

        return _ABBREVIATION_CANDIDATE.sub(expand, spaced)

    def words(self, text: str) -> list[str]:
        """Lower-case content words with abbreviations expanded, before stemming; bare numbers are dropped.

        An abbreviation whose expansion is already written out ("Sumber Daya Manusia (SDM)") is dropped
        rather than expanded, so the same words are not counted twice.
        """
        lowered = split_glued(text).lower()
        result: list[str] = []
        for word in _WORD.findall(lowered):
            expansion = self.abbreviations.get(word)
            if expansion and expansion in lowered:
                continue
            parts = _WORD.findall(expansion) if expansion else [word]
            result.extend(part for part in parts if part not in self.stopwords and len(part) > 1 and not part.isdigit())
        return result

    def tokens(self, text: str) -> list[str]:
        """Stemmed content words: the vocabulary of the lexical signal and of the "shared terms" reason."""
        return self.stems(self.words(text))

    def stems(self, words: Iterable[str]) -> list[str]:
        """:meth:`tokens` of words :meth:`words` already found (the lexical signal needs both, from one pass)."""
        stems = (self.stem(word) for word in words)
        return [stem for stem in stems if stem not in self.stopwords]


_ENGLISH_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ations", ""),
    ("ation", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)


def english_stem(word: str) -> str:
    """A light English suffix stripper ("policies" → "policy", "reducing" → "reduc"), keeping 4 letters at least.

    Crude on purpose: the character n-grams of the lexical signal absorb what it gets wrong, and it keeps the
    package free of an English stemming dependency for the one English evaluation set.
    """
    for suffix, replacement in _ENGLISH_SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


def english_normalizer() -> Normalizer:
    """For English texts (the SDG benchmark): English stopwords and stems, no Indonesian abbreviations."""
    return Normalizer(abbreviations={}, stopwords=load_stopwords("stopwords_en.txt"), stem=english_stem)
