"""RPJPD (2025-2045) and RPJMD (2025-2029) of a sample pemda, with its regional priorities.

Both follow the outline ``V`` → ``M1`` → ``M1.T1`` → ``M1.T1.S1``; the RPJMD adds ``P1``.. (prioritas
daerah). RPJMD misi cascade to the RPJPD misi of the same theme and support Asta Cita; priorities support a
prioritas nasional and an RPJMD sasaran. Priorities are chosen last, among sasaran some program serves, so
every priority of a clean sample is funded.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass, field

from selaras.domain import (
    DocumentKind,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    Pemda,
    Plan,
)
from selaras.sample.documents import ASTA_CITA_KEY, LONG_PERIOD, MEDIUM_PERIOD, RPJMN_KEY, sample_document
from selaras.sample.texts import PRIORITIES, SAMPLE, THEMES, VISI_QUALITIES, PrioritySpec, Theme, short_name
from selaras.sample.values import trajectory

__all__ = ["EXTRA_PRIORITY", "Regional", "add_priorities", "build_regional", "priority_item"]

_BIDANG_SASARAN = {bidang: spec.ident for theme in THEMES for spec in theme.sasaran for bidang in spec.bidang}
_THEME_OF = {spec.ident: theme.ident for theme in THEMES for spec in theme.sasaran}
_FALLBACK = "akuntabilitas"  # programs no theme claims serve good governance
_RPJPD_STEP = 0.4  # twenty years move less per year than five
EXTRA_PRIORITY = PrioritySpec("Pengembangan kawasan sentra produksi pangan terpadu", "pertumbuhan", 2)


@dataclass(slots=True)
class Regional:
    """The two regional plans and where each RPJMD sasaran sits (sasaran ident → item key)."""

    rpjpd: Plan
    rpjmd: Plan
    sasaran: dict[str, str] = field(default_factory=dict)
    theme_sasaran: dict[str, str] = field(default_factory=dict)

    def sasaran_for(self, bidang: str, *, penunjang: bool = False) -> str:
        """The RPJMD sasaran a program of ``bidang`` serves (program penunjang: accountability)."""
        ident = _FALLBACK if penunjang else _BIDANG_SASARAN.get(bidang, _FALLBACK)
        return self.carrier(ident) or self.sasaran[_FALLBACK]

    def carrier(self, ident: str) -> str | None:
        """The RPJMD sasaran that carries the work of sasaran ``ident``: that sasaran, else the first of its theme
        (where the programs of its bidang cascade); None when the RPJMD leaves the theme out."""
        return self.sasaran.get(ident) or self.theme_sasaran.get(_THEME_OF[ident])

    def priority_sasaran(self) -> dict[str, str]:
        """Priority key → the ident of the sasaran it pushes, read from its link to an RPJMD sasaran (the seeded
        unfunded priority has none)."""
        key = self.rpjmd.document.key
        ident_of = {sasaran: ident for ident, sasaran in self.sasaran.items()}
        priorities = {item.key for item in self.rpjmd.items if item.level is ItemLevel.PRIORITAS}
        return {
            link.source.item: ident_of[link.target.item]
            for link in self.rpjmd.links
            if link.source.item in priorities and link.target.document == key and link.target.item in ident_of
        }


def _visi(pemda: Pemda, qualities: tuple[str, ...], horizon: str) -> str:
    first, second, third = qualities
    return f"{SAMPLE} Terwujudnya {short_name(pemda)} yang {first}, {second} dan {third} {horizon}"


def _strategic_items(
    rng: random.Random, themes: list[Theme], chosen: dict[str, list[int]], *, long: bool
) -> tuple[list[Item], dict[str, str]]:
    """Misi, tujuan and sasaran (with indicators) for ``themes``; returns the items and sasaran ident → key."""
    period = LONG_PERIOD if long else MEDIUM_PERIOD
    scale = _RPJPD_STEP if long else 1.0
    items: list[Item] = []
    keys: dict[str, str] = {}
    for number, theme in enumerate(themes, start=1):
        misi, tujuan = f"M{number}", f"M{number}.T1"
        items.append(Item(misi, ItemLevel.MISI, rng.choice(theme.misi), parent="V", order=number))
        indicator = trajectory(rng, theme.tujuan_indicator, period.years, IndicatorKind.OUTCOME, step_scale=scale)
        items.append(Item(tujuan, ItemLevel.TUJUAN, theme.tujuan, parent=misi, order=1, indicators=[indicator]))
        for order, index in enumerate(chosen[theme.ident], start=1):
            spec = theme.sasaran[index]
            key = f"{tujuan}.S{order}"
            indicator = trajectory(rng, spec.indicator, period.years, IndicatorKind.OUTCOME, step_scale=scale)
            items.append(Item(key, ItemLevel.SASARAN, spec.text, parent=tujuan, order=order, indicators=[indicator]))
            keys[spec.ident] = key
    return items, keys


def build_regional(pemda: Pemda, seed: int) -> Regional:
    """RPJPD over all themes; RPJMD over the four required themes and some optional ones (4-6 misi)."""
    rng = random.Random(f"{seed}/regional/{pemda.kode}")
    long_doc = sample_document(DocumentKind.RPJPD, pemda, LONG_PERIOD)
    mid_doc = sample_document(DocumentKind.RPJMD, pemda, MEDIUM_PERIOD)
    long_qualities, mid_qualities = rng.sample(VISI_QUALITIES, 2)

    all_sasaran = {theme.ident: list(range(len(theme.sasaran))) for theme in THEMES}
    long_items, _ = _strategic_items(rng, list(THEMES), all_sasaran, long=True)
    long_items.insert(0, Item("V", ItemLevel.VISI, _visi(pemda, long_qualities, "menuju Indonesia Emas 2045")))
    long_misi = {theme.ident: f"M{number}" for number, theme in enumerate(THEMES, start=1)}

    themes = [theme for theme in THEMES if theme.required or rng.random() < 0.6]
    chosen = {theme.ident: [0, *(i for i in range(1, len(theme.sasaran)) if rng.random() < 0.75)] for theme in themes}
    mid_items, sasaran = _strategic_items(rng, themes, chosen, long=False)
    mid_items.insert(0, Item("V", ItemLevel.VISI, _visi(pemda, mid_qualities, "pada Tahun 2029")))
    links: list[Link] = []
    for number, theme in enumerate(themes, start=1):
        source = ItemRef(mid_doc.key, f"M{number}")
        links.append(Link(source, ItemRef(long_doc.key, long_misi[theme.ident]), LinkKind.CASCADE))
        links.extend(Link(source, ItemRef(ASTA_CITA_KEY, f"AC{n}"), LinkKind.SUPPORTS) for n in theme.asta_cita)
    theme_sasaran = {theme.ident: sasaran[theme.sasaran[0].ident] for theme in themes}
    return Regional(
        rpjpd=Plan(long_doc, long_items),
        rpjmd=Plan(mid_doc, mid_items, links),
        sasaran=sasaran,
        theme_sasaran=theme_sasaran,
    )


def priority_item(regional: Regional, spec: PrioritySpec, number: int) -> tuple[Item, list[Link]]:
    """Prioritas daerah ``P{number}`` supporting ``PN n`` (and its RPJMD sasaran when the RPJMD has it)."""
    item = Item(f"P{number}", ItemLevel.PRIORITAS, spec.text, order=number)
    source = ItemRef(regional.rpjmd.document.key, item.key)
    links = [Link(source, ItemRef(RPJMN_KEY, f"PN{spec.prioritas_nasional}"), LinkKind.SUPPORTS)]
    if spec is not EXTRA_PRIORITY and spec.sasaran in regional.sasaran:
        links.append(Link(source, ItemRef(regional.rpjmd.document.key, regional.sasaran[spec.sasaran])))
    return item, links


def add_priorities(regional: Regional, seed: int, funded: Collection[str]) -> dict[str, str]:
    """Append 5-7 priorities whose sasaran has programs (``funded`` RPJMD sasaran keys).

    Returns RPJMD sasaran key → priority key, which the RKPD uses to tag its programs.
    """
    rng = random.Random(f"{seed}/priorities/{regional.rpjmd.document.pemda}")
    candidates = [spec for spec in PRIORITIES if regional.sasaran.get(spec.sasaran) in funded]
    wanted = min(len(candidates), rng.randint(5, 7))
    picked = sorted(rng.sample(range(len(candidates)), wanted))
    tagged: dict[str, str] = {}
    for number, index in enumerate(picked, start=1):
        spec = candidates[index]
        item, links = priority_item(regional, spec, number)
        regional.rpjmd.items.append(item)
        regional.rpjmd.links.extend(links)
        tagged.setdefault(regional.sasaran[spec.sasaran], item.key)
    return tagged
