"""The Selaras workbook format: sheets, Indonesian column headers, types and fixed values — the one source of truth.

One workbook (or one folder of CSV files with the same headers) holds one planning document completely, so that
export → import gives the same :class:`~selaras.domain.Plan` back. The writer, the template, the ``Petunjuk``
(instructions) sheet and the reader are all generated from the declarations below; change a header here and every
part follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Generic, TypeVar

from selaras.domain import (
    Direction,
    DocumentKind,
    DocumentStatus,
    IndicatorKind,
    ItemLevel,
    LinkKind,
    LinkOrigin,
    LinkStatus,
    Period,
    RincianKind,
)

__all__ = [
    "ANGGARAN",
    "ANGGARAN_SHEET",
    "DOKUMEN",
    "DOKUMEN_SHEET",
    "INDIKATOR",
    "ITEM",
    "ITEM_SHEET",
    "PETUNJUK",
    "REALISASI",
    "REALISASI_SHEET",
    "RINCIAN",
    "RINCIAN_SHEET",
    "TARGET_PREFIX",
    "TAUTAN",
    "TAUTAN_SHEET",
    "ChoiceColumn",
    "Column",
    "ColumnType",
    "SheetSpec",
    "indikator_sheet",
    "sheets",
    "target_header",
]

E = TypeVar("E", bound=StrEnum)


class ColumnType(Enum):
    TEXT = "teks"
    CODE = "kode (teks)"
    NUMBER = "angka"
    INTEGER = "bilangan bulat"
    CHOICE = "pilihan"
    DATETIME = "waktu ISO"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header as the planner sees it, its type, and the help text of the ``Petunjuk`` sheet."""

    header: str
    type: ColumnType
    help: str
    example: str = ""
    required: bool = False
    width: int = 16

    @property
    def choices(self) -> tuple[str, ...]:
        return ()

    @property
    def is_text(self) -> bool:
        """Cells Excel must keep as typed (``5.01`` stays text, not the number 5,01)."""
        return self.type in (ColumnType.TEXT, ColumnType.CODE, ColumnType.DATETIME)


@dataclass(frozen=True, slots=True)
class ChoiceColumn(Column, Generic[E]):
    """A fixed-value column (a dropdown in Excel); read case-insensitively, ``sub kegiatan`` = ``sub_kegiatan``."""

    enum: type[E] = field(kw_only=True)

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(member.value for member in self.enum)


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """A sheet and its CSV twin. An optional sheet (``required=False``) may be empty, but not left out: a
    workbook replaces the whole stored document, so a missing sheet would delete what it ``holds`` — the
    reader refuses the file and says so."""

    name: str
    csv_name: str
    purpose: str
    columns: tuple[Column, ...]
    required: bool = True
    holds: str = ""

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


def _choice(header: str, enum: type[E], help: str, example: str, *, required: bool = False) -> ChoiceColumn[E]:
    return ChoiceColumn(header, ColumnType.CHOICE, help, example, required, enum=enum)


class DOKUMEN:
    """Columns of the Dokumen sheet, in sheet order."""

    KIND = _choice("Jenis Dokumen", DocumentKind, "Jenis dokumen perencanaan", "RENJA", required=True)
    PEMDA = Column("Kode Pemda", ColumnType.CODE, "Kode wilayah Kemendagri pemilik dokumen", "62.71", True)
    PD = Column(
        "Kode PD",
        ColumnType.CODE,
        "Kode perangkat daerah pemilik (RENSTRA, RENJA, IKU, KUA_PPAS dan APBD)",
        "1.01.01",
    )
    PERIOD = Column("Periode", ColumnType.CODE, "Tahun awal-tahun akhir, atau satu tahun", "2026", True)
    VERSION = Column(
        "Versi",
        ColumnType.CODE,
        "Nama versi dokumen; kosong berarti final. KUA_PPAS dan APBD: murni atau perubahan (kosong berarti murni)",
        "final",
    )
    STATUS = _choice("Status", DocumentStatus, "Status dokumen; kosong berarti draft", "draft")
    TITLE = Column("Judul", ColumnType.TEXT, "Judul dokumen", "Renja Dinas Pendidikan 2026", width=48)


class ITEM:
    """Columns of the Item sheet, in sheet order."""

    KEY = Column(
        "Kunci", ColumnType.CODE, "Kunci unik item: kode nomenklatur, atau M1, M1.T1, P1...", "1.01.02.2.01", True
    )
    PARENT = Column("Kunci Induk", ColumnType.CODE, "Kunci item induk; kosong untuk item teratas", "1.01.02")
    LEVEL = _choice("Tingkat", ItemLevel, "Tingkat item", "kegiatan", required=True)
    CODE = Column(
        "Kode Nomenklatur", ColumnType.CODE, "Kode program/kegiatan/sub kegiatan (Kepmendagri)", "1.01.02.2.01"
    )
    TEXT = Column("Uraian", ColumnType.TEXT, "Nama atau rumusan item", "Pengelolaan Pendidikan Sekolah Dasar", True, 60)
    PD = Column("Kode PD", ColumnType.CODE, "Perangkat daerah pelaksana", "1.01.01")
    LOKASI = Column("Lokasi", ColumnType.TEXT, "Lokasi kegiatan", "Kec. Jekan Raya", width=24)
    ORDER = Column(
        "Urutan", ColumnType.INTEGER, "Nomor urut di antara item; kosong berarti urutan baris", "1", width=10
    )
    UNIT = Column(
        "Sub Unit",
        ColumnType.TEXT,
        "Sub unit pelaksana (Puskesmas, Bagian, UPTD); kosong berarti perangkat daerah itu sendiri",
        "Puskesmas Pahandut",
        width=28,
    )


