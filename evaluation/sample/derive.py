"""Derive the program → RPJMD sasaran set from the sample province: ``python evaluation/sample/derive.py``.

The sample (``selaras demo``: Kalimantan Tengah and its 14 kab/kota, seed 2025, without seeded defects) links
every Renstra program of every perangkat daerah to one sasaran of its pemda's RPJMD. Those links are the labels;
the RPJMD items and the links inside the RPJMD (regional priority → sasaran) are what the database would know
before any program is linked. Each program is put in ``dev`` or ``test`` once, by the SHA-1 of its program code
(first byte even: dev), so a code is on the same side in every pemda. See ``evaluation/README.md`` (section 4).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from selaras.domain import DocumentKind, ItemLevel, LinkKind, Plan
from selaras.sample.generator import generate_province

HERE = Path(__file__).parent
SEED = 2025
PROVINCE = "62"
FILES = ("rpjmd_items.csv", "rpjmd_links.csv", "program_sasaran.csv")


def split_of(code: str) -> str:
    """``dev`` when the first byte of the SHA-1 of the program code is even, else ``test``."""
    return "dev" if hashlib.sha1(code.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def derive(directory: Path = HERE) -> None:
    """Write the three files of the set into ``directory``."""
    plans = generate_province(PROVINCE, clean=True, seed=SEED).plans
    rpjmd = {plan.document.pemda: plan for plan in plans if plan.document.kind is DocumentKind.RPJMD}
    items, links, programs = [], [], []
    for pemda, plan in sorted(rpjmd.items()):
        by_key = {item.key: item for item in plan.items}
        for item in plan.items:
            if item.level is not ItemLevel.VISI:
                indicators = "; ".join(indicator.name for indicator in item.indicators)
                items.append((pemda, item.key, item.level.value, item.parent or "", item.text, indicators))
        for link in plan.links:
            if link.target.document == plan.document.key and link.target.item in by_key:
                links.append((pemda, link.source.item, link.target.item))
    for plan in plans:
        if plan.document.kind is not DocumentKind.RENSTRA:
            continue
        programs.extend(_programs(plan, rpjmd[plan.document.pemda]))
    programs.sort(key=lambda row: (row[0], row[1], row[2]))
    numbered = [(f"p{number:04d}", *row) for number, row in enumerate(programs, start=1)]
    _write(directory / FILES[0], ("pemda", "key", "level", "parent", "text", "indikator"), items)
    _write(directory / FILES[1], ("pemda", "source", "target"), links)
    _write(directory / FILES[2], ("id", "pemda", "pd", "code", "text", "sasaran", "split"), numbered)


def _programs(renstra: Plan, rpjmd: Plan) -> list[tuple[str, ...]]:
    """Each program of ``renstra`` with the RPJMD sasaran it cascades to, and its split."""
    by_key = {item.key: item for item in renstra.items}
    rows: list[tuple[str, ...]] = []
    for link in renstra.links:
        item = by_key.get(link.source.item)
        if item is None or item.level is not ItemLevel.PROGRAM:
            continue
        if link.kind is LinkKind.CASCADE and link.target.document == rpjmd.document.key:
            code = item.code or item.key
            pd = renstra.document.pd or ""
            rows.append((renstra.document.pemda, pd, code, item.text, link.target.item, split_of(code)))
    return rows


if __name__ == "__main__":
    derive(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
