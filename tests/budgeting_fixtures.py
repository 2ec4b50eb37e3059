"""Hand-made budget-stage plans for the planning–budgeting tests: a Dinas Kesehatan of Kabupaten Buru whose
Renja 2024 and APBD 2024 (with Puskesmas as sub units and rincian) partly agree."""

from __future__ import annotations

from decimal import Decimal

from factories import coded, rkpd_coded

from selaras.domain import (
    Document,
    DocumentKind,
    Item,
    Pemda,
    PemdaLevel,
    Period,
    Plan,
    Rincian,
    RincianKind,
)

BURU = Pemda("81.04", "Kabupaten Buru", PemdaLevel.KABUPATEN, "81")
YEAR = 2024
DINKES = "1.02.0.00.0.00.01.0000"
DIKBUD = "1.01.2.22.0.00.01.0000"
PUSKESMAS = ("1.02.0.00.0.00.01.0014", "1.02.0.00.0.00.01.0015")

SHARED = "1.02.02.2.01.0015"  # in the Renja and the APBD
ONLY_BUDGET = "1.02.02.2.01.0003"
ONLY_PLAN = "1.02.02.2.02.0001"
PENUNJANG = "1.02.01.2.06.0001"  # program 01: penunjang, budgeted under two Puskesmas

DAU = ("2.2.01.01.02.0005", "DAU yang Ditentukan Penggunaannya Bidang Kesehatan")
DAK = ("2.2.01.01.03.0007", "DAK Fisik-Bidang Kesehatan dan KB-Reguler")
OPERASI = ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor")
MODAL = ("5.2.03.01.01.0010", "Belanja Modal Bangunan Gedung Tempat Pendidikan")


def rincian(*lines: tuple[RincianKind, tuple[str, str], str]) -> list[Rincian]:
    return [Rincian(YEAR, kind, kode, nama, Decimal(pagu)) for kind, (kode, nama), pagu in lines]


def budget_item(code: str, text: str, pagu: str, *, unit: str = "", lines: list[Rincian] | None = None) -> Item:
    """A budget-stage sub kegiatan, keyed ``<sub unit>/<code>`` when a sub unit carries it out."""
    item = coded(code, text, pagu={YEAR: pagu})
    item.key, item.unit, item.rincian = (f"{unit}/{code}" if unit else code), unit, lines or []
    return item


def budget(
    items: list[Item], *, pd: str = DINKES, kind: DocumentKind = DocumentKind.APBD, version: str = "murni"
) -> Plan:
    return Plan(Document(kind, BURU.kode, Period(YEAR, YEAR), pd=pd, version=version, title=f"{kind} {pd}"), items)


def renja(items: list[Item], *, pd: str = DINKES) -> Plan:
    return Plan(Document(DocumentKind.RENJA, BURU.kode, Period(YEAR, YEAR), pd=pd), items)


def rkpd(items: list[Item]) -> Plan:
    return Plan(Document(DocumentKind.RKPD, BURU.kode, Period(YEAR, YEAR)), items)


def planned(code: str, text: str, pagu: str) -> Item:
    return coded(code, text, pagu={YEAR: pagu})


def rkpd_planned(pd: str, code: str, text: str, pagu: str) -> Item:
    return rkpd_coded(pd, code, text, pagu={YEAR: pagu})


def dinkes_apbd(**options: object) -> Plan:
    """Shared (Rp 120), only-budget (Rp 80, all belanja modal from DAK) and penunjang under two Puskesmas
    (Rp 30 + Rp 20); a zero-pagu listing of the only-plan code, as SIPD exports it."""
    shared = rincian(
        (RincianKind.SUMBER_DANA, DAU, "120"),
        (RincianKind.REKENING, OPERASI, "120"),
    )
    modal = rincian((RincianKind.SUMBER_DANA, DAK, "80"), (RincianKind.REKENING, MODAL, "80"))
    return budget(
        [
            budget_item(SHARED, "Pengadaan dan Pemeliharaan Alat Kalibrasi", "120", lines=shared),
            budget_item(ONLY_BUDGET, "Pengembangan Puskesmas", "80", lines=modal),
            budget_item(PENUNJANG, "Penyediaan Komponen Instalasi Listrik", "30", unit=PUSKESMAS[0]),
            budget_item(PENUNJANG, "Penyediaan Komponen Instalasi Listrik", "20", unit=PUSKESMAS[1]),
            budget_item(ONLY_PLAN, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "0"),
        ],
        **options,  # type: ignore[arg-type]
    )


def dinkes_renja() -> Plan:
    """Shared (Rp 100), only-plan (Rp 60) and penunjang (Rp 50)."""
    return renja(
        [
            planned(SHARED, "Pengadaan dan Pemeliharaan Alat Kalibrasi", "100"),
            planned(ONLY_PLAN, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "60"),
            planned(PENUNJANG, "Penyediaan Komponen Instalasi Listrik", "50"),
        ]
    )
