"""A small Renja and RKPD and their surroundings, shared by the official-table tests (layout, Excel, PDF)."""

from __future__ import annotations

from decimal import Decimal

from factories import coded, indicator, plan, rkpd_coded

from selaras.domain import Budget, DocumentKind, Item, PemdaLevel, Period, Plan
from selaras.report.official.table import Surroundings

YEAR = 2026
CODE_NAMES = {
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "5.01": "PERENCANAAN",
    "5.05": "PENELITIAN DAN PENGEMBANGAN",
    "5.01.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
    "5.01.01.1.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "1.02": "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
}
SUB_PAGU = {
    "5.01.02.1.01.0001": Decimal("250000000"),
    "5.01.02.1.01.0002": Decimal("125500000"),
    "5.01.02.1.02.0001": Decimal("74500000"),
    "5.05.02.1.01.0001": Decimal("300000000"),
}
"""The sub kegiatan of :func:`renja` and their 2026 pagu: every subtotal is a sum of these."""


def renja(*, own_forward: bool = False) -> Plan:
    """Bappeda's Renja 2026: two programs in two bidang of urusan 5, a program stored with a pagu that does not
    add up (the table shows the sum), multi-indicator program, sumber dana and a sub unit."""
    program = coded(
        "5.01.02",
        "PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH",
        indicators=[
            indicator("Persentase keselarasan RPJMD dengan Renstra PD", "%", targets={YEAR: "97.5"}),
            indicator("Nilai evaluasi RKPD", "Nilai", targets={YEAR: "80"}),
        ],
        pagu={YEAR: "999"},  # stored wrongly: the printed subtotal is the sum of the sub kegiatan
    )
    items: list[Item] = [
        program,
        coded("5.01.02.1.01", "Penyusunan Perencanaan dan Pendanaan", pagu={YEAR: "375500000"}),
        coded("5.01.02.1.02", "Analisis Data dan Informasi Perencanaan"),
        coded("5.05.02", "PROGRAM PENELITIAN DAN PENGEMBANGAN DAERAH"),
        coded("5.05.02.1.01", "Penelitian dan Pengembangan Pemerintahan"),
    ]
    for code, pagu in SUB_PAGU.items():
        forward = {YEAR + 1: "16"} if own_forward else {}
        sub = coded(
            code,
            f"Sub kegiatan {code}",
            indicators=[indicator("Jumlah Dokumen Perencanaan", "Dokumen", targets={YEAR: "14", **forward})],
        )
        sub.budgets = [Budget(YEAR, pagu - 1000, sumber_dana="DAU"), Budget(YEAR, Decimal(1000), sumber_dana="PAD")]
        if own_forward:
            sub.budgets.append(Budget(YEAR + 1, pagu * 2))
        sub.lokasi = "Kota Palangka Raya"
        items.append(sub)
    items[-1].unit = "UPT Litbang"
    order = sorted(items, key=lambda item: item.code or "")
    return plan(DocumentKind.RENJA, order, pd="5.01.01", period=Period(YEAR, YEAR))


def renstra_forward() -> dict[tuple[str, str], Item]:
    """Year 2027 of two of :func:`renja`'s sub kegiatan as the Renstra plans them."""
    first = coded(
        "5.01.02.1.01.0001",
        "Sub kegiatan",
        indicators=[indicator("jumlah dokumen  perencanaan", "Dokumen", targets={2027: "15"})],
        pagu={2027: "260000000"},
    )
    last = coded("5.05.02.1.01.0001", "Sub kegiatan", pagu={2027: "310000000"})
    return {("5.01.01", item.code or ""): item for item in (first, last)}


def surroundings(**changes: object) -> Surroundings:
    base: dict[str, object] = {
        "pemda_name": "Kalimantan Tengah",
        "pemda_level": PemdaLevel.PROVINSI,
        "code_names": CODE_NAMES,
        "pd_names": {"5.01.01": "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah"},
        "planning_agency": "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "place": "Palangka Raya",
        "date": "2 Januari 2026",
    }
    return Surroundings(**(base | changes))  # type: ignore[arg-type]


def rkpd() -> Plan:
    """The RKPD: the same program code for two PD (one row each), one program of another bidang, priorities."""
    items = [
        rkpd_coded("1.02.01", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", pagu={YEAR: "700000000"}),
        rkpd_coded("5.01.01", "5.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", pagu={YEAR: "40"}),
        rkpd_coded("1.02.02", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", pagu={YEAR: "300000000"}),
    ]
    items[0].indicators = [indicator("Persentase fasilitas kesehatan terakreditasi", "%", targets={YEAR: "82.6"})]
    return plan(DocumentKind.RKPD, items, period=Period(YEAR, YEAR))


RKPD_PRIORITAS = {"1.02.01/1.02.02": ("P1 Peningkatan akses dan mutu kesehatan",)}
RKPD_PD_NAMES = {
    "1.02.01": "Dinas Kesehatan",
    "1.02.02": "Rumah Sakit Umum Daerah",
    "5.01.01": "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
}
