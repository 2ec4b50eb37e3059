"""Wording of the sample documents: themes of misi, sasaran with their indicators, regional priorities.

Every title carries ``[SAMPEL]`` so nobody mistakes generated text for a real pemda's plan. The sentences
imitate real RPJPD/RPJMD documents (visi "Terwujudnya ... 2045", misi "Meningkatkan ..."); the names of the
pemda are real, the plans are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from selaras.domain import Direction, Pemda, PemdaLevel

__all__ = [
    "PRIORITIES",
    "SAMPLE",
    "THEMES",
    "IndicatorSpec",
    "PrioritySpec",
    "SasaranSpec",
    "Theme",
    "output_indicator",
    "program_outcome",
    "short_name",
]

SAMPLE = "[SAMPEL]"


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """An indicator template: baseline drawn from ``low``..``high``, target moving ``step`` a year."""

    name: str
    satuan: str
    direction: Direction
    low: float
    high: float
    step: float


@dataclass(frozen=True, slots=True)
class SasaranSpec:
    """A sasaran of a theme; ``bidang`` lists the bidang urusan whose programs serve it."""

    ident: str
    text: str
    indicator: IndicatorSpec
    bidang: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Theme:
    """One development theme: a misi (several phrasings), its tujuan and sasaran, and the Asta Cita it serves."""

    ident: str
    misi: tuple[str, ...]
    tujuan: str
    tujuan_indicator: IndicatorSpec
    sasaran: tuple[SasaranSpec, ...]
    asta_cita: tuple[int, ...]
    required: bool = True


def _ind(name: str, satuan: str, direction: Direction, low: float, high: float, step: float) -> IndicatorSpec:
    return IndicatorSpec(name, satuan, direction, low, high, step)


NAIK, TURUN = Direction.NAIK, Direction.TURUN

THEMES: tuple[Theme, ...] = (
    Theme(
        "sdm",
        (
            "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas, berkarakter dan berdaya saing",
            "Meningkatkan kualitas sumber daya manusia yang unggul, produktif dan berakhlak mulia",
        ),
        "Meningkatkan kualitas hidup dan daya saing sumber daya manusia",
        _ind("Indeks Pembangunan Manusia", "Indeks", NAIK, 70.5, 74.5, 0.55),
        (
            SasaranSpec(
                "pendidikan",
                "Meningkatnya kualitas dan pemerataan pendidikan",
                _ind("Rata-rata Lama Sekolah", "Tahun", NAIK, 8.3, 9.4, 0.12),
                ("1.01", "2.23", "2.19"),
            ),
            SasaranSpec(
                "kesehatan",
                "Meningkatnya derajat kesehatan masyarakat",
                _ind("Usia Harapan Hidup", "Tahun", NAIK, 69.5, 71.5, 0.15),
                ("1.02", "2.14", "2.09"),
            ),
            SasaranSpec(
                "stunting",
                "Menurunnya prevalensi stunting pada balita",
                _ind("Prevalensi Stunting pada Balita", "%", TURUN, 21.0, 27.0, 1.6),
                ("2.08",),
            ),
        ),
        (4,),
    ),
    Theme(
        "ekonomi",
        (
            "Mewujudkan pertumbuhan ekonomi yang inklusif dan berkelanjutan berbasis potensi unggulan daerah",
            "Memperkuat kemandirian ekonomi daerah melalui hilirisasi komoditas unggulan dan ekonomi kerakyatan",
        ),
        "Meningkatkan kesejahteraan masyarakat secara merata",
        _ind("PDRB per Kapita", "Juta Rupiah", NAIK, 48.0, 62.0, 2.4),
        (
            SasaranSpec(
                "pertumbuhan",
                "Meningkatnya pertumbuhan ekonomi daerah",
                _ind("Laju Pertumbuhan Ekonomi", "%", NAIK, 4.1, 5.2, 0.15),
                ("3.26", "3.27", "3.25", "3.30", "3.31", "2.18", "2.17", "3.29"),
            ),
            SasaranSpec(
                "kemiskinan",
                "Menurunnya tingkat kemiskinan",
                _ind("Persentase Penduduk Miskin", "%", TURUN, 4.6, 6.9, 0.22),
                ("1.06", "2.13", "3.32"),
            ),
            SasaranSpec(
                "pengangguran",
                "Menurunnya tingkat pengangguran terbuka",
                _ind("Tingkat Pengangguran Terbuka", "%", TURUN, 3.6, 4.8, 0.12),
                ("2.07",),
            ),
        ),
        (3, 5),
    ),
    Theme(
        "infrastruktur",
        (
            "Mempercepat pembangunan infrastruktur yang merata, berkualitas dan terintegrasi",
            "Mewujudkan infrastruktur wilayah yang andal untuk konektivitas dan pelayanan dasar",
        ),
        "Meningkatkan ketersediaan dan kualitas infrastruktur wilayah",
        _ind("Indeks Infrastruktur Wilayah", "Indeks", NAIK, 58.0, 66.0, 1.2),
        (
            SasaranSpec(
                "konektivitas",
                "Meningkatnya kualitas jalan dan konektivitas antarwilayah",
                _ind("Persentase Panjang Jalan dalam Kondisi Mantap", "%", NAIK, 62.0, 74.0, 2.6),
                ("1.03", "2.15"),
            ),
            SasaranSpec(
                "permukiman",
                "Meningkatnya akses masyarakat terhadap hunian dan permukiman layak",
                _ind("Persentase Rumah Tangga dengan Akses Hunian Layak", "%", NAIK, 58.0, 70.0, 2.1),
                ("1.04", "2.10"),
            ),
        ),
        (3, 6),
    ),
    Theme(
        "lingkungan",
        (
            "Mewujudkan pengelolaan sumber daya alam dan lingkungan hidup yang lestari serta tangguh bencana",
            "Menjaga kelestarian hutan, sungai dan lingkungan hidup serta ketangguhan terhadap bencana",
        ),
        "Meningkatkan kualitas lingkungan hidup dan ketahanan bencana",
        _ind("Indeks Pembangunan Lingkungan Hidup", "Indeks", NAIK, 66.0, 73.0, 0.6),
        (
            SasaranSpec(
                "lingkungan",
                "Meningkatnya kualitas lingkungan hidup",
                _ind("Indeks Kualitas Lingkungan Hidup", "Indeks", NAIK, 67.0, 74.0, 0.5),
                ("2.11", "3.28"),
            ),
            SasaranSpec(
                "bencana",
                "Menurunnya risiko bencana daerah",
                _ind("Indeks Risiko Bencana", "Indeks", TURUN, 118.0, 146.0, 3.2),
                ("1.05",),
            ),
        ),
        (2, 8),
        required=False,
    ),
    Theme(
        "sosial",
        (
            "Memperkuat kehidupan sosial budaya yang harmonis, religius dan berlandaskan kearifan lokal",
            "Meningkatkan ketenteraman, kerukunan dan pelestarian budaya daerah",
        ),
        "Meningkatkan harmoni sosial dan ketahanan budaya masyarakat",
        _ind("Indeks Pembangunan Kebudayaan", "Indeks", NAIK, 52.0, 60.0, 0.9),
        (
            SasaranSpec(
                "kerukunan",
                "Meningkatnya kerukunan dan ketenteraman masyarakat",
                _ind("Indeks Kerukunan Umat Beragama", "Indeks", NAIK, 72.0, 78.0, 0.5),
                ("8.01", "7.01"),
            ),
            SasaranSpec(
                "budaya",
                "Meningkatnya pelestarian nilai budaya daerah",
                _ind("Persentase Cagar Budaya yang Dilestarikan", "%", NAIK, 40.0, 55.0, 3.0),
                ("2.22", "2.24"),
            ),
        ),
        (1, 8),
        required=False,
    ),
    Theme(
        "tata_kelola",
        (
            "Mewujudkan tata kelola pemerintahan yang bersih, efektif, akuntabel dan melayani",
            "Mewujudkan reformasi birokrasi dan pelayanan publik berbasis digital",
        ),
        "Meningkatkan kualitas tata kelola pemerintahan daerah",
        _ind("Indeks Reformasi Birokrasi", "Nilai", NAIK, 58.0, 66.0, 1.4),
        (
            SasaranSpec(
                "akuntabilitas",
                "Meningkatnya akuntabilitas kinerja dan keuangan pemerintah daerah",
                _ind("Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah", "Nilai", NAIK, 61.0, 69.0, 1.5),
                ("4.01", "4.02", "5.01", "5.02", "5.05", "6.01", "5.06"),
            ),
            SasaranSpec(
                "pelayanan",
                "Meningkatnya kualitas pelayanan publik",
                _ind("Indeks Kepuasan Masyarakat", "Indeks", NAIK, 78.0, 83.0, 0.7),
                ("2.12", "2.16", "2.20", "2.21", "5.03", "5.04"),
            ),
        ),
        (7,),
    ),
)


@dataclass(frozen=True, slots=True)
class PrioritySpec:
    """A regional priority: the theme/sasaran it pushes and the prioritas nasional (``PN n``) it supports."""

    text: str
    sasaran: str
    prioritas_nasional: int


PRIORITIES: tuple[PrioritySpec, ...] = (
    PrioritySpec("Peningkatan akses dan mutu pendidikan", "pendidikan", 4),
    PrioritySpec("Peningkatan layanan kesehatan dan percepatan penurunan stunting", "kesehatan", 4),
    PrioritySpec("Pembangunan jalan, jembatan dan konektivitas antarwilayah", "konektivitas", 3),
    PrioritySpec("Penguatan ketahanan pangan dan hilirisasi komoditas unggulan", "pertumbuhan", 2),
    PrioritySpec("Pengentasan kemiskinan dan perlindungan sosial", "kemiskinan", 6),
    PrioritySpec("Perluasan kesempatan kerja dan pelatihan vokasi", "pengangguran", 3),
    PrioritySpec("Pengendalian kebakaran hutan dan lahan serta mitigasi bencana", "bencana", 8),
    PrioritySpec("Reformasi birokrasi dan pelayanan publik berbasis digital", "pelayanan", 7),
    PrioritySpec("Penguatan akuntabilitas dan pencegahan korupsi", "akuntabilitas", 7),
)

VISI_QUALITIES = (
    ("maju", "sejahtera", "berkelanjutan"),
    ("unggul", "berdaya saing", "lestari"),
    ("mandiri", "adil", "berbudaya"),
    ("sejahtera", "religius", "tangguh"),
)


def short_name(pemda: Pemda) -> str:
    """How a visi names the region: ``Kalimantan Tengah``, ``Kotawaringin Barat``, ``Kota Palangkaraya``."""
    if pemda.level is PemdaLevel.KABUPATEN:
        return pemda.nama.removeprefix("Kabupaten ")
    return pemda.nama


def _phrase(name: str) -> str:
    words = name.strip()
    return words[0].lower() + words[1:] if words else words


_OUTPUT_RULES: tuple[tuple[tuple[str, ...], str, str, bool], ...] = (
    # (keywords in the name, indicator pattern, satuan, constant over the years)
    (("Dokumen", "Penyusunan", "Perencanaan", "Evaluasi", "Laporan"), "Jumlah dokumen hasil {}", "Dokumen", True),
    (("Koordinasi", "Fasilitasi", "Sinkronisasi", "Pengawasan", "Monitoring", "Pengendalian"),
     "Jumlah laporan hasil {}", "Laporan", True),
    (("Pelatihan", "Peningkatan Kapasitas", "Pembinaan", "Bimbingan", "Sosialisasi", "Penyuluhan"),
     "Jumlah orang yang mengikuti {}", "Orang", False),
    (("Pembangunan", "Rehabilitasi", "Pemeliharaan", "Pengadaan", "Rekonstruksi", "Peningkatan"),
     "Jumlah unit hasil {}", "Unit", False),
    (("Penyediaan", "Pelayanan", "Layanan", "Pengelolaan"), "Jumlah paket {} yang terlaksana", "Paket", False),
)  # fmt: skip


def output_indicator(name: str) -> tuple[str, str, bool]:
    """A measurable output indicator for a kegiatan or sub kegiatan: (name, satuan, constant target).

    Real Renstra write e.g. "Jumlah Dokumen Perencanaan Perangkat Daerah" for "Penyusunan Dokumen
    Perencanaan Perangkat Daerah"; keyword rules give the same kind of wording for any nomenclature name.
    """
    for keywords, pattern, satuan, constant in _OUTPUT_RULES:
        if any(keyword in name for keyword in keywords):
            return pattern.format(_phrase(name)), satuan, constant
    return f"Jumlah kegiatan {_phrase(name)} yang terlaksana", "Kegiatan", False


def program_outcome(program_name: str, *, penunjang: bool) -> IndicatorSpec:
    """The outcome indicator of a program: a percentage of achievement, or the SAKIP value for penunjang."""
    if penunjang:
        return _ind("Nilai Akuntabilitas Kinerja Perangkat Daerah", "Nilai", NAIK, 62.0, 72.0, 1.8)
    subject = _phrase(program_name.removeprefix("PROGRAM ").lower())
    return _ind(f"Persentase capaian kinerja {subject}", "%", NAIK, 66.0, 80.0, 2.5)
