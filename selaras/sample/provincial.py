"""Kab/kota RPJMD supporting the governor's priorities, as Permendagri 86/2017 asks a kab/kota RPJMD to state.

A provincial priority pushes one sasaran: its link to the province's RPJMD sasaran names the sasaran's theme
(``kesehatan``, ``konektivitas`` …). A kab/kota supports it (a ``supports`` link into the province's RPJMD) from
the item of its own RPJMD on that theme: its own priority pushing the same sasaran where it has one, else the
sasaran that carries that work (the same sasaran, or the first of its theme, where the programs of its bidang
cascade: :meth:`Regional.carrier`). A kab/kota whose RPJMD leaves the theme out, and a provincial priority that
names no sasaran (the seeded unfunded one), get no link: rule SEL108 reports each such pair.

The province sample also seeds :data:`GAPS` deliberate gaps: kab/kota that could support a priority and leave it
out. Drawn from a stream of their own, after the other defects, so nothing else in the sample moves.
"""

from __future__ import annotations

import random

from selaras.domain import ItemLevel, ItemRef, Link, LinkKind
from selaras.sample.agency_plans import PemdaSample
from selaras.sample.defects import Defect, DefectKind
from selaras.sample.regional import Regional

__all__ = ["GAPS", "support_links", "support_province"]

GAPS = 2
"""Kab/kota that leave one provincial priority they could support unsupported (one priority each)."""


def support_links(province: Regional, kabkota: Regional) -> dict[str, Link]:
    """Provincial priority key → the link from the kab/kota's RPJMD item of the same theme, for every priority
    the kab/kota's RPJMD can support."""
    own = {ident: key for key, ident in kabkota.priority_sasaran().items()}
    source_document, target_document = kabkota.rpjmd.document.key, province.rpjmd.document.key
    links = {}
    for priority, ident in province.priority_sasaran().items():
        source = own.get(ident) or kabkota.carrier(ident)
        if source is not None:
            links[priority] = Link(
                ItemRef(source_document, source), ItemRef(target_document, priority), LinkKind.SUPPORTS
            )
    return links


def support_province(samples: list[PemdaSample], *, seed: int, gaps: int = GAPS) -> list[Defect]:
    """Link every kab/kota of ``samples`` (the province first) to the province's priorities, leaving ``gaps``
    of the possible links out; a defect for every pair (kab/kota, provincial priority) left unsupported."""
    province, kabkota = samples[0], samples[1:]
    rng = random.Random(f"{seed}/provincial-support/{province.pemda.kode}")
    possible = {sample.pemda.kode: support_links(province.regional, sample.regional) for sample in kabkota}
    able = sorted(code for code in possible if possible[code])
    left_out = {(kode, rng.choice(sorted(possible[kode]))) for kode in rng.sample(able, min(gaps, len(able)))}
    rpjmd = province.regional.rpjmd
    themed = province.regional.priority_sasaran()
    defects = []
    for sample in kabkota:
        kode = sample.pemda.kode
        for item in (item for item in rpjmd.items if item.level is ItemLevel.PRIORITAS):
            link = possible[kode].get(item.key)
            if link is not None and (kode, item.key) not in left_out:
                sample.regional.rpjmd.links.append(link)
                continue
            if link is not None:
                why = "tautannya dibiarkan kosong"
            elif item.key in themed:
                why = "RPJMD kab/kota tidak memuat tema sasarannya"
            else:
                why = "prioritas itu tidak menyebut sasaran RPJMD provinsi"
            defects.append(
                Defect(
                    DefectKind.PROVINCIAL_PRIORITY_UNSUPPORTED,
                    kode,
                    rpjmd.document.key,
                    item.key,
                    f"RPJMD {sample.pemda.nama} tidak mendukung prioritas provinsi {item.key} ({why})",
                    counterpart=sample.regional.rpjmd.document.key,
                )
            )
    return defects