class INDIKATOR:
    """Columns of the Indikator sheet that come before its ``Target YYYY`` columns, in sheet order."""

    ITEM = Column("Kunci Item", ColumnType.CODE, "Kunci item pemilik indikator (lembar Item)", "1.01.02.2.01", True)
    NAME = Column("Nama Indikator", ColumnType.TEXT, "Rumusan indikator", "Persentase sekolah terakreditasi", True, 48)
    SATUAN = Column("Satuan", ColumnType.TEXT, "Satuan ukur", "%", width=12)
    KIND = _choice("Jenis Indikator", IndicatorKind, "Jenis indikator; kosong berarti lainnya", "outcome")
    BASELINE = Column("Kondisi Awal", ColumnType.NUMBER, "Kondisi awal (baseline); boleh kosong", "72,5")
    DIRECTION = _choice("Arah", Direction, "Arah yang diharapkan; kosong berarti naik", "naik")


class ANGGARAN:
    """Columns of the Anggaran sheet, in sheet order."""

    ITEM = Column("Kunci Item", ColumnType.CODE, "Kunci item yang dianggarkan (lembar Item)", "1.01.02.2.01", True)
    YEAR = Column("Tahun", ColumnType.INTEGER, "Tahun anggaran, di dalam periode dokumen", "2026", True, 10)
    PAGU = Column("Pagu", ColumnType.NUMBER, "Pagu dalam rupiah, nol atau lebih", "1.250.000.000", True, 20)
    REALISASI = Column("Realisasi", ColumnType.NUMBER, "Realisasi dalam rupiah; kosong bila belum ada", "", width=20)
    SUMBER = Column("Sumber Dana", ColumnType.TEXT, "Sumber dana; satu baris per sumber", "DAU", width=20)


class RINCIAN:
    """Columns of the Rincian sheet, in sheet order."""

    ITEM = Column("Kunci Item", ColumnType.CODE, "Kunci item yang dirinci (lembar Item)", "1.01.02.2.01.0001", True)
    YEAR = Column("Tahun", ColumnType.INTEGER, "Tahun anggaran, di dalam periode dokumen", "2026", True, 10)
    KIND = _choice("Jenis Rincian", RincianKind, "Rincian menurut sumber dana atau rekening", "rekening", required=True)
    KODE = Column("Kode", ColumnType.CODE, "Kode sumber dana atau kode rekening; kode atau nama harus diisi", "5.2.02")
    NAMA = Column("Nama", ColumnType.TEXT, "Nama sumber dana atau rekening", "Belanja Modal Peralatan", width=40)
    PAGU = Column("Pagu", ColumnType.NUMBER, "Pagu dalam rupiah, nol atau lebih", "250.000.000", True, 20)


class TAUTAN:
    """Columns of the Tautan sheet, in sheet order."""

    SOURCE = Column("Kunci Item Sumber", ColumnType.CODE, "Item dokumen ini yang mendukung", "1.01.02", True)
    TARGET_DOCUMENT = Column(
        "Dokumen Tujuan",
        ColumnType.CODE,
        "Kunci dokumen tujuan: pemda/JENIS/PD/periode/versi (PD - bila tidak ada)",
        "00/RPJMN/-/2025-2029/final",
        True,
        30,
    )
    TARGET_ITEM = Column("Kunci Item Tujuan", ColumnType.CODE, "Kunci item di dokumen tujuan", "PN4.S2", True)
    KIND = _choice("Jenis Tautan", LinkKind, "Jenis hubungan; kosong berarti supports", "supports")
    ORIGIN = _choice("Asal", LinkOrigin, "Asal tautan; kosong berarti manual", "manual")
    STATUS = _choice("Status", LinkStatus, "Status tautan; kosong berarti accepted", "accepted")
    SCORE = Column("Skor", ColumnType.NUMBER, "Skor kemiripan dari saran otomatis", "0,82", width=10)
    DECIDED_BY = Column("Diputuskan Oleh", ColumnType.TEXT, "Nama yang memutuskan", "Bappeda", width=20)
    DECIDED_AT = Column(
        "Waktu Keputusan", ColumnType.DATETIME, "Waktu keputusan", "2025-03-01T10:00:00+07:00", width=26
    )


_INDIKATOR_FIXED = (
    INDIKATOR.ITEM,
    INDIKATOR.NAME,
    INDIKATOR.SATUAN,
    INDIKATOR.KIND,
    INDIKATOR.BASELINE,
    INDIKATOR.DIRECTION,
)
TARGET_PREFIX = "Target"


