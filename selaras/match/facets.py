"""Split a long multi-topic target into facets, so an item is compared with the part it is about.

A prioritas nasional title lists many topics ("... Sains, Teknologi, Pendidikan, Kesehatan, Prestasi Olahraga,
Kesetaraan Gender ..."); an embedding of the whole title is an average in which each topic is faint. Scoring an
item against its best facet lets "Pembinaan Klub Olahraga" meet "Prestasi Olahraga" directly.
"""

from __future__ import annotations

import re

__all__ = ["split_facets"]

_SEPARATORS = re.compile(r"\s*[,;]\s*(?:(?:dan|serta|and)\s+)?|\s+(?:dan|serta|and)\s+|\s+melalui\s+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def split_facets(text: str, *, min_chars: int = 3) -> list[str]:
    """The topics of ``text`` in order, without duplicates; a text with one topic gives one facet.

    Commas, semicolons, "dan", "serta" and "melalui" separate topics. A parenthesised part becomes a facet of
    its own ("Pemuda (Generasi Milenial dan Generasi Z)" → "Pemuda", "Generasi Milenial", "Generasi Z").
    """
    inner = [part for group in _PARENTHESES.findall(text) for part in _SEPARATORS.split(group)]
    outer = _SEPARATORS.split(_PARENTHESES.sub(" ", text))
    facets: list[str] = []
    for part in [*outer, *inner]:
        facet = " ".join(part.strip(" .").split())
        if len(facet) >= min_chars and facet.lower() not in (existing.lower() for existing in facets):
            facets.append(facet)
    return facets or [" ".join(text.split())]
