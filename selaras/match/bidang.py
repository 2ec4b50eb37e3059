"""The bidang urusan an item's nomenclature code belongs to, as a short topic name.

A sub kegiatan name is often generic ("Pemeliharaan Rutin Sarana", "Koordinasi dan Sinkronisasi ...") while its
code says which sector it serves: ``1.02.…`` is health. The bundled nomenclature names every bidang ("URUSAN
PEMERINTAHAN BIDANG KESEHATAN", from the newest version that lists it, so bidang of old plans keep a name);
stripped of that boilerplate ("Kesehatan") it becomes one more text to compare with the targets — the
``bidang`` signal of :mod:`selaras.match.engine`. No decision is needed, unlike the code prior of
:mod:`selaras.match.learning`, so it helps from the very first run. Program penunjang has no bidang name:
every PD writes it under its own bidang, and a health office's planning documents serve no health target.
"""

from __future__ import annotations

from functools import cache

from selaras.domain import parse_code
from selaras.reference.nomenclature_versions import bundled_versions

__all__ = ["bidang_name", "is_penunjang"]

_BOILERPLATE = "URUSAN PEMERINTAHAN BIDANG "


def is_penunjang(code: str) -> bool:
    """Whether ``code`` is program penunjang (``X.XX.01``, ``1.02.01`` …) or under it: the administration every
    PD runs whatever its bidang, so its bidang says nothing about the target it serves."""
    try:
        return parse_code(code).is_penunjang
    except ValueError:
        return False


@cache
def bidang_name(code: str) -> str:
    """``1.02.02.2.01.0001`` → ``"Kesehatan"``; ``""`` for an empty, malformed or unknown code and for program
    penunjang (``1.02.01.2.01.0001`` is office administration, not health)."""
    bidang = ".".join(code.split(".")[:2])
    if bidang.count(".") != 1 or is_penunjang(code):
        return ""
    for version in bundled_versions().versions():
        try:
            entry = version.lookup(bidang)
        except ValueError:
            return ""
        if entry is not None:
            return entry.name.replace(_BOILERPLATE, "").title()
    return ""