def target_header(year: int) -> str:
    """``Target 2026``: the header of a year's target column (the reader finds the year in it again)."""
    return f"{TARGET_PREFIX} {year}"


def _target_column(year: int) -> Column:
    return Column(target_header(year), ColumnType.NUMBER, f"Target tahun {year}; boleh kosong", "80", width=12)


DOKUMEN_SHEET = SheetSpec(
    "Dokumen",
    "dokumen.csv",
    "Satu baris: dokumen apa, milik siapa, periode dan versinya.",
    (DOKUMEN.KIND, DOKUMEN.PEMDA, DOKUMEN.PD, DOKUMEN.PERIOD, DOKUMEN.VERSION, DOKUMEN.STATUS, DOKUMEN.TITLE),
)
ITEM_SHEET = SheetSpec(
    "Item",
    "item.csv",
    "Pohon dokumen dari visi sampai sub kegiatan, satu item per baris sesuai urutan dokumen.",
    (ITEM.KEY, ITEM.PARENT, ITEM.LEVEL, ITEM.CODE, ITEM.TEXT, ITEM.PD, ITEM.LOKASI, ITEM.ORDER, ITEM.UNIT),
)
ANGGARAN_SHEET = SheetSpec(
    "Anggaran",
    "anggaran.csv",
    "Pagu per item per tahun; beberapa sumber dana pada tahun yang sama ditulis dalam beberapa baris.",
    (ANGGARAN.ITEM, ANGGARAN.YEAR, ANGGARAN.PAGU, ANGGARAN.REALISASI, ANGGARAN.SUMBER),
    required=False,
    holds="semua pagu",
)
RINCIAN_SHEET = SheetSpec(
    "Rincian",
    "rincian.csv",
    "Rincian pagu tahap anggaran (KUA-PPAS, APBD) per item menurut sumber dana dan menurut rekening; "
    "satu baris per sumber dana atau rekening.",
    (RINCIAN.ITEM, RINCIAN.YEAR, RINCIAN.KIND, RINCIAN.KODE, RINCIAN.NAMA, RINCIAN.PAGU),
    required=False,
    holds="semua rincian pagu",
)
TAUTAN_SHEET = SheetSpec(
    "Tautan",
    "tautan.csv",
    "Tautan dari item dokumen ini ke item dokumen lain (misalnya prioritas nasional).",
    (
        TAUTAN.SOURCE,
        TAUTAN.TARGET_DOCUMENT,
        TAUTAN.TARGET_ITEM,
        TAUTAN.KIND,
        TAUTAN.ORIGIN,
        TAUTAN.STATUS,
        TAUTAN.SCORE,
        TAUTAN.DECIDED_BY,
        TAUTAN.DECIDED_AT,
    ),
    required=False,
    holds="semua tautan",
)
PETUNJUK = "Petunjuk"


class REALISASI:
    """Columns of the Realisasi sheet (``selaras import-realisasi``), in sheet order."""

    ITEM = Column("Kunci Item", ColumnType.CODE, "Kunci item Renja yang direalisasikan", "1.01.02.2.01.0001", True)
    TRIWULAN = Column("Triwulan", ColumnType.INTEGER, "Triwulan 1-4 (boleh ditulis I-IV)", "2", True, 10)
    INDICATOR = Column(
        "Nama Indikator", ColumnType.TEXT, "Indikator Renja; kosong pada baris yang hanya berisi anggaran", "", width=48
    )
    KINERJA = Column("Realisasi Kinerja", ColumnType.NUMBER, "Realisasi fisik triwulan itu saja", "3", width=16)
    ANGGARAN = Column("Realisasi Anggaran", ColumnType.NUMBER, "Rupiah yang dibelanjakan triwulan itu", "", width=20)


REALISASI_SHEET = SheetSpec(
    "Realisasi",
    "realisasi.csv",
    "Realisasi kinerja dan anggaran item Renja per triwulan (angka triwulan itu saja, bukan kumulatif); satu "
    "baris per item, triwulan dan indikator. Tidak termasuk lembar dokumen: diimpor dengan selaras import-realisasi.",
    (REALISASI.ITEM, REALISASI.TRIWULAN, REALISASI.INDICATOR, REALISASI.KINERJA, REALISASI.ANGGARAN),
    required=False,
)


def indikator_sheet(period: Period | None) -> SheetSpec:
    """Fixed columns, then one ``Target YYYY`` per year of the period (none while the period is unknown)."""
    return SheetSpec(
        "Indikator",
        "indikator.csv",
        "Indikator kinerja item dengan kondisi awal dan target per tahun; satu indikator per baris.",
        (*_INDIKATOR_FIXED, *(_target_column(year) for year in (period.years if period else ()))),
        required=False,
        holds="semua indikator",
    )


def sheets(period: Period | None) -> tuple[SheetSpec, ...]:
    """The data sheets in workbook order; the Indikator sheet depends on the period (one target column a year)."""
    return (DOKUMEN_SHEET, ITEM_SHEET, indikator_sheet(period), ANGGARAN_SHEET, RINCIAN_SHEET, TAUTAN_SHEET)
