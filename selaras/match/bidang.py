"""The bidang urusan an item's nomenclature code belongs to, as a short topic name.

A sub kegiatan name is often generic ("Pemeliharaan Rutin Sarana", "Koordinasi dan Sinkronisasi ...") while its
code says which sector it serves: ``1.02.…`` is health. The bundled nomenclature names every bidang ("URUSAN
PEMERINTAHAN BIDANG KESEHATAN", from the newest version that lists it, so bidang of old plans keep a name);
stripped of that boilerplate ("Kesehatan") it becomes one more text to compare with the targets — the
``bidang`` signal of :mod:`selaras.match.engine`. No decision is needed, unlike the code prior of
:mod:`selaras.match.learning`, so it helps from the very first run.
"""

from __future__ import annotations

from functools import cache

from selaras.reference.nomenclature_versions import bundled_versions

__all__ = ["bidang_name"]

_BOILERPLATE = "URUSAN PEMERINTAHAN BIDANG "


@cache
def bidang_name(code: str) -> str:
    """``1.02.02.2.01.0001`` → ``"Kesehatan"``; ``""`` for an empty, malformed or unknown code."""
    bidang = ".".join(code.split(".")[:2])
    if bidang.count(".") != 1:
        return ""
    for version in bundled_versions().versions():
        try:
            entry = version.lookup(bidang)
        except ValueError:
            return ""
        if entry is not None:
            return entry.name.replace(_BOILERPLATE, "").title()
    return ""
