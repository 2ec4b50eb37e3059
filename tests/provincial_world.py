"""A province with two priorities and two kab/kota whose RPJMD support them, traced by hand.

Province 62, RPJMD: sasaran ``M1.T1.S1``, priorities P1 (→ its sasaran, → PN4) and P2 (→ PN3); its Renja funds P1
with 1.000 jt (the province's own money, never in the kab/kota rows).

Kabupaten 62.01, RPJMD sasaran S1 (→ province P1) and S2 (→ province P2), all links ``supports``:

=====================  ==========  =================  =====  ================================
sub kegiatan           program     → RPJMD 62.01      pagu   reaches (province)
=====================  ==========  =================  =====  ================================
1.02.02.2.01.0001      1.02.02     S1                 300    P1
1.03.10.2.01.0001      1.03.10     S2                 200    P2
1.03.11.2.01.0001      1.03.11     S1 and S2          100    P1 and P2 (50 each)
2.17.02.2.01.0001      2.17.02     (no link)          100    nothing
1.02.01.2.01.0001      1.02.01     S1 (penunjang)      80    left out
=====================  ==========  =================  =====  ================================

so P1 350 jt, P2 250 jt, reaching 600 of 700 jt outside penunjang: 85,71 %.

Kota 62.71, RPJMD sasaran S1 (no link upward) and its own priority P1 (→ province P1); nothing takes up
province P2 (SEL108). Its program 1.02.02 (sub kegiatan 400 jt) is tagged with the kota's P1; program 1.03.10
(100 jt) serves S1 only: P1 400 jt, P2 nothing, reaching 400 of 500 jt: 80 %.
"""

from __future__ import annotations

from decimal import Decimal

from factories import KABUPATEN, KOTA, PROVINSI, RPJMN_KEY, YEAR, coded, indicator, link, plan, strategic

from selaras.checks.data import PlanningData
from selaras.domain import DocumentKind, Item, ItemLevel, LinkKind, Plan

__all__ = ["JT", "province_rpjmd_key", "provincial_world"]

JT = Decimal(1_000_000)
SUPPORTS = LinkKind.SUPPORTS


def _program(code: str, text: str, pagu: int) -> list[Item]:
    """A program with one kegiatan and one sub kegiatan of ``pagu`` jt (the sub kegiatan's code ends .0001)."""
    kegiatan, sub = f"{code}.2.01", f"{code}.2.01.0001"
    amount = {YEAR: str(pagu * JT)}
    return [
        coded(code, text, indicators=[indicator()], pagu=amount),
        coded(kegiatan, f"Kegiatan {code}", indicators=[indicator()], pagu=amount),
        coded(sub, f"Sub kegiatan {code}", indicators=[indicator()], pagu=amount),
    ]


def _province() -> list[Plan]:
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Meningkatkan kualitas SDM"),
            strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatnya kualitas hidup", parent="M1"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan", parent="M1.T1"),
            strategic("P1", ItemLevel.PRIORITAS, "Peningkatan layanan kesehatan"),
            strategic("P2", ItemLevel.PRIORITAS, "Pembangunan jalan dan jembatan"),
        ],
    )
    rpjmd.links += [
        link(rpjmd, "P1", rpjmd, "M1.T1.S1"),
        link(rpjmd, "P1", RPJMN_KEY, "PN4", kind=SUPPORTS),
        link(rpjmd, "P2", RPJMN_KEY, "PN3", kind=SUPPORTS),
    ]
    renja = plan(DocumentKind.RENJA, _program("1.02.02", "PROGRAM UPAYA KESEHATAN", 1000), pd="1.02.01")
    renja.links.append(link(renja, "1.02.02", rpjmd, "P1", kind=SUPPORTS))
    return [rpjmd, renja]


def province_rpjmd_key() -> str:
    return _province()[0].document.key


def _kabupaten() -> list[Plan]:
    pemda, pd = KABUPATEN.kode, "1.02.01"
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Membangun kabupaten yang sehat dan terhubung"),
            strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatnya kualitas hidup", parent="M1"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan", parent="M1.T1"),
            strategic("M1.T1.S2", ItemLevel.SASARAN, "Meningkatnya konektivitas", parent="M1.T1"),
        ],
        pemda=pemda,
    )
    province = province_rpjmd_key()
    rpjmd.links += [
        link(rpjmd, "M1.T1.S1", province, "P1", kind=SUPPORTS),
        link(rpjmd, "M1.T1.S2", province, "P2", kind=SUPPORTS),
    ]
    renja = plan(
        DocumentKind.RENJA,
        [
            *_program("1.02.02", "PROGRAM UPAYA KESEHATAN", 300),
            *_program("1.03.10", "PROGRAM JALAN", 200),
            *_program("1.03.11", "PROGRAM JALAN DAN KESEHATAN DESA", 100),
            *_program("2.17.02", "PROGRAM PENGEMBANGAN UMKM", 100),
            *_program("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", 80),
        ],
        pemda=pemda,
        pd=pd,
    )
    renja.links += [
        link(renja, "1.02.02", rpjmd, "M1.T1.S1"),
        link(renja, "1.03.10", rpjmd, "M1.T1.S2"),
        link(renja, "1.03.11", rpjmd, "M1.T1.S1"),
        link(renja, "1.03.11", rpjmd, "M1.T1.S2"),
        link(renja, "1.02.01", rpjmd, "M1.T1.S1"),
    ]
    return [rpjmd, renja]


def _kota() -> list[Plan]:
    pemda, pd = KOTA.kode, "1.02.01"
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Mewujudkan kota sehat"),
            strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatnya kualitas hidup", parent="M1"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan", parent="M1.T1"),
            strategic("P1", ItemLevel.PRIORITAS, "Kota sehat"),
        ],
        pemda=pemda,
    )
    rpjmd.links += [
        link(rpjmd, "P1", rpjmd, "M1.T1.S1"),
        link(rpjmd, "P1", province_rpjmd_key(), "P1", kind=SUPPORTS),
    ]
    renja = plan(
        DocumentKind.RENJA,
        [*_program("1.02.02", "PROGRAM UPAYA KESEHATAN", 400), *_program("1.03.10", "PROGRAM JALAN", 100)],
        pemda=pemda,
        pd=pd,
    )
    renja.links += [
        link(renja, "1.02.02", rpjmd, "M1.T1.S1"),
        link(renja, "1.02.02", rpjmd, "P1", kind=SUPPORTS),
        link(renja, "1.03.10", rpjmd, "M1.T1.S1"),
    ]
    return [rpjmd, renja]


def provincial_world(*, province: bool = True) -> PlanningData:
    """The three pemda above; without ``province`` the province's plans are not loaded (a kab/kota's own run)."""
    plans = [*(_province() if province else []), *_kabupaten(), *_kota()]
    return PlanningData([PROVINSI, KABUPATEN, KOTA], [], plans)
