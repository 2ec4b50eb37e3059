"""Comparing names the way a planner reads them: case, spacing and punctuation do not make two names differ.

Shared by the rules that match an item or indicator name against another document or the nomenclature.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = ["normalize_name", "similarity"]

_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Lower case, punctuation turned into spaces, runs of spaces collapsed (cached: the same nomenclature and
    indicator names recur in every pemda).

    >>> normalize_name("  Penyusunan Dokumen  Perencanaan (RKA-SKPD). ")
    'penyusunan dokumen perencanaan rka skpd'
    """
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).replace("_", " ").split())


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1, after :func:`normalize_name` (1.0 when they normalize equal)."""
    left, right = normalize_name(a), normalize_name(b)
    if left == right:
        return 1.0
    return SequenceMatcher(None, left, right, autojunk=False).ratio()
